package aircall_test

import (
	"context"
	"fmt"
	"log"

	"github.com/aircall-go/aircall"
)

// Create a webhook for contact events. Keep its WebhookID to manage it later
// and its Token to check the events it sends (see ParseWebhook).
func ExampleWebhooksService_Create() {
	client, err := aircall.NewClient(aircall.WithBasicAuth("YOUR_API_ID", "YOUR_API_TOKEN"))
	if err != nil {
		log.Fatal(err)
	}
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
	fmt.Println("webhook", wh.WebhookID, "sends events with token", wh.Token)
}

// Re-activate the webhooks Aircall disabled after their events kept
// failing, keeping the events each one is registered to.
func ExampleWebhooksService_Reactivate() {
	client, err := aircall.NewClient(aircall.WithBasicAuth("YOUR_API_ID", "YOUR_API_TOKEN"))
	if err != nil {
		log.Fatal(err)
	}
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
}
