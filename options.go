package aircall

import (
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Option configures a Client. Options validate their input: NewClient returns
// the first option error instead of building a half-configured client.
type Option func(*config) error

// config is what the options fill; newClient builds the Client from it.
type config struct {
	baseURL   *url.URL
	hc        *http.Client
	product   string
	timeout   time.Duration
	auth      *credential // nil without credentials; the last auth option wins
	pace      bool        // adaptive client-side pacing (WithoutRateLimit turns it off)
	perMinute int         // WithRateLimit's upper bound; 0 = none
	burst     int
	reserve   int // requests per window left to other integrations
	limiter   Limiter
	retry     RetryPolicy
	logger    *slog.Logger
}

// sharedTransport serves every client built without WithHTTPClient: a clone
// of http.DefaultTransport (proxy from the environment, HTTP/2, timeouts),
// kept apart from other libraries' use of the default one, with more idle
// connections per host since every request goes to one API host.
var sharedTransport = sync.OnceValue(func() http.RoundTripper {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = 16
	return t
})

func defaultConfig() config {
	u, _ := url.Parse(DefaultBaseURL)
	return config{
		baseURL: u,
		hc:      &http.Client{Transport: sharedTransport()},
		timeout: DefaultTimeout,
		pace:    true,
		retry:   DefaultRetryPolicy(),
	}
}

// WithBasicAuth authenticates with an API key of your company (Settings → API
// Keys): Authorization: Basic base64(api_id:api_token). Both values are
// required and must not contain control characters (CR, LF, ...).
//
// WithBasicAuth and WithBearerToken replace each other: the last one given
// wins, so Clone(WithBearerToken(t)) turns an API-key client into an OAuth one.
func WithBasicAuth(apiID, apiToken string) Option {
	return func(c *config) error {
		apiID, apiToken = strings.TrimSpace(apiID), strings.TrimSpace(apiToken)
		if apiID == "" || apiToken == "" {
			return &ArgError{Arg: "WithBasicAuth", Reason: "api_id and api_token must both be set"}
		}
		if strings.Contains(apiID, ":") {
			return &ArgError{Arg: "WithBasicAuth", Reason: "api_id must not contain ':'"}
		}
		if err := firstErr(checkHeaderValue("WithBasicAuth", apiID), checkHeaderValue("WithBasicAuth", apiToken)); err != nil {
			return err
		}
		c.auth = basicCredential(apiID, apiToken)
		return nil
	}
}

// WithBearerToken authenticates with an OAuth access token (see
// ExchangeOAuthCode): Authorization: Bearer <token>. Aircall access tokens do
// not expire. A token with control characters (CR, LF, ...) or inner spaces
// is refused.
//
// WithBasicAuth and WithBearerToken replace each other: the last one given wins.
func WithBearerToken(token string) Option {
	return func(c *config) error {
		token = strings.TrimSpace(strings.Trim(strings.TrimSpace(token), `"`))
		if token == "" {
			return &ArgError{Arg: "WithBearerToken", Reason: "token must not be empty"}
		}
		if err := checkHeaderValue("WithBearerToken", token); err != nil {
			return err
		}
		if strings.ContainsAny(token, " \t") {
			return &ArgError{Arg: "WithBearerToken", Reason: "token must not contain spaces"}
		}
		c.auth = bearerCredential(token)
		return nil
	}
}

// WithBaseURL points the client at another API root, such as an
// aircalltest.Server or a proxy. It must be an https URL; plain http is
// accepted only for loopback hosts (localhost, 127.0.0.0/8, ::1). A trailing
// slash is added when missing.
func WithBaseURL(rawURL string) Option {
	return func(c *config) error {
		u, err := url.Parse(strings.TrimSpace(rawURL))
		if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
			return &ArgError{Arg: "WithBaseURL", Reason: "must be an absolute http(s) URL"}
		}
		if u.Scheme == "http" && !isLoopback(u.Hostname()) {
			return &ArgError{Arg: "WithBaseURL", Reason: "plain http is allowed only for loopback hosts; use https"}
		}
		if u.User != nil {
			return &ArgError{Arg: "WithBaseURL", Reason: "must not carry credentials; use WithBasicAuth"}
		}
		if u.RawQuery != "" || u.Fragment != "" {
			return &ArgError{Arg: "WithBaseURL", Reason: "must not have a query or fragment"}
		}
		if !strings.HasSuffix(u.Path, "/") {
			u.Path += "/"
		}
		c.baseURL = u
		return nil
	}
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// WithHTTPClient sends requests through hc (its Transport, Jar and so on).
// The client is copied, never mutated. Its Timeout, if any, still applies; the
// SDK's own per-attempt timeout is set with WithTimeout.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) error {
		if hc == nil {
			return &ArgError{Arg: "WithHTTPClient", Reason: "http client must not be nil"}
		}
		c.hc = hc
		return nil
	}
}

// WithUserAgent prepends product (e.g. "mycrm/2.1") to the User-Agent header,
// which becomes "mycrm/2.1 aircall-go/<Version>".
func WithUserAgent(product string) Option {
	return func(c *config) error {
		product = strings.TrimSpace(product)
		if product == "" {
			return &ArgError{Arg: "WithUserAgent", Reason: "product must not be empty"}
		}
		if strings.ContainsAny(product, "\r\n") {
			return &ArgError{Arg: "WithUserAgent", Reason: "product must not contain line breaks"}
		}
		c.product = product
		return nil
	}
}

// WithTimeout bounds each attempt of a request (connecting, sending and reading
// the answer). Default 30s. Waits between attempts are bounded by the
// request's context, not by this timeout.
func WithTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d <= 0 {
			return &ArgError{Arg: "WithTimeout", Reason: "must be positive"}
		}
		c.timeout = d
		return nil
	}
}

// WithRateLimit sets an upper bound on the client's pace: at most perMinute
// requests leave in any 60-second window, with bursts of up to burst. It is
// also what the client assumes before the server has said anything.
//
// Without it, the client paces itself from what the server says: it learns
// the budget (X-AircallApi-Limit, up or down from the documented 60 per
// minute), what is left of it (X-AircallApi-Remaining, less the requests in
// flight) and when it frees up (X-AircallApi-Reset); it sends at once while
// plenty is left and spreads the last requests until Reset. Use
// WithRateLimit to keep an integration below what the server would allow.
func WithRateLimit(perMinute, burst int) Option {
	return func(c *config) error {
		if perMinute < 1 {
			return &ArgError{Arg: "WithRateLimit", Reason: "perMinute must be at least 1"}
		}
		if burst < 1 || burst > perMinute {
			return &ArgError{Arg: "WithRateLimit", Reason: fmt.Sprintf("burst must be between 1 and perMinute (%d)", perMinute)}
		}
		c.pace, c.perMinute, c.burst, c.limiter = true, perMinute, burst, nil
		return nil
	}
}

// WithRateLimitReserve leaves n requests of every rate-limit window to the
// other integrations that use the same API key (Aircall's budget belongs to
// the company): the client stops while only n are left, and counts what the
// others already spent in the window towards those n. With n at least the
// others' share, they are never refused because of this client.
func WithRateLimitReserve(n int) Option {
	return func(c *config) error {
		if n < 0 || n >= DefaultRequestsPerMinute {
			return &ArgError{Arg: "WithRateLimitReserve", Reason: fmt.Sprintf("must be between 0 and %d", DefaultRequestsPerMinute-1)}
		}
		c.reserve = n
		return nil
	}
}

// WithoutRateLimit removes client-side pacing. The client still holds
// requests while the server says no request remains (until its Reset), and
// still waits on 429s.
func WithoutRateLimit() Option {
	return func(c *config) error {
		c.pace, c.perMinute, c.limiter = false, 0, nil
		return nil
	}
}

// WithLimiter replaces client-side pacing with l, for example a limiter shared
// by several processes that use the same API key (see the redislimit module).
func WithLimiter(l Limiter) Option {
	return func(c *config) error {
		if l == nil {
			return &ArgError{Arg: "WithLimiter", Reason: "limiter must not be nil; use WithoutRateLimit"}
		}
		c.limiter = l
		return nil
	}
}

// WithRetryPolicy sets how failed requests are retried. Zero durations take
// their defaults; MaxRetries 0 disables retries. Start from
// DefaultRetryPolicy() to change one field.
func WithRetryPolicy(p RetryPolicy) Option {
	return func(c *config) error {
		if p.MaxRetries < 0 || p.MinBackoff < 0 || p.MaxBackoff < 0 || p.MaxWait < 0 {
			return &ArgError{Arg: "WithRetryPolicy", Reason: "values must not be negative"}
		}
		if p.MinBackoff > 0 && p.MaxBackoff > 0 && p.MinBackoff > p.MaxBackoff {
			return &ArgError{Arg: "WithRetryPolicy", Reason: "MinBackoff must not exceed MaxBackoff"}
		}
		c.retry = p
		return nil
	}
}

// WithLogger sends debug logs (method, path, status, attempt, elapsed time) to
// l. Credentials, headers and query strings are never logged.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		if l == nil {
			return &ArgError{Arg: "WithLogger", Reason: "logger must not be nil"}
		}
		c.logger = l
		return nil
	}
}
