package aircall

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRetry_429AfterReset(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		srv := &bubbleServer{answer: func(n int, r *http.Request) *http.Response {
			if n == 1 {
				return response(r, 429, `{"error":"Too Many Requests","troubleshoot":"Rate limit reached"}`,
					"X-AircallApi-Limit", "60", "X-AircallApi-Remaining", "0", "X-AircallApi-Reset", "12")
			}
			return response(r, 200, `{"ping":"pong"}`)
		}}
		c := newTestClient(t, srv.roundTrip, WithoutRateLimit())
		resp, err := c.Ping(t.Context())
		require.NoError(t, err)
		assert.Equal(t, 2, resp.Attempts)
		sent := srv.sent()
		require.Len(t, sent, 2)
		wait := sent[1].Sub(sent[0])
		assert.GreaterOrEqual(t, wait, 12*time.Second, "retried only after the reset")
		assert.LessOrEqual(t, wait, 12*time.Second+resetMargin)
	})
}

func TestRetry_429WithoutHeadersBacksOff(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		srv := &bubbleServer{answer: func(n int, r *http.Request) *http.Response {
			return response(r, 429, ``)
		}}
		c := newTestClient(t, srv.roundTrip, WithoutRateLimit())
		c.jitter = func(d time.Duration) time.Duration { return d } // the upper bound, deterministically
		resp, err := c.Ping(t.Context())
		var rle *RateLimitError
		require.ErrorAs(t, err, &rle)
		assert.ErrorIs(t, err, ErrRateLimited)
		assert.Equal(t, 4, resp.Attempts)
		assert.Equal(t, 4, rle.Attempts)
		assert.Contains(t, err.Error(), "after 4 attempts")
		sent := srv.sent()
		require.Len(t, sent, 4)
		for i, want := range []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second} {
			assert.Equal(t, want, sent[i+1].Sub(sent[i]), "backoff %d doubles", i+1)
		}
	})
}

func TestRetry_POST(t *testing.T) {
	t.Parallel()
	t.Run("retried on 429", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			srv := &bubbleServer{answer: func(n int, r *http.Request) *http.Response {
				if n == 1 {
					return response(r, 429, ``, "X-AircallApi-Remaining", "0", "X-AircallApi-Reset", "3")
				}
				return response(r, 201, `{"tag":{"id":1}}`)
			}}
			c := newTestClient(t, srv.roundTrip, WithoutRateLimit())
			resp, err := c.send(t.Context(), http.MethodPost, "v1/tags", map[string]string{"name": "VIP"}, nil)
			require.NoError(t, err)
			assert.Equal(t, 2, resp.Attempts)
			assert.Equal(t, srv.bodies[0], srv.bodies[1], "the replayed body is identical")
			assert.JSONEq(t, `{"name":"VIP"}`, srv.bodies[1])
		})
	})
	t.Run("not retried on 500", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			srv := &bubbleServer{answer: func(n int, r *http.Request) *http.Response { return response(r, 500, ``) }}
			c := newTestClient(t, srv.roundTrip, WithoutRateLimit())
			resp, err := c.send(t.Context(), http.MethodPost, "v1/tags", map[string]string{"name": "VIP"}, nil)
			assert.ErrorIs(t, err, ErrServer)
			assert.Equal(t, 1, resp.Attempts)
			assert.Len(t, srv.sent(), 1)
		})
	})
	t.Run("not retried on a network error", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			var calls atomic.Int32
			c := newTestClient(t, func(r *http.Request) (*http.Response, error) {
				calls.Add(1)
				return nil, &net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")}
			}, WithoutRateLimit())
			_, err := c.send(t.Context(), http.MethodPost, "v1/contacts", map[string]string{}, nil)
			require.Error(t, err)
			assert.EqualValues(t, 1, calls.Load())
		})
	})
	t.Run("retried on 5xx when its body carries an idempotency key", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			srv := &bubbleServer{answer: func(n int, r *http.Request) *http.Response {
				if n == 1 {
					return response(r, 502, `<html>bad gateway</html>`, "Content-Type", "text/html")
				}
				return response(r, 202, `{"status":"PENDING"}`)
			}}
			c := newTestClient(t, srv.roundTrip, WithoutRateLimit())
			resp, err := c.send(t.Context(), http.MethodPost, "v1/outbound-calls/agents/a", &OutboundAgentCallRequest{IdempotencyKey: "k"}, nil)
			require.NoError(t, err)
			assert.Equal(t, 2, resp.Attempts)
			assert.Equal(t, srv.bodies[0], srv.bodies[1])
		})
	})
}

func TestRetry_idempotent503Twice(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		srv := &bubbleServer{answer: func(n int, r *http.Request) *http.Response {
			if n <= 2 {
				return response(r, 503, `{"error":"Service Unavailable"}`)
			}
			return response(r, 200, `{"number":{"id":1234,"name":"Paris"}}`)
		}}
		c := newTestClient(t, srv.roundTrip, WithoutRateLimit())
		var out map[string]any
		resp, err := c.send(t.Context(), http.MethodPut, "v1/numbers/1234", map[string]string{"name": "Paris"}, &out)
		require.NoError(t, err)
		assert.Equal(t, 3, resp.Attempts)
		require.Len(t, srv.bodies, 3)
		for _, b := range srv.bodies {
			assert.JSONEq(t, `{"name":"Paris"}`, b, "every attempt carries the same body")
		}
		assert.Equal(t, "Paris", out["number"].(map[string]any)["name"])
	})
}

func TestRetry_GETNetworkErrorThenSuccess(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		var calls atomic.Int32
		c := newTestClient(t, func(r *http.Request) (*http.Response, error) {
			if calls.Add(1) == 1 {
				return nil, io.ErrUnexpectedEOF
			}
			return response(r, 200, `{"ping":"pong"}`), nil
		}, WithoutRateLimit())
		resp, err := c.Ping(t.Context())
		require.NoError(t, err)
		assert.Equal(t, 2, resp.Attempts)
	})
}

func TestRetry_exhaustedKeepsLastResponse(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		srv := &bubbleServer{answer: func(n int, r *http.Request) *http.Response { return response(r, 500, `{"error":"boom"}`) }}
		c := newTestClient(t, srv.roundTrip, WithoutRateLimit(), WithRetryPolicy(RetryPolicy{MaxRetries: 2}))
		resp, err := c.Ping(t.Context())
		var er *ErrorResponse
		require.ErrorAs(t, err, &er)
		assert.Equal(t, 3, er.Attempts)
		require.NotNil(t, resp)
		assert.Equal(t, 3, resp.Attempts)
		assert.Equal(t, 500, resp.StatusCode)
		assert.Contains(t, err.Error(), "after 3 attempts")
	})
}

func TestRetry_notOnOther4xx(t *testing.T) {
	t.Parallel()
	for _, status := range []int{400, 401, 403, 404, 405, 409, 422} {
		srv := &bubbleServer{answer: func(n int, r *http.Request) *http.Response { return response(r, status, `{}`) }}
		c := newTestClient(t, srv.roundTrip, WithoutRateLimit())
		_, err := c.Ping(t.Context())
		require.Error(t, err)
		assert.Len(t, srv.sent(), 1, "status %d is not retried", status)
	}
}

func TestRetry_cancelDuringWaitReturnsPromptly(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		srv := &bubbleServer{answer: func(n int, r *http.Request) *http.Response {
			return response(r, 429, ``, "X-AircallApi-Remaining", "0", "X-AircallApi-Reset", "50")
		}}
		c := newTestClient(t, srv.roundTrip, WithoutRateLimit())
		ctx, cancel := context.WithCancel(t.Context())
		done := make(chan error, 1)
		start := time.Now()
		go func() {
			_, err := c.Ping(ctx)
			done <- err
		}()
		time.Sleep(5 * time.Second) // the client is now waiting for the reset
		synctest.Wait()
		cancel()
		err := <-done
		assert.ErrorIs(t, err, context.Canceled)
		assert.Equal(t, 5*time.Second, time.Since(start), "returned as soon as ctx was cancelled")
		assert.Len(t, srv.sent(), 1)
	})
}

func TestRetry_waitPastDeadlineFailsAtOnce(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		srv := &bubbleServer{answer: func(n int, r *http.Request) *http.Response {
			return response(r, 429, ``, "X-AircallApi-Remaining", "0", "X-AircallApi-Reset", "50")
		}}
		c := newTestClient(t, srv.roundTrip, WithoutRateLimit())
		ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
		defer cancel()
		start := time.Now()
		resp, err := c.Ping(ctx)
		assert.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Equal(t, start, time.Now(), "no time spent waiting for a reset past the deadline")
		require.NotNil(t, resp, "the 429 response comes back")
		assert.Equal(t, 429, resp.StatusCode)
	})
}

func TestRetry_gateWaitPastDeadline(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		srv := &bubbleServer{answer: func(n int, r *http.Request) *http.Response {
			return response(r, 200, `{"ping":"pong"}`, "X-AircallApi-Remaining", "0", "X-AircallApi-Reset", "50")
		}}
		c := newTestClient(t, srv.roundTrip, WithoutRateLimit())
		_, err := c.Ping(t.Context())
		require.NoError(t, err)
		_, err = c.Ping(ctxTimeout(t, time.Second))
		assert.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Len(t, srv.sent(), 1)
	})
}

func TestRetry_perAttemptTimeout(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		var calls atomic.Int32
		c := newTestClient(t, func(r *http.Request) (*http.Response, error) {
			if calls.Add(1) == 1 {
				<-r.Context().Done() // a server slower than the timeout
				return nil, r.Context().Err()
			}
			return response(r, 200, `{"ping":"pong"}`), nil
		}, WithoutRateLimit(), WithTimeout(2*time.Second))
		start := time.Now()
		resp, err := c.Ping(t.Context())
		require.NoError(t, err)
		assert.Equal(t, 2, resp.Attempts)
		assert.GreaterOrEqual(t, time.Since(start), 2*time.Second)
	})
}

func TestRetry_slowServerNeverOutlivesCtx(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		c := newTestClient(t, func(r *http.Request) (*http.Response, error) {
			<-r.Context().Done()
			return nil, r.Context().Err()
		}, WithoutRateLimit(), WithTimeout(time.Hour))
		start := time.Now()
		_, err := c.Ping(ctxTimeout(t, 3*time.Second))
		assert.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Equal(t, 3*time.Second, time.Since(start))
	})
}

func TestRetry_permanentTransportErrorsNotRetried(t *testing.T) {
	t.Parallel()
	for _, e := range []error{
		errors.New(`unsupported protocol scheme "ftp"`),
		errors.New("tls: failed to verify certificate: x509: certificate signed by unknown authority"),
		ErrRedirectBlocked,
	} {
		var calls atomic.Int32
		c := newTestClient(t, func(r *http.Request) (*http.Response, error) { calls.Add(1); return nil, e }, WithoutRateLimit())
		_, err := c.Ping(t.Context())
		require.Error(t, err)
		assert.EqualValues(t, 1, calls.Load(), "%v", e)
	}
}

func TestRetry_decodeErrorsNotRetried(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	c := newTestClient(t, func(r *http.Request) (*http.Response, error) {
		calls.Add(1)
		return response(r, 200, `{"ping":`), nil
	}, WithoutRateLimit())
	_, err := c.Ping(t.Context())
	var de *DecodeError
	require.ErrorAs(t, err, &de)
	assert.EqualValues(t, 1, calls.Load())
}

func TestBackoff_bounds(t *testing.T) {
	t.Parallel()
	p := DefaultRetryPolicy()
	upper := func(d time.Duration) time.Duration { return d }
	assert.Equal(t, 500*time.Millisecond, p.backoff(1, upper))
	assert.Equal(t, 4*time.Second, p.backoff(4, upper))
	assert.Equal(t, 30*time.Second, p.backoff(20, upper), "capped by MaxBackoff")
	for range 1000 {
		d := p.backoff(3, fullJitter)
		assert.GreaterOrEqual(t, d, time.Duration(0))
		assert.LessOrEqual(t, d, 2*time.Second)
	}
	assert.Zero(t, fullJitter(0))
}

func TestRetryPolicy_defaults(t *testing.T) {
	t.Parallel()
	p := RetryPolicy{MaxRetries: 5}.withDefaults()
	assert.Equal(t, RetryPolicy{MaxRetries: 5, MinBackoff: 500 * time.Millisecond, MaxBackoff: 30 * time.Second, MaxWait: 2 * time.Minute}, p)
	p = RetryPolicy{MinBackoff: time.Minute}.withDefaults()
	assert.Equal(t, time.Minute, p.MaxBackoff, "MaxBackoff never below MinBackoff")
}

func TestRetry_unreplayableBodyNotResent(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		var calls atomic.Int32
		c := newTestClient(t, func(r *http.Request) (*http.Response, error) {
			calls.Add(1)
			return response(r, 503, ``), nil
		}, WithoutRateLimit())
		req, err := http.NewRequestWithContext(t.Context(), http.MethodPut, "https://api.aircall.io/v1/x", io.NopCloser(strings.NewReader("{}")))
		require.NoError(t, err)
		_, err = c.Do(req, nil)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "cannot be replayed")
		assert.EqualValues(t, 1, calls.Load())
	})
}
