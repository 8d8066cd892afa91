package aircallotel_test

import (
	"context"
	"encoding/base64"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	aircallotel "github.com/aircall-go/aircall/otel"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"
)

// telemetry is an SDK pipeline recording spans and metrics in memory.
type telemetry struct {
	spans  *tracetest.SpanRecorder
	reader *sdkmetric.ManualReader
	obs    *aircallotel.Observer
}

func newTelemetry(t *testing.T) *telemetry {
	t.Helper()
	tm := &telemetry{spans: tracetest.NewSpanRecorder(), reader: sdkmetric.NewManualReader()}
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(tm.spans))
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(tm.reader))
	t.Cleanup(func() {
		_ = tp.Shutdown(context.Background())
		_ = mp.Shutdown(context.Background())
	})
	obs, err := aircallotel.NewObserver(aircallotel.WithTracerProvider(tp), aircallotel.WithMeterProvider(mp))
	require.NoError(t, err)
	tm.obs = obs
	return tm
}

func (tm *telemetry) metrics(t *testing.T) map[string]metricdata.Metrics {
	t.Helper()
	var rm metricdata.ResourceMetrics
	require.NoError(t, tm.reader.Collect(context.Background(), &rm))
	out := map[string]metricdata.Metrics{}
	for _, sm := range rm.ScopeMetrics {
		assert.Equal(t, aircallotel.ScopeName, sm.Scope.Name)
		for _, m := range sm.Metrics {
			out[m.Name] = m
		}
	}
	return out
}

func attrMap(kvs []attribute.KeyValue) map[attribute.Key]any {
	m := map[attribute.Key]any{}
	for _, kv := range kvs {
		m[kv.Key] = kv.Value.AsInterface()
	}
	return m
}

func TestObserver_spanPerOperation(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		tm := newTelemetry(t)
		s := aircalltest.NewServer(aircalltest.InMemory(), aircalltest.WithDemoData())
		defer s.Close()
		c := s.Client(aircall.WithObserver(tm.obs))

		s.Inject(aircalltest.Fault{Method: http.MethodGet, Path: "/v1/calls/*", Times: 1, Status: http.StatusServiceUnavailable})
		calls, _, err := c.Calls.List(t.Context(), nil)
		require.NoError(t, err)
		_, _, err = c.Calls.Get(t.Context(), calls[0].ID, nil)
		require.NoError(t, err)

		spans := tm.spans.Ended()
		require.Len(t, spans, 2)
		list, get := spans[0], spans[1]
		assert.Equal(t, "GET /v1/calls", list.Name())
		assert.Equal(t, "GET /v1/calls/:id", get.Name())
		assert.Equal(t, trace.SpanKindClient, get.SpanKind())
		assert.Equal(t, map[attribute.Key]any{
			"http.request.method":          "GET",
			"url.template":                 "/v1/calls/:id",
			"server.address":               "api.aircall.test",
			"server.port":                  int64(443),
			"aircall.operation":            "calls.get",
			"http.response.status_code":    int64(200),
			"http.request.resend_count":    int64(1),
			"aircall.rate_limit.limit":     int64(60),
			"aircall.rate_limit.remaining": int64(58),
		}, attrMap(get.Attributes()))
		assert.Equal(t, codes.Unset, get.Status().Code)
		require.Len(t, get.Events(), 1)
		ev := get.Events()[0]
		assert.Equal(t, aircallotel.RetryEvent, ev.Name)
		assert.Equal(t, "server error", attrMap(ev.Attributes)[aircallotel.RetryReasonKey])
		assert.Equal(t, int64(503), attrMap(ev.Attributes)["http.response.status_code"])
		assert.NotContains(t, attrMap(list.Attributes()), attribute.Key("http.request.resend_count"))

		m := tm.metrics(t)
		attempts := m[aircallotel.MetricAttempts].Data.(metricdata.Sum[int64])
		var total int64
		for _, dp := range attempts.DataPoints {
			total += dp.Value
		}
		assert.Equal(t, int64(3), total, "list, get failing, get again")
		retries := m[aircallotel.MetricRetries].Data.(metricdata.Sum[int64])
		require.Len(t, retries.DataPoints, 1)
		assert.Equal(t, int64(1), retries.DataPoints[0].Value)
		for _, name := range []string{"http.client.request.duration", aircallotel.MetricOperationDuration,
			aircallotel.MetricRateLimit, aircallotel.MetricRateRemaining} {
			assert.Contains(t, m, name)
		}
		remaining := m[aircallotel.MetricRateRemaining].Data.(metricdata.Gauge[int64])
		require.Len(t, remaining.DataPoints, 1)
		assert.Equal(t, int64(58), remaining.DataPoints[0].Value, "the last answer's")
	})
}

func TestObserver_rateLimitedAndFailing(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		tm := newTelemetry(t)
		s := aircalltest.NewServer(aircalltest.InMemory(), aircalltest.WithDemoData())
		defer s.Close()
		c := s.Client(aircall.WithObserver(tm.obs))

		// A 429 with Retry-After, then an error answer quoting the input.
		s.Inject(aircalltest.Fault{Method: http.MethodGet, Path: "/v1/contacts/search", Times: 1,
			Status: http.StatusTooManyRequests, Header: http.Header{"Retry-After": {"3"}}})
		_, _, err := c.Contacts.Search(t.Context(), &aircall.ContactSearchOptions{PhoneNumber: "+34664673697"})
		require.NoError(t, err)
		s.Inject(aircalltest.Fault{Method: http.MethodPost, Path: "/v1/contacts", Times: 1, Status: http.StatusBadRequest,
			Body: []byte(`{"error":"Bad Request","troubleshoot":"phone number +34 664 67 36 97 is invalid"}`)})
		_, _, err = c.Contacts.Create(t.Context(), &aircall.CreateContactRequest{
			PhoneNumbers: []aircall.ContactDetail{{Label: "Mobile", Value: "+34664673697"}}})
		require.Error(t, err)

		spans := tm.spans.Ended()
		require.Len(t, spans, 2)
		search, create := spans[0], spans[1]
		assert.Equal(t, "GET /v1/contacts/search", search.Name())
		var names []string
		for _, ev := range search.Events() {
			names = append(names, ev.Name)
		}
		assert.Contains(t, names, aircallotel.RetryEvent)

		assert.Equal(t, "POST /v1/contacts", create.Name())
		assert.Equal(t, codes.Error, create.Status().Code)
		assert.Equal(t, "aircall: POST /v1/contacts: 400 Bad Request", create.Status().Description)
		a := attrMap(create.Attributes())
		assert.Equal(t, "400", a["error.type"])
		assert.Equal(t, int64(400), a["http.response.status_code"])
		require.NotEmpty(t, create.Events())
		exc := attrMap(create.Events()[len(create.Events())-1].Attributes)
		assert.Equal(t, "aircall: POST /v1/contacts: 400 Bad Request", exc["exception.message"])

		m := tm.metrics(t)
		limited := m[aircallotel.MetricRateLimited].Data.(metricdata.Sum[int64])
		require.Len(t, limited.DataPoints, 1)
		assert.Equal(t, int64(1), limited.DataPoints[0].Value)
		assertNoPersonalData(t, tm)
	})
}

// TestObserver_noPersonalData runs searches by phone number and email,
// creates a contact and sends a message, through retries, 429s, waits for
// the fake's budget and error answers quoting the input, then scans every
// span name, status, attribute and event and every metric attribute.
func TestObserver_noPersonalData(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		tm := newTelemetry(t)
		s := aircalltest.NewServer(aircalltest.InMemory(), aircalltest.WithDemoData())
		defer s.Close()
		c := s.Client(aircall.WithObserver(tm.obs))
		ctx := t.Context()

		s.Inject(aircalltest.Fault{Times: 3, Status: http.StatusBadGateway})
		s.Inject(aircalltest.Fault{Method: http.MethodPost, Times: 2, Status: http.StatusUnprocessableEntity,
			Body: []byte(`{"error":"Unprocessable","troubleshoot":"+33 6 12 34 56 78 / jane.doe@example.com / 06 12 34 56 78"}`)})
		for range 3 {
			_, _, _ = c.Contacts.Search(ctx, &aircall.ContactSearchOptions{PhoneNumber: "+34664673697"})
			_, _, _ = c.Contacts.Search(ctx, &aircall.ContactSearchOptions{Email: "m.morrison@teleworm.es"})
			_, _, _ = c.Calls.Search(ctx, &aircall.CallSearchOptions{PhoneNumber: "+33 6 12 34 56 78"})
			_, _, _ = c.Contacts.Create(ctx, &aircall.CreateContactRequest{
				PhoneNumbers: []aircall.ContactDetail{{Label: "Mobile", Value: "+33612345678"}},
				Emails:       []aircall.ContactDetail{{Label: "Work", Value: "jane.doe@example.com"}}})
			_, _, _ = c.Messaging.Send(ctx, aircalltest.DemoNumberID, &aircall.SendMessageRequest{
				To: "+33612345678", Body: "Call me back on 06 12 34 56 78, jane.doe@example.com"})
		}
		// A 429 reporting the budget spent, then enough requests to spend
		// the fake's budget (60 a minute): the client waits for its reset.
		s.Inject(aircalltest.Fault{Times: 1, Status: http.StatusTooManyRequests, Header: http.Header{
			"X-Aircallapi-Limit": {"60"}, "X-Aircallapi-Remaining": {"0"}, "Retry-After": {"1"}}})
		for range 70 {
			_, _, err := c.Contacts.Search(ctx, &aircall.ContactSearchOptions{PhoneNumber: "+34664673697"})
			require.NoError(t, err)
		}
		waits := 0
		for _, sp := range tm.spans.Ended() {
			for _, ev := range sp.Events() {
				if ev.Name == aircallotel.WaitEvent {
					waits++
				}
			}
		}
		assert.Positive(t, waits, "requests waited for the budget")

		m := tm.metrics(t)
		assert.Contains(t, m, aircallotel.MetricRateLimited)
		assert.Contains(t, m, aircallotel.MetricWaitDuration)
		assertNoPersonalData(t, tm)
	})
}

// Personal data the tests send, and what must never reach telemetry.
var (
	phoneDigits = []string{"664673697", "612345678", "8005550100"} // national significant numbers of the fixtures
	emailRe     = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)
	e164Re      = regexp.MustCompile(`\+\d[\d ().-]{6,}\d`)
	secrets     = []string{aircalltest.DefaultAPIToken, aircalltest.DefaultAPIID,
		base64.StdEncoding.EncodeToString([]byte(aircalltest.DefaultAPIID + ":" + aircalltest.DefaultAPIToken))}
)

// TestNoPersonalDataScan_catchesLeaks proves the scan sees what it looks for.
func TestNoPersonalDataScan_catchesLeaks(t *testing.T) {
	t.Parallel()
	for _, leak := range []string{
		"+34664673697", "+34 664 67 36 97", "0664673697", "06 12 34 56 78", "+1 (800) 555-0100",
		"jane.doe@example.com", "/v1/contacts/search?phone_number=%2B34", aircalltest.DefaultAPIToken,
	} {
		rec := &collectT{}
		checkText(rec, "sample", leak)
		assert.True(t, rec.failed, "%q not caught", leak)
	}
	rec := &collectT{}
	checkText(rec, "sample", "GET /v1/contacts/:id")
	assert.False(t, rec.failed)
}

type collectT struct{ failed bool }

func (c *collectT) Errorf(string, ...any) { c.failed = true }
func (c *collectT) Helper()               {}

func checkText(t interface {
	assert.TestingT
	Helper()
}, where, s string) {
	t.Helper()
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
	for _, d := range phoneDigits {
		assert.NotContains(t, digits, d, "%s carries a phone number: %q", where, s)
	}
	assert.False(t, emailRe.MatchString(s), "%s carries an email: %q", where, s)
	assert.False(t, e164Re.MatchString(s), "%s carries a phone number: %q", where, s)
	assert.NotContains(t, s, "?", "%s carries a query string: %q", where, s)
	for _, secret := range secrets {
		assert.NotContains(t, s, secret, "%s carries a credential", where)
	}
}

func checkAttrs(t *testing.T, where string, attrs []attribute.KeyValue) {
	t.Helper()
	for _, kv := range attrs {
		if kv.Value.Type() == attribute.FLOAT64 {
			continue // durations: digits with no meaning
		}
		checkText(t, where+" "+string(kv.Key), string(kv.Key)+"="+kv.Value.String())
	}
}

func assertNoPersonalData(t *testing.T, tm *telemetry) {
	t.Helper()
	spans := tm.spans.Ended()
	require.NotEmpty(t, spans)
	for _, sp := range spans {
		checkText(t, "span name", sp.Name())
		checkText(t, "span status", sp.Status().Description)
		checkAttrs(t, "span "+sp.Name(), sp.Attributes())
		for _, ev := range sp.Events() {
			checkText(t, "event name", ev.Name)
			checkAttrs(t, "event "+ev.Name, ev.Attributes)
		}
	}
	var rm metricdata.ResourceMetrics
	require.NoError(t, tm.reader.Collect(context.Background(), &rm))
	n := 0
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			for _, set := range metricSets(m.Data) {
				checkAttrs(t, "metric "+m.Name, set.ToSlice())
				n++
			}
		}
	}
	assert.Positive(t, n, "metrics were scanned")
}

// metricSets are the attribute sets of every data point of a metric.
func metricSets(data metricdata.Aggregation) []attribute.Set {
	var out []attribute.Set
	switch d := data.(type) {
	case metricdata.Sum[int64]:
		for _, dp := range d.DataPoints {
			out = append(out, dp.Attributes)
			for _, ex := range dp.Exemplars {
				out = append(out, attribute.NewSet(ex.FilteredAttributes...))
			}
		}
	case metricdata.Gauge[int64]:
		for _, dp := range d.DataPoints {
			out = append(out, dp.Attributes)
		}
	case metricdata.Histogram[float64]:
		for _, dp := range d.DataPoints {
			out = append(out, dp.Attributes)
			for _, ex := range dp.Exemplars {
				out = append(out, attribute.NewSet(ex.FilteredAttributes...))
			}
		}
	}
	return out
}

// spanSeer is a transport noting the span of every request it carries.
type spanSeer struct {
	next  http.RoundTripper
	spans []trace.SpanContext
}

func (s *spanSeer) RoundTrip(r *http.Request) (*http.Response, error) {
	s.spans = append(s.spans, trace.SpanContextFromContext(r.Context()))
	return s.next.RoundTrip(r)
}

// TestObserver_spanInContext: the operation's span is a child of the
// caller's, and the transport runs inside it (where otelhttp or a
// propagator would find it).
func TestObserver_spanInContext(t *testing.T) {
	t.Parallel()
	tm := newTelemetry(t)
	s := aircalltest.NewServer(aircalltest.InMemory())
	defer s.Close()
	seer := &spanSeer{next: s.HTTPClient().Transport}
	c := s.Client(aircall.WithObserver(tm.obs), aircall.WithHTTPClient(&http.Client{Transport: seer}))

	tracer := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(tm.spans)).Tracer("test")
	ctx, parent := tracer.Start(t.Context(), "caller")
	_, err := c.Ping(ctx)
	require.NoError(t, err)
	parent.End()

	spans := tm.spans.Ended()
	require.Len(t, spans, 2)
	op := spans[0]
	assert.Equal(t, "GET /v1/ping", op.Name())
	assert.Equal(t, parent.SpanContext().SpanID(), op.Parent().SpanID())
	require.Len(t, seer.spans, 1)
	assert.Equal(t, op.SpanContext().SpanID(), seer.spans[0].SpanID())
}
