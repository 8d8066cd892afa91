package aircalltest

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"time"

	"github.com/aircall-go/aircall"
)

// ControlSeed is the body of POST /_aircalltest/seed. Each list is added in
// this order with the matching helper (AddUser, AddNumber, AddTeam, AddTag,
// AddContact, AddCall, AddWebhook), so later lists may refer to earlier ones
// by id; GeneratedCalls then adds that many calls with AddGeneratedCalls.
// The answer holds what was added, as the API reads it back.
type ControlSeed struct {
	Users          []aircall.User    `json:"users,omitempty"`
	Numbers        []aircall.Number  `json:"numbers,omitempty"`
	Teams          []aircall.Team    `json:"teams,omitempty"`
	Tags           []aircall.Tag     `json:"tags,omitempty"`
	Contacts       []aircall.Contact `json:"contacts,omitempty"`
	Calls          []aircall.Call    `json:"calls,omitempty"`
	Webhooks       []ControlWebhook  `json:"webhooks,omitempty"`
	GeneratedCalls int               `json:"generated_calls,omitempty"`
}

// ControlWebhook is a webhook to register: any URL (plain http included)
// and its events (none means all).
type ControlWebhook struct {
	URL    string   `json:"url"`
	Events []string `json:"events,omitempty"`
}

type seedResult struct {
	Users    []*aircall.User    `json:"users,omitempty"`
	Numbers  []*aircall.Number  `json:"numbers,omitempty"`
	Teams    []*aircall.Team    `json:"teams,omitempty"`
	Tags     []*aircall.Tag     `json:"tags,omitempty"`
	Contacts []*aircall.Contact `json:"contacts,omitempty"`
	Calls    []*aircall.Call    `json:"calls,omitempty"`
	Webhooks []*aircall.Webhook `json:"webhooks,omitempty"`
	// FirstCallID and LastCallID bound the ids of the generated calls.
	FirstCallID int64 `json:"first_generated_call_id,omitempty"`
	LastCallID  int64 `json:"last_generated_call_id,omitempty"`
}

func (s *Server) controlSeed(w http.ResponseWriter, r *http.Request) {
	var in ControlSeed
	if !decodeControl(w, r, &in) {
		return
	}
	if in.GeneratedCalls < 0 || in.GeneratedCalls > 1_000_000 {
		controlFail(w, http.StatusBadRequest, "generated_calls must be between 0 and 1000000")
		return
	}
	var out seedResult
	for _, u := range in.Users {
		out.Users = append(out.Users, s.AddUser(u))
	}
	for _, n := range in.Numbers {
		out.Numbers = append(out.Numbers, s.AddNumber(n))
	}
	for _, t := range in.Teams {
		out.Teams = append(out.Teams, s.AddTeam(t))
	}
	for _, t := range in.Tags {
		out.Tags = append(out.Tags, s.AddTag(t))
	}
	for _, c := range in.Contacts {
		out.Contacts = append(out.Contacts, s.AddContact(c))
	}
	for _, c := range in.Calls {
		out.Calls = append(out.Calls, s.AddCall(c))
	}
	for _, wh := range in.Webhooks {
		if wh.URL == "" {
			panic("aircalltest: seed: a webhook needs a url")
		}
		events := make([]aircall.EventType, len(wh.Events))
		for i, e := range wh.Events {
			events[i] = aircall.EventType(e)
		}
		out.Webhooks = append(out.Webhooks, s.AddWebhook(wh.URL, events...))
	}
	if in.GeneratedCalls > 0 {
		out.FirstCallID, out.LastCallID = s.AddGeneratedCalls(in.GeneratedCalls)
	}
	controlJSON(w, http.StatusCreated, out)
}

// AddGeneratedCalls adds n varied calls (inbound and outbound, answered and
// missed, a few with voicemails), started one to two minutes apart and
// ending before the fake's clock, for volume: listings, exports and the
// 10,000-call cap. They go to the existing users and numbers in turn (none
// when there are none). It sends no webhook event, like AddCalls, and
// returns the ids of the first and last call.
func (s *Server) AddGeneratedCalls(n int) (first, last int64) {
	if n <= 0 {
		return 0, 0
	}
	s.mu.Lock()
	users := values(s.db.users, func(u *user) (time.Time, int64) { return u.createdAt, u.id })
	numbers := values(s.db.numbers, func(n *number) (time.Time, int64) { return n.createdAt, n.id })
	s.mu.Unlock()
	rng := rand.New(rand.NewPCG(uint64(n), 19))
	gaps := make([]time.Duration, n)
	var total time.Duration
	for i := range gaps {
		gaps[i] = time.Minute + time.Duration(rng.IntN(60))*time.Second
		total += gaps[i]
	}
	start := s.now().Add(-total - time.Hour).Truncate(time.Second)
	return s.AddCalls(n, func(i int) aircall.Call {
		start = start.Add(gaps[i])
		c := aircall.Call{
			Direction: aircall.CallInbound,
			StartedAt: aircall.Timestamp{Time: start},
			RawDigits: fmt.Sprintf("+1 415-555-%04d", rng.IntN(10000)),
		}
		if i%3 == 1 {
			c.Direction = aircall.CallOutbound
		}
		if len(numbers) > 0 {
			c.Number = &aircall.Number{ID: numbers[i%len(numbers)].id}
		}
		answered := i%5 != 4
		if len(users) > 0 && (answered || c.Direction == aircall.CallOutbound) {
			c.User = &aircall.User{ID: users[i%len(users)].id}
		}
		if answered {
			c.AnsweredAt = aircall.Timestamp{Time: start.Add(time.Duration(5+rng.IntN(20)) * time.Second)}
			c.Duration = 30 + rng.IntN(600)
		} else {
			c.Duration = 10 + rng.IntN(30)
			if c.Direction == aircall.CallInbound {
				c.MissedCallReason = aircall.MissedNoAvailableAgent
				if i%10 == 9 {
					c.Voicemail = "https://example.com/voicemails/" + fmt.Sprint(i) + ".mp3"
				}
			}
		}
		return c
	})
}
