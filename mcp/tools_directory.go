package aircallmcp

import (
	"context"
	"errors"
	"fmt"

	"github.com/aircall-go/aircall"
	"github.com/google/jsonschema-go/jsonschema"
)

// UserList is a page of users.
type UserList struct {
	Users      []UserView `json:"users"`
	NextCursor string     `json:"next_cursor,omitempty" jsonschema:"pass as cursor for more; absent at the end"`
}

type getUserArgs struct {
	UserID int64  `json:"user_id,omitempty" jsonschema:"the user's id"`
	Email  string `json:"email,omitempty" jsonschema:"or the user's email address"`
}

// NumberList is a page of numbers.
type NumberList struct {
	Numbers    []NumberView `json:"numbers"`
	NextCursor string       `json:"next_cursor,omitempty" jsonschema:"pass as cursor for more; absent at the end"`
}

type numberIDArgs struct {
	NumberID int64 `json:"number_id"`
}

type noQuery struct{}

func limitPageSchema(sc *jsonschema.Schema) { bounds(sc, "limit", 1, maxPageLimit) }

func (s *Server) registerUsers() {
	addTool(s, spec[pageArgs]{
		name:   "list_users",
		title:  "List users",
		set:    "users",
		desc:   "Lists the company's Aircall users (agents) with their availability and default number (get_user adds the numbers they can call from).",
		schema: limitPageSchema,
	}, func(ctx context.Context, a pageArgs) (UserList, error) {
		c, lo, err := startPage("list_users", a, noQuery{}, false)
		if err != nil {
			return UserList{}, err
		}
		users, resp, err := s.client.UsersV2.List(ctx, &aircall.UserV2ListOptions{ListOptions: lo})
		if err != nil {
			return UserList{}, err
		}
		out := UserList{Users: make([]UserView, 0, len(users))}
		for _, u := range users {
			out.Users = append(out.Users, userView(u, nil))
		}
		out.NextCursor = nextPage(c, resp, len(users))
		return out, nil
	})

	addTool(s, spec[getUserArgs]{
		name:   "get_user",
		title:  "Get a user",
		set:    "users",
		desc:   "Gets one Aircall user by id or by email address: availability, default number, numbers.",
		schema: func(sc *jsonschema.Schema) { format(sc, "email", "email") },
	}, s.getUser)
}

func (s *Server) getUser(ctx context.Context, a getUserArgs) (UserView, error) {
	var (
		u   *aircall.UserV2
		err error
	)
	switch {
	case a.UserID != 0 && a.Email != "":
		return UserView{}, errors.New("give user_id or email, not both")
	case a.UserID != 0:
		u, _, err = s.client.UsersV2.Get(ctx, a.UserID)
	case a.Email == "":
		return UserView{}, errors.New("give user_id or email")
	default:
		u, err = s.client.UsersV2.FindByEmail(ctx, a.Email)
		if errors.Is(err, aircall.ErrUserNotFound) {
			return UserView{}, fmt.Errorf("no Aircall user has the email %s", a.Email)
		}
	}
	if err != nil {
		return UserView{}, err
	}
	numbers, _, err := s.client.UsersV2.ListNumbers(ctx, u.ID, nil)
	if err != nil {
		return UserView{}, err
	}
	return userView(u, numbers), nil
}

func (s *Server) registerNumbers() {
	addTool(s, spec[pageArgs]{
		name:   "list_numbers",
		title:  "List numbers",
		set:    "numbers",
		desc:   "Lists the company's Aircall phone numbers (lines): digits, name, country, open or closed.",
		schema: limitPageSchema,
	}, func(ctx context.Context, a pageArgs) (NumberList, error) {
		c, lo, err := startPage("list_numbers", a, noQuery{}, false)
		if err != nil {
			return NumberList{}, err
		}
		nums, resp, err := s.client.Numbers.List(ctx, &aircall.NumberListOptions{ListOptions: lo})
		if err != nil {
			return NumberList{}, err
		}
		out := NumberList{Numbers: make([]NumberView, 0, len(nums))}
		for _, n := range nums {
			out.Numbers = append(out.Numbers, numberView(n))
		}
		out.NextCursor = nextPage(c, resp, len(nums))
		return out, nil
	})

	addTool(s, spec[numberIDArgs]{
		name:  "get_number",
		title: "Get a number",
		set:   "numbers",
		desc:  "Gets one Aircall phone number by id.",
	}, func(ctx context.Context, a numberIDArgs) (NumberView, error) {
		n, _, err := s.client.Numbers.Get(ctx, a.NumberID)
		if err != nil {
			return NumberView{}, err
		}
		return numberView(n), nil
	})
}
