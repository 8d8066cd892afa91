package redislimit

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// redisAddr is where the tests find Redis: $AIRCALL_REDIS_ADDR, else the
// default port. .ci/run starts a server and sets AIRCALL_REDIS_REQUIRED=1,
// so that CI fails instead of skipping when it is missing.
func TestMain(m *testing.M) {
	redis.SetLogger(quietLogger{}) // the unreachable-Redis tests would flood the output
	os.Exit(m.Run())
}

type quietLogger struct{}

func (quietLogger) Printf(context.Context, string, ...any) {}

func redisAddr() string {
	if a := os.Getenv("AIRCALL_REDIS_ADDR"); a != "" {
		return a
	}
	return "127.0.0.1:6379"
}

// newRedis returns a client to the test Redis, or skips the test (fails it
// in CI) when none answers.
func newRedis(t *testing.T) *redis.Client {
	t.Helper()
	rdb := redis.NewClient(&redis.Options{Addr: redisAddr(), DialTimeout: time.Second})
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Second)
	defer cancel()
	if err := rdb.Ping(ctx).Err(); err != nil {
		_ = rdb.Close()
		msg := fmt.Sprintf("no Redis server at %s (%v): start one (redis-server --port 6379) or set AIRCALL_REDIS_ADDR; .ci/run does both", redisAddr(), err)
		if os.Getenv("AIRCALL_REDIS_REQUIRED") == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	t.Cleanup(func() { _ = rdb.Close() })
	return rdb
}

// uniqueKey keeps parallel tests (and earlier runs) apart.
func uniqueKey(t *testing.T) string {
	return fmt.Sprintf("test:%s:%d", strings.ReplaceAll(t.Name(), "/", "_"), time.Now().UnixNano())
}

func TestNew_validation(t *testing.T) {
	t.Parallel()
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1"})
	t.Cleanup(func() { _ = rdb.Close() })
	_, err := New(nil, "k")
	assert.ErrorContains(t, err, "nil redis")
	_, err = New(rdb, " ")
	assert.ErrorContains(t, err, "empty key")
	_, err = New(rdb, "k", WithRate(0, 1))
	assert.Error(t, err)
	_, err = New(rdb, "k", WithRate(10, 11))
	assert.Error(t, err)
	_, err = New(rdb, "k", WithFailureMode(FailureMode(7)))
	assert.Error(t, err)
	_, err = New(rdb, "k", WithOpTimeout(0))
	assert.Error(t, err)
	_, err = New(rdb, "k", WithResetBuffer(-1))
	assert.Error(t, err)
	l, err := New(rdb, "k")
	require.NoError(t, err)
	assert.Equal(t, 60, l.limit.Rate)
	assert.Equal(t, 1, l.limit.Burst)
	assert.Equal(t, FallbackLocal, l.mode, "fallback is the default")
	assert.Equal(t, "FailClosed", FailClosed.String())
	assert.Equal(t, "FailureMode(9)", FailureMode(9).String())
}

func TestKeys(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "aircall:apiid:abc123", KeyForAPIID("abc123"))
	k := KeyForToken("2d492d492d492d492d492d492d492d")
	assert.NotContains(t, k, "2d492d492d492d")
	assert.Equal(t, k, KeyForToken("2d492d492d492d492d492d492d492d"), "stable")
	assert.NotEqual(t, k, KeyForToken("other"))
	assert.Len(t, strings.TrimPrefix(k, "aircall:token:"), 32)
}

func TestWait_sharedBudgetAcrossLimiters(t *testing.T) {
	t.Parallel()
	key := uniqueKey(t)
	// Two limiters on two connections, as two processes would have.
	const perMinute = 12000 // 200/s keeps the test well under a second
	a, err := New(newRedis(t), key, WithRate(perMinute, 1))
	require.NoError(t, err)
	b, err := New(newRedis(t), key, WithRate(perMinute, 1))
	require.NoError(t, err)

	var mu sync.Mutex
	var times []time.Time
	var wg sync.WaitGroup
	start := time.Now()
	for i := range 4 {
		l := a
		if i%2 == 1 {
			l = b
		}
		wg.Go(func() {
			for range 25 {
				require.NoError(t, l.Wait(t.Context()))
				mu.Lock()
				times = append(times, time.Now())
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	interval := time.Minute / perMinute
	// 100 slots at one per interval, the first at once: at least 99 intervals.
	assert.GreaterOrEqual(t, elapsed, 99*interval*95/100, "the two limiters shared one budget")
	assert.Less(t, elapsed, 99*interval*3, "and used it")
}

// fakeClock drives a Limiter's clock and sleeps without real waiting.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sleeps = append(c.sleeps, d)
	c.now = c.now.Add(d)
	return ctx.Err()
}

func TestObserve_holdIsShared(t *testing.T) {
	t.Parallel()
	key := uniqueKey(t)
	clock := &fakeClock{now: time.Now()}
	a, err := New(newRedis(t), key, WithRate(6000, 1))
	require.NoError(t, err)
	b, err := New(newRedis(t), key, WithRate(6000, 1))
	require.NoError(t, err)
	a.now = clock.Now
	b.now, b.sleep = clock.Now, clock.Sleep

	// Process A learns the budget is spent until 30 s from now.
	a.Observe(aircall.Rate{Remaining: 0, Reset: clock.Now().Add(30 * time.Second)})

	// Process B holds its next request until then, plus the buffer.
	require.NoError(t, b.Wait(t.Context()))
	require.NotEmpty(t, clock.sleeps)
	assert.InDelta(t, 30*time.Second+defaultResetBuffer, clock.sleeps[0], float64(time.Millisecond))

	// A later, shorter hold never shortens the current one.
	a.Observe(aircall.Rate{Remaining: 0, Reset: clock.Now().Add(40 * time.Second)})
	a.Observe(aircall.Rate{Remaining: 0, Reset: clock.Now().Add(5 * time.Second)})
	clock.sleeps = nil
	require.NoError(t, b.Wait(t.Context()))
	assert.InDelta(t, 40*time.Second+defaultResetBuffer, clock.sleeps[0], float64(time.Millisecond))

	// Remaining > 0, or a Reset in the past, sets no hold.
	a.Observe(aircall.Rate{Remaining: 3, Reset: clock.Now().Add(time.Hour)})
	a.Observe(aircall.Rate{Remaining: 0, Reset: clock.Now().Add(-time.Second)})
	clock.sleeps = nil
	require.NoError(t, b.Wait(t.Context()))
	for _, d := range clock.sleeps {
		// Only the GCRA's own pacing (10 ms slots, on Redis's real clock) remains.
		assert.Less(t, d, 50*time.Millisecond, "no shared hold")
	}

	require.NoError(t, a.Reset(t.Context()))
}

func TestWait_holdPastDeadlineFailsAtOnce(t *testing.T) {
	t.Parallel()
	key := uniqueKey(t)
	a, err := New(newRedis(t), key)
	require.NoError(t, err)
	a.Observe(aircall.Rate{Remaining: 0, Reset: time.Now().Add(time.Minute)})
	ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	err = a.Wait(ctx)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 150*time.Millisecond, "fails at once, no hang")
}

func TestWait_redisUnreachable(t *testing.T) {
	t.Parallel()
	dead := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", MaxRetries: -1, DialTimeout: 100 * time.Millisecond})
	t.Cleanup(func() { _ = dead.Close() })

	closed, err := New(dead, "k", WithFailureMode(FailClosed))
	require.NoError(t, err)
	err = closed.Wait(t.Context())
	assert.ErrorIs(t, err, ErrRedisUnavailable)

	fallback, err := New(dead, "k", WithRate(60, 2))
	require.NoError(t, err)
	require.NoError(t, fallback.Wait(t.Context()), "falls back to a local limiter")
	require.NoError(t, fallback.Wait(t.Context()), "with the same burst")
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	err = fallback.Wait(ctx)
	assert.ErrorIs(t, err, context.DeadlineExceeded, "and the same budget: the third request must wait")
	fallback.Observe(aircall.Rate{Remaining: 0, Reset: time.Now().Add(time.Minute)}) // must not panic or block
}

func TestWait_redisHangsNeverPastDeadline(t *testing.T) {
	t.Parallel()
	// A server that accepts connections and never answers.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { _ = ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			t.Cleanup(func() { _ = c.Close() })
		}
	}()
	hung := redis.NewClient(&redis.Options{Addr: ln.Addr().String(), MaxRetries: -1, ReadTimeout: 5 * time.Second})
	t.Cleanup(func() { _ = hung.Close() })

	l, err := New(hung, "k", WithFailureMode(FailClosed), WithOpTimeout(100*time.Millisecond))
	require.NoError(t, err)
	start := time.Now()
	err = l.Wait(t.Context())
	assert.ErrorIs(t, err, ErrRedisUnavailable)
	assert.Less(t, time.Since(start), time.Second, "bounded by the op timeout")

	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	start = time.Now()
	err = l.Wait(ctx)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 500*time.Millisecond, "bounded by ctx's deadline")
}

func TestClients_shareTheServerHold(t *testing.T) {
	t.Parallel()
	key := uniqueKey(t)
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if calls.Add(1) == 1 {
			// The first answer says the company's budget is spent for 300 ms.
			w.Header().Set("X-AircallApi-Limit", "60")
			w.Header().Set("X-AircallApi-Remaining", "0")
			w.Header().Set("X-AircallApi-Reset", "0.3")
		}
		_, _ = w.Write([]byte(`{"ping":"pong"}`))
	}))
	t.Cleanup(srv.Close)

	newClient := func() *aircall.Client {
		lim, err := New(newRedis(t), key, WithRate(6000, 1), WithResetBuffer(50*time.Millisecond))
		require.NoError(t, err)
		c, err := aircall.NewClient(aircall.WithBaseURL(srv.URL), aircall.WithBasicAuth("id", "tok"), aircall.WithLimiter(lim))
		require.NoError(t, err)
		return c
	}
	first, second := newClient(), newClient()
	_, err := first.Ping(t.Context())
	require.NoError(t, err)
	start := time.Now()
	_, err = second.Ping(t.Context())
	require.NoError(t, err)
	assert.GreaterOrEqual(t, time.Since(start), 250*time.Millisecond, "the other client held its request until Reset")
}

func TestWait_cancelled(t *testing.T) {
	t.Parallel()
	l, err := New(newRedis(t), uniqueKey(t))
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	assert.True(t, errors.Is(l.Wait(ctx), context.Canceled))
}

// A Limit one process learns from the server paces every process: the
// raised budget applies everywhere, and so does a lowered one.
func TestObserve_limitIsShared(t *testing.T) {
	t.Parallel()
	key := uniqueKey(t)
	a, err := New(newRedis(t), key)
	require.NoError(t, err)
	b, err := New(newRedis(t), key)
	require.NoError(t, err)
	t.Cleanup(func() { _ = a.Reset(context.Background()) })

	require.NoError(t, b.Wait(t.Context()))
	assert.EqualValues(t, 60, b.learned.Load(), "WithRate's default before the server speaks")

	a.Observe(aircall.Rate{Limit: 120, Remaining: 100, Reset: time.Now().Add(time.Minute)})
	require.NoError(t, b.Wait(t.Context()))
	assert.EqualValues(t, 120, b.learned.Load(), "a raised limit reaches the other process")

	a.Observe(aircall.Rate{Limit: 30, Remaining: 20})
	require.NoError(t, b.Wait(t.Context()))
	assert.EqualValues(t, 30, b.learned.Load(), "and so does a lowered one")

	// An unknown Remaining next to a Reset holds nothing.
	a.Observe(aircall.Rate{Limit: 30, Remaining: -1, Reset: time.Now().Add(time.Minute)})
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	require.NoError(t, b.Wait(ctx))
}
