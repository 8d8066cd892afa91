package aircall_test

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// invokeCases gives, for every operation, arguments the demo data of
// aircalltest accepts. A case may prepare the fake first and return the
// arguments then (ids the fake assigns).
var invokeCases = map[string]func(t *testing.T, s *aircalltest.Server, c *aircall.Client) string{
	"a2p.create":                          fixed(`{"external_campaign_id":"CAMP123","numbers":["18005550100"]}`),
	"a2p.delete":                          withA2P(`{"id":%d}`),
	"a2p.get":                             withA2P(`{"id":%d}`),
	"a2p.list":                            fixed(`{"per_page":10}`),
	"a2p.update":                          withA2P(`{"id":%d,"numbers":["18005550100"]}`),
	"ai_voice_agents.start_outbound_call": fixed(`{"agent_id":"agent-1","contact_phone":"+33612345678"}`),
	"analytics.create_export":             fixed(`{"reportName":"CALLS_HISTORY","filter":{"timezone":"Europe/Paris","dateFilter":{"relative":"LAST_WEEK"}}}`),
	"analytics.get_export": func(t *testing.T, _ *aircalltest.Server, c *aircall.Client) string {
		res, _, err := c.Invoke(context.Background(), "analytics.create_export", json.RawMessage(`{"reportName":"CALLS_HISTORY","filter":{"timezone":"Europe/Paris","dateFilter":{"relative":"LAST_WEEK"}}}`))
		require.NoError(t, err)
		return fmt.Sprintf(`{"export_id":%q}`, res.(*aircall.AnalyticsExport).ExportID)
	},
	"calls.add_comment":                fixed(`{"id":841,"content":"Called back"}`),
	"calls.add_insight_card":           fixed(`{"id":841,"contents":[{"type":"title","text":"Order 42"}]}`),
	"calls.add_tags":                   fixed(`{"id":841,"tags":[679]}`),
	"calls.archive":                    fixed(`{"id":841}`),
	"calls.delete_recording":           fixed(`{"id":841}`),
	"calls.delete_voicemail":           fixed(`{"id":841}`),
	"calls.get":                        fixed(`{"id":841,"fetch_contact":true}`),
	"calls.get_action_items":           fixed(`{"id":841}`),
	"calls.get_custom_summary_result":  withInsights(fixed(`{"id":841}`)),
	"calls.get_evaluations":            withInsights(fixed(`{"id":841}`)),
	"calls.get_playbook_result":        withInsights(fixed(`{"id":841}`)),
	"calls.get_predicted_csat":         fixed(`{"id":841}`),
	"calls.get_realtime_transcription": withInsights(fixed(`{"id":841}`)),
	"calls.get_sentiments":             fixed(`{"id":841}`),
	"calls.get_summary":                fixed(`{"id":841}`),
	"calls.get_topics":                 fixed(`{"id":841}`),
	"calls.get_transcription":          fixed(`{"id":841}`),
	"calls.list":                       fixed(`{"per_page":5,"order":"desc"}`),
	"calls.pause_recording":            ongoingCall(),
	"calls.resume_recording":           ongoingCall(),
	"calls.search":                     fixed(`{"direction":"inbound","per_page":5}`),
	"calls.transfer":                   ongoingCallWith(`,"user_id":457`),
	"calls.unarchive":                  fixed(`{"id":841}`),
	"client.exchange_oauth_code": fixed(fmt.Sprintf(`{"client_id":%q,"client_secret":%q,"code":%q,"redirect_uri":"https://example.com/callback"}`,
		aircalltest.DefaultClientID, aircalltest.DefaultClientSecret, aircalltest.DefaultOAuthCode)),
	"client.ping":                        fixed(``),
	"company.get":                        fixed(`{}`),
	"contacts.add_email":                 fixed(`{"id":710,"label":"Work","value":"vicente@example.com"}`),
	"contacts.add_phone_number":          fixed(`{"id":710,"label":"Work","value":"+34911234567"}`),
	"contacts.create":                    fixed(`{"first_name":"Ada","phone_numbers":[{"label":"Mobile","value":"+33612345678"}]}`),
	"contacts.delete":                    fixed(`{"id":710}`),
	"contacts.delete_email":              fixed(`{"id":711,"email_id":3200}`),
	"contacts.delete_phone_number":       fixed(`{"id":711,"phone_number_id":3369}`),
	"contacts.get":                       fixed(`{"id":710}`),
	"contacts.list":                      fixed(`{"per_page":2}`),
	"contacts.search":                    fixed(`{"phone_number":"+34664673697"}`),
	"contacts.update":                    fixed(`{"id":710,"company_name":"Abad SL"}`),
	"contacts.update_email":              fixed(`{"id":711,"email_id":3200,"value":"margaret@teleworm.es"}`),
	"contacts.update_phone_number":       fixed(`{"id":711,"phone_number_id":3369,"value":"+49111000461"}`),
	"dialer_campaigns.add_phone_numbers": withCampaign(`{"user_id":456,"phone_numbers":["+33612345679"]}`),
	"dialer_campaigns.create":            fixed(`{"user_id":456,"phone_numbers":["+33612345678"]}`),
	"dialer_campaigns.delete":            withCampaign(`{"user_id":456}`),
	"dialer_campaigns.delete_phone_number": func(t *testing.T, s *aircalltest.Server, c *aircall.Client) string {
		withCampaign("")(t, s, c)
		nums, _, err := c.DialerCampaigns.ListPhoneNumbers(context.Background(), 456)
		require.NoError(t, err)
		require.NotEmpty(t, nums)
		return fmt.Sprintf(`{"user_id":456,"id":%d}`, nums[0].ID)
	},
	"dialer_campaigns.get":                       withCampaign(`{"user_id":456}`),
	"dialer_campaigns.list_phone_numbers":        withCampaign(`{"user_id":456}`),
	"integrations.disable":                       fixed(``),
	"integrations.enable":                        fixed(`{"install":true}`),
	"integrations.me":                            fixed(``),
	"messaging.configure":                        fixed(`{"id":1234,"callbackUrl":"https://example.com/sms"}`),
	"messaging.delete_configuration":             configured(`{"id":1234}`),
	"messaging.get_configuration":                configured(`{"id":1234}`),
	"messaging.list_sms_templates":               fixed(`{"per_page":10}`),
	"messaging.send":                             configured(`{"id":1234,"to":"+33612345678","body":"Hello"}`),
	"messaging.send_group":                       configured(`{"id":1234,"participants":["+33612345678","+33612345679"],"body":"Hello"}`),
	"messaging.send_group_in_agent_conversation": fixed(`{"id":1234,"participants":["+33612345678","+33612345679"],"body":"Hello"}`),
	"messaging.send_in_agent_conversation":       fixed(`{"id":1234,"to":"+33612345678","body":"Hello"}`),
	"numbers.get":                                fixed(`{"id":1234}`),
	"numbers.get_registration_status":            fixed(`{"id":3456}`),
	"numbers.list":                               fixed(`{"per_page":2}`),
	"numbers.update":                             fixed(`{"id":1234,"name":"Paris Office"}`),
	"tags.create":                                fixed(`{"name":"VIP","color":"#00B388"}`),
	"tags.delete":                                fixed(`{"id":680}`),
	"tags.get":                                   fixed(`{"id":678}`),
	"tags.list":                                  fixed(``),
	"tags.update":                                fixed(`{"id":678,"name":"General"}`),
	"teams.add_user":                             fixed(`{"team_id":679,"user_id":456}`),
	"teams.create":                               fixed(`{"name":"Support EMEA"}`),
	"teams.delete":                               fixed(`{"id":679}`),
	"teams.get":                                  fixed(`{"id":678}`),
	"teams.list":                                 fixed(``),
	"teams.remove_user":                          fixed(`{"team_id":678,"user_id":457}`),
	"users.create":                               fixed(`{"email":"ada@example.com","first_name":"Ada","last_name":"Lovelace"}`),
	"users.delete":                               fixed(`{"id":459}`),
	"users.dial":                                 fixed(`{"id":456,"to":"+33612345678"}`),
	"users.get":                                  fixed(`{"id":456}`),
	"users.get_availability":                     fixed(`{"id":456}`),
	"users.list":                                 fixed(`{"per_page":2}`),
	"users.list_availabilities":                  fixed(``),
	"users.start_call":                           fixed(`{"id":456,"number_id":1234,"to":"+33612345678"}`),
	"users.update":                               fixed(`{"id":456,"wrap_up_time":30}`),
	"users_v2.create":                            fixed(`{"email":"ada@example.com","first_name":"Ada","last_name":"Lovelace"}`),
	"users_v2.get":                               fixed(`{"id":456}`),
	"users_v2.list":                              fixed(`{"per_page":2}`),
	"users_v2.list_numbers":                      fixed(`{"id":456}`),
	"users_v2.update":                            fixed(`{"id":456,"first_name":"Johnny"}`),
	"webhooks.create":                            fixed(`{"url":"https://example.com/hook","events":["call.created"]}`),
	"webhooks.delete":                            withWebhook(`{"id":%q}`),
	"webhooks.get":                               withWebhook(`{"id":%q}`),
	"webhooks.list":                              fixed(``),
	"webhooks.update":                            withWebhook(`{"id":%q,"custom_name":"CRM","events":["call.created"]}`),
	"whatsapp.list_templates":                    fixed(`{"id":1234,"limit":10}`),
	"whatsapp.send":                              whatsappReady(`{"lineId":1234,"to":"+33612345678","text":"Hello"}`),
	"whatsapp.send_native":                       fixed(`{"lineId":1234,"to":"+33612345678","text":"Hello"}`),
	"whatsapp.status":                            fixed(`{"id":1234}`),
}

func fixed(args string) func(*testing.T, *aircalltest.Server, *aircall.Client) string {
	return func(*testing.T, *aircalltest.Server, *aircall.Client) string { return args }
}

// prepared runs an operation through Invoke before returning args.
func prepared(id, setup, args string) func(*testing.T, *aircalltest.Server, *aircall.Client) string {
	return func(t *testing.T, _ *aircalltest.Server, c *aircall.Client) string {
		_, _, err := c.Invoke(context.Background(), id, json.RawMessage(setup))
		require.NoError(t, err, "preparing with %s", id)
		return args
	}
}

func withCampaign(args string) func(*testing.T, *aircalltest.Server, *aircall.Client) string {
	return prepared("dialer_campaigns.create", `{"user_id":456,"phone_numbers":["+33612345678"]}`, args)
}

func configured(args string) func(*testing.T, *aircalltest.Server, *aircall.Client) string {
	return prepared("messaging.configure", `{"id":1234,"callbackUrl":"https://example.com/sms"}`, args)
}

func withA2P(format string) func(*testing.T, *aircalltest.Server, *aircall.Client) string {
	return func(t *testing.T, _ *aircalltest.Server, c *aircall.Client) string {
		res, _, err := c.Invoke(context.Background(), "a2p.create", json.RawMessage(`{"external_campaign_id":"CAMP123","numbers":["18005550100"]}`))
		require.NoError(t, err)
		return fmt.Sprintf(format, res.(*aircall.A2PCampaignAssociation).ID)
	}
}

func withWebhook(format string) func(*testing.T, *aircalltest.Server, *aircall.Client) string {
	return func(t *testing.T, s *aircalltest.Server, _ *aircall.Client) string {
		return fmt.Sprintf(format, s.AddWebhook("https://example.com/hook").WebhookID)
	}
}

func ongoingCall() func(*testing.T, *aircalltest.Server, *aircall.Client) string {
	return ongoingCallWith("")
}

func ongoingCallWith(extra string) func(*testing.T, *aircalltest.Server, *aircall.Client) string {
	return func(_ *testing.T, s *aircalltest.Server, _ *aircall.Client) string {
		call := s.BeginCall(aircall.Call{Direction: aircall.CallInbound, RawDigits: "+33612345678",
			Number: &aircall.Number{ID: aircalltest.DemoNumberID}})
		s.AnswerCall(call.ID, aircalltest.DemoUserID)
		return fmt.Sprintf(`{"id":%d%s}`, call.ID, extra)
	}
}

func whatsappReady(args string) func(*testing.T, *aircalltest.Server, *aircall.Client) string {
	return func(t *testing.T, s *aircalltest.Server, c *aircall.Client) string {
		_, _, err := c.WhatsApp.RegisterLine(context.Background(), aircalltest.DemoNumberID, "https://example.com/wa")
		require.NoError(t, err)
		return args
	}
}

// oauthOnly lists the operations the fake answers only with an OAuth token.
var oauthOnly = map[string]bool{"integrations.disable": true, "integrations.enable": true, "integrations.me": true}

// withInsights gives the demo call the insights the fake does not seed.
func withInsights(args func(*testing.T, *aircalltest.Server, *aircall.Client) string) func(*testing.T, *aircalltest.Server, *aircall.Client) string {
	return func(t *testing.T, s *aircalltest.Server, c *aircall.Client) string {
		s.SetInsights(aircalltest.DemoCallID, aircalltest.Insights{
			RealtimeTranscription: json.RawMessage(`{"call_id":841}`),
			CustomSummaryResult:   json.RawMessage(`{"call_id":841}`),
			PlaybookResult:        json.RawMessage(`{"call_id":841}`),
			Evaluations:           json.RawMessage(`{"call_id":841}`),
		})
		return args(t, s, c)
	}
}

// TestInvoke_everyOperation runs every operation of the catalogue through
// Client.Invoke against the fake and checks the result has the type the
// catalogue announces.
func TestInvoke_everyOperation(t *testing.T) {
	t.Parallel()
	for _, op := range aircall.Operations() {
		t.Run(op.ID, func(t *testing.T) {
			t.Parallel()
			args, ok := invokeCases[op.ID]
			require.True(t, ok, "no invokeCases entry for %s", op.ID)
			s := aircalltest.NewServer(aircalltest.InMemory(), aircalltest.WithDemoData())
			t.Cleanup(s.Close)
			c := s.Client()
			if oauthOnly[op.ID] {
				c = s.Client(aircall.WithBearerToken(s.IssueAccessToken()))
			}
			raw := args(t, s, c)
			res, resp, err := c.Invoke(context.Background(), op.ID, json.RawMessage(raw))
			require.NoError(t, err, "args %s", raw)
			require.NotNil(t, resp)
			if op.Response == "" {
				assert.Nil(t, res)
				return
			}
			require.NotNil(t, res)
			assert.Equal(t, op.Response, goTypeName(reflect.TypeOf(res)))
		})
	}
	assert.Len(t, invokeCases, len(aircall.Operations()), "one case per operation")
}

// goTypeName spells a type as the catalogue does ("*Call", "[]*Call").
func goTypeName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Pointer:
		return "*" + goTypeName(t.Elem())
	case reflect.Slice:
		return "[]" + goTypeName(t.Elem())
	}
	return strings.TrimPrefix(t.String(), "aircall.")
}

// TestInvoke_rejectsBeforeSending checks bad arguments fail with an
// *ArgError and send nothing.
func TestInvoke_rejectsBeforeSending(t *testing.T) {
	t.Parallel()
	cases := []struct{ id, args, arg string }{
		{"calls.get", `{"id":841,"bogus":1}`, "bogus"},
		{"calls.get", `{}`, "id"},
		{"calls.get", `{"id":"x"}`, "id"},
		{"calls.list", `{"per_page":"many"}`, "per_page"},
		{"contacts.create", `{"first_name":"Ada","nickname":"A"}`, "nickname"},
		{"contacts.create", `{"first_name":7}`, "first_name"},
		{"users.dial", `{"id":456,"to":"not a number"}`, "to"},
		{"tags.get", `[1]`, "args"},
		{"no.such_operation", `{}`, "id"},
	}
	s := aircalltest.NewServer(aircalltest.InMemory(), aircalltest.WithDemoData())
	t.Cleanup(s.Close)
	c := s.Client()
	for _, tc := range cases {
		res, resp, err := c.Invoke(context.Background(), tc.id, json.RawMessage(tc.args))
		var ae *aircall.ArgError
		if assert.ErrorAs(t, err, &ae, "%s %s", tc.id, tc.args) {
			assert.Equal(t, tc.arg, ae.Arg, "%s %s", tc.id, tc.args)
		}
		assert.Nil(t, res)
		assert.Nil(t, resp)
	}
	assert.Zero(t, s.Stats().Requests, "nothing was sent")
}

// TestInvoke_queryTimes checks a time option accepts UNIX seconds and RFC
// 3339.
func TestInvoke_queryTimes(t *testing.T) {
	t.Parallel()
	s := aircalltest.NewServer(aircalltest.InMemory(), aircalltest.WithDemoData())
	t.Cleanup(s.Close)
	c := s.Client()
	for _, args := range []string{`{"from":1}`, `{"from":"1970-01-01T00:00:01Z"}`} {
		res, _, err := c.Invoke(context.Background(), "calls.list", json.RawMessage(args))
		require.NoError(t, err, args)
		assert.NotEmpty(t, res.([]*aircall.Call), args)
	}
}

func ExampleClient_Invoke() {
	s := aircalltest.NewServer(aircalltest.InMemory(), aircalltest.WithDemoData())
	defer s.Close()
	client := s.Client()

	res, _, err := client.Invoke(context.Background(), "tags.get", json.RawMessage(`{"id":678}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.(*aircall.Tag).Name)

	_, _, err = client.Invoke(context.Background(), "tags.get", json.RawMessage(`{"id":678,"colour":"red"}`))
	fmt.Println(err)
	// Output:
	// General Inquiries
	// aircall: invalid colour: unknown argument
}
