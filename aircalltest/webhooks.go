package aircalltest

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// webhook is a Webhook registered on the fake company.
type webhook struct {
	id         int64  // the deprecated integer id
	uuid       string // webhook_id
	createdAt  time.Time
	customName string
	url        string
	active     bool
	token      string
	events     []string
	ownerToken string // the access token that created it; "" for API keys and seeding
}

// knownEvents lists every webhook event the fake accepts in a subscription:
// the reference's events, then those of the messaging, conversation
// intelligence, AI voice agent, analytics and Users v2 features. A webhook
// created or updated without events is subscribed to all of them.
var knownEvents = []string{
	"user.created", "user.deleted", "user.connected", "user.disconnected", "user.opened", "user.closed",
	"user.wut_start", "user.wut_end",
	"call.created", "call.ringing_on_agent", "call.agent_declined", "call.answered", "call.transferred",
	"call.unsuccessful_transfer", "call.hungup", "call.ended", "call.voicemail_left", "call.commented",
	"call.tagged", "call.untagged", "call.assigned", "call.archived", "call.hold", "call.unhold",
	"call.ivr_option_selected", "call.comm_assets_generated", "call.external_transferred",
	"number.created", "number.deleted", "number.opened", "number.closed",
	"contact.created", "contact.updated", "contact.deleted",
	"integration.deleted",
	"message.sent", "message.received", "message.status_updated",
	"group_message.sent", "group_message.received", "group_message.status_updated",
	"transcription.created", "sentiment.created", "topics.created", "action_item.created", "summary.created",
	"playbook_result.created", "playbook_result.updated", "call_evaluation.created", "call_evaluation.updated",
	"custom_summary.result_created", "custom_summary.result_updated", "realtime_transcription.utterances_received",
	"ai_voice_agent.started", "ai_voice_agent.ended", "ai_voice_agent.escalated", "ai_voice_agent.summary",
	"analytics.report_created", "analytics.report_failed",
	"user.created.v2", "user.deleted.v2", "user.connected.v2", "user.disconnected.v2", "user.opened.v2",
	"user.closed.v2", "user.wut_start.v2", "user.wut_end.v2",
}

type wireWebhook struct {
	ID         int64    `json:"id"`
	WebhookID  string   `json:"webhook_id"`
	DirectLink string   `json:"direct_link"`
	CreatedAt  string   `json:"created_at"`
	CustomName string   `json:"custom_name"`
	URL        string   `json:"url"`
	Active     bool     `json:"active"`
	Token      string   `json:"token"`
	Events     []string `json:"events"`
}

func (s *Server) webhookWire(wh *webhook) wireWebhook {
	return wireWebhook{
		ID: wh.id, WebhookID: wh.uuid, DirectLink: s.link("v1/webhooks/%d", wh.id), CreatedAt: isoTime(wh.createdAt),
		CustomName: wh.customName, URL: wh.url, Active: wh.active, Token: wh.token, Events: slices.Clone(wh.events),
	}
}

// newUUID returns a random version-4 UUID.
func newUUID() string {
	h := randomHex(16)
	return h[0:8] + "-" + h[8:12] + "-4" + h[13:16] + "-a" + h[17:20] + "-" + h[20:32]
}

// visible reports whether a credential sees wh: an access token sees the
// webhooks it created, an API key those not created with an access token.
func (wh *webhook) visible(c credential) bool {
	if c.bearer {
		return wh.ownerToken == c.key
	}
	return wh.ownerToken == ""
}

// webhookByRef finds a webhook by webhook_id or by its deprecated integer id.
func (db *state) webhookByRef(ref string) *webhook {
	id, err := strconv.ParseInt(ref, 10, 64)
	for _, wh := range db.webhooks {
		if wh.uuid == ref || (err == nil && wh.id == id) {
			return wh
		}
	}
	return nil
}

// webhooksCRUD serves the webhook endpoints: a credential sees only its own
// webhooks (see visible), found by webhook_id or by the deprecated integer id.
var webhooksCRUD = crud[webhook]{
	what: "Webhook", one: "webhook", many: "webhooks", order: true,
	all: func(s *Server, x *exchange) []*webhook {
		var all []*webhook
		for _, wh := range s.db.webhooks {
			if wh.visible(x.cred) {
				all = append(all, wh)
			}
		}
		return all
	},
	find: func(s *Server, x *exchange) *webhook {
		if wh := s.db.webhookByRef(x.param("id")); wh != nil && wh.visible(x.cred) {
			return wh
		}
		return nil
	},
	wire: func(s *Server, wh *webhook) any { return s.webhookWire(wh) },
}

type webhookWrite struct {
	URL        *string  `json:"url"`
	CustomName *string  `json:"custom_name"`
	Events     []string `json:"events"`
	Active     *bool    `json:"active"`
}

// check validates the request; it returns a troubleshoot message or "".
func (w *webhookWrite) check(create bool) string {
	if create && w.URL == nil {
		return "url param is missing"
	}
	if w.URL != nil {
		u, err := url.Parse(*w.URL)
		if err != nil || u.Host == "" {
			return "url must be a valid URL"
		}
		if u.Scheme != "https" {
			return "url must start with https: webhooks are only sent over SSL"
		}
	}
	for _, e := range w.Events {
		if !slices.Contains(knownEvents, e) {
			return fmt.Sprintf("events are not valid: unknown event %q", e)
		}
	}
	return ""
}

// eventsOrAll returns the events asked for, or all of them when none were:
// that is what Aircall does on create and on update alike.
func eventsOrAll(events []string) []string {
	if len(events) == 0 {
		return slices.Clone(knownEvents)
	}
	return slices.Compact(slices.Clone(events))
}

// webhooksCreate serves POST /v1/webhooks: an https URL, at most 100 webhooks.
func (s *Server) webhooksCreate(x *exchange) {
	var req webhookWrite
	if !decodeChecked(x, &req, true) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.db.webhooks) >= s.cfg.webhookLimit {
		x.badRequest(fmt.Sprintf("Company reached their maximum Webhooks count (%d)", s.cfg.webhookLimit))
		return
	}
	owner := ""
	if x.cred.bearer {
		owner = x.cred.key
	}
	name := "Webhook"
	if req.CustomName != nil && strings.TrimSpace(*req.CustomName) != "" {
		name = strings.TrimSpace(*req.CustomName)
	}
	wh := s.db.addWebhook(*req.URL, name, eventsOrAll(req.Events), owner, s.now())
	webhooksCRUD.answer(s, x, http.StatusCreated, wh)
}

// addWebhook registers an active webhook with a fresh token.
func (db *state) addWebhook(rawURL, name string, events []string, owner string, now time.Time) *webhook {
	wh := &webhook{
		id: db.next(kindWebhook), uuid: newUUID(), createdAt: now, customName: name, url: rawURL,
		active: true, token: randomHex(10), events: events, ownerToken: owner,
	}
	db.webhooks = append(db.webhooks, wh)
	return wh
}

// webhooksUpdate serves PUT /v1/webhooks/:id. Without events the webhook is
// subscribed to all events again, as the real API does.
func (s *Server) webhooksUpdate(x *exchange) {
	var req webhookWrite
	if !decodeChecked(x, &req, false) {
		return
	}
	webhooksCRUD.with(s, x, func(wh *webhook) {
		if req.URL != nil {
			wh.url = *req.URL
		}
		if req.CustomName != nil {
			wh.customName = *req.CustomName
		}
		wh.events = eventsOrAll(req.Events)
		if req.Active != nil {
			wh.active = *req.Active
		}
		webhooksCRUD.answer(s, x, http.StatusOK, wh)
	})
}

// dropWebhook deletes wh. s.mu held.
func (s *Server) dropWebhook(wh *webhook) {
	s.db.webhooks = slices.DeleteFunc(s.db.webhooks, func(w *webhook) bool { return w == wh })
}
