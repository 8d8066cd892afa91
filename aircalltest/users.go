package aircalltest

import (
	"fmt"
	"net/http"
	"net/mail"
	"slices"
	"strings"
	"time"

	"github.com/aircall-go/aircall"
)

// user is a User of the fake company.
type user struct {
	id           int64
	first, last  string
	email        string
	createdAt    time.Time
	status       string // available, custom or unavailable
	available    bool
	availability string // detailed: available, offline, do_not_disturb, in_call, after_call_work
	timeZone     string
	language     string
	wrapUp       int
	roles        []string
	substatus    string
}

func (u *user) name() string { return strings.TrimSpace(u.first + " " + u.last) }

func userKey(u *user) (time.Time, int64) { return u.createdAt, u.id }

// userShape says which attributes a User carries where it appears: the
// reference shows a different subset in every place.
type userShape int

const (
	userInList   userShape = iota // GET /v1/users
	userDetail                    // GET /v1/users/:id, create, update: with numbers
	userInTeam                    // teams: no availability
	userInCall                    // calls (user, assigned_to, ...) and integrations
	userInNumber                  // a number's users
	userAsAuthor                  // a comment's posted_by, a tag's tagged_by
)

type wireUser struct {
	ID                 int64         `json:"id"`
	DirectLink         string        `json:"direct_link"`
	Name               string        `json:"name"`
	Email              string        `json:"email"`
	Available          *bool         `json:"available,omitempty"`
	AvailabilityStatus *string       `json:"availability_status,omitempty"`
	CreatedAt          string        `json:"created_at"`
	TimeZone           *string       `json:"time_zone,omitempty"`
	Language           *string       `json:"language,omitempty"`
	WrapUpTime         *int          `json:"wrap_up_time,omitempty"`
	DefaultNumberID    *int64        `json:"default_number_id,omitempty"`
	Numbers            *[]wireNumber `json:"numbers,omitempty"`
}

// userWire encodes u in the given shape. Callers hold s.mu.
func (s *Server) userWire(u *user, shape userShape) wireUser {
	w := wireUser{ID: u.id, DirectLink: s.link("v1/users/%d", u.id), Name: u.name(), Email: u.email, CreatedAt: isoTime(u.createdAt)}
	if shape != userInTeam {
		w.Available, w.AvailabilityStatus = &u.available, &u.status
	}
	if shape != userAsAuthor {
		w.TimeZone = &u.timeZone
	}
	if shape == userInList || shape == userDetail || shape == userInCall {
		w.Language = &u.language
	}
	if shape == userInList || shape == userDetail {
		w.WrapUpTime = &u.wrapUp
	}
	if shape == userDetail {
		nums := []wireNumber{}
		for _, n := range s.db.numbersOf(u.id) {
			nums = append(nums, s.numberWire(n, numberNested))
		}
		if len(nums) > 0 {
			w.DefaultNumberID = &nums[0].ID
		}
		w.Numbers = &nums
	}
	return w
}

// userByID returns the user or nil; a nil-safe lookup for nested objects.
func (db *state) userByID(id int64) *user {
	if id == 0 {
		return nil
	}
	return db.users[id]
}

// firstUser returns the oldest user, or nil.
func (db *state) firstUser() *user {
	var first *user
	for _, u := range db.users {
		if first == nil || u.createdAt.Before(first.createdAt) || (u.createdAt.Equal(first.createdAt) && u.id < first.id) {
			first = u
		}
	}
	return first
}

// userWireRef encodes a nested user, or nil (JSON null) when there is none.
func (s *Server) userWireRef(id int64, shape userShape) *wireUser {
	u := s.db.userByID(id)
	if u == nil {
		return nil
	}
	w := s.userWire(u, shape)
	return &w
}

var userStatuses = []string{"available", "custom", "unavailable"}

var userRoles = []string{"owner", "supervisor", "admin", "agent"}

// usersList serves GET /v1/users.
func (s *Server) usersList(x *exchange) {
	q, ok := x.listQuery(listOpts{window: true, order: true})
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	all := s.db.usersIn(q)
	items := make([]wireUser, 0, q.perPage)
	for _, u := range window(all, q, 0) {
		items = append(items, s.userWire(u, userInList))
	}
	x.page("users", items, q, len(items), len(all))
}

// usersIn returns the users created within q's bounds, in q's order.
func (db *state) usersIn(q listQuery) []*user {
	all := values(db.users, userKey)
	all = slices.DeleteFunc(all, func(u *user) bool { return !q.in(u.createdAt) })
	if q.desc {
		slices.Reverse(all)
	}
	return all
}

// usersGet serves GET /v1/users/:id.
func (s *Server) usersGet(x *exchange) {
	id, ok := x.id("id", "User")
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.db.users[id]
	if u == nil {
		x.notFound("User")
		return
	}
	x.json(http.StatusOK, map[string]any{"user": s.userWire(u, userDetail)})
}

type userWrite struct {
	Email              *string  `json:"email"`
	FirstName          *string  `json:"first_name"`
	LastName           *string  `json:"last_name"`
	AvailabilityStatus *string  `json:"availability_status"`
	RoleIDs            []string `json:"role_ids"`
	WrapUpTime         *int     `json:"wrap_up_time"`
	// v2 only
	TimeZone      *string `json:"time_zone"`
	Language      *string `json:"language"`
	Substatus     *string `json:"substatus"`
	InviterUserID *int64  `json:"inviter_user_id"`
}

// check validates the optional fields shared by create and update; it
// returns a troubleshoot message, or "".
func (w *userWrite) check() string {
	for _, f := range []struct {
		name string
		v    *string
	}{{"first_name", w.FirstName}, {"last_name", w.LastName}, {"time_zone", w.TimeZone}, {"language", w.Language}} {
		if f.v != nil && strings.TrimSpace(*f.v) == "" {
			return f.name + " can't be blank"
		}
	}
	if w.AvailabilityStatus != nil && !slices.Contains(userStatuses, *w.AvailabilityStatus) {
		return "availability_status must be available, custom or unavailable"
	}
	for _, r := range w.RoleIDs {
		if !slices.Contains(userRoles, r) {
			return "role_ids must be owner, supervisor, admin or agent, got " + r
		}
	}
	if w.WrapUpTime != nil && *w.WrapUpTime < 0 {
		return "wrap_up_time must not be negative"
	}
	return ""
}

// apply copies the set fields onto u.
func (w *userWrite) apply(u *user) {
	if w.FirstName != nil {
		u.first = strings.TrimSpace(*w.FirstName)
	}
	if w.LastName != nil {
		u.last = strings.TrimSpace(*w.LastName)
	}
	if w.AvailabilityStatus != nil {
		u.status = *w.AvailabilityStatus
		u.available = u.status != "unavailable"
	}
	if w.RoleIDs != nil {
		u.roles = slices.Clone(w.RoleIDs)
	}
	if w.WrapUpTime != nil {
		u.wrapUp = *w.WrapUpTime
	}
	if w.TimeZone != nil {
		u.timeZone = *w.TimeZone
	}
	if w.Language != nil {
		u.language = *w.Language
	}
	if w.Substatus != nil {
		u.substatus = *w.Substatus
	}
}

// createUser validates a creation request and adds the user, answering 422
// on invalid input. Callers hold s.mu.
func (s *Server) createUser(x *exchange, req *userWrite) *user {
	for _, f := range []struct {
		name string
		v    *string
	}{{"email", req.Email}, {"first_name", req.FirstName}, {"last_name", req.LastName}} {
		if f.v == nil || strings.TrimSpace(*f.v) == "" {
			x.unprocessable(f.name + " is a mandatory field")
			return nil
		}
	}
	if msg := req.check(); msg != "" {
		x.unprocessable(msg)
		return nil
	}
	email := strings.TrimSpace(*req.Email)
	if a, err := mail.ParseAddress(email); err != nil || a.Address != email {
		x.unprocessable("email must be a valid email address")
		return nil
	}
	if s.db.userByEmail(email) != nil {
		x.unprocessable("email has already been taken")
		return nil
	}
	u := &user{
		id: s.db.next(kindUser), email: email, createdAt: s.now(), status: "available", available: true,
		availability: "available", timeZone: "Etc/UTC", language: "en-US", roles: []string{"agent"},
	}
	req.apply(u)
	s.db.users[u.id] = u
	s.emitUser(aircall.EventUserCreated, u)
	return u
}

func (db *state) userByEmail(email string) *user {
	for _, u := range db.users {
		if strings.EqualFold(u.email, email) {
			return u
		}
	}
	return nil
}

// usersCreate serves POST /v1/users.
func (s *Server) usersCreate(x *exchange) {
	var req userWrite
	if !x.decode(&req) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if u := s.createUser(x, &req); u != nil {
		x.json(http.StatusCreated, map[string]any{"user": s.userWire(u, userDetail)})
	}
}

// usersUpdate serves PUT /v1/users/:id.
func (s *Server) usersUpdate(x *exchange) {
	id, ok := x.id("id", "User")
	if !ok {
		return
	}
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
	u := s.db.users[id]
	if u == nil {
		x.notFound("User")
		return
	}
	req.apply(u)
	x.json(http.StatusOK, map[string]any{"user": s.userWire(u, userDetail)})
}

// usersDelete serves DELETE /v1/users/:id: the user leaves its teams,
// numbers and dialer campaign.
func (s *Server) usersDelete(x *exchange) {
	id, ok := x.id("id", "User")
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.db.users[id]
	if u == nil {
		x.notFound("User")
		return
	}
	s.emitUser(aircall.EventUserDeleted, u)
	s.db.deleteUser(id)
	x.empty(http.StatusNoContent)
}

func (db *state) deleteUser(id int64) {
	delete(db.users, id)
	delete(db.dialers, id)
	for _, t := range db.teams {
		t.userIDs = slices.DeleteFunc(t.userIDs, func(v int64) bool { return v == id })
	}
	for _, n := range db.numbers {
		n.userIDs = slices.DeleteFunc(n.userIDs, func(v int64) bool { return v == id })
	}
}

// usersAvailabilities serves GET /v1/users/availabilities.
func (s *Server) usersAvailabilities(x *exchange) {
	q, ok := x.listQuery(listOpts{window: true, order: true})
	if !ok {
		return
	}
	type item struct {
		ID           int64  `json:"id"`
		Availability string `json:"availability"`
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	all := s.db.usersIn(q)
	items := make([]item, 0, q.perPage)
	for _, u := range window(all, q, 0) {
		items = append(items, item{u.id, u.detailedAvailability()})
	}
	x.page("users", items, q, len(items), len(all))
}

// detailedAvailability is the Activity Feed status of the user.
func (u *user) detailedAvailability() string {
	if u.status == "unavailable" && u.availability == "available" {
		return "do_not_disturb"
	}
	return u.availability
}

// usersAvailability serves GET /v1/users/:id/availability.
func (s *Server) usersAvailability(x *exchange) {
	id, ok := x.id("id", "User")
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.db.users[id]
	if u == nil {
		x.notFound("User")
		return
	}
	x.json(http.StatusOK, map[string]string{"availability": u.detailedAvailability()})
}

// Dial is an outbound call a user was asked to start (POST
// /v1/users/:id/calls, NumberID set) or a number put in a user's phone
// (POST /v1/users/:id/dial).
type Dial struct {
	// UserID is the user whose phone was asked to call.
	UserID int64
	// NumberID is the number to call from; 0 for a dial, where the user picks it.
	NumberID int64
	// To is the phone number to call.
	To string
	// At is when it was asked, on the fake's clock.
	At time.Time
}

// Dials returns the calls started and numbers dialled through the API, oldest first.
func (s *Server) Dials() []Dial {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.db.dials)
}

// usersStartCall serves POST /v1/users/:id/calls and POST /v1/users/:id/dial
// (withNumber false): the user must exist and be available.
func (s *Server) usersStartCall(withNumber bool) func(*exchange) {
	return func(x *exchange) {
		id, ok := x.id("id", "User")
		if !ok {
			return
		}
		var req struct {
			NumberID int64  `json:"number_id"`
			To       string `json:"to"`
		}
		if !x.decode(&req) {
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		u := s.db.users[id]
		switch {
		case u == nil:
			x.notFound("User")
		case withNumber && s.db.numbers[req.NumberID] == nil:
			x.badRequest("Number not found")
		case withNumber && !slices.Contains(s.db.numbers[req.NumberID].userIDs, id):
			x.badRequest(fmt.Sprintf("Number not found: User %d is not assigned to Number %d", id, req.NumberID))
		case !aircall.IsE164(req.To):
			x.badRequest("Invalid number to dial: to must be in E.164 format")
		case u.status == "unavailable" || u.detailedAvailability() != "available":
			x.fail(http.StatusMethodNotAllowed, "User not available")
		default:
			d := Dial{UserID: id, To: req.To, At: s.now()}
			if withNumber {
				d.NumberID = req.NumberID
			}
			s.db.dials = append(s.db.dials, d)
			if withNumber {
				s.placeStartedCall(d)
			}
			x.empty(http.StatusNoContent)
		}
	}
}
