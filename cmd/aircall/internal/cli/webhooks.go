package cli

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/spf13/cobra"
)

// sampleEvents are the example payloads of the Aircall documentation, one
// per event (copies of the SDK's testdata/events, checked equal by a test).
//
//go:generate sh -c "rm -f events/*.json && cp ../../../../testdata/events/*.json events/"
//go:embed events/*.json
var sampleEvents embed.FS

// eventNames lists the events "webhooks trigger" can send, sorted.
func eventNames() []string {
	entries, _ := sampleEvents.ReadDir("events")
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e.Name(), ".json"))
	}
	sort.Strings(names)
	return names
}

// addWebhookTools adds "trigger" and "listen" to the webhooks command.
func (a *App) addWebhookTools(root *cobra.Command) {
	var group *cobra.Command
	for _, c := range root.Commands() {
		if c.Name() == "webhooks" {
			group = c
		}
	}
	if group == nil {
		group = &cobra.Command{Use: "webhooks <command>", Short: "Manage webhooks and test receivers", GroupID: groupAPI, Args: noArgs,
			Example: "  aircall webhooks listen --addr 127.0.0.1:4020 --token T\n  aircall webhooks trigger call.ended --url http://127.0.0.1:4020/ --token T"}
		root.AddCommand(group)
	}
	group.AddCommand(a.newWebhooksTriggerCmd(), a.newWebhooksListenCmd())
}

// tokenFlag is the webhook token: --token, else $AIRCALL_WEBHOOK_TOKEN.
func (a *App) tokenFlag(token string) (string, error) {
	if token == "" {
		token = a.io.Getenv("AIRCALL_WEBHOOK_TOKEN")
	}
	if token == "" {
		return "", usagef("a webhook token is needed: --token or AIRCALL_WEBHOOK_TOKEN")
	}
	return token, nil
}

func (a *App) newWebhooksTriggerCmd() *cobra.Command {
	var (
		target, token string
		keepTime      bool
	)
	cmd := &cobra.Command{
		Use:   "trigger EVENT --url URL --token TOKEN",
		Short: "Post a documented sample event to a webhook receiver",
		Long: `Post the Aircall documentation's example payload of EVENT to a webhook
receiver, with your token in its "token" field and the current time as its
timestamp (--keep-timestamp sends the documented one), as Aircall would. The
exit code is 1 when the receiver does not answer with a 2xx status.

Events: ` + strings.Join(eventNames(), ", ") + `.

The token may also come from $AIRCALL_WEBHOOK_TOKEN, which keeps it out of
your shell history.`,
		Example: `  aircall webhooks trigger call.ended --url http://127.0.0.1:4020/ --token "$TOKEN"
  AIRCALL_WEBHOOK_TOKEN=45XXYYZZa08 aircall webhooks trigger contact.created --url https://example.com/hooks/aircall`,
		Args:      exactArgs(1),
		ValidArgs: eventNames(),
		RunE: func(cmd *cobra.Command, args []string) error {
			tok, err := a.tokenFlag(token)
			if err != nil {
				return err
			}
			body, err := sampleEvent(args[0], tok, keepTime)
			if err != nil {
				return err
			}
			req, err := http.NewRequestWithContext(cmd.Context(), http.MethodPost, target, bytes.NewReader(body))
			if err != nil {
				return usagef("--url: %v", err)
			}
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("User-Agent", "aircall-cli/"+Version)
			resp, err := (&http.Client{Timeout: 5 * time.Second}).Do(req)
			if err != nil {
				return err
			}
			defer resp.Body.Close()
			_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
			fmt.Fprintf(a.io.Err, "%s sent to %s: %s\n", args[0], redactURL(target), resp.Status)
			if resp.StatusCode < 200 || resp.StatusCode > 299 {
				return &exitError{ExitError, fmt.Errorf("the receiver answered %s", resp.Status)}
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&target, "url", "", "the receiver's `URL`")
	f.StringVar(&token, "token", "", "the webhook's token, put in the payload (default $AIRCALL_WEBHOOK_TOKEN)")
	f.BoolVar(&keepTime, "keep-timestamp", false, "send the documented timestamp instead of now")
	_ = cmd.MarkFlagRequired("url")
	return cmd
}

// sampleEvent returns the documented payload of event with token and,
// unless keepTime, the current time.
func sampleEvent(event, token string, keepTime bool) ([]byte, error) {
	b, err := sampleEvents.ReadFile(path.Join("events", event+".json"))
	if err != nil {
		return nil, usagef("unknown event %q (see 'aircall webhooks trigger --help')", event)
	}
	var payload map[string]json.RawMessage
	if err := json.Unmarshal(b, &payload); err != nil {
		return nil, err
	}
	payload["token"], _ = json.Marshal(token)
	if !keepTime {
		payload["timestamp"], _ = json.Marshal(time.Now().Unix())
	}
	return json.Marshal(payload)
}

// redactURL drops the query and user info of a URL for messages.
func redactURL(raw string) string {
	i := strings.IndexAny(raw, "?#")
	if i >= 0 {
		raw = raw[:i]
	}
	if at := strings.Index(raw, "@"); at >= 0 {
		if s := strings.Index(raw, "://"); s >= 0 && s < at {
			raw = raw[:s+3] + raw[at+1:]
		}
	}
	return raw
}

// shownEvent is a received event as "webhooks listen" prints it: without its token.
type shownEvent struct {
	Event     string          `json:"event"`
	Resource  string          `json:"resource"`
	Timestamp int64           `json:"timestamp"`
	Data      json.RawMessage `json:"data"`
}

func (a *App) newWebhooksListenCmd() *cobra.Command {
	var (
		addr, pathFlag string
		tokens         []string
		maxAge         time.Duration
	)
	cmd := &cobra.Command{
		Use:   "listen --addr ADDR --token TOKEN",
		Short: "Receive webhook events and print the verified ones",
		Long: `Run a webhook receiver (the SDK's WebhookHandler) and print every event whose
token matches, one a line: a summary for people, the event without its token
with --json or --jq. Refused events are reported on standard error. Point a
webhook of the fake ("aircall fake serve") or "aircall webhooks trigger" at it
to watch what would reach your application.`,
		Example: `  aircall webhooks listen --addr 127.0.0.1:4020 --token "$TOKEN"
  aircall webhooks listen --token "$TOKEN" --json | jq .data.id
  curl -X POST "$AIRCALL_BASE_URL/_aircalltest/seed" -d '{"webhooks": [{"url": "http://127.0.0.1:4020/"}]}'`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if len(tokens) == 0 {
				tok, err := a.tokenFlag("")
				if err != nil {
					return err
				}
				tokens = []string{tok}
			}
			listen := a.listen
			if listen == nil {
				listen = net.Listen
			}
			l, err := listen("tcp", addr)
			if err != nil {
				return err
			}
			p := a.printer(cmd.Context())
			events := make(chan *aircall.WebhookEvent)
			h := &aircall.WebhookHandler{Tokens: tokens, MaxAge: maxAge,
				Fallback: func(ctx context.Context, e *aircall.WebhookEvent) error {
					select {
					case events <- e:
					case <-ctx.Done():
					}
					return nil
				}}
			mux := http.NewServeMux()
			mux.Handle(pathFlag, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				rec := &statusRecorder{ResponseWriter: w}
				h.ServeHTTP(rec, r)
				if rec.status >= 300 {
					fmt.Fprintf(a.io.Err, "refused a %s %s: %d %s\n", r.Method, r.URL.Path, rec.status, http.StatusText(rec.status))
				}
			}))
			srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
			done := make(chan error, 1)
			go func() { done <- srv.Serve(l) }()
			fmt.Fprintf(a.io.Err, "Listening for webhook events on http://%s%s. Ctrl-C to stop.\n", l.Addr(), pathFlag)
			for {
				select {
				case e := <-events:
					if err := printEvent(p, e); err != nil {
						_ = srv.Close()
						return err
					}
				case err := <-done:
					return err
				case <-cmd.Context().Done():
					ctx, cancel := context.WithTimeout(context.Background(), time.Second)
					defer cancel()
					_ = srv.Shutdown(ctx)
					return nil
				}
			}
		},
	}
	f := cmd.Flags()
	f.StringVar(&addr, "addr", "127.0.0.1:4020", "`host:port` to listen on")
	f.StringVar(&pathFlag, "path", "/", "URL path that receives events")
	f.StringArrayVar(&tokens, "token", nil, "accepted webhook token (repeat during a rotation; default $AIRCALL_WEBHOOK_TOKEN)")
	f.DurationVar(&maxAge, "max-age", 0, "refuse events older than this (0: accept any age)")
	return cmd
}

// printEvent prints a verified event without its token.
func printEvent(p *printer, e *aircall.WebhookEvent) error {
	ev := shownEvent{Event: string(e.Event), Resource: e.Resource, Timestamp: e.Timestamp.Unix(), Data: e.Data}
	if p.jq != nil || p.json {
		l := p.list()
		return l.add(ev)
	}
	id := ""
	var d struct {
		ID json.RawMessage `json:"id"`
	}
	if json.Unmarshal(e.Data, &d) == nil && len(d.ID) > 0 {
		id = " id=" + strings.Trim(string(d.ID), `"`)
	}
	_, err := fmt.Fprintf(p.w, "%s  %-32s%s\n", e.Timestamp.UTC().Format(time.RFC3339), e.Event, id)
	return err
}

// statusRecorder remembers the status a handler answered.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

// WriteHeader remembers code and sends it.
func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

// Write sends b, remembering 200 when the handler set no status first.
func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}
