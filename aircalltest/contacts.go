package aircalltest

import (
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aircall-go/aircall"
)

// maxDetails is how many phone numbers, and how many emails, a contact can hold.
const maxDetails = 20

// contact is a shared Contact of the fake company; contacts are kept sorted
// by (createdAt, id).
type contact struct {
	id                   int64
	first, last          string
	company, information string
	createdAt, updatedAt time.Time
	phones, emails       []detail
}

// detail is one phone number or email of a contact.
type detail struct {
	id           int64
	label, value string
}

func contactLess(a, b *contact) bool {
	if !a.createdAt.Equal(b.createdAt) {
		return a.createdAt.Before(b.createdAt)
	}
	return a.id < b.id
}

// insertContact adds c at its place in the sorted list.
func (db *state) insertContact(c *contact) {
	db.contactByID[c.id] = c
	n := len(db.contacts)
	if n == 0 || !contactLess(c, db.contacts[n-1]) {
		db.contacts = append(db.contacts, c)
		return
	}
	i := sort.Search(n, func(i int) bool { return contactLess(c, db.contacts[i]) })
	db.contacts = slices.Insert(db.contacts, i, c)
}

func (db *state) deleteContact(c *contact) {
	delete(db.contactByID, c.id)
	i := sort.Search(len(db.contacts), func(i int) bool { return !contactLess(db.contacts[i], c) })
	if i < len(db.contacts) && db.contacts[i] == c {
		db.contacts = slices.Delete(db.contacts, i, i+1)
	}
}

type wireDetail struct {
	ID    int64  `json:"id"`
	Label string `json:"label"`
	Value string `json:"value"`
}

type wireContact struct {
	ID           int64        `json:"id"`
	DirectLink   string       `json:"direct_link"`
	FirstName    *string      `json:"first_name"`
	LastName     *string      `json:"last_name"`
	CompanyName  *string      `json:"company_name"`
	Information  *string      `json:"information"`
	IsShared     bool         `json:"is_shared"`
	CreatedAt    int64        `json:"created_at"`
	UpdatedAt    int64        `json:"updated_at"`
	Emails       []wireDetail `json:"emails"`
	PhoneNumbers []wireDetail `json:"phone_numbers"`
}

func detailsWire(ds []detail) []wireDetail {
	out := make([]wireDetail, len(ds))
	for i, d := range ds {
		out[i] = wireDetail{ID: d.id, Label: d.label, Value: d.value}
	}
	return out
}

func (s *Server) contactWire(c *contact) wireContact {
	return wireContact{
		ID: c.id, DirectLink: s.link("v1/contacts/%d", c.id), FirstName: nullString(c.first), LastName: nullString(c.last),
		CompanyName: nullString(c.company), Information: nullString(c.information), IsShared: true,
		CreatedAt: c.createdAt.Unix(), UpdatedAt: c.updatedAt.Unix(),
		Emails: detailsWire(c.emails), PhoneNumbers: detailsWire(c.phones),
	}
}

// contactFilter is what GET /v1/contacts/search filters on.
type contactFilter struct {
	digits string
	email  string
}

func (f contactFilter) match(c *contact) bool {
	if f.digits != "" && !slices.ContainsFunc(c.phones, func(d detail) bool { return digitsOf(d.value) == f.digits }) {
		return false
	}
	if f.email != "" && !slices.ContainsFunc(c.emails, func(d detail) bool { return strings.EqualFold(d.value, f.email) }) {
		return false
	}
	return true
}

// contactsPage answers GET /v1/contacts and /v1/contacts/search.
func (s *Server) contactsPage(x *exchange, search bool) {
	q, ok := x.listQuery(listOpts{window: true, order: true, orderBy: []string{"created_at", "updated_at"}})
	if !ok {
		return
	}
	var f contactFilter
	if search {
		v := x.r.URL.Query()
		if p := v.Get("phone_number"); p != "" {
			f.digits = digitsOf(p)
			if f.digits == "" {
				f.digits = "-" // matches nothing
			}
		}
		f.email = strings.TrimSpace(v.Get("email"))
	}
	if x.capped(q) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var all []*contact
	for _, c := range s.db.contacts {
		if q.in(c.createdAt) && f.match(c) {
			all = append(all, c)
		}
	}
	if q.orderBy == "updated_at" {
		slices.SortStableFunc(all, func(a, b *contact) int {
			if c := a.updatedAt.Compare(b.updatedAt); c != 0 {
				return c
			}
			return int(a.id - b.id)
		})
	}
	if q.desc {
		slices.Reverse(all)
	}
	items := make([]wireContact, 0, q.perPage)
	for _, c := range window(all, q, itemCap) {
		items = append(items, s.contactWire(c))
	}
	x.page("contacts", items, q, len(items), len(all))
}

func (s *Server) contactsList(x *exchange)   { s.contactsPage(x, false) }
func (s *Server) contactsSearch(x *exchange) { s.contactsPage(x, true) }

// withContact runs fn on the contact of the :id parameter under the lock,
// or answers 404.
func (s *Server) withContact(x *exchange, fn func(c *contact)) {
	id, ok := x.id("id", "Contact")
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.db.contactByID[id]
	if c == nil {
		x.notFound("Contact")
		return
	}
	fn(c)
}

// contactsGet serves GET /v1/contacts/:id.
func (s *Server) contactsGet(x *exchange) {
	s.withContact(x, func(c *contact) {
		x.json(http.StatusOK, map[string]any{"contact": s.contactWire(c)})
	})
}

type contactWrite struct {
	FirstName    *string       `json:"first_name"`
	LastName     *string       `json:"last_name"`
	CompanyName  *string       `json:"company_name"`
	Information  *string       `json:"information"`
	Emails       []detailWrite `json:"emails"`
	PhoneNumbers []detailWrite `json:"phone_numbers"`
}

type detailWrite struct {
	Label *string `json:"label"`
	Value *string `json:"value"`
}

// check validates the name fields: not blank if set, at most 255 characters.
func (w *contactWrite) check() string {
	for _, f := range []struct {
		name string
		v    *string
	}{{"first_name", w.FirstName}, {"last_name", w.LastName}, {"company_name", w.CompanyName}, {"information", w.Information}} {
		if f.v == nil {
			continue
		}
		if stripEmojis(*f.v) == "" {
			return f.name + " can't be blank"
		}
		if f.name != "information" && utf8.RuneCountInString(*f.v) > 255 {
			return f.name + " can't exceed 255 characters"
		}
	}
	return ""
}

func (w *contactWrite) apply(c *contact) {
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = stripEmojis(*v)
		}
	}
	set(&c.first, w.FirstName)
	set(&c.last, w.LastName)
	set(&c.company, w.CompanyName)
	set(&c.information, w.Information)
}

// contactsCreate serves POST /v1/contacts: phone_numbers is required, and
// more than 20 phone numbers or emails is a 400.
func (s *Server) contactsCreate(x *exchange) {
	var req contactWrite
	if !x.decode(&req) {
		return
	}
	if msg := req.check(); msg != "" {
		x.badRequest(msg)
		return
	}
	switch {
	case len(req.PhoneNumbers) == 0:
		x.badRequest("phone_numbers is a mandatory field")
		return
	case len(req.PhoneNumbers) > maxDetails:
		x.badRequest(fmt.Sprintf("Limit of %d phone numbers, got %d", maxDetails, len(req.PhoneNumbers)))
		return
	case len(req.Emails) > maxDetails:
		x.badRequest(fmt.Sprintf("Limit of %d emails, got %d", maxDetails, len(req.Emails)))
		return
	}
	for _, list := range [][]detailWrite{req.PhoneNumbers, req.Emails} {
		for _, d := range list {
			if d.Label == nil || d.Value == nil || strings.TrimSpace(*d.Label) == "" || strings.TrimSpace(*d.Value) == "" {
				x.badRequest("For each phone_number and email, label and value must be set")
				return
			}
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	c := &contact{id: s.db.next(kindContact), createdAt: now, updatedAt: now}
	req.apply(c)
	for _, d := range req.Emails {
		c.emails = append(c.emails, detail{id: s.db.next(kindDetail), label: strings.TrimSpace(*d.Label), value: strings.TrimSpace(*d.Value)})
	}
	for _, d := range req.PhoneNumbers {
		c.phones = append(c.phones, detail{id: s.db.next(kindDetail), label: strings.TrimSpace(*d.Label), value: strings.TrimSpace(*d.Value)})
	}
	s.db.insertContact(c)
	s.emit(aircall.ResourceContact, aircall.EventContactCreated, s.contactWire(c))
	x.json(http.StatusCreated, map[string]any{"contact": s.contactWire(c)})
}

// contactsUpdate serves POST /v1/contacts/:id (a POST, not a PUT).
func (s *Server) contactsUpdate(x *exchange) {
	var req contactWrite
	if !x.decode(&req) {
		return
	}
	if msg := req.check(); msg != "" {
		x.badRequest(msg)
		return
	}
	if req.PhoneNumbers != nil || req.Emails != nil {
		x.badRequest("Use the phone_details and email_details endpoints to change phone numbers and emails")
		return
	}
	s.withContact(x, func(c *contact) {
		req.apply(c)
		c.updatedAt = s.now()
		s.emit(aircall.ResourceContact, aircall.EventContactUpdated, s.contactWire(c))
		x.json(http.StatusOK, map[string]any{"contact": s.contactWire(c)})
	})
}

// contactsDelete serves DELETE /v1/contacts/:id.
func (s *Server) contactsDelete(x *exchange) {
	s.withContact(x, func(c *contact) {
		s.emit(aircall.ResourceContact, aircall.EventContactDeleted, s.contactWire(c))
		s.db.deleteContact(c)
		x.empty(http.StatusNoContent)
	})
}

// normalizePhone stores a phone detail as Aircall does: digits only
// ("+19161110000" becomes "19161110000").
func normalizePhone(v string) string {
	if d := digitsOf(v); d != "" {
		return d
	}
	return strings.TrimSpace(v)
}

// contactDetails serves the phone_details (phones true) or email_details
// sub-resources: POST adds (201; 409 past 20), PUT updates (202), DELETE
// removes (204).
func (s *Server) contactDetails(phones bool) (add, update, remove func(*exchange)) {
	key, what, param := "email_detail", "Email", "email_id"
	if phones {
		key, what, param = "phone_detail", "Phone number", "phone_number_id"
	}
	list := func(c *contact) *[]detail {
		if phones {
			return &c.phones
		}
		return &c.emails
	}
	read := func(x *exchange) (label, value string, ok bool) {
		var req detailWrite
		if !x.decode(&req) {
			return "", "", false
		}
		if req.Value == nil || strings.TrimSpace(*req.Value) == "" {
			x.badRequest("value is a mandatory field")
			return "", "", false
		}
		if req.Label != nil && strings.TrimSpace(*req.Label) == "" {
			x.badRequest("label can't be blank")
			return "", "", false
		}
		value = strings.TrimSpace(*req.Value)
		if phones {
			value = normalizePhone(value)
		}
		if req.Label != nil {
			label = strings.TrimSpace(*req.Label)
		}
		return label, value, true
	}
	touched := func(c *contact) {
		c.updatedAt = s.now()
		s.emit(aircall.ResourceContact, aircall.EventContactUpdated, s.contactWire(c))
	}
	add = func(x *exchange) {
		label, value, ok := read(x)
		if !ok {
			return
		}
		s.withContact(x, func(c *contact) {
			l := list(c)
			if len(*l) >= maxDetails {
				x.fail(http.StatusConflict, fmt.Sprintf("A Contact can have at most %d %ss", maxDetails, strings.ToLower(what)))
				return
			}
			if label == "" {
				label = "Work"
			}
			d := detail{id: s.db.next(kindDetail), label: label, value: value}
			*l = append(*l, d)
			touched(c)
			x.json(http.StatusCreated, map[string]any{key: wireDetail{ID: d.id, Label: d.label, Value: d.value}})
		})
	}
	update = func(x *exchange) {
		label, value, ok := read(x)
		if !ok {
			return
		}
		detailID, ok := x.id(param, what)
		if !ok {
			return
		}
		s.withContact(x, func(c *contact) {
			l := list(c)
			i := slices.IndexFunc(*l, func(d detail) bool { return d.id == detailID })
			if i < 0 {
				x.notFound(what)
				return
			}
			d := &(*l)[i]
			d.value = value
			if label != "" {
				d.label = label
			}
			touched(c)
			x.json(http.StatusAccepted, map[string]any{key: wireDetail{ID: d.id, Label: d.label, Value: d.value}})
		})
	}
	remove = func(x *exchange) {
		detailID, ok := x.id(param, what)
		if !ok {
			return
		}
		s.withContact(x, func(c *contact) {
			l := list(c)
			i := slices.IndexFunc(*l, func(d detail) bool { return d.id == detailID })
			if i < 0 {
				x.notFound(what)
				return
			}
			*l = slices.Delete(*l, i, i+1)
			touched(c)
			x.empty(http.StatusNoContent)
		})
	}
	return add, update, remove
}
