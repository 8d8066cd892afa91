package aircalltest

import (
	"net/http"
	"slices"
	"strconv"
)

// crud serves the list, get and delete endpoints of a resource whose
// records need nothing special there (tags, teams, A2P campaign
// associations, webhooks), and the lookup that create, update and the
// resource's own endpoints share: find the record of :id under the lock, or
// answer 404.
type crud[T any] struct {
	what      string                            // the 404 message: "Tag"
	one, many string                            // envelope keys: "tag", "tags"
	order     bool                              // the list takes order=asc|desc
	all       func(s *Server, x *exchange) []*T // the records x may see, oldest first; s.mu held
	find      func(s *Server, x *exchange) *T   // the record of :id, or nil; s.mu held
	wire      func(s *Server, v *T) any         // the record as the API writes it; s.mu held
}

// byID finds the record of the integer :id in m; nil when there is none.
func byID[T any](m map[int64]*T, x *exchange) *T {
	id, err := strconv.ParseInt(x.param("id"), 10, 64)
	if err != nil || id <= 0 {
		return nil
	}
	return m[id]
}

// list serves GET of the collection, one page of it.
func (c *crud[T]) list(s *Server) func(*exchange) {
	return func(x *exchange) {
		q, ok := x.listQuery(listOpts{order: c.order})
		if !ok {
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		all := c.all(s, x)
		if q.desc {
			all = slices.Clone(all)
			slices.Reverse(all)
		}
		items := make([]any, 0, q.perPage)
		for _, v := range window(all, q, 0) {
			items = append(items, c.wire(s, v))
		}
		x.page(c.many, items, q, len(items), len(all))
	}
}

// with runs fn on the record of :id under the lock, or answers 404.
func (c *crud[T]) with(s *Server, x *exchange, fn func(v *T)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v := c.find(s, x)
	if v == nil {
		x.notFound(c.what)
		return
	}
	fn(v)
}

// get serves GET of one record.
func (c *crud[T]) get(s *Server) func(*exchange) {
	return func(x *exchange) {
		c.with(s, x, func(v *T) { c.answer(s, x, http.StatusOK, v) })
	}
}

// remove serves DELETE of one record: drop takes it out of the state (s.mu
// held), and the answer is status with no body.
func (c *crud[T]) remove(s *Server, status int, drop func(v *T)) func(*exchange) {
	return func(x *exchange) {
		c.with(s, x, func(v *T) {
			drop(v)
			x.empty(status)
		})
	}
}

// answer writes v in its envelope: {"tag": {...}}. s.mu held.
func (c *crud[T]) answer(s *Server, x *exchange, status int, v *T) {
	x.json(status, map[string]any{c.one: c.wire(s, v)})
}

// decodeChecked reads a create (create true) or update request into req and
// answers 400 with req's own message when its check fails.
func decodeChecked(x *exchange, req interface{ check(create bool) string }, create bool) bool {
	if !x.decode(req) {
		return false
	}
	if msg := req.check(create); msg != "" {
		x.badRequest(msg)
		return false
	}
	return true
}
