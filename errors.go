package aircall

import (
	"bytes"
	"context"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// Sentinel errors. Match them with errors.Is; reach the details with
// errors.As(err, &apiErr) where apiErr is a *ErrorResponse.
var (
	ErrBadRequest       = errors.New("aircall: bad request")        // 400
	ErrUnauthorized     = errors.New("aircall: unauthorized")       // 401
	ErrForbidden        = errors.New("aircall: forbidden")          // 403: bad credentials, or a feature your plan lacks
	ErrNotFound         = errors.New("aircall: not found")          // 404
	ErrMethodNotAllowed = errors.New("aircall: method not allowed") // 405: e.g. the user is not available
	ErrConflict         = errors.New("aircall: conflict")           // 409: e.g. a 21st phone number on a contact
	ErrUnprocessable    = errors.New("aircall: unprocessable")      // 422
	ErrRateLimited      = errors.New("aircall: rate limited")       // 429
	ErrServer           = errors.New("aircall: server error")       // any 5xx

	// ErrPageLimitExceeded matches the 400 the API answers when paging past
	// its 10,000-item cap on calls and contacts. ListIter and SearchIter of
	// calls and contacts never surface it: they restart from the last
	// creation time instead. It also matches ErrBadRequest.
	ErrPageLimitExceeded = errors.New("aircall: pagination is limited to 10,000 items")

	// ErrPaginationLoop ends an iteration whose next page does not advance.
	ErrPaginationLoop = errors.New("aircall: pagination did not advance")

	// ErrInvalidWebhookToken is returned when a webhook payload's token is not
	// one of the tokens it is checked against.
	ErrInvalidWebhookToken = errors.New("aircall: invalid webhook token")

	// ErrInvalidArgument matches every *ArgError.
	ErrInvalidArgument = errors.New("aircall: invalid argument")

	// ErrEmptyBody is returned when a JSON answer was expected but the body was empty.
	ErrEmptyBody = errors.New("aircall: empty response body")

	// ErrRedirectBlocked is returned when the server redirects to another
	// host: the SDK does not follow it, so credentials and data stay put.
	ErrRedirectBlocked = errors.New("aircall: refused to follow a redirect to another host")
)

// ErrorResponse is a non-2xx answer of the API.
//
// Aircall's error body is {"error": "<title>", "troubleshoot": "<verbose
// message>"}. Bodies that are not that shape (an HTML 502 page from a proxy,
// plain text, nothing at all) still produce an ErrorResponse, with Message
// set to the HTTP status text and the raw bytes in Body.
type ErrorResponse struct {
	// Response is the HTTP response of the last attempt (its body is already read; see Body).
	Response *http.Response
	// StatusCode is the HTTP status code.
	StatusCode int
	// Message is the body's "error": the title of the error.
	Message string
	// Troubleshoot is the body's "troubleshoot": a readable description of the error.
	Troubleshoot string
	// Details is the body's "errors", when present (the 10,000-item cap answer puts its explanation there).
	Details string
	// Body is the raw body, cut at 1 MiB.
	Body []byte
	// Attempts is how many times the request was sent.
	Attempts int

	method, path string
}

// Error describes the failure without credentials, headers or query strings.
func (e *ErrorResponse) Error() string {
	var b strings.Builder
	b.WriteString("aircall: ")
	if e.method != "" {
		b.WriteString(e.method + " " + e.path + ": ")
	}
	fmt.Fprintf(&b, "%d %s", e.StatusCode, statusText(e.StatusCode))
	if e.Message != "" && e.Message != statusText(e.StatusCode) {
		b.WriteString(": " + e.Message)
	}
	if e.Troubleshoot != "" && e.Troubleshoot != e.Message {
		b.WriteString(" (" + e.Troubleshoot + ")")
	}
	if e.Details != "" {
		b.WriteString(": " + e.Details)
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " after %d attempts", e.Attempts)
	}
	return b.String()
}

// Is makes errors.Is match the status sentinels (ErrNotFound for a 404, ...).
func (e *ErrorResponse) Is(target error) bool {
	switch target {
	case ErrBadRequest:
		return e.StatusCode == http.StatusBadRequest
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized
	case ErrForbidden:
		return e.StatusCode == http.StatusForbidden
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound
	case ErrMethodNotAllowed:
		return e.StatusCode == http.StatusMethodNotAllowed
	case ErrConflict:
		return e.StatusCode == http.StatusConflict
	case ErrUnprocessable:
		return e.StatusCode == http.StatusUnprocessableEntity
	case ErrRateLimited:
		return e.StatusCode == http.StatusTooManyRequests
	case ErrServer:
		return e.StatusCode >= 500 && e.StatusCode <= 599
	case ErrPageLimitExceeded:
		return e.StatusCode == http.StatusBadRequest && isPageLimitBody(e)
	}
	return false
}

func isPageLimitBody(e *ErrorResponse) bool {
	s := strings.ToLower(e.Details + " " + e.Troubleshoot + " " + e.Message)
	return strings.Contains(s, "limited to 10k") || strings.Contains(s, "pagination is out of bound")
}

// RateLimitError is a 429 answer that outlived the retries, or whose wait
// would have been longer than RetryPolicy.MaxWait or the context's deadline.
// A request the client held back without sending, because the server said
// no budget is left for that long, gets one too: its ErrorResponse then has
// StatusCode 429 but no Response. It matches ErrRateLimited.
type RateLimitError struct {
	*ErrorResponse
	// Rate is what the X-AircallApi-* headers of the 429 said.
	Rate Rate
	// RetryAfter is how long the server asked to wait (0 when it did not say).
	RetryAfter time.Duration
}

// Error describes the refusal and when to retry.
func (e *RateLimitError) Error() string {
	s := e.ErrorResponse.Error()
	if e.RetryAfter > 0 {
		s += fmt.Sprintf("; retry after %s", e.RetryAfter.Round(time.Millisecond))
	}
	return s
}

// Unwrap returns the underlying *ErrorResponse.
func (e *RateLimitError) Unwrap() error { return e.ErrorResponse }

// ArgError reports invalid input caught before any request was sent.
type ArgError struct {
	// Arg names the argument or field at fault.
	Arg string
	// Reason says what is wrong with it.
	Reason string
}

// Error describes the invalid argument.
func (e *ArgError) Error() string { return "aircall: invalid " + e.Arg + ": " + e.Reason }

// Is makes errors.Is(err, ErrInvalidArgument) hold.
func (e *ArgError) Is(target error) bool { return target == ErrInvalidArgument }

// DecodeError reports a successful answer whose body could not be decoded.
type DecodeError struct {
	// Method and Path identify the request.
	Method, Path string
	// StatusCode is the HTTP status of the answer.
	StatusCode int
	// Err is the decoding error (e.g. a *json.SyntaxError).
	Err error
}

// Error describes the decoding failure.
func (e *DecodeError) Error() string {
	return fmt.Sprintf("aircall: %s %s: decoding %d answer: %v", e.Method, e.Path, e.StatusCode, e.Err)
}

// Unwrap returns the decoding error.
func (e *DecodeError) Unwrap() error { return e.Err }

// newErrorResponse builds the error for a non-2xx answer.
func newErrorResponse(req *http.Request, hr *http.Response, body []byte, r Rate, now time.Time) error {
	e := parseErrorBody(hr.StatusCode, hr.Header.Get("Content-Type"), body)
	e.Response = hr
	e.method, e.path = req.Method, req.URL.Path
	if hr.StatusCode == http.StatusTooManyRequests {
		return &RateLimitError{ErrorResponse: e, Rate: r, RetryAfter: serverWait(hr.Header, r, now)}
	}
	return e
}

// parseErrorBody reads whatever the server sent with an error status.
func parseErrorBody(status int, contentType string, body []byte) *ErrorResponse {
	e := &ErrorResponse{StatusCode: status, Body: body}
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '"') {
		var fields struct {
			Error        json.RawMessage `json:"error"`
			Troubleshoot json.RawMessage `json:"troubleshoot"`
			Message      json.RawMessage `json:"message"`
			Errors       json.RawMessage `json:"errors"`
		}
		var s string
		if json.Unmarshal(trimmed, &fields) == nil {
			e.Message = flatten(fields.Error)
			if e.Message == "" {
				e.Message = flatten(fields.Message)
			}
			e.Troubleshoot = flatten(fields.Troubleshoot)
			e.Details = flatten(fields.Errors)
		} else if json.Unmarshal(trimmed, &s) == nil {
			e.Message = s
		}
	} else if len(trimmed) > 0 && isPlainText(contentType, trimmed) {
		e.Message = shorten(string(trimmed), 200)
	}
	if e.Message == "" {
		e.Message = statusText(status)
	}
	return e
}

func statusText(status int) string {
	if s := http.StatusText(status); s != "" {
		return s
	}
	return fmt.Sprintf("HTTP %d", status)
}

// flatten turns a JSON string, array or object into display text.
func flatten(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var list []json.RawMessage
	if json.Unmarshal(raw, &list) == nil {
		parts := make([]string, 0, len(list))
		for _, item := range list {
			if p := flatten(item); p != "" {
				parts = append(parts, p)
			}
		}
		return strings.Join(parts, "; ")
	}
	return shorten(string(raw), 500)
}

func isPlainText(contentType string, body []byte) bool {
	mt, _, _ := mime.ParseMediaType(contentType)
	if mt == "text/html" || bytes.HasPrefix(body, []byte("<")) {
		return false
	}
	return utf8.Valid(body)
}

func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// transportError wraps a failure to exchange with the server.
func transportError(req *http.Request, err error) error {
	return fmt.Errorf("aircall: %s %s: %w", req.Method, req.URL.Path, unwrapURLError(err))
}

// unwrapURLError drops *url.Error's wrapping, whose message repeats the full
// URL (query string included); the method and path are added back instead.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// contextError reports that ctx ended; errors.Is matches ctx's error.
func contextError(ctxErr, cause error) error {
	if errors.Is(cause, ctxErr) {
		return cause
	}
	return fmt.Errorf("%w (while: %v)", ctxErr, cause)
}

// finalError decorates the error that ends a request with the attempt count.
func finalError(err error, attempts int) error {
	var rle *RateLimitError
	if errors.As(err, &rle) {
		rle.Attempts = attempts
		return rle
	}
	var er *ErrorResponse
	if errors.As(err, &er) {
		er.Attempts = attempts
		return er
	}
	if attempts > 1 {
		return fmt.Errorf("%w (after %d attempts)", err, attempts)
	}
	return err
}

// isPermanentTransportError reports network errors a retry cannot fix.
func isPermanentTransportError(err error) bool {
	var certErr *x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalidErr x509.CertificateInvalidError
	if errors.As(err, &certErr) || errors.As(err, &hostErr) || errors.As(err, &invalidErr) {
		return true
	}
	if errors.Is(err, ErrRedirectBlocked) || errors.Is(err, context.Canceled) {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "unsupported protocol scheme") ||
		strings.Contains(msg, "stopped after") ||
		strings.Contains(msg, "tls: ") ||
		strings.Contains(msg, "cannot be replayed")
}
