package aircalltest

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/aircall-go/aircall"
)

// AgentCall is an outbound call an AI Voice Agent was asked to place.
type AgentCall struct {
	// AgentID is the agent of the request path.
	AgentID string
	// Request is what was asked.
	Request aircall.OutboundAgentCallRequest
	// ID is the id the fake answered; the status it answered is always PENDING.
	ID string
	// At is when it was asked, on the fake's clock.
	At time.Time
}

// AgentCalls returns the AI Voice Agent calls requested so far, oldest first.
func (s *Server) AgentCalls() []AgentCall {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.db.agentCalls)
}

// crockford is the alphabet of ULIDs.
const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// newULID returns a ULID-shaped id: 10 characters of time, 16 of randomness.
func newULID(t time.Time) string {
	var b strings.Builder
	ms := uint64(t.UnixMilli())
	for i := 9; i >= 0; i-- {
		b.WriteByte(crockford[(ms>>(5*uint(i)))&31])
	}
	for _, c := range randomHex(8) {
		b.WriteByte(crockford[(int(c)*7)&31])
	}
	return b.String()
}

// agentCall serves POST /v1/outbound-calls/agents/:agent_id: 202 PENDING, 409
// when the idempotency key was used before.
func (s *Server) agentCall(x *exchange) {
	var req struct {
		ContactPhone      string         `json:"contact_phone"`
		IdempotencyKey    string         `json:"idempotency_key"`
		Context           map[string]any `json:"context"`
		ExpirationSeconds *int           `json:"expiration_seconds"`
	}
	if !x.decode(&req) {
		return
	}
	switch {
	case !aircall.IsE164(req.ContactPhone):
		x.badRequest("contact_phone must be a phone number in E.164 format")
		return
	case strings.TrimSpace(req.IdempotencyKey) == "":
		x.badRequest("idempotency_key is a mandatory field")
		return
	case req.ExpirationSeconds != nil && (*req.ExpirationSeconds < 60 || *req.ExpirationSeconds > 86400):
		x.badRequest("expiration_seconds must be between 60 and 86400")
		return
	}
	agent := x.param("agent_id")
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db.agentKeys[req.IdempotencyKey] {
		x.fail(http.StatusConflict, "idempotency_key "+req.IdempotencyKey+" was already used")
		return
	}
	s.db.agentKeys[req.IdempotencyKey] = true
	now := s.now()
	id := newULID(now)
	ctxCopy := map[string]any{}
	if b, err := json.Marshal(req.Context); err == nil {
		_ = json.Unmarshal(b, &ctxCopy)
	}
	ac := AgentCall{AgentID: agent, ID: id, At: now, Request: aircall.OutboundAgentCallRequest{
		ContactPhone: req.ContactPhone, IdempotencyKey: req.IdempotencyKey, Context: ctxCopy, ExpirationSeconds: req.ExpirationSeconds,
	}}
	s.db.agentCalls = append(s.db.agentCalls, ac)
	s.progressAgentCall(ac)
	x.json(http.StatusAccepted, struct {
		ID             string `json:"id"`
		IdempotencyKey string `json:"idempotency_key"`
		Status         string `json:"status"`
		VirtualAgentID string `json:"virtual_agent_id"`
	}{id, req.IdempotencyKey, "PENDING", agent})
}
