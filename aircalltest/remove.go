package aircalltest

import (
	"slices"
	"sort"
)

// RemoveCall deletes a call as if it had been deleted in Aircall's
// Dashboard (the Public API cannot delete calls): listings stop showing it
// and Get answers 404. No webhook event is sent: Aircall has none for a
// deleted call. It reports whether the call existed.
func (s *Server) RemoveCall(id int64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.db.callByID[id]
	if c == nil {
		return false
	}
	delete(s.db.callByID, id)
	i := sort.Search(len(s.db.calls), func(i int) bool { return !callLess(s.db.calls[i], c) })
	if i < len(s.db.calls) && s.db.calls[i] == c {
		s.db.calls = slices.Delete(s.db.calls, i, i+1)
	}
	return true
}
