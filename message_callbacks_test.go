package aircall

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aircall-go/aircall/internal/fixture"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	smsToken = "4d2f1c0a9b8e7d6c5b4a3f2e1d0c9b8a"
	waToken  = "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d"
)

// The message inside every callback fixture must be fully modelled.
func TestCallbackFixtures_dataDecodesStrictly(t *testing.T) {
	t.Parallel()
	files := fixture.Glob(t, "callbacks/*.json")
	require.NotEmpty(t, files)
	for _, f := range files {
		var env struct {
			Data json.RawMessage `json:"data"`
		}
		require.NoError(t, json.Unmarshal(loadFixture(t, f), &env), f)
		var wire struct {
			Message
			// error_code / error_message are read by findDeliveryError, not modelled on Message.
			ErrorCode    json.RawMessage `json:"error_code"`
			ErrorMessage json.RawMessage `json:"error_message"`
		}
		assert.NoError(t, fixture.DecodeStrict(env.Data, &wire), f)
	}
}

func TestParseMessageCallback_smsReceived(t *testing.T) {
	t.Parallel()
	cb, err := ParseMessageCallback(loadFixture(t, "callbacks/sms_received.json"), smsToken)
	require.NoError(t, err)
	assert.Equal(t, MessageCallbackReceived, cb.Event)
	assert.False(t, cb.Event.IsStatusUpdate())
	assert.True(t, cb.Timestamp.Equal(time.UnixMilli(1722758305112)), "timestamp in milliseconds: %s", cb.Timestamp)
	require.NotNil(t, cb.Message)
	assert.Equal(t, MessageInbound, cb.Message.Direction)
	assert.Equal(t, "+13023063029", cb.Message.ExternalNumber)
	assert.Equal(t, MessageStatusReceived, cb.Message.Status)
	require.Len(t, cb.Message.MediaDetails, 1)
	assert.Equal(t, "image/jpeg", cb.Message.MediaDetails[0].FileType)
	assert.Equal(t, MessageChannelSMS, cb.Message.Channel)
	assert.Nil(t, cb.DeliveryError)
	assert.False(t, cb.Failed())
	assert.JSONEq(t, string(mustRaw(t, "callbacks/sms_received.json", "data")), string(cb.Data))
}

func TestParseMessageCallback_smsUpdated(t *testing.T) {
	t.Parallel()
	cb, err := ParseMessageCallback(loadFixture(t, "callbacks/sms_updated.json"), smsToken)
	require.NoError(t, err)
	assert.Equal(t, MessageCallbackUpdated, cb.Event)
	assert.True(t, cb.Event.IsStatusUpdate())
	assert.Equal(t, MessageStatusDelivered, cb.Message.Status)
	assert.False(t, cb.Failed())
}

func TestParseMessageCallback_whatsAppWindowExpired(t *testing.T) {
	t.Parallel()
	cb, err := ParseMessageCallback(loadFixture(t, "callbacks/whatsapp_window_expired.json"), waToken)
	require.NoError(t, err)
	assert.Equal(t, MessageCallbackStatusUpdated, cb.Event, "the webhook-style event key is read too")
	assert.True(t, cb.Event.IsStatusUpdate())
	assert.Equal(t, "message", cb.Resource)
	assert.True(t, cb.Timestamp.Equal(time.Unix(1722758410, 0)), "timestamp in seconds: %s", cb.Timestamp)
	assert.Equal(t, MessageChannelWhatsApp, cb.Message.Channel)
	assert.Equal(t, WhatsAppMessageRegular, cb.Message.WhatsAppMessageType)
	require.NotNil(t, cb.DeliveryError)
	assert.Equal(t, DeliveryErrorOutsideWindow, cb.DeliveryError.Code)
	assert.Contains(t, cb.DeliveryError.Meaning, "24-hour")
	assert.Contains(t, cb.DeliveryError.Message, "24-hour conversation window")
	assert.True(t, cb.Failed())
	assert.Contains(t, cb.DeliveryError.Error(), "63016")
}

func mustRaw(t *testing.T, rel, key string) json.RawMessage {
	t.Helper()
	var m map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(loadFixture(t, rel), &m))
	return m[key]
}

func TestParseMessageCallback_errors(t *testing.T) {
	t.Parallel()
	valid := `{"event_name":"message.received","timestamp":1722758305112,"token":"tok","data":{"id":"a","status":"received"}}`
	tests := []struct {
		name    string
		payload string
		token   string
		want    error
	}{
		{"empty configured token", valid, "", ErrNoWebhookTokens},
		{"wrong token", valid, "other", ErrInvalidWebhookToken},
		{"token prefix", valid, "to", ErrInvalidWebhookToken},
		{"missing token", `{"event_name":"message.received","data":{}}`, "tok", ErrInvalidWebhookToken},
		{"not JSON", `{"event_name":`, "tok", ErrWebhookMalformed},
		{"empty body", ``, "tok", ErrWebhookMalformed},
		{"JSON array", `[]`, "tok", ErrWebhookMalformed},
		{"token not a string", `{"token":5}`, "tok", ErrWebhookMalformed},
		{"no event", `{"token":"tok","data":{}}`, "tok", ErrWebhookMalformed},
		{"data not an object", `{"event_name":"message.received","token":"tok","data":"x"}`, "tok", ErrWebhookMalformed},
		{"data of the wrong shape", `{"event_name":"message.received","token":"tok","data":{"body":{"x":5}}}`, "tok", ErrWebhookMalformed},
		// The token is checked before the message is decoded.
		{"wrong token and bad data", `{"event_name":"message.received","token":"nope","data":{"body":[5]}}`, "tok", ErrInvalidWebhookToken},
	}
	for _, tt := range tests {
		cb, err := ParseMessageCallback([]byte(tt.payload), tt.token)
		assert.ErrorIs(t, err, tt.want, tt.name)
		assert.Nil(t, cb, tt.name)
		if err != nil {
			assert.NotContains(t, err.Error(), "tok\"", tt.name)
		}
	}
	cb, err := ParseMessageCallback([]byte(valid), "tok")
	require.NoError(t, err)
	assert.Equal(t, "a", cb.Message.ID)
}

func TestParseMessageCallback_numericStrings(t *testing.T) {
	t.Parallel()
	p := `{"event_name":"message.received","token":"t","data":{"id":1779973182949,"external_number":33612345678,
		"raw_digits":33612345678,"body":"hi","number":{"id":1284757,"name":"Support Line"}}}`
	cb, err := ParseMessageCallback([]byte(p), "t")
	require.NoError(t, err)
	assert.Equal(t, "1779973182949", cb.Message.ID)
	assert.Equal(t, "33612345678", cb.Message.ExternalNumber)
	assert.Equal(t, "33612345678", cb.Message.RawDigits)
	assert.Equal(t, "hi", cb.Message.Body)
	assert.Equal(t, int64(1284757), cb.Message.Number.ID)

	// Only scalars in string fields are read as text: other mismatches still fail.
	for _, bad := range []string{
		`{"event_name":"message.received","token":"t","data":{"id":1,"body":{"text":"x"}}}`,
		`{"event_name":"message.received","token":"t","data":{"id":1,"number":{"id":"x"}}}`,
		`{"event_name":"message.received","token":"t","data":{"id":1,"media_details":5}}`,
	} {
		_, err := ParseMessageCallback([]byte(bad), "t")
		assert.ErrorIs(t, err, ErrWebhookMalformed, bad)
	}
}

func TestParseMessageCallback_noData(t *testing.T) {
	t.Parallel()
	for _, p := range []string{
		`{"event_name":"message.updated","token":"tok"}`,
		`{"event_name":"message.updated","token":"tok","data":null}`,
	} {
		cb, err := ParseMessageCallback([]byte(p), "tok")
		require.NoError(t, err, p)
		assert.Nil(t, cb.Message)
		assert.Nil(t, cb.Data)
		assert.False(t, cb.Failed())
	}
}

func TestParseMessageCallback_eventNamePreferred(t *testing.T) {
	t.Parallel()
	cb, err := ParseMessageCallback([]byte(`{"event":"message.status_updated","event_name":"message.updated","token":"t"}`), "t")
	require.NoError(t, err)
	assert.Equal(t, MessageCallbackUpdated, cb.Event)
}

func TestFindDeliveryError_forms(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		data    string
		code    DeliveryErrorCode
		message string
	}{
		{"error_code number", `{"error_code":63016}`, 63016, ""},
		{"errorCode string", `{"errorCode":"131048","errorMessage":"spam"}`, 131048, "spam"},
		{"error number", `{"error":131045}`, 131045, ""},
		{"error object", `{"error":{"code":131000,"title":"Something went wrong"}}`, 131000, "Something went wrong"},
		{"error object string code", `{"error":{"code":"63016","message":"window"}}`, 63016, "window"},
		{"errors list", `{"errors":[{"title":"no code"},{"code":131048,"description":"spam limit"}]}`, 131048, "spam limit"},
		{"error_code with sibling message", `{"error_code":4711,"message":"carrier says no"}`, 4711, "carrier says no"},
		{"none", `{"status":"failed"}`, 0, ""},
		{"zero code", `{"error_code":0}`, 0, ""},
		{"negative code", `{"error_code":-5}`, 0, ""},
		{"text code", `{"error_code":"timeout"}`, 0, ""},
		{"error text only", `{"error":"something"}`, 0, ""},
		{"error object without code", `{"error":{"message":"x"}}`, 0, ""},
		{"null error", `{"error":null}`, 0, ""},
		{"broken list", `{"errors":[1,"x",null,{}]}`, 1, ""},
	}
	for _, tt := range tests {
		de := findDeliveryError([]byte(tt.data))
		if tt.code == 0 {
			assert.Nil(t, de, tt.name)
			continue
		}
		require.NotNil(t, de, tt.name)
		assert.Equal(t, tt.code, de.Code, tt.name)
		assert.Equal(t, tt.message, de.Message, tt.name)
		assert.Equal(t, tt.code.Meaning(), de.Meaning, tt.name)
	}
	assert.Nil(t, findDeliveryError([]byte(`not json`)))
}

func TestParseMessageCallback_envelopeLevelError(t *testing.T) {
	t.Parallel()
	p := `{"event_name":"message.updated","token":"t","error":{"code":131048,"message":"spam"},"data":{"id":"x","status":"failed"}}`
	cb, err := ParseMessageCallback([]byte(p), "t")
	require.NoError(t, err)
	require.NotNil(t, cb.DeliveryError)
	assert.Equal(t, DeliveryErrorSpamRateLimit, cb.DeliveryError.Code)
}

func TestMessageCallback_Failed(t *testing.T) {
	t.Parallel()
	var nilCB *MessageCallback
	assert.False(t, nilCB.Failed())
	assert.True(t, (&MessageCallback{Message: &Message{Status: MessageStatusFailed}}).Failed())
	assert.True(t, (&MessageCallback{Message: &Message{Status: MessageStatusUndelivered}}).Failed())
	assert.False(t, (&MessageCallback{Message: &Message{Status: MessageStatusDelivered}}).Failed())
	assert.True(t, (&MessageCallback{DeliveryError: &DeliveryError{Code: 1}}).Failed())
}

func TestDeliveryErrorCode_Meaning(t *testing.T) {
	t.Parallel()
	for _, c := range []DeliveryErrorCode{DeliveryErrorOutsideWindow, DeliveryErrorSpamRateLimit, DeliveryErrorRegistration, DeliveryErrorUnknown} {
		assert.NotEmpty(t, c.Meaning(), c)
	}
	assert.Empty(t, DeliveryErrorCode(1).Meaning())
	de := &DeliveryError{Code: 1}
	assert.Equal(t, "aircall: message not delivered: error 1", de.Error())
}

func newCallbackRequest(method, contentType, body string) *http.Request {
	r := httptest.NewRequest(method, "/aircall/messages", strings.NewReader(body))
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	return r
}

func TestMessageCallbackHandler_statuses(t *testing.T) {
	t.Parallel()
	received := string(loadFixture(t, "callbacks/sms_received.json"))
	tests := []struct {
		name, method, ct, body string
		want                   int
	}{
		{"ok", "POST", "application/json", received, 200},
		{"charset", "POST", "application/json; charset=utf-8", received, 200},
		{"bad token", "POST", "application/json", strings.Replace(received, smsToken, "nope", 1), 401},
		{"malformed", "POST", "application/json", `{"event_name":`, 400},
		{"no event", "POST", "application/json", `{"token":"` + smsToken + `"}`, 400},
		{"GET", "GET", "", ``, 405},
		{"form", "POST", "application/x-www-form-urlencoded", `token=x`, 415},
		{"too large", "POST", "application/json", `{"token":"` + smsToken + `","pad":"` + strings.Repeat("x", MaxWebhookBodySize) + `"}`, 413},
		{"handler error", "POST", "application/json", strings.Replace(received, "Yes, tomorrow", "fail", 1), 500},
		{"handler panic", "POST", "application/json", strings.Replace(received, "Yes, tomorrow", "panic", 1), 500},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var logs bytes.Buffer
			h := &MessageCallbackHandler{Tokens: []string{"old-token", smsToken}, Logger: slog.New(slog.NewTextHandler(&logs, nil))}
			h.On(MessageCallbackReceived, func(ctx context.Context, cb *MessageCallback) error {
				switch {
				case strings.HasPrefix(cb.Message.Body, "fail"):
					return errors.New("database down")
				case strings.HasPrefix(cb.Message.Body, "panic"):
					panic("boom")
				}
				return nil
			})
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, newCallbackRequest(tt.method, tt.ct, tt.body))
			assert.Equal(t, tt.want, rec.Code)
			if tt.want == 405 {
				assert.Equal(t, "POST", rec.Header().Get("Allow"))
			}
			if tt.want != 200 {
				assert.NotEmpty(t, logs.String(), "refusals are logged")
			}
			assert.NotContains(t, logs.String(), smsToken, "tokens stay out of logs")
		})
	}
}

func TestMessageCallbackHandler_routing(t *testing.T) {
	t.Parallel()
	var got []string
	h := &MessageCallbackHandler{Tokens: []string{"t"}}
	h.On(MessageCallbackStatusUpdated, func(ctx context.Context, cb *MessageCallback) error {
		got = append(got, "update:"+string(cb.Event))
		return nil
	})
	h.On(MessageCallbackReceived, func(ctx context.Context, cb *MessageCallback) error {
		got = append(got, "received")
		return nil
	})
	serve := func(event, key string) int {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, newCallbackRequest("POST", "application/json", `{"`+key+`":"`+event+`","token":"t","data":{"id":"1"}}`))
		return rec.Code
	}
	assert.Equal(t, 200, serve("message.updated", "event_name"))
	assert.Equal(t, 200, serve("message.status_updated", "event"))
	assert.Equal(t, 200, serve("message.received", "event_name"))
	assert.Equal(t, 200, serve("message.sent", "event"), "unhandled events are acknowledged")
	assert.Equal(t, []string{"update:message.updated", "update:message.status_updated", "received"}, got)

	h.Fallback = func(ctx context.Context, cb *MessageCallback) error {
		got = append(got, "fallback:"+string(cb.Event))
		return nil
	}
	assert.Equal(t, 200, serve("group_message.sent", "event"))
	assert.Equal(t, "fallback:group_message.sent", got[len(got)-1])

	h.On(MessageCallbackUpdated, nil) // removes both names
	assert.Equal(t, 200, serve("message.status_updated", "event_name"))
	assert.Equal(t, "fallback:message.status_updated", got[len(got)-1])

	h.Fallback = func(context.Context, *MessageCallback) error { return errors.New("no") }
	assert.Equal(t, 500, serve("message.sent", "event"), "a failing Fallback answers 500")
}

func TestMessageCallbackHandler_requestContext(t *testing.T) {
	t.Parallel()
	type key struct{}
	var seen atomic.Value
	h := &MessageCallbackHandler{Tokens: []string{"t"}}
	h.On(MessageCallbackReceived, func(ctx context.Context, cb *MessageCallback) error {
		seen.Store(ctx.Value(key{}))
		return nil
	})
	req := newCallbackRequest("POST", "", `{"event_name":"message.received","token":"t"}`)
	req = req.WithContext(context.WithValue(req.Context(), key{}, "v"))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	assert.Equal(t, 200, rec.Code)
	assert.Equal(t, "v", seen.Load())
}

func TestMessageCallbackHandler_noTokens(t *testing.T) {
	t.Parallel()
	called := false
	for _, h := range []*MessageCallbackHandler{{}, {Tokens: []string{""}}} {
		h.Fallback = func(context.Context, *MessageCallback) error { called = true; return nil }
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, newCallbackRequest("POST", "application/json", `{"event_name":"message.received","token":""}`))
		assert.Equal(t, http.StatusInternalServerError, rec.Code, "no tokens is a configuration error, never accept-all")
	}
	assert.False(t, called)
}

func TestMessageCallbackHandler_concurrentOn(t *testing.T) {
	t.Parallel()
	h := &MessageCallbackHandler{Tokens: []string{"t"}}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range 50 {
			h.On(MessageCallbackReceived, func(context.Context, *MessageCallback) error { return nil })
		}
	}()
	for range 20 {
		resp, err := http.Post(srv.URL, "application/json", strings.NewReader(`{"event_name":"message.received","token":"t"}`))
		require.NoError(t, err)
		_ = resp.Body.Close()
		assert.Equal(t, 200, resp.StatusCode)
	}
	<-done
}

func FuzzParseMessageCallback(f *testing.F) {
	for _, rel := range fixture.Glob(f, "callbacks/*.json") {
		f.Add(fixture.Load(f, rel), smsToken)
		f.Add(fixture.Load(f, rel), waToken)
	}
	f.Add([]byte(`{"event":"message.status_updated","token":"t","data":{"error":{"code":"63016"}}}`), "t")
	f.Add([]byte(`{"event_name":"x","token":"t","errors":[[],{"code":1e3}]}`), "t")
	f.Fuzz(func(t *testing.T, payload []byte, token string) {
		cb, err := ParseMessageCallback(payload, token)
		if err != nil {
			assert.Nil(t, cb)
			assert.True(t, errors.Is(err, ErrWebhookMalformed) || errors.Is(err, ErrInvalidWebhookToken) || errors.Is(err, ErrNoWebhookTokens), "unexpected error kind: %v", err)
			return
		}
		require.NotNil(t, cb)
		assert.NotEmpty(t, token)
		assert.Equal(t, token, cb.Token)
		assert.NotEmpty(t, cb.Event)
		assert.Equal(t, cb.Message != nil, cb.Data != nil)
		if cb.DeliveryError != nil {
			assert.Positive(t, int(cb.DeliveryError.Code))
		}
	})
}
