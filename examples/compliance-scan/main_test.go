package main

import (
	"bytes"
	"testing"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestRun_withoutCredentialsUsesTheFake(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	require.NoError(t, run(t.Context(), nil, env(nil), &stdout, &stderr))
	assert.Contains(t, stderr.String(), "aircalltest, an in-memory fake")
	day := time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, -1).Format(time.DateOnly)
	assert.Regexp(t, `^Scanning the calls of everyone on `+day+` for \["cancel my account"\]\n`+
		`call \d+ at 09:00: "cancel my account"\n  Customer \+14155551234: Hi, I want to cancel my account.\n`+
		`call \d+ at 14:00: "cancel my account"\n  Customer \+14155551234: Please CANCEL  my account today.\n`+
		`2 calls flagged\n$`, stdout.String())
}

func TestRun_oneUserWithCredentials(t *testing.T) {
	t.Parallel()
	day := time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)
	s := aircalltest.NewServer()
	t.Cleanup(s.Close)
	rep := s.AddUser(aircall.User{Name: "Rep Example", Email: "rep@example.com"})
	call := s.AddCall(aircall.Call{User: rep, StartedAt: aircall.Timestamp{Time: day.Add(10 * time.Hour)},
		AnsweredAt: aircall.Timestamp{Time: day.Add(10*time.Hour + time.Second)}, Duration: 60})
	s.SetInsights(call.ID, aircalltest.Insights{Transcription: &aircall.Transcription{Content: &aircall.TranscriptionContent{
		Utterances: []*aircall.TranscriptionUtterance{{Text: "I need a refund", ParticipantType: aircall.SpeakerExternal}}}}})

	vars := map[string]string{"AIRCALL_API_ID": aircalltest.DefaultAPIID, "AIRCALL_API_TOKEN": aircalltest.DefaultAPIToken, "AIRCALL_BASE_URL": s.URL()}
	var stdout, stderr bytes.Buffer
	require.NoError(t, run(t.Context(), []string{"-email", "rep@example.com", "-day", "2026-11-02", "-phrase", "refund", "-phrase", "cancel", "-transcript"},
		env(vars), &stdout, &stderr))
	assert.Empty(t, stderr.String())
	assert.Contains(t, stdout.String(), "Scanning the calls of Rep Example on 2026-11-02")
	assert.Contains(t, stdout.String(), "\"refund\"\n  Customer: I need a refund\n    [00:00] Customer: I need a refund\n")
	assert.Contains(t, stdout.String(), "1 calls flagged")
}

func TestRun_limitsAndErrors(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	require.NoError(t, run(t.Context(), []string{"-email", "rep@example.com", "-max-calls", "1"}, env(nil), &stdout, &stderr))
	assert.Contains(t, stdout.String(), "Stopped after 1 transcriptions")
	assert.Contains(t, stdout.String(), "1 calls flagged")

	require.ErrorContains(t, run(t.Context(), []string{"-day", "yesterday"}, env(nil), &stdout, &stderr), "YYYY-MM-DD")
	require.ErrorIs(t, run(t.Context(), []string{"-email", "nobody@example.com"}, env(nil), &stdout, &stderr), aircall.ErrUserNotFound)
}
