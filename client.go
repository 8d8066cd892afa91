package aircall

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/google/go-querystring/query"
)

const (
	// DefaultBaseURL is the root of the Aircall Public API.
	DefaultBaseURL = "https://api.aircall.io/"

	// DefaultTimeout bounds one attempt of one request (connect, send, read the body).
	DefaultTimeout = 30 * time.Second

	// DefaultRequestsPerMinute is the documented company-wide budget of the Aircall Public API.
	DefaultRequestsPerMinute = 60

	userAgentBase = "aircall-go/" + Version
)

// Client talks to the Aircall Public API. Build one with NewClient and share it:
// it is safe for concurrent use, and its rate limiter only works if every
// goroutine goes through the same Client.
type Client struct {
	hc        *http.Client
	baseURL   *url.URL
	userAgent string
	timeout   time.Duration
	limiter   Limiter // a pacer given with WithLimiter; nil otherwise
	budget    *budget // what the server said of the budget, and our pacing
	retry     RetryPolicy
	logger    *slog.Logger
	cfg       config // kept for Clone

	tagFlights flightGroup[*Tag] // TagsService.FindOrCreate: one lookup per name at a time

	// seams for deterministic tests
	now    func() time.Time
	jitter func(time.Duration) time.Duration

	common service // shared by every service: no allocation per service

	Users           *UsersService
	Teams           *TeamsService
	Calls           *CallsService
	DialerCampaigns *DialerCampaignsService
	Numbers         *NumbersService
	Contacts        *ContactsService
	Tags            *TagsService
	Webhooks        *WebhooksService
	Company         *CompanyService
	Integrations    *IntegrationsService
	A2P             *A2PService // A2P (10DLC) campaign associations
	Messaging       *MessagingService
	WhatsApp        *WhatsAppService
	// UsersV2 manages Users through the v2 endpoints (/v2/users), which replace
	// the v1 list, retrieve, create and update operations.
	UsersV2 *UsersV2Service
	// AIVoiceAgents starts outbound calls placed by AI Voice Agents.
	AIVoiceAgents *AIVoiceAgentsService
	// Analytics exports Analytics+ reports (needs the Analytics+ add-on).
	Analytics *AnalyticsService
}

// service is the shared state behind every XxxService type.
type service struct {
	client *Client
}

// Response wraps the http.Response of the last attempt of a request.
//
// It is non-nil whenever the server answered, also when an error is returned
// alongside it. Its Body has already been read and closed by the SDK.
type Response struct {
	*http.Response

	// Meta is the pagination block of list endpoints; nil elsewhere.
	Meta *Meta
	// Rate is what the X-AircallApi-* headers of this response said (zero when absent).
	Rate Rate
	// Attempts is how many times the request was sent (1 without retries).
	Attempts int
}

// NewClient returns a Client configured by opts. It never panics and reads no
// environment variable: every setting comes from an Option.
//
// A client built without credentials can only call endpoints that need none,
// such as ExchangeOAuthCode; everything else answers 403.
func NewClient(opts ...Option) (*Client, error) {
	cfg := defaultConfig()
	for _, opt := range opts {
		if opt == nil {
			return nil, errors.New("aircall: nil Option")
		}
		if err := opt(&cfg); err != nil {
			return nil, err
		}
	}
	return newClient(cfg)
}

// Clone returns a new Client with the same settings as c, changed by opts.
// The clone has its own rate limiter and its own observed Rate, which is what
// an OAuth app serving several companies needs: Aircall's budget is per company.
// A limiter given with WithLimiter is shared, not copied.
func (c *Client) Clone(opts ...Option) (*Client, error) {
	cfg := c.cfg
	for _, opt := range opts {
		if opt == nil {
			return nil, errors.New("aircall: nil Option")
		}
		if err := opt(&cfg); err != nil {
			return nil, err
		}
	}
	return newClient(cfg)
}

func newClient(cfg config) (*Client, error) {
	hc := *cfg.hc // never mutate the caller's client
	base := cfg.baseURL
	hc.Transport = newAuthTransport(hc.Transport, base, cfg.auth)
	hc.CheckRedirect = sameHostRedirects(cfg.hc.CheckRedirect)

	c := &Client{
		hc:        &hc,
		baseURL:   base,
		userAgent: userAgentBase,
		timeout:   cfg.timeout,
		retry:     cfg.retry.withDefaults(),
		logger:    cfg.logger,
		cfg:       cfg,
		now:       time.Now,
		jitter:    fullJitter,
	}
	c.budget = newBudget(cfg, func() time.Time { return c.now() })
	if cfg.product != "" {
		c.userAgent = cfg.product + " " + userAgentBase
	}
	c.limiter = cfg.limiter
	c.common.client = c
	c.Users = (*UsersService)(&c.common)
	c.Teams = (*TeamsService)(&c.common)
	c.Calls = (*CallsService)(&c.common)
	c.DialerCampaigns = (*DialerCampaignsService)(&c.common)
	c.Numbers = (*NumbersService)(&c.common)
	c.Contacts = (*ContactsService)(&c.common)
	c.Tags = (*TagsService)(&c.common)
	c.Webhooks = (*WebhooksService)(&c.common)
	c.Company = (*CompanyService)(&c.common)
	c.Integrations = (*IntegrationsService)(&c.common)
	c.A2P = (*A2PService)(&c.common)
	c.Messaging = (*MessagingService)(&c.common)
	c.WhatsApp = (*WhatsAppService)(&c.common)
	c.UsersV2 = (*UsersV2Service)(&c.common)
	c.AIVoiceAgents = (*AIVoiceAgentsService)(&c.common)
	c.Analytics = (*AnalyticsService)(&c.common)
	return c, nil
}

// BaseURL returns the API root this client sends requests to.
func (c *Client) BaseURL() string { return c.baseURL.String() }

// UserAgent returns the User-Agent header this client sends.
func (c *Client) UserAgent() string { return c.userAgent }

// Rate returns the client's view of the rate-limit budget now: the Limit
// the server reported, the requests Remaining (what the server last said,
// less the requests sent since, in flight or answered; back to Limit once a
// fixed window's Reset has passed) and the Reset the server gave. It is safe
// to call from any goroutine. Aircall may send its X-AircallApi-* headers
// only once the limit is reached, so a zero Rate means "nothing reported
// yet", not "no budget left".
func (c *Client) Rate() Rate { return c.budget.rate() }

// NewRequest builds an API request. path is relative to the base URL
// ("v1/users" and "/v1/users" are the same); a full URL is accepted only if it
// points at the API host (e.g. a next_page_link or direct_link). body, if not
// nil, is encoded as JSON into a replayable reader so that retries resend it
// unchanged.
func (c *Client) NewRequest(ctx context.Context, method, path string, body any) (*http.Request, error) {
	if ctx == nil {
		return nil, &ArgError{Arg: "ctx", Reason: "must not be nil"}
	}
	u, err := c.resolve(path)
	if err != nil {
		return nil, err
	}
	var rd io.Reader
	if body != nil {
		buf, err := json.Marshal(body)
		if err != nil {
			return nil, fmt.Errorf("aircall: encoding request body: %w", err)
		}
		rd = bytes.NewReader(buf) // NewRequestWithContext sets GetBody and ContentLength
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), rd)
	if err != nil {
		return nil, fmt.Errorf("aircall: building request: %w", err)
	}
	switch method {
	case http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
		// The API requires it on every write, with or without a body.
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	return req, nil
}

func (c *Client) resolve(path string) (*url.URL, error) {
	if strings.Contains(path, "://") {
		u, err := url.Parse(path)
		if err != nil {
			return nil, &ArgError{Arg: "path", Reason: "is not a valid URL"}
		}
		if u.Scheme != c.baseURL.Scheme || u.Host != c.baseURL.Host {
			return nil, &ArgError{Arg: "path", Reason: "absolute URL must point at the API host " + c.baseURL.Host}
		}
		return u, nil
	}
	rel, err := url.Parse(strings.TrimLeft(path, "/"))
	if err != nil {
		return nil, &ArgError{Arg: "path", Reason: "is not a valid relative URL"}
	}
	return c.baseURL.ResolveReference(rel), nil
}

// Do sends req and decodes the JSON response body into v.
//
// v may be nil (the body is discarded), an io.Writer (the raw body is copied
// into it), or a pointer to decode JSON into. Do paces the request with the
// client's limiter, waits while the server said no budget is left, and retries
// according to the client's RetryPolicy; every wait honours req's context.
//
// The returned *Response is non-nil whenever the server answered, also with an
// error. Errors are *ErrorResponse (any non-2xx answer), *RateLimitError (a 429
// that outlived the retries), or transport errors wrapped with %w; an error
// from a cancelled or expired context always matches context.Canceled or
// context.DeadlineExceeded with errors.Is.
func (c *Client) Do(req *http.Request, v any) (*Response, error) {
	return c.do(req, v, false)
}

// do is Do with one more knob: retrySafe marks a non-idempotent request
// (a POST) as safe to resend on 5xx and network errors, e.g. because it
// carries an idempotency key.
func (c *Client) do(req *http.Request, v any, retrySafe bool) (*Response, error) {
	if req == nil {
		return nil, &ArgError{Arg: "req", Reason: "must not be nil"}
	}
	ctx := req.Context()
	idempotent := retrySafe || isIdempotent(req.Method)
	var last *Response
	for attempt := 1; ; attempt++ {
		seq, err := c.waitTurn(ctx)
		if err != nil {
			return last, err
		}
		start := c.now()
		resp, err := c.attempt(ctx, req, v, attempt, seq)
		if resp != nil {
			resp.Attempts = attempt
			last = resp
		}
		c.logAttempt(ctx, req, resp, err, attempt, start)
		if err == nil {
			return resp, nil
		}
		if ctxErr := ctx.Err(); ctxErr != nil {
			return last, contextError(ctxErr, err)
		}
		delay, retry := c.retryDecision(idempotent, err, attempt)
		if !retry {
			return last, finalError(err, attempt)
		}
		if err := sleep(ctx, delay, c.now); err != nil {
			return last, err
		}
	}
}

// waitTurn blocks until a request may leave: first a Limiter given with
// WithLimiter, then the client's budget (the server's hold, and the
// adaptive pacing unless WithoutRateLimit or WithLimiter turned it off). It
// returns the request's number in the budget, for attempt to report the
// answer against.
func (c *Client) waitTurn(ctx context.Context) (uint64, error) {
	if c.limiter != nil {
		if err := c.limiter.Wait(ctx); err != nil {
			return 0, limiterError(ctx, err)
		}
	}
	return c.budget.acquire(ctx, c.retry.MaxWait, c.logger)
}

// attempt sends one copy of req and reads the whole answer within the
// per-attempt timeout. It returns a non-nil *Response whenever the server
// answered.
func (c *Client) attempt(ctx context.Context, req *http.Request, v any, n int, seq uint64) (*Response, error) {
	answered := false
	defer func() {
		if !answered {
			c.budget.done(seq, Rate{}, 0, 0, 0) // no answer: only the request in flight ends
		}
	}()
	actx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	areq := req.WithContext(actx)
	if n > 1 && req.Body != nil && req.Body != http.NoBody {
		if req.GetBody == nil {
			return nil, errors.New("aircall: request body cannot be replayed for a retry")
		}
		body, err := req.GetBody()
		if err != nil {
			return nil, fmt.Errorf("aircall: replaying request body: %w", err)
		}
		areq.Body = body
	}
	hr, err := c.hc.Do(areq)
	if err != nil {
		return nil, transportError(req, err)
	}
	resp := &Response{Response: hr}
	now := c.now()
	rate, prec := parseRate(hr.Header, now)
	resp.Rate = rate
	answered = true
	c.observe(seq, rate, prec, hr, now)

	if hr.StatusCode >= 300 {
		body := readErrorBody(hr) // a truncated or cut error body still tells the status
		return resp, newErrorResponse(req, hr, body, resp.Rate, c.now())
	}
	if hr.ContentLength > maxBodySize {
		drainAndClose(hr.Body)
		hr.Body = http.NoBody
		return resp, tooLarge(req)
	}
	body, more, readErr := readLimited(hr.Body, maxBodySize)
	drainAndClose(hr.Body)
	hr.Body = http.NoBody
	if readErr != nil {
		return resp, transportError(req, readErr)
	}
	if more {
		return resp, tooLarge(req)
	}
	return resp, decodeBody(req, hr.StatusCode, body, v)
}

// readErrorBody reads the first maxErrorBodySize bytes of an error answer
// (ErrorResponse.Body keeps them) and closes the body. A read error leaves
// what was read: the status alone already says what went wrong.
func readErrorBody(hr *http.Response) []byte {
	body, _, _ := readLimited(io.LimitReader(hr.Body, maxErrorBodySize), maxErrorBodySize)
	drainAndClose(hr.Body)
	hr.Body = http.NoBody
	return body
}

func tooLarge(req *http.Request) error {
	return fmt.Errorf("%w: %s %s answered more than %d MiB", ErrResponseTooLarge, req.Method, req.URL.Path, maxBodySize>>20)
}

// decodeBody stores a successful body into v.
func decodeBody(req *http.Request, status int, body []byte, v any) error {
	switch v := v.(type) {
	case nil:
		return nil
	case io.Writer:
		_, err := v.Write(body)
		return err
	}
	if len(bytes.TrimSpace(body)) == 0 {
		if status == http.StatusNoContent {
			return nil
		}
		return fmt.Errorf("aircall: %s %s: %d with %w", req.Method, req.URL.Path, status, ErrEmptyBody)
	}
	if err := json.Unmarshal(body, v); err != nil {
		return &DecodeError{Method: req.Method, Path: req.URL.Path, StatusCode: status, Err: err}
	}
	return nil
}

func drainAndClose(body io.ReadCloser) {
	// Drain a little so the connection can be reused, then close.
	_, _ = io.CopyN(io.Discard, body, 4<<10)
	_ = body.Close()
}

// observe reports the answer to request seq to the budget, and its
// rate-limit headers to a Limiter given with WithLimiter (so a shared
// limiter can tell its peers).
func (c *Client) observe(seq uint64, r Rate, prec time.Duration, hr *http.Response, now time.Time) {
	var retryAfter time.Duration
	if hr.StatusCode == http.StatusTooManyRequests {
		retryAfter = serverWait(hr.Header, r, now)
	}
	c.budget.done(seq, r, prec, hr.StatusCode, retryAfter)
	if c.limiter != nil && !r.isZero() {
		c.limiter.Observe(r)
	}
}

func (c *Client) logAttempt(ctx context.Context, req *http.Request, resp *Response, err error, attempt int, start time.Time) {
	if c.logger == nil || !c.logger.Enabled(ctx, slog.LevelDebug) {
		return
	}
	attrs := []slog.Attr{
		slog.String("method", req.Method),
		slog.String("path", req.URL.Path), // never the query or headers
		slog.Int("attempt", attempt),
		slog.Duration("elapsed", c.now().Sub(start)),
	}
	if resp != nil {
		attrs = append(attrs, slog.Int("status", resp.StatusCode))
		if !resp.Rate.isZero() {
			attrs = append(attrs, slog.Int("rate_remaining", resp.Rate.Remaining))
		}
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	c.logger.LogAttrs(ctx, slog.LevelDebug, "aircall request", attrs...)
}

// Ping checks that the client's credentials are accepted.
//
//aircall:operation GET /v1/ping
func (c *Client) Ping(ctx context.Context) (*Response, error) {
	pong, resp, err := doOne[struct {
		Ping string `json:"ping"`
	}](ctx, c, http.MethodGet, "v1/ping", "", nil)
	if err != nil {
		return resp, err
	}
	if pong.Ping != "pong" {
		return resp, fmt.Errorf("aircall: unexpected ping answer %q", pong.Ping)
	}
	return resp, nil
}

// addOptions encodes opts (a struct with `url` tags, or nil) into path's
// query string with go-querystring, so "+33 1 ..." arrives as "+33 1 ...".
func addOptions(path string, opts any) (string, error) {
	if opts == nil {
		return path, nil
	}
	qs, err := query.Values(opts)
	if err != nil {
		return "", fmt.Errorf("aircall: encoding query: %w", err)
	}
	if len(qs) == 0 {
		return path, nil
	}
	return path + "?" + qs.Encode(), nil
}
