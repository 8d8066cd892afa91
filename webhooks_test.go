package aircall

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const testWebhookID = "c2501111-8a69-4342-bb34-bcd6cfe564ab"

var contactEvents = []EventType{"contact.created", "contact.updated", "contact.deleted"}

func TestWebhookFixtures(t *testing.T) {
	t.Parallel()
	list, meta := testFixture[[]*Webhook](t, "webhooks/list.json", "webhooks")
	assert.Len(t, list, 2)
	assert.Equal(t, 2, meta.Count)
	for _, rel := range []string{"webhooks/get.json", "webhooks/create.json", "webhooks/update.json"} {
		wh, _ := testFixture[*Webhook](t, rel, "webhook")
		assert.NotEmpty(t, wh.WebhookID, rel)
		assert.NotZero(t, wh.ID, rel)
	}
}

func TestWebhooksService_List(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("GET /v1/webhooks", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, url.Values{"order": {"desc"}, "per_page": {"2"}})
		serveFixture(t, w, 200, "webhooks/list.json")
	})
	hooks, _, err := c.Webhooks.List(t.Context(), &WebhookListOptions{Order: "desc", ListOptions: ListOptions{PerPage: 2}})
	require.NoError(t, err)
	require.Len(t, hooks, 2)
	assert.Equal(t, &Webhook{
		ID:         1001,
		WebhookID:  testWebhookID,
		DirectLink: "https://api.aircall.io/v1/webhooks/1001",
		CreatedAt:  Timestamp{time.Date(2020, 4, 1, 15, 56, 18, 0, time.UTC)},
		URL:        "https://my-server.example.com/webhooks/calls",
		Active:     true,
		Token:      "abc123def456ghi789",
		Events:     []EventType{"call.assigned", "call.transferred", "call.ringing_on_agent"},
	}, hooks[0])
	assert.EqualValues(t, 1002, hooks[1].ID)
	assert.Equal(t, []EventType{"number.opened", "number.closed"}, hooks[1].Events)

	assertStatusSentinels(t, "GET /v1/webhooks", map[int]error{403: ErrForbidden}, func(ctx context.Context, c *Client) (*Response, error) {
		_, resp, err := c.Webhooks.List(ctx, nil)
		return resp, err
	})
	rc := setupRejecting(t)
	_, _, err = rc.Webhooks.List(t.Context(), &WebhookListOptions{Order: "latest first"})
	assertArgError(t, err, "Order")
	_, err = Collect(rc.Webhooks.ListIter(t.Context(), &WebhookListOptions{ListOptions: ListOptions{PerPage: 60}}))
	assertArgError(t, err, "PerPage")
}

func TestWebhooksService_ListIter(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("GET /v1/webhooks", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		assert.Equal(t, "asc", q.Get("order"))
		assert.Equal(t, "50", q.Get("per_page"))
		if q.Get("page") == "1" {
			writeJSON(w, 200, `{"webhooks":[{"webhook_id":"a"}],"meta":{"current_page":1,"next_page_link":"https://api.aircall.io/v1/webhooks?page=2"}}`)
			return
		}
		writeJSON(w, 200, `{"webhooks":[{"webhook_id":"b"}],"meta":{"current_page":2,"next_page_link":null}}`)
	})
	var got []string
	for wh, err := range c.Webhooks.ListIter(t.Context(), &WebhookListOptions{Order: "asc"}) {
		require.NoError(t, err)
		got = append(got, wh.WebhookID)
	}
	assert.Equal(t, []string{"a", "b"}, got)
}

func TestWebhooksService_Get(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("GET /v1/webhooks/{id}", func(w http.ResponseWriter, r *http.Request) {
		testNoBody(t, r)
		assert.Contains(t, []string{testWebhookID, "1001"}, r.PathValue("id"))
		serveFixture(t, w, 200, "webhooks/get.json")
	})
	wh, _, err := c.Webhooks.Get(t.Context(), testWebhookID)
	require.NoError(t, err)
	assert.Equal(t, testWebhookID, wh.WebhookID)
	assert.EqualValues(t, 1001, wh.ID)
	assert.Equal(t, "abc123def456ghi789", wh.Token)

	_, _, err = c.Webhooks.Get(t.Context(), "1001")
	require.NoError(t, err, "the legacy numeric id still works")

	assertStatusSentinels(t, "GET /v1/webhooks/{id}", map[int]error{403: ErrForbidden, 404: ErrNotFound}, func(ctx context.Context, c *Client) (*Response, error) {
		_, resp, err := c.Webhooks.Get(ctx, testWebhookID)
		return resp, err
	})
	rc := setupRejecting(t)
	for _, id := range []string{"", "  ", "a/b", "a?b", "a#b"} {
		_, _, err := rc.Webhooks.Get(t.Context(), id)
		assertArgError(t, err, "id")
	}
}

func TestWebhooksService_Create(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("POST /v1/webhooks", func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, `{ "custom_name": "My Custom Workflow", "url": "https://my-server.example.com/webhooks/contacts", "events": [ "contact.created", "contact.updated", "contact.deleted" ] }`)
		serveFixture(t, w, 201, "webhooks/create.json")
	})
	wh, resp, err := c.Webhooks.Create(t.Context(), &CreateWebhookRequest{
		CustomName: Ptr("My Custom Workflow"),
		URL:        "https://my-server.example.com/webhooks/contacts",
		Events:     contactEvents,
	})
	require.NoError(t, err)
	assert.Equal(t, 201, resp.StatusCode)
	assert.EqualValues(t, 26316, wh.ID)
	assert.Equal(t, testWebhookID, wh.WebhookID)
	assert.Equal(t, "df76g76dpziygs567f0", wh.Token)
	assert.Equal(t, contactEvents, wh.Events)
	assert.True(t, wh.Active)

	assertStatusSentinels(t, "POST /v1/webhooks", map[int]error{400: ErrBadRequest, 403: ErrForbidden}, func(ctx context.Context, c *Client) (*Response, error) {
		_, resp, err := c.Webhooks.Create(ctx, &CreateWebhookRequest{URL: "https://x.example.com", Events: contactEvents})
		return resp, err
	})
}

func TestWebhooksService_Create_allEventsIsExplicit(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("POST /v1/webhooks", func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, `{"url":"https://my-server.example.com/all"}`)
		serveFixture(t, w, 201, "webhooks/create.json")
	})
	_, _, err := c.Webhooks.Create(t.Context(), &CreateWebhookRequest{URL: "https://my-server.example.com/all", AllEvents: true})
	require.NoError(t, err)

	rc := setupRejecting(t)
	for _, tc := range []struct {
		arg string
		req *CreateWebhookRequest
	}{
		{"req", nil},
		{"Events", &CreateWebhookRequest{URL: "https://x.example.com"}},
		{"Events", &CreateWebhookRequest{URL: "https://x.example.com", Events: []EventType{}}},
		{"AllEvents", &CreateWebhookRequest{URL: "https://x.example.com", Events: contactEvents, AllEvents: true}},
		{"Events[1]", &CreateWebhookRequest{URL: "https://x.example.com", Events: []EventType{"call.created", " "}}},
		{"URL", &CreateWebhookRequest{Events: contactEvents}},
		{"URL", &CreateWebhookRequest{URL: "http://x.example.com", Events: contactEvents}},
		{"URL", &CreateWebhookRequest{URL: "x.example.com/hook", Events: contactEvents}},
	} {
		_, _, err := rc.Webhooks.Create(t.Context(), tc.req)
		assertArgError(t, err, tc.arg)
	}
	_, _, err = rc.Webhooks.Create(t.Context(), &CreateWebhookRequest{URL: "https://x.example.com"})
	assert.ErrorContains(t, err, "ALL events", "the error explains the trap")
}

func TestWebhooksService_Update(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("PUT /v1/webhooks/"+testWebhookID, func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, `{ "url": "https://my-new-server.example.com/webhooks/contacts", "events": [ "contact.created", "contact.updated", "contact.deleted" ] }`)
		serveFixture(t, w, 200, "webhooks/update.json")
	})
	wh, _, err := c.Webhooks.Update(t.Context(), testWebhookID, &UpdateWebhookRequest{
		URL:    Ptr("https://my-new-server.example.com/webhooks/contacts"),
		Events: contactEvents,
	})
	require.NoError(t, err)
	assert.Equal(t, "https://my-new-server.example.com/webhooks/contacts", wh.URL)
	assert.Equal(t, "c2501111-8a69-4342-bb34-bcd6cfe564ac", wh.WebhookID)

	assertStatusSentinels(t, "PUT /v1/webhooks/{id}", map[int]error{400: ErrBadRequest, 403: ErrForbidden, 404: ErrNotFound}, func(ctx context.Context, c *Client) (*Response, error) {
		_, resp, err := c.Webhooks.Update(ctx, testWebhookID, &UpdateWebhookRequest{AllEvents: true})
		return resp, err
	})
}

func TestWebhooksService_Update_eventsTrap(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		req  UpdateWebhookRequest
		body string
	}{
		{"all events, deliberately", UpdateWebhookRequest{AllEvents: true, CustomName: Ptr("Everything")}, `{"custom_name":"Everything"}`},
		{"disable, keeping the events", UpdateWebhookRequest{Active: Ptr(false), Events: contactEvents}, `{"active":false,"events":["contact.created","contact.updated","contact.deleted"]}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mux := setup(t)
			mux.HandleFunc("PUT /v1/webhooks/"+testWebhookID, func(w http.ResponseWriter, r *http.Request) {
				testJSONBody(t, r, tc.body)
				serveFixture(t, w, 200, "webhooks/update.json")
			})
			_, _, err := c.Webhooks.Update(t.Context(), testWebhookID, &tc.req)
			require.NoError(t, err)
		})
	}

	rc := setupRejecting(t)
	for _, tc := range []struct {
		arg string
		id  string
		req *UpdateWebhookRequest
	}{
		{"id", "", &UpdateWebhookRequest{AllEvents: true}},
		{"req", testWebhookID, nil},
		{"Events", testWebhookID, &UpdateWebhookRequest{}},
		{"Events", testWebhookID, &UpdateWebhookRequest{Active: Ptr(true)}},
		{"Events", testWebhookID, &UpdateWebhookRequest{URL: Ptr("https://x.example.com")}},
		{"AllEvents", testWebhookID, &UpdateWebhookRequest{Events: contactEvents, AllEvents: true}},
		{"Events[0]", testWebhookID, &UpdateWebhookRequest{Events: []EventType{""}}},
		{"URL", testWebhookID, &UpdateWebhookRequest{URL: Ptr("ftp://x.example.com"), AllEvents: true}},
		{"URL", testWebhookID, &UpdateWebhookRequest{URL: Ptr(""), AllEvents: true}},
	} {
		_, _, err := rc.Webhooks.Update(t.Context(), tc.id, tc.req)
		assertArgError(t, err, tc.arg)
	}
	_, _, err := rc.Webhooks.Update(t.Context(), testWebhookID, &UpdateWebhookRequest{Active: Ptr(true)})
	assert.ErrorContains(t, err, "ALL events", "the error explains the trap")
}

func TestWebhooksService_Reactivate(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	puts := 0
	mux.HandleFunc("GET /v1/webhooks/"+testWebhookID, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `{"webhook":{"id":26316,"webhook_id":"`+testWebhookID+`","custom_name":"CRM sync","url":"https://my-server.example.com/webhooks/contacts",
			"active":false,"token":"df76g76dpziygs567f0","events":["contact.created","contact.updated","contact.deleted"]}}`)
	})
	mux.HandleFunc("PUT /v1/webhooks/"+testWebhookID, func(w http.ResponseWriter, r *http.Request) {
		puts++
		testJSONBody(t, r, `{"url":"https://my-server.example.com/webhooks/contacts","custom_name":"CRM sync","active":true,
			"events":["contact.created","contact.updated","contact.deleted"]}`)
		serveFixture(t, w, 200, "webhooks/update.json")
	})
	wh, resp, err := c.Webhooks.Reactivate(t.Context(), testWebhookID)
	require.NoError(t, err)
	assert.True(t, wh.Active)
	assert.Equal(t, http.MethodPut, resp.Request.Method, "the Response is the update's")
	assert.Equal(t, 1, puts)
}

func TestWebhooksService_Reactivate_alreadyActiveOrAllEvents(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("GET /v1/webhooks/active", func(w http.ResponseWriter, r *http.Request) {
		serveFixture(t, w, 200, "webhooks/get.json")
	})
	mux.HandleFunc("PUT /v1/webhooks/active", failHandler(t))
	wh, resp, err := c.Webhooks.Reactivate(t.Context(), "active")
	require.NoError(t, err)
	assert.True(t, wh.Active)
	assert.Equal(t, http.MethodGet, resp.Request.Method)

	// A disabled webhook listing no events is re-activated with all events,
	// the only reading of an empty list the API knows.
	mux.HandleFunc("GET /v1/webhooks/empty", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `{"webhook":{"webhook_id":"empty","url":"https://x.example.com","active":false,"events":[]}}`)
	})
	mux.HandleFunc("PUT /v1/webhooks/empty", func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, `{"url":"https://x.example.com","active":true}`)
		serveFixture(t, w, 200, "webhooks/update.json")
	})
	_, _, err = c.Webhooks.Reactivate(t.Context(), "empty")
	require.NoError(t, err)
}

func TestWebhooksService_Reactivate_errors(t *testing.T) {
	t.Parallel()
	assertStatusSentinels(t, "GET /v1/webhooks/{id}", map[int]error{404: ErrNotFound, 403: ErrForbidden}, func(ctx context.Context, c *Client) (*Response, error) {
		_, resp, err := c.Webhooks.Reactivate(ctx, testWebhookID)
		return resp, err
	})
	c, mux := setup(t)
	mux.HandleFunc("GET /v1/webhooks/{id}", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `{"webhook":{"webhook_id":"x","url":"https://x.example.com","active":false,"events":["call.created"]}}`)
	})
	mux.HandleFunc("PUT /v1/webhooks/{id}", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, 404, "Not Found", "Id does not exist")
	})
	_, resp, err := c.Webhooks.Reactivate(t.Context(), "x")
	assert.ErrorIs(t, err, ErrNotFound)
	assert.Equal(t, http.MethodPut, resp.Request.Method)

	_, _, err = setupRejecting(t).Webhooks.Reactivate(t.Context(), "")
	assertArgError(t, err, "id")
}

func TestWebhooksService_Delete(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("DELETE /v1/webhooks/"+testWebhookID, func(w http.ResponseWriter, r *http.Request) {
		testNoBody(t, r)
		testHeader(t, r, "Content-Type", "application/json")
		w.WriteHeader(http.StatusNoContent)
	})
	resp, err := c.Webhooks.Delete(t.Context(), testWebhookID)
	require.NoError(t, err)
	assert.Equal(t, 204, resp.StatusCode)

	assertStatusSentinels(t, "DELETE /v1/webhooks/{id}", map[int]error{403: ErrForbidden, 404: ErrNotFound}, func(ctx context.Context, c *Client) (*Response, error) {
		return c.Webhooks.Delete(ctx, "1001")
	})
	_, err = setupRejecting(t).Webhooks.Delete(t.Context(), " ")
	assertArgError(t, err, "id")
}

func TestWebhookPath_escapes(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "v1/webhooks/a%20b", webhookPath("a b"))
	assert.Equal(t, "v1/webhooks/"+testWebhookID, webhookPath(testWebhookID))
}
