// Command export-calls writes every call of a date range as JSON Lines (one
// call per line) on stdout, with progress on stderr:
//
//	go run ./examples/export-calls -from 2026-05-01 -to 2026-05-31 > calls.jsonl
//
// -from and -to take a date (YYYY-MM-DD, in UTC; -to includes the whole
// day) or an RFC 3339 time; the default is the last 7 days. Calls.ListIter
// pages through the range by itself, past the API's 10,000-call cap.
//
// With AIRCALL_API_ID and AIRCALL_API_TOKEN, or AIRCALL_ACCESS_TOKEN, set it
// exports from your Aircall account, paced at AIRCALL_RATE_LIMIT requests
// per minute (default 60, the documented budget: an export of 10,000 calls
// takes about 3.5 minutes); AIRCALL_BASE_URL points it at another API root.
// Without credentials it exports the demo calls of aircalltest, an
// in-memory fake Aircall API.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "export-calls:", err)
		os.Exit(1)
	}
}

// progressEvery is how often progress is reported, in calls.
const progressEvery = 1000

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	now := time.Now().UTC()
	flags := flag.NewFlagSet("export-calls", flag.ContinueOnError)
	flags.SetOutput(stderr)
	fromFlag := flags.String("from", now.AddDate(0, 0, -7).Format(time.DateOnly), "first day (YYYY-MM-DD) or time (RFC 3339) of the range")
	toFlag := flags.String("to", now.Format(time.DateOnly), "last day (YYYY-MM-DD, included) or time (RFC 3339) of the range")
	if err := flags.Parse(args); err != nil {
		return err
	}
	from, err := parseBound(*fromFlag, false)
	if err != nil {
		return fmt.Errorf("-from: %w", err)
	}
	to, err := parseBound(*toFlag, true)
	if err != nil {
		return fmt.Errorf("-to: %w", err)
	}
	if to.Before(from) {
		return fmt.Errorf("-to (%s) is before -from (%s)", *toFlag, *fromFlag)
	}

	client, done, err := connect(getenv, stderr)
	if err != nil {
		return err
	}
	defer done()

	out := bufio.NewWriter(stdout)
	enc := json.NewEncoder(out)
	n := 0
	for call, err := range client.Calls.ListIter(ctx, &aircall.CallListOptions{From: from, To: to}) {
		if err != nil {
			_ = out.Flush()
			return fmt.Errorf("after %d calls: %w", n, err)
		}
		if err := enc.Encode(call); err != nil {
			return err
		}
		n++
		if n%progressEvery == 0 {
			fmt.Fprintf(stderr, "exported %d calls (up to %s)\n", n, call.StartedAt.UTC().Format(time.RFC3339))
		}
	}
	if err := out.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "exported %d calls from %s to %s\n", n, from.Format(time.RFC3339), to.Format(time.RFC3339))
	return nil
}

// parseBound reads a date or an RFC 3339 time; a date as an upper bound
// means the last second of that day.
func parseBound(s string, upper bool) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is neither a date (YYYY-MM-DD) nor an RFC 3339 time", s)
	}
	if upper {
		d = d.AddDate(0, 0, 1).Add(-time.Second)
	}
	return d, nil
}

// connect returns a client for the real API when credentials are set, or
// for an in-memory fake with demo data otherwise; done releases it.
func connect(getenv func(string) string, stderr io.Writer) (client *aircall.Client, done func(), err error) {
	var auth aircall.Option
	switch {
	case getenv("AIRCALL_ACCESS_TOKEN") != "":
		auth = aircall.WithBearerToken(getenv("AIRCALL_ACCESS_TOKEN"))
	case getenv("AIRCALL_API_ID") != "" || getenv("AIRCALL_API_TOKEN") != "":
		auth = aircall.WithBasicAuth(getenv("AIRCALL_API_ID"), getenv("AIRCALL_API_TOKEN"))
	default:
		fake := aircalltest.NewServer(aircalltest.WithDemoData())
		fmt.Fprintln(stderr, "No AIRCALL_API_ID/AIRCALL_API_TOKEN or AIRCALL_ACCESS_TOKEN set: exporting the demo calls of aircalltest, an in-memory fake Aircall API.")
		return fake.Client(), fake.Close, nil
	}
	perMinute := aircall.DefaultRequestsPerMinute
	if v := getenv("AIRCALL_RATE_LIMIT"); v != "" {
		if perMinute, err = strconv.Atoi(v); err != nil || perMinute < 1 {
			return nil, nil, fmt.Errorf("AIRCALL_RATE_LIMIT must be a positive number of requests per minute, got %q", v)
		}
	}
	opts := []aircall.Option{auth, aircall.WithRateLimit(perMinute, 1)}
	if u := getenv("AIRCALL_BASE_URL"); u != "" {
		opts = append(opts, aircall.WithBaseURL(u))
	}
	client, err = aircall.NewClient(opts...)
	return client, func() {}, err
}
