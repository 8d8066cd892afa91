package aircall

// Test helpers of the Numbers, Contacts, Tags, Webhooks, Company,
// Integrations and A2P services.

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// assertStatusSentinels answers every request to pattern with each status of
// want in turn (Aircall's {"error","troubleshoot"} body) and asserts that
// call's error matches the sentinel of that status, with the status in the
// returned *Response.
func assertStatusSentinels(t *testing.T, pattern string, want map[int]error, call func(ctx context.Context, c *Client) (*Response, error)) {
	t.Helper()
	for status, sentinel := range want {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			t.Parallel()
			c, mux := setup(t)
			mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
				writeError(w, status, http.StatusText(status), fmt.Sprintf("documented %d", status))
			})
			resp, err := call(t.Context(), c)
			require.Error(t, err)
			assert.ErrorIs(t, err, sentinel)
			var apiErr *ErrorResponse
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, fmt.Sprintf("documented %d", status), apiErr.Troubleshoot)
			require.NotNil(t, resp, "the *Response comes with the error")
			assert.Equal(t, status, resp.StatusCode)
		})
	}
}

// setupRejecting returns a client whose server fails the test on any request:
// for input that must be rejected before anything is sent.
func setupRejecting(t *testing.T) *Client {
	t.Helper()
	c, mux := setup(t)
	mux.HandleFunc("/", failHandler(t))
	return c
}
