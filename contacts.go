package aircall

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"time"
)

// ContactsService manages the company's shared Contacts and their phone numbers and emails.
type ContactsService service

// Limits of the Contacts API on the details of one Contact. Beyond them,
// creating a Contact answers 400 and adding a detail answers 409 (ErrConflict).
const (
	// MaxContactPhoneNumbers is the limit of phone numbers on one Contact.
	MaxContactPhoneNumbers = 20
	// MaxContactEmails is the limit of email addresses on one Contact.
	MaxContactEmails = 20
	// maxContactNameLen is the limit of first_name, last_name and company_name on create.
	maxContactNameLen = 255
)

// Contact is a shared Contact of the company. Every time Agents are on a
// call, Aircall fetches their contact information from different sources.
// Contacts created by third-party integrations are not accessible from the
// Public API. Emojis can't be used in Contact's attributes (they will be
// removed).
type Contact struct {
	// ID is the unique identifier for the Contact.
	ID int64 `json:"id"`
	// DirectLink is the direct API URL.
	DirectLink string `json:"direct_link"`
	// FirstName is the Contact's first name.
	FirstName string `json:"first_name"`
	// LastName is the Contact's last name.
	LastName string `json:"last_name"`
	// CompanyName is the Contact's company name.
	CompanyName string `json:"company_name"`
	// Description is a field used by Aircall to qualify tags.
	Description string `json:"description"`
	// Information is extra information about the contact. Can be used to
	// store outside data.
	Information string `json:"information"`
	// IsShared tells whether the Contact can be shared within the
	// organization. All Contacts retrieved via the Public API are shared.
	IsShared bool `json:"is_shared"`
	// PhoneNumbers are the phone numbers of this contact.
	PhoneNumbers []ContactDetail `json:"phone_numbers"`
	// Emails are the email addresses of this contact.
	Emails []ContactDetail `json:"emails"`
	// CreatedAt is when the Contact was created (unix seconds on the wire, as
	// the reference's examples show).
	CreatedAt Timestamp `json:"created_at"`
	// UpdatedAt is when the Contact was last updated (unix seconds on the wire).
	UpdatedAt Timestamp `json:"updated_at"`
}

// ContactDetail is one phone number or one email address of a Contact, in
// answers and in requests alike.
//
// In requests, ID is never sent (the detail to update is named by the
// method's arguments) and an empty Label is left out: the API rejects a
// blank label when one is given. Those two keys are therefore omitted when
// empty, unlike other models' fields; in answers both are always set.
type ContactDetail struct {
	// ID is the unique identifier for this phone number or email address.
	ID int64 `json:"id,omitempty"`
	// Label is a custom label like work, home...
	Label string `json:"label,omitempty"`
	// Value is the raw phone number or the email address. Aircall stores any
	// format, and normalizes phone numbers before storing them (the answer to
	// adding "+19161110000" holds "19161110000"). The number needs to be
	// valid, if not, agents won't be able to dial the contact.
	Value string `json:"value"`
}

// check validates a detail sent on its own: a value, and a label that is
// either absent or not blank.
func (d *ContactDetail) check(arg string) error {
	if d == nil {
		return &ArgError{Arg: arg, Reason: "must not be nil"}
	}
	if d.Label != "" {
		if err := checkNotBlank(arg+".Label", d.Label); err != nil {
			return err
		}
	}
	return checkNotBlank(arg+".Value", d.Value)
}

// ContactListOptions filters and pages Contacts.List and Contacts.ListIter.
type ContactListOptions struct {
	ListOptions
	// From sets a minimal creation date for contacts (sent as a UNIX timestamp).
	From time.Time `url:"from,omitempty,unix"`
	// To sets a maximal creation date for contacts (sent as a UNIX timestamp).
	To time.Time `url:"to,omitempty,unix"`
	// Order reorders entries by OrderBy (created_at otherwise): "asc" (the
	// API's default) or "desc".
	Order string `url:"order,omitempty"`
	// OrderBy sets the order field: "created_at" (the API's default) or "updated_at".
	OrderBy string `url:"order_by,omitempty"`
}

// ContactSearchOptions filters and pages Contacts.Search and
// Contacts.SearchIter: the ContactListOptions filters plus a phone number
// and an email address.
type ContactSearchOptions struct {
	ListOptions
	// From sets a minimal creation date for contacts (sent as a UNIX timestamp).
	From time.Time `url:"from,omitempty,unix"`
	// To sets a maximal creation date for contacts (sent as a UNIX timestamp).
	To time.Time `url:"to,omitempty,unix"`
	// Order reorders entries by OrderBy (created_at otherwise): "asc" (the
	// API's default) or "desc".
	Order string `url:"order,omitempty"`
	// OrderBy sets the order field: "created_at" (the API's default) or "updated_at".
	OrderBy string `url:"order_by,omitempty"`
	// PhoneNumber is the phone number of a contact, e.g. "+34664673697".
	PhoneNumber string `url:"phone_number,omitempty"`
	// Email is the email address of a contact.
	Email string `url:"email,omitempty"`
}

func checkContactOrder(order, orderBy string) error {
	if err := checkOrder(order); err != nil {
		return err
	}
	if orderBy == "" {
		return nil
	}
	return checkEnum("OrderBy", orderBy)
}

func (o *ContactListOptions) validate() error {
	if o == nil {
		return nil
	}
	return firstErr(o.ListOptions.validate(MaxPerPage), checkContactOrder(o.Order, o.OrderBy))
}

func (o *ContactSearchOptions) validate() error {
	if o == nil {
		return nil
	}
	return firstErr(o.ListOptions.validate(MaxPerPage), checkContactOrder(o.Order, o.OrderBy))
}

// contactKey gives what contact listings are ordered by: the creation time.
func contactKey(c *Contact) (int64, time.Time) { return c.ID, c.CreatedAt.Time }

func (o *ContactListOptions) window() (from, to *time.Time, order *string) {
	return &o.From, &o.To, &o.Order
}

// byCreation reports whether the listing is ordered by creation time: From
// and To filter on it, so only then can the pager move by it.
func (o *ContactListOptions) byCreation() bool { return o.OrderBy == "" || o.OrderBy == "created_at" }

func (o *ContactSearchOptions) window() (from, to *time.Time, order *string) {
	return &o.From, &o.To, &o.Order
}
func (o *ContactSearchOptions) byCreation() bool {
	return o.OrderBy == "" || o.OrderBy == "created_at"
}

// List fetches one page of the shared Contacts of the company with their
// phone numbers and emails. Only the options that are set are sent.
//
// Paging reaches at most 10,000 Contacts: past that the API answers 400,
// which matches ErrPageLimitExceeded. ListIter and ListPager go past the cap
// by themselves when ordering by creation date.
//
//aircall:operation GET /v1/contacts
func (s *ContactsService) List(ctx context.Context, opts *ContactListOptions) ([]*Contact, *Response, error) {
	if err := opts.validate(); err != nil {
		return nil, nil, err
	}
	return doList[Contact](ctx, s.client, "v1/contacts", "contacts", opts)
}

// ListIter iterates over every shared Contact matching opts, fetching pages
// of 50 (or opts.PerPage) lazily as the loop advances. It never changes
// opts. An error is yielded once and ends the iteration. Each range is a new
// listing, as ListPager without a checkpoint describes.
//
// Ordered by creation date (OrderBy "" or "created_at"; order=asc is sent
// when Order is empty) it is exact while contacts are created or deleted
// and goes past the API's 10,000-item cap. Ordered by "updated_at" it pages
// by number (From and To filter on the creation date, so it cannot move by
// update time): changes during the listing can shift contacts across pages,
// and paging past 10,000 Contacts ends with ErrPageLimitExceeded.
//
//aircall:operation GET /v1/contacts
func (s *ContactsService) ListIter(ctx context.Context, opts *ContactListOptions) iter.Seq2[*Contact, error] {
	o := deref(opts)
	return pagerIter(ctx, func() (*Pager[Contact], error) { return s.ListPager(&o, "") })
}

// ListPager returns a Pager over every shared Contact matching opts,
// starting from the checkpoint from ("" to start afresh): its All iterates
// like ListIter, and after any Contact it yielded its Checkpoint can be
// saved to go on later, even in another process. opts is copied; its To is
// pinned to the time the Pager is made unless earlier, so contacts created
// later are not listed. Invalid opts, or a checkpoint that is damaged or
// was made for other options or another listing, return an *ArgError.
//
//aircall:operation GET /v1/contacts
func (s *ContactsService) ListPager(opts *ContactListOptions, from Checkpoint) (*Pager[Contact], error) {
	return newPager(opts, pagerSpec[Contact]{res: "contacts.list", key: contactKey, from: from, now: s.client.now()}, s.List)
}

// Search fetches one page of the company's shared Contacts matching opts,
// e.g. a phone number or an email address. Only the options that are set
// are sent.
//
// Paging reaches at most 10,000 Contacts: past that the API answers 400,
// which matches ErrPageLimitExceeded. SearchIter and SearchPager go past the
// cap by themselves when ordering by creation date.
//
//aircall:operation GET /v1/contacts/search
func (s *ContactsService) Search(ctx context.Context, opts *ContactSearchOptions) ([]*Contact, *Response, error) {
	if err := opts.validate(); err != nil {
		return nil, nil, err
	}
	return doList[Contact](ctx, s.client, "v1/contacts/search", "contacts", opts)
}

// SearchIter iterates over every shared Contact matching opts, like
// ListIter: lazily, 50 per page unless opts.PerPage says otherwise, without
// changing opts, exact and past the 10,000-item cap when ordering by
// creation date (sending order=asc when Order is empty), paged by number
// and ending with ErrPageLimitExceeded past the cap when ordering by
// "updated_at".
//
//aircall:operation GET /v1/contacts/search
func (s *ContactsService) SearchIter(ctx context.Context, opts *ContactSearchOptions) iter.Seq2[*Contact, error] {
	o := deref(opts)
	return pagerIter(ctx, func() (*Pager[Contact], error) { return s.SearchPager(&o, "") })
}

// SearchPager is ListPager for Search: a Pager over every shared Contact
// matching opts, starting from the checkpoint from ("" to start afresh).
//
//aircall:operation GET /v1/contacts/search
func (s *ContactsService) SearchPager(opts *ContactSearchOptions, from Checkpoint) (*Pager[Contact], error) {
	return newPager(opts, pagerSpec[Contact]{res: "contacts.search", key: contactKey, from: from, now: s.client.now()}, s.Search)
}

// Get retrieves details of a specific Contact. Only shared contacts can be
// found; any other answers 404 (ErrNotFound).
//
//aircall:operation GET /v1/contacts/:id
func (s *ContactsService) Get(ctx context.Context, id int64) (*Contact, *Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, nil, err
	}
	return doOne[Contact](ctx, s.client, http.MethodGet, fmt.Sprintf("v1/contacts/%d", id), "contact", nil)
}

// CreateContactRequest is the body of Contacts.Create.
type CreateContactRequest struct {
	// FirstName can't be blank if defined, and can't exceed 255 characters.
	FirstName *string `json:"first_name,omitempty"`
	// LastName can't be blank if defined, and can't exceed 255 characters.
	LastName *string `json:"last_name,omitempty"`
	// CompanyName can't be blank if defined, and can't exceed 255 characters.
	CompanyName *string `json:"company_name,omitempty"`
	// Information can't be blank if defined.
	Information *string `json:"information,omitempty"`
	// Emails is the array of email address objects. For each email, label and
	// value must be set. Limit of 20 emails, beyond, a 400 error will be returned.
	Emails []ContactDetail `json:"emails,omitempty"`
	// PhoneNumbers is the array of phone number objects. Mandatory field: at
	// least one. For each phone number, label and value must be set. Limit of
	// 20 phone numbers, beyond, a 400 error will be returned.
	PhoneNumbers []ContactDetail `json:"phone_numbers"`
}

func checkContactNames(first, last, company, info *string, maxLen int) error {
	for _, f := range []struct {
		arg string
		v   *string
	}{{"FirstName", first}, {"LastName", last}, {"CompanyName", company}, {"Information", info}} {
		if f.v == nil {
			continue
		}
		if err := checkNotBlank(f.arg, *f.v); err != nil {
			return err
		}
		if maxLen > 0 && f.arg != "Information" {
			if err := checkMaxLen(f.arg, *f.v, maxLen); err != nil {
				return err
			}
		}
	}
	return nil
}

func checkCreateDetails(arg string, details []ContactDetail, limit int) error {
	if len(details) > limit {
		return &ArgError{Arg: arg, Reason: fmt.Sprintf("holds %d entries, the API's limit is %d", len(details), limit)}
	}
	for i, d := range details {
		name := fmt.Sprintf("%s[%d]", arg, i)
		if err := firstErr(checkNotBlank(name+".Label", d.Label), checkNotBlank(name+".Value", d.Value)); err != nil {
			return err
		}
	}
	return nil
}

func (r *CreateContactRequest) validate() error {
	if r == nil {
		return &ArgError{Arg: "req", Reason: "must not be nil"}
	}
	if len(r.PhoneNumbers) == 0 {
		return &ArgError{Arg: "PhoneNumbers", Reason: "is required: a Contact needs at least one phone number"}
	}
	return firstErr(
		checkContactNames(r.FirstName, r.LastName, r.CompanyName, r.Information, maxContactNameLen),
		checkCreateDetails("PhoneNumbers", r.PhoneNumbers, MaxContactPhoneNumbers),
		checkCreateDetails("Emails", r.Emails, MaxContactEmails),
	)
}

// Create creates a Contact; Contacts created via the Public API are
// automatically shared across the company. The answer (201) is the new
// Contact.
//
// At least one phone number is required, each with a label and a value; at
// most 20 phone numbers and 20 emails. Duplicate calls with the same payload
// create duplicate contacts, so the request is never resent after a server
// error.
//
//aircall:operation POST /v1/contacts
func (s *ContactsService) Create(ctx context.Context, req *CreateContactRequest) (*Contact, *Response, error) {
	if err := req.validate(); err != nil {
		return nil, nil, err
	}
	body := *req
	body.PhoneNumbers = withoutIDs(req.PhoneNumbers)
	body.Emails = withoutIDs(req.Emails)
	return doOne[Contact](ctx, s.client, http.MethodPost, "v1/contacts", "contact", &body)
}

// withoutIDs copies details without their ids, which requests never carry.
func withoutIDs(details []ContactDetail) []ContactDetail {
	if details == nil {
		return nil
	}
	out := make([]ContactDetail, len(details))
	for i, d := range details {
		out[i] = ContactDetail{Label: d.Label, Value: d.Value}
	}
	return out
}

// UpdateContactRequest is the body of Contacts.Update. Only the fields that
// are set are sent; at least one must be. Phone numbers and emails have
// their own methods (AddPhoneNumber, AddEmail, ...).
type UpdateContactRequest struct {
	// FirstName can't be blank if defined.
	FirstName *string `json:"first_name,omitempty"`
	// LastName can't be blank if defined.
	LastName *string `json:"last_name,omitempty"`
	// CompanyName can't be blank if defined.
	CompanyName *string `json:"company_name,omitempty"`
	// Information can't be blank if defined.
	Information *string `json:"information,omitempty"`
}

func (r *UpdateContactRequest) validate() error {
	if r == nil {
		return &ArgError{Arg: "req", Reason: "must not be nil"}
	}
	if r.FirstName == nil && r.LastName == nil && r.CompanyName == nil && r.Information == nil {
		return &ArgError{Arg: "req", Reason: "sets no field: nothing to update"}
	}
	return checkContactNames(r.FirstName, r.LastName, r.CompanyName, r.Information, 0)
}

// Update updates a shared Contact; the answer is the updated Contact. To
// update a Contact's phone numbers or emails, use UpdatePhoneNumber and
// UpdateEmail.
//
// This request is a POST, not a PUT, as the API defines it.
//
//aircall:operation POST /v1/contacts/:id
func (s *ContactsService) Update(ctx context.Context, id int64, req *UpdateContactRequest) (*Contact, *Response, error) {
	if err := firstErr(checkID("id", id), req.validate()); err != nil {
		return nil, nil, err
	}
	return doOne[Contact](ctx, s.client, http.MethodPost, fmt.Sprintf("v1/contacts/%d", id), "contact", req)
}

// Delete deletes a contact from the Company. Only shared contacts can be
// deleted. The API answers 204.
//
//aircall:operation DELETE /v1/contacts/:id
func (s *ContactsService) Delete(ctx context.Context, id int64) (*Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	return s.client.send(ctx, http.MethodDelete, fmt.Sprintf("v1/contacts/%d", id), nil, nil)
}

// detailBody is what the detail endpoints receive: a label (left out when
// empty) and a value, never an id.
func detailBody(d *ContactDetail) *ContactDetail {
	return &ContactDetail{Label: d.Label, Value: d.Value}
}

// AddPhoneNumber adds one phone number to a Contact; the answer (201) is the
// new phone detail. Value is mandatory (the number needs to be valid, or
// agents won't be able to dial the contact); Label can't be blank if
// defined. The value is normalized before being stored. A Contact holds at
// most 20 phone numbers: beyond, the API answers 409 (ErrConflict).
//
//aircall:operation POST /v1/contacts/:id/phone_details
func (s *ContactsService) AddPhoneNumber(ctx context.Context, contactID int64, phone *ContactDetail) (*ContactDetail, *Response, error) {
	if err := firstErr(checkID("contactID", contactID), phone.check("phone")); err != nil {
		return nil, nil, err
	}
	return doOne[ContactDetail](ctx, s.client, http.MethodPost, fmt.Sprintf("v1/contacts/%d/phone_details", contactID), "phone_detail", detailBody(phone))
}

// UpdatePhoneNumber updates a phone number of a Contact; the API answers 202
// Accepted with the updated phone detail. The value must be sent each time
// (it is normalized before being stored); Label can't be blank if defined.
//
//aircall:operation PUT /v1/contacts/:id/phone_details/:phone_number_id
func (s *ContactsService) UpdatePhoneNumber(ctx context.Context, contactID, phoneID int64, phone *ContactDetail) (*ContactDetail, *Response, error) {
	if err := firstErr(checkID("contactID", contactID), checkID("phoneID", phoneID), phone.check("phone")); err != nil {
		return nil, nil, err
	}
	return doOne[ContactDetail](ctx, s.client, http.MethodPut, fmt.Sprintf("v1/contacts/%d/phone_details/%d", contactID, phoneID), "phone_detail", detailBody(phone))
}

// DeletePhoneNumber removes a phone number from a Contact. The API answers 204.
//
//aircall:operation DELETE /v1/contacts/:id/phone_details/:phone_number_id
func (s *ContactsService) DeletePhoneNumber(ctx context.Context, contactID, phoneID int64) (*Response, error) {
	if err := firstErr(checkID("contactID", contactID), checkID("phoneID", phoneID)); err != nil {
		return nil, err
	}
	return s.client.send(ctx, http.MethodDelete, fmt.Sprintf("v1/contacts/%d/phone_details/%d", contactID, phoneID), nil, nil)
}

// AddEmail adds one email address to a Contact; the answer (201) is the new
// email detail. Value is mandatory (Aircall stores any email format); Label
// can't be blank if defined. A Contact holds at most 20 emails: beyond, the
// API answers 409 (ErrConflict).
//
//aircall:operation POST /v1/contacts/:id/email_details
func (s *ContactsService) AddEmail(ctx context.Context, contactID int64, email *ContactDetail) (*ContactDetail, *Response, error) {
	if err := firstErr(checkID("contactID", contactID), email.check("email")); err != nil {
		return nil, nil, err
	}
	return doOne[ContactDetail](ctx, s.client, http.MethodPost, fmt.Sprintf("v1/contacts/%d/email_details", contactID), "email_detail", detailBody(email))
}

// UpdateEmail updates an email address of a Contact; the API answers 202
// Accepted with the updated email detail. The value must be sent each time;
// Label can't be blank if defined.
//
//aircall:operation PUT /v1/contacts/:id/email_details/:email_id
func (s *ContactsService) UpdateEmail(ctx context.Context, contactID, emailID int64, email *ContactDetail) (*ContactDetail, *Response, error) {
	if err := firstErr(checkID("contactID", contactID), checkID("emailID", emailID), email.check("email")); err != nil {
		return nil, nil, err
	}
	return doOne[ContactDetail](ctx, s.client, http.MethodPut, fmt.Sprintf("v1/contacts/%d/email_details/%d", contactID, emailID), "email_detail", detailBody(email))
}

// DeleteEmail removes an email address from a Contact. The API answers 204.
//
//aircall:operation DELETE /v1/contacts/:id/email_details/:email_id
func (s *ContactsService) DeleteEmail(ctx context.Context, contactID, emailID int64) (*Response, error) {
	if err := firstErr(checkID("contactID", contactID), checkID("emailID", emailID)); err != nil {
		return nil, err
	}
	return s.client.send(ctx, http.MethodDelete, fmt.Sprintf("v1/contacts/%d/email_details/%d", contactID, emailID), nil, nil)
}
