// Command crm-call is the CRM-triggered outbound call: find the rep by
// email, start a call from their phone to the customer, then tag and
// comment the resulting call with the disposition the CRM knows.
//
//	go run ./examples/crm-call -email rep@example.com -to +14155551234 -tag follow_up
//
// With AIRCALL_API_ID and AIRCALL_API_TOKEN (an API key) or
// AIRCALL_ACCESS_TOKEN (an OAuth access token) set, it calls for real from
// your Aircall account (the rep's Phone app must be open on a desktop);
// AIRCALL_BASE_URL points it at another API root. Without credentials it
// starts aircalltest, an in-memory fake Aircall API, and says so on stderr.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/aircall-go/aircall/internal/exampleenv"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "crm-call:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("crm-call", flag.ContinueOnError)
	flags.SetOutput(stderr)
	email := flags.String("email", "rep@example.com", "email of the rep who places the call")
	to := flags.String("to", "+14155551234", "number to call, in E.164 format")
	tag := flags.String("tag", "follow_up", "tag to add to the call (created if missing)")
	comment := flags.String("comment", "Auto-dialed from the CRM", "comment to add to the call")
	wait := flags.Duration("wait", time.Minute, "how long to wait for the call to be listed")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if !aircall.IsE164(*to) {
		return fmt.Errorf("-to %q is not an E.164 number like +14155551234", *to)
	}

	// A short burst: the workflow sends about ten requests, well within the
	// documented 60 per minute. In the fake, a started call shows up a second
	// later, as a real one takes a moment.
	client, _, done, err := exampleenv.Connect(getenv, stderr, exampleenv.Options{What: "calling with", Burst: 10,
		FakeOptions: []aircalltest.ServerOption{aircalltest.WithStartCallDelay(time.Second)}, Seed: seed})
	if err != nil {
		return err
	}
	defer done()

	// 1. The rep, and the first Number they may call from.
	rep, err := client.UsersV2.FindByEmail(ctx, *email)
	if err != nil {
		return fmt.Errorf("finding %s: %w", *email, err)
	}
	var line *aircall.Number
	for n, err := range client.UsersV2.ListNumbersIter(ctx, rep.ID, nil) {
		if err != nil {
			return fmt.Errorf("numbers of %s: %w", rep.Name, err)
		}
		line = n
		break
	}
	if line == nil {
		return fmt.Errorf("%s is not assigned to any number", rep.Name)
	}

	// 2. The call, as soon as Aircall lists it.
	call, err := client.Users.StartCallAndWait(ctx, rep.ID, &aircall.StartCallRequest{NumberID: line.ID, To: *to},
		&aircall.WaitCallOptions{Timeout: *wait})
	switch {
	case errors.Is(err, aircall.ErrMethodNotAllowed):
		return fmt.Errorf("%s is not available (busy, offline or not on the desktop app)", rep.Name)
	case errors.Is(err, aircall.ErrCallNotListed):
		return fmt.Errorf("the call was started but not listed within %s: tag it later from the call.created webhook", *wait)
	case err != nil:
		return fmt.Errorf("calling %s: %w", *to, err)
	}
	fmt.Fprintf(stdout, "Call %d: %s (%s) -> %s\n", call.ID, rep.Name, line.Name, call.RawDigits)

	// 3. Disposition back on the call.
	tags, err := client.Calls.AddTagsByName(ctx, call.ID, *tag)
	if err != nil {
		return fmt.Errorf("tagging call %d: %w", call.ID, err)
	}
	if _, err := client.Calls.AddComment(ctx, call.ID, *comment); err != nil {
		return fmt.Errorf("commenting call %d: %w", call.ID, err)
	}
	fmt.Fprintf(stdout, "Tagged %q (tag %d) and commented %q\n", tags[0].Name, tags[0].ID, *comment)
	return nil
}

// seed adds a rep assigned to a number to the fake's demo company.
func seed(s *aircalltest.Server) {
	rep := s.AddUser(aircall.User{Name: "Rep Example", Email: "rep@example.com"})
	s.AddNumber(aircall.Number{Name: "Sales US", Users: []*aircall.User{{ID: rep.ID}}})
}
