package aircall

import (
	"fmt"
	"log/slog"
	"time"
)

// Values that hold a secret (a webhook or callback token, an access token, an
// OAuth client secret) describe themselves without it: String serves %v, %+v
// and %s, GoString serves %#v, and LogValue serves slog, whose JSON handler
// would otherwise encode every field. The secret itself stays readable in its
// field, for the code that needs it.

// redacted stands for a secret in descriptions: "[redacted]" when set,
// nothing when empty, so a missing token still shows.
func redacted(secret string) string {
	if secret == "" {
		return ""
	}
	return "[redacted]"
}

// String describes the event without its token, which is a secret:
// printing an event with %v or %+v never shows it.
func (e WebhookEvent) String() string {
	return fmt.Sprintf("aircall.WebhookEvent{Resource:%q, Event:%q, Timestamp:%s, Token:%s, Data:%d bytes}",
		e.Resource, e.Event, e.Timestamp.Format(time.RFC3339), redacted(e.Token), len(e.Data))
}

// GoString is String, for %#v.
func (e WebhookEvent) GoString() string { return e.String() }

// LogValue implements slog.LogValuer: the resource, event and timestamp,
// without the token and the data.
func (e WebhookEvent) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("resource", e.Resource),
		slog.String("event", string(e.Event)),
		slog.Time("timestamp", e.Timestamp.Time))
}

// String describes the callback without its token.
func (cb MessageCallback) String() string {
	msgID := ""
	if cb.Message != nil {
		msgID = cb.Message.ID
	}
	failed := ""
	if cb.DeliveryError != nil {
		failed = fmt.Sprintf(", DeliveryError:%d", cb.DeliveryError.Code)
	}
	return fmt.Sprintf("aircall.MessageCallback{Event:%q, Resource:%q, Timestamp:%s, Token:%s, Message:%q, Data:%d bytes%s}",
		cb.Event, cb.Resource, cb.Timestamp.Format(time.RFC3339), redacted(cb.Token), msgID, len(cb.Data), failed)
}

// GoString is String, for %#v.
func (cb MessageCallback) GoString() string { return cb.String() }

// LogValue describes the callback to slog without its token and data.
func (cb MessageCallback) LogValue() slog.Value {
	attrs := []slog.Attr{slog.String("event", string(cb.Event)), slog.Time("timestamp", cb.Timestamp.Time)}
	if cb.Message != nil {
		attrs = append(attrs, slog.String("message_id", cb.Message.ID))
	}
	return slog.GroupValue(attrs...)
}

// String describes the Webhook without its token.
func (w Webhook) String() string {
	return fmt.Sprintf("aircall.Webhook{WebhookID:%q, CustomName:%q, URL:%q, Active:%t, Token:%s, Events:%v, CreatedAt:%s}",
		w.WebhookID, w.CustomName, w.URL, w.Active, redacted(w.Token), w.Events, w.CreatedAt.Format(time.RFC3339))
}

// GoString is String, for %#v.
func (w Webhook) GoString() string { return w.String() }

// LogValue describes the Webhook to slog without its token.
func (w Webhook) LogValue() slog.Value {
	return slog.GroupValue(slog.String("webhook_id", w.WebhookID), slog.String("url", w.URL), slog.Bool("active", w.Active))
}

// String describes the configuration without its token.
func (c MessagingConfiguration) String() string {
	return fmt.Sprintf("aircall.MessagingConfiguration{CallbackURL:%q, Type:%q, Token:%s}", c.CallbackURL, c.Type, redacted(c.Token))
}

// GoString is String, for %#v.
func (c MessagingConfiguration) GoString() string { return c.String() }

// LogValue describes the configuration to slog without its token.
func (c MessagingConfiguration) LogValue() slog.Value {
	return slog.GroupValue(slog.String("callback_url", c.CallbackURL), slog.String("type", string(c.Type)))
}

// String describes the token without its value.
func (t OAuthToken) String() string {
	return fmt.Sprintf("aircall.OAuthToken{TokenType:%q, AccessToken:%s, CreatedAt:%s}", t.TokenType, redacted(t.AccessToken), t.CreatedAt.Format(time.RFC3339))
}

// GoString is String, for %#v.
func (t OAuthToken) GoString() string { return t.String() }

// LogValue describes the token to slog without its value.
func (t OAuthToken) LogValue() slog.Value {
	return slog.GroupValue(slog.String("token_type", t.TokenType), slog.Time("created_at", t.CreatedAt.Time))
}

// String describes the request without the client secret and the code.
func (r OAuthCodeRequest) String() string {
	return fmt.Sprintf("aircall.OAuthCodeRequest{ClientID:%q, ClientSecret:%s, Code:%s, RedirectURI:%q}", r.ClientID, redacted(r.ClientSecret), redacted(r.Code), r.RedirectURI)
}

// GoString is String, for %#v.
func (r OAuthCodeRequest) GoString() string { return r.String() }

// LogValue describes the request to slog without the client secret and the code.
func (r OAuthCodeRequest) LogValue() slog.Value {
	return slog.GroupValue(slog.String("client_id", r.ClientID), slog.String("redirect_uri", r.RedirectURI))
}
