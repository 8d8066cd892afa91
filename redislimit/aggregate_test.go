package redislimit

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFourClientsShareOneBudget runs four independent clients (separate
// aircall.Client values, each with its own Limiter and Redis connection, as
// four processes would have) against one aircalltest budget of 80 requests
// per 8-second window (600/min, scaled up so several windows fit in well
// under a minute). Together they must use at least 95% of it, and no 429
// may reach the caller.
func TestFourClientsShareOneBudget(t *testing.T) {
	t.Parallel()
	const (
		perWindow = 80
		window    = 8 * time.Second
		run       = 4*window + time.Second // whatever the phase, at least three complete windows
		workers   = 4
	)
	key := uniqueKey(t)
	fake := aircalltest.NewServer(aircalltest.WithDemoData(), aircalltest.WithBudget(perWindow), aircalltest.WithBudgetWindow(window))
	t.Cleanup(fake.Close)

	var served [workers]atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for w := range workers {
		lim, err := New(newRedis(t), key, WithRate(perMinute(perWindow, window), 1), WithLimitWindow(window), WithResetBuffer(100*time.Millisecond))
		require.NoError(t, err)
		c := fake.Client(aircall.WithLimiter(lim))
		wg.Go(func() {
			for time.Since(start) < run {
				if _, err := c.Ping(t.Context()); !assert.NoError(t, err, "worker %d", w) {
					return
				}
				served[w].Add(1)
			}
		})
	}
	wg.Wait()

	// Count the fake's complete windows inside the run.
	var allowed, rejected, windows int
	for _, win := range fake.Stats().Windows {
		if win.Start.Before(start) || win.End.After(start.Add(run)) {
			continue
		}
		windows++
		allowed += win.Allowed
		rejected += win.Rejected
	}
	require.GreaterOrEqual(t, windows, 3, "several complete windows")
	use := float64(allowed) / float64(windows*perWindow)
	var shares []int64
	total := int64(0)
	for w := range workers {
		shares = append(shares, served[w].Load())
		total += served[w].Load()
	}
	t.Logf("4 clients, %d complete %s windows of %d: %d served (%.1f%% of the budget), %d × 429; per-client requests over the run %v (total %d, %.0f/min)",
		windows, window, perWindow, allowed, 100*use, rejected, shares, total, float64(total)/time.Since(start).Minutes())
	assert.GreaterOrEqual(t, use, 0.95, "aggregate budget use")
	assert.Zero(t, rejected, "the server never had to refuse")
	for w, n := range shares {
		assert.Greater(t, n, int64(total)/workers/3, "worker %d got a fair share", w)
	}
}

// TestFourClientsWithoutSharing is the contrast: the same four clients,
// each pacing itself alone at the full budget, overrun the server, which
// refuses what the SDK then has to wait out. This is what the shared
// Limiter fixes (and what makes the test above able to fail).
func TestFourClientsWithoutSharing(t *testing.T) {
	t.Parallel()
	const perWindow, window = 100, 5 * time.Second
	fake := aircalltest.NewServer(aircalltest.WithDemoData(), aircalltest.WithBudget(perWindow), aircalltest.WithBudgetWindow(window))
	t.Cleanup(fake.Close)
	var wg sync.WaitGroup
	start := time.Now()
	for range 4 {
		c := fake.Client(aircall.WithRateLimit(perMinute(perWindow, window), 1)) // each alone at the full budget
		wg.Go(func() {
			for time.Since(start) < window+window/2 {
				_, _ = c.Ping(t.Context())
			}
		})
	}
	wg.Wait()
	st := fake.Stats()
	t.Logf("without sharing: %d requests, %d refused with 429", st.Requests, st.RateLimited)
	assert.Positive(t, st.RateLimited, "four independent budgets overrun the company's")
}

// perMinute converts a budget per window into the per-minute rate it allows.
func perMinute(perWindow int, window time.Duration) int {
	return int(int64(perWindow) * int64(time.Minute) / int64(window))
}
