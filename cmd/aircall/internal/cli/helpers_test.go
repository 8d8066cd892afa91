package cli

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// fixedNow is the fake's clock in golden tests, so that outputs are stable.
var fixedNow = time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)

// testClientOpts turn the SDK's pacing off: the fakes in these tests do
// not limit, and tests that page would wait a second a page.
var testClientOpts = []aircall.Option{aircall.WithoutRateLimit()}

// result is what one run of the command produced.
type result struct {
	out, err string
	code     int
}

// syncBuffer is a bytes.Buffer safe to read while a command writes to it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// env is a test environment: variables and a private config file.
type env map[string]string

func newEnv(t *testing.T) env {
	return env{"AIRCALL_CONFIG": filepath.Join(t.TempDir(), "aircall", "config.json")}
}

// fakeEnv starts a fake with a fixed clock and returns an environment whose
// credentials point at it.
func fakeEnv(t *testing.T, opts ...aircalltest.ServerOption) (env, *aircalltest.Server) {
	t.Helper()
	base := []aircalltest.ServerOption{aircalltest.WithClock(func() time.Time { return fixedNow }), aircalltest.WithoutRateLimit()}
	s := aircalltest.NewServer(append(base, opts...)...)
	t.Cleanup(s.Close)
	e := newEnv(t)
	e["AIRCALL_BASE_URL"] = s.URL()
	e["AIRCALL_API_ID"] = aircalltest.DefaultAPIID
	e["AIRCALL_API_TOKEN"] = aircalltest.DefaultAPIToken
	return e, s
}

// run runs the aircall command with args, stdin and the environment.
func (e env) run(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	return e.runApp(t, nil, stdin, args...)
}

func (e env) io(stdin string) (*IO, *syncBuffer, *syncBuffer) {
	out, errb := &syncBuffer{}, &syncBuffer{}
	return &IO{In: strings.NewReader(stdin), Out: out, Err: errb, Getenv: func(k string) string { return e[k] }}, out, errb
}

func (e env) runApp(t *testing.T, setup func(*App), stdin string, args ...string) result {
	t.Helper()
	return e.runCtx(t, t.Context(), setup, stdin, args...)
}

func (e env) runCtx(t *testing.T, ctx context.Context, setup func(*App), stdin string, args ...string) result {
	t.Helper()
	io, out, errb := e.io(stdin)
	code := run(ctx, args, io, func(a *App) {
		a.clientOpts = testClientOpts
		if setup != nil {
			setup(a)
		}
	})
	return result{out: out.String(), err: errb.String(), code: code}
}

// golden compares got with testdata/golden/name (rewritten with -update).
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create it")
	assert.Equal(t, string(want), got, "golden file %s (go test -update rewrites it)", path)
}
