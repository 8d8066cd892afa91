package aircall_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
)

// Send an SMS from an Aircall number in the agent conversation: it shows up
// in the Aircall apps like any message an agent sends.
func ExampleMessagingService_SendInAgentConversation() {
	s := exampleServer()
	defer s.Close()
	line := s.AddNumber(aircall.Number{Name: "Support"})
	client := s.Client()

	msg, _, err := client.Messaging.SendInAgentConversation(context.Background(), line.ID, &aircall.SendMessageRequest{
		To:   "+13023063029",
		Body: "Your appointment is confirmed for tomorrow at 3 PM.",
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(msg.Status, msg.Direction, msg.RawDigits)

	// Bad input fails before anything is sent.
	_, _, err = client.Messaging.SendInAgentConversation(context.Background(), line.ID, &aircall.SendMessageRequest{To: "0612345678", Body: "hi"})
	fmt.Println(errors.Is(err, aircall.ErrInvalidArgument))
	// Output:
	// pending outbound 13023063029
	// true
}

// Send an SMS or MMS in proxy mode: configure the number once with your
// callback URL, then send. Replies and delivery updates go to the callback
// URL, not to the Aircall apps.
func ExampleMessagingService_Send() {
	s := exampleServer()
	defer s.Close()
	line := s.AddNumber(aircall.Number{Name: "Support"})
	client := s.Client()
	ctx := context.Background()

	cfg, _, err := client.Messaging.Configure(ctx, line.ID, &aircall.MessagingConfigurationRequest{
		CallbackURL: "https://example.com/aircall/messages",
	})
	if err != nil {
		log.Fatal(err)
	}
	_ = cfg.Token // give it to the MessageCallbackHandler serving the callback URL

	msg, _, err := client.Messaging.Send(ctx, line.ID, &aircall.SendMessageRequest{
		To:        "+13023063029",
		Body:      "Here is how to find us.",
		MediaURLs: []string{"https://cdn.example.com/map.png"},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(msg.Status, msg.MediaURL)
	// Output:
	// pending [https://cdn.example.com/map.png]
}

// Register a WhatsApp line for proxy sends, check its health, list its
// approved templates and send one.
func ExampleWhatsAppService_Send() {
	s := exampleServer()
	defer s.Close()
	line := s.AddNumber(aircall.Number{Name: "WhatsApp FR"})
	s.AddWhatsAppTemplate(line.ID, aircall.WhatsAppTemplate{Name: "order_confirmation", Category: "UTILITY",
		Status: aircall.WhatsAppTemplateApproved, Language: "en"})
	client := s.Client()
	ctx := context.Background()

	// Once per line: callbacks will carry cfg.Token (see MessageCallbackHandler).
	cfg, _, err := client.WhatsApp.RegisterLine(ctx, line.ID, "https://example.com/aircall/whatsapp")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("registered, callbacks carry a token:", cfg.Token != "")

	// Before sending: is the line healthy?
	status, err := client.WhatsApp.EnsureSendable(ctx, line.ID)
	var lineErr *aircall.WhatsAppLineError
	if errors.As(err, &lineErr) {
		log.Fatalf("line cannot send: %s", lineErr.Reason)
	} else if err != nil {
		log.Fatal(err)
	}
	fmt.Println("line", status.Status, status.CanSendMessage, "degraded:", status.Degraded())

	// Templates can be sent at any time, free-form text only within 24 hours
	// of the customer's last message.
	var tpl *aircall.WhatsAppTemplate
	for t, err := range client.WhatsApp.ListTemplatesIter(ctx, line.ID, &aircall.WhatsAppTemplateListOptions{Status: aircall.WhatsAppTemplateApproved}) {
		if err != nil {
			log.Fatal(err)
		}
		if t.Name == "order_confirmation" {
			tpl = t
			break
		}
	}
	msg, _, err := client.WhatsApp.Send(ctx, &aircall.WhatsAppMessageRequest{
		LineID:   line.ID,
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
	fmt.Println("sent", tpl.Name, msg.Status)
	// Output:
	// registered, callbacks carry a token: true
	// line ONLINE AVAILABLE degraded: false
	// sent order_confirmation pending
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
