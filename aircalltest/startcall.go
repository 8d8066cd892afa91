package aircalltest

import "github.com/aircall-go/aircall"

// placeStartedCall makes the call a user was asked to start appear after
// the start-call delay, as the user's phone places it: an outbound call,
// ringing (status "initial"), with a call.created event. Answer and end it
// with AnswerCall and EndCall. Callers hold s.mu.
func (s *Server) placeStartedCall(d Dial) {
	s.schedule(s.cfg.wf.startCallDelay, func() {
		if s.db.users[d.UserID] == nil || s.db.numbers[d.NumberID] == nil {
			return // deleted meanwhile: the phone could not place it
		}
		rec := &call{
			id: s.db.next(kindCall), direction: string(aircall.CallOutbound), status: "initial",
			startedAt: s.now().Unix(), userID: d.UserID, numberID: d.NumberID, rawDigits: d.To, cost: "0",
		}
		if ct := s.db.contactByPhone(d.To); ct != nil {
			rec.contactID = ct.id
		}
		s.db.insertCall(rec)
		s.emitCall(aircall.EventCallCreated, rec)
	})
}

// contactByPhone returns the oldest contact with phone number digits equal
// to phone's, or nil. Callers hold s.mu.
func (db *state) contactByPhone(phone string) *contact {
	want := digitsOf(phone)
	for _, c := range db.contacts {
		for _, p := range c.phones {
			if want != "" && digitsOf(p.value) == want {
				return c
			}
		}
	}
	return nil
}
