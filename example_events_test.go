package aircall_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"os"

	"github.com/aircall-go/aircall"
)

// Receive a Webhook's events: check the token, route by event, decode the
// data. Aircall waits 5 seconds for the answer and delivers events at least
// once, in any order: keep funcs fast and idempotent.
func ExampleWebhookHandler() {
	h := &aircall.WebhookHandler{
		// The Token of the Webhook (Webhook.Token); several during a rotation.
		Tokens: []string{os.Getenv("AIRCALL_WEBHOOK_TOKEN")},
	}
	h.On(aircall.EventCallEnded, func(ctx context.Context, e *aircall.WebhookEvent) error {
		call, err := e.Call()
		if err != nil {
			return err
		}
		log.Printf("call %d ended after %ds, recording %s", call.ID, call.Duration, call.Recording)
		return nil // 200; an error answers 500 and Aircall sends the event again
	})
	h.On(aircall.EventContactUpdated, func(ctx context.Context, e *aircall.WebhookEvent) error {
		contact, err := e.Contact()
		if err != nil {
			return err
		}
		log.Printf("contact %d updated", contact.ID)
		return nil
	})
	http.Handle("/aircall/webhooks", h)
	log.Fatal(http.ListenAndServe(":8080", nil))
}

// Parse an event in your own handler, for full control over the answer.
func ExampleParseWebhook() {
	http.HandleFunc("POST /aircall/webhooks", func(w http.ResponseWriter, r *http.Request) {
		e, err := aircall.ParseWebhook(r, os.Getenv("AIRCALL_WEBHOOK_TOKEN"))
		switch {
		case errors.Is(err, aircall.ErrInvalidWebhookToken):
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		case err != nil:
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		if e.Event == aircall.EventUserOpened {
			if u, err := e.User(); err == nil {
				log.Printf("%s is available", u.Name)
			}
		}
		w.WriteHeader(http.StatusOK)
	})
}

// Decode the data with the method named after its type; asking for
// another type fails with ErrWrongResource.
func ExampleWebhookEvent_Integration() {
	payload := []byte(`{"event":"integration.deleted","resource":"integration","timestamp":158554819,
		"token":"45XXYYZZa08","data":{"integration_id":42,"company_id":1}}`)
	e, err := aircall.ParseWebhookPayload(payload, "45XXYYZZa08")
	if err != nil {
		log.Fatal(err)
	}
	d, err := e.Integration()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(e.Event, "integration", d.IntegrationID, "company", d.CompanyID)

	_, err = e.Call()
	fmt.Println(errors.Is(err, aircall.ErrWrongResource))
	// Output:
	// integration.deleted integration 42 company 1
	// true
}
