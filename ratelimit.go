package aircall

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"golang.org/x/time/rate"
)

// Rate is the rate-limit state reported by the X-AircallApi-* headers.
type Rate struct {
	// Limit is the limit of requests for the API key used (X-AircallApi-Limit).
	Limit int
	// Remaining is the number of requests left in the current window
	// (X-AircallApi-Remaining). It is -1 when the answer carried other
	// rate-limit headers but no readable Remaining: unknown, not zero.
	Remaining int
	// Reset is when the server frees budget again (X-AircallApi-Reset): the
	// end of a fixed window, or when a slot frees in a leaky bucket. Zero
	// if not sent.
	Reset time.Time
}

func (r Rate) isZero() bool { return r.Limit == 0 && r.Remaining == 0 && r.Reset.IsZero() }

// Limiter paces requests. The client calls Wait before every attempt of
// every request and Observe after every answer that carried rate-limit
// headers. Implement it to share one budget between processes (see the
// redislimit module); NewLocalLimiter is a plain in-process token bucket.
//
// A client given a Limiter (WithLimiter) lets it pace and keeps only the
// server's word on top: nothing leaves while the server says no request
// remains, and 429s are waited out.
type Limiter interface {
	// Wait blocks until a request may be sent, or ctx ends.
	Wait(ctx context.Context) error
	// Observe learns from the X-AircallApi-* headers of an answer.
	Observe(r Rate)
}

// NewLocalLimiter returns an in-process token bucket: at most perMinute
// requests in any 60-second window, with bursts of up to burst requests
// (1 ≤ burst ≤ perMinute). Its Observe does nothing. The client's own
// default pacing is adaptive and needs no Limiter; this one is for code
// that wants a fixed pace, and is what redislimit falls back to when Redis
// is unreachable.
func NewLocalLimiter(perMinute, burst int) (Limiter, error) {
	if perMinute < 1 {
		return nil, &ArgError{Arg: "perMinute", Reason: "must be at least 1"}
	}
	if burst < 1 || burst > perMinute {
		return nil, &ArgError{Arg: "burst", Reason: fmt.Sprintf("must be between 1 and perMinute (%d)", perMinute)}
	}
	return &localLimiter{l: perMinuteBucket(perMinute, burst)}, nil
}

// perMinuteBucket is a token bucket admitting at most perMinute requests in
// any half-open 60 s window. A bucket starting full admits burst +
// 60s/interval - 1 requests in such a window; solve for the interval that
// makes that perMinute. The extra microsecond keeps float rounding from
// letting one more request in right at the window's edge.
func perMinuteBucket(perMinute, burst int) *rate.Limiter {
	interval := time.Minute/time.Duration(perMinute-burst+1) + time.Microsecond
	return rate.NewLimiter(rate.Every(interval), burst)
}

type localLimiter struct{ l *rate.Limiter }

// Wait blocks until the token bucket allows a request, or ctx ends. A wait
// that cannot end before ctx's deadline fails at once: the reservation says
// how long it would be, and is given back.
func (l *localLimiter) Wait(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	now := time.Now()
	r := l.l.ReserveN(now, 1)
	d := r.DelayFrom(now)
	if d <= 0 {
		return nil
	}
	if dl, ok := ctx.Deadline(); ok && now.Add(d).After(dl) {
		r.CancelAt(now)
		return fmt.Errorf("aircall: rate limiter: waiting %s would pass the context deadline: %w", d.Round(time.Millisecond), context.DeadlineExceeded)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		r.Cancel()
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Observe does nothing: the client's own budget handles the server's headers.
func (l *localLimiter) Observe(Rate) {}

// limiterError makes a Limiter's failure honour the context contract: once
// ctx has ended, the error matches context.Canceled or
// context.DeadlineExceeded whatever the limiter returned.
func limiterError(ctx context.Context, err error) error {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return contextError(ctxErr, err)
	}
	return fmt.Errorf("aircall: rate limiter: %w", err)
}

// Rate-limit headers.
const (
	headerLimit      = "X-AircallApi-Limit"
	headerRemaining  = "X-AircallApi-Remaining"
	headerReset      = "X-AircallApi-Reset"
	headerRetryAfter = "Retry-After"
)

// parseRate reads the X-AircallApi-* headers; a missing or malformed Limit
// or Reset stays zero, a missing or malformed Remaining next to the others
// is -1 (unknown). It also returns the resolution of Reset: a whole number
// of seconds may be up to a second late.
func parseRate(h http.Header, now time.Time) (Rate, time.Duration) {
	var r Rate
	var prec time.Duration
	if v := h.Get(headerLimit); v != "" {
		r.Limit, _ = strconv.Atoi(strings.TrimSpace(v))
		r.Limit = max(r.Limit, 0)
	}
	if v := h.Get(headerReset); v != "" {
		r.Reset, prec = parseReset(v, now)
	}
	n, err := strconv.Atoi(strings.TrimSpace(h.Get(headerRemaining)))
	switch {
	case err == nil && n >= 0:
		r.Remaining = n
	case r.Limit > 0 || !r.Reset.IsZero():
		r.Remaining = -1
	}
	return r, prec
}

// remainingKnown says whether the server said how many requests are left.
func (r Rate) remainingKnown() bool { return r.Remaining >= 0 && !r.isZero() }

// parseReset reads X-AircallApi-Reset, whose unit Aircall does not document:
// below 1e8 (1973 as a date) it is seconds from now; above, a unix time
// whose unit fromUnix guesses from its size (seconds, milliseconds,
// microseconds or nanoseconds, the same guess as every other time the SDK
// decodes). An HTTP date is accepted too. The duration returned is the
// value's resolution: a second for whole seconds, else a millisecond.
func parseReset(v string, now time.Time) (time.Time, time.Duration) {
	v = strings.TrimSpace(v)
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		if t, err := http.ParseTime(v); err == nil {
			return t, time.Second
		}
		return time.Time{}, 0
	}
	if math.IsNaN(f) || math.IsInf(f, 0) || f < 0 || f >= 9e18 {
		return time.Time{}, 0
	}
	whole, frac := math.Modf(f)
	prec := time.Millisecond
	if frac == 0 && whole < 1e11 {
		prec = time.Second
	}
	if f < 1e8 {
		return now.Add(time.Duration(f * float64(time.Second))), prec
	}
	t := fromUnix(int64(whole), frac)
	if t.IsZero() {
		return t, 0
	}
	return t, prec
}

// serverWait is how long the server asked us to wait after a 429: its
// Retry-After header (seconds or HTTP date) if any, else until Reset.
// Zero means the server did not say. It saturates instead of overflowing,
// so a Reset centuries away reads as a very long wait, never a negative one.
func serverWait(h http.Header, r Rate, now time.Time) time.Duration {
	if v := strings.TrimSpace(h.Get(headerRetryAfter)); v != "" {
		if s, err := strconv.ParseFloat(v, 64); err == nil && s >= 0 {
			return secondsSat(s)
		}
		if t, err := http.ParseTime(v); err == nil {
			return max(t.Sub(now), 0)
		}
	}
	if !r.Reset.IsZero() {
		return max(addSat(r.Reset.Sub(now), resetMargin), 0)
	}
	return 0
}

// addSat adds two durations, saturating at the largest duration instead of
// wrapping around to a negative one.
func addSat(a, b time.Duration) time.Duration {
	if b > 0 && a > math.MaxInt64-b {
		return math.MaxInt64
	}
	if b < 0 && a < math.MinInt64-b {
		return math.MinInt64
	}
	return a + b
}

// secondsSat converts seconds to a duration, saturating.
func secondsSat(s float64) time.Duration {
	if s*float64(time.Second) >= math.MaxInt64 {
		return math.MaxInt64
	}
	return time.Duration(s * float64(time.Second))
}
