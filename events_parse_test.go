package aircall

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseWebhookPayload_errors(t *testing.T) {
	t.Parallel()
	valid := `{"resource":"call","event":"call.created","timestamp":1585001000,"token":"tok","data":{"id":1}}`
	tests := []struct {
		name    string
		payload string
		tokens  []string
		want    error
	}{
		{"no tokens configured", valid, nil, ErrNoWebhookTokens},
		{"only empty tokens configured", valid, []string{"", ""}, ErrNoWebhookTokens},
		{"wrong token", valid, []string{"other"}, ErrInvalidWebhookToken},
		{"token prefix", valid, []string{"to"}, ErrInvalidWebhookToken},
		{"token longer", valid, []string{"toke"}, ErrInvalidWebhookToken},
		{"token case", valid, []string{"TOK"}, ErrInvalidWebhookToken},
		{"missing token", `{"event":"call.created","data":{}}`, []string{"tok"}, ErrInvalidWebhookToken},
		{"empty token", `{"event":"call.created","token":"","data":{}}`, []string{"tok"}, ErrInvalidWebhookToken},
		{"token not a string", `{"event":"call.created","token":5}`, []string{"tok"}, ErrInvalidWebhookToken},
		{"token null", `{"event":"call.created","token":null}`, []string{"tok"}, ErrInvalidWebhookToken},
		// The token is checked before the rest of the payload is read.
		{"wrong token and bad event", `{"event":5,"token":"nope"}`, []string{"tok"}, ErrInvalidWebhookToken},
		{"not JSON", `{"event":`, []string{"tok"}, ErrWebhookMalformed},
		{"empty body", ``, []string{"tok"}, ErrWebhookMalformed},
		{"JSON null", `null`, []string{"tok"}, ErrWebhookMalformed},
		{"JSON array", `[{"token":"tok"}]`, []string{"tok"}, ErrWebhookMalformed},
		{"JSON string", `"tok"`, []string{"tok"}, ErrWebhookMalformed},
		{"trailing garbage", valid + `x`, []string{"tok"}, ErrWebhookMalformed},
		{"no event", `{"token":"tok","data":{}}`, []string{"tok"}, ErrWebhookMalformed},
		{"empty event", `{"event":"","token":"tok"}`, []string{"tok"}, ErrWebhookMalformed},
		{"event not a string", `{"event":["call.created"],"token":"tok"}`, []string{"tok"}, ErrWebhookMalformed},
		{"resource not a string", `{"event":"call.created","resource":{},"token":"tok"}`, []string{"tok"}, ErrWebhookMalformed},
	}
	for _, tt := range tests {
		e, err := ParseWebhookPayload([]byte(tt.payload), tt.tokens...)
		assert.ErrorIs(t, err, tt.want, tt.name)
		assert.Nil(t, e, tt.name)
		if err != nil {
			assert.NotContains(t, err.Error(), "tok\"", "%s: the token stays out of errors", tt.name)
		}
	}
}

func TestParseWebhookPayload_tokens(t *testing.T) {
	t.Parallel()
	p := []byte(`{"resource":"call","event":"call.created","timestamp":1585001000,"token":"new-token","data":{"id":1}}`)
	e, err := ParseWebhookPayload(p, "old-token", "new-token")
	require.NoError(t, err, "any configured token matches (rotation, several accounts)")
	assert.Equal(t, "new-token", e.Token)
	_, err = ParseWebhookPayload(p, "", "new-token")
	require.NoError(t, err, "empty entries are ignored")
}

func TestParseWebhookPayload_fields(t *testing.T) {
	t.Parallel()
	e, err := ParseWebhookPayload([]byte(` {"resource":"call","event":"call.created","timestamp":1585001000,"token":"tok","data":{"id":1}} `), "tok")
	require.NoError(t, err)
	assert.Equal(t, &WebhookEvent{
		Resource:  ResourceCall,
		Event:     EventCallCreated,
		Timestamp: Timestamp{time.Unix(1585001000, 0).UTC()},
		Token:     "tok",
		Data:      json.RawMessage(`{"id":1}`),
	}, e)
}

// Aircall adds events without notice: unknown names and resources parse,
// and anything after the token check is kept rather than refused.
func TestParseWebhookPayload_lenientOnceAuthenticated(t *testing.T) {
	t.Parallel()
	for _, p := range []string{
		`{"resource":"teleport","event":"teleport.started","timestamp":1,"token":"tok","data":{"x":[1,2]}}`,
		`{"event":"call.created","token":"tok"}`,                                   // no resource, timestamp nor data
		`{"event":"call.created","token":"tok","data":null,"timestamp":null}`,      // nulls
		`{"event":"call.created","token":"tok","data":[1],"timestamp":"garbage"}`,  // odd shapes
		`{"event":"call.created","token":"tok","extra":{"new":"field"},"data":{}}`, // new envelope keys
	} {
		e, err := ParseWebhookPayload([]byte(p), "tok")
		require.NoError(t, err, p)
		assert.NotEmpty(t, e.Event)
	}
	e, err := ParseWebhookPayload([]byte(`{"event":"call.created","token":"tok","data":null}`), "tok")
	require.NoError(t, err)
	assert.Nil(t, e.Data)
	_, err = e.Call()
	assert.ErrorContains(t, err, "has no data")
}

func TestParseWebhookPayloadUnverified(t *testing.T) {
	t.Parallel()
	e, err := ParseWebhookPayloadUnverified([]byte(`{"resource":"user","event":"user.created","token":"whatever","data":{"id":7}}`))
	require.NoError(t, err)
	assert.Equal(t, "whatever", e.Token)
	u, err := e.User()
	require.NoError(t, err)
	assert.Equal(t, int64(7), u.ID)

	e, err = ParseWebhookPayloadUnverified([]byte(`{"event":"user.created"}`))
	require.NoError(t, err, "no token needed")
	assert.Empty(t, e.Token)

	for _, p := range []string{`{"event":"user.created","token":5}`, `{"token":"x"}`, `[]`, `{`} {
		_, err := ParseWebhookPayloadUnverified([]byte(p))
		assert.ErrorIs(t, err, ErrWebhookMalformed, p)
	}
}

func TestParseWebhook_request(t *testing.T) {
	t.Parallel()
	body := string(loadFixture(t, "events/call.created.json"))
	tests := []struct {
		name, method, ct, body string
		want                   error
	}{
		{"ok", http.MethodPost, "application/json", body, nil},
		{"charset", http.MethodPost, "application/json; charset=utf-8", body, nil},
		{"no content type", http.MethodPost, "", body, nil},
		{"GET", http.MethodGet, "", "", ErrWebhookMethod},
		{"PUT", http.MethodPut, "application/json", body, ErrWebhookMethod},
		{"form", http.MethodPost, "application/x-www-form-urlencoded", "token=x", ErrWebhookContentType},
		{"too large", http.MethodPost, "application/json", `{"pad":"` + strings.Repeat("x", MaxWebhookBodySize) + `"}`, ErrWebhookTooLarge},
		{"bad token", http.MethodPost, "application/json", strings.Replace(body, fixtureToken, "forged", 1), ErrInvalidWebhookToken},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := httptest.NewRequest(tt.method, "/aircall/webhooks", strings.NewReader(tt.body))
			if tt.ct != "" {
				r.Header.Set("Content-Type", tt.ct)
			}
			e, err := ParseWebhook(r, fixtureToken)
			if tt.want != nil {
				assert.ErrorIs(t, err, tt.want)
				assert.Nil(t, e)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, EventCallCreated, e.Event)
		})
	}
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
	_, err := ParseWebhook(r)
	assert.ErrorIs(t, err, ErrNoWebhookTokens, "no tokens is an error, never accept-all")
}

func TestWebhookEvent_Age(t *testing.T) {
	t.Parallel()
	e := &WebhookEvent{Event: EventCallEnded, Timestamp: Timestamp{time.Unix(1585002050, 0)}}
	now := time.Unix(1585002050, 0).Add(90 * time.Second)
	assert.Equal(t, 90*time.Second, e.Age(now))
	assert.Equal(t, -10*time.Second, e.Age(time.Unix(1585002040, 0)), "a timestamp ahead of now is a negative age")
	assert.NoError(t, e.checkAge(now, 0), "zero MaxAge disables the check")
	assert.NoError(t, e.checkAge(now, 90*time.Second))
	err := e.checkAge(now, 89*time.Second)
	assert.ErrorIs(t, err, ErrWebhookTooOld)
	assert.ErrorContains(t, err, "call.ended event was built 1m30s ago")

	none := &WebhookEvent{Event: EventCallEnded}
	assert.Greater(t, none.Age(now), 100*365*24*time.Hour, "no timestamp is as old as it gets")
	assert.ErrorIs(t, none.checkAge(now, time.Hour), ErrWebhookTooOld)
}

func TestWebhookEvent_wrongResource(t *testing.T) {
	t.Parallel()
	userEvent := &WebhookEvent{Resource: ResourceUser, Event: EventUserCreated, Data: json.RawMessage(`{"id":1}`)}
	c, err := userEvent.Call()
	assert.Nil(t, c)
	var wr *WrongResourceError
	require.ErrorAs(t, err, &wr)
	assert.Equal(t, &WrongResourceError{Event: EventUserCreated, Resource: ResourceUser, Want: "Call", Has: "User", Accessor: "User"}, wr)
	assert.EqualError(t, err, "aircall: webhook event user.created carries a User, not a Call: use its User method")

	// The v2 user events carry the v2 User object.
	v2 := &WebhookEvent{Resource: ResourceUser, Event: EventUserCreatedV2, Data: json.RawMessage(`{"id":1}`)}
	_, err = v2.User()
	assert.EqualError(t, err, "aircall: webhook event user.created.v2 carries a UserV2, not a User: use its UserV2 method")

	// For a known event the name decides, whatever the resource says.
	odd := &WebhookEvent{Resource: "group_message", Event: EventGroupMessageSent, Data: json.RawMessage(`{"group_message_id":"g"}`)}
	g, err := odd.GroupMessage()
	require.NoError(t, err)
	assert.Equal(t, "g", g.GroupMessageID)

	// For an unknown event only the resource is checked.
	unknown := &WebhookEvent{Resource: ResourceCall, Event: "call.teleported", Data: json.RawMessage(`{"id":9,"novel":true}`)}
	c, err = unknown.Call()
	require.NoError(t, err)
	assert.Equal(t, int64(9), c.ID)
	_, err = unknown.User()
	assert.ErrorIs(t, err, ErrWrongResource)
	assert.EqualError(t, err, `aircall: webhook event call.teleported has resource "call": it does not carry a User`)

	eval := &WebhookEvent{Resource: ResourceConversationIntelligence, Event: EventCallEvaluationCreated, Data: json.RawMessage(`{}`)}
	_, err = eval.Transcription()
	assert.EqualError(t, err, "aircall: webhook event call_evaluation.created carries data the SDK does not model, not a Transcription: decode its Data")

	var nilEvent *WebhookEvent
	_, err = nilEvent.Call()
	assert.Error(t, err)
	assert.False(t, errors.Is(err, ErrWrongResource))
}

func TestWebhookEvent_dataOfTheWrongShape(t *testing.T) {
	t.Parallel()
	e := &WebhookEvent{Resource: ResourceCall, Event: EventCallEnded, Data: json.RawMessage(`{"id":"not a number"}`)}
	_, err := e.Call()
	assert.ErrorContains(t, err, "decoding the data of webhook event call.ended as a Call")
	var ute *json.UnmarshalTypeError
	assert.ErrorAs(t, err, &ute)
}

func TestWebhookEvent_ActionItemsList(t *testing.T) {
	t.Parallel()
	e, err := ParseWebhookPayload([]byte(`{"resource":"conversation_intelligence","event":"action_item.created","token":"t",`+
		`"data":{"call_id":123,"action_items":[{"id":1,"content":"a"},{"id":2,"content":"b"}]}}`), "t")
	require.NoError(t, err)
	items, err := e.ActionItems()
	require.NoError(t, err)
	assert.Equal(t, int64(123), items.CallID)
	require.Len(t, items.ActionItems, 2)
	assert.Equal(t, "b", items.ActionItems[1].Content)

	e.Data = json.RawMessage(`[1]`)
	_, err = e.ActionItems()
	assert.Error(t, err)
	e.Data = json.RawMessage(`{"id":"x"}`)
	_, err = e.ActionItems()
	assert.Error(t, err)
}

func TestWebhookEvent_MessageLenient(t *testing.T) {
	t.Parallel()
	e := &WebhookEvent{Resource: ResourceMessage, Event: EventMessageReceived,
		Data: json.RawMessage(`{"id":1779973182949,"external_number":33612345678,"body":"hi"}`)}
	m, err := e.Message()
	require.NoError(t, err)
	assert.Equal(t, "1779973182949", m.ID)
	assert.Equal(t, "33612345678", m.ExternalNumber)
	e.Data = json.RawMessage(`{"id":1,"body":{"text":"x"}}`)
	_, err = e.Message()
	assert.Error(t, err, "only scalars in text fields are read as text")
}

func TestWebhookEvent_tokenStaysOutOfOutput(t *testing.T) {
	t.Parallel()
	e := parseFixture(t, EventCallEnded)
	for _, s := range []string{fmt.Sprint(e), fmt.Sprintf("%v", *e), fmt.Sprintf("%+v", e), fmt.Sprintf("%#v", e)} {
		assert.NotContains(t, s, fixtureToken)
		assert.Contains(t, s, `Event:"call.ended"`)
		assert.Contains(t, s, "Token:[redacted]")
	}
	var logs bytes.Buffer
	slog.New(slog.NewTextHandler(&logs, nil)).Info("got", "event", e)
	assert.Contains(t, logs.String(), "event.resource=call event.event=call.ended event.timestamp=2020-03-23T22:20:50.000Z")
	assert.NotContains(t, logs.String(), fixtureToken)
	assert.Contains(t, fmt.Sprint(WebhookEvent{Event: "x"}), "Token:,", "no token shows as empty")
}
