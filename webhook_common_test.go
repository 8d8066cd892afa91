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
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheckToken(t *testing.T) {
	t.Parallel()
	assert.NoError(t, checkToken("abc", []string{"abc"}))
	assert.NoError(t, checkToken("def", []string{"abc", "def"}), "any configured token matches (rotation)")
	assert.ErrorIs(t, checkToken("abd", []string{"abc"}), ErrInvalidWebhookToken)
	assert.ErrorIs(t, checkToken("ab", []string{"abc"}), ErrInvalidWebhookToken)
	assert.ErrorIs(t, checkToken("", []string{"abc"}), ErrInvalidWebhookToken)
	assert.ErrorIs(t, checkToken("abc", nil), ErrNoWebhookTokens, "no tokens is an error, never accept-all")
	assert.ErrorIs(t, checkToken("", []string{""}), ErrNoWebhookTokens)
	assert.ErrorIs(t, checkToken("abc", []string{"", ""}), ErrNoWebhookTokens)
}

type testEvent struct {
	Token string `json:"token"`
	Kind  string `json:"kind"`
}

func testParse(tokens []string) func([]byte) (*testEvent, error) {
	return func(b []byte) (*testEvent, error) {
		var ev testEvent
		if err := json.Unmarshal(b, &ev); err != nil {
			return nil, errors.Join(ErrWebhookMalformed, err)
		}
		if err := checkToken(ev.Token, tokens); err != nil {
			return nil, err
		}
		return &ev, nil
	}
}

func TestServeWebhook_statuses(t *testing.T) {
	t.Parallel()
	ctxKey := struct{ name string }{"k"}
	dispatch := func(ctx context.Context, ev *testEvent) error {
		switch ev.Kind {
		case "fail":
			return errors.New("database down")
		case "panic":
			panic("boom")
		case "ctx":
			if ctx.Value(ctxKey) != "v" {
				return errors.New("not the request context")
			}
		}
		return nil
	}
	tests := []struct {
		name, method, ct, body string
		want                   int
	}{
		{"ok", "POST", "application/json", `{"token":"tok","kind":"x"}`, 200},
		{"charset ok", "POST", "application/json; charset=utf-8", `{"token":"tok"}`, 200},
		{"no content type ok", "POST", "", `{"token":"tok"}`, 200},
		{"request ctx", "POST", "application/json", `{"token":"tok","kind":"ctx"}`, 200},
		{"bad token", "POST", "application/json", `{"token":"nope"}`, 401},
		{"missing token", "POST", "application/json", `{}`, 401},
		{"malformed", "POST", "application/json", `{"token":`, 400},
		{"empty", "POST", "application/json", ``, 400},
		{"GET", "GET", "", ``, 405},
		{"form", "POST", "application/x-www-form-urlencoded", `token=tok`, 415},
		{"too large", "POST", "application/json", `{"token":"tok","pad":"` + strings.Repeat("x", MaxWebhookBodySize) + `"}`, 413},
		{"handler error", "POST", "application/json", `{"token":"tok","kind":"fail"}`, 500},
		{"handler panic", "POST", "application/json", `{"token":"tok","kind":"panic"}`, 500},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var logs bytes.Buffer
			logger := slog.New(slog.NewTextHandler(&logs, nil))
			req := httptest.NewRequest(tt.method, "/aircall/webhooks", strings.NewReader(tt.body))
			if tt.ct != "" {
				req.Header.Set("Content-Type", tt.ct)
			}
			req = req.WithContext(context.WithValue(req.Context(), ctxKey, "v"))
			rec := httptest.NewRecorder()
			serveWebhook(rec, req, logger, testParse([]string{"tok"}), dispatch)
			assert.Equal(t, tt.want, rec.Code)
			if tt.want == 405 {
				assert.Equal(t, "POST", rec.Header().Get("Allow"))
			}
			assert.NotContains(t, logs.String(), "tok\"", "tokens stay out of logs")
		})
	}
}

func TestServeWebhook_noTokensConfigured(t *testing.T) {
	t.Parallel()
	req := httptest.NewRequest("POST", "/", strings.NewReader(`{"token":"anything"}`))
	rec := httptest.NewRecorder()
	called := false
	serveWebhook(rec, req, nil, testParse(nil), func(context.Context, *testEvent) error { called = true; return nil })
	assert.Equal(t, http.StatusInternalServerError, rec.Code)
	assert.False(t, called)
}

func TestReadWebhookBody_nilBody(t *testing.T) {
	t.Parallel()
	req := &http.Request{Method: "POST", Header: http.Header{}}
	_, err := readWebhookBody(req)
	require.ErrorIs(t, err, ErrWebhookMalformed)
}
