package aircall

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every parsed value that holds a webhook, callback or access token, and the
// OAuth code request, describes itself without it: %v, %+v, %#v, %s, inside
// slices and structs, and through slog's text and JSON handlers.
func TestSecretHoldingValues_redact(t *testing.T) {
	t.Parallel()
	cb, err := ParseMessageCallback(loadFixture(t, "callbacks/sms_received.json"), smsToken)
	require.NoError(t, err)
	event, err := ParseWebhookPayloadUnverified(loadFixture(t, "events/call.created.json"))
	require.NoError(t, err)
	var wh struct {
		Webhook *Webhook `json:"webhook"`
	}
	require.NoError(t, json.Unmarshal(loadFixture(t, "webhooks/get.json"), &wh))
	var conf MessagingConfiguration
	require.NoError(t, json.Unmarshal(loadFixture(t, "messaging/configuration.json"), &conf))
	tok := OAuthToken{AccessToken: "oauth-access-token-1", TokenType: "Bearer"}
	codeReq := OAuthCodeRequest{ClientID: "cid", ClientSecret: "client-secret-1", Code: "one-time-code-1", RedirectURI: "https://example.com/cb"}

	cases := []struct {
		name   string
		value  any
		secret []string
	}{
		{"MessageCallback", cb, []string{smsToken}},
		{"WebhookEvent", event, []string{"45XXYYZZa08"}},
		{"Webhook", wh.Webhook, []string{"abc123def456ghi789"}},
		{"MessagingConfiguration", conf, []string{"4d2f1c0a9b8e7d6c5b4a3f2e1d0c9b8a"}},
		{"OAuthToken", tok, []string{"oauth-access-token-1"}},
		{"OAuthCodeRequest", codeReq, []string{"client-secret-1", "one-time-code-1"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			// The secret really is in the value: the test would prove nothing otherwise.
			raw, err := json.Marshal(tc.value)
			require.NoError(t, err)
			require.Contains(t, string(raw), tc.secret[0])

			var printed []string
			for _, v := range []any{tc.value, []any{tc.value}, struct{ V any }{tc.value}} {
				for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
					printed = append(printed, fmt.Sprintf(verb, v))
				}
			}
			var text, js bytes.Buffer
			slog.New(slog.NewTextHandler(&text, nil)).Info("got", "v", tc.value)
			slog.New(slog.NewJSONHandler(&js, nil)).Info("got", "v", tc.value)
			printed = append(printed, text.String(), js.String())
			for _, p := range printed {
				for _, secret := range tc.secret {
					assert.NotContains(t, p, secret)
				}
			}
			assert.Contains(t, fmt.Sprint(tc.value), "[redacted]")
		})
	}
}
