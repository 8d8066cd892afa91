package aircall

import (
	"context"
	"io"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
)

// A value the SDK has no constant for is sent as it is: Aircall adds enum
// values without notice, and users must not need a new release for them.
// Only a value that cannot be one (empty, spaces, punctuation) is refused.
func TestRequestEnums_unknownValuesPassThrough(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, route, want string // want: a substring of the query or body sent
		call              func(ctx context.Context, c *Client) error
	}{
		{"user availability status", "POST /v1/users", `"availability_status":"busy"`, func(ctx context.Context, c *Client) error {
			_, _, err := c.Users.Create(ctx, &CreateUserRequest{Email: "ada@example.com", FirstName: "Ada", LastName: "L", AvailabilityStatus: Ptr(UserStatus("busy"))})
			return err
		}},
		{"user role", "PUT /v1/users/1", `"role_ids":["coach"]`, func(ctx context.Context, c *Client) error {
			_, _, err := c.Users.Update(ctx, 1, &UpdateUserRequest{RoleIDs: []Role{"coach"}})
			return err
		}},
		{"number availability status", "PUT /v1/numbers/1", `"availability_status":"holiday"`, func(ctx context.Context, c *Client) error {
			_, _, err := c.Numbers.Update(ctx, 1, &UpdateNumberRequest{AvailabilityStatus: Ptr(NumberAvailabilityStatus("holiday"))})
			return err
		}},
		{"transfer strategy", "POST /v1/calls/1/transfers", `"dispatching_strategy":"round_robin"`, func(ctx context.Context, c *Client) error {
			_, err := c.Calls.Transfer(ctx, 1, &TransferCallRequest{TeamID: 1, DispatchingStrategy: Ptr(DispatchingStrategy("round_robin"))})
			return err
		}},
		{"insight card line type", "POST /v1/calls/1/insight_cards", `"type":"link"`, func(ctx context.Context, c *Client) error {
			_, err := c.Calls.AddInsightCard(ctx, 1, &InsightCard{Contents: []InsightCardLine{{Type: InsightCardTitle, Text: "x"}, {Type: "link", Text: "y"}}})
			return err
		}},
		{"search direction", "GET /v1/calls/search", "direction=internal", func(ctx context.Context, c *Client) error {
			_, _, err := c.Calls.Search(ctx, &CallSearchOptions{Direction: "internal"})
			return err
		}},
		{"transcription mode", "GET /v1/calls/1/transcription", "mode=live", func(ctx context.Context, c *Client) error {
			_, _, err := c.Calls.GetTranscription(ctx, 1, &TranscriptionOptions{Mode: "live"})
			return err
		}},
		{"contacts order by", "GET /v1/contacts", "order_by=last_name", func(ctx context.Context, c *Client) error {
			_, _, err := c.Contacts.List(ctx, &ContactListOptions{OrderBy: "last_name"})
			return err
		}},
		{"list order", "GET /v1/calls", "order=DESC", func(ctx context.Context, c *Client) error {
			_, _, err := c.Calls.List(ctx, &CallListOptions{Order: "DESC"})
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mux := setup(t)
			var sent atomic.Value
			mux.HandleFunc(tt.route, func(w http.ResponseWriter, r *http.Request) {
				body, _ := io.ReadAll(r.Body)
				sent.Store(r.URL.RawQuery + " " + string(body))
				writeError(w, http.StatusUnprocessableEntity, "Unprocessable", "the fake stops here")
			})
			err := tt.call(t.Context(), c)
			assert.ErrorIs(t, err, ErrUnprocessable, "sent, not refused before sending")
			got, _ := sent.Load().(string)
			assert.Contains(t, got, tt.want)
		})
	}
}
