// Command console traces a few Aircall API requests with OpenTelemetry and
// prints the spans and the metrics to the console:
//
//	cd otel && go run ./examples/console
//
// With AIRCALL_API_ID and AIRCALL_API_TOKEN set (an API key from your
// company's settings) it reads your Aircall account; AIRCALL_BASE_URL points
// it at another API root. Without them it runs against aircalltest, an
// in-memory fake Aircall API with demo data, made to fail once with a 503
// and once with a 429 so that retries and waits show in the output.
//
// It searches contacts by phone number on purpose: the number is in the
// query string, and nowhere in the telemetry.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	aircallotel "github.com/aircall-go/aircall/otel"
	"go.opentelemetry.io/otel/exporters/stdout/stdoutmetric"
	"go.opentelemetry.io/otel/exporters/stdout/stdouttrace"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "console:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, getenv func(string) string, stdout, stderr io.Writer) (err error) {
	// The OpenTelemetry pipeline: spans as they end, metrics at shutdown.
	spans, err := stdouttrace.New(stdouttrace.WithWriter(stdout), stdouttrace.WithPrettyPrint())
	if err != nil {
		return err
	}
	metrics, err := stdoutmetric.New(stdoutmetric.WithWriter(stdout), stdoutmetric.WithPrettyPrint())
	if err != nil {
		return err
	}
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(spans))
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(sdkmetric.NewPeriodicReader(metrics)))
	defer func() {
		// Shutting down flushes: the metrics are printed here.
		err = errors.Join(err, tp.Shutdown(context.Background()), mp.Shutdown(context.Background()))
	}()

	obs, err := aircallotel.NewObserver(aircallotel.WithTracerProvider(tp), aircallotel.WithMeterProvider(mp))
	if err != nil {
		return err
	}
	client, err := connect(getenv, stderr, aircall.WithObserver(obs))
	if err != nil {
		return err
	}

	if _, err := client.Ping(ctx); err != nil {
		return err
	}
	calls, _, err := client.Calls.List(ctx, &aircall.CallListOptions{ListOptions: aircall.ListOptions{PerPage: 5}})
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "%d calls\n", len(calls))
	contacts, _, err := client.Contacts.Search(ctx, &aircall.ContactSearchOptions{PhoneNumber: "+34664673697"})
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "%d contacts with that number\n", len(contacts))
	return nil
}

// connect builds a client for the account in the environment, or for a
// fake API with demo data that fails now and then.
func connect(getenv func(string) string, stderr io.Writer, opts ...aircall.Option) (*aircall.Client, error) {
	id, token := getenv("AIRCALL_API_ID"), getenv("AIRCALL_API_TOKEN")
	if id != "" && token != "" {
		opts = append(opts, aircall.WithBasicAuth(id, token))
		if base := getenv("AIRCALL_BASE_URL"); base != "" {
			opts = append(opts, aircall.WithBaseURL(base))
		}
		return aircall.NewClient(opts...)
	}
	fmt.Fprintln(stderr, "AIRCALL_API_ID and AIRCALL_API_TOKEN not set: using an in-memory fake Aircall API")
	fake := aircalltest.NewServer(aircalltest.InMemory(), aircalltest.WithDemoData())
	fake.Inject(aircalltest.Fault{Method: http.MethodGet, Path: "/v1/calls", Times: 1, Status: http.StatusServiceUnavailable})
	fake.Inject(aircalltest.Fault{Method: http.MethodGet, Path: "/v1/contacts/search", Times: 1,
		Status: http.StatusTooManyRequests, Header: http.Header{"Retry-After": {"1"}}})
	return fake.Client(opts...), nil
}
