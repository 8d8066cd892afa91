package aircalltest

import (
	"fmt"
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
	// Windows lists the rate-limit windows that saw requests, oldest first.
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
	for _, w := range s.limits.current {
		s.limits.history = append(s.limits.history, w)
	}
}

type rateState struct {
	current map[string]*Window // by credential
	history []*Window
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

// admit counts the request against its credential's budget. It sets the
// X-AircallApi-* headers and answers 429 (returning false) beyond the budget.
func (s *Server) admit(x *exchange) bool {
	limit := s.cfg.rateLimit
	if limit == 0 {
		return true
	}
	now := s.now()
	start := windowStart(now, s.cfg.rateWindow)
	s.mu.Lock()
	w := s.limits.current[x.cred.key]
	if w == nil || !w.Start.Equal(start) {
		w = &Window{Credential: x.cred.key, Start: start, End: start.Add(s.cfg.rateWindow)}
		s.limits.current[x.cred.key] = w
		s.limits.history = append(s.limits.history, w)
	}
	allowed := w.Allowed < limit
	if allowed {
		w.Allowed++
	} else {
		w.Rejected++
		s.stats.RateLimited++
	}
	remaining, end := limit-w.Allowed, w.End
	s.mu.Unlock()

	if !s.cfg.headersOnly || remaining == 0 {
		h := x.w.Header()
		h.Set("X-AircallApi-Limit", strconv.Itoa(limit))
		h.Set("X-AircallApi-Remaining", strconv.Itoa(remaining))
		h.Set("X-AircallApi-Reset", s.resetValue(now, end))
	}
	if !allowed {
		x.fail(http.StatusTooManyRequests, fmt.Sprintf(
			"Rate limit reached: %d requests per %s for this API key. Retry once the X-AircallApi-Reset time has passed.",
			limit, windowName(s.cfg.rateWindow)))
	}
	return allowed
}

// resetValue writes the end of the window in the configured unit, rounded up.
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

func windowName(d time.Duration) string {
	if d == time.Minute {
		return "minute"
	}
	return d.String()
}
