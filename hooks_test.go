package aircall_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"testing/synctest"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// eventRecorder is an Observer writing every event as one line.
type eventRecorder struct {
	mu    sync.Mutex
	lines []string
}

type ctxKey struct{}

func (r *eventRecorder) add(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.lines = append(r.lines, fmt.Sprintf(format, args...))
}

func (r *eventRecorder) OperationStart(ctx context.Context, op aircall.OperationInfo) context.Context {
	r.add("start %s %s %s %s:%d", op.ID, op.Method, op.Path, op.Host, op.Port)
	return context.WithValue(ctx, ctxKey{}, op.ID)
}

func (r *eventRecorder) check(ctx context.Context, op aircall.OperationInfo) {
	if ctx.Value(ctxKey{}) != op.ID {
		r.add("hook called without the context OperationStart returned")
	}
}

func (r *eventRecorder) Wait(ctx context.Context, e aircall.WaitEvent) {
	r.check(ctx, e.Op)
	r.add("wait %d %s %s", e.Attempt, e.Reason, e.Duration)
}

func (r *eventRecorder) AttemptEnd(ctx context.Context, e aircall.AttemptEvent) {
	r.check(ctx, e.Op)
	r.add("attempt %d %d err=%t", e.Attempt, e.Status, e.Err != nil)
}

func (r *eventRecorder) Retry(ctx context.Context, e aircall.RetryEvent) {
	r.check(ctx, e.Op)
	r.add("retry %d %s %d", e.Attempt, e.Reason, e.Status)
}

func (r *eventRecorder) OperationEnd(ctx context.Context, e aircall.OperationEndEvent) {
	r.check(ctx, e.Op)
	r.add("end %s attempts=%d status=%d limit=%d err=%t", e.Op.ID, e.Attempts, e.Status, e.Rate.Limit, e.Err != nil)
}

func (r *eventRecorder) String() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return strings.Join(r.lines, "\n")
}

func TestObserver_retriesAndWaits(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		s := aircalltest.NewServer(aircalltest.InMemory(), aircalltest.WithDemoData())
		defer s.Close()
		rec := &eventRecorder{}
		c := s.Client(aircall.WithObserver(rec))

		calls, _, err := c.Calls.List(t.Context(), nil)
		require.NoError(t, err)
		require.NotEmpty(t, calls)
		rec.lines = nil

		s.Inject(aircalltest.Fault{Method: http.MethodGet, Path: "/v1/calls/*", Times: 1, Status: http.StatusServiceUnavailable})
		_, _, err = c.Calls.Get(t.Context(), calls[0].ID, nil)
		require.NoError(t, err)
		s.Inject(aircalltest.Fault{Method: http.MethodGet, Path: "/v1/calls/*", Times: 1, Status: http.StatusTooManyRequests,
			Header: http.Header{"Retry-After": {"2"}}})
		_, _, err = c.Calls.Get(t.Context(), calls[0].ID, nil)
		require.NoError(t, err)
		got := rec.String()
		assert.Contains(t, got, "start calls.get GET /v1/calls/:id api.aircall.test:443")
		assert.Contains(t, got, "attempt 1 503 err=true\nretry 1 server error 503\nattempt 2 200 err=false\nend calls.get attempts=2 status=200")
		assert.Contains(t, got, "attempt 1 429 err=true\nretry 1 429 429")
		assert.Contains(t, got, "retry 1 429 429\nwait 2 429 2s\nattempt 2 200 err=false", "the server's 2 s are a wait for budget")
		assert.NotContains(t, got, "without the context")
		assert.NotContains(t, got, fmt.Sprint(calls[0].ID), "the path template, never the id")
	})
}

func TestObserver_searchByPhoneNumber(t *testing.T) {
	t.Parallel()
	s := aircalltest.NewServer(aircalltest.InMemory(), aircalltest.WithDemoData())
	defer s.Close()
	rec := &eventRecorder{}
	c := s.Client(aircall.WithObserver(rec), aircall.WithObserver(rec))
	_, _, err := c.Contacts.Search(t.Context(), &aircall.ContactSearchOptions{PhoneNumber: "+34664673697"})
	require.NoError(t, err)
	got := rec.String()
	assert.Equal(t, 2, strings.Count(got, "start contacts.search GET /v1/contacts/search"), "both observers told:\n%s", got)
	assert.NotContains(t, got, "34664673697")
}

func TestObserver_requestOutsideTheCatalogue(t *testing.T) {
	t.Parallel()
	s := aircalltest.NewServer(aircalltest.InMemory())
	defer s.Close()
	rec := &eventRecorder{}
	c := s.Client(aircall.WithObserver(rec))
	req, err := c.NewRequest(t.Context(), http.MethodGet, "v1/not/a/route/+33612345678", nil)
	require.NoError(t, err)
	_, err = c.Do(req, nil)
	require.Error(t, err)
	got := rec.String()
	assert.Contains(t, got, "start  GET  api.aircall.test:443")
	assert.Contains(t, got, "end  attempts=1 status=404")
	assert.NotContains(t, got, "33612345678")
}

func TestWithObserver_nil(t *testing.T) {
	t.Parallel()
	_, err := aircall.NewClient(aircall.WithObserver(nil))
	var ae *aircall.ArgError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, "WithObserver", ae.Arg)
}

// TestObserver_notCalledWithoutRequest: input refused before sending makes
// no operation.
func TestObserver_notCalledWithoutRequest(t *testing.T) {
	t.Parallel()
	rec := &eventRecorder{}
	c, err := aircall.NewClient(aircall.WithBasicAuth("id", "token"), aircall.WithObserver(rec))
	require.NoError(t, err)
	_, _, err = c.Calls.Get(t.Context(), 0, nil)
	require.ErrorIs(t, err, aircall.ErrInvalidArgument)
	assert.Empty(t, rec.String())
}
