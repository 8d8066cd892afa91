package aircall

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDebugLog_sameNamesAsObserver: the debug lines name the operation and
// its retries with the Observer's names, and never the query string.
func TestDebugLog_sameNamesAsObserver(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		var logs bytes.Buffer
		logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
		var n atomic.Int32
		c := newTestClient(t, func(r *http.Request) (*http.Response, error) {
			if n.Add(1) == 1 {
				return response(r, 503, `{"error":"Service Unavailable"}`), nil
			}
			return response(r, 200, `{"contacts":[],"meta":{"count":0,"total":0,"current_page":1,"per_page":20}}`,
				"X-AircallApi-Limit", "60", "X-AircallApi-Remaining", "58"), nil
		}, WithLogger(logger), WithoutRateLimit())
		_, _, err := c.Contacts.Search(t.Context(), &ContactSearchOptions{PhoneNumber: "+34664673697"})
		require.NoError(t, err)
		out := logs.String()
		for _, want := range []string{
			`msg="aircall request" operation=contacts.search method=GET path=/v1/contacts/search attempt=1 elapsed=0s status=503`,
			`msg="aircall retry" operation=contacts.search method=GET path=/v1/contacts/search attempt=1 reason="server error" backoff=`,
			`attempt=2 elapsed=0s status=200 rate_limit=60 rate_remaining=58`,
		} {
			assert.Contains(t, out, want)
		}
		assert.NotContains(t, out, "34664673697")
	})
}

// TestOperationOf_basePath: a base URL with a path of its own (a proxy)
// still finds the operation.
func TestOperationOf_basePath(t *testing.T) {
	t.Parallel()
	c, err := NewClient(WithBaseURL("http://localhost:8080/aircall/"))
	require.NoError(t, err)
	req, err := c.NewRequest(context.Background(), http.MethodGet, "v1/calls/42?fetch_contact=true", nil)
	require.NoError(t, err)
	info := c.operationOf(req)
	assert.Equal(t, OperationInfo{ID: "calls.get", Method: "GET", Path: "/v1/calls/:id", Host: "localhost", Port: 8080}, info)

	c, err = NewClient()
	require.NoError(t, err)
	assert.Equal(t, 443, c.port)
}

// noopObserver is an Observer doing nothing, for the overhead benchmark.
type noopObserver struct{}

func (noopObserver) OperationStart(ctx context.Context, _ OperationInfo) context.Context { return ctx }
func (noopObserver) Wait(context.Context, WaitEvent)                                     {}
func (noopObserver) AttemptEnd(context.Context, AttemptEvent)                            {}
func (noopObserver) Retry(context.Context, RetryEvent)                                   {}
func (noopObserver) OperationEnd(context.Context, OperationEndEvent)                     {}

// BenchmarkObserver measures one Ping without an observer, with one doing
// nothing, and with a logger whose level hides debug lines: the first and
// the last must allocate as much as before observers existed.
func BenchmarkObserver(b *testing.B) {
	body := []byte(`{"ping":"pong"}`)
	for _, bc := range []struct {
		name string
		opts []Option
	}{
		{"none", nil},
		{"noop", []Option{WithObserver(noopObserver{})}},
		{"logger-info", []Option{WithLogger(slog.New(slog.NewTextHandler(&bytes.Buffer{}, nil)))}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			opts := append([]Option{WithHTTPClient(&http.Client{Transport: pageTransport{body}}),
				WithBasicAuth("id", "token"), WithoutRateLimit()}, bc.opts...)
			c, err := NewClient(opts...)
			require.NoError(b, err)
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.Ping(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestObserver_zeroCostWhenUnset: a client without observer and without a
// debug logger allocates no more per request than one with neither option.
// Not parallel: testing.AllocsPerRun refuses to run in parallel tests.
func TestObserver_zeroCostWhenUnset(t *testing.T) {
	if raceDetector {
		t.Skip("allocation counts vary under -race")
	}
	body := []byte(`{"ping":"pong"}`)
	allocs := func(opts ...Option) float64 {
		c, err := NewClient(append([]Option{WithHTTPClient(&http.Client{Transport: pageTransport{body}}),
			WithBasicAuth("id", "token"), WithoutRateLimit()}, opts...)...)
		require.NoError(t, err)
		return testing.AllocsPerRun(50, func() {
			if _, err := c.Ping(context.Background()); err != nil {
				t.Fatal(err)
			}
		})
	}
	plain := allocs()
	assert.Equal(t, plain, allocs(WithLogger(slog.New(slog.NewTextHandler(&bytes.Buffer{}, nil)))), "a logger above debug costs nothing")
}

// waitRecorder keeps the Wait events.
type waitRecorder struct {
	noopObserver
	waits []WaitEvent
}

func (w *waitRecorder) Wait(_ context.Context, e WaitEvent) { w.waits = append(w.waits, e) }

// slowLimiter holds every request for d.
type slowLimiter struct{ d time.Duration }

func (l slowLimiter) Wait(ctx context.Context) error {
	select {
	case <-time.After(l.d):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (slowLimiter) Observe(Rate) {}

func TestObserver_waitReasons(t *testing.T) {
	t.Parallel()
	pong := func(r *http.Request) (*http.Response, error) { return response(r, 200, `{"ping":"pong"}`), nil }

	t.Run("limiter", func(t *testing.T) {
		t.Parallel()
		synctest.Test(t, func(t *testing.T) {
			rec := &waitRecorder{}
			c := newTestClient(t, pong, WithLimiter(slowLimiter{3 * time.Second}), WithObserver(rec))
			_, err := c.Ping(t.Context())
			require.NoError(t, err)
			require.Len(t, rec.waits, 1)
			assert.Equal(t, WaitBudget, rec.waits[0].Reason)
			assert.Equal(t, 3*time.Second, rec.waits[0].Duration)
			assert.Equal(t, "client.ping", rec.waits[0].Op.ID)
		})
	})
	t.Run("server reset", func(t *testing.T) {
		t.Parallel()
		synctest.Test(t, func(t *testing.T) {
			rec := &waitRecorder{}
			c := newTestClient(t, func(r *http.Request) (*http.Response, error) {
				return response(r, 200, `{"ping":"pong"}`, "X-AircallApi-Limit", "60", "X-AircallApi-Remaining", "0",
					"X-AircallApi-Reset", "5"), nil
			}, WithoutRateLimit(), WithObserver(rec))
			for range 2 {
				_, err := c.Ping(t.Context())
				require.NoError(t, err)
			}
			require.Len(t, rec.waits, 1, "the second request waits for the reset")
			assert.Equal(t, WaitServerReset, rec.waits[0].Reason)
			assert.GreaterOrEqual(t, rec.waits[0].Duration, 5*time.Second)
			assert.Equal(t, 1, rec.waits[0].Attempt)
		})
	})
}
