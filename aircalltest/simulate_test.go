package aircalltest_test

import (
	"context"
	"io"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// simFake is an in-memory fake delivering webhooks and callbacks to rcv.
func simFake(t *testing.T, rcv http.Handler, opts ...aircalltest.ServerOption) *aircalltest.Server {
	s := aircalltest.NewServer(append([]aircalltest.ServerOption{aircalltest.InMemory(),
		aircalltest.WithDeliveryClient(aircalltest.HandlerClient(rcv))}, opts...)...)
	t.Cleanup(s.Close)
	return s
}

func TestSimulateInboundCall_lifecycles(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		outcome aircalltest.CallOutcome
		events  []string
		missed  aircall.MissedCallReason
	}{
		{aircalltest.CallAnswered, []string{"call.created", "call.ringing_on_agent", "call.answered", "call.hungup", "call.ended", "call.comm_assets_generated"}, ""},
		{aircalltest.CallMissed, []string{"call.created", "call.ringing_on_agent", "call.hungup", "call.ended"}, aircall.MissedAgentsDidNotAnswer},
		{aircalltest.CallVoicemail, []string{"call.created", "call.ringing_on_agent", "call.hungup", "call.ended", "call.voicemail_left", "call.comm_assets_generated"}, aircall.MissedAgentsDidNotAnswer},
	} {
		t.Run(string(tc.outcome), func(t *testing.T) {
			t.Parallel()
			synctest.Test(t, func(t *testing.T) {
				rcv := &receiver{}
				s := simFake(t, rcv)
				agent := s.AddUser(aircall.User{Name: "Agent"})
				line := s.AddNumber(aircall.Number{Users: []*aircall.User{{ID: agent.ID}}})
				s.AddWebhook("https://hooks.example.com/aircall")
				var audio []byte
				if tc.outcome == aircalltest.CallAnswered {
					audio = []byte("recorded")
				}
				c := s.SimulateInboundCall(aircalltest.InboundCall{NumberID: line.ID, From: "+14155551234", Outcome: tc.outcome, Audio: audio})
				assert.Equal(t, aircall.CallStatusInitial, c.Status)
				require.NoError(t, s.Settle(context.Background()))
				assert.Equal(t, tc.events, filterPrefix(rcv.names(), "call."))
				got, _, err := s.Client().Calls.Get(context.Background(), c.ID, nil)
				require.NoError(t, err)
				assert.Equal(t, aircall.CallStatusDone, got.Status)
				assert.Equal(t, tc.missed, got.MissedCallReason)
				if tc.outcome == aircalltest.CallVoicemail {
					assert.NotEmpty(t, got.Voicemail)
				}
			})
		})
	}
}

func filterPrefix(names []string, prefix string) []string {
	var out []string
	for _, n := range names {
		if len(n) >= len(prefix) && n[:len(prefix)] == prefix {
			out = append(out, n)
		}
	}
	return out
}

// callbackReceiver records raw bodies and answers status (200 when 0).
type callbackReceiver struct {
	mu     sync.Mutex
	bodies [][]byte
	status int
}

func (r *callbackReceiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	b, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.bodies = append(r.bodies, b)
	if r.status != 0 {
		w.WriteHeader(r.status)
	}
}

func (r *callbackReceiver) all() [][]byte {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.bodies)
}

func TestSimulateInboundSMS_webhookAndCallback(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		rcv := &callbackReceiver{}
		s := simFake(t, rcv)
		line := s.AddNumber(aircall.Number{})
		wh := s.AddWebhook("https://hooks.example.com/aircall", aircall.EventMessageReceived)
		cfg, _, err := s.Client().Messaging.Configure(context.Background(), line.ID, &aircall.MessagingConfigurationRequest{
			CallbackURL: "https://crm.example.com/sms"})
		require.NoError(t, err)
		s.SimulateInboundSMS(line.ID, "+14155551234", "See attached", "https://example.com/photo.jpg")
		require.NoError(t, s.Settle(context.Background()))
		bodies := rcv.all()
		require.Len(t, bodies, 2)
		ev, err := aircall.ParseWebhookPayload(bodies[0], wh.Token)
		require.NoError(t, err)
		assert.Equal(t, aircall.EventMessageReceived, ev.Event)
		m, err := ev.Message()
		require.NoError(t, err)
		assert.Equal(t, "See attached", m.Body)
		assert.Equal(t, []string{"https://example.com/photo.jpg"}, m.MediaURL)
		cb, err := aircall.ParseMessageCallback(bodies[1], cfg.Token)
		require.NoError(t, err)
		assert.Equal(t, aircall.MessageCallbackReceived, cb.Event)
		assert.Equal(t, "+14155551234", cb.Message.ExternalNumber)
		assert.True(t, s.Deliveries()[1].Callback)
	})
}

func TestWhatsAppProxy_statusesAndWindow(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		rcv := &callbackReceiver{}
		s := simFake(t, rcv)
		line := s.AddNumber(aircall.Number{})
		client := s.Client()
		cfg, _, err := client.WhatsApp.RegisterLine(context.Background(), line.ID, "https://crm.example.com/wa")
		require.NoError(t, err)
		ctx := context.Background()
		send := func() *aircall.Message {
			m, _, err := client.WhatsApp.Send(ctx, &aircall.WhatsAppMessageRequest{LineID: line.ID, To: "+14155551234", Text: "Hi"})
			require.NoError(t, err)
			return m
		}
		parse := func(b []byte) *aircall.MessageCallback {
			cb, err := aircall.ParseMessageCallback(b, cfg.Token)
			require.NoError(t, err)
			return cb
		}

		// No message from the customer yet: outside the 24-hour window.
		first := send()
		require.NoError(t, s.Settle(ctx))
		bodies := rcv.all()
		require.Len(t, bodies, 1)
		cb := parse(bodies[0])
		assert.True(t, cb.Event.IsStatusUpdate())
		assert.Equal(t, first.ID, cb.Message.ID)
		require.NotNil(t, cb.DeliveryError)
		assert.Equal(t, aircall.DeliveryErrorOutsideWindow, cb.DeliveryError.Code)

		// The customer writes: the window opens, free text is delivered.
		s.SimulateInboundWhatsApp(line.ID, "+14155551234", "Hello?")
		second := send()
		require.NoError(t, s.Settle(ctx))
		bodies = rcv.all()
		require.Len(t, bodies, 4)
		assert.Equal(t, aircall.MessageCallbackReceived, parse(bodies[1]).Event)
		for i, want := range []aircall.MessageStatus{"sent", "delivered"} {
			cb := parse(bodies[2+i])
			assert.Equal(t, second.ID, cb.Message.ID)
			assert.Equal(t, want, cb.Message.Status)
			assert.Nil(t, cb.DeliveryError)
		}

		// A day later the window has closed again.
		time.Sleep(25 * time.Hour)
		send()
		require.NoError(t, s.Settle(ctx))
		bodies = rcv.all()
		require.Len(t, bodies, 5)
		assert.Equal(t, aircall.DeliveryErrorOutsideWindow, parse(bodies[4]).DeliveryError.Code)

		s.SimulateWhatsAppStatus(second.ID, "read", 0)
		require.NoError(t, s.Settle(ctx))
		assert.Equal(t, aircall.MessageStatus("read"), parse(rcv.all()[5]).Message.Status)
	})
}

func TestWebhookRetries_disableAndReenable(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		rcv := &callbackReceiver{status: http.StatusInternalServerError}
		s := simFake(t, rcv, aircalltest.WithWebhookRetries(0, 0)) // Aircall's 50 retries, a minute apart
		wh := s.AddWebhook("https://hooks.example.com/aircall", aircall.EventContactCreated)
		s.AddContact(aircall.Contact{FirstName: "Ada"})
		time.Sleep(49*time.Minute + 30*time.Second)
		got, _, err := s.Client().Webhooks.Get(context.Background(), wh.WebhookID)
		require.NoError(t, err)
		assert.True(t, got.Active, "still active after 49 failed retries")

		time.Sleep(time.Minute) // the 50th retry fails
		synctest.Wait()
		got, _, err = s.Client().Webhooks.Get(context.Background(), wh.WebhookID)
		require.NoError(t, err)
		assert.False(t, got.Active, "disabled after 50 failed retries")
		n := len(s.Deliveries())
		assert.Equal(t, 51, n, "1 delivery + 50 retries")
		s.AddContact(aircall.Contact{FirstName: "Grace"}) // not sent: the webhook is disabled

		// The receiver is fixed: the next retry of the failed event succeeds.
		rcv.mu.Lock()
		rcv.status = http.StatusOK
		rcv.mu.Unlock()
		time.Sleep(time.Minute)
		synctest.Wait()
		got, _, err = s.Client().Webhooks.Get(context.Background(), wh.WebhookID)
		require.NoError(t, err)
		assert.True(t, got.Active, "enabled again by a successful retry")
		d := s.Deliveries()
		assert.Len(t, d, n+1)
		assert.True(t, d[n].OK())
		assert.Equal(t, 51, d[n].Attempt)
	})
}

func TestWebhookRetries_givesUpAfterTheWindow(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		rcv := &callbackReceiver{status: http.StatusBadGateway}
		s := simFake(t, rcv, aircalltest.WithWebhookRetries(2, time.Hour))
		s.AddWebhook("https://hooks.example.com/aircall", aircall.EventContactCreated)
		s.AddContact(aircall.Contact{FirstName: "Ada"})
		time.Sleep(24 * time.Hour)
		require.NoError(t, s.Settle(context.Background()))
		// 1 + 2 retries, then hourly retries while disabled, for 12 hours.
		assert.Equal(t, 3+12, len(s.Deliveries()))
		assert.Zero(t, s.Pending())
	})
}

func TestDisableFeature_403(t *testing.T) {
	t.Parallel()
	s := aircalltest.NewServer(aircalltest.InMemory())
	defer s.Close()
	client := s.Client()
	ctx := t.Context()
	line := s.AddNumber(aircall.Number{})
	check := func(f aircalltest.Feature, call func() error) {
		t.Helper()
		s.DisableFeature(f)
		assert.ErrorIs(t, call(), aircall.ErrForbidden, string(f))
		s.EnableFeature(f)
		assert.NotErrorIs(t, call(), aircall.ErrForbidden, string(f))
	}
	check(aircalltest.FeatureMessaging, func() error {
		_, _, err := client.Messaging.GetConfiguration(ctx, line.ID)
		return err
	})
	check(aircalltest.FeatureWhatsApp, func() error {
		_, _, err := client.WhatsApp.Status(ctx, line.ID)
		return err
	})
	check(aircalltest.FeatureAIVoiceAgents, func() error {
		_, _, err := client.AIVoiceAgents.StartOutboundCall(ctx, "agent-1", &aircall.OutboundAgentCallRequest{
			ContactPhone: "+14155551234", IdempotencyKey: randomKey()})
		return err
	})
	check(aircalltest.FeatureAnalytics, func() error {
		_, _, err := client.Analytics.GetExport(ctx, "nope")
		return err
	})
}

var keySeq atomic.Int64

func randomKey() string { return "key-" + strconv.FormatInt(keySeq.Add(1), 10) }

func TestAIVoiceAgentProgression(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		rcv := &receiver{}
		s := simFake(t, rcv)
		s.AddWebhook("https://hooks.example.com/aircall")
		started, _, err := s.Client().AIVoiceAgents.StartOutboundCall(context.Background(), "agent-1", &aircall.OutboundAgentCallRequest{
			ContactPhone: "+14155551234", IdempotencyKey: "k1", Context: map[string]any{"order": "A-1"}})
		require.NoError(t, err)
		assert.Equal(t, aircall.OutboundAgentCallPending, s.AgentCallStatus(started.ID))
		time.Sleep(5 * time.Second)
		assert.Equal(t, aircall.OutboundAgentCallInitiated, s.AgentCallStatus(started.ID))
		time.Sleep(5 * time.Second)
		assert.Equal(t, aircall.OutboundAgentCallInProgress, s.AgentCallStatus(started.ID))
		time.Sleep(5 * time.Second)
		assert.Equal(t, aircall.OutboundAgentCallCompleted, s.AgentCallStatus(started.ID))
		require.NoError(t, s.Settle(context.Background()))
		assert.Equal(t, []string{"ai_voice_agent.started", "ai_voice_agent.ended", "ai_voice_agent.summary"}, filterPrefix(rcv.names(), "ai_voice_agent."))
	})
}

func TestAnalyticsExportEvents(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		rcv := &receiver{}
		s := simFake(t, rcv, aircalltest.WithExportDelay(time.Minute))
		s.AddWebhook("https://hooks.example.com/aircall", aircall.EventAnalyticsReportCreated, aircall.EventAnalyticsReportFailed)
		req := &aircall.CreateAnalyticsExportRequest{ReportName: aircall.AnalyticsReportCallsHistory,
			Filter: aircall.AnalyticsFilter{Timezone: "UTC", DateFilter: aircall.AnalyticsDateFilter{Relative: aircall.AnalyticsToday}}}
		_, _, err := s.Client().Analytics.CreateExport(context.Background(), req)
		require.NoError(t, err)
		s.FailNextExport("too large")
		_, _, err = s.Client().Analytics.CreateExport(context.Background(), req)
		require.NoError(t, err)
		time.Sleep(59 * time.Second)
		synctest.Wait()
		assert.Empty(t, rcv.names(), "pending for a minute")
		require.NoError(t, s.Settle(context.Background()))
		assert.Equal(t, []string{"analytics.report_created", "analytics.report_failed"}, rcv.names())
	})
}

func TestStartCall_placesTheCall(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		rcv := &receiver{}
		s := simFake(t, rcv, aircalltest.WithStartCallDelay(2*time.Second))
		s.AddWebhook("https://hooks.example.com/aircall", aircall.EventCallCreated)
		agent := s.AddUser(aircall.User{Name: "Agent"})
		line := s.AddNumber(aircall.Number{Users: []*aircall.User{{ID: agent.ID}}})
		client := s.Client()
		_, err := client.Users.StartCall(context.Background(), agent.ID, &aircall.StartCallRequest{NumberID: line.ID, To: "+14155551234"})
		require.NoError(t, err)
		calls, _, err := client.Calls.List(context.Background(), nil)
		require.NoError(t, err)
		assert.Empty(t, calls, "not placed yet")
		time.Sleep(2 * time.Second)
		calls, _, err = client.Calls.List(context.Background(), nil)
		require.NoError(t, err)
		require.Len(t, calls, 1)
		assert.Equal(t, aircall.CallOutbound, calls[0].Direction)
		require.NoError(t, s.Settle(context.Background()))
		assert.Equal(t, []string{"call.created"}, rcv.names())

		other := s.AddNumber(aircall.Number{})
		_, err = client.Users.StartCall(context.Background(), agent.ID, &aircall.StartCallRequest{NumberID: other.ID, To: "+14155551234"})
		require.ErrorIs(t, err, aircall.ErrBadRequest, "the user is not assigned to this number")
	})
}

func TestEventPayloadBuilders(t *testing.T) {
	t.Parallel()
	at := time.Unix(1585001040, 0)
	b, err := aircalltest.EventPayload(aircall.ResourceCall, aircall.EventCallCreated, map[string]any{"id": 812}, "tok", at)
	require.NoError(t, err)
	ev, err := aircall.ParseWebhookPayload(b, "tok")
	require.NoError(t, err)
	assert.Equal(t, aircall.EventCallCreated, ev.Event)
	assert.True(t, at.Equal(ev.Timestamp.Time))

	b, err = aircalltest.CallbackPayload(aircall.MessageCallbackUpdated, map[string]any{"id": "wa-1", "status": "failed", "error_code": 63016}, "tok", at)
	require.NoError(t, err)
	cb, err := aircall.ParseMessageCallback(b, "tok")
	require.NoError(t, err)
	assert.Equal(t, aircall.DeliveryErrorOutsideWindow, cb.DeliveryError.Code)
}

func TestSimulateContactChanges(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		rcv := &receiver{}
		s := simFake(t, rcv)
		s.AddWebhook("https://hooks.example.com/aircall", aircall.EventContactUpdated, aircall.EventContactDeleted)
		c := s.AddContact(aircall.Contact{FirstName: "Ada", PhoneNumbers: []aircall.ContactDetail{{Value: "+14155551234"}}})
		got := s.SimulateContactUpdate(c.ID, func(c *aircall.Contact) { c.CompanyName = "Analytical Engines" })
		assert.Equal(t, "Analytical Engines", got.CompanyName)
		assert.Len(t, got.PhoneNumbers, 1, "phone numbers kept")
		s.SimulateContactDelete(c.ID)
		require.NoError(t, s.Settle(context.Background()))
		assert.Equal(t, []string{"contact.updated", "contact.deleted"}, rcv.names())
		_, _, err := s.Client().Contacts.Get(context.Background(), c.ID)
		require.ErrorIs(t, err, aircall.ErrNotFound)
		assert.Panics(t, func() { s.SimulateContactDelete(c.ID) })
	})
}

func TestSimulateInboundCall_anonymousAndEndedEarly(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		s := simFake(t, &receiver{})
		line := s.AddNumber(aircall.Number{})
		c := s.SimulateInboundCall(aircalltest.InboundCall{NumberID: line.ID})
		assert.Equal(t, "anonymous", c.RawDigits)
		s.EndCall(c.ID, aircall.MissedShortAbandoned) // the test ends it first: the simulation steps aside
		require.NoError(t, s.Settle(context.Background()))
		got, _, err := s.Client().Calls.Get(context.Background(), c.ID, nil)
		require.NoError(t, err)
		assert.Equal(t, aircall.MissedShortAbandoned, got.MissedCallReason)
	})
}
