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

func TestIntegrationFixture(t *testing.T) {
	t.Parallel()
	in, _ := testFixture[*Integration](t, "integrations/me.json", "integration")
	assert.Equal(t, "My app", in.Name)
}

// oauthSetup is setup with an OAuth access token instead of Basic credentials.
func oauthSetup(t *testing.T) (*Client, *http.ServeMux) {
	t.Helper()
	c, mux := setup(t)
	bearer, err := NewClient(WithBaseURL(c.BaseURL()), WithBearerToken("oauth-token"), WithoutRateLimit(), WithRetryPolicy(RetryPolicy{}))
	require.NoError(t, err)
	return bearer, mux
}

func TestIntegrationsService_Me(t *testing.T) {
	t.Parallel()
	c, mux := oauthSetup(t)
	mux.HandleFunc("GET /v1/integrations/me", func(w http.ResponseWriter, r *http.Request) {
		testHeader(t, r, "Authorization", "Bearer oauth-token")
		testNoBody(t, r)
		serveFixture(t, w, 200, "integrations/me.json")
	})
	in, _, err := c.Integrations.Me(t.Context())
	require.NoError(t, err)
	assert.EqualValues(t, 1234, in.ID)
	assert.Equal(t, "My app", in.Name)
	assert.Equal(t, "https://cdn.aircall.io/applications/standard/staging/ico_91.svg", in.Logo)
	assert.EqualValues(t, 1, in.CompanyID)
	assert.Equal(t, "active", in.Status)
	assert.True(t, in.Active)
	assert.Equal(t, time.Date(2020, 11, 2, 15, 38, 16, 0, time.UTC), in.CreatedAt.Time)
	assert.Equal(t, time.Date(2020, 11, 2, 15, 38, 29, 0, time.UTC), in.UpdatedAt.Time)
	assert.True(t, in.DeletedAt.IsZero(), "null")
	assert.Equal(t, []int64{123456}, in.NumberIDs)
	assert.Equal(t, 1, in.NumbersCount)
	assert.Empty(t, in.CustomName)
	require.NotNil(t, in.User)
	assert.EqualValues(t, 456, in.User.ID)
	assert.Equal(t, "John Doe", in.User.Name)

	c2, mux2 := oauthSetup(t)
	mux2.HandleFunc("GET /v1/integrations/me", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `{"integration":{"id":1,"name":"x","user":null}}`)
	})
	in, _, err = c2.Integrations.Me(t.Context())
	require.NoError(t, err)
	assert.Nil(t, in.User, "null if the user was deleted")
}

func TestIntegrationsService_Me_errors(t *testing.T) {
	t.Parallel()
	// 403 covers both an invalid Bearer token and an API key (Basic auth).
	assertStatusSentinels(t, "GET /v1/integrations/me", map[int]error{403: ErrForbidden, 404: ErrNotFound}, func(ctx context.Context, c *Client) (*Response, error) {
		_, resp, err := c.Integrations.Me(ctx)
		return resp, err
	})
}

func TestIntegrationsService_Enable(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		opts  *EnableIntegrationOptions
		query url.Values
	}{
		{"nil options", nil, nil},
		{"re-enable", &EnableIntegrationOptions{}, nil},
		{"install flow", &EnableIntegrationOptions{Install: true}, url.Values{"install": {"true"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mux := oauthSetup(t)
			mux.HandleFunc("POST /v1/integrations/enable", func(w http.ResponseWriter, r *http.Request) {
				testQuery(t, r, tc.query)
				testNoBody(t, r)
				testHeader(t, r, "Content-Type", "application/json")
				testHeader(t, r, "Authorization", "Bearer oauth-token")
				w.WriteHeader(http.StatusNoContent)
			})
			resp, err := c.Integrations.Enable(t.Context(), tc.opts)
			require.NoError(t, err)
			assert.Equal(t, 204, resp.StatusCode)
		})
	}
	assertStatusSentinels(t, "POST /v1/integrations/enable", map[int]error{403: ErrForbidden}, func(ctx context.Context, c *Client) (*Response, error) {
		return c.Integrations.Enable(ctx, nil)
	})
}

func TestIntegrationsService_Disable(t *testing.T) {
	t.Parallel()
	c, mux := oauthSetup(t)
	mux.HandleFunc("POST /v1/integrations/disable", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, nil)
		testNoBody(t, r)
		testHeader(t, r, "Content-Type", "application/json")
		w.WriteHeader(http.StatusNoContent)
	})
	resp, err := c.Integrations.Disable(t.Context())
	require.NoError(t, err)
	assert.Equal(t, 204, resp.StatusCode)

	assertStatusSentinels(t, "POST /v1/integrations/disable", map[int]error{403: ErrForbidden}, func(ctx context.Context, c *Client) (*Response, error) {
		return c.Integrations.Disable(ctx)
	})
}

func TestIntegrationsService_apiKeyIsForbidden(t *testing.T) {
	t.Parallel()
	basic, mux := setup(t) // Basic auth: an API key
	bearer, err := NewClient(WithBaseURL(basic.BaseURL()), WithBearerToken("oauth-token"), WithoutRateLimit(), WithRetryPolicy(RetryPolicy{}))
	require.NoError(t, err)
	oauthOnly := func(next http.HandlerFunc) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("Authorization") != "Bearer oauth-token" {
				writeError(w, 403, "Forbidden", "Cannot be used with API KEY (Oauth only)")
				return
			}
			next(w, r)
		}
	}
	mux.HandleFunc("GET /v1/integrations/me", oauthOnly(func(w http.ResponseWriter, r *http.Request) {
		serveFixture(t, w, 200, "integrations/me.json")
	}))
	noContent := oauthOnly(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	mux.HandleFunc("POST /v1/integrations/enable", noContent)
	mux.HandleFunc("POST /v1/integrations/disable", noContent)

	ctx := t.Context()
	_, _, err = basic.Integrations.Me(ctx)
	assert.ErrorIs(t, err, ErrForbidden)
	_, err = basic.Integrations.Enable(ctx, nil)
	assert.ErrorIs(t, err, ErrForbidden)
	_, err = basic.Integrations.Disable(ctx)
	assert.ErrorIs(t, err, ErrForbidden)
	var apiErr *ErrorResponse
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "Cannot be used with API KEY (Oauth only)", apiErr.Troubleshoot)

	_, _, err = bearer.Integrations.Me(ctx)
	assert.NoError(t, err)
	_, err = bearer.Integrations.Enable(ctx, nil)
	assert.NoError(t, err)
	_, err = bearer.Integrations.Disable(ctx)
	assert.NoError(t, err)
}
