package aircalltest

import (
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// team is a Team of the fake company.
type team struct {
	id        int64
	name      string
	createdAt time.Time
	userIDs   []int64
}

func teamKey(t *team) (time.Time, int64) { return t.createdAt, t.id }

type wireTeam struct {
	ID         int64       `json:"id"`
	Name       string      `json:"name"`
	DirectLink string      `json:"direct_link"`
	CreatedAt  string      `json:"created_at"`
	Users      *[]wireUser `json:"users,omitempty"`
}

// teamWire encodes t, with its users unless nested in a call. Callers hold s.mu.
func (s *Server) teamWire(t *team, withUsers bool) wireTeam {
	w := wireTeam{ID: t.id, Name: t.name, DirectLink: s.link("v1/teams/%d", t.id), CreatedAt: isoTime(t.createdAt)}
	if withUsers {
		users := []wireUser{}
		for _, id := range t.userIDs {
			if u := s.db.users[id]; u != nil {
				users = append(users, s.userWire(u, userInTeam))
			}
		}
		w.Users = &users
	}
	return w
}

// teamsCRUD serves the team endpoints; teams are listed with their users.
var teamsCRUD = crud[team]{
	what: "Team", one: "team", many: "teams", order: true,
	all:  func(s *Server, _ *exchange) []*team { return values(s.db.teams, teamKey) },
	find: func(s *Server, x *exchange) *team { return byID(s.db.teams, x) },
	wire: func(s *Server, t *team) any { return s.teamWire(t, true) },
}

// teamsCreate serves POST /v1/teams: the name must be set, unique and at
// most 64 characters.
func (s *Server) teamsCreate(x *exchange) {
	var req struct {
		Name *string `json:"name"`
	}
	if !x.decode(&req) {
		return
	}
	if req.Name == nil || strings.TrimSpace(*req.Name) == "" {
		x.badRequest("name is a mandatory field")
		return
	}
	name := strings.TrimSpace(*req.Name)
	if utf8.RuneCountInString(name) > 64 {
		x.badRequest("Name must be smaller than 64 characters and unique in the company")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, t := range s.db.teams {
		if strings.EqualFold(t.name, name) {
			x.badRequest("Name must be smaller than 64 characters and unique in the company")
			return
		}
	}
	t := &team{id: s.db.next(kindTeam), name: name, createdAt: s.now()}
	s.db.teams[t.id] = t
	teamsCRUD.answer(s, x, http.StatusCreated, t)
}

// teamsMember serves POST (add, 201) and DELETE (remove, 200)
// /v1/teams/:team_id/users/:user_id.
func (s *Server) teamsMember(add bool) func(*exchange) {
	return func(x *exchange) {
		teamID, ok := x.id("team_id", "Team")
		if !ok {
			return
		}
		userID, ok := x.id("user_id", "User")
		if !ok {
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		t, u := s.db.teams[teamID], s.db.users[userID]
		if t == nil || u == nil {
			x.notFound("Either team_id or user_id")
			return
		}
		status := http.StatusOK
		if add {
			if !slices.Contains(t.userIDs, userID) {
				t.userIDs = append(t.userIDs, userID)
			}
			status = http.StatusCreated
		} else {
			t.userIDs = slices.DeleteFunc(t.userIDs, func(v int64) bool { return v == userID })
		}
		teamsCRUD.answer(s, x, status, t)
	}
}
