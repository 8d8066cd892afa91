package aircalltest_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"testing"
	"testing/synctest"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fastRetry retries quickly so fault tests stay short on the real clock.
var fastRetry = aircall.WithRetryPolicy(aircall.RetryPolicy{MaxRetries: 3, MinBackoff: time.Millisecond, MaxBackoff: 2 * time.Millisecond})

func TestFaults_failNextIsRetriedForGETs(t *testing.T) {
	t.Parallel()
	s := newServer(t, aircalltest.WithDemoData())
	s.FailNext(2, http.StatusServiceUnavailable)
	users, resp, err := s.Client(fastRetry).UsersV2.List(t.Context(), nil)
	require.NoError(t, err)
	assert.Equal(t, 3, resp.Attempts)
	assert.NotEmpty(t, users)
	assert.Equal(t, 2, s.Stats().Faults)
}

func TestFaults_POSTIsNotRetriedOn5xx(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	s.FailNext(1, http.StatusBadGateway)
	_, resp, err := s.Client(fastRetry).Tags.Create(t.Context(), &aircall.CreateTagRequest{Name: "VIP", Color: "#00B388"})
	require.ErrorIs(t, err, aircall.ErrServer)
	assert.Equal(t, 1, resp.Attempts)
	var apiErr *aircall.ErrorResponse
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "Bad Gateway", apiErr.Message)
	assert.Equal(t, "Injected by aircalltest", apiErr.Troubleshoot)
	tags, _, err := s.Client().Tags.List(t.Context(), nil)
	require.NoError(t, err)
	assert.Empty(t, tags, "the injected answer replaced the request: nothing was created")
}

func TestFaults_scopedByMethodAndPath(t *testing.T) {
	t.Parallel()
	s := newServer(t, aircalltest.WithDemoData())
	c := s.Client(noRetry)
	remove := s.Inject(aircalltest.Fault{Method: http.MethodGet, Path: "/v1/calls/*", Status: http.StatusInternalServerError})
	_, err := c.Ping(t.Context())
	require.NoError(t, err)
	_, _, err = c.Calls.List(t.Context(), nil)
	require.NoError(t, err, "/v1/calls does not match /v1/calls/*")
	for range 2 { // no Times: every matching request until removed
		_, _, err = c.Calls.Get(t.Context(), aircalltest.DemoCallID, nil)
		require.ErrorIs(t, err, aircall.ErrServer)
	}
	remove()
	_, _, err = c.Calls.Get(t.Context(), aircalltest.DemoCallID, nil)
	require.NoError(t, err)

	s.Inject(aircalltest.Fault{Status: http.StatusTeapot})
	s.ClearFaults()
	_, err = c.Ping(t.Context())
	require.NoError(t, err)
	assert.Panics(t, func() { s.Inject(aircalltest.Fault{Path: "["}) })
}

func TestFaults_customAnswer(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	s.Inject(aircalltest.Fault{Times: 1, Status: http.StatusTooManyRequests,
		Header: http.Header{"Retry-After": {"0"}}, Body: []byte("slow down")})
	_, err := s.Client(noRetry).Ping(t.Context())
	var rle *aircall.RateLimitError
	require.ErrorAs(t, err, &rle)
	assert.Equal(t, "slow down", string(rle.Body))

	s.Inject(aircalltest.Fault{Times: 1, Status: http.StatusTooManyRequests, Header: http.Header{"Retry-After": {"0"}}})
	_, err = s.Client(fastRetry).Ping(t.Context())
	require.NoError(t, err, "a 429 is retried after the server's Retry-After")
}

// TestFaults_latencyHonoursContextAndFakeClock waits on the bubble's clock:
// the test takes no real time.
func TestFaults_latencyHonoursContextAndFakeClock(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		s := aircalltest.NewServer(aircalltest.InMemory(), aircalltest.WithoutRateLimit())
		defer s.Close()
		s.Inject(aircalltest.Fault{Path: "/v1/ping", Latency: 10 * time.Second})
		c := s.Client(noRetry)

		start := time.Now()
		_, err := c.Ping(t.Context())
		require.NoError(t, err)
		assert.Equal(t, 10*time.Second, time.Since(start))

		ctx, cancel := context.WithTimeout(t.Context(), 3*time.Second)
		defer cancel()
		start = time.Now()
		_, err = c.Ping(ctx)
		require.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Equal(t, 3*time.Second, time.Since(start))

		_, err = s.Client(noRetry, aircall.WithTimeout(time.Second)).Ping(t.Context())
		require.ErrorIs(t, err, context.DeadlineExceeded, "the SDK's per-attempt timeout ends the wait too")
	})
}

func TestFaults_dropConnectionOnTheRealListener(t *testing.T) {
	t.Parallel()
	s := newServer(t, aircalltest.WithDemoData())
	s.Inject(aircalltest.Fault{Path: "/v1/ping", DropConnection: true, Times: 1})
	_, err := s.Client(noRetry).Ping(t.Context())
	require.ErrorIs(t, err, io.ErrUnexpectedEOF, "headers and half the body, then the connection closes")

	s.Inject(aircalltest.Fault{Path: "/v2/users", DropConnection: true, Times: 1})
	users, resp, err := s.Client(fastRetry).UsersV2.List(t.Context(), nil)
	require.NoError(t, err, "a GET cut mid-body is retried")
	assert.Equal(t, 2, resp.Attempts)
	assert.Len(t, users, 4)

	// A POST cut mid-body is not retried, but it was applied: only the
	// answer was lost. That is what makes blind POST retries dangerous.
	s.Inject(aircalltest.Fault{Method: http.MethodPost, Path: "/v1/tags", DropConnection: true, Times: 1})
	_, _, err = s.Client(fastRetry).Tags.Create(t.Context(), &aircall.CreateTagRequest{Name: "VIP", Color: "#00B388"})
	require.Error(t, err)
	tags, _, err := s.Client().Tags.List(t.Context(), nil)
	require.NoError(t, err)
	assert.Len(t, tags, 4, "the three demo tags and VIP")
}

func TestFaults_dropConnectionInMemory(t *testing.T) {
	t.Parallel()
	s := newServer(t, aircalltest.InMemory())
	s.Inject(aircalltest.Fault{Path: "/v1/ping", DropConnection: true, Times: 1})
	_, err := s.Client(noRetry).Ping(t.Context())
	require.ErrorIs(t, err, io.ErrUnexpectedEOF)

	s.Inject(aircalltest.Fault{Path: "/v1/calls/*/pause_recording", DropConnection: true, Status: http.StatusNoContent, Times: 1})
	_, err = s.Client(noRetry).Calls.PauseRecording(t.Context(), 1)
	require.ErrorIs(t, err, io.ErrUnexpectedEOF, "an answer without a body is cut before its status line")
	assert.False(t, errors.Is(err, aircall.ErrServer))
}
