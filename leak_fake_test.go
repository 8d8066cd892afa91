package aircall_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/aircall-go/aircall/internal/leakcheck"
	"github.com/stretchr/testify/require"
)

// TestNoGoroutineLeaks_withFake is deliberately not parallel (see
// leakcheck): break out of iterators, cancel requests waiting on a reset
// and on a slow answer, leave webhook deliveries in flight, close the fake,
// and no SDK goroutine may remain, over a real listener and in memory.
func TestNoGoroutineLeaks_withFake(t *testing.T) {
	require.Empty(t, leakcheck.Goroutines(), "no SDK goroutine before the test")
	for _, opts := range [][]aircalltest.ServerOption{nil, {aircalltest.InMemory()}} {
		stuck := make(chan struct{})
		receiver := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			select { // a webhook receiver that never answers
			case <-stuck:
			case <-r.Context().Done():
			}
		})
		// A frozen fake clock keeps the three requests in one budget window.
		frozen := time.Now()
		s := aircalltest.NewServer(append(opts, aircalltest.WithClock(func() time.Time { return frozen }),
			aircalltest.WithDemoData(), aircalltest.WithBudget(3),
			aircalltest.WithDeliveryClient(aircalltest.HandlerClient(receiver)))...)
		s.AddWebhook("https://hooks.example.test/aircall", aircall.EventContactCreated)
		c := s.Client(aircall.WithoutRateLimit(), aircall.WithRetryPolicy(aircall.RetryPolicy{MaxRetries: 3, MinBackoff: time.Millisecond}))

		// Break out of an iterator.
		for _, err := range c.Calls.ListIter(t.Context(), &aircall.CallListOptions{ListOptions: aircall.ListOptions{PerPage: 1}}) {
			require.NoError(t, err)
			break
		}
		// A write whose event delivery hangs.
		_, _, err := c.Contacts.Create(t.Context(), &aircall.CreateContactRequest{
			PhoneNumbers: []aircall.ContactDetail{{Label: "Work", Value: "+19001112222"}}})
		require.NoError(t, err)
		// The third request spends the budget of 3: the next one must wait
		// for the reset, which its context does not allow.
		_, err = c.Ping(t.Context())
		require.NoError(t, err)
		ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
		_, err = c.Ping(ctx)
		require.Error(t, err)
		cancel()
		// Cancel a request stuck on a slow answer.
		remove := s.Inject(aircalltest.Fault{Path: "/v1/company", Latency: time.Hour})
		ctx, cancel = context.WithTimeout(t.Context(), 20*time.Millisecond)
		_, _, err = c.Company.Get(ctx)
		require.Error(t, err)
		cancel()
		remove()

		s.Close()
		close(stuck)
	}
	leakcheck.Check(t)
}
