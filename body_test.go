package aircall

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// endless is a reader of x's that never ends.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}

// gzipBomb is about 100 KB of gzip that expands to 100 MB.
func gzipBomb(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	require.NoError(t, err)
	_, err = io.Copy(zw, io.LimitReader(endless{}, 100<<20))
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

func TestResponseTooLarge_permanentAndNotRetried(t *testing.T) {
	t.Parallel()
	bomb := gzipBomb(t)
	serve := map[string]http.HandlerFunc{
		"endless body": func(w http.ResponseWriter, r *http.Request) {
			_, _ = w.Write([]byte(`{"call":{"id":1,"pad":"`))
			_, _ = io.Copy(w, io.LimitReader(endless{}, 1<<30)) // stops when the client hangs up
		},
		"announced too large": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", strconv.Itoa(maxBodySize+1))
			_, _ = w.Write([]byte(`{"call":{}}`))
		},
		"gzip bomb": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			_, _ = w.Write(bomb)
		},
	}
	for name, h := range serve {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mux := setup(t, WithRetryPolicy(RetryPolicy{MaxRetries: 3, MinBackoff: time.Nanosecond}))
			var hits atomic.Int32
			mux.HandleFunc("GET /v1/calls/1", func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				w.Header().Set("Content-Type", "application/json")
				h(w, r)
			})
			call, resp, err := c.Calls.Get(t.Context(), 1, nil)
			assert.Nil(t, call)
			require.ErrorIs(t, err, ErrResponseTooLarge)
			require.NotNil(t, resp)
			assert.Equal(t, 1, resp.Attempts)
			assert.EqualValues(t, 1, hits.Load(), "a too-large body is permanent: never retried")
		})
	}
}

func TestResponseBody_atTheLimitIsRead(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	// A body of exactly maxBodySize bytes is accepted, one more is not.
	pad := func(n int) string {
		const head, tail = `{"call":{"id":7,"pad":"`, `"}}`
		return head + strings.Repeat("x", n-len(head)-len(tail)) + tail
	}
	mux.HandleFunc("GET /v1/calls/7", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, pad(maxBodySize)) })
	mux.HandleFunc("GET /v1/calls/8", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, pad(maxBodySize+1)) })
	call, _, err := c.Calls.Get(t.Context(), 7, nil)
	require.NoError(t, err)
	assert.EqualValues(t, 7, call.ID)
	_, _, err = c.Calls.Get(t.Context(), 8, nil)
	assert.ErrorIs(t, err, ErrResponseTooLarge)
}

func TestErrorBody_tooLargeIsCut(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("GET /v1/calls/1", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadGateway)
		_, _ = io.Copy(w, io.LimitReader(endless{}, 4*maxErrorBodySize))
	})
	_, _, err := c.Calls.Get(t.Context(), 1, nil)
	var er *ErrorResponse
	require.ErrorAs(t, err, &er)
	assert.ErrorIs(t, err, ErrServer)
	assert.Len(t, er.Body, maxErrorBodySize)
	assert.Equal(t, 1, er.Attempts)
}

// The allocation bound is measured process-wide, so these tests do not run
// in parallel with others (parallel tests start once every sequential one
// of the package has returned).

func TestReadLimited_allocatesAboutTheLimit(t *testing.T) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	body, more, err := readLimited(endless{}, maxBodySize)
	runtime.ReadMemStats(&after)
	require.NoError(t, err)
	assert.True(t, more)
	assert.Nil(t, body)
	allocated := after.TotalAlloc - before.TotalAlloc
	t.Logf("reading an endless body allocated %.1f MiB for a %d MiB limit", float64(allocated)/(1<<20), maxBodySize>>20)
	// Before: bytes.Buffer doubling allocated about 2x the limit per
	// attempt (1 GiB over 4 attempts with the former 64 MiB limit).
	assert.Less(t, allocated, uint64(maxBodySize+1<<20), "at most the limit plus bookkeeping")
}

func TestClient_oversizedBodyAllocationBound(t *testing.T) {
	c, mux := setup(t, WithRetryPolicy(RetryPolicy{MaxRetries: 3, MinBackoff: time.Nanosecond}))
	bomb := gzipBomb(t)
	mux.HandleFunc("GET /v1/calls/1", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Encoding", "gzip")
		_, _ = w.Write(bomb)
	})
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, _, err := c.Calls.Get(t.Context(), 1, nil)
	runtime.ReadMemStats(&after)
	require.ErrorIs(t, err, ErrResponseTooLarge)
	allocated := after.TotalAlloc - before.TotalAlloc
	t.Logf("a gzip bomb (%d KiB -> 100 MB) allocated %.1f MiB", len(bomb)>>10, float64(allocated)/(1<<20))
	assert.Less(t, allocated, uint64(maxBodySize+2<<20))
}

func TestReadLimited_smallBodyAllocations(t *testing.T) {
	payload := []byte(`{"call":{"id":1}}`)
	allocs := testing.AllocsPerRun(100, func() {
		body, more, err := readLimited(bytes.NewReader(payload), maxBodySize)
		if err != nil || more || !bytes.Equal(body, payload) {
			t.Fatalf("readLimited = %q, %v, %v", body, more, err)
		}
	})
	// The body itself and the chunk list: the 32 KiB chunk comes from the pool.
	assert.LessOrEqual(t, allocs, 3.0)
}
