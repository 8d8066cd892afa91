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
	assert.Regexp(t, `^Call \d+: Rep Example \(Sales US\) -> \+14155551234\n`+
		`Tagged "follow_up" \(tag \d+\) and commented "Auto-dialed from the CRM"\n$`, stdout.String())
}

func TestRun_withCredentialsUsesTheAPI(t *testing.T) {
	t.Parallel()
	s := aircalltest.NewServer(aircalltest.WithStartCallDelay(500 * time.Millisecond))
	t.Cleanup(s.Close)
	rep := s.AddUser(aircall.User{Name: "Ada Lovelace", Email: "ada@example.com"})
	line := s.AddNumber(aircall.Number{Name: "London", Users: []*aircall.User{{ID: rep.ID}}})
	existing := s.AddTag(aircall.Tag{Name: "Hot Lead"})

	for name, vars := range map[string]map[string]string{
		"api key":      {"AIRCALL_API_ID": aircalltest.DefaultAPIID, "AIRCALL_API_TOKEN": aircalltest.DefaultAPIToken},
		"access token": {"AIRCALL_ACCESS_TOKEN": s.IssueAccessToken()},
	} {
		t.Run(name, func(t *testing.T) {
			vars["AIRCALL_BASE_URL"] = s.URL()
			var stdout, stderr bytes.Buffer
			require.NoError(t, run(t.Context(), []string{"-email", "ADA@example.com", "-to", "+442071234567", "-tag", "hot lead", "-comment", "Quote sent"},
				env(vars), &stdout, &stderr))
			assert.Empty(t, stderr.String())
			assert.Contains(t, stdout.String(), "Ada Lovelace (London) -> +442071234567")
			assert.Contains(t, stdout.String(), `Tagged "Hot Lead"`, "the existing tag, found case-insensitively")
		})
	}
	var calls int
	for c, err := range s.Client().Calls.ListIter(t.Context(), nil) {
		require.NoError(t, err)
		calls++
		assert.Equal(t, line.ID, c.Number.ID)
		require.Len(t, c.Tags, 1)
		assert.Equal(t, existing.ID, c.Tags[0].ID)
		require.Len(t, c.Comments, 1)
		assert.Equal(t, "Quote sent", c.Comments[0].Content)
	}
	assert.Equal(t, 2, calls)
}

func TestRun_errors(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	err := run(t.Context(), []string{"-email", "nobody@example.com"}, env(nil), &stdout, &stderr)
	require.ErrorIs(t, err, aircall.ErrUserNotFound)
	err = run(t.Context(), []string{"-to", "0612345678"}, env(nil), &stdout, &stderr)
	require.ErrorContains(t, err, "E.164")
}
