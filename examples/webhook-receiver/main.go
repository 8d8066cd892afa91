// Command webhook-receiver receives Aircall webhook events with
// aircall.WebhookHandler: it logs every call.ended event with the call's
// duration and recording URL, and tags missed inbound calls through the API
// (Calls.AddTags).
//
// Create a Webhook subscribed to call.ended (Dashboard, or
// client.Webhooks.Create) whose URL reaches this server over HTTPS at
// /aircall/webhooks, then run it with the Webhook's token:
//
//	AIRCALL_WEBHOOK_TOKEN=... AIRCALL_API_ID=... AIRCALL_API_TOKEN=... \
//	MISSED_CALL_TAG_ID=1234 go run ./examples/webhook-receiver
//
// Configuration, from the environment:
//
//	AIRCALL_WEBHOOK_TOKEN   required: the Webhook's token (comma-separated for several, e.g. during a rotation)
//	AIRCALL_API_ID          with AIRCALL_API_TOKEN: Basic auth for the API calls
//	AIRCALL_API_TOKEN
//	AIRCALL_ACCESS_TOKEN    or an OAuth access token instead
//	AIRCALL_BASE_URL        optional: another API base URL (a test server)
//	MISSED_CALL_TAG_ID      optional: the id of the Tag added to missed calls; without it nothing is tagged
//	                        and no credentials are needed
//	ADDR                    listen address, default :8080
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/aircall-go/aircall"
)

// webhookPath is where the server receives events.
const webhookPath = "/aircall/webhooks"

// config is what the receiver needs, read from the environment.
type config struct {
	WebhookTokens   []string
	APIID, APIToken string
	AccessToken     string
	BaseURL         string
	MissedCallTagID int64
	Addr            string
}

// configFromEnv reads the configuration through getenv (os.Getenv in main).
func configFromEnv(getenv func(string) string) (config, error) {
	cfg := config{
		APIID:       getenv("AIRCALL_API_ID"),
		APIToken:    getenv("AIRCALL_API_TOKEN"),
		AccessToken: getenv("AIRCALL_ACCESS_TOKEN"),
		BaseURL:     getenv("AIRCALL_BASE_URL"),
		Addr:        getenv("ADDR"),
	}
	for tok := range strings.SplitSeq(getenv("AIRCALL_WEBHOOK_TOKEN"), ",") {
		if tok = strings.TrimSpace(tok); tok != "" {
			cfg.WebhookTokens = append(cfg.WebhookTokens, tok)
		}
	}
	if len(cfg.WebhookTokens) == 0 {
		return config{}, errors.New("AIRCALL_WEBHOOK_TOKEN is required: the token of the Webhook whose events this server receives")
	}
	if cfg.Addr == "" {
		cfg.Addr = ":8080"
	}
	if s := getenv("MISSED_CALL_TAG_ID"); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			return config{}, fmt.Errorf("MISSED_CALL_TAG_ID must be a positive tag id, got %q", s)
		}
		cfg.MissedCallTagID = id
		basic := cfg.APIID != "" || cfg.APIToken != ""
		switch {
		case basic && cfg.AccessToken != "":
			return config{}, errors.New("set either AIRCALL_API_ID/AIRCALL_API_TOKEN or AIRCALL_ACCESS_TOKEN, not both")
		case basic && (cfg.APIID == "" || cfg.APIToken == ""):
			return config{}, errors.New("AIRCALL_API_ID and AIRCALL_API_TOKEN go together")
		case !basic && cfg.AccessToken == "":
			return config{}, errors.New("MISSED_CALL_TAG_ID needs API credentials: AIRCALL_API_ID and AIRCALL_API_TOKEN, or AIRCALL_ACCESS_TOKEN")
		}
	}
	return cfg, nil
}

// newClient builds the API client used to tag missed calls, or nil when no
// tag is configured.
func newClient(cfg config, opts ...aircall.Option) (*aircall.Client, error) {
	if cfg.MissedCallTagID == 0 {
		return nil, nil
	}
	auth := aircall.WithBearerToken(cfg.AccessToken)
	if cfg.AccessToken == "" {
		auth = aircall.WithBasicAuth(cfg.APIID, cfg.APIToken)
	}
	base := []aircall.Option{auth, aircall.WithUserAgent("webhook-receiver-example")}
	if cfg.BaseURL != "" {
		base = append(base, aircall.WithBaseURL(cfg.BaseURL))
	}
	return aircall.NewClient(append(base, opts...)...)
}

// receiver holds what the event funcs need.
type receiver struct {
	client *aircall.Client // nil: missed calls are not tagged
	tagID  int64
	log    *slog.Logger
}

// newHandler returns the http.Handler for the Webhook's events.
func newHandler(cfg config, client *aircall.Client, logger *slog.Logger) http.Handler {
	rc := &receiver{client: client, tagID: cfg.MissedCallTagID, log: logger}
	h := &aircall.WebhookHandler{
		Tokens: cfg.WebhookTokens,
		Logger: logger, // refused and failed events are logged as warnings
		// MaxAge could refuse stale events; it stays off here, because a
		// retry Aircall sends hours after an outage must still be accepted.
		Fallback: func(_ context.Context, e *aircall.WebhookEvent) error {
			logger.Debug("event ignored", "event", e.Event)
			return nil // acknowledged: answering an error would make Aircall retry it
		},
	}
	h.On(aircall.EventCallEnded, rc.callEnded)
	mux := http.NewServeMux()
	mux.Handle(webhookPath, h)
	return mux
}

// callEnded logs the call and tags it if it was missed. Aircall waits 5
// seconds for the answer, so the API call gets a shorter deadline; events
// can come twice, and tagging a call twice with the same tag is harmless.
func (rc *receiver) callEnded(ctx context.Context, e *aircall.WebhookEvent) error {
	call, err := e.Call()
	if err != nil {
		// The event is authentic but its data did not decode: retrying would
		// fail the same way, so log it and acknowledge.
		rc.log.Error("call.ended event with unreadable data", "error", err)
		return nil
	}
	missed := call.Direction == aircall.CallInbound && (call.MissedCallReason != "" || call.AnsweredAt.IsZero())
	recording := call.Recording // valid 1 hour
	if recording == "" {
		recording = call.RecordingShortURL
	}
	rc.log.Info("call ended",
		"call_id", call.ID,
		"direction", string(call.Direction),
		"duration", time.Duration(call.Duration)*time.Second,
		"recording", recording,
		"missed", missed,
		"missed_reason", string(call.MissedCallReason))
	if !missed || rc.client == nil {
		return nil
	}

	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	if _, err := rc.client.Calls.AddTags(ctx, call.ID, []int64{rc.tagID}); err != nil {
		if errors.Is(err, aircall.ErrNotFound) || errors.Is(err, aircall.ErrBadRequest) || errors.Is(err, aircall.ErrUnprocessable) {
			// A deleted call or a wrong tag id: retrying would not help.
			rc.log.Error("cannot tag missed call", "call_id", call.ID, "tag_id", rc.tagID, "error", err)
			return nil
		}
		// Anything else may pass: answer 500 so that Aircall sends the event again.
		return fmt.Errorf("tagging missed call %d: %w", call.ID, err)
	}
	rc.log.Info("tagged missed call", "call_id", call.ID, "tag_id", rc.tagID)
	return nil
}

// run serves the receiver on cfg.Addr until ctx is done, then shuts down
// gracefully. Logs go to stdout, startup failures are returned.
func run(ctx context.Context, cfg config, stdout, stderr io.Writer) error {
	logger := slog.New(slog.NewTextHandler(stdout, nil))
	client, err := newClient(cfg, aircall.WithLogger(slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))))
	if err != nil {
		return fmt.Errorf("aircall client: %w", err)
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           newHandler(cfg, client, logger),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      10 * time.Second,
	}
	logger.Info("receiving Aircall webhook events", "addr", ln.Addr().String(), "path", webhookPath,
		"tag_missed_calls", client != nil)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func main() {
	cfg, err := configFromEnv(os.Getenv)
	if err != nil {
		fmt.Fprintln(os.Stderr, "webhook-receiver:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, cfg, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "webhook-receiver:", err)
		os.Exit(1)
	}
}
