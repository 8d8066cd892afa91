package aircall

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Rate is the rate-limit state reported by the X-AircallApi-* headers.
type Rate struct {
	// Limit is the limit of requests for the API key used (X-AircallApi-Limit).
	Limit int
	// Remaining is the number of requests left in the current window (X-AircallApi-Remaining).
	Remaining int
	// Reset is when the counter will be reset (X-AircallApi-Reset); zero if not sent.
	Reset time.Time
}

func (r Rate) isZero() bool { return r.Limit == 0 && r.Remaining == 0 && r.Reset.IsZero() }

// Limiter paces requests. The client calls Wait before every attempt of
// every request and Observe after every answer that carried rate-limit
// headers. Implement it to share one budget between processes (see the
// redislimit module); NewLocalLimiter is the in-process default.
type Limiter interface {
	// Wait blocks until a request may be sent, or ctx ends.
	Wait(ctx context.Context) error
	// Observe learns from the X-AircallApi-* headers of an answer.
	Observe(r Rate)
}

// resetBuffer is added to the server's Reset before sending again: Reset may
// be rounded to whole seconds, and clocks differ.
const resetBuffer = time.Second

// NewLocalLimiter returns the in-process token bucket the client uses by
// default: at most perMinute requests in any 60-second window, with bursts of
// up to burst requests (1 ≤ burst ≤ perMinute). Its Observe does nothing: the
// client itself holds requests while the server reports an exhausted budget.
func NewLocalLimiter(perMinute, burst int) (Limiter, error) {
	if perMinute < 1 {
		return nil, &ArgError{Arg: "perMinute", Reason: "must be at least 1"}
	}
	if burst < 1 || burst > perMinute {
		return nil, &ArgError{Arg: "burst", Reason: fmt.Sprintf("must be between 1 and perMinute (%d)", perMinute)}
	}
	// A bucket starting full admits burst + 60s/interval - 1 requests in any
	// half-open 60 s window; solve for the interval that makes that
	// perMinute. The extra microsecond keeps float rounding from letting one
	// more request in right at the window's edge.
	interval := time.Minute/time.Duration(perMinute-burst+1) + time.Microsecond
	return &localLimiter{l: rate.NewLimiter(rate.Every(interval), burst)}, nil
}

type localLimiter struct{ l *rate.Limiter }

// Wait blocks until the token bucket allows a request, or ctx ends.
func (l *localLimiter) Wait(ctx context.Context) error { return l.l.Wait(ctx) }

// Observe does nothing: the client's own gate handles the server's headers.
func (l *localLimiter) Observe(Rate) {}

// limiterError makes a limiter failure honour the context contract: a
// cancelled ctx matches context.Canceled, and x/time/rate's "would exceed
// context deadline" matches context.DeadlineExceeded.
func limiterError(ctx context.Context, err error) error {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return contextError(ctxErr, err)
	}
	if strings.Contains(err.Error(), "exceed context deadline") {
		return fmt.Errorf("aircall: rate limiter: %w: %v", context.DeadlineExceeded, err)
	}
	return fmt.Errorf("aircall: rate limiter: %w", err)
}

// resetGate holds every request while the server says the budget is spent:
// after an answer with X-AircallApi-Remaining: 0, nothing leaves before Reset.
type resetGate struct {
	mu    sync.Mutex
	until time.Time
}

func (g *resetGate) observe(r Rate, now time.Time, maxWait time.Duration) {
	if r.Remaining > 0 || r.Reset.IsZero() || !r.Reset.After(now) {
		return
	}
	until := r.Reset.Add(resetBuffer)
	if lim := now.Add(maxWait); until.After(lim) {
		until = lim // a wild Reset (wrong unit, skewed clock) must not stall us for long
	}
	g.mu.Lock()
	if until.After(g.until) {
		g.until = until
	}
	g.mu.Unlock()
}

func (g *resetGate) wait(ctx context.Context, now func() time.Time) error {
	for {
		g.mu.Lock()
		until := g.until
		g.mu.Unlock()
		d := until.Sub(now())
		if d <= 0 {
			return nil
		}
		if err := sleep(ctx, d, now); err != nil {
			return err
		}
	}
}

// Rate-limit headers.
const (
	headerLimit      = "X-AircallApi-Limit"
	headerRemaining  = "X-AircallApi-Remaining"
	headerReset      = "X-AircallApi-Reset"
	headerRetryAfter = "Retry-After"
)

// parseRate reads the X-AircallApi-* headers; missing or malformed values stay zero.
func parseRate(h http.Header, now time.Time) Rate {
	var r Rate
	if v := h.Get(headerLimit); v != "" {
		r.Limit, _ = strconv.Atoi(strings.TrimSpace(v))
	}
	if v := h.Get(headerRemaining); v != "" {
		r.Remaining, _ = strconv.Atoi(strings.TrimSpace(v))
	}
	if v := h.Get(headerReset); v != "" {
		r.Reset = parseReset(v, now)
	}
	return r
}

// parseReset reads X-AircallApi-Reset, whose unit Aircall does not document:
// from 1e11 it is epoch milliseconds, from 1e8 epoch seconds, otherwise
// seconds from now. An HTTP date is accepted too. (Those thresholds agree
// with "> 1e12 ms, > 1e9 s" for every realistic value, and also read clocks
// near the year 2000 right, such as testing/synctest's.)
func parseReset(v string, now time.Time) time.Time {
	v = strings.TrimSpace(v)
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		if t, err := http.ParseTime(v); err == nil {
			return t
		}
		return time.Time{}
	}
	switch {
	case f != f || f < 0 || f > 1e16: // NaN, negative, absurd
		return time.Time{}
	case f >= 1e11:
		return time.UnixMilli(int64(f))
	case f >= 1e8:
		return time.Unix(int64(f), int64((f-float64(int64(f)))*1e9))
	default:
		return now.Add(time.Duration(f * float64(time.Second)))
	}
}

// serverWait is how long the server asked us to wait after a 429: its
// Retry-After header (seconds or HTTP date) if any, else until Reset.
// Zero means the server did not say.
func serverWait(h http.Header, r Rate, now time.Time) time.Duration {
	if v := strings.TrimSpace(h.Get(headerRetryAfter)); v != "" {
		if s, err := strconv.ParseFloat(v, 64); err == nil && s >= 0 && s < 1e7 {
			return time.Duration(s * float64(time.Second))
		}
		if t, err := http.ParseTime(v); err == nil {
			return max(t.Sub(now), 0)
		}
	}
	if !r.Reset.IsZero() {
		return max(r.Reset.Sub(now)+resetBuffer, 0)
	}
	return 0
}
