package aircall

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Defaults of WaitCallOptions. A call started through the API usually shows
// in Calls.Search within a few seconds; these bounds wait about 45 seconds
// for it with 6 searches.
const (
	DefaultWaitCallTimeout       = time.Minute
	DefaultWaitCallFirstInterval = 2 * time.Second
	DefaultWaitCallMaxInterval   = 10 * time.Second
	DefaultWaitCallMaxSearches   = 6
	DefaultWaitCallClockSkew     = 10 * time.Second
)

// WaitCallOptions tunes how UsersService.StartCallAndWait looks for the call
// it started. The zero value (or nil) uses the Default* bounds above.
type WaitCallOptions struct {
	// Timeout bounds the search, counted from the start request. ctx's own
	// deadline still applies. Default DefaultWaitCallTimeout.
	Timeout time.Duration
	// FirstInterval is the wait before the first search; each later wait
	// doubles, up to MaxInterval. Defaults DefaultWaitCallFirstInterval and
	// DefaultWaitCallMaxInterval.
	FirstInterval, MaxInterval time.Duration
	// MaxSearches caps the Calls.Search requests spent looking (each counts
	// against the company's rate limit). Default DefaultWaitCallMaxSearches.
	MaxSearches int
	// ClockSkew is how much earlier than this machine's clock Aircall may
	// date the call's start (its started_at has a one-second resolution and
	// the clocks differ). Default DefaultWaitCallClockSkew.
	ClockSkew time.Duration
}

func (o *WaitCallOptions) withDefaults() (WaitCallOptions, error) {
	var w WaitCallOptions
	if o != nil {
		w = *o
	}
	for _, d := range []struct {
		arg string
		v   *time.Duration
		def time.Duration
	}{
		{"Timeout", &w.Timeout, DefaultWaitCallTimeout},
		{"FirstInterval", &w.FirstInterval, DefaultWaitCallFirstInterval},
		{"MaxInterval", &w.MaxInterval, DefaultWaitCallMaxInterval},
		{"ClockSkew", &w.ClockSkew, DefaultWaitCallClockSkew},
	} {
		switch {
		case *d.v < 0:
			return w, &ArgError{Arg: "opts." + d.arg, Reason: "must not be negative"}
		case *d.v == 0:
			*d.v = d.def
		}
	}
	switch {
	case w.MaxSearches < 0:
		return w, &ArgError{Arg: "opts.MaxSearches", Reason: "must not be negative"}
	case w.MaxSearches == 0:
		w.MaxSearches = DefaultWaitCallMaxSearches
	}
	w.MaxInterval = max(w.MaxInterval, w.FirstInterval)
	return w, nil
}

// ErrCallNotListed matches (errors.Is) the *CallNotListedError of
// StartCallAndWait: the call was started but did not show up in time.
var ErrCallNotListed = errors.New("aircall: the started call was not listed in time")

// CallNotListedError says StartCallAndWait started a call (the API answered
// 204) but no matching call showed up in Calls.Search within its bounds.
// The call may still appear later: the call.created webhook event, or
// another search, will find it.
type CallNotListedError struct {
	// UserID, NumberID and To are what the call was started with.
	UserID, NumberID int64
	To               string
	// Since is the earliest start time a matching call could have.
	Since time.Time
	// Searches is how many Calls.Search requests were sent.
	Searches int
}

// Error describes what was looked for.
func (e *CallNotListedError) Error() string {
	return fmt.Sprintf("aircall: started a call from user %d (number %d) to %s, but no such call was listed after %d searches",
		e.UserID, e.NumberID, e.To, e.Searches)
}

// Is makes errors.Is(err, ErrCallNotListed) hold.
func (e *CallNotListedError) Is(target error) bool { return target == ErrCallNotListed }

// StartCallAndWait starts an outbound call like StartCall, then finds the
// resulting Call and returns it, so it can be tagged or commented at once.
//
// StartCall's answer (204) carries no call, so the Call is looked for with
// Calls.Search: the newest outbound call of userID, from req.NumberID, to
// req.To (compared by digits), started at or after the request (less
// opts.ClockSkew). The searches start after opts.FirstInterval and back
// off to opts.MaxInterval; every request goes through the client's rate
// limiter. When no call matches within opts.Timeout or opts.MaxSearches,
// the error is a *CallNotListedError (errors.Is(err, ErrCallNotListed)):
// the call was started all the same. Cancelling ctx ends the wait with its
// error. Errors of StartCall (400 number not found, 405 user not available)
// and of Search come back unchanged.
//
// If the same user called the same number within ClockSkew before, that
// earlier call could be returned when the new one is slow to appear.
//
//aircall:operation POST /v1/users/:id/calls
func (s *UsersService) StartCallAndWait(ctx context.Context, userID int64, req *StartCallRequest, opts *WaitCallOptions) (*Call, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	started := s.client.now()
	if _, err := s.StartCall(ctx, userID, req); err != nil {
		return nil, err
	}
	since := started.Add(-o.ClockSkew).Truncate(time.Second)
	deadline := started.Add(o.Timeout)
	search := &CallSearchOptions{
		UserID: userID, Direction: string(CallOutbound), From: since, Order: "desc",
		ListOptions: ListOptions{PerPage: MaxPerPage},
	}
	wait := o.FirstInterval
	searches := 0
	for searches < o.MaxSearches {
		if s.client.now().Add(wait).After(deadline) {
			break
		}
		if err := sleep(ctx, wait, s.client.now); err != nil {
			return nil, err
		}
		calls, _, err := s.client.Calls.Search(ctx, search)
		searches++
		if err != nil {
			return nil, err
		}
		if c := newestStartedCall(calls, userID, req, since); c != nil {
			return c, nil
		}
		wait = min(2*wait, o.MaxInterval)
	}
	return nil, &CallNotListedError{UserID: userID, NumberID: req.NumberID, To: req.To, Since: since, Searches: searches}
}

// newestStartedCall returns the newest call of calls that StartCall(userID,
// req) could have produced.
func newestStartedCall(calls []*Call, userID int64, req *StartCallRequest, since time.Time) *Call {
	want := digitsOnly(req.To)
	var best *Call
	for _, c := range calls {
		switch {
		case c == nil, c.Direction != CallOutbound, c.StartedAt.Before(since):
			continue
		case c.User != nil && c.User.ID != userID:
			continue
		case c.Number != nil && c.Number.ID != 0 && c.Number.ID != req.NumberID:
			continue
		case digitsOnly(c.RawDigits) != want:
			continue
		}
		if best == nil || c.StartedAt.After(best.StartedAt.Time) || (c.StartedAt.Equal(best.StartedAt.Time) && c.ID > best.ID) {
			best = c
		}
	}
	return best
}

// digitsOnly keeps the digits of a phone number ("+1 800-123-4567" ->
// "18001234567").
func digitsOnly(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			b = append(b, s[i])
		}
	}
	return string(b)
}
