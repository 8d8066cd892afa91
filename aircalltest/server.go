package aircalltest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"

	"github.com/aircall-go/aircall"
)

// Server is a fake Aircall Public API: stateful, in memory, safe for
// concurrent requests. Start one with NewServer, point a client at it with
// Client, and Close it when done:
//
//	s := aircalltest.NewServer(aircalltest.WithDemoData())
//	defer s.Close()
//	client := s.Client()
//
// Every change made through the API (or a seeding helper) is seen by later
// reads, and webhooks registered on it receive the matching events.
type Server struct {
	cfg     config
	url     string
	ts      *httptest.Server
	routes  router
	handler http.Handler
	hc      *http.Client

	mu       sync.Mutex // guards everything below
	db       *state
	limits   rateState
	faults   []*faultEntry
	stats    Stats
	delivery deliveryState
	control  controlState
	sched    schedState // what happens later on the fake's clock (schedule.go)
	sim      simState   // plan rules, media, simulations (options_workflows.go)
	closed   bool

	stop      context.CancelFunc // ends webhook deliveries on Close
	stopCtx   context.Context
	workers   sync.WaitGroup
	closeOnce sync.Once
}

// NewServer starts a fake Aircall API configured by opts: on an httptest
// server listening on a loopback port, or in memory with InMemory. It
// panics on invalid options.
func NewServer(opts ...ServerOption) *Server {
	cfg := defaultConfig()
	for _, opt := range opts {
		if opt == nil {
			panic("aircalltest: nil ServerOption")
		}
		opt(&cfg)
	}
	s := &Server{cfg: cfg, db: newState()}
	s.stopCtx, s.stop = context.WithCancel(context.Background())
	s.limits.meters = map[string]*meter{}
	s.registerRoutes()
	s.handler = http.HandlerFunc(s.serveHTTP)
	for _, tok := range cfg.accessTokens {
		s.db.addToken(tok, s.now())
	}
	if cfg.inMemory {
		s.url = InMemoryURL
		s.hc = HandlerClient(s.handler)
	} else {
		s.ts = startListener(s.handler, cfg.listener)
		s.url = s.ts.URL
		s.hc = s.ts.Client()
	}
	if s.cfg.deliveryHC == nil {
		s.cfg.deliveryHC = &http.Client{Timeout: webhookTimeout}
	}
	if cfg.demo {
		s.seedDemo()
	}
	return s
}

// URL returns the base URL of the fake, without a trailing slash (e.g.
// "http://127.0.0.1:41234", or InMemoryURL). Pagination links and
// direct_link fields point there.
func (s *Server) URL() string { return s.url }

// Handler returns the fake's http.Handler, to mount it in a server of your
// own. Links in its answers still point at URL.
func (s *Server) Handler() http.Handler { return s.handler }

// HTTPClient returns a plain HTTP client that reaches the fake (in memory
// for a server started with InMemory), for requests the SDK does not make.
// It adds no credentials.
func (s *Server) HTTPClient() *http.Client { return s.hc }

// Client returns an SDK client pointed at the fake, authenticated with the
// fake's API key (DefaultAPIID and DefaultAPIToken unless WithAPIKey said
// otherwise). It paces itself like a production client, from the fake's
// rate-limit headers; pass aircall.WithoutRateLimit for raw speed (the fake
// still answers 429 beyond its budget). A fake without a budget
// (WithoutRateLimit) has nothing to pace against: its clients do not pace.
// opts are applied last and win: pass aircall.WithBearerToken to
// authenticate with an access token instead, aircall.WithRetryPolicy to
// change retries.
//
// Client panics if an option is invalid: it is meant for tests. Build a
// client without credentials with aircall.NewClient(aircall.WithBaseURL(s.URL()),
// aircall.WithHTTPClient(s.HTTPClient())).
func (s *Server) Client(opts ...aircall.Option) *aircall.Client {
	// The auth options replace each other (the last wins), so an
	// aircall.WithBearerToken in opts takes the place of the fake's API key.
	base := []aircall.Option{
		aircall.WithBaseURL(s.url),
		aircall.WithHTTPClient(s.hc),
		aircall.WithBasicAuth(s.cfg.apiID, s.cfg.apiToken),
	}
	if s.cfg.rateLimit == 0 {
		base = append(base, aircall.WithoutRateLimit())
	}
	c, err := aircall.NewClient(append(base, opts...)...)
	if err != nil {
		panic("aircalltest: Client: " + err.Error())
	}
	return c
}

// Close stops webhook deliveries (waiting for the one in flight) and shuts
// the listener down. It is safe to call more than once.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		s.mu.Lock()
		s.closed = true
		s.stopTimers()
		s.mu.Unlock()
		s.stop()
		s.workers.Wait()
		if s.ts != nil {
			s.ts.Close()
		}
	})
}

// now reads the fake's clock.
func (s *Server) now() time.Time { return s.cfg.now() }

// serveHTTP is the outer layer: counting, injected faults, then the API.
func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if isControl(r) {
		s.serveControl(w, r)
		return
	}
	s.mu.Lock()
	s.stats.Requests++
	s.runDue()
	faults := s.takeFaults(r)
	s.mu.Unlock()
	if len(faults) == 0 {
		s.serveAPI(w, r)
		return
	}
	s.serveFaulty(w, r, faults)
}

// serveAPI routes the request, checks credentials and the rate limit, and
// runs the operation.
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	rt, params, allowed := s.routes.match(r.Method, r.URL.Path)
	x := &exchange{s: s, w: w, r: r, params: params}
	if rt == nil {
		if len(allowed) > 0 {
			w.Header().Set("Allow", strings.Join(allowed, ", "))
			x.fail(http.StatusMethodNotAllowed, "Method "+r.Method+" is not supported on "+r.URL.Path)
			return
		}
		x.fail(http.StatusNotFound, "Not found. No endpoint "+r.Method+" "+r.URL.Path)
		return
	}
	if !rt.public {
		cred, ok := s.authenticate(r)
		if !ok {
			x.fail(http.StatusForbidden, "Forbidden. Invalid API key or Bearer access token")
			return
		}
		x.cred = cred
		if !s.admit(x) {
			return
		}
		if !s.featureAllowed(x) {
			return
		}
	}
	rt.h(x)
}
