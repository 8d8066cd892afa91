package cli

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/spf13/cobra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOperations_everyOperationHasACommand(t *testing.T) {
	t.Parallel()
	root := (&App{io: &IO{Getenv: func(string) string { return "" }}}).newRoot()
	for _, op := range aircall.Operations() {
		group, verb := commandName(op.ID)
		path := []string{verb}
		if group != "" {
			path = []string{group, verb}
		}
		cmd, rest, err := root.Find(path)
		require.NoError(t, err, op.ID)
		assert.Empty(t, rest, op.ID)
		assert.Equal(t, verb, cmd.Name(), op.ID)
		assert.Contains(t, cmd.Long, op.Method+" "+op.Path, op.ID)
		for _, p := range op.Params {
			if p.In == "path" || reservedFlags[flagName(p.Name)] || (op.Paginated && (p.Name == "page" || p.Name == "per_page")) {
				continue
			}
			assert.NotNil(t, cmd.Flags().Lookup(flagName(p.Name)), "%s --%s", op.ID, flagName(p.Name))
		}
	}
}

func TestOperations_listIsGolden(t *testing.T) {
	t.Parallel()
	e, s := fakeEnv(t, aircalltest.WithDemoData())
	stable := func(out string) string { return strings.ReplaceAll(out, s.URL(), "http://fake") }
	r := e.run(t, "", "calls", "list", "--limit", "5", "--order", "desc")
	require.Equal(t, ExitOK, r.code, r.err)
	golden(t, "calls_list.txt", r.out)
	r = e.run(t, "", "tags", "list", "--json")
	require.Equal(t, ExitOK, r.code, r.err)
	golden(t, "tags_list.jsonl", stable(r.out))
	r = e.run(t, "", "users", "get", "456")
	require.Equal(t, ExitOK, r.code, r.err)
	golden(t, "users_get.txt", stable(r.out))
	r = e.run(t, "", "contacts", "list")
	require.Equal(t, ExitOK, r.code, r.err)
	golden(t, "contacts_list.txt", r.out)
}

func TestOperations_allPagesThroughTheSDKIterator(t *testing.T) {
	t.Parallel()
	e, s := fakeEnv(t, aircalltest.WithDemoData())
	s.AddGeneratedCalls(120)
	r := e.run(t, "", "calls", "list", "--all", "--jq", ".id")
	require.Equal(t, ExitOK, r.code, r.err)
	assert.Len(t, strings.Fields(r.out), 150)
	r = e.run(t, "", "calls", "list", "--from", "2026-11-30T11:00:00Z", "--json")
	require.Equal(t, ExitOK, r.code, r.err)
	for _, l := range strings.Split(strings.TrimSpace(r.out), "\n") {
		var c aircall.Call
		require.NoError(t, json.Unmarshal([]byte(l), &c))
		assert.False(t, c.StartedAt.Before(fixedNow.Add(-time.Hour)), "--from is applied")
	}
	r = e.run(t, "", "tags", "list", "--jq", ".name")
	require.Equal(t, ExitOK, r.code, r.err)
	assert.Equal(t, "General Inquiries\nFeedback\nSpam Call\n", r.out)
}

func TestOperations_writesGoThroughInvoke(t *testing.T) {
	t.Parallel()
	e, s := fakeEnv(t, aircalltest.WithDemoData())
	r := e.run(t, "", "calls", "add-tags", "841", "--tags", "679,680", "--json")
	require.Equal(t, ExitOK, r.code, r.err)
	c, _, err := s.Client().Calls.Get(t.Context(), 841, nil)
	require.NoError(t, err)
	var names []string
	for _, tg := range c.Tags {
		names = append(names, tg.Name)
	}
	assert.Contains(t, names, "Spam Call")

	r = e.run(t, "", "contacts", "create", "--first-name", "Ada", "--last-name", "Lovelace",
		"--phone-numbers", `[{"label": "Work", "value": "+33612345678"}]`, "--jq", ".first_name")
	require.Equal(t, ExitOK, r.code, r.err)
	assert.Equal(t, "Ada\n", r.out)

	r = e.run(t, "", "tags", "delete", "680")
	assert.Equal(t, ExitUsage, r.code, "deleting needs --yes without a terminal")
	r = e.run(t, "", "tags", "delete", "680", "--yes")
	require.Equal(t, ExitOK, r.code, r.err)
	r = e.run(t, "", "tags", "get", "680")
	assert.Equal(t, ExitNotFound, r.code, r.err)
}

func TestOperations_badInputIsAUsageError(t *testing.T) {
	t.Parallel()
	e, s := fakeEnv(t, aircalltest.WithDemoData())
	before := s.Stats().Requests
	for _, args := range [][]string{
		{"users", "get", "abc"},
		{"users", "get"},
		{"calls", "list", "--from", "last week"},
		{"calls", "add-tags", "841"}, // --tags is required
		{"calls", "list", "--from", "2026-11-02", "--to", "2026-11-01"},
		{"calls", "add-tags", "841", "--tags", "x"},
		{"contacts", "create", "--phone-numbers", "{not json"},
	} {
		r := e.run(t, "", args...)
		assert.Equal(t, ExitUsage, r.code, "%v: %s", args, r.err)
	}
	assert.Equal(t, before, s.Stats().Requests, "nothing was sent")
}

func TestOperations_everyCommandHasExamplesAndCompletes(t *testing.T) {
	t.Parallel()
	root := (&App{io: &IO{Getenv: func(string) string { return "" }}}).newRoot()
	n := 0
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		n++
		assert.NotEmpty(t, c.Example, c.CommandPath())
		for _, sub := range c.Commands() {
			if !sub.Hidden && sub.Name() != "help" {
				walk(sub)
			}
		}
	}
	walk(root)
	assert.Greater(t, n, len(aircall.Operations()))
	r := newEnv(t).run(t, "", "__complete", "calls", "")
	assert.Contains(t, r.out, "add-tags\t")
}

func TestOperations_idsCompleteFromTheAPI(t *testing.T) {
	t.Parallel()
	e, _ := fakeEnv(t, aircalltest.WithDemoData())
	r := e.run(t, "", "__complete", "users", "get", "45")
	require.Equal(t, ExitOK, r.code, r.err)
	assert.Contains(t, r.out, "456\tJohn Doe\n")
	assert.Contains(t, r.out, "457\tAmy Rudd\n")
	r = e.run(t, "", "__complete", "tags", "delete", "")
	assert.Contains(t, r.out, "678\tGeneral Inquiries\n")
}
