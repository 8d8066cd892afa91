package aircall

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// Proxy-mode callbacks: what Aircall POSTs to the callbackUrl of a number
// configured with MessagingService.Configure or WhatsAppService.RegisterLine
// (inbound messages and delivery updates).
//
// Aircall's reference for them is not public. One published catalogue of
// Aircall's webhooks says callbacks are distinct
// from webhooks: the event name is under "event_name" (not "event"),
// "timestamp" is in milliseconds, the only events are message.received and
// message.updated, the body carries the configuration's token, and a failed
// delivery is not retried. Aircall's own sequence diagram calls the update
// message.status_updated. The SDK accepts all of these forms, and the
// webhook form too ({"resource","event","timestamp" in seconds,"token","data"}).

// MessageCallbackEvent names a callback (or message webhook) event.
type MessageCallbackEvent string

// Callback events. MessageCallbackUpdated and MessageCallbackStatusUpdated
// are two names of the same event: a handler registered for either receives both.
const (
	// MessageCallbackReceived: an inbound message reached the number.
	MessageCallbackReceived MessageCallbackEvent = "message.received"
	// MessageCallbackUpdated: the delivery status of a sent message changed (callback name).
	MessageCallbackUpdated MessageCallbackEvent = "message.updated"
	// MessageCallbackStatusUpdated: the same, as Aircall's diagram and the message webhooks name it.
	MessageCallbackStatusUpdated MessageCallbackEvent = "message.status_updated"
	// MessageCallbackSent: a message was sent (message webhooks of native mode).
	MessageCallbackSent MessageCallbackEvent = "message.sent"
)

// canonical folds the two names of the status update into one.
func (e MessageCallbackEvent) canonical() MessageCallbackEvent {
	if e == MessageCallbackStatusUpdated {
		return MessageCallbackUpdated
	}
	return e
}

// IsStatusUpdate reports message.updated or message.status_updated.
func (e MessageCallbackEvent) IsStatusUpdate() bool { return e.canonical() == MessageCallbackUpdated }

// DeliveryErrorCode is an error code a callback reports for a message that
// was not delivered: Meta's WhatsApp codes, as Aircall's WhatsApp error
// table lists them. Other codes pass through.
type DeliveryErrorCode int

// Delivery error codes of Aircall's WhatsApp error table.
const (
	// DeliveryErrorOutsideWindow: free-form text sent outside the 24-hour
	// conversation window. The send answered 200; only the callback tells.
	// Send an approved template instead.
	DeliveryErrorOutsideWindow DeliveryErrorCode = 63016
	// DeliveryErrorSpamRateLimit: Meta's spam rate limit.
	DeliveryErrorSpamRateLimit DeliveryErrorCode = 131048
	// DeliveryErrorRegistration: phone number registration error with an external provider.
	DeliveryErrorRegistration DeliveryErrorCode = 131045
	// DeliveryErrorUnknown: an unknown Meta error.
	DeliveryErrorUnknown DeliveryErrorCode = 131000
)

// Meaning returns what Aircall's WhatsApp error table says about the code,
// or "" for a code it does not list.
func (c DeliveryErrorCode) Meaning() string {
	switch c {
	case DeliveryErrorOutsideWindow:
		return "the 24-hour conversation window has expired: free-form text is not delivered; send an approved template to reopen the conversation"
	case DeliveryErrorSpamRateLimit:
		return "Meta's spam rate limit was reached"
	case DeliveryErrorRegistration:
		return "phone number registration error with an external provider"
	case DeliveryErrorUnknown:
		return "unknown Meta error"
	}
	return ""
}

// DeliveryError is the delivery failure a callback reports.
//
// Where the code sits in the payload is not documented. The SDK looks in
// the message (data) and then in the envelope for "error_code",
// "errorCode", "error" (a number, a numeric string, or an object with
// "code" and "message", "title" or "description") and "errors" (a list of
// such objects), and for the text in "error_message", "errorMessage",
// "message" or "description".
type DeliveryError struct {
	// Code is the error code, e.g. 63016.
	Code DeliveryErrorCode
	// Meaning is what Aircall's WhatsApp error table says about Code ("" if it does not list it).
	Meaning string
	// Message is the text the payload gave with the code, if any.
	Message string
}

// Error describes the delivery failure.
func (e *DeliveryError) Error() string {
	s := fmt.Sprintf("aircall: message not delivered: error %d", e.Code)
	if e.Meaning != "" {
		s += " (" + e.Meaning + ")"
	}
	if e.Message != "" {
		s += ": " + e.Message
	}
	return s
}

// MessageCallback is one POST Aircall sent to a callback URL: an inbound
// message or a delivery update.
type MessageCallback struct {
	// Event is the event name as sent ("event_name", or "event" in the
	// webhook form): message.received, message.updated or message.status_updated.
	Event MessageCallbackEvent
	// Resource is "message" in the webhook form; usually empty for callbacks.
	Resource string
	// Timestamp is when the payload was built (milliseconds for callbacks,
	// seconds for webhooks: both decode).
	Timestamp Timestamp
	// Token is the token of the number's configuration; already checked.
	Token string
	// Message is the message the event is about, decoded from Data.
	Message *Message
	// Data is the raw "data" object, for fields the SDK does not model.
	Data json.RawMessage
	// DeliveryError is the delivery failure the payload reports, or nil.
	DeliveryError *DeliveryError
}

// Failed reports a delivery failure: an error code in the payload, or a
// message status of "failed" or "undelivered".
func (cb *MessageCallback) Failed() bool {
	if cb == nil {
		return false
	}
	if cb.DeliveryError != nil {
		return true
	}
	return cb.Message != nil && (cb.Message.Status == MessageStatusFailed || cb.Message.Status == MessageStatusUndelivered)
}

// callbackEnvelope accepts both the callback and the webhook forms.
type callbackEnvelope struct {
	Event     string          `json:"event"`
	EventName string          `json:"event_name"`
	Resource  string          `json:"resource"`
	Timestamp Timestamp       `json:"timestamp"`
	Token     string          `json:"token"`
	Data      json.RawMessage `json:"data"`
}

// ParseMessageCallback parses the body of a proxy-mode callback and checks
// its token against the configuration's token, in constant time. An empty
// token is an error (ErrNoWebhookTokens), never "accept anything"; a
// payload whose token differs fails with ErrInvalidWebhookToken, and a body
// that is not a JSON callback with ErrWebhookMalformed. The token is checked
// before the message is decoded.
//
// It accepts "event_name" or "event", message.updated or
// message.status_updated, and timestamps in milliseconds or seconds; see
// MessageCallback.DeliveryError for delivery failures such as 63016.
func ParseMessageCallback(payload []byte, token string) (*MessageCallback, error) {
	return parseMessageCallback(payload, []string{token})
}

func parseMessageCallback(payload []byte, tokens []string) (*MessageCallback, error) {
	var env callbackEnvelope
	if err := json.Unmarshal(payload, &env); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrWebhookMalformed, err)
	}
	if err := checkToken(env.Token, tokens); err != nil {
		return nil, err
	}
	cb := &MessageCallback{
		Event:     MessageCallbackEvent(env.EventName),
		Resource:  env.Resource,
		Timestamp: env.Timestamp,
		Token:     env.Token,
	}
	if cb.Event == "" {
		cb.Event = MessageCallbackEvent(env.Event)
	}
	if cb.Event == "" {
		return nil, fmt.Errorf("%w: no event_name or event", ErrWebhookMalformed)
	}
	data := bytes.TrimSpace(env.Data)
	if len(data) > 0 && !bytes.Equal(data, []byte("null")) {
		if data[0] != '{' {
			return nil, fmt.Errorf("%w: data is not an object", ErrWebhookMalformed)
		}
		cb.Data = env.Data
		msg, err := decodeCallbackMessage(data)
		if err != nil {
			return nil, fmt.Errorf("%w: data: %v", ErrWebhookMalformed, err)
		}
		cb.Message = msg
		cb.DeliveryError = findDeliveryError(data)
	}
	if cb.DeliveryError == nil {
		cb.DeliveryError = findDeliveryError(payload)
	}
	return cb, nil
}

// messageStringKeys are the keys of Message's string fields.
var messageStringKeys = func() map[string]bool {
	keys := map[string]bool{}
	t := reflect.TypeFor[Message]()
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Type.Kind() == reflect.String {
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			keys[name] = true
		}
	}
	return keys
}()

// decodeCallbackMessage decodes the data of a callback. Callback payloads
// are not documented and no retry follows a refusal, so a scalar of an
// unexpected type in a string field (one integration types external_number as an
// integer) is read as its text instead of failing the whole callback.
func decodeCallbackMessage(data []byte) (*Message, error) {
	var msg Message
	err := json.Unmarshal(data, &msg)
	if err == nil {
		return &msg, nil
	}
	var fields map[string]json.RawMessage
	if json.Unmarshal(data, &fields) != nil {
		return nil, err
	}
	changed := false
	for k, raw := range fields {
		raw = bytes.TrimSpace(raw)
		if !messageStringKeys[k] || len(raw) == 0 || raw[0] == '"' || raw[0] == '{' || raw[0] == '[' || bytes.Equal(raw, []byte("null")) {
			continue
		}
		text, merr := json.Marshal(string(raw)) // a number or a boolean, as written
		if merr != nil {
			return nil, err
		}
		fields[k] = text
		changed = true
	}
	if !changed {
		return nil, err
	}
	fixed, merr := json.Marshal(fields)
	if merr != nil {
		return nil, err
	}
	msg = Message{}
	if err := json.Unmarshal(fixed, &msg); err != nil {
		return nil, err
	}
	return &msg, nil
}

// findDeliveryError looks for an error code in the JSON object obj.
func findDeliveryError(obj []byte) *DeliveryError {
	var fields map[string]json.RawMessage
	if json.Unmarshal(obj, &fields) != nil {
		return nil
	}
	text := firstText(fields, "error_message", "errorMessage")
	for _, key := range []string{"error_code", "errorCode", "error", "errors"} {
		raw, ok := fields[key]
		if !ok {
			continue
		}
		if code, msg, ok := readErrorValue(raw); ok {
			if msg == "" {
				msg = text
			}
			if msg == "" && key != "error" && key != "errors" {
				msg = firstText(fields, "message", "description")
			}
			return &DeliveryError{Code: DeliveryErrorCode(code), Meaning: DeliveryErrorCode(code).Meaning(), Message: msg}
		}
	}
	return nil
}

// readErrorValue reads a code from a number, a numeric string, an object
// {code, message|title|description}, or the first such item of a list.
func readErrorValue(raw json.RawMessage) (int, string, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return 0, "", false
	}
	switch raw[0] {
	case '[':
		var items []json.RawMessage
		if json.Unmarshal(raw, &items) != nil {
			return 0, "", false
		}
		for _, it := range items {
			if code, msg, ok := readErrorValue(it); ok {
				return code, msg, true
			}
		}
		return 0, "", false
	case '{':
		var obj map[string]json.RawMessage
		if json.Unmarshal(raw, &obj) != nil {
			return 0, "", false
		}
		c, ok := obj["code"]
		if !ok {
			return 0, "", false
		}
		code, _, ok := readErrorValue(c)
		if !ok {
			return 0, "", false
		}
		return code, firstText(obj, "message", "title", "description", "details"), true
	}
	var s flexString
	if s.UnmarshalJSON(raw) != nil {
		return 0, "", false
	}
	code, err := strconv.Atoi(strings.TrimSpace(string(s)))
	if err != nil || code <= 0 {
		return 0, "", false
	}
	return code, "", true
}

func firstText(fields map[string]json.RawMessage, keys ...string) string {
	for _, k := range keys {
		var s string
		if raw, ok := fields[k]; ok && json.Unmarshal(raw, &s) == nil && s != "" {
			return s
		}
	}
	return ""
}

// MessageCallbackFunc handles one callback. Returning an error makes the
// handler answer 500.
type MessageCallbackFunc func(ctx context.Context, cb *MessageCallback) error

// MessageCallbackHandler is an http.Handler for the callback URL of numbers
// in proxy mode. Set Tokens, register a func per event with On, and mount it:
//
//	h := &aircall.MessageCallbackHandler{Tokens: []string{cfg.Token}}
//	h.On(aircall.MessageCallbackReceived, func(ctx context.Context, cb *aircall.MessageCallback) error { ... })
//	http.Handle("/aircall/messages", h)
//
// ServeHTTP answers 200 once the func returned nil (or when no func and no
// Fallback handle the event: it is acknowledged and dropped); 401 for a
// token not in Tokens; 400 for a body that is not a callback; 405 for a
// method other than POST; 413 for a body over 1 MiB; 415 for a non-JSON
// content type; 500 when the func fails or panics, or when Tokens is empty.
// It never panics. Aircall is said not to retry failed callbacks: keep
// what you need before doing slow work, and do that work asynchronously.
//
// Configure it before serving; On may also be called while serving.
type MessageCallbackHandler struct {
	// Tokens are the accepted tokens: the Token of each configuration whose
	// callbacks reach this handler (several during a rotation). Empty means
	// every callback is refused, never accepted.
	Tokens []string
	// Fallback handles events no On func was registered for; nil acknowledges them.
	Fallback MessageCallbackFunc
	// Logger, if set, receives a warning for every refused or failed callback
	// (never the token or the body).
	Logger *slog.Logger

	mu    sync.RWMutex
	funcs map[MessageCallbackEvent]MessageCallbackFunc
}

// On registers fn for event, replacing any earlier func; a nil fn removes
// it. message.updated and message.status_updated share one registration.
func (h *MessageCallbackHandler) On(event MessageCallbackEvent, fn MessageCallbackFunc) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if fn == nil {
		delete(h.funcs, event.canonical())
		return
	}
	if h.funcs == nil {
		h.funcs = map[MessageCallbackEvent]MessageCallbackFunc{}
	}
	h.funcs[event.canonical()] = fn
}

// ServeHTTP receives one callback; see MessageCallbackHandler for the statuses.
func (h *MessageCallbackHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	serveWebhook(w, r, h.Logger,
		func(body []byte) (*MessageCallback, error) { return parseMessageCallback(body, h.Tokens) },
		h.dispatch)
}

func (h *MessageCallbackHandler) dispatch(ctx context.Context, cb *MessageCallback) error {
	h.mu.RLock()
	fn := h.funcs[cb.Event.canonical()]
	h.mu.RUnlock()
	if fn == nil {
		fn = h.Fallback
	}
	if fn == nil {
		return nil
	}
	if err := fn(ctx, cb); err != nil {
		return fmt.Errorf("aircall: %s callback handler: %w", cb.Event, err)
	}
	return nil
}
