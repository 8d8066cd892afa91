package aircall

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseReset_units(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Time
		prec time.Duration
	}{
		{"30", now.Add(30 * time.Second), time.Second},                                                    // seconds from now
		{"1.5", now.Add(1500 * time.Millisecond), time.Millisecond},                                       // fractional seconds
		{strconv.FormatInt(now.Unix()+42, 10), now.Add(42 * time.Second), time.Second},                    // epoch seconds
		{strconv.FormatInt(now.UnixMilli()+4200, 10), now.Add(4200 * time.Millisecond), time.Millisecond}, // epoch ms
		{strconv.FormatInt(now.UnixMicro()+4200, 10), now.Add(4200 * time.Microsecond), time.Millisecond}, // epoch µs
		{now.Add(time.Minute).Format(http.TimeFormat), now.Add(time.Minute), time.Second},                 // HTTP date
		{"", time.Time{}, 0},
		{"soon", time.Time{}, 0},
		{"-5", time.Time{}, 0},
		{"NaN", time.Time{}, 0},
		{"1e300", time.Time{}, 0},
	}
	for _, tt := range tests {
		got, prec := parseReset(tt.in, now)
		assert.True(t, tt.want.Equal(got), "%q: want %v, got %v", tt.in, tt.want, got)
		assert.Equal(t, tt.prec, prec, tt.in)
	}
}

// The unit guess is the one payload times use.
func TestParseReset_sameGuessAsPayloadTimes(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	for _, v := range []int64{now.Unix(), now.UnixMilli(), now.UnixMicro(), now.UnixNano(), 99_999_999_999, 100_000_000_000} {
		got, _ := parseReset(strconv.FormatInt(v, 10), now)
		assert.Equal(t, fromUnix(v, 0), got, v)
	}
}

func TestParseRate(t *testing.T) {
	t.Parallel()
	now := time.Unix(1_700_000_000, 0)
	h := http.Header{}
	h.Set("X-Aircallapi-Limit", "60")
	h.Set("X-AircallApi-Remaining", " 12 ")
	h.Set("X-AircallApi-Reset", "1700000030")
	r, prec := parseRate(h, now)
	assert.Equal(t, 60, r.Limit)
	assert.Equal(t, 12, r.Remaining)
	assert.True(t, time.Unix(1_700_000_030, 0).Equal(r.Reset))
	assert.Equal(t, time.Second, prec)
	r, _ = parseRate(http.Header{}, now)
	assert.Equal(t, Rate{}, r)
	bad := http.Header{}
	bad.Set("X-AircallApi-Limit", "lots")
	r, _ = parseRate(bad, now)
	assert.Equal(t, Rate{}, r, "malformed headers are ignored")
}

// An absent or unreadable Remaining next to a Reset is unknown, not zero.
func TestParseRate_remainingUnknown(t *testing.T) {
	t.Parallel()
	now := time.Unix(1_700_000_000, 0)
	for _, rem := range []string{"", "many", "-3"} {
		h := http.Header{}
		h.Set("X-AircallApi-Limit", "60")
		h.Set("X-AircallApi-Reset", "30")
		if rem != "" {
			h.Set("X-AircallApi-Remaining", rem)
		}
		r, _ := parseRate(h, now)
		assert.Equal(t, -1, r.Remaining, "%q", rem)
		assert.False(t, r.remainingKnown())
	}
}

// bubbleServer answers in memory with the headers given per request number
// (1-based) and records when each request arrived on the bubble's clock.
type bubbleServer struct {
	mu     sync.Mutex
	times  []time.Time
	bodies []string
	answer func(n int, r *http.Request) *http.Response
}

func (s *bubbleServer) roundTrip(r *http.Request) (*http.Response, error) {
	s.mu.Lock()
	s.times = append(s.times, time.Now())
	var body string
	if r.Body != nil {
		b := make([]byte, r.ContentLength)
		_, _ = r.Body.Read(b)
		body = string(b)
	}
	s.bodies = append(s.bodies, body)
	n := len(s.times)
	s.mu.Unlock()
	return s.answer(n, r), nil
}

func (s *bubbleServer) sent() []time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Time(nil), s.times...)
}

func TestGate_remainingZeroHoldsUntilReset(t *testing.T) {
	t.Parallel()
	for _, unit := range []string{"seconds", "epoch seconds", "epoch milliseconds"} {
		t.Run(unit, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				start := time.Now()
				reset := map[string]string{
					"seconds":            "30",
					"epoch seconds":      strconv.FormatInt(start.Add(30*time.Second).Unix(), 10),
					"epoch milliseconds": strconv.FormatInt(start.Add(30*time.Second).UnixMilli(), 10),
				}[unit]
				srv := &bubbleServer{answer: func(n int, r *http.Request) *http.Response {
					if n == 1 {
						return response(r, 200, `{"ping":"pong"}`, "X-AircallApi-Limit", "60", "X-AircallApi-Remaining", "0", "X-AircallApi-Reset", reset)
					}
					return response(r, 200, `{"ping":"pong"}`)
				}}
				c := newTestClient(t, srv.roundTrip, WithoutRateLimit())
				_, err := c.Ping(t.Context())
				require.NoError(t, err)
				assert.Equal(t, 0, c.Rate().Remaining)
				_, err = c.Ping(t.Context())
				require.NoError(t, err)
				sent := srv.sent()
				require.Len(t, sent, 2)
				wait := sent[1].Sub(sent[0])
				assert.GreaterOrEqual(t, wait, 30*time.Second, "no request leaves before Reset")
				assert.LessOrEqual(t, wait, 30*time.Second+resetMargin, "and not much later")
			})
		})
	}
}

// A Reset further than MaxWait (a wrong unit, a skewed clock, centuries
// away) fails the next request at once with a *RateLimitError instead of
// waiting: nothing is sent.
func TestGate_wildResetFailsAtOnce(t *testing.T) {
	t.Parallel()
	now := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC) // the synctest clock
	for name, reset := range map[string]string{
		"a day in seconds":      "86400",
		"epoch microseconds":    strconv.FormatInt(now.Add(time.Hour).UnixMicro(), 10),
		"epoch ms far ahead":    strconv.FormatInt(now.AddDate(50, 0, 0).UnixMilli(), 10),
		"centuries away":        strconv.FormatInt(now.AddDate(700, 0, 0).Unix(), 10),
		"centuries away, in ms": strconv.FormatInt(now.AddDate(900, 0, 0).UnixMilli(), 10),
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			synctest.Test(t, func(t *testing.T) {
				srv := &bubbleServer{answer: func(n int, r *http.Request) *http.Response {
					return response(r, 200, `{"ping":"pong"}`, "X-AircallApi-Remaining", "0", "X-AircallApi-Reset", reset)
				}}
				p := DefaultRetryPolicy()
				p.MaxWait = 10 * time.Second
				c := newTestClient(t, srv.roundTrip, WithRetryPolicy(p))
				_, err := c.Ping(t.Context())
				require.NoError(t, err)
				start := time.Now()
				_, err = c.Ping(t.Context())
				var rle *RateLimitError
				require.ErrorAs(t, err, &rle)
				assert.ErrorIs(t, err, ErrRateLimited)
				assert.Greater(t, rle.RetryAfter, p.MaxWait, "a positive wait, never a wrapped-around one")
				assert.Equal(t, start, time.Now(), "fails at once")
				assert.Len(t, srv.sent(), 1, "nothing more is sent")
			})
		})
	}
}

// A 429 whose Reset is past the context's deadline fails at once with an
// error that is both a *RateLimitError and context.DeadlineExceeded.
func TestGate_holdPastDeadlineFailsAtOnce(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		srv := &bubbleServer{answer: func(n int, r *http.Request) *http.Response {
			return response(r, 429, ``, "X-AircallApi-Remaining", "0", "X-AircallApi-Reset", "50")
		}}
		c := newTestClient(t, srv.roundTrip)
		ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
		defer cancel()
		start := time.Now()
		_, err := c.Ping(ctx)
		var rle *RateLimitError
		require.ErrorAs(t, err, &rle)
		assert.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Equal(t, start, time.Now())
		assert.Len(t, srv.sent(), 1)
	})
}

// An unreadable Remaining next to a Reset holds nothing.
func TestGate_unknownRemainingHoldsNothing(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		srv := &bubbleServer{answer: func(n int, r *http.Request) *http.Response {
			return response(r, 200, `{"ping":"pong"}`, "X-AircallApi-Limit", "60", "X-AircallApi-Remaining", "n/a", "X-AircallApi-Reset", "30")
		}}
		c := newTestClient(t, srv.roundTrip, WithoutRateLimit())
		start := time.Now()
		for range 5 {
			_, err := c.Ping(t.Context())
			require.NoError(t, err)
		}
		assert.Equal(t, start, time.Now())
		assert.Equal(t, -1, c.Rate().Remaining)
	})
}

func TestGate_sharedByConcurrentRequests(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		srv := &bubbleServer{answer: func(n int, r *http.Request) *http.Response {
			if n == 1 {
				return response(r, 200, `{"ping":"pong"}`, "X-AircallApi-Remaining", "0", "X-AircallApi-Reset", "20")
			}
			return response(r, 200, `{"ping":"pong"}`)
		}}
		c := newTestClient(t, srv.roundTrip, WithoutRateLimit())
		start := time.Now()
		_, err := c.Ping(t.Context())
		require.NoError(t, err)
		var wg sync.WaitGroup
		for range 10 {
			wg.Go(func() { _, _ = c.Ping(t.Context()) })
		}
		wg.Wait()
		for _, at := range srv.sent()[1:] {
			assert.GreaterOrEqual(t, at.Sub(start), 20*time.Second)
		}
	})
}

// Before the server has said anything, the client sends a modest burst,
// then the documented 60 per minute, and beyond that one request at a time
// (silence means budget is left). A server that refuses without a word
// stops the probing: the documented pace it is.
func TestBudget_beforeAnyHeaderDocumentedPace(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		srv := &bubbleServer{answer: func(n int, r *http.Request) *http.Response {
			if n == 30 {
				return response(r, 429, ``)
			}
			return response(r, 200, `{"ping":"pong"}`)
		}}
		c := newTestClient(t, srv.roundTrip)
		for range 130 {
			_, err := c.Ping(t.Context())
			require.NoError(t, err)
		}
		sent := srv.sent()
		assert.Equal(t, sent[0], sent[28], "a burst, then probes one at a time, leave at once")
		after := sent[30:]
		assertWindowMax(t, after, time.Minute, 60)
		assert.InDelta(t, float64(len(after)-1), after[len(after)-1].Sub(after[0]).Seconds(), 2, "then one a second")
	})
}

func TestLocalLimiter_burstStaysWithinBudget(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		srv := &bubbleServer{answer: func(n int, r *http.Request) *http.Response { return response(r, 200, `{"ping":"pong"}`) }}
		c := newTestClient(t, srv.roundTrip, WithRateLimit(60, 10))
		var wg sync.WaitGroup
		for range 8 {
			wg.Go(func() {
				for range 20 {
					_, err := c.Ping(t.Context())
					assert.NoError(t, err)
				}
			})
		}
		wg.Wait()
		sent := srv.sent()
		require.Len(t, sent, 160)
		assertWindowMax(t, sent, time.Minute, 60)
		assert.Equal(t, sent[0], sent[9], "the burst of 10 leaves at once")
	})
}

// assertWindowMax checks that no half-open window of length w holds more than max times.
func assertWindowMax(t *testing.T, times []time.Time, w time.Duration, max int) {
	t.Helper()
	j := 0
	for i := range times {
		for times[i].Sub(times[j]) >= w {
			j++
		}
		if n := i - j + 1; n > max {
			t.Fatalf("%d requests within %s ending at request %d", n, w, i)
		}
	}
}

func TestNewLocalLimiter_validation(t *testing.T) {
	t.Parallel()
	_, err := NewLocalLimiter(0, 1)
	assertArgError(t, err, "perMinute")
	_, err = NewLocalLimiter(10, 11)
	assertArgError(t, err, "burst")
	l, err := NewLocalLimiter(60, 1)
	require.NoError(t, err)
	l.Observe(Rate{Remaining: 0, Reset: time.Now().Add(time.Hour)}) // a no-op
	require.NoError(t, l.Wait(t.Context()))
}

func TestLimiter_deadlineErrorMatchesContext(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		srv := &bubbleServer{answer: func(n int, r *http.Request) *http.Response { return response(r, 200, `{"ping":"pong"}`) }}
		c := newTestClient(t, srv.roundTrip, WithRateLimit(1, 1))
		_, err := c.Ping(t.Context())
		require.NoError(t, err)
		ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
		defer cancel()
		start := time.Now()
		_, err = c.Ping(ctx)
		assert.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Equal(t, start, time.Now(), "fails at once instead of waiting for the deadline")
		assert.Len(t, srv.sent(), 1)
	})
}

// countingLimiter counts Wait and Observe calls.
type countingLimiter struct {
	waits, observes atomic.Int32
	last            atomic.Value
}

func (l *countingLimiter) Wait(ctx context.Context) error { l.waits.Add(1); return ctx.Err() }
func (l *countingLimiter) Observe(r Rate)                 { l.observes.Add(1); l.last.Store(r) }

func TestWithLimiter_everyAttemptWaitsAndObserves(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		srv := &bubbleServer{answer: func(n int, r *http.Request) *http.Response {
			if n < 3 {
				return response(r, 503, ``, "X-AircallApi-Limit", "60", "X-AircallApi-Remaining", strconv.Itoa(50-n))
			}
			return response(r, 200, `{"ping":"pong"}`, "X-AircallApi-Limit", "60", "X-AircallApi-Remaining", "47")
		}}
		l := &countingLimiter{}
		c := newTestClient(t, srv.roundTrip, WithLimiter(l))
		resp, err := c.Ping(t.Context())
		require.NoError(t, err)
		assert.Equal(t, 3, resp.Attempts)
		assert.EqualValues(t, 3, l.waits.Load(), "every attempt goes through the limiter")
		assert.EqualValues(t, 3, l.observes.Load())
		assert.Equal(t, 47, l.last.Load().(Rate).Remaining)
	})
}

func TestRate_raceFree(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	var n atomic.Int32
	mux.HandleFunc("GET /v1/ping", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-AircallApi-Limit", "1000")
		w.Header().Set("X-AircallApi-Remaining", strconv.Itoa(1000-int(n.Add(1))))
		writeJSON(w, 200, `{"ping":"pong"}`)
	})
	var wg sync.WaitGroup
	for range 100 {
		wg.Go(func() {
			_, err := c.Ping(t.Context())
			assert.NoError(t, err)
			r := c.Rate()
			assert.Equal(t, 1000, r.Limit)
		})
	}
	wg.Wait()
	assert.EqualValues(t, 100, n.Load())
	assert.GreaterOrEqual(t, c.Rate().Remaining, 900)
}

// A request that waits more than a second for budget says so at Info level:
// how long, and why.
func TestBudget_slowWaitIsLogged(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		srv := &bubbleServer{answer: func(n int, r *http.Request) *http.Response {
			if n == 1 {
				return response(r, 429, ``, "X-AircallApi-Limit", "60", "X-AircallApi-Remaining", "0", "X-AircallApi-Reset", "5")
			}
			return response(r, 200, `{"ping":"pong"}`, "X-AircallApi-Limit", "60", "X-AircallApi-Remaining", "58", "X-AircallApi-Reset", "55")
		}}
		var buf syncBuffer
		c := newTestClient(t, srv.roundTrip, WithLogger(slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelInfo}))))
		_, err := c.Ping(t.Context())
		require.NoError(t, err)
		out := buf.String()
		assert.Contains(t, out, "request waited for rate-limit budget")
		assert.Contains(t, out, "reason=429")
		assert.Contains(t, out, "wait=5.025s")
		assert.Equal(t, Rate{Limit: 60, Remaining: 58, Reset: time.Now().Add(55 * time.Second)}, c.Rate())
	})
}

// Client.Rate counts the requests sent since the server's last word, and
// gives a fixed window's budget back once its Reset has passed.
func TestBudget_rateIsCurrent(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		srv := &bubbleServer{answer: func(n int, r *http.Request) *http.Response {
			if n <= 2 {
				return response(r, 200, `{"ping":"pong"}`, "X-AircallApi-Limit", "60", "X-AircallApi-Remaining", strconv.Itoa(60-n), "X-AircallApi-Reset", "10")
			}
			return response(r, 200, `{"ping":"pong"}`)
		}}
		c := newTestClient(t, srv.roundTrip)
		for range 4 {
			_, err := c.Ping(t.Context())
			require.NoError(t, err)
		}
		assert.Equal(t, 56, c.Rate().Remaining, "58 said, 2 sent since")
	})
}

// syncBuffer is a bytes.Buffer safe for concurrent writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf []byte
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	return len(p), nil
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return string(b.buf)
}
