// Package aircallotel traces and measures the requests of an aircall.Client
// with OpenTelemetry, without putting any customer data into the telemetry.
//
//	import aircallotel "github.com/aircall-go/aircall/otel"
//
//	obs, err := aircallotel.NewObserver() // the global TracerProvider and MeterProvider
//	...
//	client, err := aircall.NewClient(aircall.WithBearerToken(token), aircall.WithObserver(obs))
//
// Every operation (one call of a service method or of Client.Do; one page of
// an iterator) is one client span named after its method and path template,
// "GET /v1/calls/:id", with the HTTP client semantic conventions:
// http.request.method, url.template, server.address, server.port,
// http.response.status_code, http.request.resend_count when it was retried,
// error.type when it failed, plus aircall.operation, the operation's ID in
// the catalogue ("calls.get"). Waits for rate-limit budget
// (aircall.rate_limit.wait) and retries (aircall.retry) are events of that
// span; a failure is recorded as an exception whose message names the
// status, never the server's text.
//
// The metrics are http.client.request.duration (one per attempt, as the
// semantic conventions define it) and, under aircall.client.*:
// operation.duration, attempts, retries, rate_limited (429 answers),
// wait.duration, and the gauges rate_limit.limit and rate_limit.remaining
// (what the server last reported in its X-AircallApi-* headers).
//
// No attribute or event carries a URL, a query string, a path with its
// values, a header, a body or an error message from the server: searches by
// phone number or email, and messages, stay out of the traces. That is why
// this observer is better than wrapping the HTTP transport with otelhttp,
// which records url.full, query string included.
package aircallotel
