package aircall_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
)

// Fetch a call's transcript and summary. Conversation Intelligence answers
// 403 when the company has no AI Assist licence for an insight, and 404
// while the insight is not generated yet (insights arrive minutes after the
// call): tell them apart with errors.Is.
func Example_conversationIntelligence() {
	fake := exampleServer()
	defer fake.Close()
	agent := fake.AddUser(aircall.User{Name: "John Doe"})
	recorded := fake.AddCall(aircall.Call{User: agent, Duration: 4, AnsweredAt: aircall.Timestamp{Time: time.Now()}})
	fake.SetInsights(recorded.ID, aircalltest.Insights{Transcription: &aircall.Transcription{Type: aircall.TranscriptionTypeCall,
		Content: &aircall.TranscriptionContent{Language: "en", Utterances: []*aircall.TranscriptionUtterance{
			{StartTime: 0.5, EndTime: 2.1, Text: "Hi, I'd like a quote.", ParticipantType: aircall.SpeakerExternal, PhoneNumber: "+18001231234"},
			{StartTime: 2.4, EndTime: 3.9, Text: "Sure, let me help.", ParticipantType: aircall.SpeakerInternal, UserID: agent.ID},
		}}}}) // no summary yet
	client := fake.Client()
	ctx := context.Background()
	callID := recorded.ID

	t, _, err := client.Calls.GetTranscription(ctx, callID, nil)
	switch {
	case errors.Is(err, aircall.ErrForbidden):
		fmt.Println("no AI Assist licence: no transcript")
	case errors.Is(err, aircall.ErrNotFound):
		fmt.Println("transcript not ready yet: retry later or wait for transcription.created")
	case err != nil:
		log.Fatal(err)
	default:
		fmt.Print(t.Text()) // one line per utterance, with its speaker
	}

	s, _, err := client.Calls.GetSummary(ctx, callID)
	switch {
	case errors.Is(err, aircall.ErrForbidden):
		fmt.Println("no AI Assist licence: no summary")
	case errors.Is(err, aircall.ErrNotFound):
		fmt.Println("summary not ready yet: retry later or wait for summary.created")
	case err != nil:
		log.Fatal(err)
	default:
		fmt.Println("summary:", s.Content)
	}
	// Output:
	// [00:00] Customer +18001231234: Hi, I'd like a quote.
	// [00:02] Agent 460: Sure, let me help.
	// summary not ready yet: retry later or wait for summary.created
}

// Ask an AI Voice Agent to call a contact. Without an IdempotencyKey the SDK
// generates one, returned in the answer; the request is then retried safely
// on 5xx and network errors, and a key reused later answers 409.
func ExampleAIVoiceAgentsService_StartOutboundCall() {
	fake := exampleServer()
	defer fake.Close()
	client := fake.Client()

	call, _, err := client.AIVoiceAgents.StartOutboundCall(context.Background(), "agent-abc123", &aircall.OutboundAgentCallRequest{
		ContactPhone: "+18001231234",
		Context: map[string]any{ // one value per {{variable}} of the agent's messages
			"first_name":  "Jordan",
			"appointment": "2026-03-15T09:30:00Z",
			"timezone":    "Europe/Paris", // needed with an ISO-8601 datetime value
		},
		ExpirationSeconds: aircall.Ptr(2 * 3600),
	})
	if errors.Is(err, aircall.ErrConflict) {
		log.Fatal("this idempotency key was already used")
	}
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(call.Status, call.VirtualAgentID)
	fmt.Println("key generated:", call.IdempotencyKey != "")
	// Output:
	// PENDING agent-abc123
	// key generated: true
}

// Export last week's call history and wait for its download URL.
func ExampleAnalyticsService_WaitForExport() {
	fake := exampleServer() // exports complete at once here; real ones take minutes
	defer fake.Close()
	client := fake.Client()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()

	exp, _, err := client.Analytics.CreateExport(ctx, &aircall.CreateAnalyticsExportRequest{
		ReportName: aircall.AnalyticsReportCallsHistory,
		Filter: aircall.AnalyticsFilter{
			Timezone:   "Europe/Paris",
			DateFilter: aircall.AnalyticsDateFilter{Relative: aircall.AnalyticsLastWeek},
		},
		ExportOptions: &aircall.AnalyticsExportOptions{ExportName: aircall.Ptr("calls-last-week")},
	})
	if errors.Is(err, aircall.ErrForbidden) {
		log.Fatal("the Analytics+ add-on is required")
	}
	if err != nil {
		log.Fatal(err)
	}

	done, err := client.Analytics.WaitForExport(ctx, exp.ExportID, 0) // polls once a minute
	var failed *aircall.AnalyticsExportError
	if errors.As(err, &failed) {
		log.Fatalf("export failed: %s", failed.Message)
	}
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(done.Status, done.ExportName, done.Format)
	fmt.Println("download URL valid for", done.DownloadURLExpiresAt.Sub(done.CreatedAt.Time).Round(time.Minute))
	// Output:
	// COMPLETED calls-last-week CSV
	// download URL valid for 1h0m0s
}

// Look a User up by email through the v2 endpoints, then list their Numbers.
func ExampleUsersV2Service_GetByEmail() {
	fake := exampleServer(aircalltest.WithDemoData())
	defer fake.Close()
	client := fake.Client()
	ctx := context.Background()

	user, _, err := client.UsersV2.GetByEmail(ctx, "john.doe@aircall.io")
	if errors.Is(err, aircall.ErrNotFound) {
		log.Fatal("no such user")
	}
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(user.ID, user.Name, user.AvailabilityStatus)
	for n, err := range client.UsersV2.ListNumbersIter(ctx, user.ID, nil) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(n.Name, n.Digits)
	}
	// Output:
	// 456 John Doe available
	// French Office +33 1 76 11 11 11
	// US Sales +1 800-555-0100
}
