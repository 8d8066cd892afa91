package aircalltest

import (
	"fmt"

	"github.com/aircall-go/aircall"
)

// BeginCall, AnswerCall and EndCall play a call's lifecycle on the fake's
// clock, sending the webhook events Aircall sends along the way, so a
// test can drive a live call: transfer it, pause its recording, add an
// insight card while it rings or is answered.

// BeginCall starts a call (status "initial", StartedAt now unless set) with
// the same defaults and references as AddCall, and sends call.created, then
// call.ringing_on_agent when it has a User.
func (s *Server) BeginCall(c aircall.Call) *aircall.Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return decodeAs[aircall.Call](s.callWire(s.beginCall(c), callView{contact: true}))
}

// beginCall is BeginCall. Callers hold s.mu.
func (s *Server) beginCall(c aircall.Call) *call {
	c.Status = aircall.CallStatusInitial
	c.AnsweredAt, c.EndedAt, c.Duration = aircall.Timestamp{}, aircall.Timestamp{}, 0
	rec := s.callRecord("BeginCall", &c)
	s.db.insertCall(rec)
	s.emitCall(aircall.EventCallCreated, rec)
	if rec.userID != 0 {
		s.emitCall(aircall.EventCallRingingOnAgent, rec)
	}
	return rec
}

// AnswerCall answers a ringing call now, by userID when not 0 (else by the
// call's user), and sends call.answered.
func (s *Server) AnswerCall(callID, userID int64) *aircall.Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return decodeAs[aircall.Call](s.callWire(s.answerCall(callID, userID), callView{contact: true}))
}

// answerCall is AnswerCall. Callers hold s.mu.
func (s *Server) answerCall(callID, userID int64) *call {
	rec := s.liveCall("AnswerCall", callID)
	if rec.status != "initial" {
		panic(fmt.Sprintf("aircalltest: AnswerCall: call %d is %s, not ringing", callID, rec.status))
	}
	if userID != 0 {
		s.mustUser("AnswerCall", userID)
		rec.userID = userID
	}
	rec.status, rec.answeredAt = "answered", s.now().Unix()
	s.emitCall(aircall.EventCallAnswered, rec)
	return rec
}

// EndCall hangs a call up now: status "done", EndedAt and Duration set. An
// unanswered call gets missedReason (or "agents_did_not_answer" when it
// rang a user, "no_available_agent" otherwise) if it was inbound. It sends
// call.hungup, call.ended, and call.voicemail_left when the call has a
// voicemail.
func (s *Server) EndCall(callID int64, missedReason aircall.MissedCallReason) *aircall.Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return decodeAs[aircall.Call](s.callWire(s.endCall(callID, missedReason), callView{contact: true}))
}

// endCall is EndCall. Callers hold s.mu.
func (s *Server) endCall(callID int64, missedReason aircall.MissedCallReason) *call {
	rec := s.liveCall("EndCall", callID)
	rec.status, rec.endedAt = "done", s.now().Unix()
	rec.duration = int(rec.endedAt - rec.startedAt)
	if rec.answeredAt == 0 && rec.direction == "inbound" {
		switch {
		case missedReason != "":
			rec.missedReason = string(missedReason)
		case rec.userID != 0:
			rec.missedReason = string(aircall.MissedAgentsDidNotAnswer)
		default:
			rec.missedReason = string(aircall.MissedNoAvailableAgent)
		}
	}
	s.emitCall(aircall.EventCallHungUp, rec)
	s.emitCall(aircall.EventCallEnded, rec)
	if rec.voicemail != "" {
		s.emitCall(aircall.EventCallVoicemailLeft, rec)
	}
	return rec
}

// liveCall returns a call that has not ended. Callers hold s.mu.
func (s *Server) liveCall(op string, id int64) *call {
	rec := s.db.callByID[id]
	if rec == nil {
		panic(fmt.Sprintf("aircalltest: %s: no call %d", op, id))
	}
	if rec.status == "done" {
		panic(fmt.Sprintf("aircalltest: %s: call %d has ended", op, id))
	}
	return rec
}
