package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// env returns a getenv reading vars.
func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestRun_withoutCredentialsUsesTheFake(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	require.NoError(t, run(t.Context(), nil, env(nil), &stdout, &stderr))

	assert.Contains(t, stderr.String(), "using aircalltest")
	out := stdout.String()
	assert.True(t, strings.HasPrefix(out, "Connected to Acme Inc.: 4 users, 3 numbers.\n"), out)
	assert.Contains(t, out, "  456  John Doe        john.doe@aircall.io        available\n")
	assert.Contains(t, out, "  1234  French Office  +33 1 76 11 11 11  FR  open\n")
	_, calls, ok := strings.Cut(out, "\nLast 10 calls\n")
	require.True(t, ok, out)
	lines := strings.Split(strings.TrimSpace(calls), "\n")
	require.Len(t, lines, 10)
	assert.Contains(t, lines[0], "outbound  Vicente Abad", "the latest call comes first, with its contact")
	assert.True(t, strings.HasSuffix(lines[0], "John Doe        4m5s"), lines[0])
	assert.Contains(t, calls, "missed (")
}

func TestRun_withCredentialsUsesTheAPI(t *testing.T) {
	t.Parallel()
	s := aircalltest.NewServer(aircalltest.WithCompanyName("Globex"))
	t.Cleanup(s.Close)
	ada := s.AddUser(aircall.User{Name: "Ada Lovelace"})
	s.AddCall(aircall.Call{Direction: aircall.CallInbound, User: ada, RawDigits: "+18001231234",
		MissedCallReason: aircall.MissedAgentsDidNotAnswer})

	for name, vars := range map[string]map[string]string{
		"api key":      {"AIRCALL_API_ID": aircalltest.DefaultAPIID, "AIRCALL_API_TOKEN": aircalltest.DefaultAPIToken},
		"access token": {"AIRCALL_ACCESS_TOKEN": s.IssueAccessToken()},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			vars["AIRCALL_BASE_URL"] = s.URL()
			var stdout, stderr bytes.Buffer
			require.NoError(t, run(t.Context(), []string{"-calls", "3"}, env(vars), &stdout, &stderr))
			assert.Empty(t, stderr.String())
			out := stdout.String()
			assert.Contains(t, out, "Connected to Globex: 1 users, 0 numbers.")
			assert.Contains(t, out, "Ada Lovelace")
			assert.Contains(t, out, "\nLast 1 calls\n")
			assert.Contains(t, out, "  inbound  +18001231234  Ada Lovelace  missed (agents_did_not_answer)\n")
		})
	}
}

func TestRun_errors(t *testing.T) {
	t.Parallel()
	s := aircalltest.NewServer()
	t.Cleanup(s.Close)
	var stdout, stderr bytes.Buffer
	err := run(t.Context(), nil, env(map[string]string{"AIRCALL_API_ID": "id", "AIRCALL_API_TOKEN": "wrong", "AIRCALL_BASE_URL": s.URL()}), &stdout, &stderr)
	require.ErrorIs(t, err, aircall.ErrForbidden)
	assert.Contains(t, err.Error(), "ping")

	err = run(t.Context(), []string{"-calls", "0"}, env(nil), &stdout, &stderr)
	require.ErrorContains(t, err, "-calls must be between 1 and 50")
	err = run(t.Context(), []string{"-nope"}, env(nil), &stdout, &stderr)
	require.Error(t, err)
	assert.Contains(t, stderr.String(), "flag provided but not defined")
}
