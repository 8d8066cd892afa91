package aircall

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// Errors of the WhatsApp Public API, one per row of Aircall's Help Center
// error table (a 403 there, "plan, add-on or feature missing", is
// ErrForbidden). WhatsApp methods return them wrapped in a *WhatsAppError:
// match them with errors.Is, and reach the API's answer with errors.As
// (*ErrorResponse, or *RateLimitError for the tier limit). WhatsAppErrorKind
// classifies an error from anywhere, e.g. from Client.Do.
//
// Aircall does not publish the exact error texts: the SDK recognises each
// row by its keywords in the answer's "error"/"troubleshoot" (for example
// "line not configured", "template not approved", "WABA not configured",
// "line OFFLINE or BLOCKED").
var (
	// ErrWhatsAppLineNotRegistered: 400 "line not configured", the line is
	// not registered for Public API use. Call WhatsAppService.RegisterLine
	// first (proxy sends). Also matched by a *WhatsAppLineError whose line
	// reports NOT_REGISTERED.
	ErrWhatsAppLineNotRegistered = errors.New("aircall: WhatsApp line not registered for the Public API")

	// ErrWhatsAppTemplateNotApproved: 400 "template not approved", the
	// template is not APPROVED at Meta. List the approved ones with
	// ListTemplates(…, &WhatsAppTemplateListOptions{Status: WhatsAppTemplateApproved}).
	ErrWhatsAppTemplateNotApproved = errors.New("aircall: WhatsApp template not approved")

	// ErrWhatsAppWABANotConfigured: 400 "WABA not configured", the line has
	// no WhatsApp Business Account. Only Aircall Support can fix it.
	ErrWhatsAppWABANotConfigured = errors.New("aircall: WhatsApp line has no WhatsApp Business Account (WABA)")

	// ErrWhatsAppLineUnavailable: 400 "line OFFLINE or BLOCKED", the line
	// is not in an active sending state. Check WhatsAppService.Status; a
	// BLOCKED line needs Aircall Support. Every *WhatsAppLineError (from
	// EnsureSendable) matches it too.
	ErrWhatsAppLineUnavailable = errors.New("aircall: WhatsApp line cannot send")

	// ErrWhatsAppTierLimit: 429, the line reached its messaging limit tier
	// (the daily cap of business-initiated conversations set by Meta); it
	// resets every 24 hours. It is not the per-minute API budget: the SDK
	// takes a 429 for a tier limit when its text mentions the tier or a
	// daily/messaging limit, or when a WhatsApp send is refused without the
	// X-AircallApi-* rate headers that the per-minute limit sends.
	//
	// What the client does with it: like any 429, it is retried at most
	// RetryPolicy.MaxRetries times (3 by default), after the server's
	// Retry-After or X-AircallApi-Reset, or after a short jittered backoff
	// when the server names no time; a server-directed wait longer than
	// RetryPolicy.MaxWait (2 minutes by default) is not waited at all. So
	// the error comes back after at most a few seconds of retries (at once
	// when the server announces the 24-hour reset), never after hours of
	// spinning. If that answer also reports X-AircallApi-Remaining: 0 with a
	// far Reset, the client holds its next requests for at most MaxWait.
	// Sending again before the tier resets is pointless: wait, or reach
	// fewer new customers from this line.
	ErrWhatsAppTierLimit = errors.New("aircall: WhatsApp messaging tier limit reached")
)

// WhatsAppError is an API refusal of a WhatsApp request that matches a row
// of Aircall's WhatsApp error table.
type WhatsAppError struct {
	// Kind is the row: one of the ErrWhatsApp… sentinels.
	Kind error
	// Err is the API's answer: an *ErrorResponse, or a *RateLimitError for
	// ErrWhatsAppTierLimit.
	Err error
}

// Error describes the refusal and the API's answer.
func (e *WhatsAppError) Error() string {
	s := "aircall: WhatsApp request refused"
	if e.Kind != nil {
		s = e.Kind.Error()
	}
	if e.Err != nil {
		s += ": " + strings.TrimPrefix(e.Err.Error(), "aircall: ")
	}
	return s
}

// Is matches the Kind sentinel; the status sentinels (ErrBadRequest, …)
// match through Unwrap.
func (e *WhatsAppError) Is(target error) bool { return target != nil && target == e.Kind }

// Unwrap returns the API's answer.
func (e *WhatsAppError) Unwrap() error { return e.Err }

// WhatsAppErrorKind classifies err against Aircall's WhatsApp error table:
// it returns ErrWhatsAppLineNotRegistered, ErrWhatsAppTemplateNotApproved,
// ErrWhatsAppWABANotConfigured, ErrWhatsAppLineUnavailable,
// ErrWhatsAppTierLimit, ErrForbidden (403: Essentials plan, no WhatsApp
// add-on, or the feature disabled), or nil when err is none of them. It
// reads a *WhatsAppError, *WhatsAppLineError or a bare *ErrorResponse.
func WhatsAppErrorKind(err error) error {
	var we *WhatsAppError
	if errors.As(err, &we) {
		return we.Kind
	}
	var le *WhatsAppLineError
	if errors.As(err, &le) {
		if le.Reason == WhatsAppReasonNotRegistered {
			return ErrWhatsAppLineNotRegistered
		}
		return ErrWhatsAppLineUnavailable
	}
	if errors.Is(err, ErrForbidden) {
		return ErrForbidden
	}
	return classifyWhatsApp(err)
}

// classifyWhatsApp recognises the rows of the error table that the status
// sentinels do not already cover.
func classifyWhatsApp(err error) error {
	var er *ErrorResponse
	if !errors.As(err, &er) {
		return nil
	}
	text := strings.ToLower(er.Message + " " + er.Troubleshoot + " " + er.Details)
	switch er.StatusCode {
	case http.StatusBadRequest:
		switch {
		case strings.Contains(text, "template") && strings.Contains(text, "approv"):
			return ErrWhatsAppTemplateNotApproved
		case strings.Contains(text, "waba"):
			return ErrWhatsAppWABANotConfigured
		case strings.Contains(text, "offline") || strings.Contains(text, "blocked"):
			return ErrWhatsAppLineUnavailable
		case strings.Contains(text, "not configured") || strings.Contains(text, "not registered"):
			return ErrWhatsAppLineNotRegistered
		}
	case http.StatusTooManyRequests:
		for _, w := range []string{"tier", "messaging limit", "conversation limit", "daily", "24 h", "24h", "24-hour"} {
			if strings.Contains(text, w) {
				return ErrWhatsAppTierLimit
			}
		}
		var rle *RateLimitError
		perMinute := errors.As(err, &rle) && !rle.Rate.isZero()
		if !perMinute && isWhatsAppSendPath(er.path) {
			return ErrWhatsAppTierLimit
		}
	}
	return nil
}

func isWhatsAppSendPath(p string) bool {
	return strings.HasSuffix(p, "/v1/messages/whatsapp/send") || strings.HasSuffix(p, "/v1/messages/send/whatsapp/native")
}

// whatsAppError wraps an API error of a WhatsApp method in a *WhatsAppError
// when it matches a row of the error table; anything else is returned as is.
func whatsAppError(err error) error {
	if err == nil {
		return nil
	}
	if kind := classifyWhatsApp(err); kind != nil {
		return &WhatsAppError{Kind: kind, Err: err}
	}
	return err
}

// WhatsAppLineReason says why EnsureSendable refused a line.
type WhatsAppLineReason string

// Reasons a line cannot send.
const (
	// WhatsAppReasonNotRegistered: the line reports NOT_REGISTERED, or its
	// status answered "line not configured". Proxy sends need RegisterLine
	// first. (The Help Center lists the value without saying whether it
	// means the Public API registration or the registration at Meta.)
	WhatsAppReasonNotRegistered WhatsAppLineReason = "not_registered"
	// WhatsAppReasonOffline: the line reports OFFLINE.
	WhatsAppReasonOffline WhatsAppLineReason = "offline"
	// WhatsAppReasonBlocked: the line reports BLOCKED; contact Aircall Support.
	WhatsAppReasonBlocked WhatsAppLineReason = "blocked"
	// WhatsAppReasonCannotSend: canSendMessage is BLOCKED (or false).
	WhatsAppReasonCannotSend WhatsAppLineReason = "cannot_send"
	// WhatsAppReasonQualityRed: Meta rates the line's quality RED. Meta may
	// still deliver, but sending more from a RED line risks Meta restricting
	// it, so the guard stops here; see WhatsAppLineError to override.
	WhatsAppReasonQualityRed WhatsAppLineReason = "quality_red"
)

// WhatsAppLineError is EnsureSendable's refusal of a line. It matches
// ErrWhatsAppLineUnavailable with errors.Is, and also
// ErrWhatsAppLineNotRegistered when Reason is WhatsAppReasonNotRegistered.
//
// To send anyway (e.g. from a RED line), check Reason with errors.As and
// carry on.
type WhatsAppLineError struct {
	// NumberID is the line's number id.
	NumberID int64
	// Reason is why the line cannot send.
	Reason WhatsAppLineReason
	// Status is the line's health, when the status call answered.
	Status *WhatsAppStatus
	// Err is the API error behind the refusal, if any (e.g. "line not configured").
	Err error
}

// Error describes why the line cannot send.
func (e *WhatsAppLineError) Error() string {
	detail := string(e.Reason)
	if e.Status != nil {
		detail = fmt.Sprintf("%s (status %q, canSendMessage %q, qualityRating %q)", e.Reason, e.Status.Status, e.Status.CanSendMessage, e.Status.QualityRating)
	}
	s := fmt.Sprintf("aircall: WhatsApp line %d cannot send: %s", e.NumberID, detail)
	if e.Err != nil {
		s += ": " + strings.TrimPrefix(e.Err.Error(), "aircall: ")
	}
	return s
}

// Is matches ErrWhatsAppLineUnavailable, and ErrWhatsAppLineNotRegistered
// for an unregistered line.
func (e *WhatsAppLineError) Is(target error) bool {
	return target == ErrWhatsAppLineUnavailable ||
		(target == ErrWhatsAppLineNotRegistered && e.Reason == WhatsAppReasonNotRegistered)
}

// Unwrap returns the API error behind the refusal, if any.
func (e *WhatsAppLineError) Unwrap() error { return e.Err }

// EnsureSendable is the pre-send check Aircall recommends: it reads the
// line's health (Status) and returns it together with a *WhatsAppLineError
// when the line cannot send, in this order of checks:
//
//   - status NOT_REGISTERED, or the status call answered "line not
//     configured": WhatsAppReasonNotRegistered
//   - status OFFLINE: WhatsAppReasonOffline; status BLOCKED: WhatsAppReasonBlocked
//   - canSendMessage BLOCKED (or false): WhatsAppReasonCannotSend
//   - qualityRating RED: WhatsAppReasonQualityRed
//
// A LIMITED or YELLOW line passes (it can send, within lower limits): check
// status.Degraded() to warn about it. Values the SDK does not know pass
// too, so that a new state cannot stop your sends: the API still refuses
// what it must. Other failures of the status call are returned as they are,
// with a nil status.
//
//aircall:operation GET /v1/numbers/:id/whatsapp_status
func (s *WhatsAppService) EnsureSendable(ctx context.Context, numberID int64) (*WhatsAppStatus, error) {
	st, _, err := s.Status(ctx, numberID)
	if err != nil {
		if errors.Is(err, ErrWhatsAppLineNotRegistered) {
			return nil, &WhatsAppLineError{NumberID: numberID, Reason: WhatsAppReasonNotRegistered, Err: err}
		}
		return nil, err
	}
	if reason := lineReason(st); reason != "" {
		return st, &WhatsAppLineError{NumberID: numberID, Reason: reason, Status: st}
	}
	return st, nil
}

func lineReason(st *WhatsAppStatus) WhatsAppLineReason {
	switch {
	case st.Status == WhatsAppLineNotRegistered:
		return WhatsAppReasonNotRegistered
	case st.Status == WhatsAppLineOffline:
		return WhatsAppReasonOffline
	case st.Status == WhatsAppLineBlocked:
		return WhatsAppReasonBlocked
	case st.CanSendMessage == WhatsAppSendBlocked:
		return WhatsAppReasonCannotSend
	case st.QualityRating == WhatsAppQualityRed:
		return WhatsAppReasonQualityRed
	}
	return ""
}
