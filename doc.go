// Package aircall is a typed client for the Aircall Public API
// (https://developer.aircall.io): users, teams, calls, numbers, contacts,
// tags, webhooks, dialer campaigns, A2P campaign associations, SMS/MMS and
// WhatsApp messaging, and the webhook events Aircall sends.
//
// # Usage
//
//	client, err := aircall.NewClient(aircall.WithBasicAuth(apiID, apiToken))
//	if err != nil {
//		return err
//	}
//	user, _, err := client.Users.Get(ctx, 456)
//
// Every method takes a context.Context first and returns the decoded model,
// the *Response (non-nil whenever the server answered, also with an error)
// and an error. Services hang off the Client: client.Calls, client.Contacts,
// client.Webhooks and so on.
//
// # Authentication
//
// Aircall customers use an API key of their company with WithBasicAuth.
// Technology partners use OAuth: send the admin to AuthorizeURL, exchange
// the code Aircall returns with Client.ExchangeOAuthCode, and build clients
// with WithBearerToken. Credentials are added by the client's transport to
// requests bound for the API host only; they never follow a redirect to
// another host (such a redirect is refused with ErrRedirectBlocked), and
// they never appear in errors, logs or %v output.
//
// # Rate limits
//
// Aircall allows 60 requests per minute per company. The client paces
// itself to that budget (WithRateLimit to change it, WithoutRateLimit to
// turn pacing off, WithLimiter to share one budget between processes), and
// reads the X-AircallApi-Limit, -Remaining and -Reset headers after every
// answer: once the server reports no request remaining, nothing leaves
// before Reset. Client.Rate returns the last reported state.
//
// # Retries
//
// A 429 is retried for every method after the reset the server gives (or
// a jittered backoff). 5xx answers, 408 and network errors are retried for
// GET, PUT and DELETE only, never for POST. See RetryPolicy. Every wait ends
// when the context does: a cancelled context gives an error matching
// context.Canceled, and a wait that cannot end before the context's
// deadline fails at once with an error matching context.DeadlineExceeded.
//
// # Pagination
//
// Every list endpoint has List, which fetches one page (Response.Meta holds
// the pagination block), and ListIter, a lazy iterator over all pages:
//
//	for call, err := range client.Calls.ListIter(ctx, &aircall.CallListOptions{From: since}) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(call.ID)
//	}
//
// Iterators ask for 50 items per page, never modify the options they are
// given, yield an error once and stop, and stop cleanly on break. The API
// stops paging calls and contacts after 10,000 items; their iterators go
// past that limit by restarting from the last creation time seen. Collect
// gathers an iterator into a slice.
//
// # Errors
//
// A non-2xx answer is an *ErrorResponse carrying Aircall's error and
// troubleshoot fields. Match classes with errors.Is (ErrNotFound,
// ErrForbidden, ErrRateLimited, ErrServer, ...) and reach the details with
// errors.As. A 429 that outlives the retries is a *RateLimitError. Invalid
// input is rejected before any request is sent with an *ArgError (matching
// ErrInvalidArgument).
//
// # Times and quirks
//
// Aircall sends times as ISO-8601 strings, unix seconds or unix
// milliseconds depending on the resource. Timestamp reads them all and
// decodes a value it cannot read to the zero time rather than failing the
// whole answer. Optional request fields are pointers: use Ptr to set them.
//
// # Testing
//
// Package aircalltest runs a stateful in-memory Aircall API on an httptest
// server; point a client at it with its Client method, or with WithBaseURL.
// Services are concrete types: mock at the HTTP layer, not with interfaces.
package aircall
