package aircall

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"time"
)

// NumbersService reads and updates the company's Numbers and their music & messages.
type NumbersService service

// NumberAvailabilityStatus is the availability status of a Number. Unknown
// values sent by the API are kept as they are.
type NumberAvailabilityStatus string

// The documented availability statuses of a Number.
const (
	// NumberAvailabilityOpen means the Number is open, whatever its opening hours.
	NumberAvailabilityOpen NumberAvailabilityStatus = "open"
	// NumberAvailabilityCustom means the Number opens and closes by its opening hours.
	NumberAvailabilityCustom NumberAvailabilityStatus = "custom"
	// NumberAvailabilityClosed means the Number is closed, whatever its opening hours.
	NumberAvailabilityClosed NumberAvailabilityStatus = "closed"
)

// Routing priority levels of a Number (Number.Priority, UpdateNumberRequest.Priority).
// A nil priority is the API's default: no priority level set.
const (
	// NumberPriorityNone is priority 0: no priority.
	NumberPriorityNone = 0
	// NumberPriorityTop is priority 1: top priority.
	NumberPriorityTop = 1
)

// Number is a phone number of the Company, bought by Admins from the
// Dashboard. A Number is either Classic (assigned users and teams make and
// receive calls from it) or IVR (callers reach a voice menu first, and choose
// among options through their keypad).
type Number struct {
	// ID is the unique identifier for the Number.
	ID int64 `json:"id"`
	// DirectLink is the direct API URL.
	DirectLink string `json:"direct_link"`
	// Name is the name of the Number.
	Name string `json:"name"`
	// Digits is the international format of the Number, e.g. "+33 1 76 11 11 11".
	Digits string `json:"digits"`
	// CreatedAt is the timestamp when the Number was created, in UTC.
	CreatedAt Timestamp `json:"created_at"`
	// Country is the ISO 3166-1 alpha-2 country code of the Number.
	Country string `json:"country"`
	// TimeZone is the Number's time zone, set in the Dashboard.
	TimeZone string `json:"time_zone"`
	// Open is the current opening state of the Number, based on its opening hours.
	Open bool `json:"open"`
	// AvailabilityStatus is the current availability status of the Number:
	// open, custom or closed.
	AvailabilityStatus NumberAvailabilityStatus `json:"availability_status"`
	// IsIVR is true if the Number is an IVR, false if it is a Classic Number.
	IsIVR bool `json:"is_ivr"`
	// LiveRecordingActivated tells whether the Number has live recording activated or not.
	LiveRecordingActivated bool `json:"live_recording_activated"`
	// Users is the list of Users linked to this Number. List answers leave it out.
	Users []*User `json:"users"`
	// Priority is the priority level of the Number used during routing of the
	// calls. Can be null (nil, the default), 0 (no priority) or 1 (top priority).
	// Live answers sometimes send it as a string ("1"): both decode, and a
	// value that is not an integer reads as nil rather than failing the
	// whole Number (or the Call that holds it).
	Priority *int `json:"priority"`
	// Messages holds the URLs to the Number's music & messages files.
	Messages *NumberMessages `json:"messages"`
	// FlowEditorEnabled tells whether the Number's call flow is built with
	// Smartflows (the flow editor). Only the /v2 endpoints send it
	// (UsersV2Service.ListNumbers); v1 answers leave it false.
	FlowEditorEnabled bool `json:"flow_editor_enabled"`
}

// NumberMessages represents the different audio files played during a call
// on a Number (its Music & Messages). Each field is the URL of a file.
type NumberMessages struct {
	// Welcome is the Welcome message URL. This file is played at the beginning
	// of an incoming call. Available for Classic & IVR numbers.
	Welcome string `json:"welcome"`
	// Waiting is the Waiting music URL. Caller will hear this if they are put
	// on hold during an ongoing call or while the call is being transfered.
	// Available for Classic & IVR numbers.
	Waiting string `json:"waiting"`
	// RingingTone is the Ringing tone URL. During an incoming call, caller will
	// hear this music while waiting for the call to be answered. Available for
	// Classic numbers.
	RingingTone string `json:"ringing_tone"`
	// UnansweredCall is the Unanswered Call message URL. Caller will hear this
	// message if their call is not answered when the business hours are open.
	// Available for Classic numbers.
	UnansweredCall string `json:"unanswered_call"`
	// AfterHours is the After Hours message URL. Caller will hear this message
	// if they call outside of this number's business hours. Available for
	// Classic numbers.
	AfterHours string `json:"after_hours"`
	// IVR is the IVR message URL. Caller will hear this right after the Welcome
	// message. This message will be played twice. Available for IVR numbers.
	IVR string `json:"ivr"`
	// Voicemail is the Voicemail message URL. Available for IVR numbers.
	//
	// Deprecated: replaced by unanswered_call (UnansweredCall).
	Voicemail string `json:"voicemail"`
	// Closed is the Closed message URL. Available for IVR numbers.
	//
	// Deprecated: replaced by after_hours (AfterHours).
	Closed string `json:"closed"`
	// CallbackLater is the Callback Later message. Available for IVR numbers.
	CallbackLater string `json:"callback_later"`
}

// NumberListOptions filters and pages Numbers.List and Numbers.ListIter.
type NumberListOptions struct {
	ListOptions
	// From sets a minimal creation date for Numbers (sent as a UNIX timestamp).
	From time.Time `url:"from,omitempty,unix"`
	// To sets a maximal creation date for Numbers (sent as a UNIX timestamp).
	To time.Time `url:"to,omitempty,unix"`
	// Order reorders entries by created_at: "asc" (the API's default) or "desc".
	Order string `url:"order,omitempty"`
}

func (o *NumberListOptions) validate() error {
	if o == nil {
		return nil
	}
	return firstErr(o.ListOptions.validate(MaxPerPage), checkOrder(o.Order))
}

// UpdateNumberRequest is the body of Numbers.Update. Only the fields that
// are set are sent; at least one must be.
//
// Priority is tri-state on the wire: leave both Priority and ResetPriority
// unset to keep the current priority, set Priority to 0 or 1 to change it,
// or set ResetPriority to send "priority": null and go back to the API's
// default (no priority level).
type UpdateNumberRequest struct {
	// Name of the Number. Can't be empty or null.
	Name *string `json:"name,omitempty"`
	// AvailabilityStatus can be open, custom or closed. This cannot be updated
	// when the number has smartflow enabled.
	AvailabilityStatus *NumberAvailabilityStatus `json:"availability_status,omitempty"`
	// IsIVR: if true, the Number will be converted into an IVR; Classic
	// otherwise. This cannot be updated when the number has smartflow enabled.
	IsIVR *bool `json:"is_ivr,omitempty"`
	// LiveRecordingActivated: set to true to enable call recording on the
	// Number. It will enable both inbound AND outbound at the same time.
	LiveRecordingActivated *bool `json:"live_recording_activated,omitempty"`
	// Priority can be 0 (no priority, NumberPriorityNone) or 1 (top priority,
	// NumberPriorityTop). To send null, use ResetPriority.
	Priority *int `json:"priority,omitempty"`
	// ResetPriority sends "priority": null, the API's default value. It
	// cannot be combined with Priority.
	ResetPriority bool `json:"-"`
	// Messages updates the Number's Music & Messages URLs. This cannot be
	// updated when the number has smartflow enabled.
	Messages *UpdateNumberMessagesRequest `json:"messages,omitempty"`
}

// MarshalJSON encodes the request, with "priority": null when ResetPriority is set.
func (r UpdateNumberRequest) MarshalJSON() ([]byte, error) {
	type plain UpdateNumberRequest
	if !r.ResetPriority {
		return json.Marshal(plain(r))
	}
	return json.Marshal(struct {
		plain
		Priority *int `json:"priority"` // shadows plain.Priority: always sent, null here
	}{plain: plain(r)})
}

// UpdateNumberMessagesRequest changes a Number's Music & Messages. Only the
// URLs that are set are sent; each must be a valid public URL (the API
// downloads the file). See NumberMessages for what each file is.
type UpdateNumberMessagesRequest struct {
	// Welcome message URL.
	Welcome *string `json:"welcome,omitempty"`
	// Waiting music URL.
	Waiting *string `json:"waiting,omitempty"`
	// RingingTone is the Ringing tone URL.
	RingingTone *string `json:"ringing_tone,omitempty"`
	// UnansweredCall is the Unanswered Call message URL.
	UnansweredCall *string `json:"unanswered_call,omitempty"`
	// AfterHours is the After Hours message URL.
	AfterHours *string `json:"after_hours,omitempty"`
	// IVR message URL.
	IVR *string `json:"ivr,omitempty"`
	// Voicemail message URL.
	//
	// Deprecated: replaced by UnansweredCall.
	Voicemail *string `json:"voicemail,omitempty"`
	// Closed message URL.
	//
	// Deprecated: replaced by AfterHours.
	Closed *string `json:"closed,omitempty"`
	// CallbackLater is the Callback Later message URL.
	CallbackLater *string `json:"callback_later,omitempty"`
}

func (m *UpdateNumberMessagesRequest) validate() error {
	fields := []struct {
		name string
		v    *string
	}{
		{"Welcome", m.Welcome}, {"Waiting", m.Waiting}, {"RingingTone", m.RingingTone},
		{"UnansweredCall", m.UnansweredCall}, {"AfterHours", m.AfterHours}, {"IVR", m.IVR},
		{"Voicemail", m.Voicemail}, {"Closed", m.Closed}, {"CallbackLater", m.CallbackLater},
	}
	set := 0
	for _, f := range fields {
		if f.v == nil {
			continue
		}
		set++
		if err := checkPublicURL("Messages."+f.name, *f.v); err != nil {
			return err
		}
	}
	if set == 0 {
		return &ArgError{Arg: "Messages", Reason: "sets no URL: leave Messages nil instead"}
	}
	return nil
}

func (r *UpdateNumberRequest) validate() error {
	if r == nil {
		return &ArgError{Arg: "req", Reason: "must not be nil"}
	}
	if r.Name == nil && r.AvailabilityStatus == nil && r.IsIVR == nil && r.LiveRecordingActivated == nil &&
		r.Priority == nil && !r.ResetPriority && r.Messages == nil {
		return &ArgError{Arg: "req", Reason: "sets no field: nothing to update"}
	}
	if err := checkOptionalNotBlank("Name", r.Name); err != nil {
		return err
	}
	if r.AvailabilityStatus != nil {
		if err := checkEnum("AvailabilityStatus", *r.AvailabilityStatus); err != nil {
			return err
		}
	}
	if r.Priority != nil {
		if r.ResetPriority {
			return &ArgError{Arg: "Priority", Reason: "cannot be set together with ResetPriority"}
		}
		if p := *r.Priority; p != NumberPriorityNone && p != NumberPriorityTop {
			return &ArgError{Arg: "Priority", Reason: fmt.Sprintf("must be 0 (no priority) or 1 (top priority), got %d; use ResetPriority for null", p)}
		}
	}
	if r.Messages != nil {
		return r.Messages.validate()
	}
	return nil
}

// List fetches one page of the Numbers associated to the company and their
// information. Only the options that are set are sent. Answers carry no
// Users: use Get for those.
//
//aircall:operation GET /v1/numbers
func (s *NumbersService) List(ctx context.Context, opts *NumberListOptions) ([]*Number, *Response, error) {
	if err := opts.validate(); err != nil {
		return nil, nil, err
	}
	return doList[Number](ctx, s.client, "v1/numbers", "numbers", opts)
}

// ListIter iterates over every Number of the company, fetching pages of 50
// (or opts.PerPage) lazily as the loop advances. It never changes opts. An
// error is yielded once and ends the iteration.
//
//aircall:operation GET /v1/numbers
func (s *NumbersService) ListIter(ctx context.Context, opts *NumberListOptions) iter.Seq2[*Number, error] {
	return listIter(ctx, opts, MaxPerPage, s.List)
}

// Get retrieves details of a specific Number, including its Users.
// A Number that does not exist answers 404 (ErrNotFound).
//
//aircall:operation GET /v1/numbers/:id
func (s *NumbersService) Get(ctx context.Context, id int64) (*Number, *Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, nil, err
	}
	return doOne[Number](ctx, s.client, http.MethodGet, fmt.Sprintf("v1/numbers/%d", id), "number", nil)
}

// Update updates a specific Number; the answer is the updated Number. It
// also updates the Number's Music & Messages (the reference's "Update Music
// and Messages" is the same request): set req.Messages, e.g.
//
//	&UpdateNumberRequest{Messages: &UpdateNumberMessagesRequest{Welcome: Ptr("https://example.com/welcome.mp3")}}
//
// Only what is set in req is sent. Name can't be blank; AvailabilityStatus
// is open, custom or closed; Priority is 0 or 1, and ResetPriority sends
// null; message URLs must be valid public URLs. AvailabilityStatus, IsIVR
// and Messages cannot be updated when the Number has smartflow enabled.
//
//aircall:operation PUT /v1/numbers/:id
func (s *NumbersService) Update(ctx context.Context, id int64, req *UpdateNumberRequest) (*Number, *Response, error) {
	if err := firstErr(checkID("id", id), req.validate()); err != nil {
		return nil, nil, err
	}
	return doOne[Number](ctx, s.client, http.MethodPut, fmt.Sprintf("v1/numbers/%d", id), "number", req)
}

// NumberRegistrationStatus is the compliance registration status of a
// Number, as answered by Numbers.GetRegistrationStatus. Shape from published
// integrations; not in the API reference: treat it as loosely typed.
type NumberRegistrationStatus struct {
	// Status is the registration status of the Number.
	Status string `json:"status"`
	// Details holds whatever details the API gives about the status.
	Details map[string]any `json:"details"`
}

// GetRegistrationStatus retrieves the compliance registration status of a
// Number.
//
// Path from several published integrations, the answer's shape from one;
// not in the API reference. Status is empty if the API answers another shape; Client.Do with an io.Writer
// gives the raw body.
//
//aircall:operation GET /v1/numbers/:id/registration_status
func (s *NumbersService) GetRegistrationStatus(ctx context.Context, id int64) (*NumberRegistrationStatus, *Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, nil, err
	}
	return doOne[NumberRegistrationStatus](ctx, s.client, http.MethodGet, fmt.Sprintf("v1/numbers/%d/registration_status", id), "", nil)
}

// UnmarshalJSON reads Priority as a JSON number, a numeric string or null.
func (n *Number) UnmarshalJSON(b []byte) error {
	type plain Number
	aux := struct {
		*plain
		Priority json.RawMessage `json:"priority"`
	}{plain: (*plain)(n)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	n.Priority = nil
	var p flexInt64
	if len(aux.Priority) > 0 && !bytes.Equal(aux.Priority, []byte("null")) && p.UnmarshalJSON(aux.Priority) == nil &&
		!bytes.Equal(bytes.TrimSpace(aux.Priority), []byte(`""`)) {
		n.Priority = Ptr(int(p))
	}
	return nil
}
