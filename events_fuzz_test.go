package aircall

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/aircall-go/aircall/internal/fixture"
)

// FuzzParseWebhookPayload checks that no payload makes parsing panic, that
// only payloads carrying the configured token are accepted, that every
// refusal is one of the documented errors, that the accessors never panic on
// an accepted event, and that the handler answers a status it documents.
// Its seeds are every testdata/events fixture (run by go test), plus a few
// edge cases.
func FuzzParseWebhookPayload(f *testing.F) {
	files := fixture.Glob(f, "events/*.json")
	if len(files) == 0 {
		f.Fatal("no seed fixtures")
	}
	for _, rel := range files {
		f.Add(fixture.Load(f, rel))
	}
	for _, s := range []string{
		``, `null`, `{}`, `[]`, `"x"`, `{"token":"45XXYYZZa08"}`,
		`{"event":"x","token":"45XXYYZZa08","data":[]}`,
		`{"event":"x","token":"45XXYYZZa08","resource":"call","data":{"id":"1"}}`,
		`{"event":"call.ended","token":"45XXYYZZa08","timestamp":"99999999999999999999","data":{"started_at":-1e300}}`,
		`{"event":"action_item.created","token":"45XXYYZZa08","data":{"action_items":null}}`,
		`{"event":"message.received","token":"45XXYYZZa08","data":{"id":1e999}}`,
	} {
		f.Add([]byte(s))
	}
	accessors := map[string]bool{}
	for _, ev := range knownEvents {
		if ev.data.accessor != "" {
			accessors[ev.data.accessor] = true
		}
	}
	handler := &WebhookHandler{Tokens: []string{fixtureToken}, Fallback: func(_ context.Context, e *WebhookEvent) error {
		for name := range accessors {
			_ = reflect.ValueOf(e).MethodByName(name).Call(nil)
		}
		return nil
	}}

	f.Fuzz(func(t *testing.T, payload []byte) {
		e, err := ParseWebhookPayload(payload, fixtureToken)
		if err != nil {
			if e != nil {
				t.Fatal("an event returned together with an error")
			}
			if !errors.Is(err, ErrWebhookMalformed) && !errors.Is(err, ErrInvalidWebhookToken) {
				t.Fatalf("undocumented error: %v", err)
			}
			if strings.Contains(err.Error(), fixtureToken) {
				t.Fatal("the token leaked into an error")
			}
		} else {
			if e.Token != fixtureToken {
				t.Fatalf("accepted token %q", e.Token)
			}
			if e.Event == "" {
				t.Fatal("accepted an event without a name")
			}
			for name := range accessors {
				out := reflect.ValueOf(e).MethodByName(name).Call(nil)
				if out[1].IsNil() == out[0].IsNil() {
					t.Fatalf("%s: want exactly one of a value and an error", name)
				}
			}
		}

		// The unverified parse accepts a superset, with the same event.
		u, uerr := ParseWebhookPayloadUnverified(payload)
		if err == nil && (uerr != nil || !reflect.DeepEqual(e, u)) {
			t.Fatalf("unverified parse differs: %v", uerr)
		}

		// The handler answers 200 exactly for accepted events, 401 or 400 otherwise.
		if len(payload) > MaxWebhookBodySize {
			return
		}
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(string(payload)))
		w := httptest.NewRecorder()
		handler.ServeHTTP(w, r)
		switch {
		case err == nil && w.Code != http.StatusOK:
			t.Fatalf("accepted event answered %d", w.Code)
		case errors.Is(err, ErrInvalidWebhookToken) && w.Code != http.StatusUnauthorized:
			t.Fatalf("bad token answered %d", w.Code)
		case err != nil && !errors.Is(err, ErrInvalidWebhookToken) && w.Code != http.StatusBadRequest:
			t.Fatalf("malformed payload answered %d", w.Code)
		}
	})
}
