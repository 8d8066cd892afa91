package aircall

// Webhook event names and resources: what Aircall POSTs to a Webhook's URL,
// named. Parsing and verifying the events is in events_parse.go, the
// http.Handler in events_handler.go.
//
// The events of the core reference (user.*, call.*, number.*, contact.*,
// integration.deleted) are documented by Aircall with their payloads. The
// newer families (message.*, group_message.*, the Conversation Intelligence
// events, ai_voice_agent.*, analytics.*, user.*.v2, call.external_transferred)
// are not in that reference; each group's comment says in one sentence where
// its shape comes from (see "How sure the SDK is of each shape" in doc.go).

// EventType names a webhook event such as call.created. Use the constants to
// subscribe a Webhook (CreateWebhookRequest.Events) and to route events
// (WebhookHandler.On). Aircall adds events over time: a name the SDK has no
// constant for still parses, and EventType.Known reports false for it.
type EventType string

// User events: the data is the User object (WebhookEvent.User). Users are
// invited by Admins from the Dashboard or through the Public API. Aircall
// may deprecate them in favour of the user.*.v2 events (per one published
// catalogue of Aircall's events).
const (
	// EventUserCreated is sent when new users are invited in an Aircall company.
	EventUserCreated EventType = "user.created"
	// EventUserDeleted is sent when users are deleted from an Aircall company by Admin users.
	EventUserDeleted EventType = "user.deleted"
	// EventUserConnected is sent when users open their Aircall Phone.
	EventUserConnected EventType = "user.connected"
	// EventUserDisconnected is sent when users close their Aircall Phone.
	EventUserDisconnected EventType = "user.disconnected"
	// EventUserOpened is sent when users become available according to their working hours.
	EventUserOpened EventType = "user.opened"
	// EventUserClosed is sent when users become unavailable according to
	// their working hours. With unavailability reasons (substatus) enabled, a
	// second user.closed follows with the chosen reason: not a duplicate.
	EventUserClosed EventType = "user.closed"
	// EventUserWrapUpStarted (user.wut_start) is sent when users start their
	// wrap-up time (WUT). With a wrap-up time of zero and mandatory call
	// tagging, it is sent when the user tags the call at its end, and not at
	// all if the call was tagged during the call.
	EventUserWrapUpStarted EventType = "user.wut_start"
	// EventUserWrapUpEnded (user.wut_end) is sent when users finish their
	// wrap-up time (WUT); same tagging rule as EventUserWrapUpStarted.
	EventUserWrapUpEnded EventType = "user.wut_end"
)

// User events v2: the same moments as the user events, with the v2 User
// object as data (WebhookEvent.UserV2, no numbers list). Names from one
// published catalogue of Aircall's events; not in the API reference (their
// resource is assumed to be "user").
const (
	// EventUserCreatedV2 is sent when a new user is invited to the company.
	EventUserCreatedV2 EventType = "user.created.v2"
	// EventUserDeletedV2 is sent when a user is deleted by an Admin.
	EventUserDeletedV2 EventType = "user.deleted.v2"
	// EventUserConnectedV2 is sent when a user opens the Aircall app.
	EventUserConnectedV2 EventType = "user.connected.v2"
	// EventUserDisconnectedV2 is sent when a user closes the Aircall app.
	EventUserDisconnectedV2 EventType = "user.disconnected.v2"
	// EventUserOpenedV2 is sent when a user becomes available per their working hours.
	EventUserOpenedV2 EventType = "user.opened.v2"
	// EventUserClosedV2 is sent when a user becomes unavailable per their
	// working hours (twice with substatus enabled, as EventUserClosed).
	EventUserClosedV2 EventType = "user.closed.v2"
	// EventUserWrapUpStartedV2 (user.wut_start.v2) is sent when a user starts wrap-up time.
	EventUserWrapUpStartedV2 EventType = "user.wut_start.v2"
	// EventUserWrapUpEndedV2 (user.wut_end.v2) is sent when a user finishes wrap-up time.
	EventUserWrapUpEndedV2 EventType = "user.wut_end.v2"
)

// Call events: the data is the Call object (WebhookEvent.Call). With OAuth,
// Admins choose in the Dashboard which Numbers send call events; with Basic
// auth, call events are sent for every Number of the company. Several events
// fire for one call: upsert on the call's id rather than insert per event.
const (
	// EventCallCreated is sent when a call is started: for inbound calls when
	// the call hits an Aircall number, for outbound calls when an agent
	// starts a call from their Phone.
	EventCallCreated EventType = "call.created"
	// EventCallRingingOnAgent is sent when calls start ringing on Agents' Phone.
	EventCallRingingOnAgent EventType = "call.ringing_on_agent"
	// EventCallAgentDeclined is sent when Agents decline inbound calls.
	EventCallAgentDeclined EventType = "call.agent_declined"
	// EventCallAnswered is sent, for inbound calls, when one Agent picks the
	// call up; for outbound calls, when the external person picks it up. The
	// direction is in the Call.
	EventCallAnswered EventType = "call.answered"
	// EventCallTransferred is sent when a transferred call is answered by the
	// other agent (or by an agent of the Team). A transfer to an external
	// number through the Public API sends it without transferred_to; one
	// through the Aircall Phone does not send it.
	EventCallTransferred EventType = "call.transferred"
	// EventCallExternalTransferred is sent when a call is transferred to an
	// external number. Name from one published catalogue of Aircall's
	// events; not in the API reference.
	EventCallExternalTransferred EventType = "call.external_transferred"
	// EventCallUnsuccessfulTransfer is sent when the agent (or no agent of
	// the Team) answers a transferred call, or, for a transfer to an external
	// number through the Public API, when the line is busy (without
	// transferred_to).
	EventCallUnsuccessfulTransfer EventType = "call.unsuccessful_transfer"
	// EventCallHungUp (call.hungup) is sent immediately after a call is hung
	// up. Fields such as duration and recording may still be null: use it to
	// know when a call ends, and EventCallEnded for its data.
	EventCallHungUp EventType = "call.hungup"
	// EventCallEnded is sent ~30 s after a call is hung up, once Aircall has
	// gathered its duration and recording files: use it to read a finished
	// call's information.
	EventCallEnded EventType = "call.ended"
	// EventCallVoicemailLeft is sent ~30 s after a call ends if a voicemail
	// is present, in the Call's voicemail and asset fields.
	EventCallVoicemailLeft EventType = "call.voicemail_left"
	// EventCallCommented is sent when a comment is created on a call (at the
	// end of the call if it was written in the in-call view).
	EventCallCommented EventType = "call.commented"
	// EventCallTagged is sent when a call is tagged (at the end of the call
	// if it was tagged in the in-call view).
	EventCallTagged EventType = "call.tagged"
	// EventCallUntagged is sent when an Agent removes a tag from a call in
	// their Phone; not for ongoing calls.
	EventCallUntagged EventType = "call.untagged"
	// EventCallAssigned is sent when an Agent assigns a call to another Agent.
	EventCallAssigned EventType = "call.assigned"
	// EventCallArchived is sent when a call is archived (marked as done).
	EventCallArchived EventType = "call.archived"
	// EventCallHold is sent when a call is put on hold.
	EventCallHold EventType = "call.hold"
	// EventCallUnhold is sent when a call is removed from hold.
	EventCallUnhold EventType = "call.unhold"
	// EventCallIVROptionSelected is sent after an IVR option is selected on a
	// Smartflow-enabled number.
	EventCallIVROptionSelected EventType = "call.ivr_option_selected"
	// EventCallCommAssetsGenerated is sent once per call when its recording
	// or voicemail is generated; only for recorded calls or voicemails. Use it
	// when the links are missing from call.ended.
	EventCallCommAssetsGenerated EventType = "call.comm_assets_generated"
)

// Number events: the data is the Number object (WebhookEvent.Number).
// Numbers are bought and deleted by Admins.
const (
	// EventNumberCreated is sent when new numbers are created on Aircall accounts.
	EventNumberCreated EventType = "number.created"
	// EventNumberDeleted is sent when numbers are deleted by Admin users.
	EventNumberDeleted EventType = "number.deleted"
	// EventNumberOpened is sent when a number opens according to its opening hours.
	EventNumberOpened EventType = "number.opened"
	// EventNumberClosed is sent when a number closes according to its opening hours.
	EventNumberClosed EventType = "number.closed"
)

// Contact events: the data is the Contact object (WebhookEvent.Contact).
const (
	// EventContactCreated is sent when contacts are created on an Aircall account.
	EventContactCreated EventType = "contact.created"
	// EventContactUpdated is sent when contacts are updated.
	EventContactUpdated EventType = "contact.updated"
	// EventContactDeleted is sent when contacts are deleted.
	EventContactDeleted EventType = "contact.deleted"
)

// EventIntegrationDeleted is sent when an integration is deleted; only to
// webhooks created by applications that use Aircall OAuth. Its data is
// {integration_id, company_id} (WebhookEvent.Integration): delete the
// integration on your side too, to keep uninstall flows in sync.
const EventIntegrationDeleted EventType = "integration.deleted"

// Message events: the data is the Message object (WebhookEvent.Message). They
// fire only for numbers in native (agent conversation) mode; numbers
// configured for proxy mode POST callbacks instead (see
// MessageCallbackHandler). WhatsApp messages have Message.Channel "whatsapp".
// Names from one published catalogue of Aircall's events; Aircall's guides
// describe the three moments but not the payloads.
const (
	// EventMessageSent is sent when a message is sent from an Aircall number.
	EventMessageSent EventType = "message.sent"
	// EventMessageReceived is sent when a message is received.
	EventMessageReceived EventType = "message.received"
	// EventMessageStatusUpdated is sent when an outbound message's delivery
	// status changes (Message.Status).
	EventMessageStatusUpdated EventType = "message.status_updated"
)

// Group message events: the data is a GroupMessage (WebhookEvent.GroupMessage),
// with the group conversation's id and participants. Names from one
// published catalogue of Aircall's events; the resource ("message") and the
// data's shape (the group send answer's) are the SDK's assumption.
const (
	// EventGroupMessageSent is sent when a message is sent to a group conversation.
	EventGroupMessageSent EventType = "group_message.sent"
	// EventGroupMessageReceived is sent when a message is received from a group conversation.
	EventGroupMessageReceived EventType = "group_message.received"
	// EventGroupMessageStatusUpdated is sent when a group message's status changes.
	EventGroupMessageStatusUpdated EventType = "group_message.status_updated"
)

// Conversation Intelligence events: an AI Assist insight was generated after
// a call. Their resource is "conversation_intelligence" and their data the
// insight object itself, without the envelope of the REST answer. Names
// from Aircall's guides, data from several published integrations. The
// insights need AI Assist (Pro for playbooks, evaluations, custom summaries
// and realtime transcription).
const (
	// EventTranscriptionCreated: a call's transcription is ready
	// (WebhookEvent.Transcription).
	EventTranscriptionCreated EventType = "transcription.created"
	// EventSentimentCreated: the participants' sentiments are computed
	// (WebhookEvent.Sentiment).
	EventSentimentCreated EventType = "sentiment.created"
	// EventTopicsCreated: the call's key topics are extracted
	// (WebhookEvent.Topics).
	EventTopicsCreated EventType = "topics.created"
	// EventSummaryCreated: the call's summary is written
	// (WebhookEvent.Summary).
	EventSummaryCreated EventType = "summary.created"
	// EventActionItemCreated: an action item is extracted
	// (WebhookEvent.ActionItems). Whether the data is one item or the call's
	// list is not documented: both are read.
	EventActionItemCreated EventType = "action_item.created"
	// EventPlaybookResultCreated: a playbook result is created
	// (WebhookEvent.PlaybookResult).
	EventPlaybookResultCreated EventType = "playbook_result.created"
	// EventPlaybookResultUpdated: a playbook result is updated
	// (WebhookEvent.PlaybookResult).
	EventPlaybookResultUpdated EventType = "playbook_result.updated"
	// EventCallEvaluationCreated: a QA evaluation (scorecard) is created.
	// The data's shape is not documented: no accessor decodes it, read
	// WebhookEvent.Data.
	EventCallEvaluationCreated EventType = "call_evaluation.created"
	// EventCallEvaluationUpdated: a QA evaluation is updated. The data's
	// shape is not documented: read WebhookEvent.Data.
	EventCallEvaluationUpdated EventType = "call_evaluation.updated"
	// EventCustomSummaryResultCreated: a custom (template) summary is
	// created (WebhookEvent.CustomSummaryResult).
	EventCustomSummaryResultCreated EventType = "custom_summary.result_created"
	// EventCustomSummaryResultUpdated: a custom summary is updated
	// (WebhookEvent.CustomSummaryResult).
	EventCustomSummaryResultUpdated EventType = "custom_summary.result_updated"
	// EventRealtimeTranscriptionUtterancesReceived: utterances of an ongoing
	// call were transcribed (WebhookEvent.RealtimeTranscription).
	EventRealtimeTranscriptionUtterancesReceived EventType = "realtime_transcription.utterances_received"
)

// AI Voice Agent events: a call handled by an AI Voice Agent; the data is an
// AIVoiceAgentEvent (WebhookEvent.AIVoiceAgent), resource "ai_voice_agent".
// Shape from published integrations; not in Aircall's documentation.
const (
	// EventAIVoiceAgentStarted: the agent picked up a call.
	EventAIVoiceAgentStarted EventType = "ai_voice_agent.started"
	// EventAIVoiceAgentEnded: the agent's call ended (AIVoiceAgentEvent.CallEndReason).
	EventAIVoiceAgentEnded EventType = "ai_voice_agent.ended"
	// EventAIVoiceAgentEscalated: the agent handed the call to a human
	// (AIVoiceAgentEvent.EscalationReason).
	EventAIVoiceAgentEscalated EventType = "ai_voice_agent.escalated"
	// EventAIVoiceAgentSummary: the agent's summary is ready, with the
	// answers to its intake questions (AIVoiceAgentEvent.ExtractedData).
	EventAIVoiceAgentSummary EventType = "ai_voice_agent.summary"
)

// Analytics events: an export requested with AnalyticsService.CreateExport
// finished. Resource "analytics". The names and that they carry the download
// URL come from Aircall's analytics guide; that the data is the export as
// AnalyticsService.GetExport answers it (WebhookEvent.AnalyticsExport) is
// the SDK's assumption.
const (
	// EventAnalyticsReportCreated: the export is ready; the data holds its
	// download URL (AnalyticsExport.DownloadURL).
	EventAnalyticsReportCreated EventType = "analytics.report_created"
	// EventAnalyticsReportFailed: the export failed (AnalyticsExport.ErrorMessage).
	EventAnalyticsReportFailed EventType = "analytics.report_failed"
)

// Resources name what an event's data is about: the value of
// WebhookEvent.Resource. The reference documents call, user, number and
// contact (and integration, by its example); the others come from
// published integrations. Other values pass through.
const (
	ResourceCall                     = "call"
	ResourceUser                     = "user"
	ResourceNumber                   = "number"
	ResourceContact                  = "contact"
	ResourceIntegration              = "integration"
	ResourceMessage                  = "message"
	ResourceConversationIntelligence = "conversation_intelligence"
	ResourceAIVoiceAgent             = "ai_voice_agent"
	ResourceAnalytics                = "analytics"
)

// dataKind says which Go type an event's data decodes into, and with which
// WebhookEvent method. The zero dataKind is data the SDK does not model.
type dataKind struct {
	typeName string // the Go type, e.g. "Call"
	accessor string // the WebhookEvent method that decodes it, e.g. "Call"
	resource string // the resource of events carrying it
}

var (
	dataCall                  = dataKind{"Call", "Call", ResourceCall}
	dataUser                  = dataKind{"User", "User", ResourceUser}
	dataUserV2                = dataKind{"UserV2", "UserV2", ResourceUser}
	dataNumber                = dataKind{"Number", "Number", ResourceNumber}
	dataContact               = dataKind{"Contact", "Contact", ResourceContact}
	dataIntegration           = dataKind{"IntegrationDeleted", "Integration", ResourceIntegration}
	dataMessage               = dataKind{"Message", "Message", ResourceMessage}
	dataGroupMessage          = dataKind{"GroupMessage", "GroupMessage", ResourceMessage}
	dataTranscription         = dataKind{"Transcription", "Transcription", ResourceConversationIntelligence}
	dataSentiment             = dataKind{"CallSentiment", "Sentiment", ResourceConversationIntelligence}
	dataTopics                = dataKind{"CallTopics", "Topics", ResourceConversationIntelligence}
	dataSummary               = dataKind{"CallSummary", "Summary", ResourceConversationIntelligence}
	dataActionItems           = dataKind{"CallActionItems", "ActionItems", ResourceConversationIntelligence}
	dataPlaybookResult        = dataKind{"PlaybookResult", "PlaybookResult", ResourceConversationIntelligence}
	dataCustomSummaryResult   = dataKind{"CustomSummaryResult", "CustomSummaryResult", ResourceConversationIntelligence}
	dataRealtimeTranscription = dataKind{"RealtimeTranscription", "RealtimeTranscription", ResourceConversationIntelligence}
	dataAIVoiceAgent          = dataKind{"AIVoiceAgentEvent", "AIVoiceAgent", ResourceAIVoiceAgent}
	dataAnalyticsExport       = dataKind{"AnalyticsExport", "AnalyticsExport", ResourceAnalytics}
	dataUnmodelled            = dataKind{resource: ResourceConversationIntelligence} // call evaluations
)

// eventInfo is what the SDK knows about one event.
type eventInfo struct {
	event EventType
	data  dataKind
}

// knownEvents lists every EventType constant, in the order of the
// declarations above. A test checks that it names each constant once.
var knownEvents = []eventInfo{
	{EventUserCreated, dataUser},
	{EventUserDeleted, dataUser},
	{EventUserConnected, dataUser},
	{EventUserDisconnected, dataUser},
	{EventUserOpened, dataUser},
	{EventUserClosed, dataUser},
	{EventUserWrapUpStarted, dataUser},
	{EventUserWrapUpEnded, dataUser},

	{EventUserCreatedV2, dataUserV2},
	{EventUserDeletedV2, dataUserV2},
	{EventUserConnectedV2, dataUserV2},
	{EventUserDisconnectedV2, dataUserV2},
	{EventUserOpenedV2, dataUserV2},
	{EventUserClosedV2, dataUserV2},
	{EventUserWrapUpStartedV2, dataUserV2},
	{EventUserWrapUpEndedV2, dataUserV2},

	{EventCallCreated, dataCall},
	{EventCallRingingOnAgent, dataCall},
	{EventCallAgentDeclined, dataCall},
	{EventCallAnswered, dataCall},
	{EventCallTransferred, dataCall},
	{EventCallExternalTransferred, dataCall},
	{EventCallUnsuccessfulTransfer, dataCall},
	{EventCallHungUp, dataCall},
	{EventCallEnded, dataCall},
	{EventCallVoicemailLeft, dataCall},
	{EventCallCommented, dataCall},
	{EventCallTagged, dataCall},
	{EventCallUntagged, dataCall},
	{EventCallAssigned, dataCall},
	{EventCallArchived, dataCall},
	{EventCallHold, dataCall},
	{EventCallUnhold, dataCall},
	{EventCallIVROptionSelected, dataCall},
	{EventCallCommAssetsGenerated, dataCall},

	{EventNumberCreated, dataNumber},
	{EventNumberDeleted, dataNumber},
	{EventNumberOpened, dataNumber},
	{EventNumberClosed, dataNumber},

	{EventContactCreated, dataContact},
	{EventContactUpdated, dataContact},
	{EventContactDeleted, dataContact},

	{EventIntegrationDeleted, dataIntegration},

	{EventMessageSent, dataMessage},
	{EventMessageReceived, dataMessage},
	{EventMessageStatusUpdated, dataMessage},

	{EventGroupMessageSent, dataGroupMessage},
	{EventGroupMessageReceived, dataGroupMessage},
	{EventGroupMessageStatusUpdated, dataGroupMessage},

	{EventTranscriptionCreated, dataTranscription},
	{EventSentimentCreated, dataSentiment},
	{EventTopicsCreated, dataTopics},
	{EventSummaryCreated, dataSummary},
	{EventActionItemCreated, dataActionItems},
	{EventPlaybookResultCreated, dataPlaybookResult},
	{EventPlaybookResultUpdated, dataPlaybookResult},
	{EventCallEvaluationCreated, dataUnmodelled},
	{EventCallEvaluationUpdated, dataUnmodelled},
	{EventCustomSummaryResultCreated, dataCustomSummaryResult},
	{EventCustomSummaryResultUpdated, dataCustomSummaryResult},
	{EventRealtimeTranscriptionUtterancesReceived, dataRealtimeTranscription},

	{EventAIVoiceAgentStarted, dataAIVoiceAgent},
	{EventAIVoiceAgentEnded, dataAIVoiceAgent},
	{EventAIVoiceAgentEscalated, dataAIVoiceAgent},
	{EventAIVoiceAgentSummary, dataAIVoiceAgent},

	{EventAnalyticsReportCreated, dataAnalyticsExport},
	{EventAnalyticsReportFailed, dataAnalyticsExport},
}

var eventIndex = func() map[EventType]eventInfo {
	m := make(map[EventType]eventInfo, len(knownEvents))
	for _, ev := range knownEvents {
		m[ev.event] = ev
	}
	return m
}()

// EventTypes returns every event the SDK has a constant for, grouped by
// resource, in a new slice. Subscribing a Webhook to all of them is not the
// same as CreateWebhookRequest.AllEvents: the API's "all" also covers events
// this SDK does not know yet.
func EventTypes() []EventType {
	out := make([]EventType, len(knownEvents))
	for i, ev := range knownEvents {
		out[i] = ev.event
	}
	return out
}

// Known reports whether the SDK has a constant for t.
func (t EventType) Known() bool {
	_, ok := eventIndex[t]
	return ok
}

// DataType names the SDK type an event's data decodes into ("Call" for
// call.ended, "UserV2" for user.created.v2, ...), which is also the
// WebhookEvent method decoding it except for a few ("CallSentiment" is
// WebhookEvent.Sentiment); "" for events whose data the SDK does not model
// and for events it does not know.
func (t EventType) DataType() string {
	return eventIndex[t].data.typeName
}

// Resource returns the resource events of type t carry (ResourceCall for
// call.ended, ...), or "" for an event the SDK does not know. For events
// outside the API reference it is the SDK's assumption: the payload's own
// WebhookEvent.Resource is what Aircall sent.
func (t EventType) Resource() string {
	return eventIndex[t].data.resource
}
