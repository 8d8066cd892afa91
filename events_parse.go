package aircall

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// WebhookEvent is one event Aircall POSTed to a Webhook's URL: a resource
// (call, user, ...) at the moment the payload was built, with the event's
// name and the Webhook's token.
//
// What the token does and does not protect: Aircall does not sign webhook
// payloads. The token is a shared secret carried inside the body; checking
// it (ParseWebhook, ParseWebhookPayload, WebhookHandler) tells events of your
// Webhooks from requests of someone who does not know the token, and nothing
// more. It gives no integrity (anyone who sees one payload can forge others),
// no replay protection, and Timestamp is unsigned. Serve the endpoint over
// HTTPS only (Aircall requires an https URL), keep tokens out of logs, and
// treat WebhookHandler.MaxAge as a guard against stale or naively replayed
// bodies, not as authentication.
//
// Delivery is at least once and unordered: the same event may arrive twice,
// and call.ended may arrive before call.answered. Make handlers idempotent
// (upsert on the resource's id) and answer within 5 seconds: Aircall counts a
// timeout or a non-2xx answer as a failure, retries it, and disables a
// Webhook whose events keep failing (50 retries, then it retries only the
// failed events for 12 hours; a success re-enables it).
type WebhookEvent struct {
	// Resource names what Data is about: ResourceCall, ResourceUser,
	// ResourceNumber, ResourceContact, ResourceIntegration, ... as sent.
	Resource string `json:"resource"`
	// Event is the event's name, e.g. EventCallEnded.
	Event EventType `json:"event"`
	// Timestamp is when Aircall built the payload (unix seconds, UTC). It is
	// not signed: see Age and WebhookHandler.MaxAge.
	Timestamp Timestamp `json:"timestamp"`
	// Token is the token of the Webhook that sent the event (Webhook.Token):
	// it identifies the Aircall account. It is a secret: do not log it.
	Token string `json:"token"`
	// Data is the resource as it was at Timestamp, raw. Decode it with the
	// method named after its type (Call, User, Number, ...), or yourself for
	// events the SDK does not model. Nil when the payload has no data.
	Data json.RawMessage `json:"data"`
}

// ErrWebhookTooOld matches (errors.Is) the error WebhookHandler answers 400
// with when an event's timestamp is older than its MaxAge.
var ErrWebhookTooOld = errors.New("aircall: webhook event is older than the accepted maximum age")

// ErrWrongResource matches (errors.Is) the *WrongResourceError of a
// WebhookEvent method asked for data the event does not carry.
var ErrWrongResource = errors.New("aircall: webhook event does not carry this resource")

// WrongResourceError reports a WebhookEvent method (Call, User, ...) called
// on an event whose data is something else, such as Call on a user.created
// event. It matches ErrWrongResource with errors.Is.
type WrongResourceError struct {
	// Event is the event's name.
	Event EventType
	// Resource is the event's resource, as sent.
	Resource string
	// Want is the Go type the method decodes into, e.g. "Call".
	Want string
	// Has is the Go type the event's data decodes into, e.g. "User", and
	// Accessor the method that decodes it; both are "" when the SDK does not
	// know the event or does not model its data.
	Has, Accessor string
}

// Error says what the event carries and which method decodes it.
func (e *WrongResourceError) Error() string {
	switch {
	case e.Has != "":
		return fmt.Sprintf("aircall: webhook event %s carries a %s, not a %s: use its %s method",
			e.Event, e.Has, e.Want, e.Accessor)
	case e.Event.Known():
		return fmt.Sprintf("aircall: webhook event %s carries data the SDK does not model, not a %s: decode its Data",
			e.Event, e.Want)
	}
	return fmt.Sprintf("aircall: webhook event %s has resource %q: it does not carry a %s", e.Event, e.Resource, e.Want)
}

// Is makes errors.Is(err, ErrWrongResource) hold.
func (e *WrongResourceError) Is(target error) bool { return target == ErrWrongResource }

// ParseWebhook reads the body of an Aircall webhook request and parses it
// with ParseWebhookPayload, checking its token against tokens. The request
// must be a POST with a JSON body (a JSON Content-Type, or none) of at most
// MaxWebhookBodySize (1 MiB); otherwise the error matches ErrWebhookMethod,
// ErrWebhookContentType or ErrWebhookTooLarge. It consumes r.Body.
//
// WebhookHandler does this for you and answers with the right status; call
// ParseWebhook from your own handler when you need full control.
func ParseWebhook(r *http.Request, tokens ...string) (*WebhookEvent, error) {
	body, err := readWebhookBody(r)
	if err != nil {
		return nil, err
	}
	return ParseWebhookPayload(body, tokens...)
}

// ParseWebhookPayload parses a webhook event and checks that its token is one
// of tokens (the Token of each of your Webhooks: several accounts, or the old
// and new token during a rotation). Tokens are compared in constant time.
//
// Giving no token (or only empty ones) is an error, ErrNoWebhookTokens, never
// "accept everything": use ParseWebhookPayloadUnverified to skip the check on
// purpose. A payload that is not a JSON object fails with ErrWebhookMalformed;
// then the token is checked, before any other field is interpreted: a token
// missing or not among tokens fails with ErrInvalidWebhookToken. Last, an
// authentic payload without an "event" name (or with fields of the wrong
// JSON type) fails with ErrWebhookMalformed. Anything else is accepted as
// sent: events and resources the SDK does not know parse fine, and Data is
// kept raw until an accessor decodes it. See WebhookEvent for what the
// token protects.
func ParseWebhookPayload(payload []byte, tokens ...string) (*WebhookEvent, error) {
	w, err := decodeWebhookWire(payload)
	if err != nil {
		return nil, err
	}
	var token string
	_ = json.Unmarshal(w.Token, &token) // a token that is not a string is no token
	if err := checkToken(token, tokens); err != nil {
		return nil, err
	}
	return w.event(token)
}

// ParseWebhookPayloadUnverified parses a webhook event without checking its
// token: anyone who can reach your endpoint can make it return anything.
// Use it only where the token was checked already, or for payloads of a
// trusted source (tests, a queue you filled after checking).
func ParseWebhookPayloadUnverified(payload []byte) (*WebhookEvent, error) {
	w, err := decodeWebhookWire(payload)
	if err != nil {
		return nil, err
	}
	var token string
	if err := json.Unmarshal(w.Token, &token); len(w.Token) > 0 && err != nil {
		return nil, fmt.Errorf("%w: token: %v", ErrWebhookMalformed, err)
	}
	return w.event(token)
}

// webhookWire is the payload as sent, each field still raw, so that the
// token is checked before the rest is interpreted.
type webhookWire struct {
	Resource  json.RawMessage `json:"resource"`
	Event     json.RawMessage `json:"event"`
	Timestamp Timestamp       `json:"timestamp"`
	Token     json.RawMessage `json:"token"`
	Data      json.RawMessage `json:"data"`
}

func decodeWebhookWire(payload []byte) (*webhookWire, error) {
	if t := bytes.TrimSpace(payload); len(t) == 0 || t[0] != '{' {
		return nil, fmt.Errorf("%w: not a JSON object", ErrWebhookMalformed)
	}
	var w webhookWire
	if err := json.Unmarshal(payload, &w); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrWebhookMalformed, err)
	}
	return &w, nil
}

func (w *webhookWire) event(token string) (*WebhookEvent, error) {
	e := &WebhookEvent{Timestamp: w.Timestamp, Token: token}
	if err := unmarshalOptional(w.Resource, &e.Resource); err != nil {
		return nil, fmt.Errorf("%w: resource: %v", ErrWebhookMalformed, err)
	}
	if err := unmarshalOptional(w.Event, &e.Event); err != nil {
		return nil, fmt.Errorf("%w: event: %v", ErrWebhookMalformed, err)
	}
	if e.Event == "" {
		return nil, fmt.Errorf("%w: no event name", ErrWebhookMalformed)
	}
	if d := bytes.TrimSpace(w.Data); len(d) > 0 && !bytes.Equal(d, []byte("null")) {
		e.Data = w.Data
	}
	return e, nil
}

// unmarshalOptional decodes raw into v unless raw is absent.
func unmarshalOptional(raw json.RawMessage, v any) error {
	if len(raw) == 0 {
		return nil
	}
	return json.Unmarshal(raw, v)
}

// Age returns how long before now the payload was built, from its unsigned
// Timestamp; a payload without a timestamp is as old as it gets. Compare it
// with your tolerance to drop stale events:
//
//	if ev.Age(time.Now()) > 10*time.Minute { ... }
func (e *WebhookEvent) Age(now time.Time) time.Duration {
	if e.Timestamp.IsZero() {
		return time.Duration(1<<63 - 1)
	}
	return now.Sub(e.Timestamp.Time)
}

// checkAge refuses an event built more than maxAge before now (never when
// maxAge is zero or negative).
func (e *WebhookEvent) checkAge(now time.Time, maxAge time.Duration) error {
	if maxAge <= 0 {
		return nil
	}
	if age := e.Age(now); age > maxAge {
		if e.Timestamp.IsZero() {
			return fmt.Errorf("%w: the %s event has no timestamp (MaxAge %s)", ErrWebhookTooOld, e.Event, maxAge)
		}
		return fmt.Errorf("%w: the %s event was built %s ago, MaxAge is %s", ErrWebhookTooOld, e.Event, age.Round(time.Second), maxAge)
	}
	return nil
}

// decodeEventData decodes e.Data into a new T after checking that the event
// carries data of kind want: for an event the SDK knows, its name decides;
// for any other event, its resource must be want's.
func decodeEventData[T any](e *WebhookEvent, want dataKind) (*T, error) {
	if e == nil {
		return nil, errors.New("aircall: nil WebhookEvent")
	}
	if info, known := eventIndex[e.Event]; (known && info.data != want) || (!known && e.Resource != want.resource) {
		return nil, &WrongResourceError{Event: e.Event, Resource: e.Resource, Want: want.typeName,
			Has: info.data.typeName, Accessor: info.data.accessor}
	}
	if len(e.Data) == 0 {
		return nil, fmt.Errorf("aircall: webhook event %s has no data", e.Event)
	}
	v := new(T)
	if err := json.Unmarshal(e.Data, v); err != nil {
		return nil, fmt.Errorf("aircall: decoding the data of webhook event %s as a %s: %w", e.Event, want.typeName, err)
	}
	return v, nil
}

// Call decodes the data of a call event (call.created, call.ended, ...).
// Some fields are still empty on early events: duration and recording arrive
// with call.ended, ~30 s after call.hungup. It fails with a
// *WrongResourceError (errors.Is ErrWrongResource) on events that do not
// carry a Call.
func (e *WebhookEvent) Call() (*Call, error) { return decodeEventData[Call](e, dataCall) }

// User decodes the data of a user event (user.created, user.opened, ...).
// The user.*.v2 events carry a UserV2 instead: see UserV2. It fails with a
// *WrongResourceError on events that do not carry a User.
func (e *WebhookEvent) User() (*User, error) { return decodeEventData[User](e, dataUser) }

// UserV2 decodes the data of a user.*.v2 event, the v2 User object (no
// numbers list), whose shape comes from published integrations. It fails
// with a *WrongResourceError on events that do not carry a UserV2.
func (e *WebhookEvent) UserV2() (*UserV2, error) { return decodeEventData[UserV2](e, dataUserV2) }

// Number decodes the data of a number event (number.opened, ...). It fails
// with a *WrongResourceError on events that do not carry a Number.
func (e *WebhookEvent) Number() (*Number, error) { return decodeEventData[Number](e, dataNumber) }

// Contact decodes the data of a contact event (contact.created, ...). It
// fails with a *WrongResourceError on events that do not carry a Contact.
func (e *WebhookEvent) Contact() (*Contact, error) { return decodeEventData[Contact](e, dataContact) }

// IntegrationDeleted is the data of the integration.deleted event: which
// integration was removed from which company. It is not an Integration
// object: the event carries these two ids only.
type IntegrationDeleted struct {
	// IntegrationID is the id of the deleted Integration (Integration.ID).
	IntegrationID int64 `json:"integration_id"`
	// CompanyID is the id of the Company it was installed on.
	CompanyID int64 `json:"company_id"`
}

// Integration decodes the data of the integration.deleted event: the ids
// of the integration and of its company (the event carries no Integration
// object). It fails with a *WrongResourceError on other events.
func (e *WebhookEvent) Integration() (*IntegrationDeleted, error) {
	return decodeEventData[IntegrationDeleted](e, dataIntegration)
}

// Message decodes the data of a message.sent, message.received or
// message.status_updated event (native mode; proxy-mode numbers POST
// callbacks instead, see ParseMessageCallback). As for callbacks, a number
// or boolean in one of Message's text fields is read as its text. It fails
// with a *WrongResourceError on events that do not carry a Message.
func (e *WebhookEvent) Message() (*Message, error) {
	m, err := decodeEventData[eventMessage](e, dataMessage)
	if err != nil {
		return nil, err
	}
	return &m.Message, nil
}

// eventMessage decodes a Message as leniently as a callback's.
type eventMessage struct{ Message }

// UnmarshalJSON decodes a message leniently, as message callbacks are.
func (m *eventMessage) UnmarshalJSON(b []byte) error {
	msg, err := decodeCallbackMessage(b)
	if err != nil {
		return err
	}
	m.Message = *msg
	return nil
}

// GroupMessage decodes the data of a group_message.* event, whose shape
// comes from one published integration. It fails with a
// *WrongResourceError on events that do not carry a GroupMessage.
func (e *WebhookEvent) GroupMessage() (*GroupMessage, error) {
	return decodeEventData[GroupMessage](e, dataGroupMessage)
}

// Transcription decodes the data of a transcription.created event. It fails
// with a *WrongResourceError on other events.
func (e *WebhookEvent) Transcription() (*Transcription, error) {
	return decodeEventData[Transcription](e, dataTranscription)
}

// Sentiment decodes the data of a sentiment.created event. It fails with a
// *WrongResourceError on other events.
func (e *WebhookEvent) Sentiment() (*CallSentiment, error) {
	return decodeEventData[CallSentiment](e, dataSentiment)
}

// Topics decodes the data of a topics.created event. It fails with a
// *WrongResourceError on other events.
func (e *WebhookEvent) Topics() (*CallTopics, error) {
	return decodeEventData[CallTopics](e, dataTopics)
}

// Summary decodes the data of a summary.created event. It fails with a
// *WrongResourceError on other events.
func (e *WebhookEvent) Summary() (*CallSummary, error) {
	return decodeEventData[CallSummary](e, dataSummary)
}

// ActionItems decodes the data of an action_item.created event. Whether the
// event carries one action item (with its call_id) or the call's list
// {call_id, action_items} is not documented: both are read, one item as a
// list of one. It fails with a *WrongResourceError on other events.
func (e *WebhookEvent) ActionItems() (*CallActionItems, error) {
	d, err := decodeEventData[eventActionItems](e, dataActionItems)
	if err != nil {
		return nil, err
	}
	return &d.CallActionItems, nil
}

// eventActionItems reads the data of action_item.created in either shape.
type eventActionItems struct{ CallActionItems }

// UnmarshalJSON reads either one action item or the call's list of them.
func (a *eventActionItems) UnmarshalJSON(b []byte) error {
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(b, &probe); err != nil {
		return err
	}
	if _, list := probe["action_items"]; list {
		return json.Unmarshal(b, &a.CallActionItems)
	}
	var one struct {
		ActionItem
		CallID int64 `json:"call_id"`
	}
	if err := json.Unmarshal(b, &one); err != nil {
		return err
	}
	a.CallActionItems = CallActionItems{CallID: one.CallID, ActionItems: []*ActionItem{&one.ActionItem}}
	return nil
}

// PlaybookResult decodes the data of a playbook_result.created or .updated
// event (a loose model: unknown keys stay in PlaybookResult.Extra). It fails
// with a *WrongResourceError on other events.
func (e *WebhookEvent) PlaybookResult() (*PlaybookResult, error) {
	return decodeEventData[PlaybookResult](e, dataPlaybookResult)
}

// CustomSummaryResult decodes the data of a custom_summary.result_created or
// .result_updated event (a loose model: unknown keys stay in Extra). It
// fails with a *WrongResourceError on other events.
func (e *WebhookEvent) CustomSummaryResult() (*CustomSummaryResult, error) {
	return decodeEventData[CustomSummaryResult](e, dataCustomSummaryResult)
}

// RealtimeTranscription decodes the data of a
// realtime_transcription.utterances_received event into the loose
// RealtimeTranscription model. The one published integration that shows
// this event's data has {id, call: {id, uuid, number_id, direction}, utterances: [...]}:
// those keys are kept raw in RealtimeTranscription.Extra, while a payload in
// the REST answer's shape {call_id, call_uuid, content} fills the typed
// fields. It fails with a *WrongResourceError on other events.
func (e *WebhookEvent) RealtimeTranscription() (*RealtimeTranscription, error) {
	return decodeEventData[RealtimeTranscription](e, dataRealtimeTranscription)
}

// AIVoiceAgent decodes the data of an ai_voice_agent.* event. It fails with
// a *WrongResourceError on other events.
func (e *WebhookEvent) AIVoiceAgent() (*AIVoiceAgentEvent, error) {
	return decodeEventData[AIVoiceAgentEvent](e, dataAIVoiceAgent)
}

// AnalyticsExport decodes the data of an analytics.report_created or
// analytics.report_failed event, assumed to be the export as
// AnalyticsService.GetExport answers it. It fails with a
// *WrongResourceError on other events.
func (e *WebhookEvent) AnalyticsExport() (*AnalyticsExport, error) {
	return decodeEventData[AnalyticsExport](e, dataAnalyticsExport)
}
