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
//	user, _, err := client.UsersV2.Get(ctx, 456)
//
// Every method takes a context.Context first and returns the decoded model,
// the *Response (non-nil whenever the server answered, also with an error)
// and an error. Services hang off the Client:
//
//   - Users, Teams, Calls (with conversation-intelligence insights),
//     DialerCampaigns, Numbers, Contacts, Tags, Webhooks, Company,
//     Integrations and A2P cover the Aircall API reference, operation for
//     operation.
//   - Messaging (SMS/MMS, group messages, SMS templates) and WhatsApp cover
//     the Messaging and WhatsApp Public APIs, in both modes: proxy (the
//     number is configured with a callback URL; messages stay out of the
//     Aircall apps) and native (messages appear in the apps). The two modes
//     are mutually exclusive on a number.
//   - UsersV2, AIVoiceAgents and Analytics cover endpoints beyond the API
//     reference (see How sure the SDK is of each shape).
//
// Each method's doc comment ends with the operation it calls, e.g.
// "//aircall:operation GET /v1/users/:id". Client.Do and Client.NewRequest
// reach any endpoint the SDK does not model yet.
//
// # How sure the SDK is of each shape
//
// Every operation of the Aircall API reference
// (https://developer.aircall.io/api-references/) is modelled on the
// reference itself, and its tests decode the reference's own examples.
// Aircall documents some endpoints only in its developer guides and Help
// Center (messaging, WhatsApp, conversation intelligence, analytics), and
// some not at all (Users v2, AI Voice Agents, SMS templates, group
// messages). For those, the method's doc comment says in one sentence where
// its shape comes from:
//
//   - "from Aircall's developer guides": Aircall describes the endpoint, not
//     always every field;
//   - "from several published integrations that agree": independent
//     third-party SDKs and integrations call it the same way;
//   - "from one published integration": a single third-party source;
//   - "not documented": no source shows it; the SDK keeps what it cannot
//     type (Extra maps, json.RawMessage, any) rather than guess.
//
// Models decode leniently, so an unexpected field or value never fails a
// whole answer, and Client.Do reaches any endpoint with your own types. If
// the API answers differently from what the SDK expects, please open an
// issue on the SDK's repository with the method, the HTTP status and the
// answer's body, personal data and credentials removed (CONTRIBUTING.md says
// how to turn it into a fixture and a fix).
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
// given, yield an error once and stop, and stop cleanly on break. Collect
// gathers an iterator into a slice.
//
// Calls and contacts are listed by creation time rather than by page
// number: every item present for the whole listing comes out exactly once
// while others are created or deleted, and past the 10,000 items the API
// stops paging at. Their ListPager and SearchPager return a Pager whose
// Checkpoint, saved after any item, lets a later run (another process
// even) go on where this one stopped, and whose Progress tells how far it
// is. NewCallSync and NewContactSync keep a copy of calls or contacts up
// to date from listings, webhook events and a rescan window, saving their
// checkpoint in a Store such as FileStore.
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
// # Webhooks
//
// Aircall POSTs events (call.created, call.ended, user.opened, contact.updated,
// ...) to the URL of each Webhook. WebhookHandler is an http.Handler for that
// URL: it reads at most 1 MiB of JSON, checks the event's token in constant
// time against Tokens (several are allowed, for a rotation; none refuses
// everything), and calls the func registered with On for the event, with the
// request's context:
//
//	h := &aircall.WebhookHandler{Tokens: []string{webhookToken}}
//	h.On(aircall.EventCallEnded, func(ctx context.Context, e *aircall.WebhookEvent) error {
//		call, err := e.Call()
//		if err != nil {
//			return err
//		}
//		return store.UpsertCall(ctx, call)
//	})
//	http.Handle("/aircall/webhooks", h)
//
// It answers 200 when the func returns nil, 401 for a wrong token, 400 for a
// malformed event, 405, 413 or 415 for a request that is not a JSON POST of
// at most 1 MiB, and 500 when the func fails or panics, so that Aircall sends
// the event again. ParseWebhook and ParseWebhookPayload do the same checks
// for your own handler; ParseWebhookPayloadUnverified skips the token check
// on purpose. Decode an event's data with the method named after its type
// (Call, User, Number, Contact, Message, ...): asking for another type fails
// with ErrWrongResource. Events the SDK does not know still parse.
//
// The token is a shared secret inside the body, not a signature: it proves
// the sender knows it, and nothing more. It gives no integrity and no replay
// protection, and the timestamp is unsigned. Serve the endpoint over HTTPS
// only and keep tokens out of logs; WebhookHandler.MaxAge can drop stale or
// naively replayed events. Aircall waits 5 seconds for an answer, retries a
// failed event 50 times, then disables the Webhook; deliveries are at least
// once and unordered. Answer fast (queue slow work) and make handlers
// idempotent.
//
// Numbers configured for proxy messaging receive callbacks instead of
// webhook events: MessageCallbackHandler and ParseMessageCallback handle
// them the same way.
//
// # Testing
//
// Package aircalltest runs a stateful in-memory Aircall API on an httptest
// server; point a client at it with its Client method, or with WithBaseURL.
// Services are concrete types: mock at the HTTP layer, not with interfaces.
package aircall
