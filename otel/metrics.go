package aircallotel

import (
	"context"
	"errors"
	"net/http"

	"github.com/aircall-go/aircall"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"
	"go.opentelemetry.io/otel/semconv/v1.43.0/httpconv"
)

// Names of the metrics beyond http.client.request.duration.
const (
	// MetricOperationDuration is the duration of whole operations, waits and retries included (s).
	MetricOperationDuration = "aircall.client.operation.duration"
	// MetricAttempts counts the requests sent, first attempts and retries.
	MetricAttempts = "aircall.client.attempts"
	// MetricRetries counts the failed attempts sent again, by aircall.retry.reason.
	MetricRetries = "aircall.client.retries"
	// MetricRateLimited counts the 429 Too Many Requests answers.
	MetricRateLimited = "aircall.client.rate_limited"
	// MetricWaitDuration is the duration of waits for rate-limit budget, by aircall.wait.reason (s).
	MetricWaitDuration = "aircall.client.wait.duration"
	// MetricRateLimit is the X-AircallApi-Limit the server last reported.
	MetricRateLimit = "aircall.client.rate_limit.limit"
	// MetricRateRemaining is the X-AircallApi-Remaining the server last reported.
	MetricRateRemaining = "aircall.client.rate_limit.remaining"
)

// instruments are the metrics an Observer records.
type instruments struct {
	request     httpconv.ClientRequestDuration
	operations  metric.Float64Histogram
	attempts    metric.Int64Counter
	retries     metric.Int64Counter
	rateLimited metric.Int64Counter
	waits       metric.Float64Histogram
	limit       metric.Int64Gauge
	remaining   metric.Int64Gauge
}

// durationBuckets suit an API paced at about one request a second, whose
// waits for budget can last a minute.
var durationBuckets = []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120}

func newInstruments(m metric.Meter) (instruments, error) {
	var ins instruments
	var err, e error
	ins.request, e = httpconv.NewClientRequestDuration(m)
	err = errors.Join(err, e)
	ins.operations, e = m.Float64Histogram(MetricOperationDuration, metric.WithUnit("s"),
		metric.WithDescription("Duration of Aircall API operations, waits for rate-limit budget and retries included."),
		metric.WithExplicitBucketBoundaries(durationBuckets...))
	err = errors.Join(err, e)
	ins.attempts, e = m.Int64Counter(MetricAttempts, metric.WithUnit("{attempt}"),
		metric.WithDescription("Requests sent to the Aircall API, first attempts and retries."))
	err = errors.Join(err, e)
	ins.retries, e = m.Int64Counter(MetricRetries, metric.WithUnit("{retry}"),
		metric.WithDescription("Failed attempts sent again, by reason."))
	err = errors.Join(err, e)
	ins.rateLimited, e = m.Int64Counter(MetricRateLimited, metric.WithUnit("{response}"),
		metric.WithDescription("429 Too Many Requests answers."))
	err = errors.Join(err, e)
	ins.waits, e = m.Float64Histogram(MetricWaitDuration, metric.WithUnit("s"),
		metric.WithDescription("Waits for rate-limit budget before an attempt, by reason."),
		metric.WithExplicitBucketBoundaries(durationBuckets...))
	err = errors.Join(err, e)
	ins.limit, e = m.Int64Gauge(MetricRateLimit, metric.WithUnit("{request}"),
		metric.WithDescription("Requests per window the server last reported (X-AircallApi-Limit)."))
	err = errors.Join(err, e)
	ins.remaining, e = m.Int64Gauge(MetricRateRemaining, metric.WithUnit("{request}"),
		metric.WithDescription("Requests left in the window the server last reported (X-AircallApi-Remaining)."))
	err = errors.Join(err, e)
	return ins, err
}

func (ins *instruments) attempt(ctx context.Context, e aircall.AttemptEvent) {
	attrs := opAttrs(e.Op)
	if e.Status != 0 {
		attrs = append(attrs, semconv.HTTPResponseStatusCode(e.Status))
	}
	if e.Err != nil {
		attrs = append(attrs, semconv.ErrorTypeKey.String(errorType(e.Err)))
	}
	set := attribute.NewSet(attrs...)
	ins.request.RecordSet(ctx, e.Duration.Seconds(), set)
	ins.attempts.Add(ctx, 1, metric.WithAttributeSet(set))
	if e.Status == http.StatusTooManyRequests {
		ins.rateLimited.Add(ctx, 1, metric.WithAttributeSet(set))
	}
	if e.Rate != (aircall.Rate{}) {
		// The budget is the company's: only the server names it.
		server := metric.WithAttributes(semconv.ServerAddress(e.Op.Host), semconv.ServerPort(e.Op.Port))
		if e.Rate.Limit > 0 {
			ins.limit.Record(ctx, int64(e.Rate.Limit), server)
		}
		if e.Rate.Remaining >= 0 {
			ins.remaining.Record(ctx, int64(e.Rate.Remaining), server)
		}
	}
}

func (ins *instruments) wait(ctx context.Context, e aircall.WaitEvent) {
	attrs := append(opAttrs(e.Op), WaitReasonKey.String(string(e.Reason)))
	ins.waits.Record(ctx, e.Duration.Seconds(), metric.WithAttributes(attrs...))
}

func (ins *instruments) retry(ctx context.Context, e aircall.RetryEvent) {
	attrs := append(opAttrs(e.Op), RetryReasonKey.String(string(e.Reason)))
	ins.retries.Add(ctx, 1, metric.WithAttributes(attrs...))
}

func (ins *instruments) operation(ctx context.Context, e aircall.OperationEndEvent) {
	attrs := opAttrs(e.Op)
	if e.Status != 0 {
		attrs = append(attrs, semconv.HTTPResponseStatusCode(e.Status))
	}
	if e.Err != nil {
		attrs = append(attrs, semconv.ErrorTypeKey.String(errorType(e.Err)))
	}
	ins.operations.Record(ctx, e.Duration.Seconds(), metric.WithAttributes(attrs...))
}
