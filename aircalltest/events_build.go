package aircalltest

import (
	"encoding/json"
	"time"

	"github.com/aircall-go/aircall"
)

// EventPayload builds the body of a webhook event as Aircall POSTs it:
// {"resource", "event", "timestamp" (unix seconds), "token", "data"}. It is
// what the fake's own deliveries send; use it to craft events for a
// handler under test (aircall.ParseWebhook and aircall.WebhookHandler read
// it). data is encoded with encoding/json: pass a json.RawMessage for a
// byte-exact payload (SDK models write their times as RFC 3339 text, which
// the SDK's parsers accept too).
func EventPayload(resource string, event aircall.EventType, data any, token string, at time.Time) ([]byte, error) {
	raw, err := json.Marshal(data)
	if err != nil {
		return nil, err
	}
	return json.Marshal(struct {
		Resource  string          `json:"resource"`
		Event     string          `json:"event"`
		Timestamp int64           `json:"timestamp"`
		Token     string          `json:"token"`
		Data      json.RawMessage `json:"data"`
	}{resource, string(event), at.Unix(), token, raw})
}

// CallbackPayload builds the body of a proxy-mode messaging callback, as
// Aircall POSTs it to the callbackUrl of a number configured with
// Messaging.Configure or WhatsApp.RegisterLine: {"event_name", "timestamp"
// (unix milliseconds), "token", "data"}. aircall.ParseMessageCallback
// reads it.
func CallbackPayload(event aircall.MessageCallbackEvent, data any, token string, at time.Time) ([]byte, error) {
	raw, err := json.Marshal(data)
	if err != nil {
		return nil, err
	}
	return json.Marshal(struct {
		EventName string          `json:"event_name"`
		Timestamp int64           `json:"timestamp"`
		Token     string          `json:"token"`
		Data      json.RawMessage `json:"data"`
	}{string(event), at.UnixMilli(), token, raw})
}
