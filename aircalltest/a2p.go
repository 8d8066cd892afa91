package aircalltest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/aircall-go/aircall"
)

// a2pAssociation associates Aircall numbers with a 10DLC campaign.
type a2pAssociation struct {
	id                   int64
	externalID           string
	numbers              []string // E.164 digits without "+"
	createdAt, updatedAt time.Time
}

func a2pKey(a *a2pAssociation) (time.Time, int64) { return a.createdAt, a.id }

type wireA2P struct {
	ID            int64         `json:"id"`
	CompanyID     int64         `json:"company_id"`
	ExternalID    string        `json:"external_id"`
	UpdateStatus  string        `json:"update_status"`
	UpdateMessage *string       `json:"update_message"`
	CreatedAt     string        `json:"created_at"`
	UpdatedAt     string        `json:"updated_at"`
	Numbers       []json.Number `json:"numbers"` // documented as strings, shown (and sent) as integers
}

// a2pWire encodes a; the background update is pending for a few seconds on
// the fake's clock after each change, then done.
func (s *Server) a2pWire(a *a2pAssociation) wireA2P {
	status := "done"
	if s.now().Before(a.updatedAt.Add(s.cfg.a2pDelay)) {
		status = "pending"
	}
	nums := make([]json.Number, len(a.numbers))
	for i, n := range a.numbers {
		nums[i] = json.Number(n)
	}
	return wireA2P{
		ID: a.id, CompanyID: companyID, ExternalID: a.externalID, UpdateStatus: status,
		CreatedAt: isoTime(a.createdAt), UpdatedAt: isoTime(a.updatedAt), Numbers: nums,
	}
}

// a2pNumbers reads numbers sent as strings or integers; it returns a
// troubleshoot message for invalid ones.
func a2pNumbers(raw []json.RawMessage) ([]string, string) {
	if len(raw) == 0 {
		return nil, "numbers is a mandatory field"
	}
	out := make([]string, 0, len(raw))
	for _, r := range raw {
		var v string
		if json.Unmarshal(r, &v) != nil {
			var n json.Number
			if json.Unmarshal(r, &n) != nil {
				return nil, "numbers must be e.164 numbers without the + prefix"
			}
			v = n.String()
		}
		v = strings.TrimSpace(v)
		if !aircall.IsE164("+" + v) {
			return nil, fmt.Sprintf("numbers must be e.164 numbers without the + prefix, got %q", v)
		}
		out = append(out, v)
	}
	return slices.Compact(out), ""
}

// a2pConflict returns a troubleshoot message when one of numbers is already
// associated to another campaign than self.
func (db *state) a2pConflict(numbers []string, self int64) string {
	for _, a := range db.a2p {
		if a.id == self {
			continue
		}
		for _, n := range numbers {
			if slices.Contains(a.numbers, n) {
				return fmt.Sprintf("Number %s is already associated to campaign %s", n, a.externalID)
			}
		}
	}
	return ""
}

// a2pCRUD serves the A2P campaign association endpoints.
var a2pCRUD = crud[a2pAssociation]{
	what: "A2P campaign association", one: "a2p_campaign_association", many: "a2p_campaign_associations",
	all:  func(s *Server, _ *exchange) []*a2pAssociation { return values(s.db.a2p, a2pKey) },
	find: func(s *Server, x *exchange) *a2pAssociation { return byID(s.db.a2p, x) },
	wire: func(s *Server, a *a2pAssociation) any { return s.a2pWire(a) },
}

// a2pCreate serves POST /v1/a2p_campaign_associations.
func (s *Server) a2pCreate(x *exchange) {
	var req struct {
		ExternalCampaignID string            `json:"external_campaign_id"`
		Numbers            []json.RawMessage `json:"numbers"`
	}
	if !x.decode(&req) {
		return
	}
	if strings.TrimSpace(req.ExternalCampaignID) == "" {
		x.badRequest("external_campaign_id is a mandatory field")
		return
	}
	numbers, msg := a2pNumbers(req.Numbers)
	if msg != "" {
		x.badRequest(msg)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, a := range s.db.a2p {
		if a.externalID == req.ExternalCampaignID {
			x.badRequest("Campaign " + req.ExternalCampaignID + " is already associated")
			return
		}
	}
	if msg := s.db.a2pConflict(numbers, 0); msg != "" {
		x.badRequest(msg)
		return
	}
	now := s.now()
	a := &a2pAssociation{id: s.db.next(kindA2P), externalID: req.ExternalCampaignID, numbers: numbers, createdAt: now, updatedAt: now}
	s.db.a2p[a.id] = a
	a2pCRUD.answer(s, x, http.StatusCreated, a)
}

// a2pUpdate serves PUT /v1/a2p_campaign_associations/:id: numbers are replaced.
func (s *Server) a2pUpdate(x *exchange) {
	var req struct {
		Numbers []json.RawMessage `json:"numbers"`
	}
	if !x.decode(&req) {
		return
	}
	numbers, msg := a2pNumbers(req.Numbers)
	if msg != "" {
		x.badRequest(msg)
		return
	}
	a2pCRUD.with(s, x, func(a *a2pAssociation) {
		if msg := s.db.a2pConflict(numbers, a.id); msg != "" {
			x.badRequest(msg)
			return
		}
		a.numbers, a.updatedAt = numbers, s.now()
		a2pCRUD.answer(s, x, http.StatusOK, a)
	})
}
