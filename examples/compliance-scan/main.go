// Command compliance-scan flags the calls where a phrase was said: it reads
// the transcription of each answered call of a user (or of everyone) on one
// day and prints every utterance containing one of the phrases.
//
//	go run ./examples/compliance-scan -email rep@example.com -day 2026-11-29 -phrase "cancel my account"
//
// Transcriptions need the AI Assist add-on (without it the scan stops with
// a 403). One request per answered call, paced under the rate limit: a day
// of 600 calls takes about ten minutes; -max-calls bounds it.
//
// With AIRCALL_API_ID and AIRCALL_API_TOKEN (an API key) or
// AIRCALL_ACCESS_TOKEN (an OAuth access token) set, it scans your Aircall
// account; AIRCALL_BASE_URL points it at another API root. Without
// credentials it starts aircalltest, an in-memory fake Aircall API with a
// day of transcribed calls, and says so on stderr.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/aircall-go/aircall/internal/exampleenv"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "compliance-scan:", err)
		os.Exit(1)
	}
}

// phrases collects the repeated -phrase flags.
type phrases []string

// String lists the phrases given so far (for the flag package).
func (p *phrases) String() string { return strings.Join(*p, ", ") }

// Set adds one -phrase value.
func (p *phrases) Set(v string) error { *p = append(*p, v); return nil }

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("compliance-scan", flag.ContinueOnError)
	flags.SetOutput(stderr)
	email := flags.String("email", "", "scan only the calls of the user with this email (default: everyone's)")
	day := flags.String("day", "", "day to scan, YYYY-MM-DD in UTC (default: yesterday)")
	maxCalls := flags.Int("max-calls", 0, "read at most this many transcriptions (0: no limit)")
	show := flags.Bool("transcript", false, "print the whole transcript of each flagged call")
	var want phrases
	flags.Var(&want, "phrase", `phrase to look for, case-insensitive; repeat the flag for several (default "cancel my account")`)
	if err := flags.Parse(args); err != nil {
		return err
	}
	if len(want) == 0 {
		want = phrases{"cancel my account"}
	}
	from := time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, -1)
	if *day != "" {
		d, err := time.Parse(time.DateOnly, *day)
		if err != nil {
			return fmt.Errorf("-day %q is not a YYYY-MM-DD date", *day)
		}
		from = d
	}

	// Paced at the documented 60 requests per minute.
	client, _, done, err := exampleenv.Connect(getenv, stderr, exampleenv.Options{What: "scanning the day's calls of",
		Seed: func(s *aircalltest.Server) { seed(s, from) }})
	if err != nil {
		return err
	}
	defer done()

	opts := &aircall.TranscriptScanOptions{
		Calls:    aircall.CallSearchOptions{From: from, To: from.Add(24*time.Hour - time.Second)},
		Phrases:  want,
		MaxCalls: *maxCalls,
	}
	who := "everyone"
	if *email != "" {
		u, err := client.UsersV2.FindByEmail(ctx, *email)
		if err != nil {
			return fmt.Errorf("finding %s: %w", *email, err)
		}
		opts.Calls.UserID, who = u.ID, u.Name
	}
	fmt.Fprintf(stdout, "Scanning the calls of %s on %s for %q\n", who, from.Format(time.DateOnly), []string(want))

	flagged := map[int64]bool{}
	var last *aircall.TranscriptMatch
	for m, err := range client.Calls.ScanTranscripts(ctx, opts) {
		switch {
		case errors.Is(err, aircall.ErrScanLimitReached):
			fmt.Fprintf(stdout, "Stopped after %d transcriptions (-max-calls): resume with a later start.\n", *maxCalls)
			continue
		case errors.Is(err, aircall.ErrForbidden):
			return fmt.Errorf("transcriptions need the AI Assist add-on: %w", err)
		case err != nil:
			return err
		}
		fmt.Fprintf(stdout, "call %d at %s: %q\n  %s: %s\n", m.Call.ID, m.Call.StartedAt.UTC().Format("15:04"), m.Phrase,
			m.Utterance.Speaker(), strings.TrimSpace(m.Utterance.Text))
		if *show && (last == nil || last.Call.ID != m.Call.ID) {
			fmt.Fprint(stdout, indent(m.Transcription.Text()))
		}
		flagged[m.Call.ID], last = true, m
	}
	fmt.Fprintf(stdout, "%d calls flagged\n", len(flagged))
	return nil
}

func indent(s string) string {
	return "    " + strings.ReplaceAll(strings.TrimSuffix(s, "\n"), "\n", "\n    ") + "\n"
}

// seed adds to the fake a day of answered calls of two reps, three of them
// transcribed, and one missed call.
func seed(s *aircalltest.Server, day time.Time) {
	rep := s.AddUser(aircall.User{Name: "Rep Example", Email: "rep@example.com"})
	other := s.AddUser(aircall.User{Name: "Sam Other", Email: "sam@example.com"})
	say := func(who aircall.SpeakerType, at float64, text string) *aircall.TranscriptionUtterance {
		u := &aircall.TranscriptionUtterance{StartTime: at, Text: text, ParticipantType: who, PhoneNumber: "+14155551234"}
		if who == aircall.SpeakerInternal {
			u.UserID, u.PhoneNumber = rep.ID, ""
		}
		return u
	}
	calls := []struct {
		user  *aircall.User
		at    time.Duration
		lines []*aircall.TranscriptionUtterance
	}{
		{rep, 9 * time.Hour, []*aircall.TranscriptionUtterance{
			say(aircall.SpeakerInternal, 1, "Thanks for calling Acme, how can I help?"),
			say(aircall.SpeakerExternal, 4, "Hi, I want to cancel my account."),
			say(aircall.SpeakerInternal, 8, "I'm sorry to hear that, let me see what I can do."),
		}},
		{rep, 11 * time.Hour, []*aircall.TranscriptionUtterance{
			say(aircall.SpeakerExternal, 2, "My invoice looks wrong."),
			say(aircall.SpeakerInternal, 5, "Let me check it for you."),
		}},
		{other, 14 * time.Hour, []*aircall.TranscriptionUtterance{
			say(aircall.SpeakerExternal, 3, "Please CANCEL  my account today."),
		}},
	}
	for _, c := range calls {
		start := day.Add(c.at)
		call := s.AddCall(aircall.Call{User: c.user, Direction: aircall.CallInbound, RawDigits: "+14155551234",
			StartedAt: aircall.Timestamp{Time: start}, AnsweredAt: aircall.Timestamp{Time: start.Add(5 * time.Second)}, Duration: 120})
		s.SetInsights(call.ID, aircalltest.Insights{Transcription: &aircall.Transcription{
			Type: aircall.TranscriptionTypeCall, Content: &aircall.TranscriptionContent{Language: "en", Utterances: c.lines}}})
	}
	s.AddCall(aircall.Call{User: rep, Direction: aircall.CallInbound, StartedAt: aircall.Timestamp{Time: day.Add(16 * time.Hour)},
		Duration: 20, MissedCallReason: aircall.MissedAgentsDidNotAnswer})
}
