package aircalltest

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/aircall-go/aircall"
)

// InvokeArgs returns arguments for the operation id (an aircall.Operation
// ID) that a server made WithDemoData accepts through Client.Invoke, after
// preparing what the operation needs (a dialer campaign, a messaging
// configuration, an ongoing call, ...) through c. Tests, and tools built on
// the operation catalogue, use it to run every operation against the fake.
// c must be a client of s; OAuthOnly says which operations need one made
// with an OAuth token (s.IssueAccessToken).
func (s *Server) InvokeArgs(ctx context.Context, c *aircall.Client, id string) (json.RawMessage, error) {
	ex, ok := invokeExamples[id]
	if !ok {
		return nil, fmt.Errorf("aircalltest: no example arguments for operation %q", id)
	}
	args, err := ex(ctx, s, c)
	if err != nil {
		return nil, fmt.Errorf("aircalltest: preparing %s: %w", id, err)
	}
	return json.RawMessage(args), nil
}

// OAuthOnly reports whether the fake answers the operation id only to an
// OAuth access token (the integrations operations), not to Basic auth.
func OAuthOnly(id string) bool { return oauthOnly[id] }

// oauthOnly lists the operations the fake answers only with an OAuth token.
var oauthOnly = map[string]bool{"integrations.disable": true, "integrations.enable": true, "integrations.me": true}

// exampleArgs prepares the fake for an operation and returns its arguments.
type exampleArgs func(ctx context.Context, s *Server, c *aircall.Client) (string, error)

// invokeExamples gives, for every operation, arguments the demo data
// accepts. An entry may prepare the fake first and return the arguments then
// (ids the fake assigns).
var invokeExamples = map[string]exampleArgs{
	"a2p.create":                          fixed(`{"external_campaign_id":"CAMP123","numbers":["18005550100"]}`),
	"a2p.delete":                          withA2P(`{"id":%d}`),
	"a2p.get":                             withA2P(`{"id":%d}`),
	"a2p.list":                            fixed(`{"per_page":10}`),
	"a2p.update":                          withA2P(`{"id":%d,"numbers":["18005550100"]}`),
	"ai_voice_agents.start_outbound_call": fixed(`{"agent_id":"agent-1","contact_phone":"+33612345678"}`),
	"analytics.create_export":             fixed(`{"reportName":"CALLS_HISTORY","filter":{"timezone":"Europe/Paris","dateFilter":{"relative":"LAST_WEEK"}}}`),
	"analytics.get_export": func(ctx context.Context, _ *Server, c *aircall.Client) (string, error) {
		res, _, err := c.Invoke(ctx, "analytics.create_export", json.RawMessage(`{"reportName":"CALLS_HISTORY","filter":{"timezone":"Europe/Paris","dateFilter":{"relative":"LAST_WEEK"}}}`))
		if err != nil {
			return "", err
		}
		return fmt.Sprintf(`{"export_id":%q}`, res.(*aircall.AnalyticsExport).ExportID), nil
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
		DefaultClientID, DefaultClientSecret, DefaultOAuthCode)),
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
	"dialer_campaigns.delete_phone_number": func(ctx context.Context, s *Server, c *aircall.Client) (string, error) {
		if _, err := withCampaign("")(ctx, s, c); err != nil {
			return "", err
		}
		nums, _, err := c.DialerCampaigns.ListPhoneNumbers(ctx, 456)
		if err != nil || len(nums) == 0 {
			return "", fmt.Errorf("listing the campaign's numbers: %d, %v", len(nums), err)
		}
		return fmt.Sprintf(`{"user_id":456,"id":%d}`, nums[0].ID), nil
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

func fixed(args string) exampleArgs {
	return func(context.Context, *Server, *aircall.Client) (string, error) { return args, nil }
}

// prepared runs an operation through Invoke before returning args.
func prepared(id, setup, args string) exampleArgs {
	return func(ctx context.Context, _ *Server, c *aircall.Client) (string, error) {
		_, _, err := c.Invoke(ctx, id, json.RawMessage(setup))
		return args, err
	}
}

func withCampaign(args string) exampleArgs {
	return prepared("dialer_campaigns.create", `{"user_id":456,"phone_numbers":["+33612345678"]}`, args)
}

func configured(args string) exampleArgs {
	return prepared("messaging.configure", `{"id":1234,"callbackUrl":"https://example.com/sms"}`, args)
}

func withA2P(format string) exampleArgs {
	return func(ctx context.Context, _ *Server, c *aircall.Client) (string, error) {
		res, _, err := c.Invoke(ctx, "a2p.create", json.RawMessage(`{"external_campaign_id":"CAMP123","numbers":["18005550100"]}`))
		if err != nil {
			return "", err
		}
		return fmt.Sprintf(format, res.(*aircall.A2PCampaignAssociation).ID), nil
	}
}

func withWebhook(format string) exampleArgs {
	return func(_ context.Context, s *Server, _ *aircall.Client) (string, error) {
		return fmt.Sprintf(format, s.AddWebhook("https://example.com/hook").WebhookID), nil
	}
}

func ongoingCall() exampleArgs { return ongoingCallWith("") }

func ongoingCallWith(extra string) exampleArgs {
	return func(_ context.Context, s *Server, _ *aircall.Client) (string, error) {
		call := s.BeginCall(aircall.Call{Direction: aircall.CallInbound, RawDigits: "+33612345678",
			Number: &aircall.Number{ID: DemoNumberID}})
		s.AnswerCall(call.ID, DemoUserID)
		return fmt.Sprintf(`{"id":%d%s}`, call.ID, extra), nil
	}
}

func whatsappReady(args string) exampleArgs {
	return func(ctx context.Context, _ *Server, c *aircall.Client) (string, error) {
		_, _, err := c.WhatsApp.RegisterLine(ctx, DemoNumberID, "https://example.com/wa")
		return args, err
	}
}

// withInsights gives the demo call the insights the fake does not seed.
func withInsights(args exampleArgs) exampleArgs {
	return func(ctx context.Context, s *Server, c *aircall.Client) (string, error) {
		s.SetInsights(DemoCallID, Insights{
			RealtimeTranscription: json.RawMessage(`{"call_id":841}`),
			CustomSummaryResult:   json.RawMessage(`{"call_id":841}`),
			PlaybookResult:        json.RawMessage(`{"call_id":841}`),
			Evaluations:           json.RawMessage(`{"call_id":841}`),
		})
		return args(ctx, s, c)
	}
}
