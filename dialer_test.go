package aircall

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDialerFixtures(t *testing.T) {
	t.Parallel()
	campaign, _ := testFixture[*DialerCampaign](t, "dialer/get.json", "")
	assert.Equal(t, &DialerCampaign{ID: 75555, CreatedAt: Timestamp{ucTime(t, "2020-03-21T20:20:04Z")}}, campaign)

	numbers, meta := testFixture[[]*DialerPhoneNumber](t, "dialer/phone_numbers.json", "numbers")
	assert.Nil(t, meta, "not paginated")
	require.Len(t, numbers, 3)
	assert.Equal(t, &DialerPhoneNumber{ID: 4671488, Number: "+18002112223", CreatedAt: Timestamp{ucTime(t, "2020-03-20T20:42:57Z")}}, numbers[0])
	assert.Equal(t, "+18004112225", numbers[2].Number)
}

func TestDialerCampaign_numberIDForms(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   string
		want int64
	}{
		{`{"id":1,"number_id":null}`, 0},
		{`{"id":1}`, 0},
		{`{"id":1,"number_id":1234}`, 1234},
		{`{"id":1,"number_id":"1234"}`, 1234},
		{`{"id":1,"number_id":""}`, 0},
		{`{"id":1,"number_id":"French Office"}`, 0},
	} {
		var d DialerCampaign
		require.NoError(t, json.Unmarshal([]byte(tc.in), &d), tc.in)
		assert.EqualValues(t, 1, d.ID, tc.in)
		assert.Equal(t, tc.want, d.NumberID, tc.in)
	}
	var d DialerCampaign
	assert.Error(t, json.Unmarshal([]byte(`{"id":"x"}`), &d), "other fields stay strict")
}

func TestDialerCampaignsService_Get(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("GET /v1/users/456/dialer_campaign", func(w http.ResponseWriter, r *http.Request) {
		testNoBody(t, r)
		testQuery(t, r, nil)
		serveFixture(t, w, 200, "dialer/get.json")
	})
	campaign, _, err := c.DialerCampaigns.Get(t.Context(), 456)
	require.NoError(t, err)
	assert.EqualValues(t, 75555, campaign.ID)
	assert.Zero(t, campaign.NumberID)

	assertErrors(t, "GET /v1/users/456/dialer_campaign", func(t *testing.T, c *Client) (*Response, error) {
		campaign, resp, err := c.DialerCampaigns.Get(t.Context(), 456)
		assert.Nil(t, campaign)
		return resp, err
	}, errorCase{404, "User has no active campaign.", ErrNotFound})
}

func TestDialerCampaignsService_Create(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("POST /v1/users/456/dialer_campaign", func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, `{ "phone_numbers": ["+19161112222", "+18001112222"] }`)
		w.WriteHeader(http.StatusNoContent)
	})
	resp, err := c.DialerCampaigns.Create(t.Context(), 456, []string{"+19161112222", "+18001112222"})
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)

	assertErrors(t, "POST /v1/users/456/dialer_campaign", func(t *testing.T, c *Client) (*Response, error) {
		return c.DialerCampaigns.Create(t.Context(), 456, []string{"+19161112222"})
	}, errorCase{422, "Must include at least one valid phone number.", ErrUnprocessable})
}

func TestDialerCampaignsService_Delete(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("DELETE /v1/users/456/dialer_campaign", func(w http.ResponseWriter, r *http.Request) {
		testNoBody(t, r)
		w.WriteHeader(http.StatusNoContent)
	})
	resp, err := c.DialerCampaigns.Delete(t.Context(), 456)
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)

	assertErrors(t, "DELETE /v1/users/456/dialer_campaign", func(t *testing.T, c *Client) (*Response, error) {
		return c.DialerCampaigns.Delete(t.Context(), 456)
	}, errorCase{404, "User has no active campaign.", ErrNotFound})
}

func TestDialerCampaignsService_ListPhoneNumbers(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("GET /v1/users/456/dialer_campaign/phone_numbers", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, nil)
		serveFixture(t, w, 200, "dialer/phone_numbers.json")
	})
	numbers, resp, err := c.DialerCampaigns.ListPhoneNumbers(t.Context(), 456)
	require.NoError(t, err)
	assert.Nil(t, resp.Meta)
	require.Len(t, numbers, 3)
	assert.EqualValues(t, 4671489, numbers[1].ID)
	assert.Equal(t, "+18003112224", numbers[1].Number)
	assert.False(t, numbers[1].Called)

	assertErrors(t, "GET /v1/users/456/dialer_campaign/phone_numbers", func(t *testing.T, c *Client) (*Response, error) {
		_, resp, err := c.DialerCampaigns.ListPhoneNumbers(t.Context(), 456)
		return resp, err
	}, errorCase{404, "User has no active campaign.", ErrNotFound})
}

func TestDialerCampaignsService_AddPhoneNumbers(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("POST /v1/users/456/dialer_campaign/phone_numbers", func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, `{ "phone_numbers": [ "+19161112222", "+18001112222" ] }`)
		w.WriteHeader(http.StatusNoContent)
	})
	resp, err := c.DialerCampaigns.AddPhoneNumbers(t.Context(), 456, []string{"+19161112222", "+18001112222"})
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)

	assertErrors(t, "POST /v1/users/456/dialer_campaign/phone_numbers", func(t *testing.T, c *Client) (*Response, error) {
		return c.DialerCampaigns.AddPhoneNumbers(t.Context(), 456, []string{"+19161112222"})
	}, errorCase{422, "Must include at least one valid phone number.", ErrUnprocessable})
}

func TestDialerCampaignsService_DeletePhoneNumber(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("DELETE /v1/users/456/dialer_campaign/phone_numbers/4671488", func(w http.ResponseWriter, r *http.Request) {
		testHeader(t, r, "Content-Type", "application/json")
		testNoBody(t, r)
		w.WriteHeader(http.StatusNoContent)
	})
	resp, err := c.DialerCampaigns.DeletePhoneNumber(t.Context(), 456, 4671488)
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)

	assertErrors(t, "DELETE /v1/users/456/dialer_campaign/phone_numbers/4671488", func(t *testing.T, c *Client) (*Response, error) {
		return c.DialerCampaigns.DeletePhoneNumber(t.Context(), 456, 4671488)
	}, errorCase{404, "Not found", ErrNotFound})
}

func TestDialerCampaignsService_invalidInput(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		arg  string
		call func(context.Context, *Client) error
	}{
		{"get", "userID", func(ctx context.Context, c *Client) error { _, _, err := c.DialerCampaigns.Get(ctx, 0); return err }},
		{"create user", "userID", func(ctx context.Context, c *Client) error {
			_, err := c.DialerCampaigns.Create(ctx, 0, []string{"+19161112222"})
			return err
		}},
		{"create none", "phoneNumbers", func(ctx context.Context, c *Client) error {
			_, err := c.DialerCampaigns.Create(ctx, 1, nil)
			return err
		}},
		{"create not E.164", "phoneNumbers[1]", func(ctx context.Context, c *Client) error {
			_, err := c.DialerCampaigns.Create(ctx, 1, []string{"+19161112222", "916-111-2222"})
			return err
		}},
		{"delete", "userID", func(ctx context.Context, c *Client) error { _, err := c.DialerCampaigns.Delete(ctx, -1); return err }},
		{"list", "userID", func(ctx context.Context, c *Client) error {
			_, _, err := c.DialerCampaigns.ListPhoneNumbers(ctx, 0)
			return err
		}},
		{"add user", "userID", func(ctx context.Context, c *Client) error {
			_, err := c.DialerCampaigns.AddPhoneNumbers(ctx, 0, []string{"+19161112222"})
			return err
		}},
		{"add none", "phoneNumbers", func(ctx context.Context, c *Client) error {
			_, err := c.DialerCampaigns.AddPhoneNumbers(ctx, 1, []string{})
			return err
		}},
		{"add not E.164", "phoneNumbers[0]", func(ctx context.Context, c *Client) error {
			_, err := c.DialerCampaigns.AddPhoneNumbers(ctx, 1, []string{"19161112222"})
			return err
		}},
		{"delete number user", "userID", func(ctx context.Context, c *Client) error {
			_, err := c.DialerCampaigns.DeletePhoneNumber(ctx, 0, 1)
			return err
		}},
		{"delete number id", "id", func(ctx context.Context, c *Client) error {
			_, err := c.DialerCampaigns.DeletePhoneNumber(ctx, 1, 0)
			return err
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			assertRejected(t, tc.arg, tc.call)
		})
	}
}
