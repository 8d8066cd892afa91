package aircall_test

// Budget use at the rate limit (issue 8): an hour of traffic against
// aircalltest enforcing 60 requests per fixed minute window, on the fake
// clock of a testing/synctest bubble, so the hour takes seconds.

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const budgetPerMinute = 60

// budgetReport sums the fake's windows that started within [start, end) and
// checks the client used at least 97% of the budget with at most one 429
// per window.
func budgetReport(t *testing.T, s *aircalltest.Server, start, end time.Time, name string) {
	t.Helper()
	var allowed, rejected, windows, worst int
	for _, w := range s.Stats().Windows {
		if w.Start.Before(start) || !w.Start.Before(end) {
			continue
		}
		windows++
		allowed += w.Allowed
		rejected += w.Rejected
		worst = max(worst, w.Rejected)
	}
	minutes := end.Sub(start).Minutes()
	perMinute := float64(allowed) / minutes
	use := perMinute / budgetPerMinute
	t.Logf("%s: %d requests served in %.0f simulated minutes = %.2f requests/minute of %d (%.1f%% of the budget), %d × 429 over %d windows",
		name, allowed, minutes, perMinute, budgetPerMinute, 100*use, rejected, windows)
	assert.GreaterOrEqual(t, use, 0.97, "budget use")
	assert.LessOrEqual(t, worst, 1, "at most one 429 in any window")
}

// newBudgetServer starts an in-memory fake holding n calls, one every 2 s
// over the past days, and a client paced like a production one.
func newBudgetServer(t *testing.T, n int) (*aircalltest.Server, *aircall.Client) {
	s := aircalltest.NewServer(aircalltest.InMemory()) // 60 requests per 1-minute window
	t.Cleanup(s.Close)
	first := time.Now().Add(-time.Duration(n) * 2 * time.Second)
	if n > 0 {
		s.AddCalls(n, func(i int) aircall.Call {
			return aircall.Call{StartedAt: aircall.Timestamp{Time: first.Add(time.Duration(i) * 2 * time.Second)},
				Direction: aircall.CallInbound, Status: aircall.CallStatusDone, Duration: 30}
		})
	}
	// s.Client paces like a production client.
	return s, s.Client()
}

func exportFor(ctx context.Context, t *testing.T, c *aircall.Client, d time.Duration) int {
	start, n := time.Now(), 0
	for _, err := range c.Calls.ListIter(ctx, nil) {
		require.NoError(t, err, "no error surfaces to the caller")
		if time.Since(start) >= d {
			break
		}
		n++
	}
	return n
}

func writeFor(ctx context.Context, t *testing.T, c *aircall.Client, d time.Duration, workers int) int64 {
	start := time.Now()
	var n atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := 0; time.Since(start) < d; i++ {
				_, _, err := c.Contacts.Create(ctx, &aircall.CreateContactRequest{
					FirstName:    aircall.Ptr(fmt.Sprintf("Worker %d", w)),
					PhoneNumbers: []aircall.ContactDetail{{Label: "Work", Value: fmt.Sprintf("+1900%03d%04d", w, i%10000)}},
				})
				if !assert.NoError(t, err, "no error surfaces to the caller") {
					return
				}
				n.Add(1)
			}
		})
	}
	wg.Wait()
	return n.Load()
}

func TestBudget_sustainedExport(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		s, c := newBudgetServer(t, 200_000)
		start := time.Now()
		n := exportFor(t.Context(), t, c, time.Hour)
		t.Logf("exported %d calls in a simulated hour", n)
		budgetReport(t, s, start, start.Add(time.Hour), "ListIter export")
	})
}

func TestBudget_concurrentWrites(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		s, c := newBudgetServer(t, 0)
		start := time.Now()
		n := writeFor(t.Context(), t, c, time.Hour, 32)
		t.Logf("32 goroutines created %d contacts in a simulated hour", n)
		budgetReport(t, s, start, start.Add(time.Hour), "32 concurrent writers")
	})
}

func TestBudget_exportAndWritesTogether(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		s, c := newBudgetServer(t, 200_000)
		start := time.Now()
		var wg sync.WaitGroup
		wg.Go(func() { exportFor(t.Context(), t, c, time.Hour) })
		wg.Go(func() { writeFor(t.Context(), t, c, time.Hour, 32) })
		wg.Wait()
		budgetReport(t, s, start, start.Add(time.Hour), "export + 32 writers on one client")
	})
}
