package aircall_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
)

// Export calls in a way that survives a restart: save the Pager's
// checkpoint after each call written (or each page), and give it back to
// ListPager on the next run. Here the first run stops after two calls.
func ExampleCallsService_ListPager() {
	fake := aircalltest.NewServer(aircalltest.InMemory())
	defer fake.Close()
	for i := range 5 {
		fake.AddCall(aircall.Call{ID: int64(101 + i), StartedAt: aircall.Timestamp{Time: time.Unix(1_700_000_000+int64(i)*60, 0)}})
	}
	client := fake.Client(aircall.WithoutRateLimit())
	ctx := context.Background()
	opts := &aircall.CallListOptions{From: time.Unix(1_700_000_000, 0)}

	var saved aircall.Checkpoint // in a real export: read from a file
	for run := 1; run <= 2; run++ {
		pager, err := client.Calls.ListPager(opts, saved)
		if err != nil {
			log.Fatal(err) // an *ArgError for a checkpoint of other options
		}
		n := 0
		for call, err := range pager.All(ctx) {
			if err != nil {
				log.Fatal(err)
			}
			fmt.Printf("run %d: call %d\n", run, call.ID)
			saved = pager.Checkpoint()
			if n++; run == 1 && n == 2 {
				break // killed
			}
		}
		p := pager.Progress()
		fmt.Printf("run %d: %d of %d calls\n", run, p.Yielded, p.Total)
	}
	// Output:
	// run 1: call 101
	// run 1: call 102
	// run 1: 2 of 5 calls
	// run 2: call 103
	// run 2: call 104
	// run 2: call 105
	// run 2: 5 of 5 calls
}

// Keep a copy of the contacts up to date: a backfill, then a poll every
// minute (Run), webhook events applied as they come (Feed), and the
// contacts updated during the last day listed again every hour for what a
// webhook delivery missed. The checkpoint lives in a file; Step runs one
// pass, for a scheduler.
func ExampleNewContactSync() {
	fake := aircalltest.NewServer(aircalltest.InMemory())
	defer fake.Close()
	fake.AddContact(aircall.Contact{ID: 710, FirstName: "Vicente", LastName: "Abad"})
	fake.AddContact(aircall.Contact{ID: 711, FirstName: "Margaret", LastName: "Morrison"})
	client := fake.Client(aircall.WithoutRateLimit())

	dir, err := os.MkdirTemp("", "sync")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	contactSync, err := aircall.NewContactSync(client, aircall.SyncOptions{
		Store:  aircall.FileStore{Dir: dir},
		Rescan: 24 * time.Hour,
	}, func(ctx context.Context, ch aircall.Change[aircall.Contact]) error {
		if ch.Deleted {
			fmt.Printf("delete %d (%s)\n", ch.ID, ch.Source)
			return nil
		}
		fmt.Printf("upsert %d %s %s (%s)\n", ch.ID, ch.Item.FirstName, ch.Item.LastName, ch.Source)
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	if err := contactSync.Step(ctx); err != nil { // in a service: go contactSync.Run(ctx)
		log.Fatal(err)
	}
	// In a webhook handler: contactSync.Feed(ctx, event).
	gone := &aircall.WebhookEvent{Resource: aircall.ResourceContact, Event: aircall.EventContactDeleted,
		Timestamp: aircall.Timestamp{Time: time.Now()}, Data: []byte(`{"id":711}`)}
	if err := contactSync.Feed(ctx, gone); err != nil {
		log.Fatal(err)
	}
	if err := contactSync.Feed(ctx, gone); err != nil { // delivered twice: handed over once
		log.Fatal(err)
	}
	saved, _ := os.ReadFile(filepath.Join(dir, "aircall-contacts"))
	fmt.Println("checkpoint saved:", len(saved) > 0)
	// Output:
	// upsert 710 Vicente Abad (listing)
	// upsert 711 Margaret Morrison (listing)
	// delete 711 (event)
	// checkpoint saved: true
}
