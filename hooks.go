package aircall

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Observer is told what the client does with every request, for tracing,
// metrics or any other monitoring system. Set one with WithObserver; the otel
// module of this repository implements it for OpenTelemetry.
//
// An operation is one call of a service method or of Client.Do: one request,
// sent once or more (attempts), each attempt maybe waiting for rate-limit
// budget first, failed attempts maybe retried. A paginated iterator runs one
// operation per page. The hooks of one operation are called in order, from
// the goroutine that made the call; different operations run concurrently,
// so an Observer must be safe for concurrent use. Hooks must not block: the
// request waits for them.
//
// Events name the operation by its catalogue ID and path template ("GET
// /v1/calls/:id"), never by the URL sent: a query string or a path can carry
// a phone number or an email. They carry no header, body or credential. The
// debug log lines of WithLogger use the same names for the same values
// (operation, method, path, attempt, status, wait, reason, ...).
type Observer interface {
	// OperationStart is called once per operation, before its first wait
	// for budget. The context it returns is the one the operation then
	// runs with (its waits, its attempts, the other hooks): return ctx
	// itself, or a child of it such as one carrying a span.
	OperationStart(ctx context.Context, op OperationInfo) context.Context
	// Wait is called after a wait for rate-limit budget, before the attempt it held.
	Wait(ctx context.Context, e WaitEvent)
	// AttemptEnd is called after every attempt, answered or not.
	AttemptEnd(ctx context.Context, e AttemptEvent)
	// Retry is called when a failed attempt is going to be sent again.
	Retry(ctx context.Context, e RetryEvent)
	// OperationEnd is called once per operation, when its result is known.
	OperationEnd(ctx context.Context, e OperationEndEvent)
}

// OperationInfo names an operation without any of its values.
type OperationInfo struct {
	// ID is the operation's stable identifier in the catalogue ("calls.get",
	// see Operations), or "" for a request built by hand that matches no
	// operation of the catalogue.
	ID string
	// Method is the HTTP method ("GET").
	Method string
	// Path is the operation's path template ("/v1/calls/:id"), or "" when ID is "".
	Path string
	// Host and Port are the API server's (from the base URL): "api.aircall.io", 443.
	Host string
	Port int
}

// minReportedWait is the shortest wait for a Limiter (WithLimiter) that
// counts as a wait: below, it is the limiter's own work (a Redis round
// trip), not budget.
const minReportedWait = time.Millisecond

// WaitReason says why a request waited before an attempt.
type WaitReason string

// Why a request waited.
const (
	// WaitBudget: the client's own pacing spread requests over the rate-limit budget.
	WaitBudget WaitReason = "budget"
	// WaitServerReset: the server said no request remained until its Reset.
	WaitServerReset WaitReason = "server reset"
	// WaitRateLimited: the server answered 429 and said how long to wait.
	WaitRateLimited WaitReason = "429"
)

// RetryReason says why a failed attempt is sent again.
type RetryReason string

// Why an attempt is retried.
const (
	// RetryRateLimited: the server answered 429 Too Many Requests.
	RetryRateLimited RetryReason = "429"
	// RetryServerError: the server answered 408 or a 5xx status.
	RetryServerError RetryReason = "server error"
	// RetryNetwork: the attempt got no answer (connection refused or cut, timeout).
	RetryNetwork RetryReason = "network"
)

// WaitEvent is a wait for rate-limit budget before an attempt.
type WaitEvent struct {
	Op OperationInfo
	// Attempt is the number of the attempt that waited (1 for the first).
	Attempt int
	// Duration is how long it waited.
	Duration time.Duration
	// Reason is why.
	Reason WaitReason
}

// AttemptEvent is one sending of a request and its answer.
type AttemptEvent struct {
	Op OperationInfo
	// Attempt is the attempt's number, 1 for the first.
	Attempt int
	// Status is the HTTP status of the answer, 0 when none came.
	Status int
	// Duration is how long the attempt took, from sending to the end of the body.
	Duration time.Duration
	// Rate is what the answer's X-AircallApi-* headers said; zero without them.
	Rate Rate
	// Err is the attempt's error, nil on success.
	Err error
}

// RetryEvent is the decision to send a failed attempt again.
type RetryEvent struct {
	Op OperationInfo
	// Attempt is the number of the attempt that failed; the next one is Attempt+1.
	Attempt int
	// Reason is why the attempt is retried.
	Reason RetryReason
	// Status is the failed attempt's HTTP status, 0 when no answer came.
	Status int
	// Backoff is how long the client sleeps before the next attempt (its
	// wait for budget, if any, is reported apart).
	Backoff time.Duration
}

// OperationEndEvent is the result of an operation.
type OperationEndEvent struct {
	Op OperationInfo
	// Attempts is how many times the request was sent (0 if never).
	Attempts int
	// Status is the HTTP status of the last answer, 0 when none came.
	Status int
	// Duration is the whole operation's, waits and retries included.
	Duration time.Duration
	// Rate is the last rate-limit state the server reported during the
	// operation; zero if no answer carried X-AircallApi-* headers.
	Rate Rate
	// Err is the error the call returned, nil on success.
	Err error
}

// WithObserver reports every operation, attempt, wait and retry to o. It
// may be given more than once: every observer is told, in order. Without
// it the client spends nothing on observation.
func WithObserver(o Observer) Option {
	return func(c *config) error {
		if o == nil {
			return &ArgError{Arg: "WithObserver", Reason: "observer must not be nil"}
		}
		c.observers = append(c.observers[:len(c.observers):len(c.observers)], o)
		return nil
	}
}

// observerOf combines the configured observers into one (nil for none).
func observerOf(obs []Observer) Observer {
	switch len(obs) {
	case 0:
		return nil
	case 1:
		return obs[0]
	}
	return multiObserver(append([]Observer(nil), obs...))
}

// multiObserver tells each of several observers in turn.
type multiObserver []Observer

// OperationStart tells each observer in turn, each getting the context the
// previous one returned.
func (m multiObserver) OperationStart(ctx context.Context, op OperationInfo) context.Context {
	for _, o := range m {
		ctx = o.OperationStart(ctx, op)
	}
	return ctx
}

// Wait tells each observer in turn.
func (m multiObserver) Wait(ctx context.Context, e WaitEvent) {
	for _, o := range m {
		o.Wait(ctx, e)
	}
}

// AttemptEnd tells each observer in turn.
func (m multiObserver) AttemptEnd(ctx context.Context, e AttemptEvent) {
	for _, o := range m {
		o.AttemptEnd(ctx, e)
	}
}

// Retry tells each observer in turn.
func (m multiObserver) Retry(ctx context.Context, e RetryEvent) {
	for _, o := range m {
		o.Retry(ctx, e)
	}
}

// OperationEnd tells each observer in turn.
func (m multiObserver) OperationEnd(ctx context.Context, e OperationEndEvent) {
	for _, o := range m {
		o.OperationEnd(ctx, e)
	}
}

// operationOf names the operation a request is for: the catalogue entry
// its method and path match, once the base URL's own path is taken off.
func (c *Client) operationOf(req *http.Request) OperationInfo {
	p := req.URL.Path
	if prefix := strings.TrimSuffix(c.baseURL.Path, "/"); prefix != "" {
		p = strings.TrimPrefix(p, prefix)
	}
	info := OperationInfo{Method: req.Method, Host: c.baseURL.Hostname(), Port: c.port}
	if op, ok := MatchOperation(req.Method, p); ok {
		info.ID, info.Path = op.ID, op.Path
	}
	return info
}

// portOf is the port of an API base URL, explicit or implied by its scheme.
func portOf(scheme, port string) int {
	if n, err := strconv.Atoi(port); err == nil {
		return n
	}
	if scheme == "http" {
		return 80
	}
	return 443
}

// opTrace follows one operation for the observer and the debug log. Its
// zero value (no observer, no debug log) does nothing and costs nothing.
type opTrace struct {
	c     *Client
	o     Observer
	log   bool
	ctx   context.Context
	info  OperationInfo
	start time.Time
	rate  Rate
	tries int
	raw   string // the path as sent, for the debug log of a request outside the catalogue
}

// traceStart starts following req, and returns the request to send: with
// the context the observer gave, if one is set.
func (c *Client) traceStart(req *http.Request) (*http.Request, opTrace) {
	ctx := req.Context()
	log := c.logger != nil && c.logger.Enabled(ctx, slog.LevelDebug)
	if c.observer == nil && !log {
		return req, opTrace{}
	}
	t := opTrace{c: c, o: c.observer, log: log, info: c.operationOf(req), start: c.now(), raw: req.URL.Path}
	if t.o != nil {
		if octx := t.o.OperationStart(ctx, t.info); octx != nil && octx != ctx {
			ctx = octx
			req = req.WithContext(ctx)
		}
	}
	t.ctx = ctx
	return req, t
}

// now is the clock, read only when something follows the operation.
func (t *opTrace) now() time.Time {
	if t.c == nil {
		return time.Time{}
	}
	return t.c.now()
}

// waited reports a wait for budget that began at since.
func (t *opTrace) waited(attempt int, since time.Time, why WaitReason) {
	if t.c == nil || why == "" {
		return
	}
	d := t.c.now().Sub(since)
	if d <= 0 {
		return
	}
	if t.o != nil {
		t.o.Wait(t.ctx, WaitEvent{Op: t.info, Attempt: attempt, Duration: d, Reason: why})
	}
	if t.log {
		t.c.logger.LogAttrs(t.ctx, slog.LevelDebug, "aircall wait", append(t.opAttrs(attempt),
			slog.Duration(attrWait, d), slog.String(attrReason, string(why)))...)
	}
}

// attempted reports an attempt that began at since.
func (t *opTrace) attempted(attempt int, since time.Time, resp *Response, err error) {
	if t.c == nil {
		return
	}
	t.tries = attempt
	e := AttemptEvent{Op: t.info, Attempt: attempt, Duration: t.c.now().Sub(since), Err: err}
	if resp != nil {
		e.Status, e.Rate = resp.StatusCode, resp.Rate
		if !resp.Rate.isZero() {
			t.rate = resp.Rate
		}
	}
	if t.o != nil {
		t.o.AttemptEnd(t.ctx, e)
	}
	if t.log {
		attrs := append(t.opAttrs(attempt), slog.Duration(attrElapsed, e.Duration))
		if e.Status != 0 {
			attrs = append(attrs, slog.Int(attrStatus, e.Status))
		}
		attrs = rateAttrs(attrs, e.Rate)
		if err != nil {
			attrs = append(attrs, slog.String(attrError, err.Error()))
		}
		t.c.logger.LogAttrs(t.ctx, slog.LevelDebug, "aircall request", attrs...)
	}
}

// retrying reports that a failed attempt will be sent again after backoff.
func (t *opTrace) retrying(attempt int, err error, backoff time.Duration) {
	if t.c == nil {
		return
	}
	why, status := retryReasonOf(err)
	if t.o != nil {
		t.o.Retry(t.ctx, RetryEvent{Op: t.info, Attempt: attempt, Reason: why, Status: status, Backoff: backoff})
	}
	if t.log {
		t.c.logger.LogAttrs(t.ctx, slog.LevelDebug, "aircall retry", append(t.opAttrs(attempt),
			slog.String(attrReason, string(why)), slog.Duration(attrBackoff, backoff))...)
	}
}

// end reports the operation's result.
func (t *opTrace) end(resp *Response, err error) {
	if t.c == nil || t.o == nil {
		return
	}
	e := OperationEndEvent{Op: t.info, Attempts: t.tries, Duration: t.c.now().Sub(t.start), Rate: t.rate, Err: err}
	if resp != nil {
		e.Status = resp.StatusCode
	}
	t.o.OperationEnd(t.ctx, e)
}

// retryReasonOf says why a retried error is retried, and its status.
func retryReasonOf(err error) (RetryReason, int) {
	var er *ErrorResponse
	if errors.As(err, &er) {
		if er.StatusCode == http.StatusTooManyRequests {
			return RetryRateLimited, er.StatusCode
		}
		return RetryServerError, er.StatusCode
	}
	return RetryNetwork, 0
}

// Names of the log attributes, the same as the Observer's event fields.
const (
	attrOperation     = "operation"
	attrMethod        = "method"
	attrPath          = "path"
	attrAttempt       = "attempt"
	attrStatus        = "status"
	attrElapsed       = "elapsed"
	attrWait          = "wait"
	attrReason        = "reason"
	attrBackoff       = "backoff"
	attrRateLimit     = "rate_limit"
	attrRateRemaining = "rate_remaining"
	attrError         = "error"
)

// opAttrs names the operation in a log line: its ID and template, or for a
// request outside the catalogue its path as sent (never the query: the
// debug log is the caller's own, the Observer never gets that path).
func (t *opTrace) opAttrs(attempt int) []slog.Attr {
	attrs := make([]slog.Attr, 0, 10)
	if t.info.ID != "" {
		attrs = append(attrs, slog.String(attrOperation, t.info.ID))
	}
	path := t.info.Path
	if path == "" {
		path = t.raw
	}
	return append(attrs, slog.String(attrMethod, t.info.Method), slog.String(attrPath, path), slog.Int(attrAttempt, attempt))
}

func rateAttrs(attrs []slog.Attr, r Rate) []slog.Attr {
	if r.isZero() {
		return attrs
	}
	if r.Limit > 0 {
		attrs = append(attrs, slog.Int(attrRateLimit, r.Limit))
	}
	if r.Remaining >= 0 {
		attrs = append(attrs, slog.Int(attrRateRemaining, r.Remaining))
	}
	return attrs
}
