package aircall

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"strings"
	"time"
)

// UsersService manages the Users of the company: Admins and Agents, their
// availability, and outbound calls started from their Phone app.
//
// Users can be either Admins or Agents: Admins can access the Dashboard and
// the Phone app, and can invite other users; Agents can only access the Phone
// app and recording files. Users are assigned to Numbers.
//
// The v1 endpoints to list, retrieve, create and update Users were retired
// on 2026-09-30 in favour of /v2/users (Client.UsersV2), per one published
// integration (Aircall's API reference still documents v1); live traffic
// confirms /v2/users answers. Their methods here are deprecated and kept for
// accounts that still answer them. Delete, availability, start call and dial
// stay on UsersService: they have no v2 equivalent.
type UsersService service

// UserStatus is a User's working status (the availability_status attribute
// of v1 and v2 Users alike): available, custom or unavailable. Unknown
// values pass through unchanged. The finer-grained statuses of the Activity
// Feed are Availability values.
type UserStatus string

// The documented working statuses of a User.
const (
	// UserStatusAvailable: the User is available.
	UserStatusAvailable UserStatus = "available"
	// UserStatusCustom: available according to their Working Hours and Timezone.
	UserStatusCustom UserStatus = "custom"
	// UserStatusUnavailable: Do Not Disturb or other unavailable status.
	UserStatusUnavailable UserStatus = "unavailable"
)

// Availability is a User's detailed availability, as displayed in the
// Dashboard's Activity Feed. Unknown values pass through unchanged.
type Availability string

// The documented detailed availabilities of a User.
const (
	// AvailabilityAvailable: agent ready to answer calls.
	AvailabilityAvailable Availability = "available"
	// AvailabilityOffline: agent not online.
	AvailabilityOffline Availability = "offline"
	// AvailabilityDoNotDisturb: agent toggled themself as do not disturb.
	AvailabilityDoNotDisturb Availability = "do_not_disturb"
	// AvailabilityInCall: agent is currently on a call.
	AvailabilityInCall Availability = "in_call"
	// AvailabilityAfterCallWork: agent is performing their after-call work
	// (tagging a call or wrapping up).
	AvailabilityAfterCallWork Availability = "after_call_work"
)

// Role is a role a User can be given on creation or update (role_ids).
type Role string

// The documented roles of a User.
const (
	// RoleOwner is the owner role.
	RoleOwner Role = "owner"
	// RoleSupervisor is the supervisor role.
	RoleSupervisor Role = "supervisor"
	// RoleAdmin can access the Dashboard and the Phone app, and can invite other users.
	RoleAdmin Role = "admin"
	// RoleAgent can only access the Phone app and recording files (the default on creation).
	RoleAgent Role = "agent"
)

// User is an Admin or an Agent of the company.
//
// Users embedded in other objects (a Team's users, a Call's user, a
// Comment's posted_by, ...) are abridged: the attributes they lack decode to
// their zero value.
type User struct {
	// ID is the unique identifier for the User.
	ID int64 `json:"id"`
	// DirectLink is the direct API URL.
	DirectLink string `json:"direct_link"`
	// Name is the full name of the User: results of first_name last_name.
	Name string `json:"name"`
	// Email is the email of the User.
	Email string `json:"email"`
	// CreatedAt is the timestamp when the User was created, in UTC.
	CreatedAt Timestamp `json:"created_at"`
	// Available is the current availability status of the User, based on
	// their working hours.
	Available bool `json:"available"`
	// AvailabilityStatus is the current working status of the User. Can be
	// available, custom (= available according to their Working Hours and
	// Timezone) or unavailable (= Do Not Disturb or other unavailable
	// status). More granular statuses come from UsersService.GetAvailability.
	AvailabilityStatus UserStatus `json:"availability_status"`
	// Numbers is the list of Numbers associated to this User (only in the
	// answers of Get, Create and Update).
	Numbers []*Number `json:"numbers"`
	// TimeZone is the User's timezone. This can be set either from the
	// Dashboard or the Phone. Default is Etc/UTC.
	TimeZone string `json:"time_zone"`
	// Language is the User's preferred language. This can be set either from
	// the Dashboard or the Phone. The format is IETF language tag. Default is
	// en-US.
	Language string `json:"language"`
	// WrapUpTime is a pre-set timer triggered after a call has ended, during
	// which the user can't receive any calls, in seconds.
	WrapUpTime int `json:"wrap_up_time"`
	// DefaultNumberID is the id of the User's default Number (shown in the
	// example answer of Retrieve a User; not in the attribute table).
	DefaultNumberID int64 `json:"default_number_id"`
	// State is the User's current telephony state as Aircall sends it (seen
	// in live answers, webhook events and Teams' users; not in the API
	// reference, so its values are not documented).
	State string `json:"state"`
	// Extension is the User's internal extension, e.g. "101" (seen in live
	// answers; not in the API reference). A number is read as its digits.
	Extension string `json:"extension"`
	// Substatus is why the User is unavailable, e.g. UserV2SubstatusOutForLunch
	// (seen in live answers; documented for v2 Users only).
	Substatus UserV2Substatus `json:"substatus"`
}

// UnmarshalJSON reads Extension as a JSON string or number.
func (u *User) UnmarshalJSON(b []byte) error {
	type plain User
	aux := struct {
		*plain
		Extension flexString `json:"extension"`
	}{plain: (*plain)(u)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	u.Extension = string(aux.Extension)
	return nil
}

// UserAvailability is the detailed availability of one User, as listed by
// UsersService.ListAvailabilities.
type UserAvailability struct {
	// ID is the unique identifier for the User.
	ID int64 `json:"id"`
	// Availability is the User's detailed availability (see the Availability values).
	Availability Availability `json:"availability"`
}

// UserListOptions selects the Users (or their availabilities) to list.
type UserListOptions struct {
	ListOptions

	// From sets a minimal creation date for Users (sent as a UNIX timestamp).
	From time.Time `url:"from,omitempty,unix"`
	// To sets a maximal creation date for Users (sent as a UNIX timestamp).
	To time.Time `url:"to,omitempty,unix"`
	// Order reorders entries by created_at: "asc" (the API's default) or "desc".
	Order string `url:"order,omitempty"`
}

func (o *UserListOptions) validate() error {
	if o == nil {
		return nil
	}
	return checkListWindow(o.ListOptions, o.From, o.To, o.Order)
}

// CreateUserRequest is the body of UsersService.Create.
type CreateUserRequest struct {
	// Email must be a valid and unique email. Mandatory.
	Email string `json:"email"`
	// FirstName can't be blank. Mandatory.
	FirstName string `json:"first_name"`
	// LastName can't be blank. Mandatory.
	LastName string `json:"last_name"`
	// AvailabilityStatus is available, custom or unavailable. Default value is available.
	AvailabilityStatus *UserStatus `json:"availability_status,omitempty"`
	// RoleIDs are among owner, supervisor, admin or agent. Default value is agent.
	// (The deprecated isAdmin parameter is not supported: give RoleAdmin here.)
	RoleIDs []Role `json:"role_ids,omitempty"`
	// WrapUpTime is an optional number of seconds as wrap-up time after a
	// call. It applies only to a user that includes the role agent. Default
	// value is 0 seconds.
	WrapUpTime *int `json:"wrap_up_time,omitempty"`
}

// UpdateUserRequest is the body of UsersService.Update: only the fields set
// are sent.
type UpdateUserRequest struct {
	// FirstName can't be blank if defined.
	FirstName *string `json:"first_name,omitempty"`
	// LastName can't be blank if defined.
	LastName *string `json:"last_name,omitempty"`
	// AvailabilityStatus is available, custom or unavailable.
	AvailabilityStatus *UserStatus `json:"availability_status,omitempty"`
	// RoleIDs are among owner, supervisor, admin or agent.
	RoleIDs []Role `json:"role_ids,omitempty"`
	// WrapUpTime is the number of seconds as wrap-up time after a call. It
	// applies only to a user that has the role agent.
	WrapUpTime *int `json:"wrap_up_time,omitempty"`
}

// StartCallRequest is the body of UsersService.StartCall.
type StartCallRequest struct {
	// NumberID is the unique identifier of the Number to use for the call. Mandatory.
	NumberID int64 `json:"number_id"`
	// To is the number to dial in E.164 format, e.g. "+18001231234". Mandatory.
	To string `json:"to"`
}

func checkUserWrite(status *UserStatus, roles []Role, wrapUp *int) error {
	if status != nil {
		if err := checkEnum("AvailabilityStatus", *status); err != nil {
			return err
		}
	}
	for i, r := range roles {
		if err := checkEnum(fmt.Sprintf("RoleIDs[%d]", i), r); err != nil {
			return err
		}
	}
	if wrapUp != nil && *wrapUp < 0 {
		return &ArgError{Arg: "WrapUpTime", Reason: fmt.Sprintf("must not be negative, got %d", *wrapUp)}
	}
	return nil
}

func (r *CreateUserRequest) validate() error {
	if r == nil {
		return &ArgError{Arg: "req", Reason: "must not be nil"}
	}
	if err := checkNotBlank("Email", r.Email); err != nil {
		return err
	}
	if at := strings.LastIndex(r.Email, "@"); at <= 0 || at == len(r.Email)-1 || strings.ContainsAny(r.Email, " \t\r\n") {
		return &ArgError{Arg: "Email", Reason: fmt.Sprintf("must be a valid email address, got %q", r.Email)}
	}
	return firstErr(
		checkNotBlank("FirstName", r.FirstName),
		checkNotBlank("LastName", r.LastName),
		checkUserWrite(r.AvailabilityStatus, r.RoleIDs, r.WrapUpTime),
	)
}

func (r *UpdateUserRequest) validate() error {
	if r == nil {
		return &ArgError{Arg: "req", Reason: "must not be nil"}
	}
	return firstErr(
		checkOptionalNotBlank("FirstName", r.FirstName),
		checkOptionalNotBlank("LastName", r.LastName),
		checkUserWrite(r.AvailabilityStatus, r.RoleIDs, r.WrapUpTime),
	)
}

// List fetches one page of the Users associated to the Company and their
// information. Only what opts sets is sent; the API answers 20 per page
// unless told otherwise.
//
// The Users listed have no Numbers (User.Numbers is empty): only Get fills
// them. For Users with their Numbers use UsersV2.ListWithNumbersIter; to
// find one User by email, UsersV2.FindByEmail.
//
// Deprecated: the v1 endpoint is retired (see UsersService); use
// UsersV2Service.List. It keeps working for accounts that still have it.
//
//aircall:operation GET /v1/users
func (s *UsersService) List(ctx context.Context, opts *UserListOptions) ([]*User, *Response, error) {
	if err := opts.validate(); err != nil {
		return nil, nil, err
	}
	return doList[User](ctx, s.client, "v1/users", "users", opts)
}

// ListIter iterates over every User associated to the Company, fetching 50
// per page unless opts says otherwise. opts is copied: changing it after the
// call has no effect. Errors (including invalid opts) are yielded once and
// end the iteration.
//
// Deprecated: the v1 endpoint is retired (see UsersService); use
// UsersV2Service.ListIter. It keeps working for accounts that still have it.
//
//aircall:operation GET /v1/users
func (s *UsersService) ListIter(ctx context.Context, opts *UserListOptions) iter.Seq2[*User, error] {
	return listIter(ctx, opts, MaxPerPage, s.List)
}

// Get retrieves details of a specific User, including their Numbers.
// A User that does not exist answers 404 (ErrNotFound).
//
// Deprecated: the v1 endpoint is retired (see UsersService); use
// UsersV2Service.Get. It keeps working for accounts that still have it.
//
//aircall:operation GET /v1/users/:id
func (s *UsersService) Get(ctx context.Context, id int64) (*User, *Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, nil, err
	}
	return doOne[User](ctx, s.client, http.MethodGet, fmt.Sprintf("v1/users/%d", id), "user", nil)
}

// Create creates a User. An invitation email is sent to the User, who has to
// confirm their account before being able to use Aircall; a user.created
// Webhook event is sent. A missing mandatory attribute answers 422
// (ErrUnprocessable): check the troubleshoot field.
//
// Deprecated: the v1 endpoint is retired (see UsersService); use
// UsersV2Service.Create. It keeps working for accounts that still have it.
//
//aircall:operation POST /v1/users
func (s *UsersService) Create(ctx context.Context, req *CreateUserRequest) (*User, *Response, error) {
	if err := req.validate(); err != nil {
		return nil, nil, err
	}
	return doOne[User](ctx, s.client, http.MethodPost, "v1/users", "user", req)
}

// Update updates a User: only the fields set in req are sent. For instance,
// a User's availability status could be automatically updated based on
// information from their calendar or a workforce management tool.
//
// Deprecated: the v1 endpoint is retired (see UsersService); use
// UsersV2Service.Update. It keeps working for accounts that still have it.
//
//aircall:operation PUT /v1/users/:id
func (s *UsersService) Update(ctx context.Context, id int64, req *UpdateUserRequest) (*User, *Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, nil, err
	}
	if err := req.validate(); err != nil {
		return nil, nil, err
	}
	return doOne[User](ctx, s.client, http.MethodPut, fmt.Sprintf("v1/users/%d", id), "user", req)
}

// Delete deletes a User: all data associated to them is destroyed too and
// won't be recoverable. The API answers 204 at once and deletes the User in
// the next minutes; a user.deleted Webhook event is sent. 422
// (ErrUnprocessable) means the server is unable to process the request; the
// troubleshoot field says why.
//
//aircall:operation DELETE /v1/users/:id
func (s *UsersService) Delete(ctx context.Context, id int64) (*Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	return s.client.send(ctx, http.MethodDelete, fmt.Sprintf("v1/users/%d", id), nil, nil)
}

// ListAvailabilities fetches one page of the detailed availability of all
// Users, as displayed in the Dashboard's Activity Feed.
//
//aircall:operation GET /v1/users/availabilities
func (s *UsersService) ListAvailabilities(ctx context.Context, opts *UserListOptions) ([]*UserAvailability, *Response, error) {
	if err := opts.validate(); err != nil {
		return nil, nil, err
	}
	return doList[UserAvailability](ctx, s.client, "v1/users/availabilities", "users", opts)
}

// ListAvailabilitiesIter iterates over the detailed availability of every
// User, fetching 50 per page unless opts says otherwise. opts is copied.
//
//aircall:operation GET /v1/users/availabilities
func (s *UsersService) ListAvailabilitiesIter(ctx context.Context, opts *UserListOptions) iter.Seq2[*UserAvailability, error] {
	return listIter(ctx, opts, MaxPerPage, s.ListAvailabilities)
}

// GetAvailability retrieves the detailed availability of a specific User, as
// displayed in the Dashboard's Activity Feed (see the Availability values).
//
//aircall:operation GET /v1/users/:id/availability
func (s *UsersService) GetAvailability(ctx context.Context, id int64) (Availability, *Response, error) {
	if err := checkID("id", id); err != nil {
		return "", nil, err
	}
	a, resp, err := doOne[Availability](ctx, s.client, http.MethodGet, fmt.Sprintf("v1/users/%d/availability", id), "availability", nil)
	if err != nil {
		return "", resp, err
	}
	return *a, resp, nil
}

// StartCall starts an outbound call for a User from their Phone app (the
// base of a Click-to-call feature): the Phone dials req.To from the Number
// req.NumberID. The User must be available, not on a call and associated to
// the Number, and the Number must be active. Desktop Phone app only (not iOS
// or Android). The API answers 204 with no body, so the new Call's id is not
// returned: StartCallAndWait starts the call and returns it, or find it with
// CallsService.Search or the call.created webhook.
//
// 400 (ErrBadRequest): Number not found or invalid number to dial.
// 405 (ErrMethodNotAllowed): User not available.
//
//aircall:operation POST /v1/users/:id/calls
func (s *UsersService) StartCall(ctx context.Context, userID int64, req *StartCallRequest) (*Response, error) {
	if err := checkID("userID", userID); err != nil {
		return nil, err
	}
	if req == nil {
		return nil, &ArgError{Arg: "req", Reason: "must not be nil"}
	}
	if err := firstErr(checkID("NumberID", req.NumberID), checkE164("To", req.To)); err != nil {
		return nil, err
	}
	return s.client.send(ctx, http.MethodPost, fmt.Sprintf("v1/users/%d/calls", userID), req, nil)
}

// Dial fills the User's Phone app with the phone number to (E.164), so they
// can start the call themselves from the Number of their choice (the base of
// a Click-to-dial feature; also available from the Aircall Everywhere CTI).
// The User must be available and not on a call. Desktop Phone app only.
//
// 400 (ErrBadRequest): invalid number to dial.
// 405 (ErrMethodNotAllowed): User not available.
//
//aircall:operation POST /v1/users/:id/dial
func (s *UsersService) Dial(ctx context.Context, userID int64, to string) (*Response, error) {
	if err := firstErr(checkID("userID", userID), checkE164("to", to)); err != nil {
		return nil, err
	}
	body := struct {
		To string `json:"to"`
	}{to}
	return s.client.send(ctx, http.MethodPost, fmt.Sprintf("v1/users/%d/dial", userID), body, nil)
}
