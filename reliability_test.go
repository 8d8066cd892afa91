package aircall

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Reliability under a misbehaving network or server (issue 8): every case
// ends in a clear typed error or a successful retry, never a panic, never a
// wait past ctx's deadline, never credentials in the error text.

var secrets = []string{"test-token", "dGVzdC1pZDp0ZXN0LXRva2Vu"}

func assertNoSecrets(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	for _, s := range secrets {
		assert.NotContains(t, err.Error(), s)
		assert.NotContains(t, fmt.Sprintf("%+v", err), s)
	}
}

// hijack lets a handler write raw bytes and then drop the connection, with
// an RST when reset is true.
func hijack(t *testing.T, w http.ResponseWriter, raw string, reset bool) {
	t.Helper()
	conn, buf, err := w.(http.Hijacker).Hijack()
	require.NoError(t, err)
	_, _ = buf.WriteString(raw)
	_ = buf.Flush()
	if tcp, ok := conn.(*net.TCPConn); ok && reset {
		_ = tcp.SetLinger(0) // close with RST: "connection reset by peer"
	}
	_ = conn.Close()
}

func TestReliability_realSockets(t *testing.T) {
	t.Parallel()
	const ok = `{"ping":"pong"}`
	tests := []struct {
		name string
		// first is how the server answers the first attempt; later ones get a 200.
		first       func(t *testing.T, w http.ResponseWriter, r *http.Request)
		wantRetried bool  // a GET recovers on the second attempt
		wantErr     error // when the failure is not retryable
	}{
		{
			name: "connection reset mid-body",
			first: func(t *testing.T, w http.ResponseWriter, r *http.Request) {
				hijack(t, w, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"ping\":", true)
			},
			wantRetried: true,
		},
		{
			name: "truncated body (short Content-Length)",
			first: func(t *testing.T, w http.ResponseWriter, r *http.Request) {
				hijack(t, w, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n{\"ping\":\"po", false)
			},
			wantRetried: true,
		},
		{
			name: "connection closed before any answer",
			first: func(t *testing.T, w http.ResponseWriter, r *http.Request) {
				hijack(t, w, "", true)
			},
			wantRetried: true,
		},
		{
			name: "502 with an HTML page",
			first: func(t *testing.T, w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				w.WriteHeader(502)
				_, _ = w.Write([]byte("<html><head><title>502 Bad Gateway</title></head><body>" + strings.Repeat("<p>nginx</p>", 500) + "</body></html>"))
			},
			wantRetried: true,
		},
		{
			name: "429 without any header",
			first: func(t *testing.T, w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(429)
			},
			wantRetried: true,
		},
		{
			name: "complete but malformed JSON",
			first: func(t *testing.T, w http.ResponseWriter, r *http.Request) {
				writeJSON(w, 200, `{"ping":"pong"`)
			},
			wantErr: &DecodeError{},
		},
		{
			name: "200 with an empty body",
			first: func(t *testing.T, w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(200)
			},
			wantErr: ErrEmptyBody,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var calls atomic.Int32
			c, mux := setup(t, WithRetryPolicy(RetryPolicy{MaxRetries: 2, MinBackoff: time.Millisecond, MaxBackoff: 2 * time.Millisecond}))
			mux.HandleFunc("GET /v1/ping", func(w http.ResponseWriter, r *http.Request) {
				if calls.Add(1) == 1 {
					tt.first(t, w, r)
					return
				}
				writeJSON(w, 200, ok)
			})
			ctx := ctxTimeout(t, 5*time.Second)
			resp, err := c.Ping(ctx)
			assertNoSecrets(t, err)
			switch {
			case tt.wantRetried:
				require.NoError(t, err)
				assert.Equal(t, 2, resp.Attempts)
			default:
				require.Error(t, err)
				var de *DecodeError
				if errors.As(tt.wantErr, &de) {
					assert.ErrorAs(t, err, &de)
				} else {
					assert.ErrorIs(t, err, tt.wantErr)
				}
				assert.EqualValues(t, 1, calls.Load(), "not retried")
			}
		})
	}
}

func TestReliability_POSTNotResentAfterReset(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	c, mux := setup(t, WithRetryPolicy(RetryPolicy{MaxRetries: 3, MinBackoff: time.Millisecond}))
	mux.HandleFunc("POST /v1/contacts", func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		hijack(t, w, "", true)
	})
	_, err := c.send(t.Context(), http.MethodPost, "v1/contacts", map[string]string{"first_name": "Gary"}, nil)
	require.Error(t, err)
	assertNoSecrets(t, err)
	assert.EqualValues(t, 1, calls.Load(), "the server may have created it: never resent")
}

func TestReliability_slowServerBoundedByCtx(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	c, mux := setup(t, WithRetryPolicy(DefaultRetryPolicy()))
	mux.HandleFunc("GET /v1/ping", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	start := time.Now()
	_, err := c.Ping(ctxTimeout(t, 200*time.Millisecond))
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 2*time.Second, "returns at ctx's deadline")
	assertNoSecrets(t, err)
}

func TestReliability_redirectToAnotherHost(t *testing.T) {
	t.Parallel()
	var hit atomic.Bool
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hit.Store(true) }))
	t.Cleanup(other.Close)
	c, mux := setup(t, WithRetryPolicy(DefaultRetryPolicy()))
	var calls atomic.Int32
	mux.HandleFunc("GET /v1/ping", func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		http.Redirect(w, r, other.URL+"/steal", http.StatusTemporaryRedirect)
	})
	_, err := c.Ping(t.Context())
	assert.ErrorIs(t, err, ErrRedirectBlocked)
	assert.False(t, hit.Load())
	assert.EqualValues(t, 1, calls.Load(), "a refused redirect is not retried")
	assertNoSecrets(t, err)
}

// TestConnectionReuse sends 1,000 sequential requests, a sixth of them
// answered with errors (with bodies), and counts the TCP connections.
func TestConnectionReuse(t *testing.T) {
	t.Parallel()
	var conns atomic.Int32
	mux := http.NewServeMux()
	statuses := []int{200, 404, 500, 429, 204, 201}
	var n atomic.Int32
	mux.HandleFunc("/aircall-test/v1/x", func(w http.ResponseWriter, r *http.Request) {
		status := statuses[int(n.Add(1)-1)%len(statuses)]
		switch status {
		case 204:
			w.WriteHeader(status)
		case 500:
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(status)
			_, _ = w.Write([]byte(strings.Repeat("<p>Internal Server Error</p>", 200)))
		default:
			writeJSON(w, status, `{"error":"`+http.StatusText(status)+`","troubleshoot":"`+strings.Repeat("x", 3000)+`"}`)
		}
	})
	srv := httptest.NewUnstartedServer(mux)
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	// A transport of its own: the process-wide idle pools are shared with
	// every other test's servers and may evict this test's connection.
	transport := &http.Transport{MaxIdleConnsPerHost: 2}
	t.Cleanup(transport.CloseIdleConnections)
	c, err := NewClient(WithBaseURL(srv.URL+"/aircall-test/"), WithBasicAuth("test-id", "test-token"),
		WithHTTPClient(&http.Client{Transport: transport}), WithoutRateLimit(), WithRetryPolicy(RetryPolicy{}))
	require.NoError(t, err)
	for i := range 1000 {
		req, err := c.NewRequest(t.Context(), http.MethodGet, "v1/x", nil)
		require.NoError(t, err)
		resp, _ := c.Do(req, &struct{}{})
		require.NotNil(t, resp, "request %d", i)
	}
	assert.LessOrEqual(t, conns.Load(), int32(2), "connections opened for 1,000 requests")
	t.Logf("1000 sequential requests (200/404/500/429/204/201) used %d TCP connection(s)", conns.Load())
}
