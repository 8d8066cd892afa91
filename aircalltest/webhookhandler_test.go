package aircalltest_test

import (
	"context"
	"net/http"
	"sync"
	"testing"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDeliveries_intoWebhookHandler runs the whole loop with no live
// account: SDK calls change the fake's state, the fake POSTs the events
// with the webhook's token, and the SDK's WebhookHandler verifies and
// decodes them.
func TestDeliveries_intoWebhookHandler(t *testing.T) {
	t.Parallel()
	h := &aircall.WebhookHandler{}
	s := aircalltest.NewServer(aircalltest.WithDemoData(), aircalltest.WithDeliveryClient(aircalltest.HandlerClient(h)))
	t.Cleanup(s.Close)

	wh := s.AddWebhook("https://hooks.example.test/aircall", aircall.EventContactCreated, aircall.EventContactUpdated, aircall.EventCallCommented)
	h.Tokens = []string{wh.Token}
	var (
		mu       sync.Mutex
		contacts []string
		comments []string
	)
	contactFn := func(ctx context.Context, e *aircall.WebhookEvent) error {
		c, err := e.Contact()
		if err != nil {
			return err
		}
		mu.Lock()
		defer mu.Unlock()
		contacts = append(contacts, string(e.Event)+" "+c.FirstName)
		return nil
	}
	h.On(aircall.EventContactCreated, contactFn)
	h.On(aircall.EventContactUpdated, contactFn)
	h.On(aircall.EventCallCommented, func(ctx context.Context, e *aircall.WebhookEvent) error {
		call, err := e.Call()
		if err != nil {
			return err
		}
		mu.Lock()
		defer mu.Unlock()
		for _, c := range call.Comments {
			comments = append(comments, c.Content)
		}
		return nil
	})

	c := s.Client()
	ctx := t.Context()
	contact, _, err := c.Contacts.Create(ctx, &aircall.CreateContactRequest{FirstName: aircall.Ptr("Gary"),
		PhoneNumbers: []aircall.ContactDetail{{Label: "Work", Value: "+19001112222"}}})
	require.NoError(t, err)
	_, _, err = c.Contacts.Update(ctx, contact.ID, &aircall.UpdateContactRequest{FirstName: aircall.Ptr("Gareth")})
	require.NoError(t, err)
	_, err = c.Calls.AddComment(ctx, aircalltest.DemoCallID, "Please call back this customer!")
	require.NoError(t, err)

	deliveries, err := s.WaitForDeliveries(ctx, 3)
	require.NoError(t, err)
	for _, d := range deliveries {
		assert.True(t, d.OK(), "%s answered %d (%v)", d.Event, d.StatusCode, d.Err)
	}
	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, []string{"contact.created Gary", "contact.updated Gareth"}, contacts)
	assert.Contains(t, comments, "Please call back this customer!")
}

// TestDeliveries_wrongTokenRefused shows what a receiver configured with
// the wrong token answers: 401, which Aircall would retry.
func TestDeliveries_wrongTokenRefused(t *testing.T) {
	t.Parallel()
	h := &aircall.WebhookHandler{Tokens: []string{"not-the-webhook-token"}}
	called := false
	h.On(aircall.EventContactCreated, func(context.Context, *aircall.WebhookEvent) error { called = true; return nil })
	s := aircalltest.NewServer(aircalltest.WithDeliveryClient(aircalltest.HandlerClient(h)))
	t.Cleanup(s.Close)
	s.AddWebhook("https://hooks.example.test/aircall", aircall.EventContactCreated)

	_, _, err := s.Client().Contacts.Create(t.Context(), &aircall.CreateContactRequest{
		PhoneNumbers: []aircall.ContactDetail{{Label: "Work", Value: "+19001112222"}}})
	require.NoError(t, err)
	deliveries, err := s.WaitForDeliveries(t.Context(), 1)
	require.NoError(t, err)
	assert.Equal(t, http.StatusUnauthorized, deliveries[0].StatusCode)
	assert.False(t, called)
}
