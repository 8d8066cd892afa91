package aircall_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
)

// printObserver prints what the client does: a stand-in for your metrics
// or tracing system.
type printObserver struct{}

func (printObserver) OperationStart(ctx context.Context, op aircall.OperationInfo) context.Context {
	fmt.Printf("start %s (%s %s)\n", op.ID, op.Method, op.Path)
	return ctx
}

func (printObserver) Wait(_ context.Context, e aircall.WaitEvent) {
	fmt.Printf("  waited for budget (%s)\n", e.Reason)
}

func (printObserver) AttemptEnd(_ context.Context, e aircall.AttemptEvent) {
	fmt.Printf("  attempt %d: %d\n", e.Attempt, e.Status)
}

func (printObserver) Retry(_ context.Context, e aircall.RetryEvent) {
	fmt.Printf("  retry: %s\n", e.Reason)
}

func (printObserver) OperationEnd(_ context.Context, e aircall.OperationEndEvent) {
	fmt.Printf("end %s: %d after %d attempts, %d of %d requests left\n", e.Op.ID, e.Status, e.Attempts, e.Rate.Remaining, e.Rate.Limit)
}

// Watch every operation, attempt, wait and retry: here a search by phone
// number that the server first answers 503. The observer sees the
// operation's ID and path template, never the number in the query string.
func ExampleWithObserver() {
	fake := aircalltest.NewServer(aircalltest.InMemory(), aircalltest.WithDemoData())
	defer fake.Close()
	fake.Inject(aircalltest.Fault{Path: "/v1/contacts/search", Times: 1, Status: http.StatusServiceUnavailable})

	client := fake.Client(aircall.WithObserver(printObserver{}),
		aircall.WithRetryPolicy(aircall.RetryPolicy{MaxRetries: 3, MinBackoff: time.Millisecond, MaxBackoff: time.Millisecond}))
	_, _, err := client.Contacts.Search(context.Background(), &aircall.ContactSearchOptions{PhoneNumber: "+34664673697"})
	if err != nil {
		log.Fatal(err)
	}
	// Output:
	// start contacts.search (GET /v1/contacts/search)
	//   attempt 1: 503
	//   retry: server error
	//   attempt 2: 200
	// end contacts.search: 200 after 2 attempts, 59 of 60 requests left
}
