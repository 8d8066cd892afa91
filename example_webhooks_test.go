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

// Create a webhook for contact events. Keep its WebhookID to manage it later
// and its Token to check the events it sends (see ParseWebhook).
func ExampleWebhooksService_Create() {
	s := exampleServer()
	defer s.Close()
	client := s.Client()

	wh, _, err := client.Webhooks.Create(context.Background(), &aircall.CreateWebhookRequest{
		CustomName: aircall.Ptr("CRM sync"),
		URL:        "https://my-server.example.com/webhooks/contacts",
		// Leaving Events empty is refused: the API would subscribe the
		// webhook to every event. Set AllEvents to mean that.
		Events: []aircall.EventType{"contact.created", "contact.updated", "contact.deleted"},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("webhook", wh.CustomName, "active:", wh.Active, "events:", len(wh.Events), "token set:", wh.Token != "")
	// Output:
	// webhook CRM sync active: true events: 3 token set: true
}

// Re-activate the webhooks Aircall disabled after their events kept
// failing, keeping the events each one is registered to. Here the fake
// plays Aircall's rule: after 50 failed retries the webhook is disabled.
func ExampleWebhooksService_Reactivate() {
	down := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusServiceUnavailable) })
	s := exampleServer(
		aircalltest.WithDeliveryClient(aircalltest.HandlerClient(down)),
		aircalltest.WithWebhookRetries(0, time.Millisecond), // 50 retries, quickly
	)
	defer s.Close()
	s.AddWebhook("https://my-server.example.com/webhooks/contacts", aircall.EventContactCreated)
	s.AddContact(aircall.Contact{FirstName: "Ada"})
	if _, err := s.WaitForDeliveries(context.Background(), 51); err != nil { // the event, then 50 retries
		log.Fatal(err)
	}
	client := s.Client()
	ctx := context.Background()

	var disabled []string
	for wh, err := range client.Webhooks.ListIter(ctx, nil) {
		if err != nil {
			log.Fatal(err)
		}
		if !wh.Active {
			disabled = append(disabled, wh.WebhookID)
		}
	}
	for _, id := range disabled {
		wh, _, err := client.Webhooks.Reactivate(ctx, id)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println("re-activated", wh.URL, "for", len(wh.Events), "events")
	}
	// Output:
	// re-activated https://my-server.example.com/webhooks/contacts for 1 events
}
