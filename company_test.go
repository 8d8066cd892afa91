package aircall

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCompanyFixture(t *testing.T) {
	t.Parallel()
	co, _ := testFixture[*Company](t, "company/get.json", "company")
	assert.Equal(t, "Acme Inc.", co.Name)
}

func TestCompanyService_Get(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("GET /v1/company", func(w http.ResponseWriter, r *http.Request) {
		testNoBody(t, r)
		testQuery(t, r, nil)
		serveFixture(t, w, 200, "company/get.json")
	})
	co, resp, err := c.Company.Get(t.Context())
	require.NoError(t, err)
	assert.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, &Company{Name: "Acme Inc.", UsersCount: 146, NumbersCount: 28}, co)

	assertStatusSentinels(t, "GET /v1/company", map[int]error{403: ErrForbidden}, func(ctx context.Context, c *Client) (*Response, error) {
		_, resp, err := c.Company.Get(ctx)
		return resp, err
	})
}
