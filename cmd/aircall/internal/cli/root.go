// Package cli implements the aircall command: its cobra command tree, output
// formats, credentials and exit codes. Main runs it.
package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"

	"github.com/spf13/cobra"
)

// Version is the version of the aircall command (set at build time with
// -ldflags "-X github.com/aircall-go/aircall/cmd/aircall/internal/cli.Version=...").
var Version = "dev"

// App is one run of the aircall command: its streams and global flags.
type App struct {
	io *IO

	jsonOut bool
	jq      string
	profile string
	verbose bool

	ran bool // a command's own code started: errors before that are usage errors

	// test seams: served sees the fake started by "fake serve"; listen opens
	// the listener of "webhooks listen".
	served func(*aircalltest.Server)
	listen func(network, addr string) (net.Listener, error)
	// afterItem sees the count of items an export wrote; returning true
	// stops it abruptly, leaving what a kill leaves.
	afterItem func(exported int) (kill bool)
	// clientOpts are added to every SDK client (tests turn pacing off).
	clientOpts []aircall.Option
}

// Main runs the aircall command with args (without the program name) and
// returns its exit code. Errors are written to io.Err.
func Main(ctx context.Context, args []string, io *IO) int {
	return run(ctx, args, io, nil)
}

// run is Main; setup, if not nil, adjusts the App first (tests use it).
func run(ctx context.Context, args []string, io *IO, setup func(*App)) int {
	app := &App{io: io}
	if setup != nil {
		setup(app)
	}
	root := app.newRoot()
	root.SetArgs(args)
	root.SetIn(io.In)
	root.SetOut(io.Out)
	root.SetErr(io.Err)
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		return ExitOK
	}
	if ctx.Err() != nil && !errors.Is(err, context.Canceled) {
		err = fmt.Errorf("%w: %w", context.Canceled, err)
	}
	if !app.ran {
		var ee *exitError
		if !errors.As(err, &ee) {
			err = &usageError{err}
		}
	}
	code := exitCode(err)
	msg := err.Error()
	if code == ExitCancelled {
		msg = "cancelled"
	}
	if !strings.HasPrefix(msg, "aircall") {
		msg = "aircall: " + msg
	}
	fmt.Fprintln(io.Err, msg)
	if code == ExitUsage && cmd != nil {
		fmt.Fprintf(io.Err, "Run '%s --help' for usage.\n", cmd.CommandPath())
	}
	return code
}

func (a *App) newRoot() *cobra.Command {
	root := &cobra.Command{
		Use:   "aircall <command> <subcommand> [flags]",
		Short: "Work with the Aircall Public API from the command line",
		Long: `Work with the Aircall Public API from the command line: every operation of the
API, raw requests, resumable exports, webhook tools, and a fake Aircall API
for tests in any language.

Credentials come from the environment (AIRCALL_API_ID and AIRCALL_API_TOKEN,
or AIRCALL_ACCESS_TOKEN; AIRCALL_BASE_URL points at another API root) or
from a profile saved by "aircall auth login".

Data goes to standard output: a table for people, JSON with --json (JSON
Lines for lists, one item a line) or the results of a jq expression with
--jq. Messages, progress and logs go to standard error.

` + exitCodesHelp,
		Example: `  aircall auth login --api-id "$AIRCALL_API_ID" < token.txt
  aircall calls list --from 2026-11-01 --limit 20
  aircall users-v2 get 123 --json
  aircall calls list --all --jq 'select(.status == "done") | .id'
  aircall api GET /v1/company
  aircall fake serve --demo`,
		SilenceErrors:     true,
		SilenceUsage:      true,
		Version:           Version,
		CompletionOptions: cobra.CompletionOptions{DisableDefaultCmd: true},
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			if err := cmd.ValidateRequiredFlags(); err != nil {
				return &usageError{err}
			}
			if err := cmd.ValidateFlagGroups(); err != nil {
				return &usageError{err}
			}
			a.ran = true
			if a.jq != "" {
				if _, err := compileJQ(a.jq); err != nil {
					return &usageError{err}
				}
			}
			return nil
		},
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err} })
	pf := root.PersistentFlags()
	pf.BoolVar(&a.jsonOut, "json", false, "print JSON (JSON Lines for lists) instead of a table")
	pf.StringVarP(&a.jq, "jq", "q", "", "filter JSON output with a jq `expression` (run on each item of a list)")
	pf.StringVar(&a.profile, "profile", "", "use the credentials of this saved `profile` (default: $AIRCALL_PROFILE or the default profile)")
	pf.BoolVarP(&a.verbose, "verbose", "v", false, "log every request to standard error")
	_ = root.RegisterFlagCompletionFunc("profile", a.completeProfiles)

	root.AddGroup(
		&cobra.Group{ID: groupAPI, Title: "API commands:"},
		&cobra.Group{ID: groupTools, Title: "Tools:"},
	)
	root.AddCommand(
		a.newAuthCmd(),
		a.newAPICmd(),
		a.newFakeCmd(),
		a.newExportCmd(),
		a.newCompletionCmd(),
	)
	a.addOperationCmds(root)
	a.addWorkflowCmds(root)
	a.addWebhookTools(root)
	return root
}

const (
	groupAPI   = "api"
	groupTools = "tools"
)

// noArgs, exactArgs and rangeArgs check positional arguments and report
// mistakes as usage errors.
func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return usagef("%s takes %d argument(s), got %d", cmd.CommandPath(), n, len(args))
		}
		return nil
	}
}

func rangeArgs(lo, hi int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < lo || len(args) > hi {
			return usagef("%s takes %d to %d arguments, got %d", cmd.CommandPath(), lo, hi, len(args))
		}
		return nil
	}
}

var noArgs = exactArgs(0)
