package aircalltest_test

import (
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fixedClock returns a clock stuck at t, which the test can move.
type fixedClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fixedClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fixedClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func TestRateLimit_headersOnEveryAnswerAnd429BeyondTheBudget(t *testing.T) {
	t.Parallel()
	clock := &fixedClock{t: time.Date(2026, 3, 2, 10, 0, 15, 0, time.UTC)}
	s := aircalltest.NewServer(aircalltest.WithBudget(3), aircalltest.WithClock(clock.Now))
	t.Cleanup(s.Close)
	reset := strconv.FormatInt(time.Date(2026, 3, 2, 10, 1, 0, 0, time.UTC).Unix(), 10)

	for i := 1; i <= 3; i++ {
		status, h, _ := rawRequest(t, s, http.MethodGet, "/v1/ping", "")
		require.Equal(t, http.StatusOK, status)
		assert.Equal(t, "3", h.Get("X-AircallApi-Limit"))
		assert.Equal(t, strconv.Itoa(3-i), h.Get("X-AircallApi-Remaining"))
		assert.Equal(t, reset, h.Get("X-AircallApi-Reset"))
	}
	status, h, body := rawRequest(t, s, http.MethodGet, "/v1/company", "")
	assert.Equal(t, http.StatusTooManyRequests, status)
	assertAircallError(t, body, "Too Many Requests")
	assert.Equal(t, "0", h.Get("X-AircallApi-Remaining"))
	assert.Equal(t, reset, h.Get("X-AircallApi-Reset"))
	assert.Empty(t, h.Get("Retry-After"), "Aircall promises no Retry-After")

	// The SDK client sees a *RateLimitError carrying the headers.
	_, _, err := s.Client(noRetry).Company.Get(t.Context())
	var rle *aircall.RateLimitError
	require.ErrorAs(t, err, &rle)
	assert.Equal(t, 3, rle.Rate.Limit)
	assert.Equal(t, time.Date(2026, 3, 2, 10, 1, 0, 0, time.UTC), rle.Rate.Reset.UTC())

	// The next window has a full budget again.
	clock.Add(45 * time.Second)
	status, h, _ = rawRequest(t, s, http.MethodGet, "/v1/ping", "")
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, "2", h.Get("X-AircallApi-Remaining"))

	st := s.Stats()
	assert.Equal(t, 6, st.Requests)
	assert.Equal(t, 2, st.RateLimited)
	require.Len(t, st.Windows, 2)
	assert.Equal(t, aircalltest.Window{Credential: aircalltest.DefaultAPIID, Start: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC),
		End: time.Date(2026, 3, 2, 10, 1, 0, 0, time.UTC), Allowed: 3, Rejected: 2}, st.Windows[0])
	assert.Equal(t, 1, st.Windows[1].Allowed)

	s.ResetStats()
	st = s.Stats()
	assert.Zero(t, st.Requests)
	require.Len(t, st.Windows, 1, "the current window stays")
}

func TestRateLimit_resetUnits(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 2, 10, 0, 15, 0, time.UTC)
	end := time.Date(2026, 3, 2, 10, 0, 20, 0, time.UTC)
	for _, tt := range []struct {
		unit aircalltest.ResetUnit
		want string
	}{
		{aircalltest.ResetEpochSeconds, strconv.FormatInt(end.Unix(), 10)},
		{aircalltest.ResetSecondsFromNow, "5"},
		{aircalltest.ResetEpochMillis, strconv.FormatInt(end.UnixMilli(), 10)},
	} {
		s := newServer(t, aircalltest.WithBudget(10), aircalltest.WithBudgetWindow(10*time.Second),
			aircalltest.WithResetUnit(tt.unit), aircalltest.WithClock(func() time.Time { return now }))
		_, h, _ := rawRequest(t, s, http.MethodGet, "/v1/ping", "")
		assert.Equal(t, tt.want, h.Get("X-AircallApi-Reset"), "unit %d", tt.unit)
		// The SDK reads every unit: seconds from now relative to its own clock.
		before := time.Now()
		resp, err := s.Client(noRetry).Ping(t.Context())
		require.NoError(t, err)
		if tt.unit == aircalltest.ResetSecondsFromNow {
			assert.WithinRange(t, resp.Rate.Reset, before.Add(5*time.Second), time.Now().Add(5*time.Second))
		} else {
			assert.Equal(t, end, resp.Rate.Reset.UTC(), "unit %d", tt.unit)
		}
	}
}

func TestRateLimit_headersOnlyWhenLimited(t *testing.T) {
	t.Parallel()
	s := newServer(t, aircalltest.WithBudget(2), aircalltest.WithRateLimitHeadersWhenLimited(),
		aircalltest.WithClock(func() time.Time { return time.Date(2026, 1, 1, 0, 0, 1, 0, time.UTC) }))
	_, h, _ := rawRequest(t, s, http.MethodGet, "/v1/ping", "")
	assert.Empty(t, h.Get("X-AircallApi-Remaining"), "budget left: no headers")
	_, h, _ = rawRequest(t, s, http.MethodGet, "/v1/ping", "")
	assert.Equal(t, "0", h.Get("X-AircallApi-Remaining"), "last request of the window")
	status, h, _ := rawRequest(t, s, http.MethodGet, "/v1/ping", "")
	assert.Equal(t, http.StatusTooManyRequests, status)
	assert.Equal(t, "2", h.Get("X-AircallApi-Limit"))
}

func TestRateLimit_countedPerCredential(t *testing.T) {
	t.Parallel()
	s := newServer(t, aircalltest.WithBudget(1), aircalltest.WithClock(func() time.Time { return time.Date(2026, 1, 1, 0, 0, 1, 0, time.UTC) }))
	basic, bearer := s.Client(noRetry), s.Client(aircall.WithBearerToken(s.IssueAccessToken()), noRetry)
	_, err := basic.Ping(t.Context())
	require.NoError(t, err)
	_, err = bearer.Ping(t.Context())
	require.NoError(t, err, "another company (token) has its own budget")
	_, err = basic.Ping(t.Context())
	require.ErrorIs(t, err, aircall.ErrRateLimited)
	assert.Len(t, s.Stats().Windows, 2)

	// Unauthenticated requests and the OAuth exchange are not counted.
	_, _ = s.Client(aircall.WithBasicAuth("x", "y"), noRetry).Ping(t.Context())
	assert.Len(t, s.Stats().Windows, 2)
}

func TestRateLimit_offByDefaultWithZero(t *testing.T) {
	t.Parallel()
	s := newServer(t, aircalltest.WithBudget(0))
	for range 70 {
		_, h, _ := rawRequest(t, s, http.MethodGet, "/v1/ping", "")
		require.Empty(t, h.Get("X-AircallApi-Limit"))
	}
	assert.Zero(t, s.Stats().RateLimited)
}

// TestRateLimit_clientRetriesOnTheFakeClock runs the documented 60/minute
// budget for simulated minutes inside a synctest bubble. Two clients share
// one API key, like two processes would: each learns of an exhausted
// budget only from its own answers, so they run into 429s and wait for the
// reset, all on the fake clock.
func TestRateLimit_clientRetriesOnTheFakeClock(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		s := aircalltest.NewServer(aircalltest.InMemory())
		defer s.Close()
		a, b := s.Client(), s.Client()
		start := time.Now()
		for i := range 150 {
			c := a
			if i%2 == 1 {
				c = b
			}
			_, err := c.Ping(t.Context())
			require.NoError(t, err, "request %d", i)
		}
		elapsed := time.Since(start)
		assert.GreaterOrEqual(t, elapsed, 2*time.Minute, "150 requests need three windows")
		assert.Less(t, elapsed, 4*time.Minute)
		st := s.Stats()
		assert.Positive(t, st.RateLimited)
		assert.Equal(t, 150, st.Requests-st.RateLimited)
		for _, w := range st.Windows {
			assert.LessOrEqual(t, w.Allowed, aircalltest.DefaultRateLimit)
		}
	})
}

// TestRateLimit_clientPacingAvoids429 shows the SDK's own limiter keeping
// under a scaled budget (100 per 10 s) without a single 429.
func TestRateLimit_clientPacingAvoids429(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		s := aircalltest.NewServer(aircalltest.InMemory(), aircalltest.WithBudget(100), aircalltest.WithBudgetWindow(10*time.Second))
		defer s.Close()
		c := s.Client(aircall.WithRateLimit(600, 1)) // 600/min = 100 per 10 s
		for range 250 {
			_, err := c.Ping(t.Context())
			require.NoError(t, err)
		}
		assert.Zero(t, s.Stats().RateLimited)
	})
}

// A leaky bucket: Remaining is the free room, Reset when the next slot frees.
func TestRateLimit_leakyBucket(t *testing.T) {
	t.Parallel()
	clock := &fixedClock{t: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)}
	s := newServer(t, aircalltest.WithBudget(3), aircalltest.WithLeakyBucket(), aircalltest.WithResetUnit(aircalltest.ResetEpochMillis),
		aircalltest.WithClock(clock.Now))
	for i := 1; i <= 3; i++ {
		status, h, _ := rawRequest(t, s, http.MethodGet, "/v1/ping", "")
		require.Equal(t, http.StatusOK, status)
		assert.Equal(t, strconv.Itoa(3-i), h.Get("X-AircallApi-Remaining"))
	}
	status, h, _ := rawRequest(t, s, http.MethodGet, "/v1/ping", "")
	assert.Equal(t, http.StatusTooManyRequests, status)
	// 3 a minute drain one every 20 s.
	assert.Equal(t, strconv.FormatInt(clock.Now().Add(20*time.Second).UnixMilli(), 10), h.Get("X-AircallApi-Reset"))
	clock.Add(20 * time.Second)
	status, h, _ = rawRequest(t, s, http.MethodGet, "/v1/ping", "")
	assert.Equal(t, http.StatusOK, status, "a slot freed")
	assert.Equal(t, "0", h.Get("X-AircallApi-Remaining"))
}

// A simulated other integration spends its share; refusals show in Stats
// and in the log.
func TestRateLimit_otherIntegration(t *testing.T) {
	t.Parallel()
	clock := &fixedClock{t: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)}
	var log strings.Builder
	var mu sync.Mutex
	logger := slog.New(slog.NewTextHandler(writerFunc(func(p []byte) (int, error) {
		mu.Lock()
		defer mu.Unlock()
		return log.Write(p)
	}), nil))
	s := newServer(t, aircalltest.WithBudget(4), aircalltest.WithOtherIntegration(2), aircalltest.WithClock(clock.Now),
		aircalltest.WithLogger(logger))
	for range 2 {
		status, _, _ := rawRequest(t, s, http.MethodGet, "/v1/ping", "")
		require.Equal(t, http.StatusOK, status)
	}
	clock.Add(50 * time.Second) // the other integration's two requests of this minute are due
	status, h, _ := rawRequest(t, s, http.MethodGet, "/v1/ping", "")
	assert.Equal(t, http.StatusTooManyRequests, status, "we spent 2, they spent 2")
	assert.Equal(t, "0", h.Get("X-AircallApi-Remaining"))
	st := s.Stats()
	assert.Equal(t, 2, st.OtherRequests)
	assert.Zero(t, st.OtherRefused)
	assert.Equal(t, 1, st.RateLimited)
	mu.Lock()
	assert.Contains(t, log.String(), "refused GET /v1/ping with 429")
	mu.Unlock()
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }
