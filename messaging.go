package aircall

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// MessagingService sends SMS and MMS from Aircall Numbers through the Messaging API.
//
// Aircall offers two sending modes, and a number uses one or the other, never
// both at once:
//
//   - Proxy mode ("Send message", also called "skipping inbox"): first
//     Configure the number with a callback URL, then Send. Messages do not
//     appear in the Aircall apps and fire no Aircall webhooks; delivery
//     updates and inbound replies are POSTed to the callback URL (read them
//     with ParseMessageCallback or a MessageCallbackHandler). While configured,
//     the number cannot send or receive SMS from the Aircall apps;
//     DeleteConfiguration restores that.
//   - Native mode ("Send message in agent conversation"):
//     SendInAgentConversation needs no configuration. Messages appear in the
//     Aircall apps, replies too, and both fire the message.* webhooks.
//
// Both need the Aircall Professional plan and an SMS-enabled number; other
// plans answer 403 (ErrForbidden). Aircall stores no message sent through
// proxy mode and has no endpoint to list messages: keep your own record.
type MessagingService service

// mediaURLsKey is the JSON key that carries the media URLs of an MMS
// (SendMessageRequest.MediaURLs and SendGroupMessageRequest.MediaURLs). It is
// the only place that names it: change it here if Aircall's reference turns
// out to say otherwise.
//
// The sources disagree. "mediaUrl" (an array) comes from the most recent
// published integration, which says explicitly that the list "is serialised
// as mediaUrl"; it also matches the
// camelCase of every other messaging request key the documentation shows
// (callbackUrl, lineId, externalNumber, templateParams). The older Go and
// TypeScript integrations send "media_url", and a third-party OpenAPI draft
// "media_urls", on paths that are themselves wrong.
const mediaURLsKey = "mediaUrl"

// Messaging limits enforced before a request is sent.
const (
	// MaxSMSBodyLength is the longest SMS body, in characters: a message over
	// one 160-character (GSM-7) segment is split into segments, up to 1,600
	// characters in all.
	MaxSMSBodyLength = 1600
	// MinGroupParticipants is the fewest recipients of a group message: with
	// one recipient, use Send or SendInAgentConversation.
	MinGroupParticipants = 2
)

// MessagingConfigurationType is the channel a number is configured for with
// Configure or WhatsAppService.RegisterLine.
type MessagingConfigurationType string

// Configuration types. No source shows the value for SMS: Configure sends no
// type unless you set one.
const (
	// MessagingConfigurationWhatsApp registers a WhatsApp line for proxy sends.
	MessagingConfigurationWhatsApp MessagingConfigurationType = "whatsapp"
)

// MessagingConfigurationRequest configures a number for proxy (API-only) messaging.
type MessagingConfigurationRequest struct {
	// CallbackURL is where Aircall POSTs inbound messages and delivery
	// updates for the number: an absolute, publicly reachable https URL.
	// Required.
	CallbackURL string `json:"callbackUrl"`
	// Type is the channel to configure. Leave it nil for SMS/MMS (no source
	// documents an SMS value); WhatsAppService.RegisterLine sets "whatsapp".
	Type *MessagingConfigurationType `json:"type,omitempty"`
}

// MessagingConfiguration is the proxy-messaging configuration of a number.
// Shape from one published integration; not in Aircall's documentation.
type MessagingConfiguration struct {
	// CallbackURL is the URL Aircall POSTs inbound messages and delivery updates to.
	CallbackURL string `json:"callbackUrl"`
	// Type is the configured channel ("whatsapp" for a WhatsApp line).
	Type MessagingConfigurationType `json:"type"`
	// Token is sent in the body of every callback to CallbackURL: check it
	// with ParseMessageCallback or MessageCallbackHandler.Tokens.
	Token string `json:"token"`
}

// SendMessageRequest is an SMS or MMS to send from an Aircall number.
//
// Set Body, MediaURLs, or both (an MMS with a caption).
type SendMessageRequest struct {
	// To is the recipient, in E.164 format (e.g. "+18001231234"). Required.
	To string `json:"to"`
	// Body is the text of the message: at most 1,600 characters. Texts over
	// 160 GSM-7 characters are split into segments, and Aircall's SMS limits
	// count segments.
	Body string `json:"body,omitempty"`
	// MediaURLs are the media of an MMS: absolute https URLs that Aircall's
	// servers can fetch. They go out under the JSON key "mediaUrl" (see
	// MarshalJSON): the sources disagree on that name ("mediaUrl" in the
	// most recent integration, "media_url" in older ones), and the SDK names it in
	// a single place so that a correction is a one-line change.
	MediaURLs []string `json:"-"`
	// AgentID attributes a native send (SendInAgentConversation only) to an
	// Aircall user. Seen in one published integration; its type on the wire
	// is not documented.
	AgentID *int64 `json:"agentId,omitempty"`
}

// MarshalJSON writes the request with MediaURLs under the key "mediaUrl".
func (r SendMessageRequest) MarshalJSON() ([]byte, error) {
	type plain SendMessageRequest // no methods: no recursion
	return marshalWithMedia(plain(r), r.MediaURLs)
}

// SendGroupMessageRequest is a group SMS or MMS: one message to a group
// conversation of several participants. Shape from one published
// integration; Aircall's guides mention group sends but not their request.
type SendGroupMessageRequest struct {
	// Participants are the recipients, in E.164 format: at least 2, no duplicates.
	Participants []string `json:"participants"`
	// Body is the text: at most 1,600 characters. SendGroup takes either
	// Body or MediaURLs, not both; SendGroupInAgentConversation takes Body only.
	Body string `json:"body,omitempty"`
	// MediaURLs are the media of a group MMS (SendGroup only): absolute,
	// public https URLs, sent under the same key as SendMessageRequest.MediaURLs.
	MediaURLs []string `json:"-"`
	// AgentID attributes a native group send (SendGroupInAgentConversation
	// only) to an Aircall user.
	AgentID *int64 `json:"agentId,omitempty"`
}

// MarshalJSON writes the request with MediaURLs under the key "mediaUrl".
func (r SendGroupMessageRequest) MarshalJSON() ([]byte, error) {
	type plain SendGroupMessageRequest
	return marshalWithMedia(plain(r), r.MediaURLs)
}

// marshalWithMedia encodes v (a JSON object) and adds media under
// mediaURLsKey when there is any.
func marshalWithMedia(v any, media []string) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil || len(media) == 0 {
		return b, err
	}
	m, err := json.Marshal(media)
	if err != nil {
		return nil, err
	}
	return appendJSONField(b, mediaURLsKey, m)
}

// appendJSONField adds "key": raw to the JSON object obj.
func appendJSONField(obj []byte, key string, raw []byte) ([]byte, error) {
	obj = bytes.TrimSpace(obj)
	if len(obj) < 2 || obj[0] != '{' || obj[len(obj)-1] != '}' {
		return nil, fmt.Errorf("aircall: cannot add %q to a non-object", key)
	}
	k, err := json.Marshal(key)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(obj)+len(k)+len(raw)+2)
	out = append(out, obj[:len(obj)-1]...)
	if len(bytes.TrimSpace(obj[1:len(obj)-1])) > 0 {
		out = append(out, ',')
	}
	out = append(out, k...)
	out = append(out, ':')
	out = append(out, raw...)
	return append(out, '}'), nil
}

// MessageDirection tells whether a message was sent or received.
type MessageDirection string

// Message directions.
const (
	MessageInbound  MessageDirection = "inbound"
	MessageOutbound MessageDirection = "outbound"
)

// MessageStatus is the delivery status of a message. The full list is not
// documented; unknown values pass through unchanged.
type MessageStatus string

// Message statuses. Pending and Received are seen in Aircall's examples; the
// others are the usual SMS/WhatsApp delivery vocabulary, not seen in Aircall
// material.
const (
	MessageStatusPending     MessageStatus = "pending"  // accepted, not yet sent (send responses)
	MessageStatusReceived    MessageStatus = "received" // an inbound message
	MessageStatusSent        MessageStatus = "sent"
	MessageStatusDelivered   MessageStatus = "delivered"
	MessageStatusRead        MessageStatus = "read" // WhatsApp read receipt
	MessageStatusFailed      MessageStatus = "failed"
	MessageStatusUndelivered MessageStatus = "undelivered"
)

// MessageChannel is the channel of a message: "" (JSON null) for SMS or MMS,
// "whatsapp" for WhatsApp.
type MessageChannel string

// Message channels.
const (
	MessageChannelSMS      MessageChannel = "" // null on the wire: SMS or MMS
	MessageChannelWhatsApp MessageChannel = "whatsapp"
)

// WhatsAppMessageCategory is Meta's pricing category of a WhatsApp message.
type WhatsAppMessageCategory string

// WhatsApp message categories (lower case on Message; templates use upper case).
const (
	WhatsAppMessageMarketing      WhatsAppMessageCategory = "marketing"
	WhatsAppMessageUtility        WhatsAppMessageCategory = "utility"
	WhatsAppMessageAuthentication WhatsAppMessageCategory = "authentication"
)

// WhatsAppMessageType is how Meta classifies a WhatsApp conversation for billing.
type WhatsAppMessageType string

// WhatsApp message types, as the sources spell them.
const (
	WhatsAppMessageRegular        WhatsAppMessageType = "regular"
	WhatsAppMessageFreeEntryPoint WhatsAppMessageType = "free_entry_point"
	// WhatsAppMessageFreeCustomerService is spelled "free_customer_serivce"
	// (sic) in the source; the SDK keeps the wire value as seen.
	WhatsAppMessageFreeCustomerService WhatsAppMessageType = "free_customer_serivce"
)

// Message is an SMS, MMS or WhatsApp message, as send endpoints answer it
// (with no envelope) and as message webhooks and callbacks carry it.
//
// Fields from published integrations; the send response's keys and
// epoch-millisecond times are in Aircall's Help Center example. Send responses carry fewer fields than webhooks (no
// external_number, no contact). WhatsApp-only fields are empty for SMS/MMS.
type Message struct {
	// ID is the unique identifier of the message: a string such as "abcdSMc6…".
	ID string `json:"id"`
	// DirectLink is the API URL of the message. No endpoint serves it: there
	// is no message history API.
	DirectLink string `json:"direct_link"`
	// Direction is inbound or outbound.
	Direction MessageDirection `json:"direction"`
	// ExternalNumber is the phone number of the external party (the
	// contact). Present on webhooks and callbacks, absent from send responses.
	ExternalNumber string `json:"external_number"`
	// Body is the text of the message.
	Body string `json:"body"`
	// Status is the delivery status, e.g. "pending" right after a send.
	Status MessageStatus `json:"status"`
	// RawDigits is the external party's number as digits, e.g. "13023063029".
	RawDigits string `json:"raw_digits"`
	// MediaDetails are the media of an inbound MMS, with short-lived
	// download links.
	MediaDetails []*MediaDetail `json:"media_details"`
	// MediaURL lists the media URLs of a sent MMS, on send responses.
	MediaURL []string `json:"media_url"`
	// CreatedAt is when the message was created (epoch milliseconds on the
	// wire; some examples show ISO 8601: both decode).
	CreatedAt Timestamp `json:"created_at"`
	// UpdatedAt is when the message was last updated.
	UpdatedAt Timestamp `json:"updated_at"`
	// SentAt is when the message was sent.
	SentAt Timestamp `json:"sent_at"`
	// Channel is "" (null) for SMS or MMS and "whatsapp" for WhatsApp.
	Channel MessageChannel `json:"channel"`
	// TemplateContent is the text of the WhatsApp template sent (WhatsApp only).
	TemplateContent string `json:"template_content"`
	// Type is the WhatsApp message type (WhatsApp only).
	Type string `json:"type"`
	// Metadata is WhatsApp metadata (WhatsApp only). Its type is not
	// documented: a string in the one sample, so usually a string here; any
	// other JSON value decodes too (map[string]any, []any, float64…)
	// rather than failing the whole message.
	Metadata any `json:"metadata"`
	// ParentID is the id of the message this one replies to (WhatsApp only).
	ParentID string `json:"parent_id"`
	// WhatsAppMessageCategory is marketing, utility or authentication (WhatsApp only).
	WhatsAppMessageCategory WhatsAppMessageCategory `json:"whatsapp_message_category"`
	// WhatsAppMessageType is regular, free_entry_point or free_customer_serivce (WhatsApp only).
	WhatsAppMessageType WhatsAppMessageType `json:"whatsapp_message_type"`
	// RecipientCountry is the recipient's country (WhatsApp only).
	RecipientCountry string `json:"recipient_country"`
	// Origin is "native" on messages of the agent-conversation mode; seen in
	// one third-party sample only.
	Origin string `json:"origin"`
	// Number is the Aircall number that sent or received the message (abridged).
	Number *Number `json:"number"`
	// Contact is the Aircall contact of the external party, if any.
	Contact *Contact `json:"contact"`
	// User is the Aircall user who sent the message (seen in one integration only).
	User *User `json:"user"`
}

// MediaDetail is one media file of an inbound MMS.
type MediaDetail struct {
	// FileName is the name of the file.
	FileName string `json:"file_name"`
	// FileType is its MIME type, e.g. "image/jpeg".
	FileType string `json:"file_type"`
	// PresignedURL is a short-lived link to download the file.
	PresignedURL string `json:"presigned_url"`
}

// GroupMessage is the answer to a group send: one message to a group
// conversation, with group-scoped ids instead of a message id.
type GroupMessage struct {
	// GroupMessageID is the id of the group message (a UUID).
	GroupMessageID string `json:"group_message_id"`
	// GroupConversationID is the id of the group conversation (a UUID).
	GroupConversationID string `json:"group_conversation_id"`
	// DirectLink is the API URL of the message.
	DirectLink string `json:"direct_link"`
	// Direction is outbound for a send.
	Direction MessageDirection `json:"direction"`
	// Status is the delivery status, "pending" right after a send.
	Status MessageStatus `json:"status"`
	// Participants are the recipients, in E.164 format.
	Participants []string `json:"participants"`
	// Body is the text sent.
	Body string `json:"body"`
	// MediaURL lists the media URLs sent.
	MediaURL []string `json:"media_url"`
	// CreatedAt is when the message was created (epoch milliseconds on the wire).
	CreatedAt Timestamp `json:"created_at"`
	// UpdatedAt is when the message was last updated.
	UpdatedAt Timestamp `json:"updated_at"`
	// SentAt is when the message was sent.
	SentAt Timestamp `json:"sent_at"`
	// Number is the Aircall number the message was sent from, when present.
	Number *Number `json:"number"`
}

func messagingPath(numberID int64, rest string) string {
	return fmt.Sprintf("v1/numbers/%d/messages/%s", numberID, rest)
}

// Configure configures a number for proxy (API-only) messaging: after it,
// Send works from this number, and inbound messages and delivery updates
// are POSTed to req.CallbackURL with the configuration's Token in the body.
//
// While configured, the number cannot send or receive SMS from the Aircall
// apps, and SendInAgentConversation must not be used on it: the two modes are
// mutually exclusive. DeleteConfiguration undoes it. Needs the Professional
// plan (otherwise 403, ErrForbidden). The callback URL must be an absolute
// https URL that Aircall can reach (not localhost nor a private address).
//
//aircall:operation POST /v1/numbers/:id/messages/configuration
func (s *MessagingService) Configure(ctx context.Context, numberID int64, req *MessagingConfigurationRequest) (*MessagingConfiguration, *Response, error) {
	if err := checkID("numberID", numberID); err != nil {
		return nil, nil, err
	}
	if req == nil {
		return nil, nil, &ArgError{Arg: "req", Reason: "must not be nil"}
	}
	if err := checkCallbackURL("CallbackURL", req.CallbackURL); err != nil {
		return nil, nil, err
	}
	if req.Type != nil {
		if err := checkNotBlank("Type", string(*req.Type)); err != nil {
			return nil, nil, err
		}
	}
	return doOne[MessagingConfiguration](ctx, s.client, http.MethodPost, messagingPath(numberID, "configuration"), "", req)
}

// GetConfiguration returns the proxy-messaging configuration of a number
// (its callback URL, type and token). A number that is not configured is
// expected to answer an error (probably 404, ErrNotFound; not documented).
//
//aircall:operation GET /v1/numbers/:id/messages/configuration
func (s *MessagingService) GetConfiguration(ctx context.Context, numberID int64) (*MessagingConfiguration, *Response, error) {
	if err := checkID("numberID", numberID); err != nil {
		return nil, nil, err
	}
	return doOne[MessagingConfiguration](ctx, s.client, http.MethodGet, messagingPath(numberID, "configuration"), "", nil)
}

// DeleteConfiguration removes the proxy-messaging configuration of a number
// (SMS or WhatsApp): the number can send and receive from the Aircall apps
// again, Send stops working from it, and SendInAgentConversation (or
// WhatsAppService.SendNative) can be used instead. Any answer body is discarded.
//
//aircall:operation DELETE /v1/numbers/:id/messages/configuration
func (s *MessagingService) DeleteConfiguration(ctx context.Context, numberID int64) (*Response, error) {
	if err := checkID("numberID", numberID); err != nil {
		return nil, err
	}
	return s.client.send(ctx, http.MethodDelete, messagingPath(numberID, "configuration"), nil, nil)
}

// Send sends an SMS or MMS from a number configured for API messaging
// (proxy mode). The message does not appear in the Aircall apps and fires no
// webhook; its delivery updates and the replies go to the callback URL of
// the configuration. The number must have been configured with Configure
// first: the two modes are mutually exclusive, and an unconfigured number is
// refused. Needs the Professional plan (otherwise 403, ErrForbidden).
//
// Send answers with the message at the top level (no envelope), status
// "pending"; Aircall keeps no copy of it. req.AgentID is refused here
// (native sends only).
//
//aircall:operation POST /v1/numbers/:id/messages/send
func (s *MessagingService) Send(ctx context.Context, numberID int64, req *SendMessageRequest) (*Message, *Response, error) {
	if err := checkSendMessage(numberID, req, false); err != nil {
		return nil, nil, err
	}
	return doOne[Message](ctx, s.client, http.MethodPost, messagingPath(numberID, "send"), "", req)
}

// SendInAgentConversation sends an SMS or MMS from a number in the agent
// conversation (native mode): the message appears in the Aircall apps as if
// an agent had sent it, fires the message.* webhooks, and replies appear in
// the apps too. No configuration is needed, and the number must NOT be
// configured for proxy messaging (the two modes are mutually exclusive:
// DeleteConfiguration first). Needs the Professional plan (otherwise 403,
// ErrForbidden).
//
// It answers with the message at the top level (no envelope).
//
//aircall:operation POST /v1/numbers/:id/messages/native/send
func (s *MessagingService) SendInAgentConversation(ctx context.Context, numberID int64, req *SendMessageRequest) (*Message, *Response, error) {
	if err := checkSendMessage(numberID, req, true); err != nil {
		return nil, nil, err
	}
	return doOne[Message](ctx, s.client, http.MethodPost, messagingPath(numberID, "native/send"), "", req)
}

// SendGroup sends one SMS or MMS to a group conversation from a number
// configured for proxy messaging (see Configure; proxy and native modes are
// mutually exclusive). It takes either a text (Body) or media (MediaURLs),
// not both, and at least MinGroupParticipants distinct E.164 participants.
//
// Shape from one published integration; Aircall's guides mention group
// sends but not their request.
//
//aircall:operation POST /v1/numbers/:id/messages/group/send
func (s *MessagingService) SendGroup(ctx context.Context, numberID int64, req *SendGroupMessageRequest) (*GroupMessage, *Response, error) {
	if err := checkSendGroup(numberID, req, false); err != nil {
		return nil, nil, err
	}
	return doOne[GroupMessage](ctx, s.client, http.MethodPost, messagingPath(numberID, "group/send"), "", req)
}

// SendGroupInAgentConversation sends one text message to a group
// conversation in native mode: it appears in the Aircall apps and fires the
// group_message.* webhooks. The number must not be configured for proxy
// messaging. It takes Body (no media: the one published integration sends text only) and
// an optional AgentID.
//
// Shape from one published integration; not in Aircall's documentation.
//
//aircall:operation POST /v1/numbers/:id/messages/group/native/send
func (s *MessagingService) SendGroupInAgentConversation(ctx context.Context, numberID int64, req *SendGroupMessageRequest) (*GroupMessage, *Response, error) {
	if err := checkSendGroup(numberID, req, true); err != nil {
		return nil, nil, err
	}
	return doOne[GroupMessage](ctx, s.client, http.MethodPost, messagingPath(numberID, "group/native/send"), "", req)
}

// checkCallbackURL accepts only an absolute https URL that a remote server can reach.
func checkCallbackURL(arg, v string) error {
	return firstErr(checkHTTPSURL(arg, v), checkPublicURL(arg, v))
}

// checkMediaURLs checks each media URL: absolute https, publicly reachable, no duplicates.
func checkMediaURLs(arg string, urls []string) error {
	seen := make(map[string]bool, len(urls))
	for i, u := range urls {
		name := fmt.Sprintf("%s[%d]", arg, i)
		if err := checkCallbackURL(name, u); err != nil {
			return err
		}
		if seen[u] {
			return &ArgError{Arg: name, Reason: fmt.Sprintf("duplicates an earlier URL %q", u)}
		}
		seen[u] = true
	}
	return nil
}

func checkAgentID(id *int64, native bool, method string) error {
	if id == nil {
		return nil
	}
	if !native {
		return &ArgError{Arg: "AgentID", Reason: "is only sent by " + method + "InAgentConversation (native mode)"}
	}
	return checkID("AgentID", *id)
}

func checkSendMessage(numberID int64, req *SendMessageRequest, native bool) error {
	if err := checkID("numberID", numberID); err != nil {
		return err
	}
	if req == nil {
		return &ArgError{Arg: "req", Reason: "must not be nil"}
	}
	if err := checkE164("To", req.To); err != nil {
		return err
	}
	if strings.TrimSpace(req.Body) == "" && len(req.MediaURLs) == 0 {
		return &ArgError{Arg: "Body", Reason: "set Body, MediaURLs or both"}
	}
	return firstErr(
		checkMaxLen("Body", req.Body, MaxSMSBodyLength),
		checkMediaURLs("MediaURLs", req.MediaURLs),
		checkAgentID(req.AgentID, native, "Send"),
	)
}

func checkSendGroup(numberID int64, req *SendGroupMessageRequest, native bool) error {
	if err := checkID("numberID", numberID); err != nil {
		return err
	}
	if req == nil {
		return &ArgError{Arg: "req", Reason: "must not be nil"}
	}
	if len(req.Participants) < MinGroupParticipants {
		return &ArgError{Arg: "Participants", Reason: fmt.Sprintf("a group needs at least %d participants, got %d (use Send for one recipient)", MinGroupParticipants, len(req.Participants))}
	}
	seen := make(map[string]bool, len(req.Participants))
	for i, p := range req.Participants {
		name := fmt.Sprintf("Participants[%d]", i)
		if err := checkE164(name, p); err != nil {
			return err
		}
		if seen[p] {
			return &ArgError{Arg: name, Reason: fmt.Sprintf("duplicates participant %q", p)}
		}
		seen[p] = true
	}
	hasBody := strings.TrimSpace(req.Body) != ""
	switch {
	case native && len(req.MediaURLs) > 0:
		return &ArgError{Arg: "MediaURLs", Reason: "SendGroupInAgentConversation sends text only"}
	case native && !hasBody:
		return &ArgError{Arg: "Body", Reason: "must not be blank"}
	case hasBody && len(req.MediaURLs) > 0:
		return &ArgError{Arg: "MediaURLs", Reason: "a group message takes either Body or MediaURLs, not both"}
	case !hasBody && len(req.MediaURLs) == 0:
		return &ArgError{Arg: "Body", Reason: "set Body or MediaURLs"}
	}
	return firstErr(
		checkMaxLen("Body", req.Body, MaxSMSBodyLength),
		checkMediaURLs("MediaURLs", req.MediaURLs),
		checkAgentID(req.AgentID, native, "SendGroup"),
	)
}
