package aircalltest

import (
	"fmt"
	"time"

	"github.com/aircall-go/aircall"
)

// CallOutcome is how a simulated inbound call ends.
type CallOutcome string

// The outcomes SimulateInboundCall plays.
const (
	// CallAnswered: the agent answers after Ring, they talk for Talk, the caller hangs up.
	CallAnswered CallOutcome = "answered"
	// CallMissed: nobody answers; the call ends after Ring (agents_did_not_answer).
	CallMissed CallOutcome = "missed"
	// CallVoicemail: nobody answers; the caller leaves a voicemail for Talk, then hangs up.
	CallVoicemail CallOutcome = "voicemail"
)

// InboundCall describes a call a customer makes to one of the company's numbers.
type InboundCall struct {
	// NumberID is the number called; it must exist.
	NumberID int64
	// From is the caller's number (E.164), or "" for an anonymous call.
	From string
	// UserID is the agent the call rings; 0 rings the number's first user,
	// if any.
	UserID int64
	// Outcome is how the call ends (CallAnswered unless told otherwise).
	Outcome CallOutcome
	// Ring is how long the call rings (10 seconds unless told otherwise);
	// Talk how long the conversation or the voicemail lasts (a minute unless
	// told otherwise).
	Ring, Talk time.Duration
	// Audio, if set, becomes the recording of an answered call or the
	// voicemail of a CallVoicemail call (see DownloadRecording).
	Audio []byte
}

// SimulateInboundCall plays an inbound call's lifecycle on the fake's clock,
// sending the webhook events Aircall sends along the way: call.created and
// call.ringing_on_agent now; then call.answered after Ring (CallAnswered);
// then call.hungup and call.ended, with call.voicemail_left for a voicemail
// and call.comm_assets_generated when Audio was given. It returns the call
// as it is now, ringing. Inside a testing/synctest bubble the steps happen
// as the fake clock advances (time.Sleep, or Settle). It panics if the
// number or the user does not exist.
func (s *Server) SimulateInboundCall(in InboundCall) *aircall.Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := s.mustNumber("SimulateInboundCall", in.NumberID)
	if in.UserID == 0 && len(n.userIDs) > 0 {
		in.UserID = n.userIDs[0]
	}
	c := aircall.Call{Direction: aircall.CallInbound, Number: &aircall.Number{ID: in.NumberID}, RawDigits: in.From}
	if in.UserID != 0 {
		s.mustUser("SimulateInboundCall", in.UserID)
		c.User = &aircall.User{ID: in.UserID}
	}
	if in.From == "" {
		c.RawDigits = "anonymous"
	} else if ct := s.db.contactByPhone(in.From); ct != nil {
		c.Contact = &aircall.Contact{ID: ct.id}
	}
	ring, talk := in.Ring, in.Talk
	if ring <= 0 {
		ring = 10 * time.Second
	}
	if talk <= 0 {
		talk = time.Minute
	}
	rec := s.beginCall(c)
	id := rec.id
	audio := in.Audio
	switch in.Outcome {
	case "", CallAnswered:
		s.schedule(ring, func() {
			if s.db.callByID[id] != nil && rec.status == "initial" {
				s.answerCall(id, 0)
			}
		})
		s.schedule(ring+talk, func() { s.finishCall(id, "", "recording", audio) })
	case CallMissed:
		s.schedule(ring, func() { s.finishCall(id, "", "", nil) })
	case CallVoicemail:
		s.schedule(ring+talk, func() {
			if audio == nil {
				audio = []byte("voicemail audio")
			}
			s.finishCall(id, "", "voicemail", audio)
		})
	default:
		panic(fmt.Sprintf("aircalltest: SimulateInboundCall: unknown outcome %q", in.Outcome))
	}
	return decodeAs[aircall.Call](s.callWire(rec, callView{contact: true}))
}

// finishCall ends a simulated call unless a test ended it first, storing
// its recording or voicemail. Callers hold s.mu.
func (s *Server) finishCall(id int64, missed aircall.MissedCallReason, kind string, audio []byte) {
	rec := s.db.callByID[id]
	if rec == nil || rec.status == "done" {
		return
	}
	if kind != "" && audio != nil {
		s.storeMedia(rec, kind, audio)
	}
	s.endCall(id, missed)
	if kind != "" && audio != nil {
		s.emitCall(aircall.EventCallCommAssetsGenerated, rec)
	}
}

// SimulateContactUpdate plays another user editing a shared contact from
// their phone or the Dashboard: change is applied to the contact's name,
// company and information (phone numbers and emails are kept), UpdatedAt
// becomes now, and contact.updated is sent. It returns the contact as
// changed. It panics if the contact does not exist.
func (s *Server) SimulateContactUpdate(contactID int64, change func(c *aircall.Contact)) *aircall.Contact {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.db.contactByID[contactID]
	if c == nil {
		panic(fmt.Sprintf("aircalltest: SimulateContactUpdate: no contact %d", contactID))
	}
	m := decodeAs[aircall.Contact](s.contactWire(c))
	change(m)
	c.first, c.last, c.company, c.information = m.FirstName, m.LastName, m.CompanyName, m.Information
	c.updatedAt = s.now()
	s.emit(aircall.ResourceContact, aircall.EventContactUpdated, s.contactWire(c))
	return decodeAs[aircall.Contact](s.contactWire(c))
}

// SimulateContactDelete plays another user deleting a shared contact:
// contact.deleted is sent and the contact is gone. It panics if the contact
// does not exist. (Another user creating a contact is AddContact, which
// sends contact.created.)
func (s *Server) SimulateContactDelete(contactID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.db.contactByID[contactID]
	if c == nil {
		panic(fmt.Sprintf("aircalltest: SimulateContactDelete: no contact %d", contactID))
	}
	s.emit(aircall.ResourceContact, aircall.EventContactDeleted, s.contactWire(c))
	s.db.deleteContact(c)
}
