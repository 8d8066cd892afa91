package aircall

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"time"
)

// RetryPolicy says which failed requests are sent again, and when.
//
// A 429 is retried for every method: the API refused the request before
// doing anything. The wait is what the server asked for (Retry-After, or
// until X-AircallApi-Reset), else a backoff. 5xx answers, 408 and network
// errors are retried only for GET, HEAD, PUT and DELETE, never for a POST,
// which could otherwise be applied twice. Every attempt goes through the
// client's rate limiter again, and every wait ends when the request's
// context does.
type RetryPolicy struct {
	// MaxRetries is how many times a request may be resent; 0 disables retries. Default 3.
	MaxRetries int
	// MinBackoff is the first backoff; it doubles on every retry and is
	// drawn with full jitter (uniformly between 0 and the doubled value). Default 500ms.
	MinBackoff time.Duration
	// MaxBackoff caps the doubling. Default 30s.
	MaxBackoff time.Duration
	// MaxWait caps one server-directed wait (a 429's reset): if the server
	// asks for longer, the request fails with a *RateLimitError at once
	// instead of waiting. Default 2m.
	MaxWait time.Duration
}

// DefaultRetryPolicy returns the policy a client uses unless told otherwise:
// 3 retries, 500ms to 30s of jittered backoff, server waits up to 2 minutes.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{MaxRetries: 3, MinBackoff: 500 * time.Millisecond, MaxBackoff: 30 * time.Second, MaxWait: 2 * time.Minute}
}

func (p RetryPolicy) withDefaults() RetryPolicy {
	d := DefaultRetryPolicy()
	if p.MinBackoff == 0 {
		p.MinBackoff = d.MinBackoff
	}
	if p.MaxBackoff == 0 {
		p.MaxBackoff = max(d.MaxBackoff, p.MinBackoff)
	}
	if p.MaxWait == 0 {
		p.MaxWait = d.MaxWait
	}
	return p
}

// backoff returns the jittered delay before retry number attempt (1-based).
func (p RetryPolicy) backoff(attempt int, jitter func(time.Duration) time.Duration) time.Duration {
	d := p.MinBackoff
	for i := 1; i < attempt && d < p.MaxBackoff; i++ {
		d *= 2
	}
	return jitter(min(d, p.MaxBackoff))
}

// fullJitter draws uniformly from [0, d].
func fullJitter(d time.Duration) time.Duration {
	if d <= 0 {
		return 0
	}
	return rand.N(d + 1)
}

func isIdempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodPut, http.MethodDelete:
		return true
	}
	return false
}

// retryDecision says whether a failed attempt is sent again, and after how long.
func (c *Client) retryDecision(idempotent bool, err error, attempt int) (time.Duration, bool) {
	if attempt > c.retry.MaxRetries {
		return 0, false
	}
	var rle *RateLimitError
	if errors.As(err, &rle) {
		if rle.RetryAfter > 0 {
			// Server-directed: the client's budget now holds every request
			// for what the server said, unless that is longer than MaxWait.
			return 0, rle.RetryAfter <= c.retry.MaxWait
		}
		return c.retry.backoff(attempt, c.jitter), true
	}
	var er *ErrorResponse
	if errors.As(err, &er) {
		switch er.StatusCode {
		case http.StatusRequestTimeout, http.StatusInternalServerError, http.StatusBadGateway,
			http.StatusServiceUnavailable, http.StatusGatewayTimeout:
			return c.retry.backoff(attempt, c.jitter), idempotent
		}
		return 0, false
	}
	var de *DecodeError
	var ae *ArgError
	if errors.As(err, &de) || errors.As(err, &ae) || errors.Is(err, ErrEmptyBody) || errors.Is(err, ErrResponseTooLarge) || isPermanentTransportError(err) {
		return 0, false
	}
	// A network failure: the request may or may not have been processed.
	return c.retry.backoff(attempt, c.jitter), idempotent
}

// sleep waits d or until ctx ends. A wait that cannot end before ctx's
// deadline returns at once with an error matching context.DeadlineExceeded.
func sleep(ctx context.Context, d time.Duration, now func() time.Time) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if d <= 0 {
		return nil
	}
	if dl, ok := ctx.Deadline(); ok && now().Add(d).After(dl) {
		return fmt.Errorf("aircall: waiting %s would pass the context deadline: %w", d.Round(time.Millisecond), context.DeadlineExceeded)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
