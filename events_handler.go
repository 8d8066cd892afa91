package aircall

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"
)

// WebhookFunc handles one webhook event. ctx is the request's context: it is
// cancelled when Aircall gives up on the request (after 5 seconds).
// Returning an error makes WebhookHandler answer 500, so that Aircall
// delivers the event again.
type WebhookFunc = func(ctx context.Context, e *WebhookEvent) error

// WebhookHandler is an http.Handler for a Webhook's URL: it checks each
// event's token, then calls the func registered for the event. Set Tokens,
// register funcs with On, and mount it:
//
//	h := &aircall.WebhookHandler{Tokens: []string{os.Getenv("AIRCALL_WEBHOOK_TOKEN")}}
//	h.On(aircall.EventCallEnded, func(ctx context.Context, e *aircall.WebhookEvent) error {
//		call, err := e.Call()
//		if err != nil {
//			return err
//		}
//		return store.UpsertCall(ctx, call) // idempotent: events may come twice
//	})
//	http.Handle("POST /aircall/webhooks", h)
//
// ServeHTTP answers:
//   - 200 once the func returned nil, or when no func and no Fallback handle
//     the event (it is acknowledged and dropped);
//   - 401 for a token not in Tokens (or no token);
//   - 400 for a body that is not a JSON event, or an event older than MaxAge;
//   - 405 for a method other than POST, 413 for a body over 1 MiB, 415 for a
//     non-JSON Content-Type;
//   - 500 when the func returns an error or panics (Aircall retries the
//     event), or when Tokens is empty (a configuration error: nothing is
//     accepted).
//
// It never panics. Aircall waits 5 seconds for the answer and counts a
// timeout or any non-2xx status as a failure: after 50 retries the Webhook is
// disabled. Keep funcs fast (queue slow work and return), idempotent (the
// same event can arrive twice) and independent of order. See WebhookEvent for
// what the token does and does not protect.
//
// Set the fields before serving and do not change them afterwards. On may be
// called at any time, also while requests are served.
type WebhookHandler struct {
	// Tokens are the accepted tokens: the Token of each Webhook whose events
	// reach this handler (and the new one during a rotation). Empty means
	// every event is refused (500), never accepted.
	Tokens []string
	// Fallback handles events no On func was registered for; nil
	// acknowledges them with 200 without doing anything.
	Fallback WebhookFunc
	// Logger, if set, receives a warning for every refused or failed event
	// (with the error, never the token or the body).
	Logger *slog.Logger
	// MaxAge, if positive, refuses (400, ErrWebhookTooOld) events whose
	// Timestamp is older than MaxAge, or that have none. It bounds the replay
	// of a captured body as is and drops stale events; it is not
	// authentication (whoever read a payload has the token and can forge a
	// fresh one). Choose it generously: whether a retried delivery keeps its
	// first timestamp is not documented, and Aircall retries failed events
	// for up to 12 hours; a MaxAge shorter than an outage of yours could
	// refuse every retry and leave the Webhook disabled. Zero disables the
	// check.
	MaxAge time.Duration
	// Now returns the current time for the MaxAge check; nil means
	// time.Now. Tests set it to replay recorded events.
	Now func() time.Time

	mu    sync.RWMutex
	funcs map[EventType]WebhookFunc
}

// On registers fn for events of type t, replacing any earlier func for t; a
// nil fn removes it. Events of other types go to Fallback.
func (h *WebhookHandler) On(t EventType, fn func(ctx context.Context, e *WebhookEvent) error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if fn == nil {
		delete(h.funcs, t)
		return
	}
	if h.funcs == nil {
		h.funcs = map[EventType]WebhookFunc{}
	}
	h.funcs[t] = fn
}

// ServeHTTP receives one event; see WebhookHandler for the statuses.
func (h *WebhookHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	serveWebhook(w, r, h.Logger, h.parse, h.dispatch)
}

func (h *WebhookHandler) parse(body []byte) (*WebhookEvent, error) {
	e, err := ParseWebhookPayload(body, h.Tokens...)
	if err != nil {
		return nil, err
	}
	if h.MaxAge > 0 {
		now := time.Now
		if h.Now != nil {
			now = h.Now
		}
		if err := e.checkAge(now(), h.MaxAge); err != nil {
			return nil, err
		}
	}
	return e, nil
}

func (h *WebhookHandler) dispatch(ctx context.Context, e *WebhookEvent) error {
	h.mu.RLock()
	fn := h.funcs[e.Event]
	h.mu.RUnlock()
	if fn == nil {
		fn = h.Fallback
	}
	if fn == nil {
		return nil
	}
	if err := fn(ctx, e); err != nil {
		return fmt.Errorf("aircall: %s webhook handler: %w", e.Event, err)
	}
	return nil
}
