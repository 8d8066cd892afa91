package aircallmcp

import (
	"context"
	"fmt"
	"net/url"

	"github.com/aircall-go/aircall"
	"github.com/google/jsonschema-go/jsonschema"
)

// WebhookList is a page of webhooks.
type WebhookList struct {
	Webhooks   []WebhookView `json:"webhooks"`
	NextCursor string        `json:"next_cursor,omitempty" jsonschema:"pass as cursor for more; absent at the end"`
}

type createWebhookArgs struct {
	URL        string   `json:"url" jsonschema:"the HTTPS endpoint that will receive the events"`
	Events     []string `json:"events,omitempty" jsonschema:"the events to send, e.g. call.created, call.ended, message.received (default: all)"`
	CustomName string   `json:"custom_name,omitempty" jsonschema:"a name to recognise the webhook"`
}

type webhookIDArgs struct {
	WebhookID string `json:"webhook_id" jsonschema:"the webhook's webhook_id (a UUID)"`
}

func (s *Server) registerWebhooks() {
	addTool(s, spec[pageArgs]{
		name:   "list_webhooks",
		title:  "List webhooks",
		set:    "webhooks",
		desc:   "Lists the webhooks registered on the Aircall account: URL, events, active or not (tokens are not shown).",
		schema: limitPageSchema,
	}, func(ctx context.Context, a pageArgs) (WebhookList, error) {
		c, lo, err := startPage("list_webhooks", a, noQuery{}, false)
		if err != nil {
			return WebhookList{}, err
		}
		hooks, resp, err := s.client.Webhooks.List(ctx, &aircall.WebhookListOptions{ListOptions: lo})
		if err != nil {
			return WebhookList{}, err
		}
		out := WebhookList{Webhooks: make([]WebhookView, 0, len(hooks))}
		for _, w := range hooks {
			out.Webhooks = append(out.Webhooks, webhookView(w))
		}
		out.NextCursor = nextPage(c, resp, len(hooks))
		return out, nil
	})

	addTool(s, spec[createWebhookArgs]{
		name:   "create_webhook",
		title:  "Register a webhook",
		set:    "webhooks",
		effect: adds,
		desc: "Registers a webhook: Aircall will POST the chosen events (calls, SMS, contacts, users...) to the URL. " +
			"The verification token is not returned here; read it in the Aircall dashboard.",
		schema: func(sc *jsonschema.Schema) { format(sc, "url", "uri") },
		check: func(a createWebhookArgs) error {
			u, err := url.Parse(a.URL)
			if err != nil || u.Scheme != "https" || u.Host == "" {
				return fmt.Errorf("url: %q is not an https:// URL", a.URL)
			}
			return nil
		},
	}, func(ctx context.Context, a createWebhookArgs) (WebhookView, error) {
		req := &aircall.CreateWebhookRequest{URL: a.URL, AllEvents: len(a.Events) == 0}
		if a.CustomName != "" {
			req.CustomName = &a.CustomName
		}
		for _, e := range a.Events {
			req.Events = append(req.Events, aircall.EventType(e))
		}
		w, _, err := s.client.Webhooks.Create(ctx, req)
		if err != nil {
			return WebhookView{}, err
		}
		return webhookView(w), nil
	})

	addTool(s, spec[webhookIDArgs]{
		name:       "delete_webhook",
		title:      "Delete a webhook",
		set:        "webhooks",
		effect:     destroys,
		idempotent: true,
		desc:       "Deletes a webhook: its URL stops receiving events. Asks the user to confirm first.",
		confirm: func(a webhookIDArgs) string {
			return fmt.Sprintf("Delete the Aircall webhook %s? Its endpoint will stop receiving events.", a.WebhookID)
		},
	}, func(ctx context.Context, a webhookIDArgs) (Done, error) {
		if _, err := s.client.Webhooks.Delete(ctx, a.WebhookID); err != nil {
			return Done{}, err
		}
		return Done{Done: true, What: "webhook " + a.WebhookID + " deleted"}, nil
	})
}
