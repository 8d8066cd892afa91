package aircalltest

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"time"
)

// Stats counts what the fake answered, for tests of request budgets.
type Stats struct {
	// Requests is every request the fake answered, whatever the answer.
	Requests int
	// RateLimited is the number of 429 answers for an exceeded budget.
	RateLimited int
	// Faults is the number of answers replaced, delayed or cut by an injected Fault.
	Faults int
	// OtherRequests counts the requests of the simulated other integration
	// (WithOtherIntegration) that the budget let through.
	OtherRequests int
	// OtherRefused counts the requests of the simulated other integration
	// that the budget refused: what a real second integration on the key
	// would have seen as 429s.
	OtherRefused int
	// Windows lists the rate-limit windows that saw requests, oldest first.
	// With WithLeakyBucket they are accounting periods of the window's
	// length: the bucket itself has no windows.
	Windows []Window
}

// Window is one rate-limit window of one credential.
type Window struct {
	// Credential is the api_id of a Basic credential, or the Bearer token.
	Credential string
	// Start and End bound the window: [Start, End).
	Start, End time.Time
	// Allowed counts the requests served within the budget.
	Allowed int
	// Rejected counts the requests answered 429.
	Rejected int
	// OtherAllowed and OtherRejected count the simulated other
	// integration's requests (WithOtherIntegration) in the window.
	OtherAllowed, OtherRejected int
}

// Stats returns a copy of the fake's counters.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.stats
	st.Windows = make([]Window, len(s.limits.history))
	for i, w := range s.limits.history {
		st.Windows[i] = *w
	}
	return st
}

// ResetStats sets every counter back to zero and forgets past windows; the
// current windows keep counting against the budget.
func (s *Server) ResetStats() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stats = Stats{}
	s.limits.history = nil
	for _, m := range s.limits.meters {
		if m.win != nil {
			s.limits.history = append(s.limits.history, m.win)
		}
	}
}

type rateState struct {
	meters  map[string]*meter // by credential
	history []*Window
}

// meter is one credential's budget: a fixed window count, or a leaky
// bucket's level, plus the accounting window for Stats.
type meter struct {
	win       *Window   // the current accounting window
	level     float64   // leaky bucket: requests in the bucket
	drainedAt time.Time // leaky bucket: when level was last drained
	otherNext int64     // index of the other integration's next request
}

// windowStart returns the start of the fixed window holding t: a multiple
// of d since the unix epoch.
func windowStart(t time.Time, d time.Duration) time.Time {
	ns := t.UnixNano()
	off := ns % int64(d)
	if off < 0 {
		off += int64(d)
	}
	return time.Unix(0, ns-off).In(t.Location())
}

// verdict is what the budget said of one request.
type verdict struct {
	allowed   bool
	remaining int
	reset     time.Time
}

// admit counts the request against its credential's budget. It sets the
// X-AircallApi-* headers and answers 429 (returning false) beyond the budget.
func (s *Server) admit(x *exchange) bool {
	limit := s.cfg.rateLimit
	if limit == 0 {
		return true
	}
	now := s.now()
	s.mu.Lock()
	m := s.limits.meters[x.cred.key]
	if m == nil {
		m = &meter{}
		s.limits.meters[x.cred.key] = m
	}
	if x.cred.key == s.cfg.apiID {
		s.runOtherIntegration(m, x.cred.key, now)
	}
	v := s.take(m, x.cred.key, now, false)
	s.mu.Unlock()

	if !s.cfg.headersOnly || v.remaining == 0 {
		h := x.w.Header()
		h.Set("X-AircallApi-Limit", strconv.Itoa(limit))
		h.Set("X-AircallApi-Remaining", strconv.Itoa(v.remaining))
		h.Set("X-AircallApi-Reset", s.resetValue(now, v.reset))
	}
	if !v.allowed {
		s.logf("aircalltest: refused %s %s with 429: budget of %d requests per %s spent; it frees at %s",
			x.r.Method, x.r.URL.Path, limit, windowName(s.cfg.rateWindow), v.reset.UTC().Format(time.RFC3339Nano))
		x.fail(http.StatusTooManyRequests, fmt.Sprintf(
			"Rate limit reached: %d requests per %s for this API key. Retry once the X-AircallApi-Reset time has passed.",
			limit, windowName(s.cfg.rateWindow)))
	}
	return v.allowed
}

// take spends one request of m's budget at now, if there is one, and
// counts it in the accounting window. s.mu is held.
func (s *Server) take(m *meter, cred string, now time.Time, other bool) verdict {
	limit, d := s.cfg.rateLimit, s.cfg.rateWindow
	start := windowStart(now, d)
	if m.win == nil || !m.win.Start.Equal(start) {
		m.win = &Window{Credential: cred, Start: start, End: start.Add(d)}
		s.limits.history = append(s.limits.history, m.win)
	}
	var v verdict
	if s.cfg.leaky {
		// The bucket drains limit requests per window, continuously.
		perNs := float64(limit) / float64(d)
		if !m.drainedAt.IsZero() {
			m.level = max(m.level-float64(now.Sub(m.drainedAt))*perNs, 0)
		}
		m.drainedAt = now
		v.allowed = m.level+1 <= float64(limit)+1e-9
		if v.allowed {
			m.level++
		}
		v.remaining = max(int(math.Floor(float64(limit)-m.level+1e-9)), 0)
		// Reset: when the next slot frees.
		frac := m.level - math.Ceil(m.level-1e-9) + 1
		v.reset = now.Add(time.Duration(frac / perNs))
	} else {
		used := m.win.Allowed + m.win.OtherAllowed
		v.allowed = used < limit
		v.remaining = limit - used
		if v.allowed {
			v.remaining--
		}
		v.reset = m.win.End
	}
	switch {
	case other && v.allowed:
		m.win.OtherAllowed++
		s.stats.OtherRequests++
	case other:
		m.win.OtherRejected++
		s.stats.OtherRefused++
	case v.allowed:
		m.win.Allowed++
	default:
		m.win.Rejected++
		s.stats.RateLimited++
	}
	return v
}

// runOtherIntegration plays the simulated other integration's requests due
// by now: perWindow of them, evenly spaced, the first half an interval into
// each window. s.mu is held.
func (s *Server) runOtherIntegration(m *meter, cred string, now time.Time) {
	n := s.cfg.otherPerWindow
	if n == 0 {
		return
	}
	interval := s.cfg.rateWindow / time.Duration(n)
	due := func(k int64) time.Time { return time.Unix(0, 0).Add(time.Duration(k)*interval + interval/2) }
	if m.otherNext == 0 {
		m.otherNext = int64(now.Sub(time.Unix(0, 0)) / interval) // start now, not in 1970
	}
	for ; !due(m.otherNext).After(now); m.otherNext++ {
		at := due(m.otherNext)
		if v := s.take(m, cred, at, true); !v.allowed {
			s.logf("aircalltest: refused the other integration's request at %s with 429: budget spent",
				at.UTC().Format(time.RFC3339Nano))
		}
	}
}

// resetValue writes when budget frees up in the configured unit, rounded up.
func (s *Server) resetValue(now, end time.Time) string {
	switch s.cfg.resetUnit {
	case ResetSecondsFromNow:
		left := end.Sub(now)
		secs := int64((left + time.Second - 1) / time.Second)
		return strconv.FormatInt(max(secs, 1), 10)
	case ResetEpochMillis:
		ms := end.UnixMilli()
		if end.Nanosecond()%int(time.Millisecond) != 0 {
			ms++
		}
		return strconv.FormatInt(ms, 10)
	default:
		secs := end.Unix()
		if end.Nanosecond() != 0 {
			secs++
		}
		return strconv.FormatInt(secs, 10)
	}
}

// logf writes an Info line to the logger given with WithLogger, if any.
func (s *Server) logf(format string, args ...any) {
	if s.cfg.logger != nil {
		s.cfg.logger.Info(fmt.Sprintf(format, args...))
	}
}

func windowName(d time.Duration) string {
	if d == time.Minute {
		return "minute"
	}
	return d.String()
}
