package aircall

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"time"
)

// CallsService reads and acts on Calls: list, search, transfer, comment, tag,
// archive, control recordings and push Insight Cards.
//
// There are three types of calls: inbound calls (an external person reaches
// an Agent), outbound calls (an Agent calls an external person from their
// Phone app) and internal calls (an Agent calls another Agent), which are not
// rendered in the Public API. To start an outbound call, see
// UsersService.StartCall and UsersService.Dial.
type CallsService service

// CallStatus is the current status of a Call. Unknown values pass through unchanged.
type CallStatus string

// The documented statuses of a Call.
const (
	// CallStatusInitial: the Call has started and is not answered yet.
	CallStatusInitial CallStatus = "initial"
	// CallStatusAnswered: the Call has been answered and is ongoing.
	CallStatusAnswered CallStatus = "answered"
	// CallStatusDone: the Call has ended.
	CallStatusDone CallStatus = "done"
)

// CallDirection is the direction of a Call. Unknown values pass through unchanged.
type CallDirection string

// The documented directions of a Call.
const (
	// CallInbound: initiated by an external person, calling an Aircall Number.
	CallInbound CallDirection = "inbound"
	// CallOutbound: initiated by an Agent from their Phone app, calling an external person.
	CallOutbound CallDirection = "outbound"
)

// MissedCallReason represents the reason why a Call was missed. Unknown
// values pass through unchanged.
type MissedCallReason string

// The documented reasons why a Call was missed.
const (
	MissedOutOfOpeningHours  MissedCallReason = "out_of_opening_hours"  // the Call came outside opening hours
	MissedShortAbandoned     MissedCallReason = "short_abandoned"       // the caller abandoned the Call shortly
	MissedAbandonedInIVR     MissedCallReason = "abandoned_in_ivr"      // the caller abandoned the Call in the IVR
	MissedAbandonedInClassic MissedCallReason = "abandoned_in_classic"  // the caller abandoned the Call on a Classic Number
	MissedNoAvailableAgent   MissedCallReason = "no_available_agent"    // no agent was available
	MissedAgentsDidNotAnswer MissedCallReason = "agents_did_not_answer" // agents did not answer
)

// DispatchingStrategy is how a Call transferred to a Team rings its members
// (TransferCallRequest.DispatchingStrategy).
type DispatchingStrategy string

// The documented dispatching strategies of a team transfer.
const (
	// DispatchSimultaneous rings each available member simultaneously (the
	// default when no strategy is given).
	DispatchSimultaneous DispatchingStrategy = "simultaneous"
	// DispatchRandom rings each available member one by one.
	DispatchRandom DispatchingStrategy = "random"
	// DispatchLongestIdle rings each available member one by one, starting
	// with the agent having the longest idle time.
	DispatchLongestIdle DispatchingStrategy = "longest_idle"
)

// ParticipantType is the kind of a conference call Participant. Unknown
// values pass through unchanged.
type ParticipantType string

// The documented kinds of Participant.
const (
	// ParticipantUser: an Aircall User; ID is the User's id.
	ParticipantUser ParticipantType = "user"
	// ParticipantContact: a Contact; ID is the Contact's id.
	ParticipantContact ParticipantType = "contact"
	// ParticipantExternal: someone else; only PhoneNumber is present.
	ParticipantExternal ParticipantType = "external"
)

// The types of line of an InsightCardLine (its Type).
const (
	// InsightCardTitle is a large text. It should describe the name of a
	// custom app. Needs Text; Link is optional.
	InsightCardTitle = "title"
	// InsightCardShortText is a normal line in the Insight Card section.
	// Needs Text; Label and Link are optional.
	InsightCardShortText = "shortText"
	// InsightCardUser is a user card in the Insight Card section displaying
	// the name and availability of the user. Needs Label and UserID.
	InsightCardUser = "user"
)

// Call is an inbound or outbound call of the company.
//
// Missed inbound calls have MissedCallReason set and a zero AnsweredAt.
// Duration (ended_at - started_at) includes the ringing time: use EndedAt -
// AnsweredAt to get the talking time.
type Call struct {
	// ID is the unique identifier for the Call.
	ID int64 `json:"id"`
	// CallUUID is the Call's UUID, which webhook call payloads and the
	// conversation-intelligence insights carry (e.g. PredictedCSAT.CallUUID).
	// Not in the API reference (seen in one published integration); empty on
	// REST answers that do not send it.
	CallUUID string `json:"call_uuid"`
	// SID is the Call's telephony identifier as some REST answers send it
	// (not in the API reference; seen in one published integration).
	SID string `json:"sid"`
	// DirectLink is the direct API URL.
	DirectLink string `json:"direct_link"`
	// StartedAt is the UNIX timestamp when the Call started, in UTC.
	StartedAt Timestamp `json:"started_at"`
	// AnsweredAt is the UNIX timestamp when the Call has been answered, in
	// UTC; zero when the Call was not answered (or when the API sends a
	// value that is not a time, like the reference's "no_available_agent").
	AnsweredAt Timestamp `json:"answered_at"`
	// EndedAt is the UNIX timestamp when the Call ended, in UTC.
	EndedAt Timestamp `json:"ended_at"`
	// Duration is the duration of the Call in seconds, computed by
	// ended_at - started_at (ringing time included).
	Duration int `json:"duration"`
	// Status is the current status of the Call: initial, answered or done.
	Status CallStatus `json:"status"`
	// Direction is the direction of the Call: inbound or outbound.
	Direction CallDirection `json:"direction"`
	// RawDigits is the international format of the number of the caller or
	// the callee. For an anonymous call, the value is "anonymous".
	RawDigits string `json:"raw_digits"`
	// Asset, if present, is a secured webpage containing the voicemail or
	// live recording for this Call. URL format is
	// https://assets.aircall.io/[recording,voicemail]/:call_id.
	Asset string `json:"asset"`
	// Recording, if present, is the direct URL of the live recording (mp3
	// file) for this Call. This link is valid for 1 hour only.
	Recording string `json:"recording"`
	// RecordingShortURL, when Recording is present, is a unique short URL
	// redirecting to it, valid for 3 hours only, of the form
	// https://short-urls.aircall.io/v1/:uuid. The reference says it is
	// exclusive to webhook events; published integrations show the Call
	// endpoints fill it when FetchShortURLs is set.
	RecordingShortURL string `json:"recording_short_url"`
	// Voicemail is only present if a voicemail was left (only by callers on
	// inbound calls): the direct URL of the voicemail (mp3 file). This link
	// is valid for 1 hour only.
	Voicemail string `json:"voicemail"`
	// VoicemailShortURL, when Voicemail is present, is a unique short URL
	// redirecting to it, valid for 3 hours only, of the form
	// https://short-urls.aircall.io/v1/:uuid. The reference says it is
	// exclusive to webhook events; published integrations show the Call
	// endpoints fill it when FetchShortURLs is set.
	VoicemailShortURL string `json:"voicemail_short_url"`
	// Archived describes if the Call needs follow up.
	Archived bool `json:"archived"`
	// MissedCallReason represents the reason why the Call was missed; empty
	// for calls that were not missed.
	MissedCallReason MissedCallReason `json:"missed_call_reason"`
	// HangupCause is the telephony reason the Call ended, as Aircall sends
	// it (seen in live answers and webhook events; not in the API reference,
	// so its values are not documented). Empty when absent.
	HangupCause string `json:"hangup_cause"`
	// Cost is the cost of the Call in U.S. cents, as a decimal string ("2.34").
	Cost string `json:"cost"`
	// Number is the full Number object attached to the Call.
	Number *Number `json:"number"`
	// User is the full User object who took or made the Call.
	User *User `json:"user"`
	// Contact is the full Contact object attached to the Call. The Call
	// endpoints only fill it when FetchContact is set.
	Contact *Contact `json:"contact"`
	// AssignedTo is the full User object assigned to the Call.
	AssignedTo *User `json:"assigned_to"`
	// Teams are the full Team objects assigned to the Call. Teams are only
	// assigned to inbound calls.
	Teams []*Team `json:"teams"`
	// TransferredBy is the User who performed the Call transfer.
	TransferredBy *User `json:"transferred_by"`
	// TransferredTo is the User to whom the Call was transferred. If the
	// Call is transferred to a Team, this field represents the first User of
	// the Team.
	TransferredTo *User `json:"transferred_to"`
	// Comments are the notes added to this Call by Users.
	Comments []*Comment `json:"comments"`
	// Tags are the tags added to this Call by Users.
	Tags []*CallTag `json:"tags"`
	// Participants are the participants involved in a conference call.
	Participants []*Participant `json:"participants"`
	// IVROptions are the IVR options selected in a smartflow enabled
	// number. ivr_options is not retrievable via Call APIs (webhook events
	// carry it); see IVROptionsSelected.
	IVROptions []*IVROption `json:"ivr_options"`
	// IVROptionsSelected are the IVR options the caller went through on a
	// Smartflow number, filled when FetchCallTimeline is set (calls of the
	// last 2 months only). Not in the API reference: the flag is seen in
	// several published integrations, the field in one.
	IVROptionsSelected []*IVROption `json:"ivr_options_selected"`
	// AIVoiceAgents are the AI Voice Agent segments that handled the Call,
	// ordered by start time, filled when FetchAIVAConv is set. Not in the
	// API reference (seen in one published integration).
	AIVoiceAgents []*CallAIVoiceAgent `json:"ai_voice_agents"`
}

// Comment is a note added to a Call by an Agent or via the Public API
// (CallsService.AddComment).
type Comment struct {
	// ID is the unique identifier for the Comment.
	ID int64 `json:"id"`
	// Content is the content of the Comment, written by an Agent or via the Public API.
	Content string `json:"content"`
	// PostedAt is the timestamp of when the Comment was created.
	PostedAt Timestamp `json:"posted_at"`
	// PostedBy is the User object who created the Comment. It is nil if the
	// Comment was posted via the Public API.
	PostedBy *User `json:"posted_by"`
}

// CallTag is a Tag as it appears on a Call: the tag plus when and by whom
// the Call was tagged. The Tags endpoints return Tag.
type CallTag struct {
	// ID is the unique identifier for the Tag.
	ID int64 `json:"id"`
	// Name is the Tag's name.
	Name string `json:"name"`
	// CreatedAt is when the Tag was added to the Call (UNIX timestamp). Tags
	// in webhook events carry TaggedAt instead and leave it zero: see Time.
	CreatedAt Timestamp `json:"created_at"`
	// TaggedAt is when the Tag was added to the Call, as tags of Calls in
	// webhook events send it (seen in real deliveries; not in the reference).
	TaggedAt Timestamp `json:"tagged_at"`
	// TaggedBy is the User who tagged the Call.
	TaggedBy *User `json:"tagged_by"`
}

// Time returns when the Tag was added to the Call: CreatedAt, or TaggedAt
// when the answer only carried that (webhook events).
func (t *CallTag) Time() time.Time {
	if t.CreatedAt.IsZero() {
		return t.TaggedAt.Time
	}
	return t.CreatedAt.Time
}

// Participant is a member of a conference call. Participants are only
// present in conference calls and are not updatable nor destroyable via the
// Public API.
type Participant struct {
	// ID is either the Contact or the User id; not present (zero) for an
	// external participant. Documented as a string but sent as a number:
	// both are accepted.
	ID int64 `json:"id"`
	// Type is user, contact or external.
	Type ParticipantType `json:"type"`
	// Name is the participant's full name; not present for external.
	Name string `json:"name"`
	// PhoneNumber is not present for a user type participant.
	PhoneNumber string `json:"phone_number"`
}

// UnmarshalJSON accepts the id as a number or a numeric string. An id that
// is neither decodes to zero rather than failing the whole Call.
func (p *Participant) UnmarshalJSON(b []byte) error {
	type plain Participant
	aux := struct {
		*plain
		ID lenientInt64 `json:"id"`
	}{plain: (*plain)(p)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	p.ID = int64(aux.ID)
	return nil
}

// IVROption is an IVR option selected in a smartflow enabled number. IVR
// objects are not retrievable, updatable nor destroyable via the Public API.
//
// Branch, TransitionStartedAt and TransitionEndedAt are not in the API
// reference (seen in one published integration): they are only filled in
// Call.IVROptionsSelected (CallGetOptions.FetchCallTimeline).
type IVROption struct {
	// ID is the id of the IVR option selected.
	ID string `json:"id"`
	// Title is the title of the IVR option selected.
	Title string `json:"title"`
	// Key is the key pressed by the caller in the IVR widget.
	Key string `json:"key"`
	// Branch is the Smartflow branch taken.
	Branch string `json:"branch"`
	// CreatedAt is the timestamp when the IVR option was selected.
	CreatedAt Timestamp `json:"created_at"`
	// TransitionStartedAt is when the transition to the option started.
	TransitionStartedAt Timestamp `json:"transition_started_at"`
	// TransitionEndedAt is when the transition to the option ended.
	TransitionEndedAt Timestamp `json:"transition_ended_at"`
}

// UnmarshalJSON accepts the id (documented as a string) as a number too.
func (o *IVROption) UnmarshalJSON(b []byte) error {
	type plain IVROption
	aux := struct {
		*plain
		ID flexString `json:"id"`
	}{plain: (*plain)(o)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	o.ID = string(aux.ID)
	return nil
}

// CallAIVoiceAgent is one AI Voice Agent segment of a Call
// (Call.AIVoiceAgents, filled when FetchAIVAConv is set). A Call can carry
// several segments when escalations are chained. Shape from one published
// integration; not in the API reference.
type CallAIVoiceAgent struct {
	// AgentID is the identifier of the AI Voice Agent.
	AgentID string `json:"agent_id"`
	// AgentName is the name of the AI Voice Agent.
	AgentName string `json:"agent_name"`
	// EndReason is why the agent's part of the Call ended (e.g. answered,
	// escalated, disconnected, caller_hung_up).
	EndReason string `json:"end_reason"`
	// StartedAt is when the agent started handling the Call.
	StartedAt Timestamp `json:"started_at"`
	// EndedAt is when the agent stopped handling the Call.
	EndedAt Timestamp `json:"ended_at"`
	// EscalationReason is why the agent escalated the Call, if it did.
	EscalationReason string `json:"escalation_reason"`
	// EscalationTarget is where the Call was escalated to, if it was.
	EscalationTarget *EscalationTarget `json:"escalation_target"`
}

// UnmarshalJSON accepts the agent id as a string or a number.
func (a *CallAIVoiceAgent) UnmarshalJSON(b []byte) error {
	type plain CallAIVoiceAgent
	aux := struct {
		*plain
		AgentID flexString `json:"agent_id"`
	}{plain: (*plain)(a)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	a.AgentID = string(aux.AgentID)
	return nil
}

// EscalationTargetType is the kind of destination an AI Voice Agent escalated
// a Call to. Unknown values pass through unchanged.
type EscalationTargetType string

// The escalation target kinds, from one published integration; not in the API reference.
const (
	EscalationToBranch   EscalationTargetType = "branch"   // a Smartflow branch
	EscalationToUser     EscalationTargetType = "user"     // a User
	EscalationToTeam     EscalationTargetType = "team"     // a Team
	EscalationToExternal EscalationTargetType = "external" // an external phone number
)

// EscalationTarget is where an AI Voice Agent escalated a Call. Shape from
// one published integration; not in the API reference.
type EscalationTarget struct {
	// Type is branch, user, team or external.
	Type EscalationTargetType `json:"type"`
	// Destination identifies the target: an id or a phone number, sent as
	// a string or a number (both are accepted).
	Destination string `json:"destination"`
}

// UnmarshalJSON accepts the destination as a string or a number.
func (e *EscalationTarget) UnmarshalJSON(b []byte) error {
	type plain EscalationTarget
	aux := struct {
		*plain
		Destination flexString `json:"destination"`
	}{plain: (*plain)(e)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	e.Destination = string(aux.Destination)
	return nil
}

// CallListOptions selects the Calls to list.
type CallListOptions struct {
	ListOptions

	// From sets a minimal creation date for Calls (sent as a UNIX timestamp).
	From time.Time `url:"from,omitempty,unix"`
	// To sets a maximal creation date for Calls (sent as a UNIX timestamp).
	To time.Time `url:"to,omitempty,unix"`
	// Order reorders entries by created_at: "asc" or "desc". When empty,
	// List sends nothing and the API orders by ascending id; ListIter sends
	// "asc".
	Order string `url:"order,omitempty"`
	// FetchContact, when true, adds contact details in the response.
	FetchContact bool `url:"fetch_contact,omitempty"`
	// FetchShortURLs, when true, fills RecordingShortURL and
	// VoicemailShortURL (not in the API reference).
	FetchShortURLs bool `url:"fetch_short_urls,omitempty"`
	// FetchCallTimeline, when true, fills IVROptionsSelected (Smartflow
	// numbers, last 2 months; not in the API reference).
	FetchCallTimeline bool `url:"fetch_call_timeline,omitempty"`
	// FetchAIVAConv, when true, fills AIVoiceAgents (not in the API
	// reference).
	FetchAIVAConv bool `url:"fetch_aiva_conv,omitempty"`
}

func (o *CallListOptions) validate() error {
	if o == nil {
		return nil
	}
	return checkListWindow(o.ListOptions, o.From, o.To, o.Order)
}

// CallSearchOptions selects the Calls to search for. Every filter set is
// combined with the others.
type CallSearchOptions struct {
	ListOptions

	// From sets a minimal creation date for Calls (sent as a UNIX timestamp).
	From time.Time `url:"from,omitempty,unix"`
	// To sets a maximal creation date for Calls (sent as a UNIX timestamp).
	To time.Time `url:"to,omitempty,unix"`
	// Order reorders entries by created_at: "asc" (the API's default) or
	// "desc". SearchIter sends "asc" when it is empty.
	Order string `url:"order,omitempty"`
	// Direction is the direction of the Calls: "inbound" or "outbound"
	// (string(CallInbound), string(CallOutbound)).
	Direction string `url:"direction,omitempty"`
	// UserID is the unique ID of the User who made or received Calls.
	UserID int64 `url:"user_id,omitempty"`
	// PhoneNumber is the calling or receiving phone number of Calls. Given a
	// call transferred between numbers A and B, the call will not appear
	// when filtering by A but it will for B.
	PhoneNumber string `url:"phone_number,omitempty"`
	// Tags are Tag IDs, sent as repeated tags[] keys. Implemented as an AND
	// condition: Aircall searches for Calls matching all the tags.
	Tags []int64 `url:"tags,omitempty,brackets"`
	// FetchContact, when true, adds contact details in the response.
	FetchContact bool `url:"fetch_contact,omitempty"`
	// FetchShortURLs, when true, fills RecordingShortURL and
	// VoicemailShortURL (not in the API reference).
	FetchShortURLs bool `url:"fetch_short_urls,omitempty"`
	// FetchCallTimeline, when true, fills IVROptionsSelected (Smartflow
	// numbers, last 2 months; not in the API reference).
	FetchCallTimeline bool `url:"fetch_call_timeline,omitempty"`
	// FetchAIVAConv, when true, fills AIVoiceAgents (not in the API
	// reference).
	FetchAIVAConv bool `url:"fetch_aiva_conv,omitempty"`
}

func (o *CallSearchOptions) validate() error {
	if o == nil {
		return nil
	}
	if err := checkListWindow(o.ListOptions, o.From, o.To, o.Order); err != nil {
		return err
	}
	if o.Direction != "" {
		if err := checkEnum("Direction", o.Direction); err != nil {
			return err
		}
	}
	if o.UserID != 0 {
		if err := checkID("UserID", o.UserID); err != nil {
			return err
		}
	}
	for i, id := range o.Tags {
		if err := checkID(fmt.Sprintf("Tags[%d]", i), id); err != nil {
			return err
		}
	}
	return nil
}

// CallGetOptions asks CallsService.Get for optional parts of the Call.
type CallGetOptions struct {
	// FetchContact, when true, adds contact details in the response.
	FetchContact bool `url:"fetch_contact,omitempty"`
	// FetchShortURLs, when true, fills RecordingShortURL and
	// VoicemailShortURL (not in the API reference).
	FetchShortURLs bool `url:"fetch_short_urls,omitempty"`
	// FetchCallTimeline, when true, fills IVROptionsSelected (Smartflow
	// numbers, last 2 months; not in the API reference).
	FetchCallTimeline bool `url:"fetch_call_timeline,omitempty"`
	// FetchAIVAConv, when true, fills AIVoiceAgents (not in the API
	// reference).
	FetchAIVAConv bool `url:"fetch_aiva_conv,omitempty"`
}

// TransferCallRequest says where CallsService.Transfer sends a Call: set
// exactly one of UserID, TeamID or Number.
type TransferCallRequest struct {
	// UserID is the unique identifier of the User the Call will be
	// transferred to (documented as a string, sent as an integer).
	UserID int64 `json:"user_id,omitempty"`
	// TeamID is the unique identifier of the Team the Call will be
	// transferred to (documented as a string, sent as an integer). When the
	// call is ringing, transferring to a team is limited to teams with 25
	// users or less.
	TeamID int64 `json:"team_id,omitempty"`
	// Number is the external phone number the Call will be transferred to,
	// in E.164 format. Only inbound calls that have not yet been answered
	// can be transferred to an external number.
	Number string `json:"number,omitempty"`
	// DispatchingStrategy is only for a transfer to a Team: random,
	// simultaneous (the default) or longest_idle.
	DispatchingStrategy *DispatchingStrategy `json:"dispatching_strategy,omitempty"`
}

func (r *TransferCallRequest) validate() error {
	if r == nil {
		return &ArgError{Arg: "req", Reason: "must not be nil"}
	}
	chosen := 0
	if r.UserID != 0 {
		chosen++
		if err := checkID("UserID", r.UserID); err != nil {
			return err
		}
	}
	if r.TeamID != 0 {
		chosen++
		if err := checkID("TeamID", r.TeamID); err != nil {
			return err
		}
	}
	if r.Number != "" {
		chosen++
		if err := checkE164("Number", r.Number); err != nil {
			return err
		}
	}
	if chosen != 1 {
		return &ArgError{Arg: "req", Reason: fmt.Sprintf("must set exactly one of UserID, TeamID or Number, got %d", chosen)}
	}
	if r.DispatchingStrategy != nil {
		if r.TeamID == 0 {
			return &ArgError{Arg: "DispatchingStrategy", Reason: "can only be used with a transfer to a team (TeamID)"}
		}
		return checkEnum("DispatchingStrategy", *r.DispatchingStrategy)
	}
	return nil
}

// InsightCard is custom data displayed to Agents in their Phone app during an
// ongoing Call (CallsService.AddInsightCard). Insight cards are only seen on
// ongoing calls and are not stored after Calls are over.
type InsightCard struct {
	// Contents are the lines displayed on the Insight Card, in order. At least one.
	Contents []InsightCardLine `json:"contents"`
}

// InsightCardLine is one line of an InsightCard. Its Type decides which
// fields it needs:
//
//   - InsightCardTitle ("title"): Text, and optionally Link.
//   - InsightCardShortText ("shortText"): Text, and optionally Label and Link.
//   - InsightCardUser ("user"): Label and UserID.
type InsightCardLine struct {
	// Type is the type of line: title, shortText or user. Mandatory.
	Type string `json:"type"`
	// Text is the text displayed in the line (title and shortText lines).
	Text string `json:"text,omitempty"`
	// Label precedes the text of a shortText line, or the user card of a
	// user line (mandatory there).
	Label string `json:"label,omitempty"`
	// Link transforms the line in a link (title and shortText lines).
	Link string `json:"link,omitempty"`
	// UserID is the id of the user to be displayed (user lines, mandatory there).
	UserID int64 `json:"user_id,omitempty"`
}

func (c *InsightCard) validate() error {
	if c == nil {
		return &ArgError{Arg: "card", Reason: "must not be nil"}
	}
	if len(c.Contents) == 0 {
		return &ArgError{Arg: "Contents", Reason: "must have at least one line"}
	}
	for i, l := range c.Contents {
		at := fmt.Sprintf("Contents[%d]", i)
		var err error
		switch l.Type {
		case InsightCardTitle, InsightCardShortText:
			err = checkNotBlank(at+".Text", l.Text)
		case InsightCardUser:
			err = firstErr(checkNotBlank(at+".Label", l.Label), checkID(at+".UserID", l.UserID))
		default:
			err = checkEnum(at+".Type", l.Type) // a type the SDK does not know passes through
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// List fetches one page of the Calls associated to the company and their
// information. Only what opts sets is sent: by default the API orders Calls
// by ascending id (use Order "desc" to get the last calls first) and adds no
// contact details (set FetchContact). Only three months of history is
// available. Paging reaches at most 10,000 Calls (past it the API answers
// 400, ErrPageLimitExceeded): use From, or ListIter or ListPager, which go
// past the cap by themselves.
//
//aircall:operation GET /v1/calls
func (s *CallsService) List(ctx context.Context, opts *CallListOptions) ([]*Call, *Response, error) {
	if err := opts.validate(); err != nil {
		return nil, nil, err
	}
	return doList[Call](ctx, s.client, "v1/calls", "calls", opts)
}

// callKey gives what call listings are ordered by: the API's creation time
// of a Call is its started_at.
func callKey(c *Call) (int64, time.Time) { return c.ID, c.StartedAt.Time }

func (o *CallListOptions) window() (from, to *time.Time, order *string) {
	return &o.From, &o.To, &o.Order
}
func (o *CallListOptions) byCreation() bool { return true }

func (o *CallSearchOptions) window() (from, to *time.Time, order *string) {
	return &o.From, &o.To, &o.Order
}
func (o *CallSearchOptions) byCreation() bool { return true }

// ListIter iterates over every Call matching opts, fetching 50 per page
// unless opts says otherwise. opts is copied: changing it after the call has
// no effect. Errors (including invalid opts) are yielded once and end the
// iteration. Each range is a new listing, as ListPager without a checkpoint
// describes: exact while calls are created or deleted, in either order
// (order=asc is sent when Order is empty, since the API's default order is
// by id), and past the API's 10,000-call cap.
//
//aircall:operation GET /v1/calls
func (s *CallsService) ListIter(ctx context.Context, opts *CallListOptions) iter.Seq2[*Call, error] {
	o := deref(opts)
	return pagerIter(ctx, func() (*Pager[Call], error) { return s.ListPager(&o, "") })
}

// ListPager returns a Pager over every Call matching opts, starting from
// the checkpoint from ("" to start afresh): its All iterates like ListIter,
// and after any Call it yielded its Checkpoint can be saved to go on later,
// even in another process, without missing a Call. opts is copied. The
// window ends when the Pager is made (opts.To is pinned to that time unless
// earlier): Calls started later are not listed. Invalid opts, or a
// checkpoint that is damaged or was made for other options or another
// listing, return an *ArgError.
//
//aircall:operation GET /v1/calls
func (s *CallsService) ListPager(opts *CallListOptions, from Checkpoint) (*Pager[Call], error) {
	return newPager(opts, pagerSpec[Call]{res: "calls.list", key: callKey, from: from, now: s.client.now()}, s.List)
}

// Get retrieves a Call: duration, direction, status, timestamps, comments,
// tags, participants... By default contact details are not added: set
// opts.FetchContact. opts may be nil. To get Calls in real time, prefer the
// Calls webhook events. A Call that does not exist answers 404 (ErrNotFound).
//
//aircall:operation GET /v1/calls/:id
func (s *CallsService) Get(ctx context.Context, id int64, opts *CallGetOptions) (*Call, *Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, nil, err
	}
	path, err := addOptions(fmt.Sprintf("v1/calls/%d", id), opts)
	if err != nil {
		return nil, nil, err
	}
	return doOne[Call](ctx, s.client, http.MethodGet, path, "call", nil)
}

// Search fetches one page of the Calls matching opts (user_id, phone_number,
// tags, direction, creation dates...). Only what opts sets is sent. Only
// three months of history is available, and paging reaches at most 10,000
// Calls (ErrPageLimitExceeded past it): use From, or SearchIter.
//
//aircall:operation GET /v1/calls/search
func (s *CallsService) Search(ctx context.Context, opts *CallSearchOptions) ([]*Call, *Response, error) {
	if err := opts.validate(); err != nil {
		return nil, nil, err
	}
	return doList[Call](ctx, s.client, "v1/calls/search", "calls", opts)
}

// SearchIter iterates over every Call matching opts, fetching 50 per page
// unless opts says otherwise. opts is copied. Like ListIter it is exact
// while calls change and goes past the 10,000-call cap (order=asc is sent
// when Order is empty).
//
//aircall:operation GET /v1/calls/search
func (s *CallsService) SearchIter(ctx context.Context, opts *CallSearchOptions) iter.Seq2[*Call, error] {
	o := deref(opts)
	return pagerIter(ctx, func() (*Pager[Call], error) { return s.SearchPager(&o, "") })
}

// SearchPager is ListPager for Search: a Pager over every Call matching
// opts, starting from the checkpoint from ("" to start afresh).
//
//aircall:operation GET /v1/calls/search
func (s *CallsService) SearchPager(opts *CallSearchOptions, from Checkpoint) (*Pager[Call], error) {
	return newPager(opts, pagerSpec[Call]{res: "calls.search", key: callKey, from: from, now: s.client.now()}, s.Search)
}

// Transfer cold-transfers a Call to a User, a Team or an external phone
// number (set exactly one in req). A call.transferred Webhook event is sent.
// An unavailable User gets the Number's "No one answers" strategy; a Team
// rings its members according to req.DispatchingStrategy; a transfer to an
// external number only works for inbound calls not yet answered (the caller
// hears that they are being transferred).
//
// 400 (ErrBadRequest): Call already ended; Call cannot be transferred to a
// team with more than 25 users; invalid usage of dispatching strategy with
// user or external phone number.
// 404 (ErrNotFound): User or Call not found.
//
//aircall:operation POST /v1/calls/:id/transfers
func (s *CallsService) Transfer(ctx context.Context, id int64, req *TransferCallRequest) (*Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	if err := req.validate(); err != nil {
		return nil, err
	}
	return s.client.send(ctx, http.MethodPost, fmt.Sprintf("v1/calls/%d/transfers", id), req, nil)
}

// AddComment adds a Comment (also called Note) to a Call. A Call can have a
// maximum of five Comments; a comment posted via the Public API does not
// have an owner, cannot be updated nor deleted, and has its emojis removed.
// A call.commented Webhook event is sent.
//
// 400 (ErrBadRequest): maximum of 5 notes can be added to a Call.
//
//aircall:operation POST /v1/calls/:id/comments
func (s *CallsService) AddComment(ctx context.Context, id int64, content string) (*Response, error) {
	if err := firstErr(checkID("id", id), checkNotBlank("content", content)); err != nil {
		return nil, err
	}
	body := struct {
		Content string `json:"content"`
	}{content}
	return s.client.send(ctx, http.MethodPost, fmt.Sprintf("v1/calls/%d/comments", id), body, nil)
}

// AddTags tags a Call with the given Tag IDs (Tags are created in the
// Dashboard or with TagsService.Create). A call.tagged Webhook event is sent.
//
//aircall:operation POST /v1/calls/:id/tags
func (s *CallsService) AddTags(ctx context.Context, id int64, tagIDs []int64) (*Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	if len(tagIDs) == 0 {
		return nil, &ArgError{Arg: "tagIDs", Reason: "must have at least one tag id"}
	}
	for i, t := range tagIDs {
		if err := checkID(fmt.Sprintf("tagIDs[%d]", i), t); err != nil {
			return nil, err
		}
	}
	body := struct {
		Tags []int64 `json:"tags"`
	}{tagIDs}
	return s.client.send(ctx, http.MethodPost, fmt.Sprintf("v1/calls/%d/tags", id), body, nil)
}

// Archive archives a Call: missed calls not archived are displayed in the
// To-do view and can be marked as done (= archived). A call.archived
// Webhook event is sent. It returns the updated Call.
//
//aircall:operation PUT /v1/calls/:id/archive
func (s *CallsService) Archive(ctx context.Context, id int64) (*Call, *Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, nil, err
	}
	return doOne[Call](ctx, s.client, http.MethodPut, fmt.Sprintf("v1/calls/%d/archive", id), "call", nil)
}

// Unarchive places an archived Call back in the To-do view of the Phone app
// and returns the updated Call.
//
//aircall:operation PUT /v1/calls/:id/unarchive
func (s *CallsService) Unarchive(ctx context.Context, id int64) (*Call, *Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, nil, err
	}
	return doOne[Call](ctx, s.client, http.MethodPut, fmt.Sprintf("v1/calls/%d/unarchive", id), "call", nil)
}

// PauseRecording pauses the live recording of an ongoing Call.
//
// 400 (ErrBadRequest): Call has already ended.
// 404 (ErrNotFound): Call not found.
// 405 (ErrMethodNotAllowed): recording is disabled on the Call's Number.
//
//aircall:operation POST /v1/calls/:id/pause_recording
func (s *CallsService) PauseRecording(ctx context.Context, id int64) (*Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	return s.client.send(ctx, http.MethodPost, fmt.Sprintf("v1/calls/%d/pause_recording", id), nil, nil)
}

// ResumeRecording resumes the paused live recording of an ongoing Call.
//
// 400 (ErrBadRequest): Call has already ended.
// 404 (ErrNotFound): Call not found.
// 405 (ErrMethodNotAllowed): recording is disabled on the Call's Number.
//
//aircall:operation POST /v1/calls/:id/resume_recording
func (s *CallsService) ResumeRecording(ctx context.Context, id int64) (*Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	return s.client.send(ctx, http.MethodPost, fmt.Sprintf("v1/calls/%d/resume_recording", id), nil, nil)
}

// DeleteRecording deletes the recording of a Call. It takes between 10 and
// 15 minutes to delete it from Aircall's servers, and cannot be undone. A
// recording can take up to 24 hours to be received: if it is not present yet
// it is not deleted, so retry the deletion later.
//
//aircall:operation DELETE /v1/calls/:id/recording
func (s *CallsService) DeleteRecording(ctx context.Context, id int64) (*Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	return s.client.send(ctx, http.MethodDelete, fmt.Sprintf("v1/calls/%d/recording", id), nil, nil)
}

// DeleteVoicemail deletes the voicemail of a Call. It can take up to 1
// minute to delete it from Aircall's servers, and cannot be undone. A
// voicemail can take up to 24 hours to be received: if it is not present yet
// it is not deleted, so retry the deletion later.
//
//aircall:operation DELETE /v1/calls/:id/voicemail
func (s *CallsService) DeleteVoicemail(ctx context.Context, id int64) (*Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	return s.client.send(ctx, http.MethodDelete, fmt.Sprintf("v1/calls/%d/voicemail", id), nil, nil)
}

// AddInsightCard displays an Insight Card to the Agents on an ongoing Call,
// in their Phone app (Desktop and Android, not yet iOS). It is not stored
// after the Call is over.
//
// 400 (ErrBadRequest): payload malformed.
// 404 (ErrNotFound): Call not found.
//
//aircall:operation POST /v1/calls/:id/insight_cards
func (s *CallsService) AddInsightCard(ctx context.Context, id int64, card *InsightCard) (*Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	if err := card.validate(); err != nil {
		return nil, err
	}
	return s.client.send(ctx, http.MethodPost, fmt.Sprintf("v1/calls/%d/insight_cards", id), card, nil)
}
