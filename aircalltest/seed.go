package aircalltest

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/aircall-go/aircall"
)

// The seeding helpers add resources directly, without a request: they take
// SDK models for convenience (zero fields get realistic defaults, an ID of 0
// gets a new id) and return the resource as a client would read it. They
// send the webhook events creating the resource through Aircall would
// (user.created, number.created, contact.created, call.created and
// call.ended), except AddCalls. They panic on a reference to something
// that does not exist or on a duplicate id: those are mistakes in a test.

// seedTime returns t, or now when t is zero.
func seedTime(t aircall.Timestamp, now time.Time) time.Time {
	if t.IsZero() {
		return now
	}
	return t.Time
}

func or(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// AddUser adds a user. Name is split into first and last names; Email
// defaults to first.last@example.com; AvailabilityStatus to "available"
// (Available follows it); TimeZone to "Etc/UTC"; Language to "en-US". The
// user is assigned to the Numbers listed (by id).
func (s *Server) AddUser(u aircall.User) *aircall.User {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u.ID != 0 && s.db.users[u.ID] != nil {
		panic(fmt.Sprintf("aircalltest: AddUser: user %d exists", u.ID))
	}
	first, last, _ := strings.Cut(strings.TrimSpace(or(u.Name, "New User")), " ")
	rec := &user{
		id: s.db.claim(kindUser, u.ID), first: first, last: last, createdAt: seedTime(u.CreatedAt, s.now()),
		status: or(string(u.AvailabilityStatus), "available"), availability: "available",
		timeZone: or(u.TimeZone, "Etc/UTC"), language: or(u.Language, "en-US"), wrapUp: u.WrapUpTime, roles: []string{"agent"},
	}
	rec.available = rec.status != "unavailable"
	rec.email = or(u.Email, strings.ToLower(strings.Join(strings.Fields(rec.name()), "."))+"@example.com")
	for _, n := range u.Numbers {
		num := s.mustNumber("AddUser", n.ID)
		num.userIDs = append(num.userIDs, rec.id)
	}
	s.db.users[rec.id] = rec
	s.emitUser(aircall.EventUserCreated, rec)
	return decodeAs[aircall.User](s.userWire(rec, userDetail))
}

// SetAvailability sets the detailed availability of a user (GET
// /v1/users/:id/availability): available, offline, do_not_disturb, in_call
// or after_call_work. Only an available user can be asked to start a call.
func (s *Server) SetAvailability(userID int64, a aircall.Availability) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.mustUser("SetAvailability", userID).availability = string(a)
}

func (s *Server) mustUser(op string, id int64) *user {
	u := s.db.users[id]
	if u == nil {
		panic(fmt.Sprintf("aircalltest: %s: no user %d", op, id))
	}
	return u
}

func (s *Server) mustNumber(op string, id int64) *number {
	n := s.db.numbers[id]
	if n == nil {
		panic(fmt.Sprintf("aircalltest: %s: no number %d", op, id))
	}
	return n
}

// AddNumber adds a number. Defaults: Name "Line <id>", Digits a +1 800
// number, Country "US", TimeZone "America/New_York", AvailabilityStatus
// "open" (Open follows it unless "custom"). The Users listed (by id) are
// assigned to it.
func (s *Server) AddNumber(n aircall.Number) *aircall.Number {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n.ID != 0 && s.db.numbers[n.ID] != nil {
		panic(fmt.Sprintf("aircalltest: AddNumber: number %d exists", n.ID))
	}
	id := s.db.claim(kindNumber, n.ID)
	rec := &number{
		id: id, name: or(n.Name, fmt.Sprintf("Line %d", id)), digits: or(n.Digits, fmt.Sprintf("+1 800-555-%04d", id%10000)),
		createdAt: seedTime(n.CreatedAt, s.now()), country: or(n.Country, "US"), timeZone: or(n.TimeZone, "America/New_York"),
		status: or(string(n.AvailabilityStatus), "open"), isIVR: n.IsIVR, liveRecording: n.LiveRecordingActivated,
		flowEditor: n.FlowEditorEnabled,
	}
	rec.open = rec.status != "closed"
	if rec.status == "custom" {
		rec.open = n.Open
	}
	if n.Priority != nil {
		p := *n.Priority
		rec.priority = &p
	}
	if m := n.Messages; m != nil {
		rec.messages = numberMessages{
			Welcome: nullString(m.Welcome), Waiting: nullString(m.Waiting), IVR: nullString(m.IVR),
			CallbackLater: nullString(m.CallbackLater), UnansweredCall: nullString(m.UnansweredCall),
			AfterHours: nullString(m.AfterHours), RingingTone: nullString(m.RingingTone),
		}
		//lint:ignore SA1019 the fake serves the deprecated voicemail and closed URLs too, as the API does
		rec.messages.Voicemail, rec.messages.Closed = nullString(m.Voicemail), nullString(m.Closed)
	}
	for _, u := range n.Users {
		s.mustUser("AddNumber", u.ID)
		rec.userIDs = append(rec.userIDs, u.ID)
	}
	s.db.numbers[id] = rec
	s.emit(aircall.ResourceNumber, aircall.EventNumberCreated, s.numberWire(rec, numberDetail))
	return decodeAs[aircall.Number](s.numberWire(rec, numberDetail))
}

// AddTeam adds a team with the Users listed (by id). Name defaults to "Team <id>".
func (s *Server) AddTeam(t aircall.Team) *aircall.Team {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t.ID != 0 && s.db.teams[t.ID] != nil {
		panic(fmt.Sprintf("aircalltest: AddTeam: team %d exists", t.ID))
	}
	id := s.db.claim(kindTeam, t.ID)
	rec := &team{id: id, name: or(t.Name, fmt.Sprintf("Team %d", id)), createdAt: seedTime(t.CreatedAt, s.now())}
	for _, u := range t.Users {
		s.mustUser("AddTeam", u.ID)
		rec.userIDs = append(rec.userIDs, u.ID)
	}
	s.db.teams[id] = rec
	return decodeAs[aircall.Team](s.teamWire(rec, true))
}

// AddTag adds a tag. Color defaults to "#0662B5".
func (s *Server) AddTag(t aircall.Tag) *aircall.Tag {
	s.mu.Lock()
	defer s.mu.Unlock()
	return decodeAs[aircall.Tag](s.tagWire(s.addTag(t)))
}

// addTag adds a tag. Callers hold s.mu.
func (s *Server) addTag(t aircall.Tag) *tag {
	if t.ID != 0 && s.db.tags[t.ID] != nil {
		panic(fmt.Sprintf("aircalltest: AddTag: tag %d exists", t.ID))
	}
	id := s.db.claim(kindTag, t.ID)
	rec := &tag{id: id, name: or(t.Name, fmt.Sprintf("Tag %d", id)), color: or(t.Color, "#0662B5"), description: t.Description}
	s.db.tags[id] = rec
	return rec
}

// AddContact adds a contact with its PhoneNumbers and Emails (at most 20
// each). CreatedAt and UpdatedAt default to now.
func (s *Server) AddContact(c aircall.Contact) *aircall.Contact {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c.ID != 0 && s.db.contactByID[c.ID] != nil {
		panic(fmt.Sprintf("aircalltest: AddContact: contact %d exists", c.ID))
	}
	if len(c.PhoneNumbers) > maxDetails || len(c.Emails) > maxDetails {
		panic("aircalltest: AddContact: at most 20 phone numbers and 20 emails")
	}
	now := s.now()
	rec := &contact{
		id: s.db.claim(kindContact, c.ID), first: c.FirstName, last: c.LastName, company: c.CompanyName,
		information: c.Information, createdAt: seedTime(c.CreatedAt, now),
	}
	rec.updatedAt = seedTime(c.UpdatedAt, rec.createdAt)
	details := func(in []aircall.ContactDetail, def string) []detail {
		var out []detail
		for _, d := range in {
			out = append(out, detail{id: s.db.claim(kindDetail, d.ID), label: or(d.Label, def), value: d.Value})
		}
		return out
	}
	rec.phones = details(c.PhoneNumbers, "Mobile")
	rec.emails = details(c.Emails, "Work")
	s.db.insertContact(rec)
	s.emit(aircall.ResourceContact, aircall.EventContactCreated, s.contactWire(rec))
	return decodeAs[aircall.Contact](s.contactWire(rec))
}

// AddCall adds a call. Defaults: Direction "inbound", Status "done",
// StartedAt now, EndedAt StartedAt+Duration for a done call (or Duration
// from EndedAt), RawDigits the contact's first phone number (else
// "anonymous"), Cost "0". User, Number, Contact, AssignedTo, TransferredBy,
// TransferredTo and Teams are referenced by id and must exist; Tags are
// referenced by id and created (with their Name) when missing. Comments,
// Participants, Recording, Voicemail and Asset are kept as given.
func (s *Server) AddCall(c aircall.Call) *aircall.Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec := s.callRecord("AddCall", &c)
	s.db.insertCall(rec)
	s.emitCall(aircall.EventCallCreated, rec)
	if rec.status == "done" {
		s.emitCall(aircall.EventCallEnded, rec)
	}
	return decodeAs[aircall.Call](s.callWire(rec, callView{contact: true}))
}

// AddCalls adds n calls built by gen (called with 0 to n-1) with the same
// defaults as AddCall, and returns the ids of the first and last. It is
// meant for volume: it sends no webhook event and sorts once. Spread the
// calls' StartedAt: a listing cannot go past 10,000 calls started in the
// same second.
func (s *Server) AddCalls(n int, gen func(i int) aircall.Call) (first, last int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sorted := true
	for i := range n {
		c := gen(i)
		rec := s.callRecord("AddCalls", &c)
		if i == 0 {
			first = rec.id
		}
		last = rec.id
		if k := len(s.db.calls); k > 0 && callLess(rec, s.db.calls[k-1]) {
			sorted = false
		}
		s.db.calls = append(s.db.calls, rec)
		s.db.callByID[rec.id] = rec
	}
	if !sorted {
		sort.Slice(s.db.calls, func(i, j int) bool { return callLess(s.db.calls[i], s.db.calls[j]) })
	}
	return first, last
}

// callRecord builds a call from a seeding model. Callers hold s.mu.
func (s *Server) callRecord(op string, c *aircall.Call) *call {
	if c.ID != 0 && s.db.callByID[c.ID] != nil {
		panic(fmt.Sprintf("aircalltest: %s: call %d exists", op, c.ID))
	}
	ref := func(kind string, id int64, exists bool) int64 {
		if !exists {
			panic(fmt.Sprintf("aircalltest: %s: no %s %d", op, kind, id))
		}
		return id
	}
	userRef := func(u *aircall.User) int64 {
		if u == nil {
			return 0
		}
		return ref("user", u.ID, s.db.users[u.ID] != nil)
	}
	rec := &call{
		id: s.db.claim(kindCall, c.ID), direction: or(string(c.Direction), "inbound"), status: or(string(c.Status), "done"),
		missedReason: string(c.MissedCallReason), startedAt: seedTime(c.StartedAt, s.now()).Unix(), duration: c.Duration,
		userID: userRef(c.User), assignedToID: userRef(c.AssignedTo), transferredBy: userRef(c.TransferredBy),
		transferTo: userRef(c.TransferredTo), rawDigits: c.RawDigits, asset: c.Asset, recording: c.Recording,
		voicemail: c.Voicemail, archived: c.Archived, cost: or(c.Cost, "0"), participants: derefAll(c.Participants),
	}
	if !c.AnsweredAt.IsZero() {
		rec.answeredAt = c.AnsweredAt.Unix()
	}
	if !c.EndedAt.IsZero() {
		rec.endedAt = c.EndedAt.Unix()
		if rec.duration == 0 {
			rec.duration = int(rec.endedAt - rec.startedAt)
		}
	} else if rec.status == "done" {
		rec.endedAt = rec.startedAt + int64(rec.duration)
	}
	if c.Number != nil {
		rec.numberID = ref("number", c.Number.ID, s.db.numbers[c.Number.ID] != nil)
	}
	if c.Contact != nil {
		ct := s.db.contactByID[c.Contact.ID]
		rec.contactID = ref("contact", c.Contact.ID, ct != nil)
		if rec.rawDigits == "" && len(ct.phones) > 0 {
			rec.rawDigits = ct.phones[0].value
		}
	}
	if rec.rawDigits == "" {
		rec.rawDigits = "anonymous"
	}
	for _, t := range c.Teams {
		rec.teamIDs = append(rec.teamIDs, ref("team", t.ID, s.db.teams[t.ID] != nil))
	}
	for _, cm := range c.Comments {
		rec.comments = append(rec.comments, comment{
			id: s.db.claim(kindComment, cm.ID), content: cm.Content,
			postedAt: seedTime(cm.PostedAt, time.Unix(rec.startedAt, 0)).Unix(), postedBy: userRef(cm.PostedBy),
		})
	}
	for _, t := range c.Tags {
		if s.db.tags[t.ID] == nil {
			t.ID = s.addTag(aircall.Tag{ID: t.ID, Name: t.Name}).id
		}
		rec.tags = append(rec.tags, callTag{tagID: t.ID, createdAt: seedTime(t.CreatedAt, time.Unix(rec.startedAt, 0)).Unix(), taggedBy: userRef(t.TaggedBy)})
	}
	return rec
}

func derefAll[T any](ps []*T) []T {
	out := make([]T, 0, len(ps))
	for _, p := range ps {
		if p != nil {
			out = append(out, *p)
		}
	}
	return out
}
