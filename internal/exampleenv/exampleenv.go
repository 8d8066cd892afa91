// Package exampleenv is how the examples of this repository reach Aircall:
// the real API (or any sandbox or fake) when credentials are set in the
// environment, an in-memory fake otherwise.
package exampleenv

import (
	"fmt"
	"io"
	"strconv"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
)

// Options is what an example says of itself.
type Options struct {
	// What completes "...set: <What> aircalltest", e.g. "exporting the demo calls of".
	What string
	// Burst is how many requests may go at once when AIRCALL_RATE_LIMIT
	// caps the pace (default 1). Without that variable the client paces
	// adaptively from the rate-limit headers Aircall answers with.
	Burst int
	// FakeOptions are extra options of the fake (e.g.
	// aircalltest.WithStartCallDelay), and Seed adds the example's own data
	// to its demo company.
	FakeOptions []aircalltest.ServerOption
	Seed        func(s *aircalltest.Server)
}

// Connect returns a client from the environment read through getenv:
//
//   - AIRCALL_API_ID and AIRCALL_API_TOKEN (Basic auth), or
//     AIRCALL_ACCESS_TOKEN (Bearer), select the API;
//   - AIRCALL_BASE_URL points the client at another API root (a sandbox, a
//     proxy, `aircall fake serve`);
//   - AIRCALL_RATE_LIMIT caps the pace in requests per minute; unset, the
//     client spends what Aircall's rate-limit headers say is free and
//     starts from the documented 60 per minute.
//
// Without credentials it starts an in-memory aircalltest server and says so
// on stderr. done releases what Connect started; perMinute is the pace to
// estimate durations with (the cap, or the documented 60; 0 for the fake).
func Connect(getenv func(string) string, stderr io.Writer, o Options) (client *aircall.Client, perMinute int, done func(), err error) {
	var auth aircall.Option
	switch {
	case getenv("AIRCALL_ACCESS_TOKEN") != "":
		auth = aircall.WithBearerToken(getenv("AIRCALL_ACCESS_TOKEN"))
	case getenv("AIRCALL_API_ID") != "" || getenv("AIRCALL_API_TOKEN") != "":
		auth = aircall.WithBasicAuth(getenv("AIRCALL_API_ID"), getenv("AIRCALL_API_TOKEN"))
	default:
		s := aircalltest.NewServer(append([]aircalltest.ServerOption{aircalltest.WithDemoData()}, o.FakeOptions...)...)
		if o.Seed != nil {
			o.Seed(s)
		}
		fmt.Fprintf(stderr, "No AIRCALL_API_ID/AIRCALL_API_TOKEN or AIRCALL_ACCESS_TOKEN set: %s aircalltest, an in-memory fake Aircall API with demo data.\n", o.What)
		return s.Client(aircall.WithoutRateLimit()), 0, s.Close, nil
	}
	perMinute = aircall.DefaultRequestsPerMinute
	opts := []aircall.Option{auth}
	if v := getenv("AIRCALL_RATE_LIMIT"); v != "" {
		if perMinute, err = strconv.Atoi(v); err != nil || perMinute < 1 {
			return nil, 0, nil, fmt.Errorf("AIRCALL_RATE_LIMIT must be a positive number of requests per minute, got %q", v)
		}
		opts = append(opts, aircall.WithRateLimit(perMinute, max(o.Burst, 1)))
	}
	if u := getenv("AIRCALL_BASE_URL"); u != "" {
		opts = append(opts, aircall.WithBaseURL(u))
	}
	client, err = aircall.NewClient(opts...)
	return client, perMinute, func() {}, err
}
