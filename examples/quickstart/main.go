// Command quickstart checks the connection to the Aircall API and prints the
// company, its users and numbers, and the latest calls:
//
//	go run ./examples/quickstart
//
// With AIRCALL_API_ID and AIRCALL_API_TOKEN (an API key from your company's
// settings) or AIRCALL_ACCESS_TOKEN (an OAuth access token) set, it reads
// your Aircall account; AIRCALL_BASE_URL points it at another API root.
// Without credentials it starts aircalltest, an in-memory fake Aircall API
// with demo data, and says so on stderr.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"text/tabwriter"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/internal/exampleenv"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("quickstart", flag.ContinueOnError)
	flags.SetOutput(stderr)
	last := flags.Int("calls", 10, "how many of the latest calls to print (1 to 50)")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if *last < 1 || *last > aircall.MaxPerPage {
		return fmt.Errorf("-calls must be between 1 and %d", aircall.MaxPerPage)
	}

	// A short burst: the quickstart sends a handful of requests, well within
	// the documented 60 per minute.
	client, _, done, err := exampleenv.Connect(getenv, stderr, exampleenv.Options{What: "using", Burst: 10})
	if err != nil {
		return err
	}
	defer done()

	if _, err := client.Ping(ctx); err != nil {
		return fmt.Errorf("ping: %w", err)
	}
	company, _, err := client.Company.Get(ctx)
	if err != nil {
		return fmt.Errorf("company: %w", err)
	}
	fmt.Fprintf(stdout, "Connected to %s: %d users, %d numbers.\n", company.Name, company.UsersCount, company.NumbersCount)

	fmt.Fprintln(stdout, "\nUsers")
	w := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	for u, err := range client.UsersV2.ListIter(ctx, nil) {
		if err != nil {
			return fmt.Errorf("users: %w", err)
		}
		fmt.Fprintf(w, "  %d\t%s\t%s\t%s\n", u.ID, u.Name, u.Email, u.AvailabilityStatus)
	}
	w.Flush()

	fmt.Fprintln(stdout, "\nNumbers")
	w = tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	for n, err := range client.Numbers.ListIter(ctx, nil) {
		if err != nil {
			return fmt.Errorf("numbers: %w", err)
		}
		state := "closed"
		if n.Open {
			state = "open"
		}
		fmt.Fprintf(w, "  %d\t%s\t%s\t%s\t%s\n", n.ID, n.Name, n.Digits, n.Country, state)
	}
	w.Flush()

	calls, _, err := client.Calls.List(ctx, &aircall.CallListOptions{
		Order:        "desc",
		FetchContact: true,
		ListOptions:  aircall.ListOptions{PerPage: *last},
	})
	if err != nil {
		return fmt.Errorf("calls: %w", err)
	}
	fmt.Fprintf(stdout, "\nLast %d calls\n", len(calls))
	w = tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	for _, c := range calls {
		fmt.Fprintf(w, "  %s\t%s\t%s\t%s\t%s\n", c.StartedAt.Local().Format("Mon Jan _2 15:04"), c.Direction, who(c), agent(c), outcome(c))
	}
	return w.Flush()
}

// who is the other party of a call: the contact's name, else the number.
func who(c *aircall.Call) string {
	if ct := c.Contact; ct != nil && ct.FirstName+ct.LastName != "" {
		return ct.FirstName + " " + ct.LastName
	}
	return c.RawDigits
}

func agent(c *aircall.Call) string {
	if c.User == nil {
		return "-"
	}
	return c.User.Name
}

// outcome is how long the call lasted, or why it was missed.
func outcome(c *aircall.Call) string {
	switch {
	case c.MissedCallReason != "":
		return "missed (" + string(c.MissedCallReason) + ")"
	case c.AnsweredAt.IsZero():
		return string(c.Status)
	}
	talk := time.Duration(c.Duration) * time.Second
	if !c.EndedAt.IsZero() {
		talk = c.EndedAt.Sub(c.AnsweredAt.Time)
	}
	return talk.String()
}
