package aircall_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
)

// Receive a Webhook's events: check the token, route by event, decode the
// data. Aircall waits 5 seconds for the answer and delivers events at least
// once, in any order: keep funcs fast and idempotent. Here the fake delivers
// the events of a missed inbound call and of a contact another user edits.
func ExampleWebhookHandler() {
	h := &aircall.WebhookHandler{}
	h.On(aircall.EventCallEnded, func(ctx context.Context, e *aircall.WebhookEvent) error {
		call, err := e.Call()
		if err != nil {
			return err
		}
		fmt.Printf("call %d from %s ended: %s\n", call.ID, call.RawDigits, call.MissedCallReason)
		return nil // 200; an error answers 500 and Aircall sends the event again
	})
	h.On(aircall.EventContactUpdated, func(ctx context.Context, e *aircall.WebhookEvent) error {
		contact, err := e.Contact()
		if err != nil {
			return err
		}
		fmt.Printf("contact %d is now %s %s\n", contact.ID, contact.FirstName, contact.LastName)
		return nil
	})
	// In production: http.Handle("/aircall/webhooks", h); http.ListenAndServe(":8080", nil)

	s := exampleServer(aircalltest.WithDeliveryClient(aircalltest.HandlerClient(h)))
	defer s.Close()
	wh := s.AddWebhook("https://my-server.example.com/aircall/webhooks", aircall.EventCallEnded, aircall.EventContactUpdated)
	h.Tokens = []string{wh.Token} // the Token of the Webhook; several during a rotation
	line := s.AddNumber(aircall.Number{})
	ada := s.AddContact(aircall.Contact{FirstName: "Ada", LastName: "Byron"})
	s.SimulateInboundCall(aircalltest.InboundCall{NumberID: line.ID, From: "+14155551234",
		Outcome: aircalltest.CallMissed, Ring: time.Millisecond})
	if err := s.Settle(context.Background()); err != nil { // the call has rung out and its events are delivered
		log.Fatal(err)
	}
	s.SimulateContactUpdate(ada.ID, func(c *aircall.Contact) { c.LastName = "Lovelace" })
	if err := s.Settle(context.Background()); err != nil {
		log.Fatal(err)
	}
	// Output:
	// call 900 from +14155551234 ended: no_available_agent
	// contact 720 is now Ada Lovelace
}

// Parse an event in your own handler, for full control over the answer.
func ExampleParseWebhook() {
	const token = "45XXYYZZa08" // the Webhook's Token
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e, err := aircall.ParseWebhook(r, token)
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
				fmt.Printf("%s is available\n", u.Name)
			}
		}
		w.WriteHeader(http.StatusOK)
	})
	// In production: http.Handle("POST /aircall/webhooks", handler)

	for _, tok := range []string{token, "forged"} {
		body, err := aircalltest.EventPayload(aircall.ResourceUser, aircall.EventUserOpened,
			map[string]any{"id": 456, "name": "John Doe"}, tok, time.Now())
		if err != nil {
			log.Fatal(err)
		}
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/aircall/webhooks", bytes.NewReader(body)))
		fmt.Println(rec.Code)
	}
	// Output:
	// John Doe is available
	// 200
	// 401
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
