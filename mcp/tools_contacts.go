package aircallmcp

import (
	"context"
	"errors"

	"github.com/aircall-go/aircall"
	"github.com/google/jsonschema-go/jsonschema"
)

type findContactsArgs struct {
	PhoneNumber string `json:"phone_number,omitempty" jsonschema:"the contact's phone number, E.164 (e.g. +14155551234)"`
	Email       string `json:"email,omitempty" jsonschema:"the contact's email address"`
	pageArgs
}

type contactQuery struct {
	Phone string `json:"ph,omitempty"`
	Email string `json:"em,omitempty"`
}

// ContactList is a page of contacts.
type ContactList struct {
	Contacts   []ContactView `json:"contacts"`
	NextCursor string        `json:"next_cursor,omitempty" jsonschema:"pass as cursor for more; absent at the end"`
}

func (s *Server) registerContacts() {
	addTool(s, spec[findContactsArgs]{
		name:  "find_contacts",
		title: "Find contacts by phone number or email",
		set:   "contacts",
		desc: "Finds the contacts of the shared Aircall directory with a phone number or an email address " +
			"(one of them). Returns at most limit contacts and a next_cursor for more.",
		schema: func(sc *jsonschema.Schema) {
			bounds(sc, "limit", 1, maxPageLimit)
			format(sc, "email", "email")
		},
	}, s.findContacts)

	addTool(s, spec[contactIDArgs]{
		name:  "get_contact",
		title: "Get a contact",
		set:   "contacts",
		desc:  "Gets one contact of the shared Aircall directory by id: name, company, phone numbers, emails.",
	}, func(ctx context.Context, a contactIDArgs) (ContactView, error) {
		c, _, err := s.client.Contacts.Get(ctx, a.ContactID)
		if err != nil {
			return ContactView{}, err
		}
		return contactView(c), nil
	})
}

type contactIDArgs struct {
	ContactID int64 `json:"contact_id"`
}

func (s *Server) findContacts(ctx context.Context, a findContactsArgs) (ContactList, error) {
	const tool = "find_contacts"
	q := contactQuery{Phone: a.PhoneNumber, Email: a.Email}
	c := cursor[contactQuery]{Tool: tool, Query: q}
	if a.Cursor != "" {
		if q != (contactQuery{}) {
			return ContactList{}, errors.New("give either cursor (to continue a listing) or filters, not both")
		}
		var err error
		if c, err = decodeCursor[contactQuery](tool, a.Cursor); err != nil {
			return ContactList{}, err
		}
	}
	if c.Query == (contactQuery{}) {
		return ContactList{}, errors.New("give phone_number or email")
	}
	if c.Query.Phone != "" {
		if err := checkPhone("phone_number", c.Query.Phone); err != nil {
			return ContactList{}, err
		}
	}
	// The SDK's Pager, with a fixed page size (part of the listing's identity).
	p, err := s.client.Contacts.SearchPager(&aircall.ContactSearchOptions{
		ListOptions: aircall.ListOptions{PerPage: aircall.MaxPerPage}, PhoneNumber: c.Query.Phone, Email: c.Query.Email,
	}, aircall.Checkpoint(c.Checkpoint))
	if err != nil {
		return ContactList{}, checkpointErr(err, c.Checkpoint)
	}
	contacts, cp, more, err := takePage(ctx, p, min(limitOf(a.Limit), maxPageLimit))
	if err != nil {
		return ContactList{}, err
	}
	out := ContactList{Contacts: make([]ContactView, 0, len(contacts))}
	for _, ct := range contacts {
		out.Contacts = append(out.Contacts, contactView(ct))
	}
	if more {
		c.Checkpoint, c.Done = string(cp), c.Done+len(contacts)
		out.NextCursor = encodeCursor(c)
	}
	return out, nil
}
