package aircall

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Helpers shared by the users, teams, calls and dialer tests (prefixed uc
// so they cannot clash with the helpers of other services' tests).

// ucErrorCase is one documented error answer of an endpoint.
// ucTime parses an RFC 3339 time for assertions.
func ucTime(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	require.NoError(t, err)
	return v.UTC()
}

// ucPages serves a two-page listing under key: the first page links to the
// second, and every query is recorded.
func ucPages(t *testing.T, mux *http.ServeMux, pattern, key string, first, second string) *[]url.Values {
	t.Helper()
	var queries []url.Values
	mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		queries = append(queries, r.URL.Query())
		switch r.URL.Query().Get("page") {
		case "1":
			writeJSON(w, 200, fmt.Sprintf(`{%q:[%s],"meta":{"count":1,"total":2,"current_page":1,"per_page":50,"next_page_link":"https://api.aircall.io%s?page=2&per_page=50","previous_page_link":null}}`, key, first, r.URL.Path))
		case "2":
			writeJSON(w, 200, fmt.Sprintf(`{%q:[%s],"meta":{"count":1,"total":2,"current_page":2,"per_page":50,"next_page_link":null,"previous_page_link":"https://api.aircall.io%s?page=1&per_page=50"}}`, key, second, r.URL.Path))
		default:
			t.Errorf("unexpected page %q", r.URL.Query().Get("page"))
			writeError(w, 400, "Bad Request", "unexpected page")
		}
	})
	return &queries
}

func TestUserFixtures(t *testing.T) {
	t.Parallel()
	users, meta := testFixture[[]*User](t, "users/list.json", "users")
	require.Len(t, users, 3)
	assert.Equal(t, &Meta{Count: 3, Total: 3, CurrentPage: 1, PerPage: 20}, meta)
	assert.Equal(t, &User{
		ID: 456, DirectLink: "https://api.aircall.io/v1/users/456", Name: "John Doe", Email: "john.doe@aircall.io",
		Available: true, AvailabilityStatus: UserStatusAvailable, CreatedAt: Timestamp{ucTime(t, "2019-12-29T10:03:18Z")},
		TimeZone: "America/New_York", Language: "en-US",
	}, users[0])
	assert.Equal(t, UserStatusCustom, users[1].AvailabilityStatus)
	assert.Equal(t, UserStatusUnavailable, users[2].AvailabilityStatus)
	assert.True(t, users[2].CreatedAt.IsZero(), `the documented "20120-01-02T09:01:58.000Z" is out of range: zero, not a failed page`)
	assert.Equal(t, "fr-FR", users[2].Language)

	user, _ := testFixture[*User](t, "users/get.json", "user")
	assert.EqualValues(t, 1234, user.DefaultNumberID)
	require.Len(t, user.Numbers, 1)
	assert.EqualValues(t, 1234, user.Numbers[0].ID)
	assert.Equal(t, "+33 1 76 11 11 11", user.Numbers[0].Digits)

	created, _ := testFixture[*User](t, "users/create.json", "user")
	assert.Equal(t, "Jeffrey Curtis", created.Name)
	assert.NotNil(t, created.Numbers)
	assert.Empty(t, created.Numbers)

	updated, _ := testFixture[*User](t, "users/update.json", "user")
	assert.Equal(t, "Jeff Updated Curtis", updated.Name)
	assert.Equal(t, 55, updated.WrapUpTime)

	avail, meta := testFixture[[]*UserAvailability](t, "users/availabilities.json", "users")
	assert.Equal(t, 3, meta.Count)
	assert.Equal(t, []*UserAvailability{
		{ID: 456, Availability: AvailabilityAvailable},
		{ID: 457, Availability: AvailabilityOffline},
		{ID: 458, Availability: AvailabilityDoNotDisturb},
	}, avail)

	one, _ := testFixture[*Availability](t, "users/availability.json", "availability")
	assert.Equal(t, AvailabilityAfterCallWork, *one)

	createReq, _ := testFixture[*CreateUserRequest](t, "users/create_request.json", "")
	assert.Equal(t, &CreateUserRequest{Email: "jeffrey.curtis@aircall.io", FirstName: "Jeffrey", LastName: "Curtis"}, createReq)
	updateReq, _ := testFixture[*UpdateUserRequest](t, "users/update_request.json", "")
	assert.Equal(t, &UpdateUserRequest{FirstName: Ptr("Jeff Updated")}, updateReq)
}

func TestUsersService_List(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("GET /v1/users", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, http.MethodGet)
		testNoBody(t, r)
		testQuery(t, r, url.Values{"from": {"1577836800"}, "to": {"1580515200"}, "order": {"desc"}, "page": {"2"}, "per_page": {"10"}})
		serveFixture(t, w, 200, "users/list.json")
	})
	users, resp, err := c.Users.List(t.Context(), &UserListOptions{
		ListOptions: ListOptions{Page: 2, PerPage: 10},
		From:        time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC),
		To:          time.Date(2020, 2, 1, 0, 0, 0, 0, time.UTC),
		Order:       "desc",
	})
	require.NoError(t, err)
	require.Len(t, users, 3)
	assert.EqualValues(t, 457, users[1].ID)
	assert.Equal(t, "Amy Rudd", users[1].Name)
	require.NotNil(t, resp.Meta)
	assert.Equal(t, 3, resp.Meta.Total)
}

func TestUsersService_List_sendsOnlyWhatIsSet(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("GET /v1/users", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, nil)
		serveFixture(t, w, 200, "users/list.json")
	})
	_, _, err := c.Users.List(t.Context(), nil)
	require.NoError(t, err)
	_, _, err = c.Users.List(t.Context(), &UserListOptions{})
	require.NoError(t, err)
}

func TestUsersService_ListIter(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	queries := ucPages(t, mux, "GET /v1/users", "users", `{"id":1,"name":"A"}`, `{"id":2,"name":"B"}`)
	opts := &UserListOptions{Order: "desc"}
	got, err := Collect(c.Users.ListIter(t.Context(), opts))
	require.NoError(t, err)
	require.Len(t, got, 2)
	assert.EqualValues(t, 1, got[0].ID)
	assert.EqualValues(t, 2, got[1].ID)
	assert.Equal(t, []url.Values{
		{"order": {"desc"}, "page": {"1"}, "per_page": {"50"}},
		{"order": {"desc"}, "page": {"2"}, "per_page": {"50"}},
	}, *queries)
	assert.Equal(t, &UserListOptions{Order: "desc"}, opts, "the caller's options are unchanged")
}

func TestUsersService_Get(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("GET /v1/users/456", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, http.MethodGet)
		testQuery(t, r, nil)
		serveFixture(t, w, 200, "users/get.json")
	})
	user, resp, err := c.Users.Get(t.Context(), 456)
	require.NoError(t, err)
	assert.Equal(t, 200, resp.StatusCode)
	assert.EqualValues(t, 456, user.ID)
	assert.Equal(t, "john.doe@aircall.io", user.Email)
	assert.EqualValues(t, 1234, user.DefaultNumberID)
	require.Len(t, user.Numbers, 1)
	assert.Equal(t, "French Office", user.Numbers[0].Name)

	assertErrors(t, "GET /v1/users/9", func(t *testing.T, c *Client) (*Response, error) {
		ctx := t.Context()
		u, resp, err := c.Users.Get(ctx, 9)
		assert.Nil(t, u)
		return resp, err
	}, errorCase{404, "Not found", ErrNotFound})
}

func TestUsersService_Create(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("POST /v1/users", func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, string(loadFixture(t, "users/create_request.json")))
		serveFixture(t, w, 201, "users/create.json")
	})
	user, resp, err := c.Users.Create(t.Context(), &CreateUserRequest{Email: "jeffrey.curtis@aircall.io", FirstName: "Jeffrey", LastName: "Curtis"})
	require.NoError(t, err)
	assert.Equal(t, 201, resp.StatusCode)
	assert.EqualValues(t, 458, user.ID)
	assert.Equal(t, UserStatusAvailable, user.AvailabilityStatus)
	assert.Equal(t, ucTime(t, "2020-02-18T20:52:22Z"), user.CreatedAt.Time)

	assertErrors(t, "POST /v1/users", func(t *testing.T, c *Client) (*Response, error) {
		ctx := t.Context()
		_, resp, err := c.Users.Create(ctx, &CreateUserRequest{Email: "a@b.co", FirstName: "A", LastName: "B"})
		return resp, err
	}, errorCase{422, "Mandatory attribute missing", ErrUnprocessable})
}

func TestUsersService_Create_allFields(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("POST /v1/users", func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, `{"email":"a@b.co","first_name":"A","last_name":"B","availability_status":"custom","role_ids":["admin","agent"],"wrap_up_time":0}`)
		serveFixture(t, w, 201, "users/create.json")
	})
	_, _, err := c.Users.Create(t.Context(), &CreateUserRequest{
		Email: "a@b.co", FirstName: "A", LastName: "B",
		AvailabilityStatus: Ptr(UserStatusCustom), RoleIDs: []Role{RoleAdmin, RoleAgent}, WrapUpTime: Ptr(0),
	})
	require.NoError(t, err)
}

func TestUsersService_Update(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("PUT /v1/users/458", func(w http.ResponseWriter, r *http.Request) {
		testHeader(t, r, "Content-Type", "application/json")
		testJSONBody(t, r, string(loadFixture(t, "users/update_request.json")))
		serveFixture(t, w, 200, "users/update.json")
	})
	user, _, err := c.Users.Update(t.Context(), 458, &UpdateUserRequest{FirstName: Ptr("Jeff Updated")})
	require.NoError(t, err)
	assert.Equal(t, "Jeff Updated Curtis", user.Name)
	assert.Equal(t, 55, user.WrapUpTime)
	assert.Equal(t, "America/New_York", user.TimeZone)

	assertErrors(t, "PUT /v1/users/458", func(t *testing.T, c *Client) (*Response, error) {
		ctx := t.Context()
		_, resp, err := c.Users.Update(ctx, 458, &UpdateUserRequest{AvailabilityStatus: Ptr(UserStatusUnavailable)})
		return resp, err
	}, errorCase{404, "Not found", ErrNotFound}, errorCase{422, "Invalid", ErrUnprocessable})
}

func TestUsersService_Update_sendsFalsyValues(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("PUT /v1/users/458", func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, `{"wrap_up_time":0,"role_ids":["supervisor"]}`)
		serveFixture(t, w, 200, "users/update.json")
	})
	_, _, err := c.Users.Update(t.Context(), 458, &UpdateUserRequest{WrapUpTime: Ptr(0), RoleIDs: []Role{RoleSupervisor}})
	require.NoError(t, err)
}

func TestUsersService_Delete(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("DELETE /v1/users/458", func(w http.ResponseWriter, r *http.Request) {
		testHeader(t, r, "Content-Type", "application/json")
		testNoBody(t, r)
		w.WriteHeader(http.StatusNoContent)
	})
	resp, err := c.Users.Delete(t.Context(), 458)
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)

	assertErrors(t, "DELETE /v1/users/458", func(t *testing.T, c *Client) (*Response, error) {
		ctx := t.Context()
		return c.Users.Delete(ctx, 458)
	}, errorCase{422, "Server unable to process the request", ErrUnprocessable}, errorCase{404, "Not found", ErrNotFound})
}

func TestUsersService_ListAvailabilities(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("GET /v1/users/availabilities", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, url.Values{"order": {"asc"}, "from": {"1577836800"}})
		serveFixture(t, w, 200, "users/availabilities.json")
	})
	got, resp, err := c.Users.ListAvailabilities(t.Context(), &UserListOptions{Order: "asc", From: time.Unix(1577836800, 0)})
	require.NoError(t, err)
	require.Len(t, got, 3)
	assert.Equal(t, AvailabilityOffline, got[1].Availability)
	assert.Equal(t, 3, resp.Meta.Count)
}

func TestUsersService_ListAvailabilitiesIter(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	queries := ucPages(t, mux, "GET /v1/users/availabilities", "users", `{"id":1,"availability":"in_call"}`, `{"id":2,"availability":"available"}`)
	got, err := Collect(c.Users.ListAvailabilitiesIter(t.Context(), nil))
	require.NoError(t, err)
	assert.Equal(t, []*UserAvailability{{ID: 1, Availability: AvailabilityInCall}, {ID: 2, Availability: AvailabilityAvailable}}, got)
	require.Len(t, *queries, 2)
	assert.Equal(t, url.Values{"page": {"1"}, "per_page": {"50"}}, (*queries)[0])
}

func TestUsersService_GetAvailability(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("GET /v1/users/456/availability", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, http.MethodGet)
		serveFixture(t, w, 200, "users/availability.json")
	})
	a, _, err := c.Users.GetAvailability(t.Context(), 456)
	require.NoError(t, err)
	assert.Equal(t, AvailabilityAfterCallWork, a)

	assertErrors(t, "GET /v1/users/456/availability", func(t *testing.T, c *Client) (*Response, error) {
		ctx := t.Context()
		a, resp, err := c.Users.GetAvailability(ctx, 456)
		assert.Empty(t, a)
		return resp, err
	}, errorCase{404, "Not found", ErrNotFound})
}

func TestUsersService_GetAvailability_unknownValuePassesThrough(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("GET /v1/users/456/availability", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `{"availability":"on_break"}`)
	})
	a, _, err := c.Users.GetAvailability(t.Context(), 456)
	require.NoError(t, err)
	assert.Equal(t, Availability("on_break"), a)
}

func TestUsersService_StartCall(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("POST /v1/users/456/calls", func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, `{ "number_id": 123, "to": "+18001231234" }`)
		w.WriteHeader(http.StatusNoContent)
	})
	resp, err := c.Users.StartCall(t.Context(), 456, &StartCallRequest{NumberID: 123, To: "+18001231234"})
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)

	assertErrors(t, "POST /v1/users/456/calls", func(t *testing.T, c *Client) (*Response, error) {
		ctx := t.Context()
		return c.Users.StartCall(ctx, 456, &StartCallRequest{NumberID: 123, To: "+18001231234"})
	},
		errorCase{400, "Number not found or invalid number to dial", ErrBadRequest},
		errorCase{405, "User not available", ErrMethodNotAllowed},
	)
}

func TestUsersService_Dial(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("POST /v1/users/456/dial", func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, `{ "to": "+18001231234" }`)
		w.WriteHeader(http.StatusNoContent)
	})
	resp, err := c.Users.Dial(t.Context(), 456, "+18001231234")
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)

	assertErrors(t, "POST /v1/users/456/dial", func(t *testing.T, c *Client) (*Response, error) {
		ctx := t.Context()
		return c.Users.Dial(ctx, 456, "+18001231234")
	},
		errorCase{400, "Invalid number to dial", ErrBadRequest},
		errorCase{405, "User not available", ErrMethodNotAllowed},
	)
}

func TestUsersService_invalidInput(t *testing.T) {
	t.Parallel()
	valid := func() *CreateUserRequest {
		return &CreateUserRequest{Email: "a@b.co", FirstName: "A", LastName: "B"}
	}
	cases := []struct {
		name string
		arg  string
		call func(context.Context, *Client) error
	}{
		{"list per_page", "PerPage", func(ctx context.Context, c *Client) error {
			_, _, err := c.Users.List(ctx, &UserListOptions{ListOptions: ListOptions{PerPage: 51}})
			return err
		}},
		{"list order", "Order", func(ctx context.Context, c *Client) error {
			_, _, err := c.Users.List(ctx, &UserListOptions{Order: "newest first"})
			return err
		}},
		{"list from after to", "From", func(ctx context.Context, c *Client) error {
			_, _, err := c.Users.List(ctx, &UserListOptions{From: time.Unix(2000, 0), To: time.Unix(1000, 0)})
			return err
		}},
		{"iter per_page", "PerPage", func(ctx context.Context, c *Client) error {
			_, err := Collect(c.Users.ListIter(ctx, &UserListOptions{ListOptions: ListOptions{PerPage: -1}}))
			return err
		}},
		{"iter order", "Order", func(ctx context.Context, c *Client) error {
			_, err := Collect(c.Users.ListIter(ctx, &UserListOptions{Order: "DE SC"}))
			return err
		}},
		{"availabilities per_page", "PerPage", func(ctx context.Context, c *Client) error {
			_, _, err := c.Users.ListAvailabilities(ctx, &UserListOptions{ListOptions: ListOptions{PerPage: 100}})
			return err
		}},
		{"availabilities iter order", "Order", func(ctx context.Context, c *Client) error {
			_, err := Collect(c.Users.ListAvailabilitiesIter(ctx, &UserListOptions{Order: "u p"}))
			return err
		}},
		{"get id", "id", func(ctx context.Context, c *Client) error { _, _, err := c.Users.Get(ctx, 0); return err }},
		{"create nil", "req", func(ctx context.Context, c *Client) error { _, _, err := c.Users.Create(ctx, nil); return err }},
		{"create email blank", "Email", func(ctx context.Context, c *Client) error {
			r := valid()
			r.Email = " "
			_, _, err := c.Users.Create(ctx, r)
			return err
		}},
		{"create email invalid", "Email", func(ctx context.Context, c *Client) error {
			r := valid()
			r.Email = "jeffrey.curtis"
			_, _, err := c.Users.Create(ctx, r)
			return err
		}},
		{"create first name", "FirstName", func(ctx context.Context, c *Client) error {
			r := valid()
			r.FirstName = ""
			_, _, err := c.Users.Create(ctx, r)
			return err
		}},
		{"create last name", "LastName", func(ctx context.Context, c *Client) error {
			r := valid()
			r.LastName = "\t"
			_, _, err := c.Users.Create(ctx, r)
			return err
		}},
		{"create status", "AvailabilityStatus", func(ctx context.Context, c *Client) error {
			r := valid()
			r.AvailabilityStatus = Ptr(UserStatus("bu sy"))
			_, _, err := c.Users.Create(ctx, r)
			return err
		}},
		{"create role", "RoleIDs[1]", func(ctx context.Context, c *Client) error {
			r := valid()
			r.RoleIDs = []Role{RoleAgent, "is admin"}
			_, _, err := c.Users.Create(ctx, r)
			return err
		}},
		{"create wrap-up", "WrapUpTime", func(ctx context.Context, c *Client) error {
			r := valid()
			r.WrapUpTime = Ptr(-1)
			_, _, err := c.Users.Create(ctx, r)
			return err
		}},
		{"update id", "id", func(ctx context.Context, c *Client) error {
			_, _, err := c.Users.Update(ctx, -5, &UpdateUserRequest{})
			return err
		}},
		{"update nil", "req", func(ctx context.Context, c *Client) error { _, _, err := c.Users.Update(ctx, 1, nil); return err }},
		{"update blank first name", "FirstName", func(ctx context.Context, c *Client) error {
			_, _, err := c.Users.Update(ctx, 1, &UpdateUserRequest{FirstName: Ptr("")})
			return err
		}},
		{"update blank last name", "LastName", func(ctx context.Context, c *Client) error {
			_, _, err := c.Users.Update(ctx, 1, &UpdateUserRequest{LastName: Ptr(" ")})
			return err
		}},
		{"update status", "AvailabilityStatus", func(ctx context.Context, c *Client) error {
			_, _, err := c.Users.Update(ctx, 1, &UpdateUserRequest{AvailabilityStatus: Ptr(UserStatus("off line"))})
			return err
		}},
		{"update role", "RoleIDs[0]", func(ctx context.Context, c *Client) error {
			_, _, err := c.Users.Update(ctx, 1, &UpdateUserRequest{RoleIDs: []Role{"Admin!"}})
			return err
		}},
		{"delete id", "id", func(ctx context.Context, c *Client) error { _, err := c.Users.Delete(ctx, 0); return err }},
		{"availability id", "id", func(ctx context.Context, c *Client) error { _, _, err := c.Users.GetAvailability(ctx, 0); return err }},
		{"start call user", "userID", func(ctx context.Context, c *Client) error {
			_, err := c.Users.StartCall(ctx, 0, &StartCallRequest{NumberID: 1, To: "+18001231234"})
			return err
		}},
		{"start call nil", "req", func(ctx context.Context, c *Client) error { _, err := c.Users.StartCall(ctx, 1, nil); return err }},
		{"start call number id", "NumberID", func(ctx context.Context, c *Client) error {
			_, err := c.Users.StartCall(ctx, 1, &StartCallRequest{To: "+18001231234"})
			return err
		}},
		{"start call to", "To", func(ctx context.Context, c *Client) error {
			_, err := c.Users.StartCall(ctx, 1, &StartCallRequest{NumberID: 1, To: "+1 800-123-1234"})
			return err
		}},
		{"dial user", "userID", func(ctx context.Context, c *Client) error { _, err := c.Users.Dial(ctx, 0, "+18001231234"); return err }},
		{"dial to", "to", func(ctx context.Context, c *Client) error { _, err := c.Users.Dial(ctx, 1, "18001231234"); return err }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			assertRejected(t, tc.arg, tc.call)
		})
	}
}
