package aircallmcp

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/aircall-go/aircall"
)

// explain turns an error of the SDK into the sentence an agent reads in a
// tool error: what happened, whether anything reached Aircall, and what to
// do next (when to retry after a rate limit). write says whether the tool
// changes something, for the advice on timeouts.
func (s *Server) explain(err error, write bool) error {
	var (
		argErr  *aircall.ArgError
		rateErr *aircall.RateLimitError
		apiErr  *aircall.ErrorResponse
	)
	switch {
	case errors.As(err, &argErr):
		return fmt.Errorf("invalid %s: %s (nothing was sent to Aircall)", argErr.Arg, argErr.Reason)
	case errors.As(err, &rateErr):
		return fmt.Errorf("the Aircall rate limit is reached, so nothing was done: %s", s.retryHint(rateErr.RetryAfter, rateErr.Rate))
	case errors.Is(err, context.DeadlineExceeded):
		if r := s.client.Rate(); r.Remaining == 0 && r.Reset.After(s.now()) {
			return fmt.Errorf("the Aircall rate limit is reached and the wait is longer than this tool's %s budget, so nothing was sent: %s",
				s.cfg.CallTimeout, s.retryHint(0, r))
		}
		if write {
			return fmt.Errorf("timed out after %s: the request may or may not have reached Aircall; check before trying again", s.cfg.CallTimeout)
		}
		return fmt.Errorf("timed out after %s; try again, or narrow the query", s.cfg.CallTimeout)
	case errors.As(err, &apiErr):
		return fmt.Errorf("%s%s", apiErr.Error(), statusHint(apiErr.StatusCode))
	}
	return err
}

// retryHint says when to retry: after the server's wait if it gave one,
// else at the limit's reset, else in a minute (the budget is per minute).
func (s *Server) retryHint(after time.Duration, r aircall.Rate) string {
	now := s.now()
	at := now.Add(time.Minute)
	switch {
	case after > 0:
		at = now.Add(after)
	case r.Reset.After(now):
		at = r.Reset
	}
	wait := max(at.Sub(now).Round(time.Second), time.Second)
	return fmt.Sprintf("retry after %s (at %s)", wait, at.UTC().Format(time.RFC3339))
}

// statusHint adds what an agent can do about an HTTP status.
func statusHint(status int) string {
	switch status {
	case http.StatusUnauthorized:
		return " — the server's Aircall credentials were refused; the person running this server must check AIRCALL_API_ID/AIRCALL_API_TOKEN or AIRCALL_ACCESS_TOKEN"
	case http.StatusForbidden:
		return " — the Aircall plan, the licence (AI Assist for insights) or the credential's scope does not allow this"
	case http.StatusNotFound:
		return " — check the id (use a list or search tool to find it)"
	case http.StatusMethodNotAllowed:
		return " — for calls this usually means the user is not available or already on a call"
	}
	return ""
}
