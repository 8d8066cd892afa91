package aircall

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTagFixtures(t *testing.T) {
	t.Parallel()
	list, meta := testFixture[[]*Tag](t, "tags/list.json", "tags")
	assert.Len(t, list, 3)
	assert.Equal(t, 3, meta.Total)
	for _, rel := range []string{"tags/get.json", "tags/create.json", "tags/update.json"} {
		tag, _ := testFixture[*Tag](t, rel, "tag")
		assert.NotZero(t, tag.ID, rel)
	}
}

func TestTagsService_List(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("GET /v1/tags", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, url.Values{"page": {"1"}, "per_page": {"3"}})
		serveFixture(t, w, 200, "tags/list.json")
	})
	tags, resp, err := c.Tags.List(t.Context(), &ListOptions{Page: 1, PerPage: 3})
	require.NoError(t, err)
	assert.Equal(t, []*Tag{
		{ID: 678, Name: "General Inquiries", Color: "#0662B5"},
		{ID: 679, Name: "Feedback", Color: "#008f6c"},
		{ID: 680, Name: "Spam Call", Color: "#FCBB26"},
	}, tags)
	assert.Equal(t, 20, resp.Meta.PerPage)

	assertStatusSentinels(t, "GET /v1/tags", map[int]error{403: ErrForbidden}, func(ctx context.Context, c *Client) (*Response, error) {
		_, resp, err := c.Tags.List(ctx, nil)
		return resp, err
	})
	rc := setupRejecting(t)
	_, _, err = rc.Tags.List(t.Context(), &ListOptions{PerPage: 100})
	assertArgError(t, err, "PerPage")
	_, err = Collect(rc.Tags.ListIter(t.Context(), &ListOptions{PerPage: 51}))
	assertArgError(t, err, "PerPage")
}

func TestTagsService_ListIter(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("GET /v1/tags", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, url.Values{"page": {r.URL.Query().Get("page")}, "per_page": {"50"}})
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		next := "null"
		if page < 3 {
			next = fmt.Sprintf(`"https://api.aircall.io/v1/tags?page=%d&per_page=50"`, page+1)
		}
		writeJSON(w, 200, fmt.Sprintf(`{"tags":[{"id":%d,"name":"t","color":"#fff","description":null}],"meta":{"current_page":%d,"next_page_link":%s}}`, page, page, next))
	})
	got, err := Collect(c.Tags.ListIter(t.Context(), nil))
	require.NoError(t, err)
	require.Len(t, got, 3)
	assert.EqualValues(t, 3, got[2].ID)
}

func TestTagsService_Get(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("GET /v1/tags/678", func(w http.ResponseWriter, r *http.Request) {
		testNoBody(t, r)
		serveFixture(t, w, 200, "tags/get.json")
	})
	tag, _, err := c.Tags.Get(t.Context(), 678)
	require.NoError(t, err)
	assert.Equal(t, &Tag{ID: 678, Name: "General Inquiries", Color: "#0662B5"}, tag)

	assertStatusSentinels(t, "GET /v1/tags/{id}", map[int]error{403: ErrForbidden, 404: ErrNotFound}, func(ctx context.Context, c *Client) (*Response, error) {
		_, resp, err := c.Tags.Get(ctx, 1)
		return resp, err
	})
	_, _, err = setupRejecting(t).Tags.Get(t.Context(), 0)
	assertArgError(t, err, "id")
}

func TestTagsService_Create(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("POST /v1/tags", func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, `{ "name": "VIP Customer", "color": "#00B388" }`)
		serveFixture(t, w, 201, "tags/create.json")
	})
	tag, resp, err := c.Tags.Create(t.Context(), &CreateTagRequest{Name: "VIP Customer", Color: "#00B388"})
	require.NoError(t, err)
	assert.Equal(t, 201, resp.StatusCode)
	assert.Equal(t, &Tag{ID: 681, Name: "VIP Customer", Color: "#00B388"}, tag)

	assertStatusSentinels(t, "POST /v1/tags", map[int]error{400: ErrBadRequest, 403: ErrForbidden}, func(ctx context.Context, c *Client) (*Response, error) {
		_, resp, err := c.Tags.Create(ctx, &CreateTagRequest{Name: "VIP Customer", Color: "#00B388"})
		return resp, err
	})
	rc := setupRejecting(t)
	for _, tc := range []struct {
		arg string
		req *CreateTagRequest
	}{
		{"req", nil},
		{"Name", &CreateTagRequest{Color: "#00B388"}},
		{"Name", &CreateTagRequest{Name: "  ", Color: "#00B388"}},
		{"Color", &CreateTagRequest{Name: "VIP"}},
		{"Color", &CreateTagRequest{Name: "VIP", Color: "00B388"}},
		{"Color", &CreateTagRequest{Name: "VIP", Color: "#00B38"}},
		{"Color", &CreateTagRequest{Name: "VIP", Color: "#00B38G"}},
		{"Color", &CreateTagRequest{Name: "VIP", Color: "green"}},
		{"Color", &CreateTagRequest{Name: "VIP", Color: "#00B388FF"}},
	} {
		_, _, err := rc.Tags.Create(t.Context(), tc.req)
		assertArgError(t, err, tc.arg)
	}
}

func TestCheckHexColor(t *testing.T) {
	t.Parallel()
	for _, ok := range []string{"#0662B5", "#008f6c", "#FCBB26", "#fff", "#0B8"} {
		assert.NoError(t, checkHexColor("Color", ok), ok)
	}
	for _, bad := range []string{"", "#", "#ff", "#ffff", "fff", "#gggggg", "#12345", " #fff", "#ÿÿÿ"} {
		assert.Error(t, checkHexColor("Color", bad), bad)
	}
}

func TestTagsService_Update(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("PUT /v1/tags/681", func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, `{ "name": "Tier 2 Customer" }`)
		serveFixture(t, w, 200, "tags/update.json")
	})
	tag, _, err := c.Tags.Update(t.Context(), 681, &UpdateTagRequest{Name: Ptr("Tier 2 Customer")})
	require.NoError(t, err)
	assert.Equal(t, &Tag{ID: 681, Name: "Tier 2 Customer", Color: "#00B388"}, tag)

	c2, mux2 := setup(t)
	mux2.HandleFunc("PUT /v1/tags/681", func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, `{"color":"#abc"}`)
		serveFixture(t, w, 200, "tags/update.json")
	})
	_, _, err = c2.Tags.Update(t.Context(), 681, &UpdateTagRequest{Color: Ptr("#abc")})
	require.NoError(t, err)

	assertStatusSentinels(t, "PUT /v1/tags/{id}", map[int]error{400: ErrBadRequest, 403: ErrForbidden, 404: ErrNotFound}, func(ctx context.Context, c *Client) (*Response, error) {
		_, resp, err := c.Tags.Update(ctx, 1, &UpdateTagRequest{Name: Ptr("x")})
		return resp, err
	})
	rc := setupRejecting(t)
	for _, tc := range []struct {
		arg string
		id  int64
		req *UpdateTagRequest
	}{
		{"id", 0, &UpdateTagRequest{Name: Ptr("x")}},
		{"req", 1, nil},
		{"req", 1, &UpdateTagRequest{}},
		{"Name", 1, &UpdateTagRequest{Name: Ptr("")}},
		{"Color", 1, &UpdateTagRequest{Color: Ptr("")}},
		{"Color", 1, &UpdateTagRequest{Name: Ptr("x"), Color: Ptr("red")}},
	} {
		_, _, err := rc.Tags.Update(t.Context(), tc.id, tc.req)
		assertArgError(t, err, tc.arg)
	}
}

func TestTagsService_Delete(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("DELETE /v1/tags/681", func(w http.ResponseWriter, r *http.Request) {
		testNoBody(t, r)
		w.WriteHeader(http.StatusNoContent)
	})
	resp, err := c.Tags.Delete(t.Context(), 681)
	require.NoError(t, err)
	assert.Equal(t, 204, resp.StatusCode)

	assertStatusSentinels(t, "DELETE /v1/tags/{id}", map[int]error{403: ErrForbidden, 404: ErrNotFound, 422: ErrUnprocessable}, func(ctx context.Context, c *Client) (*Response, error) {
		return c.Tags.Delete(ctx, 1)
	})
	_, err = setupRejecting(t).Tags.Delete(t.Context(), 0)
	assertArgError(t, err, "id")
}
