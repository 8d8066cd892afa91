package cli

import (
	"fmt"
	"log/slog"
	"net"
	"time"

	"github.com/aircall-go/aircall/aircalltest"
	"github.com/spf13/cobra"
)

func (a *App) newFakeCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "fake <command>",
		Short:   "Run the fake Aircall API (aircalltest) as a server, for tests in any language",
		GroupID: groupTools,
		Example: `  aircall fake serve --demo
  aircall fake serve --addr 127.0.0.1:0 --calls 25000 --rate 0`,
		Args: noArgs,
	}
	cmd.AddCommand(a.newFakeServeCmd())
	return cmd
}

func (a *App) newFakeServeCmd() *cobra.Command {
	var (
		addr, meter string
		demo        bool
		calls, rate int
		other       int
		window      time.Duration
	)
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the fake Aircall API until interrupted",
		Long: `Serve aircalltest, the SDK's stateful in-memory fake of the Aircall Public
API, over HTTP, like stripe-mock: point any client, in any language, at it.

The first line on standard output is its base URL; the next lines are
shell exports of the credentials it accepts (test credentials, not secrets):

  http://127.0.0.1:4010
  export AIRCALL_BASE_URL=http://127.0.0.1:4010
  export AIRCALL_API_ID=aircalltest-api-id
  export AIRCALL_API_TOKEN=aircalltest-api-token

Control endpoints, without credentials, drive it from tests:

  GET    /_aircalltest                 base URL, credentials, demo ids
  POST   /_aircalltest/seed            add users, numbers, teams, tags, contacts,
                                       calls, webhooks, generated_calls (API JSON shapes)
  POST   /_aircalltest/faults          inject a fault {"method","path","times","status",
                                       "body","headers","latency_ms","drop_connection"}
  DELETE /_aircalltest/faults[/{id}]   remove faults
  POST   /_aircalltest/simulate/{event}
                                       call.begin, call.answer, call.end, call.inbound,
                                       sms.inbound, whatsapp.inbound, whatsapp.status,
                                       contact.delete: registered webhooks get the events
  GET    /_aircalltest/stats           requests, 429s, faults, rate-limit windows
  DELETE /_aircalltest/stats           reset the counters
  GET    /_aircalltest/deliveries      webhook events sent and the receivers' answers
  POST   /_aircalltest/tokens          issue an OAuth access token

It enforces the documented rate limit (60 requests a minute per credential)
unless --rate says otherwise (0 turns it off), in fixed windows or, with
--meter leaky, as a leaky bucket; --other N makes a simulated second
integration spend N requests of every window, and --verbose logs each
request refused for budget. Stop it with Ctrl-C.`,
		Example: `  # a fake with a realistic company, in the background
  aircall fake serve --demo > fake.env &
  eval "$(tail -n +2 fake.env)"; aircall calls list

  # volume and a generous budget for a load test
  aircall fake serve --addr 127.0.0.1:0 --calls 25000 --rate 600

  # seed it from any language
  curl -X POST "$AIRCALL_BASE_URL/_aircalltest/seed" -d '{"tags": [{"name": "VIP"}]}'`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if calls < 0 || rate < 0 || other < 0 || window <= 0 {
				return usagef("--calls, --rate and --other must not be negative, --window must be positive")
			}
			opts := []aircalltest.ServerOption{}
			if a.verbose {
				opts = append(opts, aircalltest.WithLogger(slog.New(slog.NewTextHandler(a.io.Err, nil))))
			}
			limit, err := meterOptions(meter, rate, window, other)
			if err != nil {
				return err
			}
			opts = append(opts, limit...)
			if demo {
				opts = append(opts, aircalltest.WithDemoData())
			}
			l, err := net.Listen("tcp", addr)
			if err != nil {
				return err
			}
			opts = append(opts, aircalltest.WithListener(l))
			s := aircalltest.NewServer(opts...)
			defer s.Close()
			if calls > 0 {
				s.AddGeneratedCalls(calls)
			}
			info := s.Info()
			fmt.Fprintf(a.io.Out, "%s\nexport AIRCALL_BASE_URL=%s\nexport AIRCALL_API_ID=%s\nexport AIRCALL_API_TOKEN=%s\n",
				info.BaseURL, info.BaseURL, info.APIID, info.APIToken)
			if f, ok := a.io.Out.(interface{ Sync() error }); ok {
				_ = f.Sync()
			}
			fmt.Fprintf(a.io.Err, "Fake Aircall API on %s (control endpoints under %s%s). Ctrl-C to stop.\n",
				info.BaseURL, info.BaseURL, aircalltest.ControlPrefix)
			if a.served != nil {
				a.served(s)
			}
			<-cmd.Context().Done()
			fmt.Fprintln(a.io.Err, "Stopping.")
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&addr, "addr", "127.0.0.1:4010", "`host:port` to listen on (port 0 picks a free one)")
	f.BoolVar(&demo, "demo", false, "seed a small realistic company (users, numbers, teams, tags, contacts, 30 calls)")
	f.IntVar(&calls, "calls", 0, "add `N` generated calls (for listings, exports and the 10,000-call cap)")
	f.StringVar(&meter, "meter", "fixed", "rate-limit metering: fixed (windows, as documented) or leaky (leaky bucket)")
	f.IntVar(&rate, "rate", aircalltest.DefaultRateLimit, "requests allowed per window and credential (`N`; 0 turns rate limiting off)")
	f.IntVar(&other, "other", 0, "simulate another integration on the same key spending `N` requests per window")
	f.DurationVar(&window, "window", aircalltest.DefaultRateLimitWindow, "length of a rate-limit window")
	_ = cmd.RegisterFlagCompletionFunc("meter", cobra.FixedCompletions([]cobra.Completion{
		cobra.CompletionWithDesc("fixed", "fixed windows, as documented"),
		cobra.CompletionWithDesc("leaky", "a leaky bucket"),
	}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}
