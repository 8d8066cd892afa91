package aircalltest

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// Credentials and names the fake uses unless told otherwise. A client from
// Server.Client already carries DefaultAPIID and DefaultAPIToken.
const (
	// DefaultAPIID is the api_id of the fake's API key (Basic auth user name).
	DefaultAPIID = "aircalltest-api-id"
	// DefaultAPIToken is the api_token of the fake's API key (Basic auth password).
	DefaultAPIToken = "aircalltest-api-token"
	// DefaultClientID is the OAuth client_id POST /v1/oauth/token accepts.
	DefaultClientID = "aircalltest-client-id"
	// DefaultClientSecret is the OAuth client_secret POST /v1/oauth/token accepts.
	DefaultClientSecret = "aircalltest-client-secret"
	// DefaultOAuthCode is the authorization code POST /v1/oauth/token exchanges
	// for a new access token (as often as asked).
	DefaultOAuthCode = "aircalltest-authorization-code"
	// DefaultCompanyName is the name GET /v1/company answers.
	DefaultCompanyName = "Acme Inc."
	// DefaultRateLimit is the documented budget: 60 requests per minute per company.
	DefaultRateLimit = 60
	// DefaultRateLimitWindow is the length of one rate-limit window.
	DefaultRateLimitWindow = time.Minute
	// InMemoryURL is the base URL of a server started with InMemory: no host
	// answers it, the server's clients reach the handler without a socket.
	InMemoryURL = "https://api.aircall.test"
)

// ServerOption configures a Server. Options are applied in order by
// NewServer, which panics on an invalid value (a negative budget, a nil
// function): they are programming errors in a test.
type ServerOption func(*config)

// ResetUnit is the unit of the X-AircallApi-Reset header, which Aircall does
// not document. The SDK reads all three.
type ResetUnit int

const (
	// ResetEpochSeconds sends the end of the window as unix seconds (the default).
	ResetEpochSeconds ResetUnit = iota
	// ResetSecondsFromNow sends the seconds left until the end of the window.
	ResetSecondsFromNow
	// ResetEpochMillis sends the end of the window as unix milliseconds.
	ResetEpochMillis
)

type config struct {
	inMemory       bool
	listener       net.Listener // WithListener; nil: a loopback port of httptest
	apiID          string
	apiToken       string
	accessTokens   []string
	clientID       string
	clientSecret   string
	oauthCode      string
	companyName    string
	now            func() time.Time
	sleep          func(context.Context, time.Duration) error
	rateLimit      int
	rateWindow     time.Duration
	headersOnly    bool // send X-AircallApi-* only once the budget is spent
	leaky          bool // meter with a leaky bucket instead of fixed windows
	otherPerWindow int  // requests per window a simulated other integration spends
	logger         *slog.Logger
	resetUnit      ResetUnit
	deliveryHC     *http.Client
	demo           bool
	exportDelay    time.Duration
	a2pDelay       time.Duration
	webhookLimit   int
	wf             workflowConfig // options of options_workflows.go
}

func defaultConfig() config {
	return config{
		apiID:        DefaultAPIID,
		apiToken:     DefaultAPIToken,
		clientID:     DefaultClientID,
		clientSecret: DefaultClientSecret,
		oauthCode:    DefaultOAuthCode,
		companyName:  DefaultCompanyName,
		now:          time.Now,
		sleep:        sleepTimer,
		rateLimit:    DefaultRateLimit,
		rateWindow:   DefaultRateLimitWindow,
		a2pDelay:     5 * time.Second,
		webhookLimit: 100,
		wf:           defaultWorkflowConfig(),
	}
}

// InMemory starts no listener: the server's clients (Client, HTTPClient)
// call its handler directly through an in-memory http.RoundTripper, and URL
// returns InMemoryURL. Use it inside a testing/synctest bubble, where real
// sockets do not work, or whenever a test needs no network at all.
func InMemory() ServerOption {
	return func(c *config) { c.inMemory = true }
}

// WithAPIKey sets the api_id and api_token the fake accepts as Basic
// credentials, instead of DefaultAPIID and DefaultAPIToken.
func WithAPIKey(apiID, apiToken string) ServerOption {
	return func(c *config) {
		if apiID == "" || apiToken == "" {
			panic("aircalltest: WithAPIKey needs a non-empty api_id and api_token")
		}
		c.apiID, c.apiToken = apiID, apiToken
	}
}

// WithAccessToken makes the fake accept each token as an OAuth Bearer token,
// as if it had been issued by POST /v1/oauth/token. See also
// Server.IssueAccessToken.
func WithAccessToken(tokens ...string) ServerOption {
	return func(c *config) {
		for _, t := range tokens {
			if t == "" {
				panic("aircalltest: WithAccessToken needs non-empty tokens")
			}
		}
		c.accessTokens = append(c.accessTokens, tokens...)
	}
}

// WithOAuthApp sets the client_id, client_secret and authorization code that
// POST /v1/oauth/token exchanges for an access token, instead of
// DefaultClientID, DefaultClientSecret and DefaultOAuthCode.
func WithOAuthApp(clientID, clientSecret, code string) ServerOption {
	return func(c *config) {
		if clientID == "" || clientSecret == "" || code == "" {
			panic("aircalltest: WithOAuthApp needs a client id, a client secret and a code")
		}
		c.clientID, c.clientSecret, c.oauthCode = clientID, clientSecret, code
	}
}

// WithCompanyName sets the name GET /v1/company answers.
func WithCompanyName(name string) ServerOption {
	return func(c *config) { c.companyName = name }
}

// WithClock makes the fake read the time from now: creation times, the
// rate-limit windows, export and A2P delays, event timestamps. The default
// is time.Now, which inside a testing/synctest bubble is the bubble's fake
// clock. Latency faults wait with the sleep function (see WithSleep).
func WithClock(now func() time.Time) ServerOption {
	return func(c *config) {
		if now == nil {
			panic("aircalltest: WithClock(nil)")
		}
		c.now = now
	}
}

// WithSleep replaces how latency faults wait: sleep must return after d, or
// with ctx's error as soon as ctx ends. The default waits on a timer (the
// fake clock inside a synctest bubble). Give one with WithClock when your
// test drives its own clock.
func WithSleep(sleep func(ctx context.Context, d time.Duration) error) ServerOption {
	return func(c *config) {
		if sleep == nil {
			panic("aircalltest: WithSleep(nil)")
		}
		c.sleep = sleep
	}
}

// WithBudget sets how many requests each credential may send per window
// (DefaultRateLimit, 60, unless told otherwise); beyond it the fake answers
// 429. 0 turns rate limiting off, like WithoutRateLimit. (It is the fake's
// budget; aircall.WithRateLimit is the client's pace.)
func WithBudget(perWindow int) ServerOption {
	return func(c *config) {
		if perWindow < 0 {
			panic(fmt.Sprintf("aircalltest: WithBudget(%d): must not be negative", perWindow))
		}
		c.rateLimit = perWindow
	}
}

// WithBudgetWindow sets the length of the rate-limit windows
// (DefaultRateLimitWindow, one minute). Windows start at multiples of d on
// the fake's clock. Scale both to keep tests short: WithBudget(100) and
// WithBudgetWindow(10*time.Second) allow 100 requests per 10 seconds.
func WithBudgetWindow(d time.Duration) ServerOption {
	return func(c *config) {
		if d <= 0 {
			panic(fmt.Sprintf("aircalltest: WithBudgetWindow(%s): must be positive", d))
		}
		c.rateWindow = d
	}
}

// WithLeakyBucket meters with a leaky bucket instead of fixed windows, as
// one integrator documents Aircall doing: the bucket holds the budget's
// requests and drains them evenly over the window (60 per minute: one a
// second). X-AircallApi-Remaining is the free room in the bucket, and
// X-AircallApi-Reset is when the next slot frees.
func WithLeakyBucket() ServerOption {
	return func(c *config) { c.leaky = true }
}

// WithOtherIntegration simulates a second integration using the same API
// key (DefaultAPIID's, or WithAPIKey's): it spends perWindow requests of
// every window, evenly spaced, from the budget your client sees. Stats
// counts what it got (OtherRequests) and what the budget refused it
// (OtherRefused), a log line names each refusal.
func WithOtherIntegration(perWindow int) ServerOption {
	return func(c *config) {
		if perWindow < 0 {
			panic(fmt.Sprintf("aircalltest: WithOtherIntegration(%d): must not be negative", perWindow))
		}
		c.otherPerWindow = perWindow
	}
}

// WithLogger makes the fake log at Info level each request it refuses for
// budget (its own 429s and the simulated other integration's).
func WithLogger(l *slog.Logger) ServerOption {
	return func(c *config) {
		if l == nil {
			panic("aircalltest: WithLogger(nil)")
		}
		c.logger = l
	}
}

// WithoutRateLimit turns the fake's rate limiting off: no 429 and no
// X-AircallApi-* headers.
func WithoutRateLimit() ServerOption {
	return func(c *config) { c.rateLimit = 0 }
}

// WithRateLimitHeadersWhenLimited sends the X-AircallApi-Limit, -Remaining
// and -Reset headers only on answers that spend the last request of the
// window and on 429s, as the reference says Aircall does ("when the rate
// limit has been reached"). By default they come with every answer.
func WithRateLimitHeadersWhenLimited() ServerOption {
	return func(c *config) { c.headersOnly = true }
}

// WithResetUnit chooses the unit of X-AircallApi-Reset (ResetEpochSeconds
// unless told otherwise).
func WithResetUnit(u ResetUnit) ServerOption {
	return func(c *config) {
		if u < ResetEpochSeconds || u > ResetEpochMillis {
			panic(fmt.Sprintf("aircalltest: WithResetUnit(%d): unknown unit", u))
		}
		c.resetUnit = u
	}
}

// WithDeliveryClient sets the HTTP client that POSTs webhook events to
// webhook URLs. Give the Client of an httptest.NewTLSServer so it trusts the
// receiver's certificate, or HandlerClient(yourHandler) to deliver without a
// socket (inside a synctest bubble, for instance). The default is a plain
// client with Aircall's 5-second timeout.
func WithDeliveryClient(hc *http.Client) ServerOption {
	return func(c *config) {
		if hc == nil {
			panic("aircalltest: WithDeliveryClient(nil)")
		}
		c.deliveryHC = hc
	}
}

// WithDemoData seeds the fake with a small, realistic company built from the
// reference's examples: users, numbers, a team, tags, contacts, about thirty
// calls over the last week (relative to the fake's clock), SMS and WhatsApp
// templates and conversation-intelligence insights for a few calls. See
// DemoData for the ids.
func WithDemoData() ServerOption {
	return func(c *config) { c.demo = true }
}

// WithExportDelay sets how long an analytics export stays PENDING on the
// fake's clock before it is COMPLETED with a download URL. The default, 0,
// completes it on the first read after its creation.
func WithExportDelay(d time.Duration) ServerOption {
	return func(c *config) {
		if d < 0 {
			panic(fmt.Sprintf("aircalltest: WithExportDelay(%s): must not be negative", d))
		}
		c.exportDelay = d
	}
}

// sleepTimer waits d on a timer, or until ctx ends.
func sleepTimer(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
