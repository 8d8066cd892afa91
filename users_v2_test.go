package aircall

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUsersV2Fixtures(t *testing.T) {
	t.Parallel()
	t.Run("user", func(t *testing.T) {
		t.Parallel()
		u, _ := testFixture[*UserV2](t, "users_v2/user.json", "user")
		assert.Equal(t, &UserV2{
			ID: 458, DirectLink: "https://api.aircall.io/v2/users/458", Name: "Jeffrey Curtis",
			Email: "jeffrey.curtis@aircall.io", Available: false, AvailabilityStatus: UserStatusAvailable,
			CreatedAt: Timestamp{time.Date(2020, 2, 18, 20, 52, 22, 0, time.UTC)},
			TimeZone:  "Etc/UTC", Language: "en-US", WrapUpTime: 0,
		}, u)
	})
	t.Run("numbers", func(t *testing.T) {
		t.Parallel()
		numbers, meta := testFixture[[]*Number](t, "users_v2/numbers.json", "numbers")
		require.Len(t, numbers, 1)
		n := numbers[0]
		assert.Equal(t, int64(1234), n.ID)
		assert.True(t, n.FlowEditorEnabled)
		assert.Equal(t, "+33 1 76 11 11 11", n.Digits)
		require.NotNil(t, n.Messages)
		assert.Equal(t, "https://example.com/welcome.mp3", n.Messages.Welcome)
		assert.Equal(t, &Meta{Count: 1, Total: 1, CurrentPage: 1, PerPage: 20}, meta)
	})
}

func TestUsersV2_List(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	from := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	to := from.Add(24 * time.Hour)
	mux.HandleFunc("GET /v2/users", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, url.Values{
			"from": {strconv.FormatInt(from.Unix(), 10)}, "to": {strconv.FormatInt(to.Unix(), 10)},
			"order": {"desc"}, "page": {"2"}, "per_page": {"10"},
		})
		testNoBody(t, r)
		writeJSON(w, http.StatusOK, `{"meta":{"count":1,"total":11,"current_page":2,"per_page":10,"next_page_link":null,`+
			`"previous_page_link":"https://api.aircall.io/v2/users?page=1&per_page=10"},`+
			`"users":[{"id":456,"name":"John Doe","availability_status":"unavailable","substatus":"out_for_lunch"}]}`)
	})
	users, resp, err := client.UsersV2.List(t.Context(), &UserV2ListOptions{
		From: from, To: to, Order: "desc", ListOptions: ListOptions{Page: 2, PerPage: 10},
	})
	require.NoError(t, err)
	require.Len(t, users, 1)
	assert.Equal(t, UserStatusUnavailable, users[0].AvailabilityStatus)
	assert.Equal(t, UserV2SubstatusOutForLunch, users[0].Substatus)
	require.NotNil(t, resp.Meta)
	assert.Equal(t, 11, resp.Meta.Total)
	assert.Zero(t, resp.Meta.NextPage())
}

func TestUsersV2_ListNoOptions(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("GET /v2/users", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, nil)
		writeJSON(w, http.StatusOK, `{"meta":{"count":0,"total":0,"current_page":1,"per_page":20},"users":[]}`)
	})
	users, _, err := client.UsersV2.List(t.Context(), nil)
	require.NoError(t, err)
	assert.Empty(t, users)
	_, _, err = client.UsersV2.List(t.Context(), &UserV2ListOptions{})
	require.NoError(t, err)
}

// pagedUsersV2 answers GET /v2/users with total users, perPage at a time,
// checking that every request carries want (besides page and per_page).
func pagedUsersV2(t *testing.T, total int, want url.Values) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		page, _ := strconv.Atoi(q.Get("page"))
		perPage, _ := strconv.Atoi(q.Get("per_page"))
		assert.Equal(t, 50, perPage, "iterators ask for 50 per page")
		for k, v := range want {
			assert.Equal(t, v, q[k], "query %s", k)
		}
		users := ""
		for i := (page-1)*perPage + 1; i <= min(page*perPage, total); i++ {
			if users != "" {
				users += ","
			}
			users += fmt.Sprintf(`{"id":%d}`, i)
		}
		next := "null"
		if page*perPage < total {
			next = fmt.Sprintf(`"https://api.aircall.io/v2/users?page=%d&per_page=%d"`, page+1, perPage)
		}
		writeJSON(w, http.StatusOK, fmt.Sprintf(`{"meta":{"current_page":%d,"per_page":%d,"total":%d,"next_page_link":%s},"users":[%s]}`,
			page, perPage, total, next, users))
	}
}

func TestUsersV2_ListIter(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	from := time.Unix(1700000000, 0)
	mux.HandleFunc("GET /v2/users", pagedUsersV2(t, 120, url.Values{"from": {"1700000000"}, "order": {"asc"}}))
	opts := &UserV2ListOptions{From: from, Order: "asc"}
	before := *opts
	seq := client.UsersV2.ListIter(t.Context(), opts)
	for range 2 { // re-iterable
		users, err := Collect(seq)
		require.NoError(t, err)
		require.Len(t, users, 120)
		assert.Equal(t, int64(1), users[0].ID)
		assert.Equal(t, int64(120), users[119].ID)
	}
	assert.Equal(t, before, *opts, "the caller's options are not modified")

	client2, mux2 := setup(t)
	mux2.HandleFunc("GET /v2/users", pagedUsersV2(t, 120, nil))
	n := 0
	for _, err := range client2.UsersV2.ListIter(t.Context(), nil) {
		require.NoError(t, err)
		if n++; n == 3 {
			break
		}
	}
	assert.Equal(t, 3, n, "break stops cleanly")
}

func TestUsersV2_Get(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("GET /v2/users/{id}", func(w http.ResponseWriter, r *http.Request) {
		testNoBody(t, r)
		switch r.PathValue("id") {
		case "458":
			serveFixture(t, w, http.StatusOK, "users_v2/user.json")
		default:
			writeError(w, http.StatusNotFound, "Not Found", "User not found")
		}
	})
	u, resp, err := client.UsersV2.Get(t.Context(), 458)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "Jeffrey Curtis", u.Name)

	_, resp, err = client.UsersV2.Get(t.Context(), 1)
	assert.ErrorIs(t, err, ErrNotFound)
	require.NotNil(t, resp)
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
}

func TestUsersV2_GetByEmail(t *testing.T) {
	t.Parallel()
	for _, email := range []string{"jeffrey.curtis@aircall.io", "jeff+ops@aircall.io", "o'neil;x%y@example.com"} {
		t.Run(email, func(t *testing.T) {
			t.Parallel()
			client, mux := setup(t)
			mux.HandleFunc("GET /v2/users/{id}", func(w http.ResponseWriter, r *http.Request) {
				assert.Equal(t, email, r.PathValue("id"), "the email arrives whole")
				assert.Equal(t, "/v2/users/"+url.PathEscape(email), r.URL.EscapedPath())
				serveFixture(t, w, http.StatusOK, "users_v2/user.json")
			})
			u, _, err := client.UsersV2.GetByEmail(t.Context(), email)
			require.NoError(t, err)
			assert.Equal(t, int64(458), u.ID)
		})
	}
	t.Run("not found", func(t *testing.T) {
		t.Parallel()
		client, mux := setup(t)
		mux.HandleFunc("GET /v2/users/{id}", func(w http.ResponseWriter, r *http.Request) {
			writeError(w, http.StatusNotFound, "Not Found", "User not found")
		})
		_, _, err := client.UsersV2.GetByEmail(t.Context(), "nobody@example.com")
		assert.ErrorIs(t, err, ErrNotFound)
	})
}

func TestUsersV2_Create(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("POST /v2/users", func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, `{"email":"jeffrey.curtis@aircall.io","first_name":"Jeffrey","last_name":"Curtis",`+
			`"time_zone":"Etc/UTC","language":"en-US","wrap_up_time":0,"role_ids":["agent","supervisor"],"inviter_user_id":456}`)
		serveFixture(t, w, http.StatusCreated, "users_v2/user.json")
	})
	u, resp, err := client.UsersV2.Create(t.Context(), &CreateUserV2Request{
		Email: "jeffrey.curtis@aircall.io", FirstName: "Jeffrey", LastName: "Curtis",
		TimeZone: Ptr("Etc/UTC"), Language: Ptr("en-US"), WrapUpTime: Ptr(0),
		RoleIDs: []string{"agent", "supervisor"}, InviterUserID: Ptr(int64(456)),
	})
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	assert.Equal(t, int64(458), u.ID)
	assert.Empty(t, u.Substatus, "the create answer has no substatus")
}

func TestUsersV2_CreateMinimalAndUnprocessable(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("POST /v2/users", func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, `{"email":"taken@aircall.io","first_name":"Jeff","last_name":"Curtis"}`)
		writeError(w, http.StatusUnprocessableEntity, "Unprocessable Entity", "Email has already been taken")
	})
	_, _, err := client.UsersV2.Create(t.Context(), &CreateUserV2Request{Email: "taken@aircall.io", FirstName: "Jeff", LastName: "Curtis"})
	assert.ErrorIs(t, err, ErrUnprocessable)
	var er *ErrorResponse
	require.ErrorAs(t, err, &er)
	assert.Equal(t, "Email has already been taken", er.Troubleshoot)
}

func TestUsersV2_Update(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("PUT /v2/users/458", func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, `{"first_name":"Jeff","availability_status":"unavailable","substatus":"on_a_break","wrap_up_time":0,"role_ids":["admin"]}`)
		writeJSON(w, http.StatusOK, `{"user":{"id":458,"name":"Jeff Curtis","availability_status":"unavailable","substatus":"on_a_break"}}`)
	})
	mux.HandleFunc("PUT /v2/users/1", func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, `{}`)
		writeError(w, http.StatusNotFound, "Not Found", "User not found")
	})
	u, _, err := client.UsersV2.Update(t.Context(), 458, &UpdateUserV2Request{
		FirstName: Ptr("Jeff"), AvailabilityStatus: Ptr(UserStatusUnavailable), Substatus: Ptr(UserV2SubstatusOnABreak),
		WrapUpTime: Ptr(0), RoleIDs: []string{"admin"},
	})
	require.NoError(t, err)
	assert.Equal(t, "Jeff Curtis", u.Name)
	assert.Equal(t, UserV2SubstatusOnABreak, u.Substatus)

	_, _, err = client.UsersV2.Update(t.Context(), 1, &UpdateUserV2Request{})
	assert.ErrorIs(t, err, ErrNotFound)
}

func TestUsersV2_ListNumbers(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("GET /v2/users/458/numbers", func(w http.ResponseWriter, r *http.Request) {
		testNoBody(t, r)
		if r.URL.Query().Get("per_page") == "50" { // ListNumbersIter
			testQuery(t, r, url.Values{"order": {"desc"}, "page": {"1"}, "per_page": {"50"}})
		} else {
			testQuery(t, r, url.Values{"order": {"desc"}, "per_page": {"5"}})
		}
		serveFixture(t, w, http.StatusOK, "users_v2/numbers.json")
	})
	mux.HandleFunc("GET /v2/users/1/numbers", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "Not Found", "User not found")
	})
	numbers, resp, err := client.UsersV2.ListNumbers(t.Context(), 458, &UserV2NumberListOptions{Order: "desc", ListOptions: ListOptions{PerPage: 5}})
	require.NoError(t, err)
	require.Len(t, numbers, 1)
	assert.True(t, numbers[0].FlowEditorEnabled)
	assert.Equal(t, 1, resp.Meta.Total)

	all, err := Collect(client.UsersV2.ListNumbersIter(t.Context(), 458, &UserV2NumberListOptions{Order: "desc"}))
	require.NoError(t, err)
	assert.Len(t, all, 1)

	_, _, err = client.UsersV2.ListNumbers(t.Context(), 1, nil)
	assert.ErrorIs(t, err, ErrNotFound)
	_, err = Collect(client.UsersV2.ListNumbersIter(t.Context(), 1, nil))
	assert.ErrorIs(t, err, ErrNotFound)
}

func TestUsersV2_invalidInput(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("/", failHandler(t))
	ctx := t.Context()
	valid := func() *CreateUserV2Request {
		return &CreateUserV2Request{Email: "a@b.co", FirstName: "A", LastName: "B"}
	}
	for _, tc := range []struct {
		name, arg string
		call      func(ctx context.Context) error
	}{
		{"get id", "id", func(ctx context.Context) error { _, _, err := client.UsersV2.Get(ctx, 0); return err }},
		{"email blank", "email", func(ctx context.Context) error { _, _, err := client.UsersV2.GetByEmail(ctx, " "); return err }},
		{"email no at", "email", func(ctx context.Context) error { _, _, err := client.UsersV2.GetByEmail(ctx, "jeff"); return err }},
		{"email two ats", "email", func(ctx context.Context) error { _, _, err := client.UsersV2.GetByEmail(ctx, "a@b@c"); return err }},
		{"email slash", "email", func(ctx context.Context) error {
			_, _, err := client.UsersV2.GetByEmail(ctx, "a/../b@c.io")
			return err
		}},
		{"email space", "email", func(ctx context.Context) error { _, _, err := client.UsersV2.GetByEmail(ctx, "a b@c.io"); return err }},
		{"email ends with at", "email", func(ctx context.Context) error { _, _, err := client.UsersV2.GetByEmail(ctx, "ab@"); return err }},
		{"create nil", "req", func(ctx context.Context) error { _, _, err := client.UsersV2.Create(ctx, nil); return err }},
		{"create email", "Email", func(ctx context.Context) error {
			r := valid()
			r.Email = "nope"
			_, _, err := client.UsersV2.Create(ctx, r)
			return err
		}},
		{"create first name", "FirstName", func(ctx context.Context) error {
			r := valid()
			r.FirstName = ""
			_, _, err := client.UsersV2.Create(ctx, r)
			return err
		}},
		{"create last name", "LastName", func(ctx context.Context) error {
			r := valid()
			r.LastName = "  "
			_, _, err := client.UsersV2.Create(ctx, r)
			return err
		}},
		{"create time zone", "TimeZone", func(ctx context.Context) error {
			r := valid()
			r.TimeZone = Ptr("")
			_, _, err := client.UsersV2.Create(ctx, r)
			return err
		}},
		{"create wrap up", "WrapUpTime", func(ctx context.Context) error {
			r := valid()
			r.WrapUpTime = Ptr(-1)
			_, _, err := client.UsersV2.Create(ctx, r)
			return err
		}},
		{"create roles", "RoleIDs", func(ctx context.Context) error {
			r := valid()
			r.RoleIDs = []string{"agent", ""}
			_, _, err := client.UsersV2.Create(ctx, r)
			return err
		}},
		{"create inviter", "InviterUserID", func(ctx context.Context) error {
			r := valid()
			r.InviterUserID = Ptr(int64(0))
			_, _, err := client.UsersV2.Create(ctx, r)
			return err
		}},
		{"update id", "id", func(ctx context.Context) error {
			_, _, err := client.UsersV2.Update(ctx, -1, &UpdateUserV2Request{})
			return err
		}},
		{"update nil", "req", func(ctx context.Context) error { _, _, err := client.UsersV2.Update(ctx, 1, nil); return err }},
		{"update blank name", "LastName", func(ctx context.Context) error {
			_, _, err := client.UsersV2.Update(ctx, 1, &UpdateUserV2Request{LastName: Ptr("")})
			return err
		}},
		{"update status", "AvailabilityStatus", func(ctx context.Context) error {
			_, _, err := client.UsersV2.Update(ctx, 1, &UpdateUserV2Request{AvailabilityStatus: Ptr(UserStatus(""))})
			return err
		}},
		{"update substatus", "Substatus", func(ctx context.Context) error {
			_, _, err := client.UsersV2.Update(ctx, 1, &UpdateUserV2Request{Substatus: Ptr(UserV2Substatus(" "))})
			return err
		}},
		{"update wrap up", "WrapUpTime", func(ctx context.Context) error {
			_, _, err := client.UsersV2.Update(ctx, 1, &UpdateUserV2Request{WrapUpTime: Ptr(-5)})
			return err
		}},
		{"list order", "Order", func(ctx context.Context) error {
			_, _, err := client.UsersV2.List(ctx, &UserV2ListOptions{Order: "newest first"})
			return err
		}},
		{"list per page", "PerPage", func(ctx context.Context) error {
			_, _, err := client.UsersV2.List(ctx, &UserV2ListOptions{ListOptions: ListOptions{PerPage: 51}})
			return err
		}},
		{"list to before from", "To", func(ctx context.Context) error {
			_, _, err := client.UsersV2.List(ctx, &UserV2ListOptions{From: time.Unix(2000, 0), To: time.Unix(1000, 0)})
			return err
		}},
		{"list iter order", "Order", func(ctx context.Context) error {
			_, err := Collect(client.UsersV2.ListIter(ctx, &UserV2ListOptions{Order: "u p"}))
			return err
		}},
		{"numbers user", "userID", func(ctx context.Context) error {
			_, _, err := client.UsersV2.ListNumbers(ctx, 0, nil)
			return err
		}},
		{"numbers order", "Order", func(ctx context.Context) error {
			_, _, err := client.UsersV2.ListNumbers(ctx, 1, &UserV2NumberListOptions{Order: "x y"})
			return err
		}},
		{"numbers page", "Page", func(ctx context.Context) error {
			_, _, err := client.UsersV2.ListNumbers(ctx, 1, &UserV2NumberListOptions{ListOptions: ListOptions{Page: -1}})
			return err
		}},
		{"numbers iter user", "userID", func(ctx context.Context) error {
			_, err := Collect(client.UsersV2.ListNumbersIter(ctx, -3, nil))
			return err
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			assertArgError(t, tc.call(ctx), tc.arg)
		})
	}
}
