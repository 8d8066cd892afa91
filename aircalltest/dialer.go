package aircalltest

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aircall-go/aircall"
)

// dialer is the active Dialer Campaign of a user.
type dialer struct {
	id        int64
	numberID  int64 // 0: not associated to a Number (null)
	createdAt time.Time
	phones    []dialerPhone
}

type dialerPhone struct {
	id        int64
	number    string
	called    bool
	createdAt time.Time
}

type wireDialerPhone struct {
	ID        int64  `json:"id"`
	Number    string `json:"number"`
	Called    bool   `json:"called"`
	CreatedAt string `json:"created_at"`
}

// withDialer runs fn with the user of :user_id and its campaign (nil when
// it has none) under the lock, or answers 404 for an unknown user.
func (s *Server) withDialer(x *exchange, fn func(userID int64, d *dialer)) {
	userID, ok := x.id("user_id", "User")
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db.users[userID] == nil {
		x.notFound("User")
		return
	}
	fn(userID, s.db.dialers[userID])
}

func noCampaign(x *exchange) { x.fail(http.StatusNotFound, "User has no active campaign.") }

// dialerPhones reads {"phone_numbers": [...]} and keeps the valid ones,
// answering 422 when none is.
func dialerPhones(x *exchange) ([]string, bool) {
	var req struct {
		PhoneNumbers []string `json:"phone_numbers"`
	}
	if !x.decode(&req) {
		return nil, false
	}
	var valid []string
	for _, p := range req.PhoneNumbers {
		if p = strings.TrimSpace(p); aircall.IsE164(p) {
			valid = append(valid, p)
		}
	}
	if len(valid) == 0 {
		x.unprocessable("Must include at least one valid phone number.")
		return nil, false
	}
	return valid, true
}

func (s *Server) addDialerPhones(d *dialer, phones []string) {
	now := s.now()
	for _, p := range phones {
		d.phones = append(d.phones, dialerPhone{id: s.db.next(kindDialerNumber), number: p, createdAt: now})
	}
}

// dialerGet serves GET /v1/users/:user_id/dialer_campaign (no envelope).
func (s *Server) dialerGet(x *exchange) {
	s.withDialer(x, func(_ int64, d *dialer) {
		if d == nil {
			noCampaign(x)
			return
		}
		var numberID *string
		if d.numberID != 0 {
			v := strconv.FormatInt(d.numberID, 10)
			numberID = &v
		}
		x.json(http.StatusOK, struct {
			ID        int64   `json:"id"`
			NumberID  *string `json:"number_id"`
			CreatedAt string  `json:"created_at"`
		}{d.id, numberID, isoTime(d.createdAt)})
	})
}

// dialerCreate serves POST /v1/users/:user_id/dialer_campaign: one active
// campaign per user.
func (s *Server) dialerCreate(x *exchange) {
	phones, ok := dialerPhones(x)
	if !ok {
		return
	}
	s.withDialer(x, func(userID int64, d *dialer) {
		if d != nil {
			x.unprocessable("User already has an active Dialer Campaign.")
			return
		}
		d = &dialer{id: s.db.next(kindDialer), createdAt: s.now()}
		s.addDialerPhones(d, phones)
		s.db.dialers[userID] = d
		x.empty(http.StatusNoContent)
	})
}

// dialerDelete serves DELETE /v1/users/:user_id/dialer_campaign.
func (s *Server) dialerDelete(x *exchange) {
	s.withDialer(x, func(userID int64, d *dialer) {
		if d == nil {
			noCampaign(x)
			return
		}
		delete(s.db.dialers, userID)
		x.empty(http.StatusNoContent)
	})
}

// dialerPhonesList serves GET /v1/users/:user_id/dialer_campaign/phone_numbers.
func (s *Server) dialerPhonesList(x *exchange) {
	s.withDialer(x, func(_ int64, d *dialer) {
		if d == nil {
			noCampaign(x)
			return
		}
		items := make([]wireDialerPhone, 0, len(d.phones))
		for _, p := range d.phones {
			items = append(items, wireDialerPhone{p.id, p.number, p.called, isoTime(p.createdAt)})
		}
		x.json(http.StatusOK, map[string]any{"numbers": items})
	})
}

// dialerPhonesAdd serves POST /v1/users/:user_id/dialer_campaign/phone_numbers.
func (s *Server) dialerPhonesAdd(x *exchange) {
	phones, ok := dialerPhones(x)
	if !ok {
		return
	}
	s.withDialer(x, func(_ int64, d *dialer) {
		if d == nil {
			noCampaign(x)
			return
		}
		s.addDialerPhones(d, phones)
		x.empty(http.StatusNoContent)
	})
}

// dialerPhonesDelete serves DELETE /v1/users/:user_id/dialer_campaign/phone_numbers/:id.
func (s *Server) dialerPhonesDelete(x *exchange) {
	id, ok := x.id("id", "Phone number")
	if !ok {
		return
	}
	s.withDialer(x, func(_ int64, d *dialer) {
		if d == nil {
			noCampaign(x)
			return
		}
		i := slices.IndexFunc(d.phones, func(p dialerPhone) bool { return p.id == id })
		if i < 0 {
			x.notFound("Phone number")
			return
		}
		d.phones = slices.Delete(d.phones, i, i+1)
		x.empty(http.StatusNoContent)
	})
}
