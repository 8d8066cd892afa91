package aircalltest_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// event is a webhook payload as Aircall sends it.
type event struct {
	Resource  string          `json:"resource"`
	Event     string          `json:"event"`
	Timestamp int64           `json:"timestamp"`
	Token     string          `json:"token"`
	Data      json.RawMessage `json:"data"`
}

// receiver records the events POSTed to it.
type receiver struct {
	mu     sync.Mutex
	events []event
	status int
}

func (r *receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	var e event
	if req.Method != http.MethodPost || req.Header.Get("Content-Type") != "application/json" || json.Unmarshal(body, &e) != nil {
		http.Error(w, "bad webhook", http.StatusBadRequest)
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, e)
	if r.status != 0 {
		w.WriteHeader(r.status)
	}
}

func (r *receiver) names() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, e := range r.events {
		out = append(out, e.Event)
	}
	return out
}

func TestDelivery_contactEventsToATLSReceiver(t *testing.T) {
	t.Parallel()
	rcv := &receiver{}
	tls := httptest.NewTLSServer(rcv)
	t.Cleanup(tls.Close)
	s := newServer(t, aircalltest.WithDeliveryClient(tls.Client()))
	c := s.Client(noRetry)
	ctx := t.Context()

	wh, _, err := c.Webhooks.Create(ctx, &aircall.CreateWebhookRequest{URL: tls.URL + "/aircall",
		Events: []aircall.EventType{"contact.created", "contact.updated", "contact.deleted"}})
	require.NoError(t, err)
	off := s.AddWebhook(tls.URL+"/inactive", "contact.created")
	_, _, err = c.Webhooks.Update(ctx, off.WebhookID, &aircall.UpdateWebhookRequest{Active: aircall.Ptr(false), Events: off.Events})
	require.NoError(t, err)

	ct, _, err := c.Contacts.Create(ctx, &aircall.CreateContactRequest{FirstName: aircall.Ptr("Ada"),
		PhoneNumbers: []aircall.ContactDetail{{Label: "Work", Value: "+33612345678"}}})
	require.NoError(t, err)
	_, _, err = c.Contacts.AddEmail(ctx, ct.ID, &aircall.ContactDetail{Value: "ada@example.com"})
	require.NoError(t, err)
	_, err = c.Contacts.Delete(ctx, ct.ID)
	require.NoError(t, err)
	s.AddCall(aircall.Call{}) // no subscriber for call events

	ds, err := s.WaitForDeliveries(ctx, 3)
	require.NoError(t, err)
	require.NoError(t, s.FlushDeliveries(ctx))
	assert.Len(t, s.Deliveries(), 3, "only the subscribed, active webhook")
	assert.Equal(t, []string{"contact.created", "contact.updated", "contact.deleted"}, rcv.names())
	for _, d := range ds {
		assert.True(t, d.OK(), "%+v", d)
		assert.Equal(t, wh.WebhookID, d.WebhookID)
		assert.Equal(t, "contact", d.Resource)
	}

	var e event
	require.NoError(t, json.Unmarshal(ds[1].Payload, &e))
	assert.Equal(t, wh.Token, e.Token)
	assert.WithinDuration(t, time.Now(), time.Unix(e.Timestamp, 0), 5*time.Second)
	var data map[string]any
	require.NoError(t, json.Unmarshal(e.Data, &data))
	assert.IsType(t, float64(0), data["created_at"], "the contact in its wire format: unix seconds")
	var got aircall.Contact
	require.NoError(t, json.Unmarshal(e.Data, &got))
	assert.Equal(t, ct.ID, got.ID)
	assert.Equal(t, "ada@example.com", got.Emails[0].Value)
}

// TestDelivery_callLifecycleInMemory drives a call through its lifecycle
// inside a synctest bubble and delivers the events straight into a
// handler: no socket anywhere.
func TestDelivery_callLifecycleInMemory(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		rcv := &receiver{}
		s := aircalltest.NewServer(aircalltest.InMemory(), aircalltest.WithDemoData(),
			aircalltest.WithDeliveryClient(aircalltest.HandlerClient(rcv)))
		defer s.Close()
		wh := s.AddWebhook("https://hooks.example.test/aircall") // all events
		c := s.Client()
		ctx := t.Context()

		start := time.Now()
		live := s.BeginCall(aircall.Call{Direction: aircall.CallInbound, Number: &aircall.Number{ID: aircalltest.DemoNumberID},
			User: &aircall.User{ID: aircalltest.DemoUserID}, Contact: &aircall.Contact{ID: aircalltest.DemoContactID}})
		time.Sleep(7 * time.Second)
		s.AnswerCall(live.ID, 0)
		time.Sleep(3 * time.Minute)
		s.EndCall(live.ID, "")
		_, err := c.Calls.AddComment(ctx, live.ID, "Wants a callback on Monday")
		require.NoError(t, err)
		_, err = c.Calls.AddTags(ctx, live.ID, []int64{aircalltest.DemoTagID})
		require.NoError(t, err)
		_, _, err = c.Calls.Archive(ctx, live.ID)
		require.NoError(t, err)
		require.NoError(t, s.FlushDeliveries(ctx))

		assert.Equal(t, []string{"call.created", "call.ringing_on_agent", "call.answered", "call.hungup", "call.ended",
			"call.commented", "call.tagged", "call.archived"}, rcv.names())
		rcv.mu.Lock()
		defer rcv.mu.Unlock()
		for _, e := range rcv.events {
			assert.Equal(t, "call", e.Resource)
			assert.Equal(t, wh.Token, e.Token)
		}
		assert.Equal(t, start.Unix(), rcv.events[0].Timestamp)
		ended := rcv.events[4]
		assert.Equal(t, start.Add(187*time.Second).Unix(), ended.Timestamp, "on the fake clock")
		var call aircall.Call
		require.NoError(t, json.Unmarshal(ended.Data, &call))
		assert.Equal(t, 187, call.Duration)
		assert.Equal(t, start.Add(7*time.Second).UTC(), call.AnsweredAt.Time)
		assert.Equal(t, "Vicente", call.Contact.FirstName)
	})
}

func TestDelivery_userNumberAndMessageEvents(t *testing.T) {
	t.Parallel()
	rcv := &receiver{}
	s := newServer(t, aircalltest.InMemory(), aircalltest.WithDemoData(), aircalltest.WithDeliveryClient(aircalltest.HandlerClient(rcv)))
	s.AddWebhook("https://hooks.example.test/all", "user.created", "user.created.v2", "user.deleted", "number.closed", "message.sent")
	c := s.Client()
	ctx := t.Context()

	//lint:ignore SA1019 the v1 creation is what sends the v1 user.created event
	u, _, err := c.Users.Create(ctx, &aircall.CreateUserRequest{Email: "new@example.com", FirstName: "New", LastName: "Agent"})
	require.NoError(t, err)
	_, err = c.Users.Delete(ctx, u.ID)
	require.NoError(t, err)
	_, _, err = c.Numbers.Update(ctx, 2345, &aircall.UpdateNumberRequest{AvailabilityStatus: aircall.Ptr(aircall.NumberAvailabilityClosed)})
	require.NoError(t, err)
	_, _, err = c.Messaging.SendInAgentConversation(ctx, aircalltest.DemoNumberID, &aircall.SendMessageRequest{To: "+13023063029", Body: "Hi"})
	require.NoError(t, err)
	require.NoError(t, s.FlushDeliveries(ctx))

	assert.Equal(t, []string{"user.created", "user.created.v2", "user.deleted", "number.closed", "message.sent"}, rcv.names())
	rcv.mu.Lock()
	defer rcv.mu.Unlock()
	var v2 map[string]any
	require.NoError(t, json.Unmarshal(rcv.events[1].Data, &v2))
	assert.NotContains(t, v2, "numbers", "Users v2 carry no numbers")
	var msg aircall.Message
	require.NoError(t, json.Unmarshal(rcv.events[4].Data, &msg))
	assert.Equal(t, "+13023063029", msg.ExternalNumber)
	assert.Equal(t, aircall.MessageChannelSMS, msg.Channel)
	assert.Equal(t, "message", rcv.events[4].Resource)
}

func TestDelivery_failuresAreRecorded(t *testing.T) {
	t.Parallel()
	rcv := &receiver{status: http.StatusInternalServerError}
	s := newServer(t, aircalltest.InMemory(), aircalltest.WithDeliveryClient(aircalltest.HandlerClient(rcv)))
	s.AddWebhook("https://hooks.example.test/failing", "contact.created")
	s.AddContact(aircall.Contact{FirstName: "Ada", PhoneNumbers: []aircall.ContactDetail{{Value: "+33612345678"}}})
	ds, err := s.WaitForDeliveries(t.Context(), 1)
	require.NoError(t, err)
	assert.Equal(t, http.StatusInternalServerError, ds[0].StatusCode)
	assert.False(t, ds[0].OK())

	// An unreachable receiver: the error is kept.
	s2 := newServer(t)
	s2.AddWebhook("http://127.0.0.1:1/nothing-listens-here", "contact.created")
	s2.AddContact(aircall.Contact{PhoneNumbers: []aircall.ContactDetail{{Value: "+33612345678"}}})
	ds, err = s2.WaitForDeliveries(t.Context(), 1)
	require.NoError(t, err)
	require.Error(t, ds[0].Err)
	assert.Zero(t, ds[0].StatusCode)

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err = s2.WaitForDeliveries(ctx, 2)
	require.ErrorIs(t, err, context.Canceled)
}

func TestDelivery_closeDoesNotWaitForQueuedEvents(t *testing.T) {
	t.Parallel()
	block := make(chan struct{})
	slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-block:
		case <-r.Context().Done():
		}
	})
	s := aircalltest.NewServer(aircalltest.InMemory(), aircalltest.WithDeliveryClient(aircalltest.HandlerClient(slow)))
	s.AddWebhook("https://hooks.example.test/slow", "contact.created")
	for range 3 {
		s.AddContact(aircall.Contact{PhoneNumbers: []aircall.ContactDetail{{Value: "+33612345678"}}})
	}
	done := make(chan struct{})
	go func() { s.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		close(block)
		t.Fatal("Close hung on pending deliveries")
	}
	assert.LessOrEqual(t, len(s.Deliveries()), 1, "the queued events are dropped")
}
