package aircalltest

import (
	"context"
	"time"
)

// The fake's own later work (a started call showing up, a simulated call
// ringing then ending, a webhook retry, an export completing) is scheduled
// on its clock. Each item runs when a timer fires (the fake clock inside a
// testing/synctest bubble) or, at the latest, when the next request arrives
// after its time, so a fake driven by WithClock stays consistent too.

type scheduled struct {
	at  time.Time
	seq int
	fn  func() // runs with s.mu held
}

type schedState struct {
	items  []scheduled
	seq    int
	timers []*time.Timer
}

// schedule runs fn (with s.mu held) after d on the fake's clock. Callers hold s.mu.
func (s *Server) schedule(d time.Duration, fn func()) {
	if s.closed {
		return
	}
	s.sched.seq++
	s.sched.items = append(s.sched.items, scheduled{at: s.now().Add(d), seq: s.sched.seq, fn: fn})
	s.sched.timers = append(s.sched.timers, time.AfterFunc(max(d, 0), func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.runDue()
	}))
}

// runDue runs every scheduled item whose time has come, earliest first.
// Callers hold s.mu.
func (s *Server) runDue() {
	for !s.closed {
		now := s.now()
		best := -1
		for i, it := range s.sched.items {
			if it.at.After(now) {
				continue
			}
			if best < 0 || it.at.Before(s.sched.items[best].at) || (it.at.Equal(s.sched.items[best].at) && it.seq < s.sched.items[best].seq) {
				best = i
			}
		}
		if best < 0 {
			return
		}
		it := s.sched.items[best]
		s.sched.items = append(s.sched.items[:best], s.sched.items[best+1:]...)
		it.fn()
	}
}

// stopTimers stops every pending timer. Callers hold s.mu.
func (s *Server) stopTimers() {
	for _, t := range s.sched.timers {
		t.Stop()
	}
	s.sched.timers, s.sched.items = nil, nil
}

// Pending reports how many simulated happenings (calls to show up, call
// steps, webhook retries, export completions) are still to come.
func (s *Server) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.runDue()
	return len(s.sched.items)
}

// Settle waits until nothing is scheduled any more and every webhook event
// has been delivered, or ctx ends. Inside a testing/synctest bubble the
// fake clock makes the wait instant.
func (s *Server) Settle(ctx context.Context) error {
	for {
		if err := s.FlushDeliveries(ctx); err != nil {
			return err
		}
		s.mu.Lock()
		s.runDue()
		var next time.Time
		for i, it := range s.sched.items {
			if i == 0 || it.at.Before(next) {
				next = it.at
			}
		}
		n := len(s.sched.items)
		busy := s.delivery.running || len(s.delivery.queue) > 0
		s.mu.Unlock()
		if n == 0 && !busy {
			return nil
		}
		if n == 0 {
			continue
		}
		t := time.NewTimer(max(time.Until(next), time.Millisecond))
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}
