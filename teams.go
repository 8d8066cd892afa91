package aircall

import (
	"context"
	"fmt"
	"iter"
	"net/http"
)

// TeamsService manages Teams: groups of Users used in the call distribution of Numbers.
type TeamsService service

// Team is a group of Users, managed from the Dashboard. Teams are only used
// in call distributions of Numbers.
type Team struct {
	// ID is the unique identifier for the Team.
	ID int64 `json:"id"`
	// DirectLink is the direct API URL.
	DirectLink string `json:"direct_link"`
	// Name is the full name of the Team. It must be unique in a company and
	// 64 characters maximum.
	Name string `json:"name"`
	// CreatedAt is the timestamp when the Team was created, in UTC.
	CreatedAt Timestamp `json:"created_at"`
	// Users is the list of Users associated to this Team. The User
	// attributes available and availability_status are not available in
	// Teams endpoints (they decode to their zero value).
	Users []*User `json:"users"`
}

// TeamListOptions selects the Teams to list.
type TeamListOptions struct {
	ListOptions

	// Order reorders entries by created_at: "asc" (the API's default) or "desc".
	Order string `url:"order,omitempty"`
}

func (o *TeamListOptions) validate() error {
	if o == nil {
		return nil
	}
	return firstErr(o.ListOptions.validate(MaxPerPage), checkOrder(o.Order))
}

// CreateTeamRequest is the body of TeamsService.Create.
type CreateTeamRequest struct {
	// Name can't be blank, must be unique in the company and at most 64
	// characters long. Mandatory.
	Name string `json:"name"`
}

// maxTeamNameLen is the documented maximum length of a Team's name.
const maxTeamNameLen = 64

// List fetches one page of the Teams associated to the company and their
// information. Only what opts sets is sent.
//
// 403 (ErrForbidden): invalid API key or Bearer access token.
//
//aircall:operation GET /v1/teams
func (s *TeamsService) List(ctx context.Context, opts *TeamListOptions) ([]*Team, *Response, error) {
	if err := opts.validate(); err != nil {
		return nil, nil, err
	}
	return doList[Team](ctx, s.client, "v1/teams", "teams", opts)
}

// ListIter iterates over every Team of the company, fetching 50 per page
// unless opts says otherwise. opts is copied: changing it after the call has
// no effect. Errors (including invalid opts) are yielded once and end the
// iteration.
//
//aircall:operation GET /v1/teams
func (s *TeamsService) ListIter(ctx context.Context, opts *TeamListOptions) iter.Seq2[*Team, error] {
	return listIter(ctx, opts, MaxPerPage, s.List)
}

// Get retrieves details of a specific Team.
//
// 403 (ErrForbidden): invalid API key or Bearer access token.
// 404 (ErrNotFound): id does not exist.
//
//aircall:operation GET /v1/teams/:id
func (s *TeamsService) Get(ctx context.Context, id int64) (*Team, *Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, nil, err
	}
	return doOne[Team](ctx, s.client, http.MethodGet, fmt.Sprintf("v1/teams/%d", id), "team", nil)
}

// Create creates a Team with the given name; add Users to it with AddUser.
//
// 400 (ErrBadRequest): the company might have reached the maximum number of
// teams allowed on their plan, or the name is not unique in the company or
// longer than 64 characters.
// 403 (ErrForbidden): invalid API key or Bearer access token.
//
//aircall:operation POST /v1/teams
func (s *TeamsService) Create(ctx context.Context, req *CreateTeamRequest) (*Team, *Response, error) {
	if req == nil {
		return nil, nil, &ArgError{Arg: "req", Reason: "must not be nil"}
	}
	if err := firstErr(checkNotBlank("Name", req.Name), checkMaxLen("Name", req.Name, maxTeamNameLen)); err != nil {
		return nil, nil, err
	}
	return doOne[Team](ctx, s.client, http.MethodPost, "v1/teams", "team", req)
}

// Delete deletes a Team: it is removed from the Numbers call distribution;
// its Users and Calls are not deleted. The reference documents a 204 but its
// example answers 200 OK: both are success.
//
// 403 (ErrForbidden): invalid API key or Bearer access token.
// 404 (ErrNotFound): id does not exist.
// 422 (ErrUnprocessable): the server is unable to process the request; the
// troubleshoot field says why.
//
//aircall:operation DELETE /v1/teams/:id
func (s *TeamsService) Delete(ctx context.Context, id int64) (*Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	return s.client.send(ctx, http.MethodDelete, fmt.Sprintf("v1/teams/%d", id), nil, nil)
}

// AddUser adds a User to a Team (Users are added one by one) and returns
// the updated Team.
//
// 403 (ErrForbidden): invalid API key or Bearer access token.
// 404 (ErrNotFound): either teamID or userID does not exist.
// 422 (ErrUnprocessable): the server is unable to process the request; the
// troubleshoot field says why.
//
//aircall:operation POST /v1/teams/:team_id/users/:user_id
func (s *TeamsService) AddUser(ctx context.Context, teamID, userID int64) (*Team, *Response, error) {
	if err := firstErr(checkID("teamID", teamID), checkID("userID", userID)); err != nil {
		return nil, nil, err
	}
	return doOne[Team](ctx, s.client, http.MethodPost, fmt.Sprintf("v1/teams/%d/users/%d", teamID, userID), "team", nil)
}

// RemoveUser removes a User from a Team and returns the updated Team. Calls
// made and received by this User are not deleted.
//
// 403 (ErrForbidden): invalid API key or Bearer access token.
// 404 (ErrNotFound): either teamID or userID does not exist.
// 422 (ErrUnprocessable): the server is unable to process the request; the
// troubleshoot field says why.
//
//aircall:operation DELETE /v1/teams/:team_id/users/:user_id
func (s *TeamsService) RemoveUser(ctx context.Context, teamID, userID int64) (*Team, *Response, error) {
	if err := firstErr(checkID("teamID", teamID), checkID("userID", userID)); err != nil {
		return nil, nil, err
	}
	return doOne[Team](ctx, s.client, http.MethodDelete, fmt.Sprintf("v1/teams/%d/users/%d", teamID, userID), "team", nil)
}
