package aircall_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/aircall-go/aircall"
)

// extrasRoute is one canned answer of extrasFakeAPI.
type extrasRoute struct {
	status int
	body   string
}

// extrasFakeAPI starts a local stand-in for the Aircall API answering the
// given routes ("METHOD /path" → status and JSON body), and returns a
// client pointed at it. Real code builds its client with
// aircall.NewClient(aircall.WithBasicAuth(apiID, apiToken)).
func extrasFakeAPI(routes map[string]extrasRoute) (*aircall.Client, func()) {
	mux := http.NewServeMux()
	for pattern, answer := range routes {
		mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.Copy(io.Discard, r.Body)
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(answer.status)
			_, _ = io.WriteString(w, answer.body)
		})
	}
	srv := httptest.NewServer(mux)
	client, err := aircall.NewClient(
		aircall.WithBaseURL(srv.URL),
		aircall.WithBasicAuth("api-id", "api-token"),
		aircall.WithoutRateLimit(),
	)
	if err != nil {
		log.Fatal(err)
	}
	return client, srv.Close
}

// Fetch a call's transcript and summary. Conversation Intelligence answers
// 403 when the company has no AI Assist licence for an insight, and 404
// while the insight is not generated yet (insights arrive minutes after the
// call): tell them apart with errors.Is.
func Example_conversationIntelligence() {
	client, stop := extrasFakeAPI(map[string]extrasRoute{
		"GET /v1/calls/812/transcription": {200, `{"transcription":{"id":1,"call_id":812,"type":"call","content":{"language":"en",
			"utterances":[{"start_time":0.5,"end_time":2.1,"text":"Hi, I'd like a quote.","participant_type":"external","phone_number":"+18001231234"},
			{"start_time":2.4,"end_time":3.9,"text":"Sure, let me help.","participant_type":"internal","user_id":456}]}}}`},
		"GET /v1/calls/812/summary": {404, `{"error":"Not Found","troubleshoot":"Summary not generated yet"}`},
	})
	defer stop()
	ctx := context.Background()

	t, _, err := client.Calls.GetTranscription(ctx, 812, nil)
	switch {
	case errors.Is(err, aircall.ErrForbidden):
		fmt.Println("no AI Assist licence: no transcript")
	case errors.Is(err, aircall.ErrNotFound):
		fmt.Println("transcript not ready yet: retry later or wait for transcription.created")
	case err != nil:
		log.Fatal(err)
	default:
		for _, u := range t.Content.Utterances {
			fmt.Printf("[%4.1fs] %s: %s\n", u.StartTime, u.ParticipantType, u.Text)
		}
	}

	s, _, err := client.Calls.GetSummary(ctx, 812)
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
	// [ 0.5s] external: Hi, I'd like a quote.
	// [ 2.4s] internal: Sure, let me help.
	// summary not ready yet: retry later or wait for summary.created
}

// Ask an AI Voice Agent to call a contact. Without an IdempotencyKey the SDK
// generates one, returned in the answer; the request is then retried safely
// on 5xx and network errors, and a key reused later answers 409.
func ExampleAIVoiceAgentsService_StartOutboundCall() {
	client, stop := extrasFakeAPI(map[string]extrasRoute{
		"POST /v1/outbound-calls/agents/agent-abc123": {202, `{"id":"01ARZ3NDEKTSV4RRFFQ69G5FAV","status":"PENDING","virtual_agent_id":"agent-abc123"}`},
	})
	defer stop()

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
	fmt.Println(call.ID, call.Status, call.VirtualAgentID)
	fmt.Println("key generated:", call.IdempotencyKey != "")
	// Output:
	// 01ARZ3NDEKTSV4RRFFQ69G5FAV PENDING agent-abc123
	// key generated: true
}

// Export last week's call history and wait for its download URL.
func ExampleAnalyticsService_WaitForExport() {
	client, stop := extrasFakeAPI(map[string]extrasRoute{
		"POST /v1/analytics/report/export": {200, `{"exportID":"9d3f2a1e","createdAt":"2026-05-20T09:35:12.000Z","status":"PENDING"}`},
		"GET /v1/analytics/report/export/9d3f2a1e": {200, `{"exportID":"9d3f2a1e","status":"COMPLETED","format":"CSV",
			"downloadUrl":"https://aircall-analytics-exports.s3.amazonaws.com/x.csv","downloadUrlExpiresAt":"2026-05-20T10:35:12.000Z"}`},
	})
	defer stop()
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
	fmt.Println(done.Status, done.DownloadURL)
	fmt.Println("valid until", done.DownloadURLExpiresAt.Format(time.RFC3339))
	// Output:
	// COMPLETED https://aircall-analytics-exports.s3.amazonaws.com/x.csv
	// valid until 2026-05-20T10:35:12Z
}

// Look a User up by email through the v2 endpoints, then list their Numbers.
func ExampleUsersV2Service_GetByEmail() {
	client, stop := extrasFakeAPI(map[string]extrasRoute{
		"GET /v2/users/{id}": {200, `{"user":{"id":458,"name":"Jeffrey Curtis","email":"jeffrey.curtis@aircall.io","availability_status":"available"}}`},
		"GET /v2/users/458/numbers": {200, `{"meta":{"current_page":1,"per_page":50,"next_page_link":null},
			"numbers":[{"id":1234,"name":"French Office","digits":"+33 1 76 11 11 11","flow_editor_enabled":true}]}`},
	})
	defer stop()
	ctx := context.Background()

	user, _, err := client.UsersV2.GetByEmail(ctx, "jeffrey.curtis@aircall.io")
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
	// 458 Jeffrey Curtis available
	// French Office +33 1 76 11 11 11
}
