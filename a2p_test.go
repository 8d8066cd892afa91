package aircall

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestA2PFixtures(t *testing.T) {
	t.Parallel()
	list, meta := testFixture[[]*A2PCampaignAssociation](t, "a2p/list.json", "a2p_campaign_associations")
	require.Len(t, list, 1)
	assert.Equal(t, 1, meta.Total)
	for _, rel := range []string{"a2p/get.json", "a2p/create.json", "a2p/update.json"} {
		a, _ := testFixture[*A2PCampaignAssociation](t, rel, "a2p_campaign_association")
		assert.Equal(t, []string{"1279876456"}, a.Numbers, rel)
	}
}

func TestA2PCampaignAssociation_numbersAsStringsOrNumbers(t *testing.T) {
	t.Parallel()
	for _, body := range []string{
		`{"id":1,"numbers":[1279876456,"18001231234"]}`,
		`{"id":1,"numbers":["1279876456","18001231234"]}`,
	} {
		var a A2PCampaignAssociation
		require.NoError(t, json.Unmarshal([]byte(body), &a), body)
		assert.EqualValues(t, 1, a.ID)
		assert.Equal(t, []string{"1279876456", "18001231234"}, a.Numbers, body)
	}
	var a A2PCampaignAssociation
	require.NoError(t, json.Unmarshal([]byte(`{"id":2,"numbers":null,"unknown":true}`), &a), "production decoding tolerates unknown fields")
	assert.Nil(t, a.Numbers)
	assert.Error(t, json.Unmarshal([]byte(`{"numbers":[true]}`), &a))
}

func TestA2PService_List(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("GET /v1/a2p_campaign_associations", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, url.Values{"page": {"1"}})
		serveFixture(t, w, 200, "a2p/list.json")
	})
	list, resp, err := c.A2P.List(t.Context(), &ListOptions{Page: 1})
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, &A2PCampaignAssociation{
		ID: 458, CompanyID: 501, ExternalID: "CNXIO", UpdateStatus: A2PUpdatePending,
		CreatedAt: Timestamp{time.Date(2020, 2, 18, 20, 52, 22, 0, time.UTC)},
		UpdatedAt: Timestamp{time.Date(2020, 2, 18, 20, 52, 22, 0, time.UTC)},
		Numbers:   []string{"1279876456"},
	}, list[0])
	assert.Equal(t, 1, resp.Meta.Count)

	rc := setupRejecting(t)
	_, _, err = rc.A2P.List(t.Context(), &ListOptions{PerPage: 51})
	assertArgError(t, err, "PerPage")
	_, err = Collect(rc.A2P.ListIter(t.Context(), &ListOptions{Page: -1}))
	assertArgError(t, err, "Page")
}

func TestA2PService_ListIter(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("GET /v1/a2p_campaign_associations", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		assert.Equal(t, "10", q.Get("per_page"))
		if q.Get("page") == "1" {
			writeJSON(w, 200, `{"a2p_campaign_associations":[{"id":1,"numbers":[1]}],"meta":{"current_page":1,"next_page_link":"https://api.aircall.io/v1/a2p_campaign_associations?page=2&per_page=10"}}`)
			return
		}
		writeJSON(w, 200, `{"a2p_campaign_associations":[{"id":2,"numbers":["2"]}],"meta":{"current_page":2,"next_page_link":null}}`)
	})
	opts := &ListOptions{PerPage: 10}
	got, err := Collect(c.A2P.ListIter(t.Context(), opts))
	require.NoError(t, err)
	require.Len(t, got, 2)
	assert.Equal(t, []string{"1"}, got[0].Numbers)
	assert.Equal(t, []string{"2"}, got[1].Numbers)
	assert.Equal(t, &ListOptions{PerPage: 10}, opts)
}

func TestA2PService_Get(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("GET /v1/a2p_campaign_associations/458", func(w http.ResponseWriter, r *http.Request) {
		testNoBody(t, r)
		serveFixture(t, w, 200, "a2p/get.json")
	})
	a, _, err := c.A2P.Get(t.Context(), 458)
	require.NoError(t, err)
	assert.Equal(t, "CNXIO", a.ExternalID)
	assert.Empty(t, a.UpdateMessage)

	assertStatusSentinels(t, "GET /v1/a2p_campaign_associations/{id}", map[int]error{404: ErrNotFound}, func(ctx context.Context, c *Client) (*Response, error) {
		_, resp, err := c.A2P.Get(ctx, 1)
		return resp, err
	})
	_, _, err = setupRejecting(t).A2P.Get(t.Context(), 0)
	assertArgError(t, err, "id")
}

func TestA2PService_Create(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("POST /v1/a2p_campaign_associations", func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, `{ "external_campaign_id": "CNXIO", "numbers": [ 1279876456 ] }`)
		serveFixture(t, w, 201, "a2p/create.json")
	})
	a, resp, err := c.A2P.Create(t.Context(), &CreateA2PCampaignAssociationRequest{ExternalCampaignID: "CNXIO", Numbers: []string{"1279876456"}})
	require.NoError(t, err)
	assert.Equal(t, 201, resp.StatusCode)
	assert.EqualValues(t, 458, a.ID)
	assert.Equal(t, A2PUpdatePending, a.UpdateStatus)

	assertStatusSentinels(t, "POST /v1/a2p_campaign_associations", map[int]error{400: ErrBadRequest}, func(ctx context.Context, c *Client) (*Response, error) {
		_, resp, err := c.A2P.Create(ctx, &CreateA2PCampaignAssociationRequest{ExternalCampaignID: "CNXIO", Numbers: []string{"1279876456"}})
		return resp, err
	})
	rc := setupRejecting(t)
	for _, tc := range []struct {
		arg string
		req *CreateA2PCampaignAssociationRequest
	}{
		{"req", nil},
		{"ExternalCampaignID", &CreateA2PCampaignAssociationRequest{Numbers: []string{"1279876456"}}},
		{"ExternalCampaignID", &CreateA2PCampaignAssociationRequest{ExternalCampaignID: " ", Numbers: []string{"1279876456"}}},
		{"Numbers", &CreateA2PCampaignAssociationRequest{ExternalCampaignID: "CNXIO"}},
		{"Numbers[0]", &CreateA2PCampaignAssociationRequest{ExternalCampaignID: "CNXIO", Numbers: []string{"+18001231234"}}},
		{"Numbers[1]", &CreateA2PCampaignAssociationRequest{ExternalCampaignID: "CNXIO", Numbers: []string{"18001231234", "1 800 123"}}},
		{"Numbers[0]", &CreateA2PCampaignAssociationRequest{ExternalCampaignID: "CNXIO", Numbers: []string{"01234567"}}},
		{"Numbers[0]", &CreateA2PCampaignAssociationRequest{ExternalCampaignID: "CNXIO", Numbers: []string{"1234567890123456"}}},
	} {
		_, _, err := rc.A2P.Create(t.Context(), tc.req)
		assertArgError(t, err, tc.arg)
	}
}

func TestA2PRequests_MarshalJSON(t *testing.T) {
	t.Parallel()
	b, err := json.Marshal(CreateA2PCampaignAssociationRequest{ExternalCampaignID: "C", Numbers: []string{"18001231234", "999999999999999"}})
	require.NoError(t, err)
	assert.JSONEq(t, `{"external_campaign_id":"C","numbers":[18001231234,999999999999999]}`, string(b))
	b, err = json.Marshal(&UpdateA2PCampaignAssociationRequest{Numbers: []string{"+1800", "1800"}})
	require.NoError(t, err)
	assert.JSONEq(t, `{"numbers":["+1800",1800]}`, string(b), "an unchecked value stays a string")
	b, err = json.Marshal(UpdateA2PCampaignAssociationRequest{})
	require.NoError(t, err)
	assert.JSONEq(t, `{"numbers":[]}`, string(b))
}

func TestA2PService_Update(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("PUT /v1/a2p_campaign_associations/458", func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, `{ "numbers": [ 1279876456 ] }`)
		serveFixture(t, w, 200, "a2p/update.json")
	})
	a, _, err := c.A2P.Update(t.Context(), 458, &UpdateA2PCampaignAssociationRequest{Numbers: []string{"1279876456"}})
	require.NoError(t, err)
	assert.Equal(t, []string{"1279876456"}, a.Numbers)

	assertStatusSentinels(t, "PUT /v1/a2p_campaign_associations/{id}", map[int]error{400: ErrBadRequest}, func(ctx context.Context, c *Client) (*Response, error) {
		_, resp, err := c.A2P.Update(ctx, 1, &UpdateA2PCampaignAssociationRequest{Numbers: []string{"1279876456"}})
		return resp, err
	})
	rc := setupRejecting(t)
	for _, tc := range []struct {
		arg string
		id  int64
		req *UpdateA2PCampaignAssociationRequest
	}{
		{"id", 0, &UpdateA2PCampaignAssociationRequest{Numbers: []string{"1279876456"}}},
		{"req", 1, nil},
		{"Numbers", 1, &UpdateA2PCampaignAssociationRequest{}},
		{"Numbers[0]", 1, &UpdateA2PCampaignAssociationRequest{Numbers: []string{""}}},
	} {
		_, _, err := rc.A2P.Update(t.Context(), tc.id, tc.req)
		assertArgError(t, err, tc.arg)
	}
}

func TestA2PService_Delete(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("DELETE /v1/a2p_campaign_associations/458", func(w http.ResponseWriter, r *http.Request) {
		testNoBody(t, r)
		w.WriteHeader(http.StatusNoContent)
	})
	resp, err := c.A2P.Delete(t.Context(), 458)
	require.NoError(t, err)
	assert.Equal(t, 204, resp.StatusCode)

	assertStatusSentinels(t, "DELETE /v1/a2p_campaign_associations/{id}", map[int]error{400: ErrBadRequest}, func(ctx context.Context, c *Client) (*Response, error) {
		return c.A2P.Delete(ctx, 1)
	})
	_, err = setupRejecting(t).A2P.Delete(t.Context(), -1)
	assertArgError(t, err, "id")
}
