package aircalltest

import (
	"encoding/json"
	"maps"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/aircall-go/aircall"
)

const maxWhatsAppText = 4096

// waStatus is the health of a WhatsApp line.
type waStatus struct {
	wabaID, status, canSend, tier, quality, verification string
}

// defaultWhatsAppStatus is the health of every line unless seeded otherwise.
var defaultWhatsAppStatus = waStatus{
	wabaID: "123456789", status: "ONLINE", canSend: "AVAILABLE", tier: "TIER_1K", quality: "GREEN", verification: "VERIFIED",
}

// SetWhatsAppStatus sets the line health GET /v1/numbers/:id/whatsapp_status
// answers for a number (by default ONLINE, able to send, TIER_1K, GREEN,
// VERIFIED). A line OFFLINE or BLOCKED, or whose CanSendMessage is BLOCKED,
// refuses proxy sends. Empty fields keep the default.
func (s *Server) SetWhatsAppStatus(numberID int64, st aircall.WhatsAppStatus) {
	v := defaultWhatsAppStatus
	set := func(dst *string, src string) {
		if src != "" {
			*dst = src
		}
	}
	set(&v.wabaID, st.WABAID)
	set(&v.status, string(st.Status))
	set(&v.canSend, string(st.CanSendMessage))
	set(&v.tier, string(st.MessagingLimitTier))
	set(&v.quality, string(st.QualityRating))
	set(&v.verification, string(st.BusinessVerificationStatus))
	s.mu.Lock()
	defer s.mu.Unlock()
	s.db.waStatus[numberID] = &v
}

func (db *state) whatsAppStatus(numberID int64) waStatus {
	if st := db.waStatus[numberID]; st != nil {
		return *st
	}
	return defaultWhatsAppStatus
}

// whatsappStatus serves GET /v1/numbers/:id/whatsapp_status (camelCase keys;
// canSendMessage is true when AVAILABLE, else the status string).
func (s *Server) whatsappStatus(x *exchange) {
	s.withConfig(x, func(id int64, _ *msgConfig) {
		st := s.db.whatsAppStatus(id)
		var canSend any = st.canSend
		if st.canSend == "AVAILABLE" {
			canSend = true
		}
		x.json(http.StatusOK, struct {
			WABAID                     string `json:"wabaId"`
			Status                     string `json:"status"`
			CanSendMessage             any    `json:"canSendMessage"`
			MessagingLimitTier         string `json:"messagingLimitTier"`
			QualityRating              string `json:"qualityRating"`
			BusinessVerificationStatus string `json:"businessVerificationStatus"`
		}{st.wabaID, st.status, canSend, st.tier, st.quality, st.verification})
	})
}

// waTemplate is a WhatsApp template of a line.
type waTemplate struct {
	id                                 int64
	wabaID, name, category, status, lg string
	extra                              map[string]json.RawMessage
}

// AddWhatsAppTemplate adds a template to a WhatsApp line (GET
// /v1/numbers/:id/templates) and returns it with its id. Only APPROVED
// templates can be sent. Extra fields are served as they are.
func (s *Server) AddWhatsAppTemplate(numberID int64, t aircall.WhatsAppTemplate) *aircall.WhatsAppTemplate {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec := &waTemplate{
		id: s.db.claim(kindWhatsAppTemplate, t.ID), wabaID: t.WABAID, name: t.Name, category: string(t.Category),
		status: string(t.Status), lg: t.Language, extra: maps.Clone(t.Extra),
	}
	if rec.wabaID == "" {
		rec.wabaID = s.db.whatsAppStatus(numberID).wabaID
	}
	if rec.status == "" {
		rec.status = "APPROVED"
	}
	s.db.waTemplates[numberID] = append(s.db.waTemplates[numberID], rec)
	return decodeAs[aircall.WhatsAppTemplate](waTemplateWire(rec))
}

func waTemplateWire(t *waTemplate) map[string]any {
	w := map[string]any{}
	for k, v := range t.extra {
		w[k] = v
	}
	w["id"], w["wabaId"], w["name"], w["category"], w["status"], w["language"] = t.id, t.wabaID, t.name, t.category, t.status, t.lg
	return w
}

// whatsappTemplates serves GET /v1/numbers/:id/templates: filters status and
// category, cursor pagination with token (an offset) and limit (default 10),
// and a pageInfo block instead of meta.
func (s *Server) whatsappTemplates(x *exchange) {
	v := x.r.URL.Query()
	offset, limit := 0, 10
	for _, p := range []struct {
		name string
		dst  *int
		min  int
	}{{"token", &offset, 0}, {"limit", &limit, 1}} {
		if raw := v.Get(p.name); raw != "" {
			n, err := strconv.Atoi(raw)
			if err != nil || n < p.min || n > 100 && p.name == "limit" {
				x.badRequest(p.name + " must be a number (limit: 1 to 100)")
				return
			}
			*p.dst = n
		}
	}
	status, category := strings.ToUpper(v.Get("status")), strings.ToUpper(v.Get("category"))
	s.withConfig(x, func(id int64, _ *msgConfig) {
		var all []*waTemplate
		for _, t := range s.db.waTemplates[id] {
			if (status == "" || t.status == status) && (category == "" || t.category == category) {
				all = append(all, t)
			}
		}
		items := []map[string]any{}
		for i := offset; i < min(offset+limit, len(all)); i++ {
			items = append(items, waTemplateWire(all[i]))
		}
		var next *int
		if offset+limit < len(all) {
			n := offset + limit
			next = &n
		}
		x.json(http.StatusOK, map[string]any{
			"templates": items,
			"pageInfo":  map[string]any{"currentToken": offset, "nextToken": next, "totalCount": len(all)},
		})
	})
}

// waSendRequest is the body of both WhatsApp sends: "to" for proxy sends,
// "externalNumber" for native sends.
type waSendRequest struct {
	LineID         int64  `json:"lineId"`
	To             string `json:"to"`
	ExternalNumber string `json:"externalNumber"`
	Text           string `json:"text"`
	Template       *struct {
		ID   string `json:"id"`
		Body []struct {
			Key   string `json:"key"`
			Value string `json:"value"`
		} `json:"body"`
	} `json:"templateParams"`
}

// whatsappSend serves POST /v1/messages/whatsapp/send (proxy: the line must
// be registered) and /v1/messages/send/whatsapp/native (native: it must not).
func (s *Server) whatsappSend(native bool) func(*exchange) {
	return func(x *exchange) {
		var req waSendRequest
		if !x.decode(&req) {
			return
		}
		to, field := req.To, "to"
		if native {
			to, field = req.ExternalNumber, "externalNumber"
		}
		switch {
		case req.LineID <= 0:
			x.badRequest("lineId is a mandatory field")
			return
		case !aircall.IsE164(to):
			x.badRequest(field + " must be a phone number in E.164 format")
			return
		case (req.Text != "") == (req.Template != nil):
			x.badRequest("Provide exactly one of text or templateParams")
			return
		case utf8.RuneCountInString(req.Text) > maxWhatsAppText:
			x.badRequest("text must be at most 4096 characters")
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.db.numbers[req.LineID] == nil {
			x.notFound("Line")
			return
		}
		c := s.db.msgConfigs[req.LineID]
		registered := c != nil && c.typ == "whatsapp"
		st := s.db.whatsAppStatus(req.LineID)
		switch {
		case !native && !registered:
			x.badRequest("line not configured: register the line for the WhatsApp Public API with the configuration endpoint first")
			return
		case native && registered:
			x.badRequest("Line is registered for proxy sends (skipping inbox): delete its configuration to send in agent conversations")
			return
		case st.status == "OFFLINE" || st.status == "BLOCKED" || st.canSend == "BLOCKED":
			x.badRequest("line OFFLINE or BLOCKED: check the line health endpoint")
			return
		}
		templateID := ""
		if req.Template != nil {
			templateID = req.Template.ID
			approved := false
			for _, t := range s.db.waTemplates[req.LineID] {
				approved = approved || (strconv.FormatInt(t.id, 10) == templateID && t.status == "APPROVED")
			}
			if !approved {
				x.badRequest("template not approved: template " + templateID + " is not an APPROVED template of this line")
				return
			}
		}
		m := s.record(SentMessage{ID: "WA" + randomHex(16), NumberID: req.LineID, Channel: "whatsapp", Native: native,
			To: []string{to}, Body: req.Text, TemplateID: templateID})
		if native {
			s.emit(aircall.ResourceMessage, aircall.EventMessageSent, s.messageWire(m, true))
		} else {
			s.proxyWhatsAppSent(m)
		}
		w := s.messageWire(m, false)
		w.Channel = json.RawMessage(`"whatsapp"`)
		x.json(http.StatusOK, w)
	}
}
