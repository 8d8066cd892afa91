package aircalltest

import (
	"net/http"
	"slices"
	"strconv"
)

// wireUserV2 is a User as the /v2 endpoints write it: no numbers, a substatus.
type wireUserV2 struct {
	ID                 int64   `json:"id"`
	DirectLink         string  `json:"direct_link"`
	Name               string  `json:"name"`
	Email              string  `json:"email"`
	Available          bool    `json:"available"`
	AvailabilityStatus string  `json:"availability_status"`
	Substatus          *string `json:"substatus,omitempty"`
	CreatedAt          string  `json:"created_at"`
	TimeZone           string  `json:"time_zone"`
	Language           string  `json:"language"`
	WrapUpTime         int     `json:"wrap_up_time"`
}

func (s *Server) userV2Wire(u *user) wireUserV2 {
	return wireUserV2{
		ID: u.id, DirectLink: s.link("v2/users/%d", u.id), Name: u.name(), Email: u.email,
		Available: u.available, AvailabilityStatus: u.status, Substatus: nullString(u.substatus),
		CreatedAt: isoTime(u.createdAt), TimeZone: u.timeZone, Language: u.language, WrapUpTime: u.wrapUp,
	}
}

// userByRef finds a user by numeric id or by email, as /v2/users/:id allows.
func (db *state) userByRef(ref string) *user {
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
		return db.users[id]
	}
	return db.userByEmail(ref)
}

// usersV2List serves GET /v2/users.
func (s *Server) usersV2List(x *exchange) {
	q, ok := x.listQuery(listOpts{window: true, order: true})
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	all := s.db.usersIn(q)
	items := make([]wireUserV2, 0, q.perPage)
	for _, u := range window(all, q, 0) {
		items = append(items, s.userV2Wire(u))
	}
	x.page("users", items, q, len(items), len(all))
}

// usersV2Get serves GET /v2/users/:id (an id or an email).
func (s *Server) usersV2Get(x *exchange) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.db.userByRef(x.param("id"))
	if u == nil {
		x.notFound("User")
		return
	}
	x.json(http.StatusOK, map[string]any{"user": s.userV2Wire(u)})
}

// usersV2Create serves POST /v2/users.
func (s *Server) usersV2Create(x *exchange) {
	var req userWrite
	if !x.decode(&req) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if req.InviterUserID != nil && s.db.users[*req.InviterUserID] == nil {
		x.unprocessable("inviter_user_id is not a user of the company")
		return
	}
	if u := s.createUser(x, &req); u != nil {
		x.json(http.StatusCreated, map[string]any{"user": s.userV2Wire(u)})
	}
}

// usersV2Update serves PUT /v2/users/:id.
func (s *Server) usersV2Update(x *exchange) {
	var req userWrite
	if !x.decode(&req) {
		return
	}
	if msg := req.check(); msg != "" {
		x.unprocessable(msg)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.db.userByRef(x.param("id"))
	if u == nil {
		x.notFound("User")
		return
	}
	req.apply(u)
	x.json(http.StatusOK, map[string]any{"user": s.userV2Wire(u)})
}

// usersV2Numbers serves GET /v2/users/:id/numbers.
func (s *Server) usersV2Numbers(x *exchange) {
	q, ok := x.listQuery(listOpts{order: true})
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.db.userByRef(x.param("id"))
	if u == nil {
		x.notFound("User")
		return
	}
	all := s.db.numbersOf(u.id)
	if q.desc {
		slices.Reverse(all)
	}
	items := make([]wireNumber, 0, q.perPage)
	for _, n := range window(all, q, 0) {
		items = append(items, s.numberWire(n, numberV2))
	}
	x.page("numbers", items, q, len(items), len(all))
}
