package aircall

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"net/http"
)

// What receiving Aircall's POSTs needs, shared by the webhook-event handler
// (events.go) and the messaging-callback handler: read a bounded JSON body,
// check the token in constant time, and answer with the status Aircall's
// retry logic expects.

// MaxWebhookBodySize is the largest webhook or callback body read: 1 MiB.
const MaxWebhookBodySize = 1 << 20

// Errors of a webhook or callback request that is not a well-formed POST.
// Each matches with errors.Is; the handlers answer them with the status in
// parentheses.
var (
	ErrWebhookMethod      = errors.New("aircall: webhook requests must be POST")            // 405
	ErrWebhookContentType = errors.New("aircall: webhook body must be JSON")                // 415
	ErrWebhookTooLarge    = errors.New("aircall: webhook body larger than 1 MiB")           // 413
	ErrWebhookMalformed   = errors.New("aircall: webhook body is not a valid JSON payload") // 400
	ErrNoWebhookTokens    = errors.New("aircall: no webhook token configured to check against")
)

// readWebhookBody returns the body of a webhook POST: POST only, a JSON
// content type (or none), at most MaxWebhookBodySize bytes.
func readWebhookBody(r *http.Request) ([]byte, error) {
	if r.Method != http.MethodPost {
		return nil, ErrWebhookMethod
	}
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || (mt != "application/json" && !(len(mt) > 5 && mt[len(mt)-5:] == "+json")) {
			return nil, fmt.Errorf("%w, got Content-Type %q", ErrWebhookContentType, ct)
		}
	}
	if r.Body == nil {
		return nil, fmt.Errorf("%w: empty body", ErrWebhookMalformed)
	}
	if r.ContentLength > MaxWebhookBodySize {
		return nil, ErrWebhookTooLarge
	}
	body, more, err := readLimited(r.Body, MaxWebhookBodySize)
	if err != nil {
		return nil, fmt.Errorf("aircall: reading webhook body: %w", err)
	}
	if more {
		return nil, ErrWebhookTooLarge
	}
	return body, nil
}

// checkToken reports whether got equals one of tokens, comparing against
// every configured token in constant time so the timing reveals neither
// which token matched nor how much of it. An empty list, or a list of empty
// strings, is an error: it must never mean "accept anything".
func checkToken(got string, tokens []string) error {
	configured := 0
	match := 0
	for _, tok := range tokens {
		if tok == "" {
			continue
		}
		configured++
		match |= subtle.ConstantTimeCompare([]byte(got), []byte(tok))
	}
	if configured == 0 {
		return ErrNoWebhookTokens
	}
	if match != 1 || got == "" {
		return ErrInvalidWebhookToken
	}
	return nil
}

// webhookStatus maps a receiving error to the status the handlers answer.
func webhookStatus(err error) int {
	switch {
	case errors.Is(err, ErrWebhookMethod):
		return http.StatusMethodNotAllowed
	case errors.Is(err, ErrWebhookTooLarge):
		return http.StatusRequestEntityTooLarge
	case errors.Is(err, ErrWebhookContentType):
		return http.StatusUnsupportedMediaType
	case errors.Is(err, ErrInvalidWebhookToken):
		return http.StatusUnauthorized
	case errors.Is(err, ErrNoWebhookTokens):
		return http.StatusInternalServerError // a configuration error on our side
	case errors.Is(err, ErrWebhookMalformed):
		return http.StatusBadRequest
	}
	return http.StatusBadRequest
}

// serveWebhook is the body of both handlers' ServeHTTP: read and parse the
// request, then run dispatch with the request's context. It answers 200 on
// success; 405, 413, 415, 400 or 401 when the request is refused; 500 when
// dispatch fails or panics, so that Aircall retries the delivery. It never
// panics itself.
func serveWebhook[E any](w http.ResponseWriter, r *http.Request, logger *slog.Logger,
	parse func([]byte) (*E, error), dispatch func(context.Context, *E) error) {
	body, err := readWebhookBody(r)
	if err == nil {
		var ev *E
		if ev, err = parse(body); err == nil {
			if err = safeDispatch(r.Context(), ev, dispatch); err != nil {
				logWebhookError(r, logger, err)
				http.Error(w, "handler failed", http.StatusInternalServerError)
				return
			}
			w.WriteHeader(http.StatusOK)
			return
		}
	}
	status := webhookStatus(err)
	if status == http.StatusMethodNotAllowed {
		w.Header().Set("Allow", http.MethodPost)
	}
	logWebhookError(r, logger, err)
	http.Error(w, http.StatusText(status), status)
}

func safeDispatch[E any](ctx context.Context, ev *E, dispatch func(context.Context, *E) error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("aircall: webhook handler panicked: %v", p)
		}
	}()
	return dispatch(ctx, ev)
}

func logWebhookError(r *http.Request, logger *slog.Logger, err error) {
	if logger == nil {
		return
	}
	logger.LogAttrs(r.Context(), slog.LevelWarn, "aircall webhook refused or failed",
		slog.String("path", r.URL.Path), slog.String("error", err.Error()))
}
