package aircall

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/aircall-go/aircall/internal/leakcheck"
	"github.com/stretchr/testify/require"
)

// TestNoGoroutineLeaks is deliberately not parallel: it runs while every
// parallel test is paused, so any SDK goroutine alive afterwards is a leak.
// It runs in a synctest bubble over an in-memory transport: the waits below
// take no real time, and the bubble itself fails if a goroutine it started
// is still blocked at the end.
func TestNoGoroutineLeaks(t *testing.T) {
	require.Empty(t, leakcheck.Goroutines(), "no SDK goroutine before the test")
	synctest.Test(t, testNoGoroutineLeaks)
	leakcheck.Check(t)
}

func testNoGoroutineLeaks(t *testing.T) {

	s := &pagedServer{n: 500}
	mux := http.NewServeMux()
	mux.HandleFunc("/v1/items", s.handler(t))
	mux.HandleFunc("/v1/slow", func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	mux.HandleFunc("/v1/busy", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-AircallApi-Remaining", "0")
		w.Header().Set("X-AircallApi-Reset", "30")
		w.WriteHeader(429)
	})
	c := newTestClient(t, func(r *http.Request) (*http.Response, error) {
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, r)
		if err := r.Context().Err(); err != nil {
			return nil, err
		}
		res := rec.Result()
		res.Request = r
		return res, nil
	})

	// Break out of an iterator.
	n := 0
	for _, err := range iterItems(t.Context(), c, nil, false) {
		require.NoError(t, err)
		if n++; n == 75 {
			break
		}
	}
	// Cancel a request stuck on a slow server, and one waiting for a reset.
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	_, err := c.send(ctx, http.MethodGet, "v1/slow", nil, nil)
	require.Error(t, err)
	cancel()
	ctx, cancel = context.WithCancel(t.Context())
	go func() { time.Sleep(50 * time.Millisecond); cancel() }()
	_, err = c.send(ctx, http.MethodGet, "v1/busy", nil, nil)
	require.Error(t, err)

	synctest.Wait()
}

func TestSDKGoroutines_detectsALeak(t *testing.T) {
	t.Parallel()
	synctest.Test(t, testSDKGoroutinesDetectsALeak)
}

func testSDKGoroutinesDetectsALeak(t *testing.T) {
	stop := make(chan struct{})
	started := make(chan struct{})
	go func() {
		// A goroutine blocked inside SDK code (sleep is in retry.go).
		close(started)
		_ = sleep(ctxDone(stop), time.Hour, time.Now)
	}()
	<-started
	synctest.Wait() // the goroutine is blocked in sleep
	found := false
	for _, g := range leakcheck.Goroutines() {
		if strings.Contains(g, "retry.go") {
			found = true
		}
	}
	close(stop)
	require.True(t, found, "the detector sees goroutines in SDK code")
}

// ctxDone returns a context cancelled when stop closes.
func ctxDone(stop <-chan struct{}) context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-stop; cancel() }()
	return ctx
}
