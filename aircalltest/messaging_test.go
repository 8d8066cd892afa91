package aircalltest_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMessaging_proxyAndNativeSends(t *testing.T) {
	t.Parallel()
	s := newServer(t, aircalltest.WithDemoData())
	c := s.Client(noRetry)
	ctx := t.Context()
	const line = aircalltest.DemoNumberID
	sms := &aircall.SendMessageRequest{To: "+13023063029", Body: "Your order is on its way."}

	// Native sends need no configuration.
	msg, resp, err := c.Messaging.SendInAgentConversation(ctx, line, sms)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.True(t, strings.HasPrefix(msg.ID, "SM"))
	assert.Equal(t, aircall.MessageStatusPending, msg.Status)
	assert.Equal(t, "13023063029", msg.RawDigits)
	assert.Equal(t, line, msg.Number.ID)
	assert.WithinDuration(t, time.Now(), msg.CreatedAt.Time, 2*time.Second, "epoch milliseconds read right")

	// Proxy sends need it.
	_, _, err = c.Messaging.Send(ctx, line, sms)
	require.ErrorIs(t, err, aircall.ErrBadRequest)
	_, _, err = c.Messaging.GetConfiguration(ctx, line)
	require.ErrorIs(t, err, aircall.ErrNotFound)
	cfg, resp, err := c.Messaging.Configure(ctx, line, &aircall.MessagingConfigurationRequest{CallbackURL: "https://example.com/aircall/messages"})
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	assert.NotEmpty(t, cfg.Token)
	assert.Empty(t, cfg.Type)
	got, _, err := c.Messaging.GetConfiguration(ctx, line)
	require.NoError(t, err)
	assert.Equal(t, cfg, got)

	mms := &aircall.SendMessageRequest{To: "+13023063029", MediaURLs: []string{"https://example.com/receipt.png"}}
	msg, _, err = c.Messaging.Send(ctx, line, mms)
	require.NoError(t, err)
	assert.Equal(t, []string{"https://example.com/receipt.png"}, msg.MediaURL)
	_, _, err = c.Messaging.SendInAgentConversation(ctx, line, sms)
	require.ErrorIs(t, err, aircall.ErrBadRequest, "a configured number cannot send natively")

	group, _, err := c.Messaging.SendGroup(ctx, line, &aircall.SendGroupMessageRequest{Participants: []string{"+13000000001", "+13000000002"}, Body: "Hi both"})
	require.NoError(t, err)
	assert.Equal(t, []string{"+13000000001", "+13000000002"}, group.Participants)
	assert.NotEmpty(t, group.GroupConversationID)

	_, err = c.Messaging.DeleteConfiguration(ctx, line)
	require.NoError(t, err)
	_, _, err = c.Messaging.SendGroupInAgentConversation(ctx, line, &aircall.SendGroupMessageRequest{
		Participants: []string{"+13000000001", "+13000000002"}, Body: "Hi both", AgentID: aircall.Ptr(aircalltest.DemoUserID)})
	require.NoError(t, err)

	status, _, body := rawRequest(t, s, http.MethodPost, "/v1/numbers/1234/messages/native/send", `{"to":"+13023063029","body":"`+strings.Repeat("x", 1601)+`"}`)
	assert.Equal(t, http.StatusBadRequest, status)
	assertAircallError(t, body, "Bad Request")

	sent := s.SentMessages()
	require.Len(t, sent, 4)
	assert.Equal(t, aircalltest.SentMessage{ID: sent[0].ID, NumberID: line, Channel: "sms", Native: true,
		To: []string{"+13023063029"}, Body: "Your order is on its way.", At: sent[0].At}, sent[0])
	assert.False(t, sent[1].Native)
	assert.Equal(t, aircalltest.DemoUserID, sent[3].AgentID)
}

func TestMessaging_smsTemplates(t *testing.T) {
	t.Parallel()
	s := newServer(t, aircalltest.WithDemoData())
	for i := range 120 {
		s.AddSMSTemplate(aircall.SMSTemplate{Name: "bulk_" + itoa(int64(i)), Body: "Bulk template"})
	}
	c := s.Client(noRetry)
	page, resp, err := c.Messaging.ListSMSTemplates(t.Context(), &aircall.SMSTemplateListOptions{ListOptions: aircall.ListOptions{PerPage: 100}})
	require.NoError(t, err)
	assert.Len(t, page, 100, "per_page goes up to 100 here")
	assert.Equal(t, 122, resp.Meta.Total)
	found, _, err := c.Messaging.ListSMSTemplates(t.Context(), &aircall.SMSTemplateListOptions{Search: "on its way"})
	require.NoError(t, err)
	require.Len(t, found, 1)
	assert.Equal(t, "order_update", found[0].Name)
	all, err := aircall.Collect(c.Messaging.ListSMSTemplatesIter(t.Context(), nil))
	require.NoError(t, err)
	assert.Len(t, all, 122)
	status, _, _ := rawRequest(t, s, http.MethodGet, "/v1/sms/templates?per_page=101", "")
	assert.Equal(t, http.StatusBadRequest, status)
}

func TestWhatsApp_lineTemplatesAndSends(t *testing.T) {
	t.Parallel()
	s := newServer(t, aircalltest.WithDemoData())
	c := s.Client(noRetry)
	ctx := t.Context()
	const line = aircalltest.DemoNumberID

	st, _, err := c.WhatsApp.Status(ctx, line)
	require.NoError(t, err)
	assert.Equal(t, aircall.WhatsAppLineOnline, st.Status)
	assert.Equal(t, aircall.WhatsAppSendAvailable, st.CanSendMessage)

	for i := range 12 {
		s.AddWhatsAppTemplate(line, aircall.WhatsAppTemplate{Name: "utility_" + itoa(int64(i)), Category: aircall.WhatsAppTemplateUtility, Language: "en"})
	}
	approved, err := aircall.Collect(c.WhatsApp.ListTemplatesIter(ctx, line, &aircall.WhatsAppTemplateListOptions{Status: aircall.WhatsAppTemplateApproved}))
	require.NoError(t, err)
	assert.Len(t, approved, 13, "cursor pagination through pageInfo")
	page, _, err := c.WhatsApp.ListTemplatesPage(ctx, line, &aircall.WhatsAppTemplateListOptions{Limit: 5})
	require.NoError(t, err)
	assert.Len(t, page.Templates, 5)
	assert.Equal(t, 14, page.PageInfo.TotalCount)
	assert.Equal(t, "5", page.Next())

	text := &aircall.WhatsAppMessageRequest{LineID: line, To: "+33612345678", Text: "Bonjour"}
	msg, _, err := c.WhatsApp.SendNative(ctx, text)
	require.NoError(t, err, "an unregistered line sends natively")
	assert.Equal(t, aircall.MessageChannelWhatsApp, msg.Channel)
	_, _, err = c.WhatsApp.Send(ctx, text)
	require.ErrorIs(t, err, aircall.ErrWhatsAppLineNotRegistered)

	cfg, _, err := c.WhatsApp.RegisterLine(ctx, line, "https://example.com/aircall/whatsapp")
	require.NoError(t, err)
	assert.Equal(t, aircall.MessagingConfigurationWhatsApp, cfg.Type)
	_, _, err = c.WhatsApp.Send(ctx, text)
	require.NoError(t, err)
	_, _, err = c.WhatsApp.SendNative(ctx, text)
	require.ErrorIs(t, err, aircall.ErrBadRequest, "a registered line cannot send natively")

	promo := &aircall.WhatsAppMessageRequest{LineID: line, To: "+33612345678", Template: &aircall.WhatsAppTemplateParams{ID: "2"}}
	_, _, err = c.WhatsApp.Send(ctx, promo)
	require.ErrorIs(t, err, aircall.ErrWhatsAppTemplateNotApproved)
	_, _, err = c.WhatsApp.Send(ctx, &aircall.WhatsAppMessageRequest{LineID: line, To: "+33612345678",
		Template: approved[0].Params(aircall.WhatsAppTemplateVariable{Key: "{{1}}", Value: "Jordan"})})
	require.NoError(t, err)

	s.SetWhatsAppStatus(line, aircall.WhatsAppStatus{Status: aircall.WhatsAppLineOffline, CanSendMessage: aircall.WhatsAppSendBlocked})
	st, _, err = c.WhatsApp.Status(ctx, line)
	require.NoError(t, err)
	assert.Equal(t, aircall.WhatsAppSendBlocked, st.CanSendMessage)
	_, _, err = c.WhatsApp.Send(ctx, text)
	require.ErrorIs(t, err, aircall.ErrWhatsAppLineUnavailable)

	sent := s.SentMessages()
	require.Len(t, sent, 3)
	assert.Equal(t, "whatsapp", sent[2].Channel)
	assert.Equal(t, itoa(approved[0].ID), sent[2].TemplateID)
}

func TestAIVoiceAgents_outboundCall(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	c := s.Client(noRetry)
	req := &aircall.OutboundAgentCallRequest{ContactPhone: "+18001231234", IdempotencyKey: "appt-reminder-42",
		Context: map[string]any{"first_name": "Ada"}}
	call, resp, err := c.AIVoiceAgents.StartOutboundCall(t.Context(), "agent-abc123", req)
	require.NoError(t, err)
	assert.Equal(t, http.StatusAccepted, resp.StatusCode)
	assert.Equal(t, aircall.OutboundAgentCallPending, call.Status)
	assert.Equal(t, "agent-abc123", call.VirtualAgentID)
	assert.Len(t, call.ID, 26)

	_, _, err = c.AIVoiceAgents.StartOutboundCall(t.Context(), "agent-abc123", req)
	require.ErrorIs(t, err, aircall.ErrConflict, "a reused idempotency key")
	_, _, err = c.AIVoiceAgents.StartOutboundCall(t.Context(), "agent-abc123", &aircall.OutboundAgentCallRequest{ContactPhone: "+18001231234"})
	require.NoError(t, err, "the SDK generates a key")

	calls := s.AgentCalls()
	require.Len(t, calls, 2)
	assert.Equal(t, "Ada", calls[0].Request.Context["first_name"])
	assert.Equal(t, call.ID, calls[0].ID)
}

// TestAIVoiceAgents_lostAnswerIsNotAFailure drops the answer of a call the
// fake accepted: the SDK's retry with the same key gets 409, which it reports
// as ErrAgentCallAlreadyAccepted, and exactly one call was placed.
func TestAIVoiceAgents_lostAnswerIsNotAFailure(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	s.Inject(aircalltest.Fault{Method: http.MethodPost, Path: "/v1/outbound-calls/agents/*", DropConnection: true, Times: 1})
	c := s.Client(aircall.WithRetryPolicy(aircall.RetryPolicy{MaxRetries: 2, MinBackoff: time.Millisecond}))
	call, resp, err := c.AIVoiceAgents.StartOutboundCall(t.Context(), "agent-abc123",
		&aircall.OutboundAgentCallRequest{ContactPhone: "+18001231234", IdempotencyKey: "appt-7"})
	require.ErrorIs(t, err, aircall.ErrAgentCallAlreadyAccepted)
	assert.NotErrorIs(t, err, aircall.ErrConflict)
	assert.Equal(t, "appt-7", call.IdempotencyKey)
	assert.Equal(t, 2, resp.Attempts)
	require.Len(t, s.AgentCalls(), 1, "one call placed, not two")
}

// TestAnalytics_exportCompletesOnTheFakeClock waits for an export with the
// SDK's WaitForExport, polling every minute of the bubble's clock.
func TestAnalytics_exportCompletesOnTheFakeClock(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		s := aircalltest.NewServer(aircalltest.InMemory(), aircalltest.WithDemoData(), aircalltest.WithoutRateLimit(),
			aircalltest.WithExportDelay(3*time.Minute))
		defer s.Close()
		c := s.Client(noRetry)
		req := &aircall.CreateAnalyticsExportRequest{ReportName: aircall.AnalyticsReportCallsHistory,
			Filter: aircall.AnalyticsFilter{Timezone: "UTC", DateFilter: aircall.AnalyticsDateFilter{
				AbsoluteRange: aircall.NewAnalyticsDateRange(time.Now().AddDate(0, 0, -8), time.Now())}}}
		exp, _, err := c.Analytics.CreateExport(t.Context(), req)
		require.NoError(t, err)
		assert.Equal(t, aircall.AnalyticsExportPending, exp.Status)

		start := time.Now()
		done, err := c.Analytics.WaitForExport(t.Context(), exp.ExportID, 0)
		require.NoError(t, err)
		assert.Equal(t, 3*time.Minute, time.Since(start))
		assert.Equal(t, aircall.AnalyticsExportCompleted, done.Status)
		assert.Equal(t, aircall.AnalyticsFormatCSV, done.Format)
		assert.Equal(t, done.CreatedAt.Add(3*time.Minute+time.Hour), done.DownloadURLExpiresAt.Time)

		resp, err := s.HTTPClient().Get(done.DownloadURL)
		require.NoError(t, err)
		defer resp.Body.Close()
		csv, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		lines := strings.Split(strings.TrimSpace(string(csv)), "\n")
		assert.Equal(t, "call_id,direction,started_at,duration,user_id,number_id,raw_digits,missed_call_reason", lines[0])
		assert.Len(t, lines, 1+aircalltest.DemoCalls)

		s.FailNextExport("Report generation failed: too many rows")
		exp, _, err = c.Analytics.CreateExport(t.Context(), req)
		require.NoError(t, err)
		_, err = c.Analytics.WaitForExport(t.Context(), exp.ExportID, time.Minute)
		require.ErrorIs(t, err, aircall.ErrAnalyticsExportFailed)
	})
}

func TestAnalytics_validation(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	for _, body := range []string{
		`{}`,
		`{"input":{"reportName":"NOPE","filter":{"timezone":"UTC","dateFilter":{"relative":"TODAY"}}}}`,
		`{"input":{"reportName":"CALLS_HISTORY","filter":{"dateFilter":{"relative":"TODAY"}}}}`,
		`{"input":{"reportName":"CALLS_HISTORY","filter":{"timezone":"UTC","dateFilter":{}}}}`,
		`{"input":{"reportName":"CALLS_HISTORY","filter":{"timezone":"UTC","dateFilter":{"relative":"LAST_YEAR"}}}}`,
	} {
		status, _, resp := rawRequest(t, s, http.MethodPost, "/v1/analytics/report/export", body)
		assert.Equal(t, http.StatusBadRequest, status, body)
		assertAircallError(t, resp, "Bad Request")
	}
	// Without a delay an export is PENDING when created and COMPLETED on the next read.
	exp, _, err := s.Client().Analytics.CreateExport(t.Context(), &aircall.CreateAnalyticsExportRequest{ReportName: aircall.AnalyticsReportUserStatusHistory,
		Filter: aircall.AnalyticsFilter{Timezone: "Europe/Paris", DateFilter: aircall.AnalyticsDateFilter{Relative: aircall.AnalyticsLastWeek}}})
	require.NoError(t, err)
	assert.Equal(t, aircall.AnalyticsExportPending, exp.Status)
	exp, _, err = s.Client().Analytics.GetExport(t.Context(), exp.ExportID)
	require.NoError(t, err)
	assert.Equal(t, aircall.AnalyticsExportCompleted, exp.Status)
	_, _, err = s.Client().Analytics.GetExport(t.Context(), "nope")
	require.ErrorIs(t, err, aircall.ErrNotFound)
}
