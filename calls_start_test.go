package aircall_test

import (
	"context"
	"testing"
	"testing/synctest"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// startCallFake is an in-memory fake with one available agent assigned to
// one number, and a second number the agent is not assigned to.
func startCallFake(t *testing.T, opts ...aircalltest.ServerOption) (s *aircalltest.Server, agent *aircall.User, line, other *aircall.Number) {
	s = aircalltest.NewServer(append([]aircalltest.ServerOption{aircalltest.InMemory()}, opts...)...)
	t.Cleanup(s.Close)
	agent = s.AddUser(aircall.User{Name: "John Doe", Email: "john.doe@example.com"})
	line = s.AddNumber(aircall.Number{Name: "Sales", Users: []*aircall.User{{ID: agent.ID}}})
	other = s.AddNumber(aircall.Number{Name: "Support"})
	return s, agent, line, other
}

func TestStartCallAndWait_found(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		s, agent, line, _ := startCallFake(t)
		client := s.Client(aircall.WithRateLimit(aircall.DefaultRequestsPerMinute, 1))
		// An older call of the same user to the same customer must not be picked.
		s.AddCall(aircall.Call{User: agent, Number: line, Direction: aircall.CallOutbound, RawDigits: "+1 415-555-1234",
			StartedAt: aircall.Timestamp{Time: time.Now().Add(-time.Hour)}, Duration: 30})
		started := time.Now()
		call, err := client.Users.StartCallAndWait(context.Background(), agent.ID,
			&aircall.StartCallRequest{NumberID: line.ID, To: "+14155551234"}, nil)
		require.NoError(t, err)
		assert.Equal(t, aircall.CallOutbound, call.Direction)
		assert.Equal(t, agent.ID, call.User.ID)
		assert.Equal(t, line.ID, call.Number.ID)
		assert.Equal(t, "+14155551234", call.RawDigits)
		assert.False(t, call.StartedAt.Before(started.Truncate(time.Second)))
		// The call shows up after 3 s: searches at 2 s (none) and 6 s (found).
		assert.Equal(t, 1+2, s.Stats().Requests, "start + 2 searches")
		assert.Zero(t, s.Stats().RateLimited)
	})
}

func TestStartCallAndWait_notListed(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		s, agent, line, _ := startCallFake(t, aircalltest.WithStartCallDelay(time.Hour))
		client := s.Client()
		_, err := client.Users.StartCallAndWait(context.Background(), agent.ID,
			&aircall.StartCallRequest{NumberID: line.ID, To: "+14155551234"}, &aircall.WaitCallOptions{MaxSearches: 4})
		require.ErrorIs(t, err, aircall.ErrCallNotListed)
		var nl *aircall.CallNotListedError
		require.ErrorAs(t, err, &nl)
		assert.Equal(t, 4, nl.Searches)
		assert.Equal(t, 1+4, s.Stats().Requests, "the search budget is respected")
		require.Len(t, s.Dials(), 1, "the call was started all the same")
	})
}

func TestStartCallAndWait_timeoutBoundsSearches(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		s, agent, line, _ := startCallFake(t, aircalltest.WithStartCallDelay(time.Hour))
		start := time.Now()
		_, err := s.Client().Users.StartCallAndWait(context.Background(), agent.ID,
			&aircall.StartCallRequest{NumberID: line.ID, To: "+14155551234"},
			&aircall.WaitCallOptions{Timeout: 10 * time.Second, FirstInterval: time.Second, MaxSearches: 100})
		require.ErrorIs(t, err, aircall.ErrCallNotListed)
		assert.LessOrEqual(t, time.Since(start), 10*time.Second)
		assert.Equal(t, 1+3, s.Stats().Requests, "searches at 1, 3 and 7 s; the next (15 s) would pass the timeout")
	})
}

func TestStartCallAndWait_contextCancelled(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		s, agent, line, _ := startCallFake(t, aircalltest.WithStartCallDelay(time.Hour))
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(5*time.Second, cancel)
		_, err := s.Client().Users.StartCallAndWait(ctx, agent.ID, &aircall.StartCallRequest{NumberID: line.ID, To: "+14155551234"}, nil)
		require.ErrorIs(t, err, context.Canceled)
		assert.Equal(t, 1+1, s.Stats().Requests, "one search at 2 s, cancelled while waiting for the next")
	})
}

func TestStartCallAndWait_refused(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		s, agent, _, other := startCallFake(t)
		_, err := s.Client().Users.StartCallAndWait(context.Background(), agent.ID,
			&aircall.StartCallRequest{NumberID: other.ID, To: "+14155551234"}, nil)
		require.ErrorIs(t, err, aircall.ErrBadRequest, "not assigned to the number")
		assert.Equal(t, 1, s.Stats().Requests, "no search after a refusal")
		assert.Empty(t, s.Dials())
	})
}

func TestStartCallAndWait_invalidOptions(t *testing.T) {
	t.Parallel()
	s, agent, line, _ := startCallFake(t)
	_, err := s.Client().Users.StartCallAndWait(context.Background(), agent.ID,
		&aircall.StartCallRequest{NumberID: line.ID, To: "+14155551234"}, &aircall.WaitCallOptions{MaxSearches: -1})
	var ae *aircall.ArgError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, "opts.MaxSearches", ae.Arg)
	assert.Zero(t, s.Stats().Requests)
}
