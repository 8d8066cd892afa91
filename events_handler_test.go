package aircall

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// postEvent sends body to h and returns the recorded answer.
func postEvent(t *testing.T, h http.Handler, ctx context.Context, body string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(http.MethodPost, "/aircall/webhooks", strings.NewReader(body)).WithContext(ctx)
	r.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// eventBody builds a payload for event with the fixture token.
func eventBody(event EventType, resource string) string {
	return fmt.Sprintf(`{"resource":%q,"event":%q,"timestamp":1585002050,"token":%q,"data":{"id":812}}`, resource, event, fixtureToken)
}

func TestWebhookHandler_statuses(t *testing.T) {
	t.Parallel()
	ended := string(loadFixture(t, "events/call.ended.json"))
	tests := []struct {
		name, method, ct, body string
		want                   int
	}{
		{"handled", "POST", "application/json", ended, http.StatusOK},
		{"unhandled event acknowledged", "POST", "application/json", eventBody(EventCallHold, ResourceCall), http.StatusOK},
		{"unknown event acknowledged", "POST", "application/json", eventBody("call.teleported", "call"), http.StatusOK},
		{"no content type", "POST", "", ended, http.StatusOK},
		{"bad token", "POST", "application/json", strings.Replace(ended, fixtureToken, "forged", 1), http.StatusUnauthorized},
		{"no token", "POST", "application/json", `{"event":"call.ended","data":{}}`, http.StatusUnauthorized},
		{"malformed JSON", "POST", "application/json", `{"event":"call.ended",`, http.StatusBadRequest},
		{"empty body", "POST", "application/json", ``, http.StatusBadRequest},
		{"no event name", "POST", "application/json", `{"token":"` + fixtureToken + `"}`, http.StatusBadRequest},
		{"GET", "GET", "", ``, http.StatusMethodNotAllowed},
		{"HEAD", "HEAD", "", ``, http.StatusMethodNotAllowed},
		{"form", "POST", "application/x-www-form-urlencoded", `token=` + fixtureToken, http.StatusUnsupportedMediaType},
		{"too large", "POST", "application/json", `{"pad":"` + strings.Repeat("x", MaxWebhookBodySize) + `"}`, http.StatusRequestEntityTooLarge},
		{"func error", "POST", "application/json", eventBody(EventCallAnswered, ResourceCall), http.StatusInternalServerError},
		{"func panic", "POST", "application/json", eventBody(EventCallHungUp, ResourceCall), http.StatusInternalServerError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var logs bytes.Buffer
			h := &WebhookHandler{Tokens: []string{fixtureToken}, Logger: slog.New(slog.NewTextHandler(&logs, nil))}
			h.On(EventCallEnded, func(context.Context, *WebhookEvent) error { return nil })
			h.On(EventCallAnswered, func(context.Context, *WebhookEvent) error { return errors.New("database down") })
			h.On(EventCallHungUp, func(context.Context, *WebhookEvent) error { panic("boom") })
			r := httptest.NewRequest(tt.method, "/aircall/webhooks", strings.NewReader(tt.body))
			if tt.ct != "" {
				r.Header.Set("Content-Type", tt.ct)
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			assert.Equal(t, tt.want, w.Code)
			if tt.want == http.StatusMethodNotAllowed {
				assert.Equal(t, http.MethodPost, w.Header().Get("Allow"))
			}
			if tt.want != http.StatusOK {
				assert.Contains(t, logs.String(), "aircall webhook refused or failed")
			}
			assert.NotContains(t, logs.String(), fixtureToken, "tokens stay out of logs")
			assert.NotContains(t, w.Body.String(), fixtureToken, "tokens stay out of answers")
		})
	}
}

func TestWebhookHandler_errorsAreLogged(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	h := &WebhookHandler{Tokens: []string{fixtureToken}, Logger: slog.New(slog.NewTextHandler(&logs, nil))}
	h.On(EventCallAnswered, func(context.Context, *WebhookEvent) error { return errors.New("database down") })
	w := postEvent(t, h, t.Context(), eventBody(EventCallAnswered, ResourceCall))
	assert.Equal(t, http.StatusInternalServerError, w.Code)
	assert.Contains(t, logs.String(), "call.answered webhook handler: database down")
	assert.NotContains(t, w.Body.String(), "database down", "internal errors stay out of answers")
}

func TestWebhookHandler_noTokensRefusesEverything(t *testing.T) {
	t.Parallel()
	for _, tokens := range [][]string{nil, {}, {""}} {
		called := false
		h := &WebhookHandler{Tokens: tokens, Fallback: func(context.Context, *WebhookEvent) error { called = true; return nil }}
		w := postEvent(t, h, t.Context(), eventBody(EventCallEnded, ResourceCall))
		assert.Equal(t, http.StatusInternalServerError, w.Code, "a configuration error, never accept-all")
		assert.False(t, called)
	}
	var zero WebhookHandler
	w := postEvent(t, &zero, t.Context(), eventBody(EventCallEnded, ResourceCall))
	assert.Equal(t, http.StatusInternalServerError, w.Code, "the zero handler refuses too")
}

func TestWebhookHandler_dispatch(t *testing.T) {
	t.Parallel()
	var got []string
	h := &WebhookHandler{Tokens: []string{"other", fixtureToken}}
	record := func(tag string) WebhookFunc {
		return func(_ context.Context, e *WebhookEvent) error {
			got = append(got, tag+":"+string(e.Event))
			return nil
		}
	}
	h.On(EventCallEnded, record("ended"))
	h.On(EventUserCreated, record("user"))
	h.On(EventUserCreated, record("user2")) // replaces
	h.Fallback = record("fallback")

	for _, body := range []string{
		string(loadFixture(t, "events/call.ended.json")),
		string(loadFixture(t, "events/user.created.json")),
		string(loadFixture(t, "events/number.closed.json")),
		eventBody("call.teleported", "call"),
	} {
		require.Equal(t, http.StatusOK, postEvent(t, h, t.Context(), body).Code)
	}
	assert.Equal(t, []string{"ended:call.ended", "user2:user.created", "fallback:number.closed", "fallback:call.teleported"}, got)

	h.On(EventCallEnded, nil) // removes
	got = nil
	postEvent(t, h, t.Context(), eventBody(EventCallEnded, ResourceCall))
	assert.Equal(t, []string{"fallback:call.ended"}, got)

	h.Fallback = nil
	got = nil
	assert.Equal(t, http.StatusOK, postEvent(t, h, t.Context(), eventBody(EventCallEnded, ResourceCall)).Code)
	assert.Empty(t, got, "without func nor fallback the event is acknowledged and dropped")
}

func TestWebhookHandler_funcGetsTheEventAndRequestContext(t *testing.T) {
	t.Parallel()
	type ctxKey struct{}
	ctx, cancel := context.WithCancel(context.WithValue(t.Context(), ctxKey{}, "request-scoped"))
	defer cancel()
	var seen *WebhookEvent
	h := &WebhookHandler{Tokens: []string{fixtureToken}}
	h.On(EventCallEnded, func(fctx context.Context, e *WebhookEvent) error {
		if fctx.Value(ctxKey{}) != "request-scoped" {
			return errors.New("not the request's context")
		}
		cancel() // the func sees the request's cancellation
		if fctx.Err() == nil {
			return errors.New("cancellation not propagated")
		}
		seen = e
		return nil
	})
	w := postEvent(t, h, ctx, string(loadFixture(t, "events/call.ended.json")))
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	require.NotNil(t, seen)
	c, err := seen.Call()
	require.NoError(t, err)
	assert.Equal(t, int64(812), c.ID)
}

func TestWebhookHandler_MaxAge(t *testing.T) {
	t.Parallel()
	built := time.Unix(1585002050, 0) // the timestamp of events/call.ended.json
	ended := string(loadFixture(t, "events/call.ended.json"))
	tests := []struct {
		name string
		now  time.Time
		body string
		want int
	}{
		{"fresh", built.Add(4 * time.Minute), ended, http.StatusOK},
		{"exactly MaxAge", built.Add(5 * time.Minute), ended, http.StatusOK},
		{"clock behind the sender", built.Add(-time.Minute), ended, http.StatusOK},
		{"too old", built.Add(5*time.Minute + time.Second), ended, http.StatusBadRequest},
		{"no timestamp", built, `{"event":"call.ended","token":"` + fixtureToken + `","data":{}}`, http.StatusBadRequest},
		{"bad token wins over age", built.Add(time.Hour), strings.Replace(ended, fixtureToken, "forged", 1), http.StatusUnauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var logs bytes.Buffer
			called := false
			h := &WebhookHandler{
				Tokens: []string{fixtureToken}, MaxAge: 5 * time.Minute, Now: func() time.Time { return tt.now },
				Logger: slog.New(slog.NewTextHandler(&logs, nil)),
			}
			h.On(EventCallEnded, func(context.Context, *WebhookEvent) error { called = true; return nil })
			w := postEvent(t, h, t.Context(), tt.body)
			assert.Equal(t, tt.want, w.Code)
			assert.Equal(t, tt.want == http.StatusOK, called)
			if tt.want == http.StatusBadRequest {
				assert.Contains(t, logs.String(), ErrWebhookTooOld.Error())
			}
		})
	}

	// Without Now, the real clock is used: the 2020 fixture is too old.
	h := &WebhookHandler{Tokens: []string{fixtureToken}, MaxAge: 24 * time.Hour}
	assert.Equal(t, http.StatusBadRequest, postEvent(t, h, t.Context(), ended).Code)
	h.MaxAge = 0
	assert.Equal(t, http.StatusOK, postEvent(t, h, t.Context(), ended).Code, "zero MaxAge disables the check")
}

// On may be called while events are served (run with -race).
func TestWebhookHandler_concurrentUse(t *testing.T) {
	t.Parallel()
	h := &WebhookHandler{Tokens: []string{fixtureToken}}
	var handled atomic.Int64
	h.Fallback = func(context.Context, *WebhookEvent) error { handled.Add(1); return nil }
	events := EventTypes()
	var wg sync.WaitGroup
	const workers, perWorker = 8, 40
	for i := range workers {
		wg.Go(func() {
			for j := range perWorker {
				ev := events[(i*perWorker+j)%len(events)]
				if j%4 == 0 {
					h.On(ev, func(context.Context, *WebhookEvent) error { handled.Add(1); return nil })
				}
				if j%7 == 0 {
					h.On(ev, nil)
				}
				w := postEvent(t, h, context.Background(), eventBody(ev, ev.Resource()))
				assert.Equal(t, http.StatusOK, w.Code)
			}
		})
	}
	wg.Wait()
	assert.Equal(t, int64(workers*perWorker), handled.Load(), "every event reached a func exactly once")
}

func TestWebhookHandler_isAnHTTPHandler(t *testing.T) {
	t.Parallel()
	h := &WebhookHandler{Tokens: []string{fixtureToken}}
	var got atomic.Value
	h.On(EventContactCreated, func(_ context.Context, e *WebhookEvent) error {
		c, err := e.Contact()
		if err != nil {
			return err
		}
		got.Store(c.ID)
		return nil
	})
	mux := http.NewServeMux()
	mux.Handle("/aircall/webhooks", h)
	url := newServer(t, mux)
	resp, err := http.Post(url+"/aircall/webhooks", "application/json", bytes.NewReader(loadFixture(t, "events/contact.created.json")))
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, int64(710), got.Load())
}
