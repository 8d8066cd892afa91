package aircall

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// The client's model of the company's request budget: what the server said
// (Limit, Remaining, Reset), what this client sent since, and what is still
// in flight. Every request asks it for a turn (acquire) and tells it the
// answer (done).
//
// While the budget left (Remaining less the requests sent since the answer
// that reported it, in flight or not) is comfortably above the reserve, a
// request leaves at once. When only lowWater requests are left, they are
// spread evenly until Reset. At Reset the server frees budget: the whole
// Limit for a fixed window, one slot for a leaky bucket; which one the
// server runs is learned from the first count after a Reset. Before any
// header, the documented 60 per minute applies with a modest burst.

const (
	// startBurst is how many requests may leave at once before the server
	// has said anything about the budget; then the documented 60 a minute.
	// Beyond that pace, one request at a time may probe: Aircall may send
	// its headers only once the budget is spent, so silence means budget
	// is left, and a single request in flight cannot overrun it by more
	// than one.
	startBurst = 10
	// resetMargin is how long after Reset the first request leaves. The
	// server's Reset is an upper bound when it is rounded up (whole
	// seconds); what remains is the clock difference between the server and
	// us (NTP keeps hosts within a few milliseconds; the fake shares our
	// clock) and the request's own travel, which only makes us later. A
	// request that still arrives too early (a 429 reporting the window we
	// thought was over) doubles the margin, up to maxMargin.
	resetMargin = 25 * time.Millisecond
	maxMargin   = time.Second
	// slowWait is how long a request may wait for budget before an Info
	// log line says so.
	slowWait = time.Second
	// untilAnswer is the wait when only an answer in flight can free
	// budget; an answer wakes the waiters earlier.
	untilAnswer = time.Second
	// farAway bounds a hold so that time arithmetic cannot overflow; any
	// hold that long fails at once anyway (it exceeds RetryPolicy.MaxWait).
	farAway = 100 * 365 * 24 * time.Hour
)

// meterKind is how the server frees budget at Reset.
type meterKind uint8

const (
	meterUnknown meterKind = iota
	meterFixed             // the whole Limit at once: fixed windows
	meterLeaky             // one slot: a leaky bucket
)

// Reasons a request waits, for the log line.
const (
	waitBudget = "budget"
	waitReset  = "server reset"
	waitRetry  = "429"
)

type budget struct {
	pace    bool          // false: only the server's word holds requests
	reserve int           // requests per window left to other integrations
	cap     *rate.Limiter // WithRateLimit's upper bound; nil without
	start   *rate.Limiter // before any Remaining: the documented rate
	now     func() time.Time

	mu        sync.Mutex
	changed   chan struct{} // closed when an answer arrives
	limit     int           // requests per window (X-AircallApi-Limit, else documented)
	heard     bool          // the server sent rate-limit headers at least once
	known     bool          // rem means something
	grow      bool          // rem is a guess: a success without headers gives its slot back
	rem       int           // budget left as of request remSeq
	remSeq    uint64        // requests up to this one are counted in rem
	rawRem    int           // the server's own count at remSeq
	reset     time.Time     // when the server frees budget; zero if unknown
	prec      time.Duration // resolution of reset
	assumed   bool          // reset is our extrapolation, not the server's word
	window    time.Duration // length of a fixed window, once learned
	kind      meterKind
	rollSeq   uint64    // requests sent before the last Reset we passed
	rolledAt  time.Time // that Reset
	ours      int       // requests we sent since the window began
	seq       uint64    // requests sent so far
	inflight  int
	pending   map[uint64]struct{} // requests in flight, by number
	lastSend  time.Time
	probe     uint64 // the request probing beyond the documented pace, in flight
	probeNext bool
	noProbe   bool      // the server refused a request without rate-limit headers
	hold      time.Time // nothing leaves before (the server's word)
	holdWhy   string
	margin    time.Duration
}

func newBudget(cfg config, now func() time.Time) *budget {
	b := &budget{
		pace:    cfg.pace && cfg.limiter == nil,
		reserve: cfg.reserve,
		now:     now,
		changed: make(chan struct{}),
		pending: map[uint64]struct{}{},
		limit:   DefaultRequestsPerMinute,
		margin:  resetMargin,
	}
	switch {
	case cfg.perMinute > 0:
		b.cap = perMinuteBucket(cfg.perMinute, cfg.burst)
		b.limit = cfg.perMinute
	default:
		// The documented rate, on average: a fixed window may see the burst
		// on top of it once, and the server's answer then says so. With a
		// reserve, others count on their share: no burst, and our share.
		perMinute := max(DefaultRequestsPerMinute-cfg.reserve, 1)
		burst := startBurst
		if cfg.reserve > 0 {
			burst = 1
		}
		b.start = rate.NewLimiter(rate.Every(time.Minute/time.Duration(perMinute)), min(burst, perMinute))
	}
	return b
}

// acquire waits for this request's turn and returns its sequence number,
// to be given back to done. A server-directed wait longer than maxWait, or
// past ctx's deadline, fails at once with a *RateLimitError.
func (b *budget) acquire(ctx context.Context, maxWait time.Duration, logger *slog.Logger) (uint64, error) {
	start := b.now()
	why := ""
	for {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		b.mu.Lock()
		now := b.now()
		d, reason, server := b.decide(now)
		if d <= 0 {
			seq := b.commit(now)
			b.mu.Unlock()
			if waited := now.Sub(start); waited > slowWait && logger != nil {
				logger.LogAttrs(ctx, slog.LevelInfo, "aircall: request waited for rate-limit budget",
					slog.Duration("wait", waited), slog.String("reason", why))
			}
			return seq, nil
		}
		changed := b.changed
		snapshot := b.rateLocked()
		b.mu.Unlock()
		why = reason
		if server {
			if d > maxWait {
				return 0, holdError(snapshot, d, nil)
			}
			if dl, ok := ctx.Deadline(); ok && now.Add(d).After(dl) {
				return 0, holdError(snapshot, d, context.DeadlineExceeded)
			}
		} else if dl, ok := ctx.Deadline(); ok && d != untilAnswer && now.Add(d).After(dl) {
			return 0, fmt.Errorf("aircall: waiting %s for rate-limit budget would pass the context deadline: %w",
				d.Round(time.Millisecond), context.DeadlineExceeded)
		}
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return 0, ctx.Err()
		case <-t.C:
		case <-changed:
			t.Stop()
		}
	}
}

// holdError is the error of a request the server's hold keeps from leaving
// for longer than the client may wait.
func holdError(r Rate, d time.Duration, ctxErr error) error {
	rle := &RateLimitError{Rate: r, RetryAfter: d, ErrorResponse: &ErrorResponse{
		StatusCode: http.StatusTooManyRequests,
		Message:    "not sent: the server's rate-limit budget frees up later than the client may wait",
	}}
	if ctxErr != nil {
		return fmt.Errorf("%w: %w", rle, ctxErr)
	}
	return rle
}

// decide says how long the next request must wait (0: it may leave now),
// why, and whether the wait is the server's word (a hold) rather than our
// pacing.
func (b *budget) decide(now time.Time) (time.Duration, string, bool) {
	if now.Before(b.hold) {
		return b.hold.Sub(now), b.holdWhy, true
	}
	b.roll(now)
	if !b.pace {
		return 0, "", false
	}
	var d time.Duration
	reason := ""
	switch {
	case !b.known:
		// Nothing heard yet: the documented pace, and beyond it one
		// request at a time, since a server that only speaks once the
		// budget is spent has not spoken (see startBurst).
		if b.start != nil {
			if d = bucketDelay(b.start, now); d > 0 {
				if b.probe == 0 && b.reserve == 0 && !b.noProbe {
					b.probeNext = true
					d = 0
				} else {
					d, reason = min(d, untilAnswer), waitBudget
				}
			}
		}
	default:
		avail := b.avail()
		room := avail - b.owed(avail)
		if room <= 0 {
			switch {
			case b.inflight > 0:
				return untilAnswer, waitBudget, false
			case b.reset.IsZero() || (b.kind == meterFixed && b.assumed && b.reserve == 0):
				// Our count says the window is spent, yet the server, which
				// speaks when it is, said nothing: it has moved on. Probe,
				// one request at a time; the first refusal brings its Reset.
				// With a reserve, at our share of the documented pace: the
				// others count on theirs.
				if b.reserve > 0 && b.start != nil {
					if d := bucketDelay(b.start, now); d > 0 {
						return d, waitBudget, false
					}
					b.start.AllowN(now, 1)
				}
				b.rem = int(b.seq-b.remSeq) + 1
				b.grow = true
				return 0, "", false
			}
			return max(addSat(b.reset.Sub(now), b.margin), time.Millisecond), waitBudget, false
		}
		if room <= b.lowWater() && !b.assumed && !b.reset.IsZero() && b.reset.After(now) && !b.lastSend.IsZero() {
			next := b.lastSend.Add(b.reset.Sub(b.lastSend) / time.Duration(room+1))
			if next.After(now) {
				d, reason = next.Sub(now), waitBudget
			}
		}
	}
	if b.cap != nil {
		if cd := bucketDelay(b.cap, now); cd > d {
			d, reason = cd, waitBudget
		}
	}
	return d, reason, false
}

// lowWater is how few requests left make the rest spread until Reset.
func (b *budget) lowWater() int { return max(2, b.limit/10) }

// avail is the budget left now: the last count less what was sent since.
func (b *budget) avail() int { return b.rem - int(b.seq-b.remSeq) }

// owed is how much of avail stays for other integrations on the key. In a
// fixed window, what they already spent counts towards the reserve.
func (b *budget) owed(avail int) int {
	if b.reserve == 0 {
		return 0
	}
	if b.kind == meterFixed {
		others := max(b.limit-avail-b.ours, 0)
		return max(b.reserve-others, 0)
	}
	return b.reserve
}

// roll frees budget once Reset (plus the margin) has passed.
func (b *budget) roll(now time.Time) {
	if b.reset.IsZero() || now.Before(b.reset.Add(b.margin)) {
		return
	}
	if b.kind == meterFixed {
		b.rem, b.grow = b.limit, false
	} else {
		b.rem, b.grow = max(b.avail(), 0)+1, true
	}
	b.known = true
	b.remSeq, b.rollSeq, b.rolledAt = b.seq, b.seq, b.reset
	b.ours = 0
	// The next Reset, until the server gives it: a window later, or one
	// slot later in a leaky bucket (at the documented pace until the
	// window is known).
	step := b.window
	if step == 0 {
		step = time.Minute
	}
	if b.kind != meterFixed {
		step /= time.Duration(max(b.limit, 1))
	}
	if b.kind == meterUnknown && b.window == 0 {
		b.reset, b.assumed = time.Time{}, false
		return
	}
	for !b.reset.After(now) {
		b.reset = b.reset.Add(step)
	}
	b.assumed = true
}

// commit counts a request that leaves now.
func (b *budget) commit(now time.Time) uint64 {
	b.seq++
	b.inflight++
	b.pending[b.seq] = struct{}{}
	b.ours++
	b.lastSend = now
	if b.probeNext {
		b.probe, b.probeNext = b.seq, false
	} else if !b.known && b.start != nil {
		b.start.AllowN(now, 1)
	}
	if b.cap != nil {
		b.cap.AllowN(now, 1)
	}
	return b.seq
}

// done learns from the answer to request seq: its rate-limit headers r
// (with Reset's resolution prec), its status (0 when none came back) and,
// for a 429, how long the server asked to wait.
func (b *budget) done(seq uint64, r Rate, prec time.Duration, status int, retryAfter time.Duration) {
	b.mu.Lock()
	defer b.mu.Unlock()
	defer b.signal()
	now := b.now()
	b.inflight--
	delete(b.pending, seq)
	if seq == b.probe {
		b.probe = 0
	}
	if r.isZero() {
		if status >= 200 && status < 300 && b.grow && seq > b.remSeq {
			b.rem++ // the server had room: the slot comes back
		}
		if status == 429 {
			b.noProbe = true // a server refusing without a word: keep to the documented pace
			if retryAfter > 0 {
				b.holdUntil(now, retryAfter, waitRetry)
			}
		}
		return
	}
	b.heard = true
	if r.Limit > 0 {
		b.limit = r.Limit
	}
	if seq <= b.rollSeq {
		return // sent before the last Reset we passed: its counts are stale
	}
	if seq < b.remSeq && r.Remaining > b.rawRem && b.rem < b.rawRem {
		// An earlier request the newer count might not have included: the
		// server counted it before that one after all.
		b.rem++
	}
	if !r.Reset.IsZero() {
		b.mergeReset(r.Reset, prec, now)
	}
	early := (status == 429 || r.Remaining == 0) && !b.rolledAt.IsZero() && seq == b.rollSeq+1 &&
		(r.Reset.IsZero() || r.Reset.Sub(b.rolledAt) < max(prec, time.Millisecond))
	if early {
		b.margin = min(2*b.margin, maxMargin) // we passed Reset before the server did
	}
	if r.Remaining >= 0 && seq > b.remSeq {
		if b.rollSeq > 0 && b.kind == meterUnknown {
			freed := r.Remaining + int(seq-b.rollSeq)
			if 2*freed > b.limit {
				b.kind = meterFixed

			} else {
				b.kind = meterLeaky
			}
		}
		// Requests sent before this one and still unanswered may reach the
		// server after it: they are not in its count yet.
		before := 0
		for s := range b.pending {
			if s < seq {
				before++
			}
		}
		b.rem, b.rawRem, b.remSeq, b.known, b.grow = r.Remaining-before, r.Remaining, seq, true, false
	}
	if !r.Reset.IsZero() {
		b.learnWindow(prec)
	}
	switch {
	case status == 429 && retryAfter > 0:
		b.holdUntil(now, retryAfter, waitRetry)
	case status == 429 || r.Remaining == 0:
		if !b.reset.IsZero() && b.reset.After(now) {
			b.holdUntil(now, addSat(b.reset.Sub(now), b.margin), waitReset)
		} else {
			b.holdUntil(now, b.margin, waitReset) // the server's Reset has passed but it still says no
		}
	}
}

// learnWindow learns a fixed window's length from the distance between the
// Reset we passed and the next one: the shortest seen, since windows in
// between may have gone by unseen. Aircall's windows are a minute at most.
func (b *budget) learnWindow(prec time.Duration) {
	if b.kind != meterFixed || b.rolledAt.IsZero() || !b.reset.After(b.rolledAt.Add(prec)) {
		return
	}
	w := b.reset.Sub(b.rolledAt).Round(max(prec, time.Millisecond))
	if w > 0 && w <= time.Minute && (b.window == 0 || w < b.window) {
		b.window = w
	}
}

// holdUntil keeps every request back for d from now. A new word from the
// server replaces the previous one, so a tighter Reset shortens the hold.
func (b *budget) holdUntil(now time.Time, d time.Duration, why string) {
	if d <= 0 {
		return
	}
	b.hold = now.Add(min(d, farAway)) // a Reset centuries away must not overflow
	b.holdWhy = why
}

// mergeReset records the server's Reset. In a fixed window, several
// answers give several upper bounds of the same instant when Reset is whole
// seconds: the earliest still ahead is the best. Anywhere else the latest
// word wins (a leaky bucket's Reset is the next slot, which moves).
func (b *budget) mergeReset(t time.Time, prec time.Duration, now time.Time) {
	d := t.Sub(b.reset)
	same := b.kind == meterFixed && !b.assumed && b.reset.After(now) && d < prec && -d < prec
	if !same || t.Before(b.reset) {
		b.reset = t
	}
	b.prec, b.assumed = prec, false
}

// signal wakes every request waiting for an answer.
func (b *budget) signal() {
	close(b.changed)
	b.changed = make(chan struct{})
}

// rate is the budget as the client sees it now.
func (b *budget) rate() Rate {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.roll(b.now())
	return b.rateLocked()
}

func (b *budget) rateLocked() Rate {
	if !b.heard {
		return Rate{}
	}
	r := Rate{Limit: b.limit, Remaining: -1, Reset: b.reset}
	if b.known {
		r.Remaining = max(b.avail(), 0)
	}
	return r
}

// bucketDelay is how long until the token bucket holds a token.
func bucketDelay(l *rate.Limiter, now time.Time) time.Duration {
	tokens := l.TokensAt(now)
	if tokens >= 1 {
		return 0
	}
	return time.Duration((1 - tokens) / float64(l.Limit()) * float64(time.Second))
}
