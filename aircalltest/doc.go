// Package aircalltest is a fake Aircall Public API for tests: stateful, in
// memory, speaking the documented wire format. Point the SDK (or any HTTP
// client) at it and test your integration without an Aircall account:
//
//	s := aircalltest.NewServer(aircalltest.WithDemoData())
//	defer s.Close()
//	client := s.Client() // an *aircall.Client with the fake's credentials
//	calls, _, err := client.Calls.List(ctx, &aircall.CallListOptions{Order: "desc"})
//
// # What it serves
//
// Every operation of the SDK: users (v1 and v2) and availabilities, teams,
// calls and their actions (comments, tags, archive, recordings, transfers,
// insight cards) and conversation-intelligence insights, dialer campaigns,
// numbers, contacts and their phone numbers and emails, tags, webhooks,
// company, integrations, A2P campaign associations, SMS/MMS and WhatsApp
// messaging, AI voice agent calls, analytics exports, ping and the OAuth
// code exchange. Creates, updates and deletes change its state; later reads
// see them.
//
// Answers follow the reference: the {"<resource>": ...} envelopes, the meta
// block with absolute next_page_link and previous_page_link, per_page from 1
// to 50, the from/to/order filters, the documented status codes (201, 202,
// 204, 200 for a team delete, a POST to update a contact), {"error",
// "troubleshoot"} error bodies, the 400 past 10,000 calls or contacts, and
// each resource's time encoding (ISO-8601 for users, teams, numbers and
// webhooks, unix seconds for calls and contacts, epoch milliseconds for
// messages).
//
// # Credentials and rate limits
//
// The fake accepts Basic credentials (DefaultAPIID and DefaultAPIToken, or
// WithAPIKey) and the Bearer tokens it issued (POST /v1/oauth/token,
// IssueAccessToken, WithAccessToken); anything else gets a 403. Each
// credential has a budget of 60 requests per minute (WithBudget,
// WithBudgetWindow, WithLeakyBucket, WithOtherIntegration, WithoutRateLimit) with X-AircallApi-Limit,
// -Remaining and -Reset headers and 429s beyond it. Stats counts requests,
// 429s and per-window totals.
//
// # Time
//
// The fake reads time.Now unless WithClock says otherwise. Inside a
// testing/synctest bubble that is the bubble's fake clock; start the server
// with InMemory there, since real sockets do not work in a bubble: its
// clients then call the handler directly. An hour of rate-limited traffic
// runs in milliseconds.
//
// # Seeding, faults and webhooks
//
// AddUser, AddNumber, AddTeam, AddTag, AddContact, AddCall (and AddCalls
// for volume), AddWebhook and the other Add and Set helpers put known data
// in place; WithDemoData seeds a small realistic company (see the Demo
// constants). BeginCall, AnswerCall and EndCall play a live call. Inject
// makes requests fail, slow down or lose their connection. Webhooks
// registered on the fake receive the events of what changes in it;
// Deliveries, WaitForDeliveries and FlushDeliveries observe them.
//
// # Aircall's side of the workflows
//
// What other people and phones do: SimulateInboundCall (ringing, answered,
// missed, voicemail), SimulateInboundSMS and SimulateInboundWhatsApp
// (message.received, and the callback of a number configured in proxy
// mode), WhatsApp delivery statuses after a proxy send (63016 outside the
// 24-hour window; SimulateWhatsAppStatus), SimulateContactUpdate and
// SimulateContactDelete. A call started with POST /v1/users/:id/calls
// appears after WithStartCallDelay; starting it from a number the user is
// not assigned to is refused. AI voice agent calls progress through their
// statuses and analytics exports complete, each with their events.
// WithWebhookRetries retries failed deliveries and disables a failing
// webhook as Aircall does; DisableFeature answers 403 for a plan without a
// feature. Recordings and voicemails (SetRecording, SetVoicemail) sit
// behind expiring presigned links. Later steps run on the fake's clock;
// Settle waits for all of them. EventPayload and CallbackPayload build
// event bodies for handler tests.
package aircalltest
