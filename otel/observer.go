package aircallotel

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/aircall-go/aircall"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/metric"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"
	"go.opentelemetry.io/otel/trace"
)

// ScopeName is the instrumentation scope of the spans and metrics.
const ScopeName = "github.com/aircall-go/aircall/otel"

// Attributes of this instrumentation beyond the semantic conventions.
const (
	// OperationKey is the operation's ID in the SDK's catalogue ("calls.get").
	OperationKey = attribute.Key("aircall.operation")
	// AttemptKey is the number of the attempt an event is about (1 for the first).
	AttemptKey = attribute.Key("aircall.attempt")
	// WaitReasonKey says why a request waited: "budget", "server reset" or "429".
	WaitReasonKey = attribute.Key("aircall.wait.reason")
	// WaitDurationKey is how long a request waited, in seconds.
	WaitDurationKey = attribute.Key("aircall.wait.duration")
	// RetryReasonKey says why an attempt was retried: "429", "server error" or "network".
	RetryReasonKey = attribute.Key("aircall.retry.reason")
	// RetryBackoffKey is the backoff before the next attempt, in seconds.
	RetryBackoffKey = attribute.Key("aircall.retry.backoff")
	// RateLimitKey is the X-AircallApi-Limit the server last reported during the operation.
	RateLimitKey = attribute.Key("aircall.rate_limit.limit")
	// RateRemainingKey is the X-AircallApi-Remaining the server last reported during the operation.
	RateRemainingKey = attribute.Key("aircall.rate_limit.remaining")
)

// Names of the span events.
const (
	// WaitEvent is a wait for rate-limit budget before an attempt.
	WaitEvent = "aircall.rate_limit.wait"
	// RetryEvent is a failed attempt about to be sent again.
	RetryEvent = "aircall.retry"
)

// Observer is an aircall.Observer that traces every operation as a client
// span and records its metrics. Build it with NewObserver and give it to
// aircall.WithObserver; one Observer may serve many clients.
type Observer struct {
	tracer trace.Tracer
	m      instruments
}

var _ aircall.Observer = (*Observer)(nil)

// Option configures NewObserver.
type Option func(*config)

type config struct {
	tp trace.TracerProvider
	mp metric.MeterProvider
}

// WithTracerProvider makes spans with tp instead of the global TracerProvider.
func WithTracerProvider(tp trace.TracerProvider) Option {
	return func(c *config) {
		if tp != nil {
			c.tp = tp
		}
	}
}

// WithMeterProvider records metrics with mp instead of the global MeterProvider.
func WithMeterProvider(mp metric.MeterProvider) Option {
	return func(c *config) {
		if mp != nil {
			c.mp = mp
		}
	}
}

// NewObserver returns an Observer tracing with the global TracerProvider
// and measuring with the global MeterProvider, unless options say
// otherwise. An error means an instrument could not be created; the
// Observer returned alongside still works, without that instrument.
func NewObserver(opts ...Option) (*Observer, error) {
	cfg := config{tp: otel.GetTracerProvider(), mp: otel.GetMeterProvider()}
	for _, opt := range opts {
		if opt != nil {
			opt(&cfg)
		}
	}
	tracer := cfg.tp.Tracer(ScopeName, trace.WithInstrumentationVersion(aircall.Version), trace.WithSchemaURL(semconv.SchemaURL))
	meter := cfg.mp.Meter(ScopeName, metric.WithInstrumentationVersion(aircall.Version), metric.WithSchemaURL(semconv.SchemaURL))
	m, err := newInstruments(meter)
	return &Observer{tracer: tracer, m: m}, err
}

// OperationStart starts the operation's client span, named "GET
// /v1/calls/:id" (just the method for a request outside the catalogue).
func (o *Observer) OperationStart(ctx context.Context, op aircall.OperationInfo) context.Context {
	name := op.Method
	if op.Path != "" {
		name += " " + op.Path
	}
	ctx, _ = o.tracer.Start(ctx, name, trace.WithSpanKind(trace.SpanKindClient), trace.WithAttributes(opAttrs(op)...))
	return ctx
}

// Wait adds a wait event to the span and measures the wait.
func (o *Observer) Wait(ctx context.Context, e aircall.WaitEvent) {
	trace.SpanFromContext(ctx).AddEvent(WaitEvent, trace.WithAttributes(
		WaitReasonKey.String(string(e.Reason)),
		WaitDurationKey.Float64(e.Duration.Seconds()),
		AttemptKey.Int(e.Attempt),
	))
	o.m.wait(ctx, e)
}

// AttemptEnd measures the attempt.
func (o *Observer) AttemptEnd(ctx context.Context, e aircall.AttemptEvent) {
	o.m.attempt(ctx, e)
}

// Retry adds a retry event to the span and counts it.
func (o *Observer) Retry(ctx context.Context, e aircall.RetryEvent) {
	attrs := []attribute.KeyValue{
		RetryReasonKey.String(string(e.Reason)),
		RetryBackoffKey.Float64(e.Backoff.Seconds()),
		AttemptKey.Int(e.Attempt),
	}
	if e.Status != 0 {
		attrs = append(attrs, semconv.HTTPResponseStatusCode(e.Status))
	}
	trace.SpanFromContext(ctx).AddEvent(RetryEvent, trace.WithAttributes(attrs...))
	o.m.retry(ctx, e)
}

// OperationEnd ends the span with the operation's result and measures it.
func (o *Observer) OperationEnd(ctx context.Context, e aircall.OperationEndEvent) {
	span := trace.SpanFromContext(ctx)
	attrs := make([]attribute.KeyValue, 0, 5)
	if e.Status != 0 {
		attrs = append(attrs, semconv.HTTPResponseStatusCode(e.Status))
	}
	if e.Attempts > 1 {
		attrs = append(attrs, semconv.HTTPRequestResendCount(e.Attempts-1))
	}
	attrs = appendRate(attrs, e.Rate)
	if e.Err != nil {
		typ := errorType(e.Err)
		attrs = append(attrs, semconv.ErrorTypeKey.String(typ))
		msg := safeMessage(e.Op, typ, e.Err)
		span.AddEvent(semconv.ExceptionEventName, trace.WithAttributes(
			semconv.ExceptionTypeKey.String(semconv.ErrorType(e.Err).Value.AsString()), // a Go type name
			semconv.ExceptionMessageKey.String(msg),
		))
		span.SetStatus(codes.Error, msg)
	}
	span.SetAttributes(attrs...)
	span.End()
	o.m.operation(ctx, e)
}

// opAttrs are the attributes naming an operation, on its span and its metrics.
func opAttrs(op aircall.OperationInfo) []attribute.KeyValue {
	attrs := make([]attribute.KeyValue, 0, 7)
	attrs = append(attrs, method(op.Method), semconv.ServerAddress(op.Host), semconv.ServerPort(op.Port))
	if op.Path != "" {
		attrs = append(attrs, semconv.URLTemplate(op.Path))
	}
	if op.ID != "" {
		attrs = append(attrs, OperationKey.String(op.ID))
	}
	return attrs
}

// method is http.request.method, "_OTHER" for a method HTTP does not define.
func method(m string) attribute.KeyValue {
	switch m {
	case http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete,
		http.MethodHead, http.MethodOptions, http.MethodConnect, http.MethodTrace:
		return semconv.HTTPRequestMethodKey.String(m)
	}
	return semconv.HTTPRequestMethodOther
}

func appendRate(attrs []attribute.KeyValue, r aircall.Rate) []attribute.KeyValue {
	if r == (aircall.Rate{}) {
		return attrs
	}
	if r.Limit > 0 {
		attrs = append(attrs, RateLimitKey.Int(r.Limit))
	}
	if r.Remaining >= 0 {
		attrs = append(attrs, RateRemainingKey.Int(r.Remaining))
	}
	return attrs
}

// safeMessage describes a failure without its text, which can quote the
// server (an invalid phone number, say) or the request.
func safeMessage(op aircall.OperationInfo, typ string, err error) string {
	name := op.Method
	if op.Path != "" {
		name += " " + op.Path
	}
	var er *aircall.ErrorResponse
	if errors.As(err, &er) {
		return fmt.Sprintf("aircall: %s: %d %s", name, er.StatusCode, http.StatusText(er.StatusCode))
	}
	return fmt.Sprintf("aircall: %s: %s", name, typ)
}
