package aircalltest_test

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCalls_listSearchAndGet(t *testing.T) {
	t.Parallel()
	s := newServer(t, aircalltest.WithDemoData())
	c := s.Client(noRetry)
	ctx := t.Context()

	calls, resp, err := c.Calls.List(ctx, &aircall.CallListOptions{Order: "desc", ListOptions: aircall.ListOptions{PerPage: 10}})
	require.NoError(t, err)
	require.Len(t, calls, 10)
	assert.Equal(t, aircalltest.DemoCallID, calls[0].ID, "newest first")
	assert.Equal(t, aircall.Meta{Count: 10, Total: aircalltest.DemoCalls, CurrentPage: 1, PerPage: 10,
		NextPageLink: s.URL() + "/v1/calls?order=desc&page=2&per_page=10"}, *resp.Meta)
	assert.Nil(t, calls[0].Contact, "contacts only with fetch_contact")

	latest, _, err := c.Calls.Get(ctx, aircalltest.DemoCallID, &aircall.CallGetOptions{FetchContact: true, FetchShortURLs: true})
	require.NoError(t, err)
	assert.Equal(t, aircall.CallOutbound, latest.Direction)
	assert.Equal(t, aircall.CallStatusDone, latest.Status)
	assert.Equal(t, "Vicente", latest.Contact.FirstName)
	assert.Equal(t, "+34664673697", latest.RawDigits)
	assert.Equal(t, "John Doe", latest.User.Name)
	assert.Equal(t, "French Office", latest.Number.Name)
	assert.Equal(t, int(latest.EndedAt.Sub(latest.StartedAt.Time)/time.Second), latest.Duration)
	require.Len(t, latest.Comments, 1)
	assert.Equal(t, "Please call back this customer!", latest.Comments[0].Content)
	require.Len(t, latest.Tags, 1)
	assert.Equal(t, "General Inquiries", latest.Tags[0].Name)
	assert.NotEmpty(t, latest.RecordingShortURL)

	// from/to are inclusive unix-second bounds on the start time.
	window, _, err := c.Calls.List(ctx, &aircall.CallListOptions{From: latest.StartedAt.Time, To: latest.StartedAt.Time})
	require.NoError(t, err)
	require.Len(t, window, 1)
	assert.Equal(t, latest.ID, window[0].ID)

	johns, err := aircall.Collect(c.Calls.SearchIter(ctx, &aircall.CallSearchOptions{UserID: aircalltest.DemoUserID, Direction: "outbound"}))
	require.NoError(t, err)
	require.NotEmpty(t, johns)
	for _, call := range johns {
		assert.Equal(t, aircalltest.DemoUserID, call.User.ID)
		assert.Equal(t, aircall.CallOutbound, call.Direction)
	}
	byPhone, _, err := c.Calls.Search(ctx, &aircall.CallSearchOptions{PhoneNumber: "+34 664 67 36 97"})
	require.NoError(t, err)
	require.NotEmpty(t, byPhone)
	for _, call := range byPhone {
		assert.Equal(t, "+34664673697", call.RawDigits)
	}
	_, _, err = c.Calls.Get(ctx, 1, nil)
	require.ErrorIs(t, err, aircall.ErrNotFound)
}

func TestCalls_searchByTagsIsAnAND(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	red, blue := s.AddTag(aircall.Tag{Name: "red"}), s.AddTag(aircall.Tag{Name: "blue"})
	both := s.AddCall(aircall.Call{Tags: []*aircall.CallTag{{ID: red.ID}, {ID: blue.ID}}})
	s.AddCall(aircall.Call{Tags: []*aircall.CallTag{{ID: red.ID}}})
	calls, _, err := s.Client().Calls.Search(t.Context(), &aircall.CallSearchOptions{Tags: []int64{red.ID, blue.ID}})
	require.NoError(t, err)
	require.Len(t, calls, 1)
	assert.Equal(t, both.ID, calls[0].ID)
}

func TestCalls_actions(t *testing.T) {
	t.Parallel()
	s := newServer(t, aircalltest.WithDemoData())
	c := s.Client(noRetry)
	ctx := t.Context()
	id := aircalltest.DemoCallID

	for i := 2; i <= 5; i++ {
		resp, err := c.Calls.AddComment(ctx, id, "Note 🚀 number "+itoa(int64(i)))
		require.NoError(t, err)
		assert.Equal(t, http.StatusCreated, resp.StatusCode)
	}
	_, err := c.Calls.AddComment(ctx, id, "sixth")
	require.ErrorIs(t, err, aircall.ErrBadRequest, "at most 5 comments")
	call, _, err := c.Calls.Get(ctx, id, nil)
	require.NoError(t, err)
	require.Len(t, call.Comments, 5)
	assert.Equal(t, "Note  number 2", call.Comments[1].Content, "emojis are removed")
	assert.Nil(t, call.Comments[1].PostedBy, "posted through the API: no owner")

	_, err = c.Calls.AddTags(ctx, id, []int64{679, 680})
	require.NoError(t, err)
	_, err = c.Calls.AddTags(ctx, id, []int64{1})
	require.ErrorIs(t, err, aircall.ErrNotFound)
	call, _, err = c.Calls.Archive(ctx, id)
	require.NoError(t, err)
	assert.True(t, call.Archived)
	assert.Len(t, call.Tags, 3)
	call, _, err = c.Calls.Unarchive(ctx, id)
	require.NoError(t, err)
	assert.False(t, call.Archived)

	_, err = c.Calls.PauseRecording(ctx, id)
	require.ErrorIs(t, err, aircall.ErrBadRequest, "the call has ended")
	resp, err := c.Calls.DeleteRecording(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	call, _, err = c.Calls.Get(ctx, id, nil)
	require.NoError(t, err)
	assert.Empty(t, call.Recording)
	assert.Empty(t, call.Asset)
	_, err = c.Calls.DeleteVoicemail(ctx, id)
	require.NoError(t, err)
	_, err = c.Calls.Transfer(ctx, id, &aircall.TransferCallRequest{UserID: 457})
	require.ErrorIs(t, err, aircall.ErrBadRequest, "an ended call cannot be transferred")

	_, err = c.Tags.Delete(ctx, 680)
	require.NoError(t, err)
	call, _, err = c.Calls.Get(ctx, id, nil)
	require.NoError(t, err)
	assert.Len(t, call.Tags, 2, "a deleted tag leaves the calls")
}

func TestCalls_liveCall(t *testing.T) {
	t.Parallel()
	s := newServer(t, aircalltest.WithDemoData())
	c := s.Client(noRetry)
	ctx := t.Context()

	live := s.BeginCall(aircall.Call{Direction: aircall.CallInbound, Number: &aircall.Number{ID: aircalltest.DemoNumberID},
		Contact: &aircall.Contact{ID: aircalltest.DemoContactID}, User: &aircall.User{ID: aircalltest.DemoUserID}})
	assert.Equal(t, aircall.CallStatusInitial, live.Status)
	assert.True(t, live.EndedAt.IsZero())

	_, err := c.Calls.Transfer(ctx, live.ID, &aircall.TransferCallRequest{Number: "+18001231234"})
	require.NoError(t, err, "a ringing inbound call can go to an external number")
	_, err = c.Calls.Transfer(ctx, live.ID, &aircall.TransferCallRequest{TeamID: aircalltest.DemoTeamID,
		DispatchingStrategy: aircall.Ptr(aircall.DispatchLongestIdle)})
	require.NoError(t, err)
	card := &aircall.InsightCard{Contents: []aircall.InsightCardLine{
		{Type: aircall.InsightCardTitle, Text: "My Custom CRM", Link: "https://my-custom-crm.com"},
		{Type: aircall.InsightCardUser, Label: "Account Owner", UserID: 457}}}
	resp, err := c.Calls.AddInsightCard(ctx, live.ID, card)
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	posted := s.InsightCards(live.ID)
	require.Len(t, posted, 1)
	assert.Equal(t, *card, posted[0].Card)

	s.AnswerCall(live.ID, 457)
	_, err = c.Calls.Transfer(ctx, live.ID, &aircall.TransferCallRequest{Number: "+18001231234"})
	require.ErrorIs(t, err, aircall.ErrBadRequest, "an answered call cannot go to an external number")
	_, err = c.Calls.Transfer(ctx, live.ID, &aircall.TransferCallRequest{UserID: aircalltest.DemoUserID})
	require.NoError(t, err)
	_, err = c.Calls.PauseRecording(ctx, live.ID)
	require.NoError(t, err)
	_, err = c.Calls.ResumeRecording(ctx, live.ID)
	require.NoError(t, err)

	ended := s.EndCall(live.ID, "")
	assert.Equal(t, aircall.CallStatusDone, ended.Status)
	assert.Equal(t, "Amy Rudd", ended.User.Name)
	assert.Equal(t, "John Doe", ended.TransferredTo.Name)
	assert.Equal(t, "Amy Rudd", ended.TransferredBy.Name)
	assert.Empty(t, ended.MissedCallReason)

	// A number without live recording refuses to pause with 405.
	london := s.BeginCall(aircall.Call{Number: &aircall.Number{ID: 2345}})
	_, err = c.Calls.PauseRecording(ctx, london.ID)
	require.ErrorIs(t, err, aircall.ErrMethodNotAllowed)
	missed := s.EndCall(london.ID, "")
	assert.Equal(t, aircall.MissedNoAvailableAgent, missed.MissedCallReason)
}

// pageLimitBody is the documented answer past 10,000 items.
func pageLimitBody(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "errors", "page_limit.json"))
	require.NoError(t, err)
	return bytes.TrimSpace(b)
}

// addCalls seeds n calls two seconds apart from start, with a few sharing a
// start time.
func addCalls(s *aircalltest.Server, n int, start time.Time) {
	s.AddCalls(n, func(i int) aircall.Call {
		return aircall.Call{StartedAt: aircall.Timestamp{Time: start.Add(time.Duration(i/3*2) * time.Second)},
			Duration: 30, Direction: aircall.CallOutbound, RawDigits: "+18001231234"}
	})
}

func TestCalls_tenThousandCap(t *testing.T) {
	t.Parallel()
	s := newServer(t, aircalltest.InMemory())
	start := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
	addCalls(s, 10_120, start)
	c := s.Client(noRetry)
	ctx := t.Context()

	last, resp, err := c.Calls.List(ctx, &aircall.CallListOptions{ListOptions: aircall.ListOptions{Page: 200, PerPage: 50}})
	require.NoError(t, err)
	assert.Len(t, last, 50)
	assert.Equal(t, 10_120, resp.Meta.Total)
	assert.Equal(t, s.URL()+"/v1/calls?page=201&per_page=50", resp.Meta.NextPageLink, "the link points past the cap, as Aircall's does")

	_, resp, err = c.Calls.List(ctx, &aircall.CallListOptions{ListOptions: aircall.ListOptions{Page: 201, PerPage: 50}})
	require.ErrorIs(t, err, aircall.ErrPageLimitExceeded)
	require.ErrorIs(t, err, aircall.ErrBadRequest)
	var apiErr *aircall.ErrorResponse
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, pageLimitBody(t), apiErr.Body, "byte for byte the documented body")
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode)

	_, _, err = c.Calls.Search(ctx, &aircall.CallSearchOptions{ListOptions: aircall.ListOptions{Page: 501, PerPage: 20}})
	require.ErrorIs(t, err, aircall.ErrPageLimitExceeded)

	// ListIter goes past the cap by restarting from the last start time.
	seen := map[int64]bool{}
	for call, err := range c.Calls.ListIter(ctx, nil) {
		require.NoError(t, err)
		require.False(t, seen[call.ID], "call %d yielded twice", call.ID)
		seen[call.ID] = true
	}
	assert.Len(t, seen, 10_120)

	// And so does it in descending order, with an odd page size.
	n := 0
	for _, err := range c.Calls.SearchIter(ctx, &aircall.CallSearchOptions{Order: "desc", ListOptions: aircall.ListOptions{PerPage: 30}}) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 10_120, n)
}

func TestCalls_bulkSeeding(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("seeds 100,000 calls")
	}
	s := newServer(t)
	first, last := s.AddCalls(100_000, func(i int) aircall.Call {
		return aircall.Call{StartedAt: aircall.Timestamp{Time: time.Unix(1_700_000_000+int64(i), 0)}, Duration: 60}
	})
	assert.Equal(t, int64(99_999), last-first)
	calls, resp, err := s.Client().Calls.List(t.Context(), &aircall.CallListOptions{From: time.Unix(1_700_050_000, 0), ListOptions: aircall.ListOptions{PerPage: 1}})
	require.NoError(t, err)
	assert.Equal(t, 50_000, resp.Meta.Total)
	assert.Equal(t, first+50_000, calls[0].ID)
}

func TestIntelligence_insights(t *testing.T) {
	t.Parallel()
	s := newServer(t, aircalltest.WithDemoData())
	c := s.Client(noRetry)
	ctx := t.Context()
	id := aircalltest.DemoCallID

	sum, _, err := c.Calls.GetSummary(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, id, sum.CallID)
	assert.Contains(t, sum.Content, "next Tuesday")
	topics, _, err := c.Calls.GetTopics(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, []string{"delivery", "pricing", "quote"}, topics.Content)
	tr, _, err := c.Calls.GetTranscription(ctx, id, nil)
	require.NoError(t, err)
	require.Len(t, tr.Content.Utterances, 2)
	assert.Equal(t, aircall.SpeakerExternal, tr.Content.Utterances[1].ParticipantType)
	sent, _, err := c.Calls.GetSentiments(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, aircall.SentimentPositive, sent.Participants[0].Value)
	items, _, err := c.Calls.GetActionItems(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, "Email the updated quote to Vicente", items.ActionItems[0].Content)
	csat, _, err := c.Calls.GetPredictedCSAT(ctx, id)
	require.NoError(t, err)
	assert.InDelta(t, 82, csat.Score, 0)

	_, _, err = c.Calls.GetPlaybookResult(ctx, id, nil)
	require.ErrorIs(t, err, aircall.ErrNotFound, "not generated")
	_, _, err = c.Calls.GetSummary(ctx, id-1)
	require.ErrorIs(t, err, aircall.ErrNotFound, "not generated")

	s.SetInsights(id-1, aircalltest.Insights{
		PlaybookResult:      []byte(`{"playbook_result":{"id":7,"call_id":840,"adherence_score":0.75,"playbook_result_topics":[{"name":"Greeting","result":true}]}}`),
		CustomSummaryResult: []byte(`{"id":3,"call_id":840,"summary_template_results":[{"name":"BANT","content":"Budget: yes"}]}`),
		Evaluations:         []byte(`{"evaluations":[{"scorecard":{"name":"QA"}}]}`),
	})
	pb, _, err := c.Calls.GetPlaybookResult(ctx, id-1, &aircall.PlaybookResultOptions{FetchPlaybook: true})
	require.NoError(t, err)
	assert.InDelta(t, 0.75, pb.AdherenceScore, 1e-9)
	cs, _, err := c.Calls.GetCustomSummaryResult(ctx, id-1)
	require.NoError(t, err)
	assert.Equal(t, "Budget: yes", cs.SummaryTemplateResults[0].Content)
	ev, _, err := c.Calls.GetEvaluations(ctx, id-1)
	require.NoError(t, err)
	assert.Len(t, ev.Evaluations, 1)
	assert.Panics(t, func() { s.SetInsights(1, aircalltest.Insights{}) })
}

// BenchmarkAddCalls measures seeding cost (go test -bench AddCalls ./aircalltest):
// a timing, never asserted in a test, since a shared CI machine makes wall-clock
// limits flaky.
func BenchmarkAddCalls(b *testing.B) {
	for b.Loop() {
		s := aircalltest.NewServer()
		s.AddCalls(10_000, func(i int) aircall.Call {
			return aircall.Call{StartedAt: aircall.Timestamp{Time: time.Unix(1_700_000_000+int64(i), 0)}, Duration: 60}
		})
		s.Close()
	}
}
