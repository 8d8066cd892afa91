package aircall

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestContactFixtures(t *testing.T) {
	t.Parallel()
	for _, rel := range []string{"contacts/list.json", "contacts/search.json"} {
		list, meta := testFixture[[]*Contact](t, rel, "contacts")
		assert.NotEmpty(t, list, rel)
		assert.NotNil(t, meta, rel)
	}
	for _, rel := range []string{"contacts/get.json", "contacts/create.json", "contacts/update.json"} {
		c, _ := testFixture[*Contact](t, rel, "contact")
		assert.NotZero(t, c.ID, rel)
	}
	for _, rel := range []string{"contacts/add_phone_detail.json", "contacts/update_phone_detail.json"} {
		d, _ := testFixture[*ContactDetail](t, rel, "phone_detail")
		assert.EqualValues(t, 5200, d.ID, rel)
	}
	for _, rel := range []string{"contacts/add_email_detail.json", "contacts/update_email_detail.json"} {
		d, _ := testFixture[*ContactDetail](t, rel, "email_detail")
		assert.EqualValues(t, 5201, d.ID, rel)
	}
}

func TestContactsService_List(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("GET /v1/contacts", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, url.Values{
			"page": {"3"}, "per_page": {"50"}, "from": {"1400000000"}, "to": {"1500000000"},
			"order": {"desc"}, "order_by": {"updated_at"},
		})
		serveFixture(t, w, 200, "contacts/list.json")
	})
	contacts, resp, err := c.Contacts.List(t.Context(), &ContactListOptions{
		ListOptions: ListOptions{Page: 3, PerPage: 50},
		From:        time.Unix(1400000000, 0), To: time.Unix(1500000000, 0),
		Order: "desc", OrderBy: "updated_at",
	})
	require.NoError(t, err)
	require.Len(t, contacts, 2)
	assert.Equal(t, &Contact{
		ID: 710, DirectLink: "https://api.aircall.io/v1/contacts/710", FirstName: "Vicente", LastName: "Abad",
		IsShared: true, CreatedAt: Timestamp{time.Unix(1400691054, 0).UTC()}, UpdatedAt: Timestamp{time.Unix(1444336506, 0).UTC()},
		Emails:       []ContactDetail{},
		PhoneNumbers: []ContactDetail{{ID: 3367, Label: "Mobile", Value: "+34664673697"}},
	}, contacts[0])
	m := contacts[1]
	assert.Equal(t, "TeleWorm", m.CompanyName)
	assert.Equal(t, []ContactDetail{{3368, "Mobile", "+34768776683"}, {3369, "Work", "+49111000460"}}, m.PhoneNumbers)
	assert.Equal(t, []ContactDetail{{3200, "Work", "m.morrison@teleworm.es"}}, m.Emails, "the last of the example's two emails keys")
	assert.Equal(t, 2, resp.Meta.Total)
}

func TestContactsService_List_sendsOnlyWhatIsSet(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("GET /v1/contacts", func(w http.ResponseWriter, r *http.Request) {
		assert.Empty(t, r.URL.RawQuery)
		serveFixture(t, w, 200, "contacts/list.json")
	})
	_, _, err := c.Contacts.List(t.Context(), nil)
	require.NoError(t, err)
}

func TestContactsService_invalidListOptions(t *testing.T) {
	t.Parallel()
	c := setupRejecting(t)
	for _, tc := range []struct {
		arg  string
		list ContactListOptions
	}{
		{"PerPage", ContactListOptions{ListOptions: ListOptions{PerPage: 51}}},
		{"PerPage", ContactListOptions{ListOptions: ListOptions{PerPage: -1}}},
		{"Order", ContactListOptions{Order: "a sc"}},
		{"OrderBy", ContactListOptions{OrderBy: "na me"}},
	} {
		_, _, err := c.Contacts.List(t.Context(), &tc.list)
		assertArgError(t, err, tc.arg)
		_, err = Collect(c.Contacts.ListIter(t.Context(), &tc.list))
		assertArgError(t, err, tc.arg)
		search := ContactSearchOptions{ListOptions: tc.list.ListOptions, Order: tc.list.Order, OrderBy: tc.list.OrderBy}
		_, _, err = c.Contacts.Search(t.Context(), &search)
		assertArgError(t, err, tc.arg)
		_, err = Collect(c.Contacts.SearchIter(t.Context(), &search))
		assertArgError(t, err, tc.arg)
	}
}

func TestContactsService_Search(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("GET /v1/contacts/search", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, url.Values{"phone_number": {"+34768776683"}, "email": {"m.morrison@teleworm.es"}, "order": {"asc"}})
		assert.Contains(t, r.URL.RawQuery, "phone_number=%2B34768776683", "the + is escaped")
		serveFixture(t, w, 200, "contacts/search.json")
	})
	contacts, resp, err := c.Contacts.Search(t.Context(), &ContactSearchOptions{
		PhoneNumber: "+34768776683", Email: "m.morrison@teleworm.es", Order: "asc",
	})
	require.NoError(t, err)
	require.Len(t, contacts, 1)
	assert.EqualValues(t, 711, contacts[0].ID)
	assert.Equal(t, "Margaret", contacts[0].FirstName)
	assert.Equal(t, 1, resp.Meta.Count)
}

func TestContactsService_Get(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("GET /v1/contacts/710", func(w http.ResponseWriter, r *http.Request) {
		testNoBody(t, r)
		serveFixture(t, w, 200, "contacts/get.json")
	})
	ct, _, err := c.Contacts.Get(t.Context(), 710)
	require.NoError(t, err)
	assert.Equal(t, "Vicente", ct.FirstName)
	assert.Empty(t, ct.CompanyName, "null")
	assert.Empty(t, ct.Information, "null")
	assert.Equal(t, time.Unix(1444336506, 0).UTC(), ct.UpdatedAt.Time)

	assertStatusSentinels(t, "GET /v1/contacts/{id}", map[int]error{404: ErrNotFound, 403: ErrForbidden}, func(ctx context.Context, c *Client) (*Response, error) {
		_, resp, err := c.Contacts.Get(ctx, 1)
		return resp, err
	})
	_, _, err = setupRejecting(t).Contacts.Get(t.Context(), 0)
	assertArgError(t, err, "id")
}

func TestContactsService_Create(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("POST /v1/contacts", func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, `{ "first_name": "Gary", "last_name": "Jennings", "information": "external_custom_id:87123", "phone_numbers": [ { "label": "Work", "value": "+19001112222" } ], "emails": [ { "label": "Office", "value": "gary.jennings@acme.com" } ] }`)
		serveFixture(t, w, 201, "contacts/create.json")
	})
	ct, resp, err := c.Contacts.Create(t.Context(), &CreateContactRequest{
		FirstName:    Ptr("Gary"),
		LastName:     Ptr("Jennings"),
		Information:  Ptr("external_custom_id:87123"),
		PhoneNumbers: []ContactDetail{{Label: "Work", Value: "+19001112222"}},
		Emails:       []ContactDetail{{Label: "Office", Value: "gary.jennings@acme.com"}},
	})
	require.NoError(t, err)
	assert.Equal(t, 201, resp.StatusCode)
	assert.EqualValues(t, 719, ct.ID)
	assert.Equal(t, []ContactDetail{{9171, "Work", "+19001112222"}}, ct.PhoneNumbers)
	assert.Equal(t, []ContactDetail{{9170, "Office", "gary.jennings@acme.com"}}, ct.Emails)
	assert.True(t, ct.IsShared)
}

func TestContactsService_Create_idsNeverSent(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("POST /v1/contacts", func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, `{"phone_numbers":[{"label":"Work","value":"+19001112222"}]}`)
		serveFixture(t, w, 201, "contacts/create.json")
	})
	req := &CreateContactRequest{PhoneNumbers: []ContactDetail{{ID: 3367, Label: "Work", Value: "+19001112222"}}}
	_, _, err := c.Contacts.Create(t.Context(), req)
	require.NoError(t, err)
	assert.EqualValues(t, 3367, req.PhoneNumbers[0].ID, "the caller's request is unchanged")
}

func TestContactsService_Create_errors(t *testing.T) {
	t.Parallel()
	assertStatusSentinels(t, "POST /v1/contacts", map[int]error{400: ErrBadRequest, 403: ErrForbidden}, func(ctx context.Context, c *Client) (*Response, error) {
		_, resp, err := c.Contacts.Create(ctx, &CreateContactRequest{PhoneNumbers: []ContactDetail{{Label: "Work", Value: "+19001112222"}}})
		return resp, err
	})

	// Duplicate creates make duplicate contacts: a 5xx is never retried.
	c, mux := setup(t, WithRetryPolicy(DefaultRetryPolicy()))
	calls := 0
	mux.HandleFunc("POST /v1/contacts", func(w http.ResponseWriter, r *http.Request) {
		calls++
		writeError(w, 503, "Service Unavailable", "")
	})
	_, _, err := c.Contacts.Create(t.Context(), &CreateContactRequest{PhoneNumbers: []ContactDetail{{Label: "Work", Value: "+19001112222"}}})
	assert.ErrorIs(t, err, ErrServer)
	assert.Equal(t, 1, calls)
}

func TestContactsService_Create_invalid(t *testing.T) {
	t.Parallel()
	c := setupRejecting(t)
	phone := []ContactDetail{{Label: "Work", Value: "+19001112222"}}
	many := func(n int, value string) []ContactDetail {
		out := make([]ContactDetail, n)
		for i := range out {
			out[i] = ContactDetail{Label: "L", Value: value + strconv.Itoa(i)}
		}
		return out
	}
	for _, tc := range []struct {
		arg string
		req *CreateContactRequest
	}{
		{"req", nil},
		{"PhoneNumbers", &CreateContactRequest{FirstName: Ptr("Gary")}},
		{"PhoneNumbers", &CreateContactRequest{PhoneNumbers: []ContactDetail{}}},
		{"PhoneNumbers", &CreateContactRequest{PhoneNumbers: many(21, "+1900111")}},
		{"Emails", &CreateContactRequest{PhoneNumbers: phone, Emails: many(21, "a@b.c")}},
		{"PhoneNumbers[0].Value", &CreateContactRequest{PhoneNumbers: []ContactDetail{{Label: "Work", Value: " "}}}},
		{"PhoneNumbers[1].Label", &CreateContactRequest{PhoneNumbers: []ContactDetail{phone[0], {Value: "+19001112223"}}}},
		{"Emails[0].Label", &CreateContactRequest{PhoneNumbers: phone, Emails: []ContactDetail{{Value: "a@b.c"}}}},
		{"Emails[0].Value", &CreateContactRequest{PhoneNumbers: phone, Emails: []ContactDetail{{Label: "Work"}}}},
		{"FirstName", &CreateContactRequest{PhoneNumbers: phone, FirstName: Ptr("")}},
		{"LastName", &CreateContactRequest{PhoneNumbers: phone, LastName: Ptr(strings.Repeat("é", 256))}},
		{"CompanyName", &CreateContactRequest{PhoneNumbers: phone, CompanyName: Ptr("\t")}},
		{"Information", &CreateContactRequest{PhoneNumbers: phone, Information: Ptr(" ")}},
	} {
		_, _, err := c.Contacts.Create(t.Context(), tc.req)
		assertArgError(t, err, tc.arg)
	}
	// The limits themselves are accepted.
	ok, mux := setup(t)
	mux.HandleFunc("POST /v1/contacts", func(w http.ResponseWriter, r *http.Request) { serveFixture(t, w, 201, "contacts/create.json") })
	_, _, err := ok.Contacts.Create(t.Context(), &CreateContactRequest{
		PhoneNumbers: many(20, "+1900111"), Emails: many(20, "a@b.c"), LastName: Ptr(strings.Repeat("é", 255)),
	})
	require.NoError(t, err)
}

func TestContactsService_Update(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("POST /v1/contacts/710", func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, `{ "first_name": "Vicente UPDATED", "company_name": "Lerox Inc." }`)
		serveFixture(t, w, 200, "contacts/update.json")
	})
	ct, _, err := c.Contacts.Update(t.Context(), 710, &UpdateContactRequest{FirstName: Ptr("Vicente UPDATED"), CompanyName: Ptr("Lerox Inc.")})
	require.NoError(t, err)
	assert.Equal(t, "Vicente UPDATED", ct.FirstName)
	assert.Equal(t, "Lerox Inc.", ct.CompanyName)

	assertStatusSentinels(t, "POST /v1/contacts/{id}", map[int]error{404: ErrNotFound, 400: ErrBadRequest}, func(ctx context.Context, c *Client) (*Response, error) {
		_, resp, err := c.Contacts.Update(ctx, 1, &UpdateContactRequest{LastName: Ptr("x")})
		return resp, err
	})
	rc := setupRejecting(t)
	for _, tc := range []struct {
		arg string
		id  int64
		req *UpdateContactRequest
	}{
		{"id", 0, &UpdateContactRequest{LastName: Ptr("x")}},
		{"req", 1, nil},
		{"req", 1, &UpdateContactRequest{}},
		{"FirstName", 1, &UpdateContactRequest{FirstName: Ptr("  ")}},
		{"Information", 1, &UpdateContactRequest{Information: Ptr("")}},
	} {
		_, _, err := rc.Contacts.Update(t.Context(), tc.id, tc.req)
		assertArgError(t, err, tc.arg)
	}
}

func TestContactsService_Delete(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("DELETE /v1/contacts/710", func(w http.ResponseWriter, r *http.Request) {
		testNoBody(t, r)
		testHeader(t, r, "Content-Type", "application/json")
		w.WriteHeader(http.StatusNoContent)
	})
	resp, err := c.Contacts.Delete(t.Context(), 710)
	require.NoError(t, err)
	assert.Equal(t, 204, resp.StatusCode)

	assertStatusSentinels(t, "DELETE /v1/contacts/{id}", map[int]error{404: ErrNotFound}, func(ctx context.Context, c *Client) (*Response, error) {
		return c.Contacts.Delete(ctx, 1)
	})
	_, err = setupRejecting(t).Contacts.Delete(t.Context(), -3)
	assertArgError(t, err, "id")
}

func TestContactsService_phoneDetails(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("POST /v1/contacts/710/phone_details", func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, `{ "label": "Work", "value": "+19161110000" }`)
		serveFixture(t, w, 201, "contacts/add_phone_detail.json")
	})
	mux.HandleFunc("PUT /v1/contacts/710/phone_details/5200", func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, `{ "label": "Home UPDATED", "value": "+19161110011" }`)
		serveFixture(t, w, 202, "contacts/update_phone_detail.json")
	})
	mux.HandleFunc("DELETE /v1/contacts/710/phone_details/5200", func(w http.ResponseWriter, r *http.Request) {
		testNoBody(t, r)
		w.WriteHeader(http.StatusNoContent)
	})

	d, resp, err := c.Contacts.AddPhoneNumber(t.Context(), 710, &ContactDetail{Label: "Work", Value: "+19161110000"})
	require.NoError(t, err)
	assert.Equal(t, 201, resp.StatusCode)
	assert.Equal(t, &ContactDetail{ID: 5200, Label: "Work", Value: "19161110000"}, d, "normalized by the API")

	d, resp, err = c.Contacts.UpdatePhoneNumber(t.Context(), 710, 5200, &ContactDetail{ID: 5200, Label: "Home UPDATED", Value: "+19161110011"})
	require.NoError(t, err)
	assert.Equal(t, 202, resp.StatusCode)
	assert.Equal(t, &ContactDetail{ID: 5200, Label: "Home UPDATED", Value: "19161110011"}, d)

	resp, err = c.Contacts.DeletePhoneNumber(t.Context(), 710, 5200)
	require.NoError(t, err)
	assert.Equal(t, 204, resp.StatusCode)
}

func TestContactsService_emailDetails(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("POST /v1/contacts/710/email_details", func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, `{ "value": "v.lightner@example.com" }`)
		serveFixture(t, w, 201, "contacts/add_email_detail.json")
	})
	mux.HandleFunc("PUT /v1/contacts/710/email_details/5201", func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, `{ "value": "v.updated@example.com" }`)
		serveFixture(t, w, 202, "contacts/update_email_detail.json")
	})
	mux.HandleFunc("DELETE /v1/contacts/710/email_details/5201", func(w http.ResponseWriter, r *http.Request) {
		testNoBody(t, r)
		w.WriteHeader(http.StatusNoContent)
	})

	d, resp, err := c.Contacts.AddEmail(t.Context(), 710, &ContactDetail{Value: "v.lightner@example.com"})
	require.NoError(t, err)
	assert.Equal(t, 201, resp.StatusCode)
	assert.Equal(t, &ContactDetail{ID: 5201, Label: "Work", Value: "v.lightner@example.com"}, d)

	d, resp, err = c.Contacts.UpdateEmail(t.Context(), 710, 5201, &ContactDetail{Value: "v.updated@example.com"})
	require.NoError(t, err)
	assert.Equal(t, 202, resp.StatusCode)
	assert.Equal(t, "v.updated@example.com", d.Value)

	resp, err = c.Contacts.DeleteEmail(t.Context(), 710, 5201)
	require.NoError(t, err)
	assert.Equal(t, 204, resp.StatusCode)
}

func TestContactsService_detailErrors(t *testing.T) {
	t.Parallel()
	detail := &ContactDetail{Value: "x"}
	// Beyond 20 phone numbers or emails, adding one answers 409.
	assertStatusSentinels(t, "POST /v1/contacts/{id}/phone_details", map[int]error{409: ErrConflict, 404: ErrNotFound}, func(ctx context.Context, c *Client) (*Response, error) {
		_, resp, err := c.Contacts.AddPhoneNumber(ctx, 1, detail)
		return resp, err
	})
	assertStatusSentinels(t, "POST /v1/contacts/{id}/email_details", map[int]error{409: ErrConflict, 404: ErrNotFound}, func(ctx context.Context, c *Client) (*Response, error) {
		_, resp, err := c.Contacts.AddEmail(ctx, 1, detail)
		return resp, err
	})
	assertStatusSentinels(t, "PUT /v1/contacts/{id}/phone_details/{pid}", map[int]error{404: ErrNotFound}, func(ctx context.Context, c *Client) (*Response, error) {
		_, resp, err := c.Contacts.UpdatePhoneNumber(ctx, 1, 2, detail)
		return resp, err
	})
	assertStatusSentinels(t, "PUT /v1/contacts/{id}/email_details/{eid}", map[int]error{404: ErrNotFound}, func(ctx context.Context, c *Client) (*Response, error) {
		_, resp, err := c.Contacts.UpdateEmail(ctx, 1, 2, detail)
		return resp, err
	})
	assertStatusSentinels(t, "DELETE /v1/contacts/{id}/phone_details/{pid}", map[int]error{404: ErrNotFound}, func(ctx context.Context, c *Client) (*Response, error) {
		return c.Contacts.DeletePhoneNumber(ctx, 1, 2)
	})
	assertStatusSentinels(t, "DELETE /v1/contacts/{id}/email_details/{eid}", map[int]error{404: ErrNotFound}, func(ctx context.Context, c *Client) (*Response, error) {
		return c.Contacts.DeleteEmail(ctx, 1, 2)
	})
}

func TestContactsService_detailsInvalid(t *testing.T) {
	t.Parallel()
	c := setupRejecting(t)
	ctx := t.Context()
	ok := &ContactDetail{Label: "Work", Value: "+19161110000"}
	check := func(arg string, err error) {
		t.Helper()
		assertArgError(t, err, arg)
	}
	_, _, err := c.Contacts.AddPhoneNumber(ctx, 0, ok)
	check("contactID", err)
	_, _, err = c.Contacts.AddPhoneNumber(ctx, 1, nil)
	check("phone", err)
	_, _, err = c.Contacts.AddPhoneNumber(ctx, 1, &ContactDetail{Label: "Work", Value: " "})
	check("phone.Value", err)
	_, _, err = c.Contacts.AddPhoneNumber(ctx, 1, &ContactDetail{Label: "  ", Value: "+1916"})
	check("phone.Label", err)
	_, _, err = c.Contacts.UpdatePhoneNumber(ctx, 1, 0, ok)
	check("phoneID", err)
	_, _, err = c.Contacts.UpdatePhoneNumber(ctx, 1, 2, &ContactDetail{Label: "Home"})
	check("phone.Value", err)
	_, err = c.Contacts.DeletePhoneNumber(ctx, -1, 2)
	check("contactID", err)
	_, err = c.Contacts.DeletePhoneNumber(ctx, 1, 0)
	check("phoneID", err)
	_, _, err = c.Contacts.AddEmail(ctx, 1, &ContactDetail{})
	check("email.Value", err)
	_, _, err = c.Contacts.UpdateEmail(ctx, 1, -2, ok)
	check("emailID", err)
	_, _, err = c.Contacts.UpdateEmail(ctx, 1, 2, nil)
	check("email", err)
	_, err = c.Contacts.DeleteEmail(ctx, 1, 0)
	check("emailID", err)
}

// contactsFake serves n contacts (ids 1..n, created 4 per second, updated in
// reverse order) on /v1/contacts and /v1/contacts/search, honouring page,
// per_page, from, to, order and order_by, and answering the documented 400
// (testdata/errors/page_limit.json) past ItemCap. It records every query.
type contactsFake struct {
	n       int
	mu      sync.Mutex
	queries []url.Values
}

var contactsT0 = time.Unix(1_400_000_000, 0)

func (f *contactsFake) created(id int) time.Time {
	return contactsT0.Add(time.Duration((id-1)/4) * time.Second)
}

func (f *contactsFake) updated(id int) time.Time {
	return contactsT0.Add(time.Duration(f.n-id) * time.Second)
}

func (f *contactsFake) handler(t *testing.T) http.HandlerFunc {
	capBody := loadFixture(t, "errors/page_limit.json")
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		f.mu.Lock()
		f.queries = append(f.queries, q)
		f.mu.Unlock()
		page, _ := strconv.Atoi(q.Get("page"))
		page = max(page, 1)
		per, _ := strconv.Atoi(q.Get("per_page"))
		if per == 0 {
			per = 20
		}
		if page*per > ItemCap {
			writeJSON(w, http.StatusBadRequest, capBody)
			return
		}
		// created(id) = t0 + (id-1)/4 seconds, so from and to select a range
		// of ids; updated_at grows as ids shrink.
		lo, hi := 1, f.n
		if q.Has("from") {
			from, _ := strconv.ParseInt(q.Get("from"), 10, 64)
			lo = max(lo, int(from-contactsT0.Unix())*4+1)
		}
		if q.Has("to") {
			to, _ := strconv.ParseInt(q.Get("to"), 10, 64)
			hi = min(hi, int(to-contactsT0.Unix())*4+4)
		}
		total := max(hi-lo+1, 0)
		descending := q.Get("order") == "desc"
		if q.Get("order_by") == "updated_at" {
			descending = !descending
		}
		start := min((page-1)*per, total)
		end := min(start+per, total)
		ids := make([]int, 0, end-start)
		for i := start; i < end; i++ {
			if descending {
				ids = append(ids, hi-i)
			} else {
				ids = append(ids, lo+i)
			}
		}
		type item struct {
			ID        int64 `json:"id"`
			CreatedAt int64 `json:"created_at"`
			UpdatedAt int64 `json:"updated_at"`
		}
		items := make([]item, 0, len(ids))
		for _, id := range ids {
			items = append(items, item{int64(id), f.created(id).Unix(), f.updated(id).Unix()})
		}
		meta := map[string]any{"count": len(items), "total": total, "current_page": page, "per_page": per, "next_page_link": nil}
		if end < total {
			next := url.Values{}
			for k, v := range q {
				next[k] = v
			}
			next.Set("page", strconv.Itoa(page+1))
			meta["next_page_link"] = "https://api.aircall.io" + r.URL.Path + "?" + next.Encode()
		}
		b, err := json.Marshal(map[string]any{"contacts": items, "meta": meta})
		require.NoError(t, err)
		writeJSON(w, 200, b)
	}
}

func newContactsFake(t *testing.T, n int) (*Client, *contactsFake) {
	c, mux := setup(t)
	f := &contactsFake{n: n}
	mux.HandleFunc("GET /v1/contacts", f.handler(t))
	mux.HandleFunc("GET /v1/contacts/search", f.handler(t))
	return c, f
}

func contactIDs(contacts []*Contact) []int64 {
	out := make([]int64, len(contacts))
	for i, c := range contacts {
		out[i] = c.ID
	}
	return out
}

func TestContactsService_ListIter_pastTheCap(t *testing.T) {
	t.Parallel()
	const n = 10500
	for _, tc := range []struct {
		name    string
		opts    ContactListOptions
		reverse bool
	}{
		{"default order, proactive restart", ContactListOptions{}, false},
		{"ascending, restart on the documented 400", ContactListOptions{Order: "asc", ListOptions: ListOptions{PerPage: 30}}, false},
		{"descending by created_at", ContactListOptions{Order: "desc", OrderBy: "created_at"}, true},
		{"descending, restart on the documented 400", ContactListOptions{Order: "desc", ListOptions: ListOptions{PerPage: 45}}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, f := newContactsFake(t, n)
			opts := tc.opts
			got, err := Collect(c.Contacts.ListIter(t.Context(), &opts))
			require.NoError(t, err)
			want := make([]int64, n)
			for i := range want {
				want[i] = int64(i + 1)
			}
			if tc.reverse {
				slices.Reverse(want)
			}
			require.Len(t, got, n, "every contact")
			assert.Equal(t, want, contactIDs(got), "each exactly once, in order")
			assert.Equal(t, tc.opts, opts, "the caller's options are unchanged")

			first := f.queries[0]
			assert.Equal(t, "1", first.Get("page"))
			if tc.opts.Order == "" {
				assert.Equal(t, "asc", first.Get("order"), "order=asc is sent when Order is empty")
			}
			if tc.opts.PerPage == 0 {
				assert.Equal(t, "50", first.Get("per_page"))
			}
			restarted := false
			for _, q := range f.queries {
				if (tc.reverse && q.Has("to")) || (!tc.reverse && q.Has("from")) {
					restarted = true
				}
			}
			assert.True(t, restarted, "the listing restarted on a creation-time bound")
		})
	}
}

func TestContactsService_SearchIter_pastTheCap(t *testing.T) {
	t.Parallel()
	const n = 10500
	c, f := newContactsFake(t, n)
	opts := &ContactSearchOptions{PhoneNumber: "+33 1 76 11 11 11", ListOptions: ListOptions{PerPage: 40}}
	seen := make(map[int64]int, n)
	for ct, err := range c.Contacts.SearchIter(t.Context(), opts) {
		require.NoError(t, err)
		seen[ct.ID]++
	}
	require.Len(t, seen, n, "every contact")
	for id, times := range seen {
		require.Equal(t, 1, times, "contact %d", id)
	}
	for _, q := range f.queries {
		assert.Equal(t, "+33 1 76 11 11 11", q.Get("phone_number"), "the filter survives every restart")
		assert.Equal(t, "40", q.Get("per_page"))
	}
	assert.Equal(t, &ContactSearchOptions{PhoneNumber: "+33 1 76 11 11 11", ListOptions: ListOptions{PerPage: 40}}, opts)
}

func TestContactsService_iterOrderedByUpdatedAtStopsAtTheCap(t *testing.T) {
	t.Parallel()
	c, f := newContactsFake(t, 10100)
	got, err := Collect(c.Contacts.ListIter(t.Context(), &ContactListOptions{OrderBy: "updated_at"}))
	require.ErrorIs(t, err, ErrPageLimitExceeded)
	assert.ErrorIs(t, err, ErrBadRequest)
	assert.Len(t, got, ItemCap)
	for _, q := range f.queries {
		assert.False(t, q.Has("from"), "no creation-time restart when ordering by updated_at")
		assert.Equal(t, f.queries[0].Get("to"), q.Get("to"), "the window's end is pinned at the start")
		assert.False(t, q.Has("order"), "order is sent only when set")
	}

	got, err = Collect(c.Contacts.SearchIter(t.Context(), &ContactSearchOptions{OrderBy: "updated_at", Order: "desc", Email: "a@b.c"}))
	require.ErrorIs(t, err, ErrPageLimitExceeded)
	assert.Len(t, got, ItemCap)
}
