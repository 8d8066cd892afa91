package aircalltest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/aircall-go/aircall"
)

// call is a Call of the fake company. Times are unix seconds (0 = null),
// as the API writes them; calls are kept sorted by (startedAt, id).
type call struct {
	id                                      int64
	direction                               string // inbound or outbound
	status                                  string // initial, answered or done
	missedReason                            string
	startedAt, answeredAt, endedAt          int64
	duration                                int
	userID, numberID, contactID             int64
	assignedToID, transferredBy, transferTo int64
	rawDigits                               string
	asset, recording, voicemail             string
	archived                                bool
	cost                                    string
	teamIDs                                 []int64
	comments                                []comment
	tags                                    []callTag
	participants                            []aircall.Participant
	recordingPaused                         bool
}

type comment struct {
	id       int64
	content  string
	postedAt int64
	postedBy int64 // 0: posted through the API
}

type callTag struct {
	tagID     int64
	createdAt int64
	taggedBy  int64
}

// maxComments is how many comments a call can hold.
const maxComments = 5

// callLess orders calls by start time, then id.
func callLess(a, b *call) bool {
	if a.startedAt != b.startedAt {
		return a.startedAt < b.startedAt
	}
	return a.id < b.id
}

// insertCall adds c at its place in the sorted list.
func (db *state) insertCall(c *call) {
	db.callByID[c.id] = c
	n := len(db.calls)
	if n == 0 || !callLess(c, db.calls[n-1]) {
		db.calls = append(db.calls, c)
		return
	}
	i := sort.Search(n, func(i int) bool { return callLess(c, db.calls[i]) })
	db.calls = slices.Insert(db.calls, i, c)
}

type wireComment struct {
	ID       int64     `json:"id"`
	Content  string    `json:"content"`
	PostedAt int64     `json:"posted_at"`
	PostedBy *wireUser `json:"posted_by"`
}

type wireCallTag struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	CreatedAt int64     `json:"created_at"`
	TaggedBy  *wireUser `json:"tagged_by"`
}

type wireParticipant struct {
	ID          *int64 `json:"id,omitempty"`
	Name        string `json:"name,omitempty"`
	PhoneNumber string `json:"phone_number,omitempty"`
	Type        string `json:"type"`
}

type wireCall struct {
	ID                int64             `json:"id"`
	DirectLink        string            `json:"direct_link"`
	Direction         string            `json:"direction"`
	Status            string            `json:"status"`
	MissedCallReason  *string           `json:"missed_call_reason"`
	StartedAt         *int64            `json:"started_at"`
	AnsweredAt        *int64            `json:"answered_at"`
	EndedAt           *int64            `json:"ended_at"`
	Duration          int               `json:"duration"`
	Voicemail         *string           `json:"voicemail"`
	VoicemailShortURL *string           `json:"voicemail_short_url,omitempty"`
	Recording         *string           `json:"recording"`
	RecordingShortURL *string           `json:"recording_short_url,omitempty"`
	Asset             *string           `json:"asset"`
	RawDigits         string            `json:"raw_digits"`
	User              *wireUser         `json:"user"`
	Contact           *wireContact      `json:"contact"`
	Archived          bool              `json:"archived"`
	AssignedTo        *wireUser         `json:"assigned_to"`
	TransferredBy     *wireUser         `json:"transferred_by"`
	TransferredTo     *wireUser         `json:"transferred_to"`
	Cost              string            `json:"cost"`
	Number            *wireNumber       `json:"number"`
	Comments          []wireComment     `json:"comments"`
	Tags              []wireCallTag     `json:"tags"`
	Participants      []wireParticipant `json:"participants,omitempty"`
	Teams             []wireTeam        `json:"teams"`
}

// callView says what optional parts of a call to write.
type callView struct {
	contact   bool // fetch_contact
	shortURLs bool // fetch_short_urls
}

// viewOf reads the fetch_* query parameters.
func viewOf(v url.Values) callView {
	return callView{contact: v.Get("fetch_contact") == "true", shortURLs: v.Get("fetch_short_urls") == "true"}
}

// callWire encodes c. Callers hold s.mu.
func (s *Server) callWire(c *call, view callView) wireCall {
	w := wireCall{
		ID: c.id, DirectLink: s.link("v1/calls/%d", c.id), Direction: c.direction, Status: c.status,
		MissedCallReason: nullString(c.missedReason), StartedAt: unixOrNull(c.startedAt),
		AnsweredAt: unixOrNull(c.answeredAt), EndedAt: unixOrNull(c.endedAt), Duration: c.duration,
		Voicemail: nullString(s.mediaURL(c, "voicemail", c.voicemail)), Recording: nullString(s.mediaURL(c, "recording", c.recording)), Asset: nullString(c.asset),
		RawDigits: c.rawDigits, User: s.userWireRef(c.userID, userInCall), Archived: c.archived,
		AssignedTo: s.userWireRef(c.assignedToID, userInCall), TransferredBy: s.userWireRef(c.transferredBy, userInCall),
		TransferredTo: s.userWireRef(c.transferTo, userInCall), Cost: c.cost, Number: s.numberWireRef(c.numberID),
		Comments: []wireComment{}, Tags: []wireCallTag{}, Teams: []wireTeam{},
	}
	if view.contact {
		if ct := s.db.contactByID[c.contactID]; ct != nil {
			cw := s.contactWire(ct)
			w.Contact = &cw
		}
	}
	if view.shortURLs {
		if c.recording != "" {
			w.RecordingShortURL = nullString(fmt.Sprintf("https://short-urls.aircall.io/v1/%s", shortID(c.id, 'r')))
		}
		if c.voicemail != "" {
			w.VoicemailShortURL = nullString(fmt.Sprintf("https://short-urls.aircall.io/v1/%s", shortID(c.id, 'v')))
		}
	}
	for _, cm := range c.comments {
		w.Comments = append(w.Comments, wireComment{ID: cm.id, Content: cm.content, PostedAt: cm.postedAt, PostedBy: s.userWireRef(cm.postedBy, userAsAuthor)})
	}
	for _, ct := range c.tags {
		name := ""
		if t := s.db.tags[ct.tagID]; t != nil {
			name = t.name
		}
		w.Tags = append(w.Tags, wireCallTag{ID: ct.tagID, Name: name, CreatedAt: ct.createdAt, TaggedBy: s.userWireRef(ct.taggedBy, userAsAuthor)})
	}
	for _, p := range c.participants {
		wp := wireParticipant{Name: p.Name, PhoneNumber: p.PhoneNumber, Type: string(p.Type)}
		if p.ID != 0 {
			wp.ID = &p.ID
		}
		w.Participants = append(w.Participants, wp)
	}
	for _, id := range c.teamIDs {
		if t := s.db.teams[id]; t != nil {
			w.Teams = append(w.Teams, s.teamWire(t, false))
		}
	}
	return w
}

// shortID is a stable UUID-shaped id for a call's short URLs.
func shortID(id int64, kind byte) string {
	h := fmt.Sprintf("%016x%016x", uint64(id)*0x9E3779B97F4A7C15, uint64(id)^uint64(kind)<<56)
	return h[0:8] + "-" + h[8:12] + "-4" + h[13:16] + "-a" + h[17:20] + "-" + h[20:32]
}

// callsRange returns the indexes [lo, hi) of the calls started within q's bounds.
func (db *state) callsRange(q listQuery) (int, int) {
	lo, hi := 0, len(db.calls)
	if !q.from.IsZero() {
		from := q.from.Unix()
		lo = sort.Search(len(db.calls), func(i int) bool { return db.calls[i].startedAt >= from })
	}
	if !q.to.IsZero() {
		to := q.to.Unix()
		hi = sort.Search(len(db.calls), func(i int) bool { return db.calls[i].startedAt > to })
	}
	return lo, max(lo, hi)
}

// callsList serves GET /v1/calls.
func (s *Server) callsList(x *exchange) {
	q, ok := x.listQuery(listOpts{window: true, order: true})
	if !ok || x.capped(q) {
		return
	}
	view := viewOf(x.r.URL.Query())
	s.mu.Lock()
	defer s.mu.Unlock()
	lo, hi := s.db.callsRange(q)
	total := hi - lo
	end := min(total, itemCap)
	items := make([]wireCall, 0, q.perPage)
	for k := q.offset(); k < min(q.offset()+q.perPage, end); k++ {
		i := lo + k
		if q.desc {
			i = hi - 1 - k
		}
		items = append(items, s.callWire(s.db.calls[i], view))
	}
	x.page("calls", items, q, len(items), total)
}

// callFilter is what GET /v1/calls/search filters on.
type callFilter struct {
	direction string
	userID    int64
	digits    string
	tags      []int64
}

func (f *callFilter) match(db *state, c *call) bool {
	if f.direction != "" && c.direction != f.direction {
		return false
	}
	if f.userID != 0 && c.userID != f.userID {
		return false
	}
	if f.digits != "" && digitsOf(c.rawDigits) != f.digits {
		n := db.numbers[c.numberID]
		if n == nil || digitsOf(n.digits) != f.digits {
			return false
		}
	}
	for _, t := range f.tags {
		if !slices.ContainsFunc(c.tags, func(ct callTag) bool { return ct.tagID == t }) {
			return false
		}
	}
	return true
}

// digitsOf keeps the digits of a phone number: "+1 800-123-4567" → "18001234567".
func digitsOf(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// callsSearch serves GET /v1/calls/search.
func (s *Server) callsSearch(x *exchange) {
	q, ok := x.listQuery(listOpts{window: true, order: true})
	if !ok {
		return
	}
	v := x.r.URL.Query()
	var f callFilter
	switch d := v.Get("direction"); d {
	case "", "inbound", "outbound":
		f.direction = d
	default:
		x.badRequest("direction must be inbound or outbound")
		return
	}
	if u := v.Get("user_id"); u != "" {
		id, err := strconv.ParseInt(u, 10, 64)
		if err != nil || id <= 0 {
			x.badRequest("user_id must be an integer")
			return
		}
		f.userID = id
	}
	if p := v.Get("phone_number"); p != "" {
		f.digits = digitsOf(p)
	}
	for _, t := range append(v["tags[]"], v["tags"]...) {
		id, err := strconv.ParseInt(t, 10, 64)
		if err != nil {
			x.badRequest("tags must be an array of tag ids")
			return
		}
		f.tags = append(f.tags, id)
	}
	if x.capped(q) {
		return
	}
	view := viewOf(v)
	s.mu.Lock()
	defer s.mu.Unlock()
	lo, hi := s.db.callsRange(q)
	var all []*call
	for _, c := range s.db.calls[lo:hi] {
		if f.match(s.db, c) {
			all = append(all, c)
		}
	}
	if q.desc {
		slices.Reverse(all)
	}
	items := make([]wireCall, 0, q.perPage)
	for _, c := range window(all, q, itemCap) {
		items = append(items, s.callWire(c, view))
	}
	x.page("calls", items, q, len(items), len(all))
}

// withCall runs fn on the call of the :id parameter under the lock, or
// answers 404.
func (s *Server) withCall(x *exchange, fn func(c *call)) {
	id, ok := x.id("id", "Call")
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.db.callByID[id]
	if c == nil {
		x.notFound("Call")
		return
	}
	fn(c)
}

// callsGet serves GET /v1/calls/:id.
func (s *Server) callsGet(x *exchange) {
	view := viewOf(x.r.URL.Query())
	s.withCall(x, func(c *call) {
		x.json(http.StatusOK, map[string]any{"call": s.callWire(c, view)})
	})
}

// emitCall sends a call event with the call as data. Callers hold s.mu.
func (s *Server) emitCall(event aircall.EventType, c *call) {
	s.emit(aircall.ResourceCall, event, s.callWire(c, callView{contact: true, shortURLs: true}))
}

// flexID reads an id sent as a number or a string (transfer's user_id and
// team_id are documented as strings and sent as integers).
type flexID int64

// UnmarshalJSON reads the id as a JSON number or a numeric string.
func (f *flexID) UnmarshalJSON(b []byte) error {
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		n = json.Number(s)
	}
	if n == "" {
		*f = 0
		return nil
	}
	v, err := strconv.ParseInt(string(n), 10, 64)
	*f = flexID(v)
	return err
}

// callsTransfer serves POST /v1/calls/:id/transfers.
func (s *Server) callsTransfer(x *exchange) {
	var req struct {
		UserID   flexID  `json:"user_id"`
		TeamID   flexID  `json:"team_id"`
		Number   string  `json:"number"`
		Strategy *string `json:"dispatching_strategy"`
	}
	if !x.decode(&req) {
		return
	}
	s.withCall(x, func(c *call) {
		chosen := 0
		for _, set := range []bool{req.UserID != 0, req.TeamID != 0, req.Number != ""} {
			if set {
				chosen++
			}
		}
		switch {
		case c.status == "done":
			x.badRequest("Call already ended.")
			return
		case chosen != 1:
			x.badRequest("Provide exactly one of user_id, team_id or number.")
			return
		case req.Strategy != nil && req.TeamID == 0:
			x.badRequest("Invalid usage of dispatching strategy with user or external phone number.")
			return
		case req.Strategy != nil && !slices.Contains([]string{"simultaneous", "random", "longest_idle"}, *req.Strategy):
			x.badRequest("dispatching_strategy must be random, simultaneous or longest_idle.")
			return
		}
		c.transferredBy = c.userID
		switch {
		case req.UserID != 0:
			if s.db.users[int64(req.UserID)] == nil {
				x.notFound("User or Call")
				return
			}
			c.transferTo = int64(req.UserID)
		case req.TeamID != 0:
			t := s.db.teams[int64(req.TeamID)]
			if t == nil {
				x.notFound("Team")
				return
			}
			if c.status == "initial" && len(t.userIDs) > 25 {
				x.badRequest("Call cannot be transferred to a team with more than 25 users.")
				return
			}
			c.transferTo = 0
			if len(t.userIDs) > 0 {
				c.transferTo = t.userIDs[0]
			}
		default:
			if !aircall.IsE164(req.Number) {
				x.badRequest("number must be in E.164 format.")
				return
			}
			if c.direction != "inbound" || c.status != "initial" {
				x.badRequest("Transfers to external phone numbers only work for inbound calls that have not yet been answered.")
				return
			}
			c.transferTo = 0
		}
		s.emitCall(aircall.EventCallTransferred, c)
		x.empty(http.StatusNoContent)
	})
}

// stripEmojis removes emojis, as Aircall does from comments and contacts.
func stripEmojis(s string) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		switch {
		case r >= 0x1F000 && r <= 0x1FAFF, r >= 0x2600 && r <= 0x27BF, r == 0xFE0F, r == 0x200D:
			return -1
		case unicode.Is(unicode.So, r) && r > 0x2000:
			return -1
		}
		return r
	}, s))
}

// callsComment serves POST /v1/calls/:id/comments: at most 5 comments per call.
func (s *Server) callsComment(x *exchange) {
	var req struct {
		Content string `json:"content"`
	}
	if !x.decode(&req) {
		return
	}
	content := stripEmojis(req.Content)
	s.withCall(x, func(c *call) {
		switch {
		case content == "":
			x.badRequest("content is a mandatory field")
		case len(c.comments) >= maxComments:
			x.badRequest("Maximum of 5 notes can be added to a Call.")
		default:
			c.comments = append(c.comments, comment{id: s.db.next(kindComment), content: content, postedAt: s.now().Unix()})
			s.emitCall(aircall.EventCallCommented, c)
			x.empty(http.StatusCreated)
		}
	})
}

// callsTag serves POST /v1/calls/:id/tags.
func (s *Server) callsTag(x *exchange) {
	var req struct {
		Tags []int64 `json:"tags"`
	}
	if !x.decode(&req) {
		return
	}
	s.withCall(x, func(c *call) {
		if len(req.Tags) == 0 {
			x.badRequest("tags must be a non-empty array of tag ids")
			return
		}
		for _, id := range req.Tags {
			if s.db.tags[id] == nil {
				x.notFound(fmt.Sprintf("Tag %d", id))
				return
			}
		}
		now := s.now().Unix()
		for _, id := range req.Tags {
			if !slices.ContainsFunc(c.tags, func(ct callTag) bool { return ct.tagID == id }) {
				c.tags = append(c.tags, callTag{tagID: id, createdAt: now})
			}
		}
		s.emitCall(aircall.EventCallTagged, c)
		x.empty(http.StatusCreated)
	})
}

// callsArchive serves PUT /v1/calls/:id/archive and /unarchive.
func (s *Server) callsArchive(archived bool) func(*exchange) {
	return func(x *exchange) {
		s.withCall(x, func(c *call) {
			c.archived = archived
			if archived {
				s.emitCall(aircall.EventCallArchived, c)
			}
			x.json(http.StatusOK, map[string]any{"call": s.callWire(c, callView{})})
		})
	}
}

// callsRecording serves POST /v1/calls/:id/pause_recording and
// /resume_recording: only on ongoing calls of numbers that record.
func (s *Server) callsRecording(pause bool) func(*exchange) {
	return func(x *exchange) {
		s.withCall(x, func(c *call) {
			n := s.db.numbers[c.numberID]
			switch {
			case c.status == "done":
				x.badRequest("Call has already ended.")
			case n == nil || !n.liveRecording:
				x.fail(http.StatusMethodNotAllowed, "Recording is disabled on the Call's number.")
			default:
				c.recordingPaused = pause
				x.empty(http.StatusNoContent)
			}
		})
	}
}

// callsDeleteAsset serves DELETE /v1/calls/:id/recording and /voicemail (200).
func (s *Server) callsDeleteAsset(voicemail bool) func(*exchange) {
	return func(x *exchange) {
		s.withCall(x, func(c *call) {
			if voicemail {
				if c.asset != "" && c.asset == assetURL(c.id, "voicemail") {
					c.asset = ""
				}
				c.voicemail = ""
			} else {
				if c.asset != "" && c.asset == assetURL(c.id, "recording") {
					c.asset = ""
				}
				c.recording = ""
			}
			x.empty(http.StatusOK)
		})
	}
}

func assetURL(callID int64, kind string) string {
	return fmt.Sprintf("https://assets.aircall.io/%s/%d", kind, callID)
}

// InsightCardPost is an insight card sent to a call through the API.
type InsightCardPost struct {
	// CallID is the call the card was sent to.
	CallID int64
	// Card is the card as it was sent.
	Card aircall.InsightCard
	// At is when it was sent, on the fake's clock.
	At time.Time
}

// InsightCards returns the insight cards posted to a call, oldest first
// (Aircall shows them to the agent and does not store them; the fake does,
// for tests).
func (s *Server) InsightCards(callID int64) []InsightCardPost {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.db.insightCards[callID])
}

// callsInsightCard serves POST /v1/calls/:id/insight_cards.
func (s *Server) callsInsightCard(x *exchange) {
	var card aircall.InsightCard
	if !x.decode(&card) {
		return
	}
	malformed := len(card.Contents) == 0
	for _, l := range card.Contents {
		switch l.Type {
		case "title", "shortText":
			malformed = malformed || strings.TrimSpace(l.Text) == ""
		case "user":
			malformed = malformed || strings.TrimSpace(l.Label) == "" || l.UserID <= 0
		default:
			malformed = true
		}
	}
	s.withCall(x, func(c *call) {
		if malformed {
			x.badRequest("Payload malformed.")
			return
		}
		s.db.insightCards[c.id] = append(s.db.insightCards[c.id], InsightCardPost{CallID: c.id, Card: card, At: s.now()})
		x.empty(http.StatusCreated)
	})
}
