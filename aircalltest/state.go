package aircalltest

import (
	"cmp"
	"slices"
	"time"
)

// companyID is the id of the one company the fake serves.
const companyID = 1

// kind names a sequence of ids.
type kind int

const (
	kindUser kind = iota
	kindNumber
	kindTeam
	kindTag
	kindCall
	kindComment
	kindContact
	kindDetail
	kindWebhook
	kindDialer
	kindDialerNumber
	kindA2P
	kindSMSTemplate
	kindWhatsAppTemplate
	kindIntegration
	kindInsight
	numKinds
)

// firstIDs are where the id sequences start: near the reference's examples,
// so fake ids look like real ones.
var firstIDs = [numKinds]int64{
	kindUser: 460, kindNumber: 2346, kindTeam: 680, kindTag: 681, kindCall: 900,
	kindComment: 736, kindContact: 720, kindDetail: 9172, kindWebhook: 26316,
	kindDialer: 75555, kindDialerNumber: 4671488, kindA2P: 458, kindSMSTemplate: 8821,
	kindWhatsAppTemplate: 1, kindIntegration: 1234, kindInsight: 1,
}

// state holds every resource of the fake company. The Server's mutex guards it.
type state struct {
	nextID [numKinds]int64

	users             map[int64]*user
	numbers           map[int64]*number
	teams             map[int64]*team
	tags              map[int64]*tag
	calls             []*call // sorted by (startedAt, id)
	callByID          map[int64]*call
	contacts          []*contact // sorted by (createdAt, id)
	contactByID       map[int64]*contact
	webhooks          []*webhook        // in creation order
	dialers           map[int64]*dialer // by user id
	a2p               map[int64]*a2pAssociation
	msgConfigs        map[int64]*msgConfig // by number id
	messages          []*message
	smsTemplates      []*smsTemplate
	waStatus          map[int64]*waStatus     // by number id
	waTemplates       map[int64][]*waTemplate // by number id
	insights          map[int64]*Insights     // by call id
	insightCards      map[int64][]InsightCardPost
	agentCalls        []AgentCall
	agentKeys         map[string]bool
	exports           map[string]*export
	nextExportFailure string
	integrations      map[string]*integration // by access token
	dials             []Dial
}

func newState() *state {
	db := &state{
		users:        map[int64]*user{},
		numbers:      map[int64]*number{},
		teams:        map[int64]*team{},
		tags:         map[int64]*tag{},
		callByID:     map[int64]*call{},
		contactByID:  map[int64]*contact{},
		dialers:      map[int64]*dialer{},
		a2p:          map[int64]*a2pAssociation{},
		msgConfigs:   map[int64]*msgConfig{},
		waStatus:     map[int64]*waStatus{},
		waTemplates:  map[int64][]*waTemplate{},
		insights:     map[int64]*Insights{},
		insightCards: map[int64][]InsightCardPost{},
		agentKeys:    map[string]bool{},
		exports:      map[string]*export{},
		integrations: map[string]*integration{},
	}
	db.nextID = firstIDs
	return db
}

// next returns a new id of kind k.
func (db *state) next(k kind) int64 {
	id := db.nextID[k]
	db.nextID[k]++
	return id
}

// claim returns id if it is set (keeping the sequence above it), or a new one.
func (db *state) claim(k kind, id int64) int64 {
	if id <= 0 {
		return db.next(k)
	}
	if id >= db.nextID[k] {
		db.nextID[k] = id + 1
	}
	return id
}

// byCreated sorts items by creation time, then id, ascending.
func byCreated[T any](items []T, key func(T) (time.Time, int64)) {
	slices.SortFunc(items, func(a, b T) int {
		ta, ia := key(a)
		tb, ib := key(b)
		if c := ta.Compare(tb); c != 0 {
			return c
		}
		return cmp.Compare(ia, ib)
	})
}

// values returns a map's values sorted by creation time, then id.
func values[T any](m map[int64]T, key func(T) (time.Time, int64)) []T {
	out := make([]T, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	byCreated(out, key)
	return out
}

// isoTime writes t as the API does for users, teams, numbers and webhooks:
// "2019-12-29T10:03:18.000Z".
func isoTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// unixOrNull writes t as unix seconds, or null when zero.
func unixOrNull(t int64) *int64 {
	if t == 0 {
		return nil
	}
	return &t
}
