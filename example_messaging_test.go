package aircall_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
)

// fakeAircall answers like the Aircall API for the examples; a real program
// talks to https://api.aircall.io/ instead.
func fakeAircall(routes map[string]string) (*aircall.Client, func()) {
	mux := http.NewServeMux()
	for pattern, body := range routes {
		mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, body)
		})
	}
	srv := httptest.NewServer(mux)
	client, err := aircall.NewClient(
		aircall.WithBaseURL(srv.URL+"/"),
		aircall.WithBasicAuth("YOUR_API_ID", "YOUR_API_TOKEN"),
		aircall.WithoutRateLimit(), // the fake has no budget; keep the default against Aircall
	)
	if err != nil {
		log.Fatal(err)
	}
	return client, srv.Close
}

// Send an SMS from an Aircall number in the agent conversation: it shows up
// in the Aircall apps like any message an agent sends.
func ExampleMessagingService_SendInAgentConversation() {
	client, done := fakeAircall(map[string]string{
		"POST /v1/numbers/1234567/messages/native/send": `{"id":"abcdSMc6Dc8ea2bc71ab19102c3de4f60ba18aa","status":"pending",
			"direction":"outbound","created_at":1722758201825,"sent_at":1722758201825,"updated_at":1722758201825,"raw_digits":"13023063029"}`,
	})
	defer done()

	msg, _, err := client.Messaging.SendInAgentConversation(context.Background(), 1234567, &aircall.SendMessageRequest{
		To:   "+13023063029",
		Body: "Your appointment is confirmed for tomorrow at 3 PM.",
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(msg.ID, msg.Status, msg.CreatedAt.UTC().Format("2006-01-02 15:04:05.000"))

	// Bad input fails before anything is sent.
	_, _, err = client.Messaging.SendInAgentConversation(context.Background(), 1234567, &aircall.SendMessageRequest{To: "0612345678", Body: "hi"})
	fmt.Println(errors.Is(err, aircall.ErrInvalidArgument))
	// Output:
	// abcdSMc6Dc8ea2bc71ab19102c3de4f60ba18aa pending 2024-08-04 07:56:41.825
	// true
}

// Send an SMS or MMS in proxy mode: configure the number once with your
// callback URL, then send. Replies and delivery updates go to the callback
// URL, not to the Aircall apps.
func ExampleMessagingService_Send() {
	client, done := fakeAircall(map[string]string{
		"POST /v1/numbers/1234567/messages/configuration": `{"callbackUrl":"https://example.com/aircall/messages","type":null,"token":"s3cr3t"}`,
		"POST /v1/numbers/1234567/messages/send": `{"id":"abcdSMc6Dc8ea2bc71ab19102c3de4f60ba18aa","status":"pending",
			"direction":"outbound","created_at":1722758201825,"raw_digits":"13023063029","media_url":["https://cdn.example.com/map.png"]}`,
	})
	defer done()
	ctx := context.Background()

	cfg, _, err := client.Messaging.Configure(ctx, 1234567, &aircall.MessagingConfigurationRequest{
		CallbackURL: "https://example.com/aircall/messages",
	})
	if err != nil {
		log.Fatal(err)
	}
	_ = cfg.Token // give it to the MessageCallbackHandler serving the callback URL

	msg, _, err := client.Messaging.Send(ctx, 1234567, &aircall.SendMessageRequest{
		To:        "+13023063029",
		Body:      "Here is how to find us.",
		MediaURLs: []string{"https://cdn.example.com/map.png"},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(msg.ID, msg.Status, msg.MediaURL)
	// Output:
	// abcdSMc6Dc8ea2bc71ab19102c3de4f60ba18aa pending [https://cdn.example.com/map.png]
}

// Register a WhatsApp line for proxy sends, check its health, list its
// approved templates and send one.
func ExampleWhatsAppService_Send() {
	client, done := fakeAircall(map[string]string{
		"POST /v1/numbers/777/messages/configuration": `{"callbackUrl":"https://example.com/aircall/whatsapp","type":"whatsapp","token":"s3cr3t"}`,
		"GET /v1/numbers/777/whatsapp_status": `{"wabaId":"123456789","status":"ONLINE","canSendMessage":"AVAILABLE",
			"messagingLimitTier":"TIER_1K","qualityRating":"GREEN","businessVerificationStatus":"VERIFIED"}`,
		"GET /v1/numbers/777/templates": `{"templates":[{"id":1,"wabaId":"123456789","name":"order_confirmation",
			"category":"UTILITY","status":"APPROVED","language":"en"}],"pageInfo":{"currentToken":0,"nextToken":null,"totalCount":1}}`,
		"POST /v1/messages/whatsapp/send": `{"id":"wa-1","status":"pending","direction":"outbound","channel":"whatsapp"}`,
	})
	defer done()
	ctx := context.Background()

	// Once per line: callbacks will carry cfg.Token (see MessageCallbackHandler).
	cfg, _, err := client.WhatsApp.RegisterLine(ctx, 777, "https://example.com/aircall/whatsapp")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("registered, callbacks carry a token:", cfg.Token != "")

	// Before sending: is the line healthy?
	status, err := client.WhatsApp.EnsureSendable(ctx, 777)
	var lineErr *aircall.WhatsAppLineError
	if errors.As(err, &lineErr) {
		log.Fatalf("line cannot send: %s", lineErr.Reason)
	} else if err != nil {
		log.Fatal(err)
	}
	fmt.Println("line", status.Status, status.CanSendMessage, status.QualityRating, "degraded:", status.Degraded())

	// Templates can be sent at any time, free-form text only within 24 hours
	// of the customer's last message.
	var tpl *aircall.WhatsAppTemplate
	for t, err := range client.WhatsApp.ListTemplatesIter(ctx, 777, &aircall.WhatsAppTemplateListOptions{Status: aircall.WhatsAppTemplateApproved}) {
		if err != nil {
			log.Fatal(err)
		}
		if t.Name == "order_confirmation" {
			tpl = t
			break
		}
	}
	msg, _, err := client.WhatsApp.Send(ctx, &aircall.WhatsAppMessageRequest{
		LineID:   777,
		To:       "+33612345678",
		Template: tpl.Params(aircall.WhatsAppTemplateVariable{Key: "{{1}}", Value: "Jordan"}),
	})
	switch {
	case errors.Is(err, aircall.ErrWhatsAppTemplateNotApproved):
		log.Fatal("pick an APPROVED template")
	case errors.Is(err, aircall.ErrWhatsAppTierLimit):
		log.Fatal("daily conversation cap reached: try again tomorrow")
	case err != nil:
		log.Fatal(err)
	}
	fmt.Println("sent", tpl.Name, "as", msg.ID, msg.Status)
	// Output:
	// registered, callbacks carry a token: true
	// line ONLINE AVAILABLE GREEN degraded: false
	// sent order_confirmation as wa-1 pending
}

// Receive proxy-mode callbacks: inbound messages and delivery updates.
func ExampleMessageCallbackHandler() {
	h := &aircall.MessageCallbackHandler{}
	h.On(aircall.MessageCallbackReceived, func(ctx context.Context, cb *aircall.MessageCallback) error {
		fmt.Printf("from %s: %s\n", cb.Message.ExternalNumber, cb.Message.Body)
		return nil
	})
	// message.updated and message.status_updated both land here.
	h.On(aircall.MessageCallbackUpdated, func(ctx context.Context, cb *aircall.MessageCallback) error {
		if de := cb.DeliveryError; de != nil && de.Code == aircall.DeliveryErrorOutsideWindow {
			fmt.Println("not delivered (63016): resend it as an approved template")
			return nil
		}
		fmt.Println("message", cb.Message.Status)
		return nil
	})
	// In production: http.Handle("/aircall/messages", h)

	// The fake plays WhatsApp's side, delivering the callbacks to h.
	s := aircalltest.NewServer(aircalltest.InMemory(), aircalltest.WithDeliveryClient(aircalltest.HandlerClient(h)))
	defer s.Close()
	line := s.AddNumber(aircall.Number{})
	client := s.Client()
	ctx := context.Background()
	cfg, _, err := client.WhatsApp.RegisterLine(ctx, line.ID, "https://my-server.example.com/aircall/messages")
	if err != nil {
		log.Fatal(err)
	}
	h.Tokens = []string{cfg.Token} // the Token of each configuration whose callbacks come here
	send := func() {
		_, _, err := client.WhatsApp.Send(ctx, &aircall.WhatsAppMessageRequest{LineID: line.ID, To: "+14155551234", Text: "Your order shipped"})
		if err != nil {
			log.Fatal(err)
		}
		if err := s.Settle(ctx); err != nil {
			log.Fatal(err)
		}
	}
	send() // the customer never wrote: outside the 24-hour window
	s.SimulateInboundWhatsApp(line.ID, "+14155551234", "Where is my order?")
	send() // inside the window now
	// Output:
	// not delivered (63016): resend it as an approved template
	// from +14155551234: Where is my order?
	// message sent
	// message delivered
}

// Parse one callback body yourself, e.g. in a serverless function.
func ExampleParseMessageCallback() {
	payload := []byte(`{"event_name":"message.updated","timestamp":1722758410000,"token":"s3cr3t",
		"data":{"id":"wa-1","status":"failed","channel":"whatsapp","error_code":63016}}`)
	cb, err := aircall.ParseMessageCallback(payload, "s3cr3t")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(cb.Event, cb.Message.ID, cb.Failed(), cb.DeliveryError.Code)

	_, err = aircall.ParseMessageCallback(payload, "another-token")
	fmt.Println(errors.Is(err, aircall.ErrInvalidWebhookToken))
	// Output:
	// message.updated wa-1 true 63016
	// true
}
