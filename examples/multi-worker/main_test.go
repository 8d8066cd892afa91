package main

import (
	"bytes"
	"context"
	"os"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// redisAddr finds the Redis the test uses, skipping (or failing in CI, where
// .ci/run starts one) when none answers.
func redisAddr(t *testing.T) string {
	t.Helper()
	addr := os.Getenv("AIRCALL_REDIS_ADDR")
	if addr == "" {
		addr = "127.0.0.1:6379"
	}
	rdb := redis.NewClient(&redis.Options{Addr: addr, DialTimeout: time.Second})
	defer rdb.Close()
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Second)
	defer cancel()
	if err := rdb.Ping(ctx).Err(); err != nil {
		msg := "no Redis at " + addr + ": start one or set AIRCALL_REDIS_ADDR (.ci/run does)"
		if os.Getenv("AIRCALL_REDIS_REQUIRED") == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return addr
}

func TestRun_againstTheFake(t *testing.T) {
	t.Parallel()
	addr := redisAddr(t)
	var stdout, stderr bytes.Buffer
	env := func(string) string { return "" }
	err := run(t.Context(), []string{"-workers", "3", "-duration", "5s", "-rate", "1200", "-window", "2s", "-redis", addr}, env, &stdout, &stderr)
	require.NoError(t, err, stderr.String())
	out := stdout.String()
	t.Log("\n" + out)
	assert.Contains(t, stderr.String(), "using aircalltest")
	assert.Regexp(t, `worker 1: +\d+ requests`, out)
	assert.Regexp(t, `worker 3: +\d+ requests`, out)
	assert.Contains(t, out, "the fake API refused 0 requests with 429")
	m := regexp.MustCompile(`= ([\d.]+)/min, budget 1200/min \(([\d.]+)%\), 0 failed`).FindStringSubmatch(out)
	require.NotNil(t, m, out)
	pct, _ := strconv.ParseFloat(m[2], 64)
	assert.Greater(t, pct, 85.0, "the workers used the shared budget")
	assert.LessOrEqual(t, pct, 105.0, "and did not overrun it")
}

func TestParseFlags(t *testing.T) {
	t.Parallel()
	env := func(k string) string { return map[string]string{"REDIS_ADDR": "redis:6379"}[k] }
	o, err := parseFlags(nil, env, &bytes.Buffer{})
	require.NoError(t, err)
	assert.Equal(t, options{workers: 4, duration: 30 * time.Second, redisAddr: "redis:6379", perMinute: 60, window: time.Minute}, o)
	_, err = parseFlags([]string{"-workers", "0"}, env, &bytes.Buffer{})
	assert.Error(t, err)
	_, err = parseFlags([]string{"-bogus"}, env, &bytes.Buffer{})
	assert.Error(t, err)
}
