package aircall

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/aircall-go/aircall/internal/fixture"
)

// responseModels is every type the SDK decodes answers or payloads into.
// Each entry returns a fresh pointer to decode into.
var responseModels = []func() any{
	func() any { return new(User) }, func() any { return new(UserAvailability) }, func() any { return new(UserV2) },
	func() any { return new(Team) }, func() any { return new(Call) }, func() any { return new(CallTag) },
	func() any { return new(Comment) }, func() any { return new(Participant) }, func() any { return new(IVROption) },
	func() any { return new(CallAIVoiceAgent) }, func() any { return new(DialerCampaign) }, func() any { return new(DialerPhoneNumber) },
	func() any { return new(Number) }, func() any { return new(NumberRegistrationStatus) }, func() any { return new(Contact) },
	func() any { return new(Tag) }, func() any { return new(Webhook) }, func() any { return new(Company) },
	func() any { return new(Integration) }, func() any { return new(A2PCampaignAssociation) }, func() any { return new(Meta) },
	func() any { return new(Message) }, func() any { return new(GroupMessage) }, func() any { return new(MessagingConfiguration) },
	func() any { return new(SMSTemplate) }, func() any { return new(WhatsAppStatus) }, func() any { return new(WhatsAppTemplate) },
	func() any { return new(WhatsAppPageInfo) }, func() any { return new(Transcription) }, func() any { return new(RealtimeTranscription) },
	func() any { return new(CallSentiment) }, func() any { return new(CallTopics) }, func() any { return new(CallSummary) },
	func() any { return new(CallActionItems) }, func() any { return new(CustomSummaryResult) }, func() any { return new(PlaybookResult) },
	func() any { return new(CallEvaluations) }, func() any { return new(PredictedCSAT) }, func() any { return new(OutboundAgentCall) },
	func() any { return new(AIVoiceAgentEvent) }, func() any { return new(AnalyticsExport) }, func() any { return new(OAuthToken) },
	func() any { return new(MessageCallback) },
	// Whole answers, through the same envelopes the services use.
	func() any { return newEnvelope[[]*Call]("calls").Interface() },
	func() any { return newEnvelope[*Call]("call").Interface() },
	func() any { return newEnvelope[[]*Contact]("contacts").Interface() },
	func() any { return newEnvelope[[]*User]("users").Interface() },
	func() any { return newEnvelope[[]*Webhook]("webhooks").Interface() },
}

// FuzzDecodeModels decodes arbitrary bytes into every response model: it
// must never panic, and whatever decodes must encode and decode again.
// The seed corpus is every JSON fixture under testdata, for every model.
func FuzzDecodeModels(f *testing.F) {
	for _, rel := range append(fixture.Glob(f, "*/*.json"), fixture.Glob(f, "*/*/*.json")...) {
		data, err := os.ReadFile(fixture.Path(f, rel))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(uint8(0), data) // the fuzzer mutates the model index too
	}
	f.Add(uint8(3), []byte(`{"id":"x","started_at":"no_available_agent","participants":[{"id":{}}]}`))
	f.Fuzz(func(t *testing.T, kind uint8, data []byte) {
		for i, model := range responseModels {
			if kind != 0 && int(kind)%len(responseModels) != i {
				continue
			}
			v := model()
			if json.Unmarshal(data, v) != nil {
				continue
			}
			again, err := json.Marshal(v)
			if err != nil {
				t.Fatalf("model %d: decoded %q but cannot encode it: %v", i, data, err)
			}
			if err := json.Unmarshal(again, model()); err != nil {
				t.Fatalf("model %d: cannot decode its own encoding %s: %v", i, again, err)
			}
		}
	})
}
