package aircalltest

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/aircall-go/aircall"
)

// number is an Aircall Number (a phone line) of the fake company.
type number struct {
	id            int64
	name          string
	digits        string
	createdAt     time.Time
	country       string
	timeZone      string
	open          bool
	status        string // open, custom or closed
	isIVR         bool
	liveRecording bool
	priority      *int
	messages      numberMessages
	userIDs       []int64
	flowEditor    bool
}

func numberKey(n *number) (time.Time, int64) { return n.createdAt, n.id }

// numberMessages are the Music & Messages URLs of a number.
type numberMessages struct {
	Welcome        *string `json:"welcome"`
	Waiting        *string `json:"waiting"`
	IVR            *string `json:"ivr"`
	Voicemail      *string `json:"voicemail"`
	Closed         *string `json:"closed"`
	CallbackLater  *string `json:"callback_later"`
	UnansweredCall *string `json:"unanswered_call"`
	AfterHours     *string `json:"after_hours"`
	RingingTone    *string `json:"ringing_tone"`
}

// fields lists the messages by wire name, for updates.
func (m *numberMessages) fields() map[string]**string {
	return map[string]**string{
		"welcome": &m.Welcome, "waiting": &m.Waiting, "ivr": &m.IVR, "voicemail": &m.Voicemail,
		"closed": &m.Closed, "callback_later": &m.CallbackLater, "unanswered_call": &m.UnansweredCall,
		"after_hours": &m.AfterHours, "ringing_tone": &m.RingingTone,
	}
}

// numberShape says which attributes a Number carries where it appears.
type numberShape int

const (
	numberInList numberShape = iota // GET /v1/numbers: no users
	numberDetail                    // GET, PUT /v1/numbers/:id and events: with users
	numberNested                    // inside a user or a call
	numberV2                        // GET /v2/users/:id/numbers: with flow_editor_enabled
)

type wireNumber struct {
	ID                     int64          `json:"id"`
	DirectLink             string         `json:"direct_link"`
	Name                   string         `json:"name"`
	Digits                 string         `json:"digits"`
	CreatedAt              string         `json:"created_at"`
	Country                string         `json:"country"`
	TimeZone               string         `json:"time_zone"`
	Open                   bool           `json:"open"`
	AvailabilityStatus     string         `json:"availability_status"`
	IsIVR                  bool           `json:"is_ivr"`
	LiveRecordingActivated bool           `json:"live_recording_activated"`
	Priority               *int           `json:"priority"`
	Messages               numberMessages `json:"messages"`
	Users                  *[]wireUser    `json:"users,omitempty"`
	FlowEditorEnabled      *bool          `json:"flow_editor_enabled,omitempty"`
}

// numberWire encodes n in the given shape. Callers hold s.mu.
func (s *Server) numberWire(n *number, shape numberShape) wireNumber {
	w := wireNumber{
		ID: n.id, DirectLink: s.link("v1/numbers/%d", n.id), Name: n.name, Digits: n.digits,
		CreatedAt: isoTime(n.createdAt), Country: n.country, TimeZone: n.timeZone, Open: n.open,
		AvailabilityStatus: n.status, IsIVR: n.isIVR, LiveRecordingActivated: n.liveRecording,
		Priority: n.priority, Messages: n.messages,
	}
	switch shape {
	case numberDetail:
		users := []wireUser{}
		for _, id := range n.userIDs {
			if u := s.db.users[id]; u != nil {
				users = append(users, s.userWire(u, userInNumber))
			}
		}
		w.Users = &users
	case numberV2:
		w.FlowEditorEnabled = &n.flowEditor
	}
	return w
}

// numberWireRef encodes a nested number, or nil (JSON null).
func (s *Server) numberWireRef(id int64) *wireNumber {
	n := s.db.numbers[id]
	if n == nil {
		return nil
	}
	w := s.numberWire(n, numberNested)
	return &w
}

// numbersOf returns the numbers a user is assigned to, oldest first.
func (db *state) numbersOf(userID int64) []*number {
	var out []*number
	for _, n := range db.numbers {
		if slices.Contains(n.userIDs, userID) {
			out = append(out, n)
		}
	}
	byCreated(out, numberKey)
	return out
}

// numberIDs returns every number id, oldest number first.
func (db *state) numberIDs() []int64 {
	ids := []int64{}
	for _, n := range values(db.numbers, numberKey) {
		ids = append(ids, n.id)
	}
	return ids
}

// numbersList serves GET /v1/numbers.
func (s *Server) numbersList(x *exchange) {
	q, ok := x.listQuery(listOpts{window: true, order: true})
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	all := values(s.db.numbers, numberKey)
	all = slices.DeleteFunc(all, func(n *number) bool { return !q.in(n.createdAt) })
	if q.desc {
		slices.Reverse(all)
	}
	items := make([]wireNumber, 0, q.perPage)
	for _, n := range window(all, q, 0) {
		items = append(items, s.numberWire(n, numberInList))
	}
	x.page("numbers", items, q, len(items), len(all))
}

// numbersGet serves GET /v1/numbers/:id.
func (s *Server) numbersGet(x *exchange) {
	id, ok := x.id("id", "Number")
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	n := s.db.numbers[id]
	if n == nil {
		x.notFound("Number")
		return
	}
	x.json(http.StatusOK, map[string]any{"number": s.numberWire(n, numberDetail)})
}

// numbersUpdate serves PUT /v1/numbers/:id, Music & Messages included.
// Opening or closing the number sends number.opened or number.closed.
func (s *Server) numbersUpdate(x *exchange) {
	id, ok := x.id("id", "Number")
	if !ok {
		return
	}
	var req struct {
		Name                   json.RawMessage    `json:"name"`
		AvailabilityStatus     *string            `json:"availability_status"`
		IsIVR                  *bool              `json:"is_ivr"`
		LiveRecordingActivated *bool              `json:"live_recording_activated"`
		Priority               json.RawMessage    `json:"priority"`
		Messages               map[string]*string `json:"messages"`
	}
	if !x.decode(&req) {
		return
	}
	var name *string
	if req.Name != nil {
		if json.Unmarshal(req.Name, &name) != nil || name == nil || strings.TrimSpace(*name) == "" {
			x.badRequest("name can't be empty or null")
			return
		}
	}
	if st := req.AvailabilityStatus; st != nil && !slices.Contains([]string{"open", "custom", "closed"}, *st) {
		x.badRequest("availability_status must be open, custom or closed")
		return
	}
	var priority *int
	if req.Priority != nil {
		if json.Unmarshal(req.Priority, &priority) != nil || (priority != nil && *priority != 0 && *priority != 1) {
			x.badRequest("priority can be null, 0 (no priority) or 1 (top priority)")
			return
		}
	}
	for k, v := range req.Messages {
		if !slices.Contains(messageKeys, k) {
			x.badRequest("messages." + k + " is not a Music & Messages field")
			return
		}
		if v == nil || !isPublicURL(*v) {
			x.badRequest("messages." + k + " must be a valid public URL")
			return
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	n := s.db.numbers[id]
	if n == nil {
		x.notFound("Number")
		return
	}
	if n.flowEditor && (req.AvailabilityStatus != nil || req.IsIVR != nil || len(req.Messages) > 0) {
		x.badRequest("availability_status, is_ivr and messages cannot be updated on a number with Smartflow enabled")
		return
	}
	wasOpen := n.open
	if name != nil {
		n.name = strings.TrimSpace(*name)
	}
	if st := req.AvailabilityStatus; st != nil {
		n.status = *st
		switch *st {
		case "open":
			n.open = true
		case "closed":
			n.open = false
		}
	}
	if req.IsIVR != nil {
		n.isIVR = *req.IsIVR
	}
	if req.LiveRecordingActivated != nil {
		n.liveRecording = *req.LiveRecordingActivated
	}
	if req.Priority != nil {
		n.priority = priority
	}
	fields := n.messages.fields()
	for k, v := range req.Messages {
		*fields[k] = v
	}
	if n.open != wasOpen {
		event := aircall.EventNumberClosed
		if n.open {
			event = aircall.EventNumberOpened
		}
		s.emit(aircall.ResourceNumber, event, s.numberWire(n, numberDetail))
	}
	x.json(http.StatusOK, map[string]any{"number": s.numberWire(n, numberDetail)})
}

var messageKeys = []string{"welcome", "waiting", "ivr", "voicemail", "closed", "callback_later", "unanswered_call", "after_hours", "ringing_tone"}

// isPublicURL reports whether v is an absolute http(s) URL.
func isPublicURL(v string) bool {
	u, err := url.Parse(v)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

// numbersRegistrationStatus serves GET /v1/numbers/:id/registration_status.
func (s *Server) numbersRegistrationStatus(x *exchange) {
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
	x.json(http.StatusOK, map[string]any{"status": "approved", "details": map[string]any{}})
}
