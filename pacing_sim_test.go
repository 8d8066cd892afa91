package aircall_test

// Pacing simulations (issue 14): the client against aircalltest metering
// like the real API can (fixed windows or a leaky bucket, headers on every
// answer or only once limited, each Reset unit), on the fake clock of a
// testing/synctest bubble. Each scenario runs the old client (a 60/min
// token bucket with burst 1 and a 1 s hold after Reset, reproduced below)
// and the new one, in the same run.
//
// CI runs a representative subset; the whole matrix runs with
//
//	AIRCALL_LONG_SIM=1 go test -run 'TestPacing' -v .

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/time/rate"
)

// oldLimiter is the client's pacing before issue 14: a token bucket of
// perMinute with burst 1, and a hold until Reset plus one second once the
// server reports nothing remaining.
type oldLimiter struct {
	l       *rate.Limiter
	maxWait time.Duration
	mu      sync.Mutex
	until   time.Time
}

func newOldLimiter(perMinute int) *oldLimiter {
	interval := time.Minute/time.Duration(perMinute) + time.Microsecond
	return &oldLimiter{l: rate.NewLimiter(rate.Every(interval), 1), maxWait: 2 * time.Minute}
}

func (o *oldLimiter) gate(ctx context.Context) error {
	o.mu.Lock()
	d := time.Until(o.until)
	o.mu.Unlock()
	if d <= 0 {
		return nil
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

func (o *oldLimiter) Wait(ctx context.Context) error {
	if err := o.gate(ctx); err != nil {
		return err
	}
	if err := o.l.Wait(ctx); err != nil {
		return err
	}
	return o.gate(ctx)
}

func (o *oldLimiter) Observe(r aircall.Rate) {
	now := time.Now()
	if r.Remaining > 0 || r.Reset.IsZero() || !r.Reset.After(now) {
		return
	}
	until := r.Reset.Add(time.Second)
	if lim := now.Add(o.maxWait); until.After(lim) {
		until = lim
	}
	o.mu.Lock()
	if until.After(o.until) {
		o.until = until
	}
	o.mu.Unlock()
}

// meterMode is how the fake meters.
type meterMode struct {
	name        string
	leaky       bool
	headersOnly bool
	unit        aircalltest.ResetUnit
}

func (m meterMode) options() []aircalltest.ServerOption {
	opts := []aircalltest.ServerOption{aircalltest.WithResetUnit(m.unit)}
	if m.leaky {
		opts = append(opts, aircalltest.WithLeakyBucket())
	}
	if m.headersOnly {
		opts = append(opts, aircalltest.WithRateLimitHeadersWhenLimited())
	}
	return opts
}

func allModes() []meterMode {
	var modes []meterMode
	units := map[aircalltest.ResetUnit]string{aircalltest.ResetSecondsFromNow: "s-from-now",
		aircalltest.ResetEpochSeconds: "epoch-s", aircalltest.ResetEpochMillis: "epoch-ms"}
	for _, leaky := range []bool{false, true} {
		for _, only := range []bool{false, true} {
			for _, u := range []aircalltest.ResetUnit{aircalltest.ResetSecondsFromNow, aircalltest.ResetEpochSeconds, aircalltest.ResetEpochMillis} {
				name := "fixed"
				if leaky {
					name = "leaky"
				}
				if only {
					name += "/headers-when-limited"
				} else {
					name += "/headers-always"
				}
				modes = append(modes, meterMode{name: name + "/" + units[u], leaky: leaky, headersOnly: only, unit: u})
			}
		}
	}
	return modes
}

// ciModes is the subset CI runs: each meter, each header policy and each
// Reset unit at least once.
func ciModes() []meterMode {
	all := allModes()
	if os.Getenv("AIRCALL_LONG_SIM") != "" {
		return all
	}
	return []meterMode{all[0], all[4], all[8], all[11]}
}

// budgetSpec is the fake's budget.
type budgetSpec struct {
	perWindow int
	window    time.Duration
	other     int // requests per window a second integration spends
}

func (b budgetSpec) String() string {
	if b.window == time.Minute {
		return fmt.Sprintf("%d/min", b.perWindow)
	}
	return fmt.Sprintf("%d/%s", b.perWindow, b.window)
}

func (b budgetSpec) perMinute() int {
	return int(float64(b.perWindow) * float64(time.Minute) / float64(b.window))
}

// recorder notes when each of our requests was answered, and how.
type recorder struct {
	rt     http.RoundTripper
	mu     sync.Mutex
	ok     []time.Time
	status map[int]int
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := r.rt.RoundTrip(req)
	if err == nil {
		r.mu.Lock()
		if r.status == nil {
			r.status = map[int]int{}
		}
		r.status[resp.StatusCode]++
		if resp.StatusCode < 300 {
			r.ok = append(r.ok, time.Now())
		}
		r.mu.Unlock()
	}
	return resp, err
}

// windowUse is the share of the budget left to us that we spent, over the
// windows between the first and the last: the first holds the start (a
// leaky bucket starts empty, so it serves a bucketful on top of its
// drain), the last is cut short by the end of the work.
func windowUse(st aircalltest.Stats, b budgetSpec) float64 {
	w := st.Windows
	if len(w) < 3 {
		return 0
	}
	served := 0
	for _, x := range w[1 : len(w)-1] {
		served += x.Allowed
	}
	return float64(served) / float64((len(w)-2)*(b.perWindow-b.other))
}

type simOutcome struct {
	requests      int
	use           float64
	worst429      int
	total429      int
	otherRefused  int
	elapsed       time.Duration
	errorsSurface int
}

func (o simOutcome) String() string {
	return fmt.Sprintf("%4d requests in %8s: %5.1f%% of the budget, %d×429 (worst window %d), other integration refused %d",
		o.requests, o.elapsed.Round(time.Second), 100*o.use, o.total429, o.worst429, o.otherRefused)
}

// newSimServer starts the fake with n calls and a budget b metered by m.
func newSimServer(t *testing.T, n int, b budgetSpec, m meterMode) *aircalltest.Server {
	opts := append([]aircalltest.ServerOption{aircalltest.InMemory(), aircalltest.WithBudget(b.perWindow),
		aircalltest.WithBudgetWindow(b.window), aircalltest.WithOtherIntegration(b.other)}, m.options()...)
	s := aircalltest.NewServer(opts...)
	t.Cleanup(s.Close)
	if n > 0 {
		first := time.Now().Add(-time.Duration(n) * time.Second)
		s.AddCalls(n, func(i int) aircall.Call {
			return aircall.Call{StartedAt: aircall.Timestamp{Time: first.Add(time.Duration(i) * time.Second)},
				Direction: aircall.CallInbound, Status: aircall.CallStatusDone, Duration: 30}
		})
	}
	return s
}

// simClient builds the old or the new client on s, recording its answers.
func simClient(s *aircalltest.Server, old bool, b budgetSpec, m meterMode, extra ...aircall.Option) (*aircall.Client, *recorder) {
	rec := &recorder{rt: s.HTTPClient().Transport}
	opts := []aircall.Option{aircall.WithHTTPClient(&http.Client{Transport: rec})}
	if old {
		// The old client, told the budget (it could not learn it).
		opts = append(opts, aircall.WithLimiter(newOldLimiter(b.perMinute())))
	}
	return s.Client(append(opts, extra...)...), rec
}

func outcome(s *aircalltest.Server, rec *recorder, b budgetSpec, start time.Time) simOutcome {
	st := s.Stats()
	o := simOutcome{requests: len(rec.ok), use: windowUse(st, b), total429: st.RateLimited, otherRefused: st.OtherRefused, elapsed: time.Since(start)}
	for _, w := range st.Windows {
		o.worst429 = max(o.worst429, w.Rejected)
	}
	return o
}

// simulateExport exports every call of an n-call store.
func simulateExport(t *testing.T, n int, b budgetSpec, m meterMode, old bool, extra ...aircall.Option) (o simOutcome) {
	synctest.Test(t, func(t *testing.T) {
		s := newSimServer(t, n, b, m)
		c, rec := simClient(s, old, b, m, extra...)
		start := time.Now()
		got := 0
		for _, err := range c.Calls.ListIter(t.Context(), nil) {
			if !assert.NoError(t, err) {
				o.errorsSurface++
				break
			}
			got++
		}
		assert.Equal(t, n, got)
		o = outcome(s, rec, b, start)
	})
	return o
}

func TestPacing_freshBudgetLatency(t *testing.T) {
	t.Parallel()
	for _, old := range []bool{true, false} {
		synctest.Test(t, func(t *testing.T) {
			b := budgetSpec{perWindow: 60, window: time.Minute}
			s := newSimServer(t, 0, b, meterMode{})
			c, _ := simClient(s, old, b, meterMode{})
			start := time.Now()
			for range 10 {
				_, err := c.Ping(t.Context())
				require.NoError(t, err)
			}
			elapsed := time.Since(start)
			t.Logf("old=%v: 10 sequential requests on a fresh budget: %s", old, elapsed)
			if !old {
				assert.LessOrEqual(t, elapsed, 50*time.Millisecond)
			}
		})
	}
}

func TestPacing_exportBudgetUse(t *testing.T) {
	t.Parallel()
	sizes := []int{12_000}
	budgets := []budgetSpec{{perWindow: 60, window: time.Minute}, {perWindow: 60, window: 10 * time.Second}}
	if os.Getenv("AIRCALL_LONG_SIM") != "" {
		sizes = append(sizes, 30_000)
	} else if testing.Short() {
		budgets = budgets[1:]
	}
	for _, n := range sizes {
		for _, b := range budgets {
			for _, m := range ciModes() {
				t.Run(fmt.Sprintf("%d calls/%s/%s", n, b, m.name), func(t *testing.T) {
					t.Parallel()
					before := simulateExport(t, n, b, m, true)
					after := simulateExport(t, n, b, m, false)
					t.Logf("old: %s", before)
					t.Logf("new: %s", after)
					want := 0.99
					if b.window < time.Minute {
						want = 0.98
					}
					assert.GreaterOrEqual(t, after.use, want)
					assert.LessOrEqual(t, after.worst429, 1)
				})
			}
		}
	}
}

func TestPacing_raisedLimit(t *testing.T) {
	t.Parallel()
	b := budgetSpec{perWindow: 120, window: time.Minute}
	m := meterMode{name: "fixed/headers-always/epoch-s"}
	// The old client paced at the documented 60/min whatever the server said.
	var before simOutcome
	synctest.Test(t, func(t *testing.T) {
		s := newSimServer(t, 12_000, b, m)
		rec := &recorder{rt: s.HTTPClient().Transport}
		c := s.Client(aircall.WithHTTPClient(&http.Client{Transport: rec}), aircall.WithLimiter(newOldLimiter(60)))
		start := time.Now()
		for _, err := range c.Calls.ListIter(t.Context(), nil) {
			require.NoError(t, err)
		}
		before = outcome(s, rec, b, start)
	})
	after := simulateExport(t, 12_000, b, m, false)
	t.Logf("old: %s", before)
	t.Logf("new: %s", after)
	assert.GreaterOrEqual(t, after.use, 0.98)
}

// writersAndExport runs 32 goroutines creating contacts and an export on
// one client for d.
func writersAndExport(t *testing.T, b budgetSpec, m meterMode, old bool, d time.Duration) (o simOutcome) {
	synctest.Test(t, func(t *testing.T) {
		s := newSimServer(t, 100_000, b, m)
		c, rec := simClient(s, old, b, m)
		start := time.Now()
		ctx, cancel := context.WithTimeout(t.Context(), d)
		defer cancel()
		var errs atomic.Int32
		var wg sync.WaitGroup
		wg.Go(func() {
			for _, err := range c.Calls.ListIter(ctx, nil) {
				if err != nil {
					if surfaced(ctx, err, old) {
						errs.Add(1)
						t.Errorf("export: %v", err)
					}
					return
				}
			}
		})
		for w := range 32 {
			wg.Go(func() {
				for i := 0; ctx.Err() == nil; i++ {
					_, _, err := c.Contacts.Create(ctx, &aircall.CreateContactRequest{
						FirstName:    aircall.Ptr(fmt.Sprintf("Worker %d", w)),
						PhoneNumbers: []aircall.ContactDetail{{Label: "Work", Value: fmt.Sprintf("+1900%03d%04d", w, i%10000)}},
					})
					if err != nil {
						if surfaced(ctx, err, old) {
							errs.Add(1)
							t.Errorf("writer %d: %v", w, err)
						}
						return
					}
				}
			})
		}
		wg.Wait()
		o = outcome(s, rec, b, start)
		o.errorsSurface = int(errs.Load())
	})
	return o
}

// surfaced says whether err is a failure the caller sees, rather than the
// end of the run (its context's deadline). The old client's limiter did not
// say "deadline" in a way errors.Is understood; its errors are not counted.
func surfaced(ctx context.Context, err error, old bool) bool {
	return !old && ctx.Err() == nil && !errors.Is(err, context.DeadlineExceeded)
}

func TestPacing_writersAndExport(t *testing.T) {
	t.Parallel()
	b := budgetSpec{perWindow: 60, window: 10 * time.Second}
	for _, m := range ciModes() {
		t.Run(m.name, func(t *testing.T) {
			t.Parallel()
			before := writersAndExport(t, b, m, true, 2*time.Minute)
			after := writersAndExport(t, b, m, false, 2*time.Minute)
			t.Logf("old: %s", before)
			t.Logf("new: %s", after)
			assert.Zero(t, after.errorsSurface)
			assert.LessOrEqual(t, after.worst429, 1, "at most one 429 in any window")
		})
	}
}

func TestPacing_reserveForAnotherIntegration(t *testing.T) {
	t.Parallel()
	b := budgetSpec{perWindow: 60, window: time.Minute, other: 15}
	modes := ciModes()
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			t.Parallel()
			without := simulateExport(t, 12_000, b, m, false)
			with := simulateExport(t, 12_000, b, m, false, aircall.WithRateLimitReserve(15))
			t.Logf("no reserve:  %s", without)
			t.Logf("reserve 15: %s", with)
			assert.Zero(t, with.otherRefused, "the other integration is never refused")
			assert.GreaterOrEqual(t, with.use, 0.95, "of the 75%% left to us")
		})
	}
}
