package aircall

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTeamFixtures(t *testing.T) {
	t.Parallel()
	teams, meta := testFixture[[]*Team](t, "teams/list.json", "teams")
	assert.Equal(t, &Meta{Count: 1, Total: 1, CurrentPage: 1, PerPage: 20}, meta)
	require.Len(t, teams, 1)
	team := teams[0]
	assert.EqualValues(t, 678, team.ID)
	assert.Equal(t, "Global Sales", team.Name)
	assert.Equal(t, ucTime(t, "2020-03-10T08:31:43Z"), team.CreatedAt.Time)
	require.Len(t, team.Users, 2)
	assert.Equal(t, &User{
		ID: 456, DirectLink: "https://api.aircall.io/v1/users/4c56", Name: "John Doe", Email: "john.doe@aircall.io",
		CreatedAt: Timestamp{ucTime(t, "2019-12-29T10:03:18Z")}, TimeZone: "America/New_York",
	}, team.Users[0], "abridged users keep the documented odd direct_link")

	got, _ := testFixture[*Team](t, "teams/get.json", "team")
	assert.Equal(t, team, got)

	created, _ := testFixture[*Team](t, "teams/create.json", "team")
	assert.Equal(t, "Support USA", created.Name)
	assert.NotNil(t, created.Users)
	assert.Empty(t, created.Users)

	added, _ := testFixture[*Team](t, "teams/add_user.json", "team")
	require.Len(t, added.Users, 1)
	assert.EqualValues(t, 456, added.Users[0].ID)

	removed, _ := testFixture[*Team](t, "teams/remove_user.json", "team")
	assert.Empty(t, removed.Users)
}

func TestTeamsService_List(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("GET /v1/teams", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, url.Values{"order": {"desc"}, "per_page": {"5"}})
		serveFixture(t, w, 200, "teams/list.json")
	})
	teams, resp, err := c.Teams.List(t.Context(), &TeamListOptions{Order: "desc", ListOptions: ListOptions{PerPage: 5}})
	require.NoError(t, err)
	require.Len(t, teams, 1)
	assert.Equal(t, "Global Sales", teams[0].Name)
	assert.Equal(t, 1, resp.Meta.Total)

	assertErrors(t, "GET /v1/teams", func(t *testing.T, c *Client) (*Response, error) {
		_, resp, err := c.Teams.List(t.Context(), nil)
		return resp, err
	}, errorCase{403, "Forbidden. Invalid API key or Bearer access token", ErrForbidden})
}

func TestTeamsService_ListIter(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	queries := ucPages(t, mux, "GET /v1/teams", "teams", `{"id":1,"name":"A","users":[]}`, `{"id":2,"name":"B","users":[]}`)
	opts := &TeamListOptions{Order: "asc", ListOptions: ListOptions{PerPage: 50}}
	got, err := Collect(c.Teams.ListIter(t.Context(), opts))
	require.NoError(t, err)
	require.Len(t, got, 2)
	assert.Equal(t, "B", got[1].Name)
	assert.Equal(t, []url.Values{
		{"order": {"asc"}, "page": {"1"}, "per_page": {"50"}},
		{"order": {"asc"}, "page": {"2"}, "per_page": {"50"}},
	}, *queries)
	assert.Equal(t, &TeamListOptions{Order: "asc", ListOptions: ListOptions{PerPage: 50}}, opts)
}

func TestTeamsService_Get(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("GET /v1/teams/678", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, http.MethodGet)
		testNoBody(t, r)
		serveFixture(t, w, 200, "teams/get.json")
	})
	team, _, err := c.Teams.Get(t.Context(), 678)
	require.NoError(t, err)
	assert.Equal(t, "Global Sales", team.Name)
	require.Len(t, team.Users, 2)
	assert.Equal(t, "Amy Rudd", team.Users[1].Name)

	assertErrors(t, "GET /v1/teams/678", func(t *testing.T, c *Client) (*Response, error) {
		_, resp, err := c.Teams.Get(t.Context(), 678)
		return resp, err
	},
		errorCase{403, "Forbidden. Invalid API key or Bearer access token", ErrForbidden},
		errorCase{404, "Not found. Id does not exist", ErrNotFound},
	)
}

func TestTeamsService_Create(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("POST /v1/teams", func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, `{ "name": "Support USA" }`)
		serveFixture(t, w, 201, "teams/create.json")
	})
	team, resp, err := c.Teams.Create(t.Context(), &CreateTeamRequest{Name: "Support USA"})
	require.NoError(t, err)
	assert.Equal(t, 201, resp.StatusCode)
	assert.EqualValues(t, 679, team.ID)
	assert.Equal(t, "https://api.aircall.io/v1/teams/679", team.DirectLink)

	assertErrors(t, "POST /v1/teams", func(t *testing.T, c *Client) (*Response, error) {
		_, resp, err := c.Teams.Create(t.Context(), &CreateTeamRequest{Name: "Support USA"})
		return resp, err
	},
		errorCase{400, "Company might have reached the maximum number of teams allowed on their plan", ErrBadRequest},
		errorCase{403, "Forbidden. Invalid API key or Bearer access token", ErrForbidden},
	)
}

func TestTeamsService_Delete(t *testing.T) {
	t.Parallel()
	for _, status := range []int{http.StatusOK, http.StatusNoContent} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			t.Parallel()
			c, mux := setup(t)
			mux.HandleFunc("DELETE /v1/teams/679", func(w http.ResponseWriter, r *http.Request) {
				testNoBody(t, r)
				w.WriteHeader(status)
			})
			resp, err := c.Teams.Delete(t.Context(), 679)
			require.NoError(t, err)
			assert.Equal(t, status, resp.StatusCode)
		})
	}
	assertErrors(t, "DELETE /v1/teams/679", func(t *testing.T, c *Client) (*Response, error) {
		return c.Teams.Delete(t.Context(), 679)
	},
		errorCase{403, "Forbidden. Invalid API key or Bearer access token", ErrForbidden},
		errorCase{404, "Not found. Id does not exist", ErrNotFound},
		errorCase{422, "Server unable to process the request", ErrUnprocessable},
	)
}

func TestTeamsService_AddUser(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("POST /v1/teams/679/users/456", func(w http.ResponseWriter, r *http.Request) {
		testHeader(t, r, "Content-Type", "application/json")
		testNoBody(t, r)
		serveFixture(t, w, 201, "teams/add_user.json")
	})
	team, resp, err := c.Teams.AddUser(t.Context(), 679, 456)
	require.NoError(t, err)
	assert.Equal(t, 201, resp.StatusCode)
	require.Len(t, team.Users, 1)
	assert.Equal(t, "John Doe", team.Users[0].Name)

	assertErrors(t, "POST /v1/teams/679/users/456", func(t *testing.T, c *Client) (*Response, error) {
		_, resp, err := c.Teams.AddUser(t.Context(), 679, 456)
		return resp, err
	},
		errorCase{403, "Forbidden. Invalid API key or Bearer access token", ErrForbidden},
		errorCase{404, "Not found. Either team_id or user_id does not exist", ErrNotFound},
		errorCase{422, "Server unable to process the request", ErrUnprocessable},
	)
}

func TestTeamsService_RemoveUser(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("DELETE /v1/teams/679/users/456", func(w http.ResponseWriter, r *http.Request) {
		testNoBody(t, r)
		serveFixture(t, w, 200, "teams/remove_user.json")
	})
	team, _, err := c.Teams.RemoveUser(t.Context(), 679, 456)
	require.NoError(t, err)
	assert.EqualValues(t, 679, team.ID)
	assert.Empty(t, team.Users)

	assertErrors(t, "DELETE /v1/teams/679/users/456", func(t *testing.T, c *Client) (*Response, error) {
		_, resp, err := c.Teams.RemoveUser(t.Context(), 679, 456)
		return resp, err
	},
		errorCase{403, "Forbidden. Invalid API key or Bearer access token", ErrForbidden},
		errorCase{404, "Not found. Either team_id or user_id does not exist", ErrNotFound},
		errorCase{422, "Server unable to process the request", ErrUnprocessable},
	)
}

func TestTeamsService_invalidInput(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		arg  string
		call func(context.Context, *Client) error
	}{
		{"list per_page", "PerPage", func(ctx context.Context, c *Client) error {
			_, _, err := c.Teams.List(ctx, &TeamListOptions{ListOptions: ListOptions{PerPage: 51}})
			return err
		}},
		{"list order", "Order", func(ctx context.Context, c *Client) error {
			_, _, err := c.Teams.List(ctx, &TeamListOptions{Order: "na me"})
			return err
		}},
		{"iter order", "Order", func(ctx context.Context, c *Client) error {
			_, err := Collect(c.Teams.ListIter(ctx, &TeamListOptions{Order: "na me"}))
			return err
		}},
		{"get", "id", func(ctx context.Context, c *Client) error { _, _, err := c.Teams.Get(ctx, 0); return err }},
		{"create nil", "req", func(ctx context.Context, c *Client) error { _, _, err := c.Teams.Create(ctx, nil); return err }},
		{"create blank", "Name", func(ctx context.Context, c *Client) error {
			_, _, err := c.Teams.Create(ctx, &CreateTeamRequest{Name: "  "})
			return err
		}},
		{"create too long", "Name", func(ctx context.Context, c *Client) error {
			_, _, err := c.Teams.Create(ctx, &CreateTeamRequest{Name: strings.Repeat("é", 65)})
			return err
		}},
		{"delete", "id", func(ctx context.Context, c *Client) error { _, err := c.Teams.Delete(ctx, -1); return err }},
		{"add user team", "teamID", func(ctx context.Context, c *Client) error { _, _, err := c.Teams.AddUser(ctx, 0, 1); return err }},
		{"add user user", "userID", func(ctx context.Context, c *Client) error { _, _, err := c.Teams.AddUser(ctx, 1, 0); return err }},
		{"remove user team", "teamID", func(ctx context.Context, c *Client) error { _, _, err := c.Teams.RemoveUser(ctx, 0, 1); return err }},
		{"remove user user", "userID", func(ctx context.Context, c *Client) error { _, _, err := c.Teams.RemoveUser(ctx, 1, -3); return err }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			assertRejected(t, tc.arg, tc.call)
		})
	}
}

func TestTeamsService_Create_nameOf64Runes(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	name := strings.Repeat("é", 64)
	mux.HandleFunc("POST /v1/teams", func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, `{"name":"`+name+`"}`)
		serveFixture(t, w, 201, "teams/create.json")
	})
	_, _, err := c.Teams.Create(t.Context(), &CreateTeamRequest{Name: name})
	require.NoError(t, err, "64 characters is the documented maximum, not 64 bytes")
}
