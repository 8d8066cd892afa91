package aircalltest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aircall-go/aircall"
)

const maxSMSBody = 1600

// msgConfig is a number's Messaging API configuration ("send message" or
// proxy mode; type "whatsapp" for a registered WhatsApp line).
type msgConfig struct {
	callbackURL string
	typ         string
	token       string
}

// SentMessage is a message sent through one of the messaging endpoints.
type SentMessage struct {
	// ID is the message id (for a group send, the group_message_id).
	ID string
	// NumberID is the Aircall number (or WhatsApp line) it was sent from.
	NumberID int64
	// Channel is "sms" or "whatsapp".
	Channel string
	// Native is true for sends in an agent conversation, false for proxy
	// (send message, skipping inbox) sends.
	Native bool
	// To lists the recipients (several for a group send).
	To []string
	// Body is the text.
	Body string
	// MediaURLs are the media of an MMS.
	MediaURLs []string
	// TemplateID is the WhatsApp template sent, if any.
	TemplateID string
	// AgentID is the user the native send was made for, if any.
	AgentID int64
	// At is when it was sent, on the fake's clock.
	At time.Time
}

// SentMessages returns the messages sent through the API, oldest first.
func (s *Server) SentMessages() []SentMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]SentMessage, len(s.db.messages))
	for i, m := range s.db.messages {
		out[i] = m.SentMessage
		out[i].To = slices.Clone(m.To)
		out[i].MediaURLs = slices.Clone(m.MediaURLs)
	}
	return out
}

// message is a sent message as the fake keeps it.
type message struct {
	SentMessage
	createdAt int64 // unix milliseconds
}

type wireMessage struct {
	ID             string          `json:"id"`
	Status         string          `json:"status"`
	DirectLink     string          `json:"direct_link"`
	Direction      string          `json:"direction"`
	CreatedAt      int64           `json:"created_at"`
	SentAt         int64           `json:"sent_at"`
	UpdatedAt      int64           `json:"updated_at"`
	RawDigits      string          `json:"raw_digits"`
	ExternalNumber string          `json:"external_number,omitempty"`
	Body           string          `json:"body,omitempty"`
	MediaURL       []string        `json:"media_url,omitempty"`
	Channel        json.RawMessage `json:"channel,omitempty"`
	Number         *wireNumber     `json:"number"`
}

// messageWire encodes m as a send answers it; asEvent adds what webhook
// payloads carry (external_number, channel).
func (s *Server) messageWire(m *message, asEvent bool) wireMessage {
	w := wireMessage{
		ID: m.ID, Status: "pending", DirectLink: s.link("v1/numbers/%d/messages/%s", m.NumberID, m.ID),
		Direction: "outbound", CreatedAt: m.createdAt, SentAt: m.createdAt, UpdatedAt: m.createdAt,
		RawDigits: digitsOf(m.To[0]), Body: m.Body, MediaURL: m.MediaURLs, Number: s.numberWireRef(m.NumberID),
	}
	if asEvent {
		w.ExternalNumber = m.To[0]
		w.Channel = json.RawMessage(`null`)
		if m.Channel == "whatsapp" {
			w.Channel = json.RawMessage(`"whatsapp"`)
		}
	}
	return w
}

// record stores a sent message. Callers hold s.mu.
func (s *Server) record(m SentMessage) *message {
	now := s.now()
	m.At = now
	msg := &message{SentMessage: m, createdAt: now.UnixMilli()}
	s.db.messages = append(s.db.messages, msg)
	return msg
}

// messagingConfigure serves POST /v1/numbers/:id/messages/configuration
// (also how WhatsApp.RegisterLine registers a line, with type "whatsapp").
func (s *Server) messagingConfigure(x *exchange) {
	id, ok := x.id("id", "Number")
	if !ok {
		return
	}
	var req struct {
		CallbackURL string  `json:"callbackUrl"`
		Type        *string `json:"type"`
	}
	if !x.decode(&req) {
		return
	}
	if !isPublicURL(req.CallbackURL) {
		x.badRequest("callbackUrl must be a valid URL")
		return
	}
	typ := ""
	if req.Type != nil && *req.Type != "" {
		if *req.Type != "whatsapp" {
			x.badRequest("type must be whatsapp, or omitted for SMS and MMS")
			return
		}
		typ = *req.Type
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db.numbers[id] == nil {
		x.notFound("Number")
		return
	}
	cfg := &msgConfig{callbackURL: req.CallbackURL, typ: typ, token: randomHex(16)}
	s.db.msgConfigs[id] = cfg
	x.json(http.StatusCreated, configWire(cfg))
}

func configWire(c *msgConfig) any {
	return struct {
		CallbackURL string  `json:"callbackUrl"`
		Type        *string `json:"type"`
		Token       string  `json:"token"`
	}{c.callbackURL, nullString(c.typ), c.token}
}

// withConfig runs fn with the number of :id and its configuration (nil when
// there is none) under the lock, or answers 404 for an unknown number.
func (s *Server) withConfig(x *exchange, fn func(numberID int64, c *msgConfig)) {
	id, ok := x.id("id", "Number")
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db.numbers[id] == nil {
		x.notFound("Number")
		return
	}
	fn(id, s.db.msgConfigs[id])
}

// messagingConfiguration serves GET /v1/numbers/:id/messages/configuration.
func (s *Server) messagingConfiguration(x *exchange) {
	s.withConfig(x, func(_ int64, c *msgConfig) {
		if c == nil {
			x.fail(http.StatusNotFound, "Number is not configured for the Messaging API")
			return
		}
		x.json(http.StatusOK, configWire(c))
	})
}

// messagingUnconfigure serves DELETE /v1/numbers/:id/messages/configuration.
func (s *Server) messagingUnconfigure(x *exchange) {
	s.withConfig(x, func(id int64, c *msgConfig) {
		if c == nil {
			x.fail(http.StatusNotFound, "Number is not configured for the Messaging API")
			return
		}
		delete(s.db.msgConfigs, id)
		x.empty(http.StatusNoContent)
	})
}

// smsRequest is the body of the SMS/MMS sends. The media list is accepted
// under both names seen in the wild.
type smsRequest struct {
	To           string   `json:"to"`
	Participants []string `json:"participants"`
	Body         string   `json:"body"`
	MediaURL     []string `json:"mediaUrl"`
	MediaURLAlt  []string `json:"media_url"`
	AgentID      *int64   `json:"agentId"`
}

func (r *smsRequest) media() []string { return append(slices.Clone(r.MediaURL), r.MediaURLAlt...) }

// checkText validates a body and media list; it returns a troubleshoot message or "".
func checkText(body string, media []string) string {
	switch {
	case strings.TrimSpace(body) == "" && len(media) == 0:
		return "body is a mandatory field (or mediaUrl for an MMS)"
	case utf8.RuneCountInString(body) > maxSMSBody:
		return fmt.Sprintf("body must be at most %d characters", maxSMSBody)
	}
	for _, u := range media {
		if !isPublicURL(u) {
			return "mediaUrl must hold public URLs, got " + u
		}
	}
	return ""
}

// messagingSend serves POST /v1/numbers/:id/messages/send (proxy mode,
// native false) and /messages/native/send (agent conversation, native
// true). Proxy sends need the number configured; native sends need it not
// to be, and fire the message.sent webhook.
func (s *Server) messagingSend(native bool) func(*exchange) {
	return func(x *exchange) {
		var req smsRequest
		if !x.decode(&req) {
			return
		}
		if !aircall.IsE164(req.To) {
			x.badRequest("to must be a phone number in E.164 format")
			return
		}
		media := req.media()
		if msg := checkText(req.Body, media); msg != "" {
			x.badRequest(msg)
			return
		}
		s.withConfig(x, func(id int64, c *msgConfig) {
			if !s.sendModeOK(x, native, c) || !s.agentOK(x, native, req.AgentID) {
				return
			}
			m := s.record(SentMessage{ID: "SM" + randomHex(16), NumberID: id, Channel: "sms", Native: native,
				To: []string{req.To}, Body: req.Body, MediaURLs: media, AgentID: deref(req.AgentID)})
			if native {
				s.emit(aircall.ResourceMessage, aircall.EventMessageSent, s.messageWire(m, true))
			}
			x.json(http.StatusOK, s.messageWire(m, false))
		})
	}
}

func deref(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

// sendModeOK answers 400 when a proxy send is made on a number without an
// SMS configuration, or a native send on a configured one.
func (s *Server) sendModeOK(x *exchange, native bool, c *msgConfig) bool {
	configured := c != nil && c.typ == ""
	switch {
	case native && configured:
		x.badRequest("Number is configured for the Messaging API (send message mode): delete its configuration to send in agent conversations")
		return false
	case !native && !configured:
		x.badRequest("Number is not configured for the Messaging API: POST /v1/numbers/:id/messages/configuration first")
		return false
	}
	return true
}

// agentOK checks agentId: native sends only, and a user of the company.
func (s *Server) agentOK(x *exchange, native bool, agentID *int64) bool {
	switch {
	case agentID == nil:
		return true
	case !native:
		x.badRequest("agentId is only accepted in agent conversation sends")
		return false
	case s.db.users[*agentID] == nil:
		x.badRequest("agentId is not a user of the company")
		return false
	}
	return true
}

// messagingGroupSend serves POST /v1/numbers/:id/messages/group/send and
// /group/native/send.
func (s *Server) messagingGroupSend(native bool) func(*exchange) {
	return func(x *exchange) {
		var req smsRequest
		if !x.decode(&req) {
			return
		}
		if len(req.Participants) < 2 {
			x.badRequest("participants must hold at least 2 phone numbers")
			return
		}
		for i, p := range req.Participants {
			if !aircall.IsE164(p) || slices.Contains(req.Participants[:i], p) {
				x.badRequest("participants must be distinct phone numbers in E.164 format")
				return
			}
		}
		media := req.media()
		switch {
		case strings.TrimSpace(req.Body) != "" && len(media) > 0:
			x.badRequest("A group message takes text or media, not both")
			return
		case native && len(media) > 0:
			x.badRequest("Group messages in agent conversations are text only")
			return
		}
		if msg := checkText(req.Body, media); msg != "" {
			x.badRequest(msg)
			return
		}
		s.withConfig(x, func(id int64, c *msgConfig) {
			if !s.sendModeOK(x, native, c) || !s.agentOK(x, native, req.AgentID) {
				return
			}
			m := s.record(SentMessage{ID: newUUID(), NumberID: id, Channel: "sms", Native: native,
				To: slices.Clone(req.Participants), Body: req.Body, MediaURLs: media, AgentID: deref(req.AgentID)})
			w := struct {
				GroupMessageID      string      `json:"group_message_id"`
				Status              string      `json:"status"`
				DirectLink          string      `json:"direct_link"`
				Direction           string      `json:"direction"`
				CreatedAt           int64       `json:"created_at"`
				SentAt              int64       `json:"sent_at"`
				UpdatedAt           int64       `json:"updated_at"`
				GroupConversationID string      `json:"group_conversation_id"`
				Participants        []string    `json:"participants"`
				MediaURL            []string    `json:"media_url"`
				Body                string      `json:"body"`
				Number              *wireNumber `json:"number"`
			}{m.ID, "pending", s.link("v1/numbers/%d/messages/%s", id, m.ID), "outbound", m.createdAt, m.createdAt,
				m.createdAt, newUUID(), m.To, append([]string{}, media...), m.Body, s.numberWireRef(id)}
			if native {
				s.emit(aircall.ResourceMessage, aircall.EventGroupMessageSent, w)
			}
			x.json(http.StatusOK, w)
		})
	}
}

// smsTemplate is an SMS template of the company.
type smsTemplate struct {
	id   int64
	name string
	body string
}

// AddSMSTemplate adds an SMS template (GET /v1/sms/templates) and returns it
// with its id.
func (s *Server) AddSMSTemplate(t aircall.SMSTemplate) *aircall.SMSTemplate {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec := &smsTemplate{id: s.db.claim(kindSMSTemplate, t.ID), name: t.Name, body: t.Body}
	s.db.smsTemplates = append(s.db.smsTemplates, rec)
	t.ID = rec.id
	return &t
}

// smsTemplates serves GET /v1/sms/templates: per_page up to 100, search
// over name and body.
func (s *Server) smsTemplates(x *exchange) {
	q, ok := x.listQuery(listOpts{maxPerPage: 100})
	if !ok {
		return
	}
	search := strings.ToLower(strings.TrimSpace(x.r.URL.Query().Get("search")))
	type item struct {
		ID   int64  `json:"id"`
		Name string `json:"name"`
		Body string `json:"body"`
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var all []*smsTemplate
	for _, t := range s.db.smsTemplates {
		if search == "" || strings.Contains(strings.ToLower(t.name+" "+t.body), search) {
			all = append(all, t)
		}
	}
	items := make([]item, 0, q.perPage)
	for _, t := range window(all, q, 0) {
		items = append(items, item{t.id, t.name, t.body})
	}
	x.page("templates", items, q, len(items), len(all))
}
