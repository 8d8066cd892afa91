// Command multi-worker runs several workers that share one Aircall request
// budget through Redis, and prints each worker's share and the total rate.
//
// Each worker has its own aircall.Client and its own Redis connection, as
// separate processes or pods would; redislimit makes them pace themselves
// together, so the company's budget (60 requests per minute by default) is
// used fully and never overrun.
//
//	redis-server --port 6379 &
//	go run . -workers 4 -duration 1m
//
// With AIRCALL_API_ID and AIRCALL_API_TOKEN (or AIRCALL_ACCESS_TOKEN) set it
// reads your account, or the API at AIRCALL_BASE_URL (GET /v1/calls, one
// call per request). Otherwise it starts aircalltest, an
// in-memory fake API enforcing the same budget, and also reports how many
// requests the fake had to refuse (429): none is the goal. -window shortens
// the fake's budget window for a quicker demo (e.g. -rate 600 -window 10s).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/aircall-go/aircall/redislimit"
	"github.com/redis/go-redis/v9"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "multi-worker:", err)
		os.Exit(1)
	}
}

type options struct {
	workers   int
	duration  time.Duration
	redisAddr string
	perMinute int
	window    time.Duration
}

func parseFlags(args []string, getenv func(string) string, stderr io.Writer) (options, error) {
	fs := flag.NewFlagSet("multi-worker", flag.ContinueOnError)
	fs.SetOutput(stderr)
	o := options{}
	redisDefault := getenv("REDIS_ADDR")
	if redisDefault == "" {
		redisDefault = "localhost:6379"
	}
	fs.IntVar(&o.workers, "workers", 4, "number of workers, each with its own client and Redis connection")
	fs.DurationVar(&o.duration, "duration", 30*time.Second, "how long the workers run")
	fs.StringVar(&o.redisAddr, "redis", redisDefault, "Redis address (or REDIS_ADDR)")
	fs.IntVar(&o.perMinute, "rate", aircall.DefaultRequestsPerMinute, "the company's budget, in requests per minute")
	fs.DurationVar(&o.window, "window", time.Minute, "length of the fake's budget window (fake API only)")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if o.workers < 1 || o.duration <= 0 || o.perMinute < 1 || o.window <= 0 {
		return o, errors.New("-workers, -duration, -rate and -window must be positive")
	}
	return o, nil
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	o, err := parseFlags(args, getenv, stderr)
	if err != nil {
		return err
	}
	// The API key (or the access token's hash) decides the shared budget's
	// key; the secret never reaches Redis.
	apiID, apiToken, token := getenv("AIRCALL_API_ID"), getenv("AIRCALL_API_TOKEN"), getenv("AIRCALL_ACCESS_TOKEN")
	var fake *aircalltest.Server
	var clientOpts []aircall.Option
	if u := getenv("AIRCALL_BASE_URL"); u != "" {
		clientOpts = append(clientOpts, aircall.WithBaseURL(u))
	}
	if token == "" && (apiID == "" || apiToken == "") {
		perWindow := int(float64(o.perMinute) * o.window.Minutes())
		fake = aircalltest.NewServer(aircalltest.WithDemoData(), aircalltest.WithBudget(perWindow), aircalltest.WithBudgetWindow(o.window))
		defer fake.Close()
		apiID, apiToken = aircalltest.DefaultAPIID, aircalltest.DefaultAPIToken
		clientOpts = []aircall.Option{aircall.WithBaseURL(fake.URL())}
		fmt.Fprintf(stderr, "No AIRCALL_API_ID/AIRCALL_API_TOKEN or AIRCALL_ACCESS_TOKEN: using aircalltest with a budget of %d requests per %s.\n", perWindow, o.window)
	}
	key, auth := redislimit.KeyForAPIID(apiID), aircall.WithBasicAuth(apiID, apiToken)
	if token != "" && fake == nil {
		key, auth = redislimit.KeyForToken(token), aircall.WithBearerToken(token)
	}

	var counts = make([]atomic.Int64, o.workers)
	var failures atomic.Int64
	ctx, cancel := context.WithTimeout(ctx, o.duration)
	defer cancel()
	var wg sync.WaitGroup
	start := time.Now()
	for w := range o.workers {
		// One Redis connection and one client per worker, as separate processes would have.
		rdb := redis.NewClient(&redis.Options{Addr: o.redisAddr})
		defer rdb.Close()
		if err := rdb.Ping(ctx).Err(); err != nil {
			return fmt.Errorf("redis at %s: %w (start one with: redis-server --port 6379)", o.redisAddr, err)
		}
		lim, err := redislimit.New(rdb, key, redislimit.WithRate(o.perMinute, 1), redislimit.WithLimitWindow(o.window), redislimit.WithResetBuffer(100*time.Millisecond))
		if err != nil {
			return err
		}
		client, err := aircall.NewClient(append([]aircall.Option{auth,
			aircall.WithLimiter(lim), aircall.WithUserAgent("multi-worker-example")}, clientOpts...)...)
		if err != nil {
			return err
		}
		wg.Go(func() {
			for {
				_, _, err := client.Calls.List(ctx, &aircall.CallListOptions{ListOptions: aircall.ListOptions{PerPage: 1}})
				switch {
				case err == nil:
					counts[w].Add(1)
				case errors.Is(err, context.DeadlineExceeded) || ctx.Err() != nil:
					return // the run is over (or its next slot would come after the end)
				default:
					failures.Add(1)
					fmt.Fprintf(stderr, "worker %d: %v\n", w+1, err)
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)

	var total int64
	for w := range counts {
		total += counts[w].Load()
	}
	for w := range counts {
		n := counts[w].Load()
		share := 0.0
		if total > 0 {
			share = 100 * float64(n) / float64(total)
		}
		fmt.Fprintf(stdout, "worker %d: %5d requests (%4.1f%%)\n", w+1, n, share)
	}
	rate := float64(total) / elapsed.Minutes()
	fmt.Fprintf(stdout, "total:    %5d requests in %s = %.1f/min, budget %d/min (%.1f%%), %d failed\n",
		total, elapsed.Round(time.Second), rate, o.perMinute, 100*rate/float64(o.perMinute), failures.Load())
	if fake != nil {
		fmt.Fprintf(stdout, "the fake API refused %d requests with 429\n", fake.Stats().RateLimited)
	}
	return nil
}
