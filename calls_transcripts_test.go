package aircall_test

import (
	"context"
	"testing"
	"testing/synctest"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func sampleTranscription() *aircall.Transcription {
	return &aircall.Transcription{Content: &aircall.TranscriptionContent{Language: "en", Utterances: []*aircall.TranscriptionUtterance{
		{StartTime: 1.2, EndTime: 3, Text: "Hello, this is John from Acme.", ParticipantType: aircall.SpeakerInternal, UserID: 456},
		{StartTime: 4, EndTime: 7, Text: " I'd like to  CANCEL my account. ", ParticipantType: aircall.SpeakerExternal, PhoneNumber: "+33 7 49 88 29 71"},
		{StartTime: 3725, Text: "Bye.", ParticipantType: aircall.SpeakerExternal},
	}}}
}

func TestTranscriptionText(t *testing.T) {
	t.Parallel()
	want := "[00:01] Agent 456: Hello, this is John from Acme.\n" +
		"[00:04] Customer +33 7 49 88 29 71: I'd like to  CANCEL my account.\n" +
		"[1:02:05] Customer: Bye.\n"
	assert.Equal(t, want, sampleTranscription().Text())
	var nilT *aircall.Transcription
	assert.Empty(t, nilT.Text())
	assert.Empty(t, (&aircall.Transcription{}).Text())
}

// scanFake holds calls of two users over two days, two of them transcribed.
func scanFake(t *testing.T) (*aircalltest.Server, *aircall.User, time.Time) {
	s := aircalltest.NewServer(aircalltest.InMemory())
	t.Cleanup(s.Close)
	agent := s.AddUser(aircall.User{Name: "Agent"})
	other := s.AddUser(aircall.User{Name: "Other"})
	yesterday := time.Now().UTC().Truncate(24 * time.Hour).Add(-24 * time.Hour)
	add := func(u *aircall.User, at time.Duration, answered bool) *aircall.Call {
		c := aircall.Call{User: u, StartedAt: aircall.Timestamp{Time: yesterday.Add(at)}, Duration: 60}
		if answered {
			c.AnsweredAt = aircall.Timestamp{Time: yesterday.Add(at + 5*time.Second)}
		} else {
			c.MissedCallReason = aircall.MissedAgentsDidNotAnswer
		}
		return s.AddCall(c)
	}
	hit := add(agent, 9*time.Hour, true)
	s.SetInsights(hit.ID, aircalltest.Insights{Transcription: sampleTranscription()})
	clean := add(agent, 10*time.Hour, true)
	s.SetInsights(clean.ID, aircalltest.Insights{Transcription: &aircall.Transcription{Content: &aircall.TranscriptionContent{
		Utterances: []*aircall.TranscriptionUtterance{{Text: "All good, thanks", ParticipantType: aircall.SpeakerExternal}}}}})
	add(agent, 11*time.Hour, true)  // answered, not transcribed: 404, skipped
	add(agent, 12*time.Hour, false) // missed: not asked for
	otherHit := add(other, 13*time.Hour, true)
	s.SetInsights(otherHit.ID, aircalltest.Insights{Transcription: sampleTranscription()})
	return s, agent, yesterday
}

func TestScanTranscripts_userCalls(t *testing.T) {
	t.Parallel()
	s, agent, _ := scanFake(t)
	var matches []*aircall.TranscriptMatch
	for m, err := range s.Client().Calls.ScanTranscripts(t.Context(), &aircall.TranscriptScanOptions{
		Calls: aircall.CallSearchOptions{UserID: agent.ID}, Phrases: []string{"Cancel my account", "refund"},
	}) {
		require.NoError(t, err)
		matches = append(matches, m)
	}
	require.Len(t, matches, 1)
	assert.Equal(t, "Cancel my account", matches[0].Phrase)
	assert.Equal(t, aircall.SpeakerExternal, matches[0].Utterance.ParticipantType)
	assert.Contains(t, matches[0].Transcription.Text(), "Customer +33 7 49 88 29 71")
	assert.Equal(t, 1+3, s.Stats().Requests, "one search page, three transcriptions (the missed call is skipped)")
}

func TestScanTranscripts_period(t *testing.T) {
	t.Parallel()
	s, _, yesterday := scanFake(t)
	n := 0
	for m, err := range s.Client().Calls.ScanTranscripts(t.Context(), &aircall.TranscriptScanOptions{
		Calls: aircall.CallSearchOptions{From: yesterday, To: yesterday.Add(24*time.Hour - time.Second)}, Phrases: []string{"cancel my account"},
	}) {
		require.NoError(t, err)
		assert.NotNil(t, m.Call)
		n++
	}
	assert.Equal(t, 2, n, "both users' calls")
}

func TestScanTranscripts_notFound(t *testing.T) {
	t.Parallel()
	s, agent, _ := scanFake(t)
	for m, err := range s.Client().Calls.ScanTranscripts(t.Context(), &aircall.TranscriptScanOptions{
		Calls: aircall.CallSearchOptions{UserID: agent.ID}, Phrases: []string{"not said by anyone"},
	}) {
		t.Fatalf("unexpected yield %v, %v", m, err)
	}
}

func TestScanTranscripts_budget(t *testing.T) {
	t.Parallel()
	s, agent, _ := scanFake(t)
	var last error
	for _, err := range s.Client().Calls.ScanTranscripts(t.Context(), &aircall.TranscriptScanOptions{
		Calls: aircall.CallSearchOptions{UserID: agent.ID}, Phrases: []string{"cancel my account"}, MaxCalls: 1,
	}) {
		last = err
	}
	require.ErrorIs(t, last, aircall.ErrScanLimitReached)
	assert.Equal(t, 1+1, s.Stats().Requests, "one search page, one transcription")
}

func TestScanTranscripts_pacedUnderTheRateLimit(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		s := aircalltest.NewServer(aircalltest.InMemory()) // 60 requests per minute
		defer s.Close()
		agent := s.AddUser(aircall.User{Name: "Agent"})
		start := time.Now().Add(-3 * time.Hour)
		for i := range 150 {
			c := s.AddCall(aircall.Call{User: agent, StartedAt: aircall.Timestamp{Time: start.Add(time.Duration(i) * time.Minute)},
				AnsweredAt: aircall.Timestamp{Time: start.Add(time.Duration(i)*time.Minute + time.Second)}, Duration: 30})
			s.SetInsights(c.ID, aircalltest.Insights{Transcription: sampleTranscription()})
		}
		client := s.Client(aircall.WithRateLimit(aircall.DefaultRequestsPerMinute, 1))
		n := 0
		for _, err := range client.Calls.ScanTranscripts(context.Background(), &aircall.TranscriptScanOptions{
			Calls: aircall.CallSearchOptions{UserID: agent.ID}, Phrases: []string{"cancel my account"},
		}) {
			require.NoError(t, err)
			n++
		}
		assert.Equal(t, 150, n)
		assert.Zero(t, s.Stats().RateLimited, "no 429: the scan stays within the budget")
	})
}

func TestScanTranscripts_errors(t *testing.T) {
	t.Parallel()
	s, agent, _ := scanFake(t)
	client := s.Client()
	collect := func(ctx context.Context, o *aircall.TranscriptScanOptions) (errs []error) {
		for _, err := range client.Calls.ScanTranscripts(ctx, o) {
			if err != nil {
				errs = append(errs, err)
			}
		}
		return errs
	}
	errs := collect(t.Context(), &aircall.TranscriptScanOptions{Phrases: []string{"x"}})
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], aircall.ErrInvalidArgument, "no user and no period")
	errs = collect(t.Context(), &aircall.TranscriptScanOptions{Calls: aircall.CallSearchOptions{UserID: agent.ID}})
	assert.ErrorIs(t, errs[0], aircall.ErrInvalidArgument, "no phrase")
	assert.Zero(t, s.Stats().Requests)

	s.DisableFeature(aircalltest.FeatureAIAssist)
	errs = collect(t.Context(), &aircall.TranscriptScanOptions{Calls: aircall.CallSearchOptions{UserID: agent.ID}, Phrases: []string{"x"}})
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], aircall.ErrForbidden, "no AI Assist licence")
	s.EnableFeature(aircalltest.FeatureAIAssist)

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	errs = collect(ctx, &aircall.TranscriptScanOptions{Calls: aircall.CallSearchOptions{UserID: agent.ID}, Phrases: []string{"x"}})
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], context.Canceled)
}
