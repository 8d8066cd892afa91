package cli

import (
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHelp_rootIsGolden(t *testing.T) {
	t.Parallel()
	r := newEnv(t).run(t, "", "--help")
	require.Equal(t, ExitOK, r.code, r.err)
	// the API commands follow the SDK's catalogue: TestOperations checks them
	start, end := strings.Index(r.out, "API commands:"), strings.Index(r.out, "Tools:")
	require.True(t, start > 0 && end > start, r.out)
	// and their names set the padding of the command lists
	padding := regexp.MustCompile(`(?m)^(  [a-z-]+) {2,}`)
	golden(t, "help.txt", padding.ReplaceAllString(r.out[:start]+"API commands: (one per resource of the catalogue)\n\n"+r.out[end:], "$1  "))
}

func TestHelp_everyCommandHasExamples(t *testing.T) {
	t.Parallel()
	root := (&App{io: &IO{Getenv: func(string) string { return "" }}}).newRoot()
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Hidden || c.Name() == "help" {
			return
		}
		assert.NotEmpty(t, c.Example, "%s has no example", c.CommandPath())
		assert.NotEmpty(t, c.Short, "%s has no short help", c.CommandPath())
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

func TestExitCodes_usage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, args := range [][]string{
		{"nosuchcommand"},
		{"auth", "status", "--nosuchflag"},
		{"api"},
		{"completion", "tcsh"},
		{"webhooks", "trigger", "call.ended"}, // --url is required
		{"api", "/v1/ping", "--jq", ".["},
	} {
		r := e.run(t, "", args...)
		assert.Equal(t, ExitUsage, r.code, "%v: %s", args, r.err)
		assert.Empty(t, r.out, "%v", args)
		assert.Contains(t, r.err, "--help", "%v", args)
	}
}

func TestExitCodes_noCredentials(t *testing.T) {
	t.Parallel()
	r := newEnv(t).run(t, "", "api", "/v1/ping")
	assert.Equal(t, ExitAuth, r.code)
	assert.Contains(t, r.err, "aircall auth login")
}

func TestCompletion_everyShell(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for shell, marker := range map[string]string{
		"bash": "__start_aircall", "zsh": "#compdef aircall", "fish": "complete -c aircall", "powershell": "Register-ArgumentCompleter",
	} {
		r := e.run(t, "", "completion", shell)
		require.Equal(t, ExitOK, r.code, r.err)
		assert.Contains(t, r.out, marker, shell)
	}
}

func TestCompletion_completesFlagValuesAndEvents(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r := e.run(t, "", "__complete", "fake", "serve", "--meter", "")
	require.Equal(t, ExitOK, r.code, r.err)
	assert.Contains(t, r.out, "leaky\ta leaky bucket")
	r = e.run(t, "", "__complete", "webhooks", "trigger", "call.en")
	assert.Contains(t, r.out, "call.ended")
	r = e.run(t, "", "__complete", "compl")
	assert.True(t, strings.HasPrefix(r.out, "completion"), r.out)
}
