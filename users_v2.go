package aircall

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode"
)

// UsersV2Service manages Users through the v2 endpoints (/v2/users), which
// replace the v1 list, retrieve, create and update operations. A v2 User has
// no numbers field: ListNumbers returns the Numbers assigned to a User.
//
// Shapes from published integrations; not in the API reference. See
// UsersService for the retirement of the v1 operations it replaces.
type UsersV2Service service

// UserV2Substatus details a User's working status: why an unavailable User
// is away. Values seen in the sources are below; others pass through.
type UserV2Substatus string

// User substatuses, from several published integrations; not in the API reference.
const (
	// UserV2SubstatusAlwaysOpened goes with the available and custom statuses
	// (one integration writes it "always_open").
	UserV2SubstatusAlwaysOpened UserV2Substatus = "always_opened"
	// UserV2SubstatusAlwaysClosed is unavailable with no reason selected.
	UserV2SubstatusAlwaysClosed    UserV2Substatus = "always_closed"
	UserV2SubstatusOutForLunch     UserV2Substatus = "out_for_lunch"
	UserV2SubstatusOnABreak        UserV2Substatus = "on_a_break"
	UserV2SubstatusInTraining      UserV2Substatus = "in_training"
	UserV2SubstatusDoingBackOffice UserV2Substatus = "doing_back_office"
	UserV2SubstatusOther           UserV2Substatus = "other"
)

// UserV2 is a User as the v2 endpoints return it: an Admin (Dashboard and
// Phone app) or an Agent (Phone app only). Unlike the v1 User it has no
// numbers list; use UsersV2Service.ListNumbers.
type UserV2 struct {
	// ID is the unique identifier for the User.
	ID int64 `json:"id"`
	// DirectLink is the direct API URL (https://api.aircall.io/v2/users/:id).
	DirectLink string `json:"direct_link"`
	// Name is the full name of the User: first_name last_name.
	Name string `json:"name"`
	// Email is the email of the User.
	Email string `json:"email"`
	// CreatedAt is when the User was created, in UTC.
	CreatedAt Timestamp `json:"created_at"`
	// Available is the current availability of the User, based on their working hours.
	Available bool `json:"available"`
	// AvailabilityStatus is the current working status of the User:
	// UserStatusAvailable, UserStatusCustom or UserStatusUnavailable.
	AvailabilityStatus UserStatus `json:"availability_status"`
	// Substatus details the working status (absent from the create answer).
	Substatus UserV2Substatus `json:"substatus"`
	// TimeZone is the User's time zone; default Etc/UTC.
	TimeZone string `json:"time_zone"`
	// Language is the User's preferred language, an IETF language tag; default en-US.
	Language string `json:"language"`
	// WrapUpTime is the time, in seconds, after a call during which the User
	// can't receive calls.
	WrapUpTime int `json:"wrap_up_time"`
	// State is the User's current telephony state as Aircall sends it (seen
	// in live /v2/users answers; not documented, so its values are not either).
	State string `json:"state"`
	// Extension is the User's internal extension, e.g. "101" (seen in live
	// answers; undocumented). A number is read as its digits.
	Extension string `json:"extension"`
	// DefaultNumberID is the id of the User's default Number (seen in live
	// answers; undocumented). Zero when absent.
	DefaultNumberID int64 `json:"default_number_id"`
}

// UnmarshalJSON reads Extension as a JSON string or number, and a
// DefaultNumberID that is not an integer as zero rather than failing.
func (u *UserV2) UnmarshalJSON(b []byte) error {
	type plain UserV2
	aux := struct {
		*plain
		Extension       flexString   `json:"extension"`
		DefaultNumberID lenientInt64 `json:"default_number_id"`
	}{plain: (*plain)(u)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	u.Extension, u.DefaultNumberID = string(aux.Extension), int64(aux.DefaultNumberID)
	return nil
}

// UserV2ListOptions selects the Users UsersV2Service.List returns.
type UserV2ListOptions struct {
	// From keeps Users created at or after this time (sent as a UNIX timestamp).
	From time.Time `url:"from,omitempty,unix"`
	// To keeps Users created before this time (sent as a UNIX timestamp).
	To time.Time `url:"to,omitempty,unix"`
	// Order sorts by creation date: "asc" (the API's default) or "desc".
	Order string `url:"order,omitempty"`
	ListOptions
}

func (o *UserV2ListOptions) validate() error {
	if o == nil {
		return nil
	}
	if err := o.ListOptions.validate(MaxPerPage); err != nil {
		return err
	}
	if !o.From.IsZero() && !o.To.IsZero() && o.To.Before(o.From) {
		return &ArgError{Arg: "To", Reason: "must not be before From"}
	}
	return checkOrder(o.Order)
}

// UserV2NumberListOptions selects the Numbers UsersV2Service.ListNumbers returns.
type UserV2NumberListOptions struct {
	// Order sorts the Numbers: "asc" or "desc".
	Order string `url:"order,omitempty"`
	ListOptions
}

func (o *UserV2NumberListOptions) validate() error {
	if o == nil {
		return nil
	}
	if err := o.ListOptions.validate(MaxPerPage); err != nil {
		return err
	}
	return checkOrder(o.Order)
}

// CreateUserV2Request is the body of UsersV2Service.Create.
type CreateUserV2Request struct {
	// Email must be a valid and unique email. Required.
	Email string `json:"email"`
	// FirstName is the User's first name. Required.
	FirstName string `json:"first_name"`
	// LastName is the User's last name. Required.
	LastName string `json:"last_name"`
	// TimeZone is the User's time zone, e.g. "Europe/Paris" (default Etc/UTC).
	TimeZone *string `json:"time_zone,omitempty"`
	// Language is the User's language, an IETF tag like "fr-FR" (default en-US).
	Language *string `json:"language,omitempty"`
	// WrapUpTime is the wrap-up time after a call, in seconds (agents only; default 0).
	WrapUpTime *int `json:"wrap_up_time,omitempty"`
	// RoleIDs are the User's roles: "owner", "supervisor", "admin" or "agent" (default agent).
	RoleIDs []string `json:"role_ids,omitempty"`
	// InviterUserID is the User the invitation email comes from.
	InviterUserID *int64 `json:"inviter_user_id,omitempty"`
	// Extension is the User's internal extension, e.g. "101". Not in a
	// public reference: seen in recorded create requests.
	Extension *string `json:"extension,omitempty"`
	// DefaultNumberID is the Number the User calls from by default. Not in a
	// public reference: seen in recorded create requests.
	DefaultNumberID *int64 `json:"default_number_id,omitempty"`
}

func (r *CreateUserV2Request) validate() error {
	if r == nil {
		return &ArgError{Arg: "req", Reason: "must not be nil"}
	}
	errs := []error{
		checkV2Email("Email", r.Email),
		checkNotBlank("FirstName", r.FirstName),
		checkNotBlank("LastName", r.LastName),
		checkOptionalNotBlank("TimeZone", r.TimeZone),
		checkOptionalNotBlank("Language", r.Language),
		checkV2WrapUpTime(r.WrapUpTime),
		checkV2Roles(r.RoleIDs),
	}
	if r.InviterUserID != nil {
		errs = append(errs, checkID("InviterUserID", *r.InviterUserID))
	}
	errs = append(errs, checkV2Extras(r.Extension, r.DefaultNumberID))
	return firstErr(errs...)
}

// UpdateUserV2Request is the body of UsersV2Service.Update. Set only the
// fields to change.
type UpdateUserV2Request struct {
	// FirstName is the User's first name; can't be blank if set.
	FirstName *string `json:"first_name,omitempty"`
	// LastName is the User's last name; can't be blank if set.
	LastName *string `json:"last_name,omitempty"`
	// AvailabilityStatus is UserStatusAvailable, UserStatusCustom or UserStatusUnavailable.
	AvailabilityStatus *UserStatus `json:"availability_status,omitempty"`
	// Substatus is why the User is unavailable, e.g. UserV2SubstatusOutForLunch.
	Substatus *UserV2Substatus `json:"substatus,omitempty"`
	// RoleIDs replaces the User's roles: "owner", "supervisor", "admin" or "agent".
	RoleIDs []string `json:"role_ids,omitempty"`
	// WrapUpTime is the wrap-up time after a call, in seconds (agents only).
	WrapUpTime *int `json:"wrap_up_time,omitempty"`
	// TimeZone is the User's time zone, e.g. "Europe/Paris"; can't be blank if set.
	// Seen in recorded update requests, like the next three fields.
	TimeZone *string `json:"time_zone,omitempty"`
	// Language is the User's language, an IETF tag like "fr-FR"; can't be blank if set.
	Language *string `json:"language,omitempty"`
	// Extension is the User's internal extension, e.g. "101"; can't be blank if set.
	Extension *string `json:"extension,omitempty"`
	// DefaultNumberID is the Number the User calls from by default.
	DefaultNumberID *int64 `json:"default_number_id,omitempty"`
}

func (r *UpdateUserV2Request) validate() error {
	if r == nil {
		return &ArgError{Arg: "req", Reason: "must not be nil"}
	}
	errs := []error{
		checkOptionalNotBlank("FirstName", r.FirstName),
		checkOptionalNotBlank("LastName", r.LastName),
		checkV2WrapUpTime(r.WrapUpTime),
		checkV2Roles(r.RoleIDs),
		checkOptionalNotBlank("TimeZone", r.TimeZone),
		checkOptionalNotBlank("Language", r.Language),
		checkV2Extras(r.Extension, r.DefaultNumberID),
	}
	if r.AvailabilityStatus != nil {
		errs = append(errs, checkEnum("AvailabilityStatus", *r.AvailabilityStatus))
	}
	if r.Substatus != nil {
		errs = append(errs, checkEnum("Substatus", *r.Substatus))
	}
	return firstErr(errs...)
}

// checkV2Extras checks the fields seen in recorded v2 user writes.
func checkV2Extras(extension *string, defaultNumberID *int64) error {
	if err := checkOptionalNotBlank("Extension", extension); err != nil {
		return err
	}
	if defaultNumberID != nil {
		return checkID("DefaultNumberID", *defaultNumberID)
	}
	return nil
}

func checkV2WrapUpTime(v *int) error {
	if v != nil && *v < 0 {
		return &ArgError{Arg: "WrapUpTime", Reason: fmt.Sprintf("must not be negative, got %d", *v)}
	}
	return nil
}

func checkV2Roles(roles []string) error {
	for _, r := range roles {
		if strings.TrimSpace(r) == "" {
			return &ArgError{Arg: "RoleIDs", Reason: "must not contain blank roles"}
		}
	}
	return nil
}

// checkV2Email rejects what cannot be an email address, or would change the
// path it is put in: one '@' with text on both sides, no space, control
// character or '/'.
func checkV2Email(arg, v string) error {
	at := strings.IndexByte(v, '@')
	ok := at > 0 && at < len(v)-1 && strings.Count(v, "@") == 1 &&
		!strings.ContainsFunc(v, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) || r == '/' })
	if !ok {
		return &ArgError{Arg: arg, Reason: fmt.Sprintf("must be an email address, got %q", v)}
	}
	return nil
}

// List fetches one page of the company's Users. opts may be nil. A v2
// User carries no Numbers: ListWithNumbersIter gives each User with their
// Numbers, FindByEmail finds one User by email.
//
// Shape from several published integrations that agree; not in the API
// reference. Response.Meta holds the pagination block.
//
//aircall:operation GET /v2/users
func (s *UsersV2Service) List(ctx context.Context, opts *UserV2ListOptions) ([]*UserV2, *Response, error) {
	if err := opts.validate(); err != nil {
		return nil, nil, err
	}
	if opts == nil {
		return doList[UserV2](ctx, s.client, "v2/users", "users", nil)
	}
	return doList[UserV2](ctx, s.client, "v2/users", "users", opts)
}

// ListIter iterates over every User, page after page (50 per page unless
// opts.PerPage says otherwise). opts may be nil and is never modified.
//
// Same endpoint as List.
//
//aircall:operation GET /v2/users
func (s *UsersV2Service) ListIter(ctx context.Context, opts *UserV2ListOptions) iter.Seq2[*UserV2, error] {
	return listIter(ctx, opts, MaxPerPage, s.List)
}

// Get retrieves a User by id.
//
// Shape from several published integrations that agree; not in the API
// reference. Errors: 404 (errors.Is(err, ErrNotFound))
// for an unknown User.
//
//aircall:operation GET /v2/users/:id
func (s *UsersV2Service) Get(ctx context.Context, id int64) (*UserV2, *Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, nil, err
	}
	return doOne[UserV2](ctx, s.client, http.MethodGet, fmt.Sprintf("v2/users/%d", id), "user", nil)
}

// GetByEmail retrieves a User by email address, which the v2 endpoint takes
// in place of the id. The address is escaped into the path.
//
// Published integrations show the email in place of the id; not in the API
// reference. Errors: 404 (errors.Is(err, ErrNotFound)) when no User has this email.
//
//aircall:operation GET /v2/users/:id
func (s *UsersV2Service) GetByEmail(ctx context.Context, email string) (*UserV2, *Response, error) {
	if err := checkV2Email("email", email); err != nil {
		return nil, nil, err
	}
	return doOne[UserV2](ctx, s.client, http.MethodGet, "v2/users/"+url.PathEscape(email), "user", nil)
}

// Create creates a User, who receives an invitation email and must confirm
// their account before using Aircall. A user.created.v2 webhook event follows.
//
// Path from several published integrations, body from one (first_name and
// last_name are required, as in v1); not in the API reference. Errors: 422 (errors.Is(err,
// ErrUnprocessable)) when a mandatory attribute is missing or the email is
// taken; see ErrorResponse.Troubleshoot.
//
//aircall:operation POST /v2/users
func (s *UsersV2Service) Create(ctx context.Context, req *CreateUserV2Request) (*UserV2, *Response, error) {
	if err := req.validate(); err != nil {
		return nil, nil, err
	}
	return doOne[UserV2](ctx, s.client, http.MethodPost, "v2/users", "user", req)
}

// Update changes some fields of a User, e.g. their availability from a
// calendar or workforce tool, and returns the updated User.
//
// Path from published integrations, body modelled on the v1 update plus
// substatus; not in the API reference. Errors:
// 404 (errors.Is(err, ErrNotFound)) for an unknown User, 422 (ErrUnprocessable)
// for an invalid value.
//
//aircall:operation PUT /v2/users/:id
func (s *UsersV2Service) Update(ctx context.Context, id int64, req *UpdateUserV2Request) (*UserV2, *Response, error) {
	if err := firstErr(checkID("id", id), req.validate()); err != nil {
		return nil, nil, err
	}
	return doOne[UserV2](ctx, s.client, http.MethodPut, fmt.Sprintf("v2/users/%d", id), "user", req)
}

// ListNumbers fetches one page of the Numbers assigned to a User. opts may
// be nil.
//
// Shape from several published integrations that agree; not in the API
// reference. Errors: 404 (errors.Is(err,
// ErrNotFound)) for an unknown User.
//
//aircall:operation GET /v2/users/:id/numbers
func (s *UsersV2Service) ListNumbers(ctx context.Context, userID int64, opts *UserV2NumberListOptions) ([]*Number, *Response, error) {
	if err := firstErr(checkID("userID", userID), opts.validate()); err != nil {
		return nil, nil, err
	}
	path := fmt.Sprintf("v2/users/%d/numbers", userID)
	if opts == nil {
		return doList[Number](ctx, s.client, path, "numbers", nil)
	}
	return doList[Number](ctx, s.client, path, "numbers", opts)
}

// ListNumbersIter iterates over every Number assigned to a User, page after
// page (50 per page unless opts.PerPage says otherwise). opts may be nil and
// is never modified.
//
// Same endpoint as ListNumbers.
//
//aircall:operation GET /v2/users/:id/numbers
func (s *UsersV2Service) ListNumbersIter(ctx context.Context, userID int64, opts *UserV2NumberListOptions) iter.Seq2[*Number, error] {
	return listIter(ctx, opts, MaxPerPage, func(ctx context.Context, o *UserV2NumberListOptions) ([]*Number, *Response, error) {
		return s.ListNumbers(ctx, userID, o)
	})
}
