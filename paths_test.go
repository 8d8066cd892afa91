package aircall

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every string path parameter stays in its own path segment: values that
// URL resolution or the server would read as path syntax are refused with an
// *ArgError before sending, and whatever else is escaped into the segment.
func TestStringPathParameters_stayInTheirSegment(t *testing.T) {
	t.Parallel()
	validReq := &OutboundAgentCallRequest{ContactPhone: "+18001231234"}
	methods := []struct {
		name   string
		prefix string // the path up to the segment, as sent
		suffix string // after it
		arg    string // the *ArgError's Arg
		ok     string // a value that is accepted, to prove the table reaches the server
		call   func(ctx context.Context, c *Client, v string) error
	}{
		{"Webhooks.Get", "/v1/webhooks/", "", "id", "c2501111", func(ctx context.Context, c *Client, v string) error {
			_, _, err := c.Webhooks.Get(ctx, v)
			return err
		}},
		{"Webhooks.Update", "/v1/webhooks/", "", "id", "c2501111", func(ctx context.Context, c *Client, v string) error {
			_, _, err := c.Webhooks.Update(ctx, v, &UpdateWebhookRequest{Active: Ptr(true), AllEvents: true})
			return err
		}},
		{"Webhooks.Reactivate", "/v1/webhooks/", "", "id", "c2501111", func(ctx context.Context, c *Client, v string) error {
			_, _, err := c.Webhooks.Reactivate(ctx, v)
			return err
		}},
		{"Webhooks.Delete", "/v1/webhooks/", "", "id", "c2501111", func(ctx context.Context, c *Client, v string) error {
			_, err := c.Webhooks.Delete(ctx, v)
			return err
		}},
		{"AIVoiceAgents.StartOutboundCall", "/v1/outbound-calls/agents/", "", "agentID", "agent-abc123", func(ctx context.Context, c *Client, v string) error {
			_, _, err := c.AIVoiceAgents.StartOutboundCall(ctx, v, validReq)
			return err
		}},
		{"Analytics.GetExport", "/v1/analytics/report/export/", "", "exportID", "exp-1", func(ctx context.Context, c *Client, v string) error {
			_, _, err := c.Analytics.GetExport(ctx, v)
			return err
		}},
		{"Analytics.WaitForExport", "/v1/analytics/report/export/", "", "exportID", "exp-1", func(ctx context.Context, c *Client, v string) error {
			_, err := c.Analytics.WaitForExport(ctx, v, 0)
			return err
		}},
		{"UsersV2.GetByEmail", "/v2/users/", "", "email", "ada@example.com", func(ctx context.Context, c *Client, v string) error {
			_, _, err := c.UsersV2.GetByEmail(ctx, v)
			return err
		}},
	}
	hostile := []string{"", " ", ".", "..", "/", "a/b", "?", "a?x=1", "#", "a#b", "%", "%2e%2e", "\r\n", "a\r\nX-Evil: 1", "a\x00", `a\b`}
	for _, m := range methods {
		t.Run(m.name, func(t *testing.T) {
			t.Parallel()
			c, mux := setup(t)
			var mu sync.Mutex
			var reached []string // escaped paths that reached the server
			sent := func() []string { mu.Lock(); defer mu.Unlock(); return slices.Clone(reached) }
			mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				reached = append(reached, r.URL.EscapedPath())
				mu.Unlock()
				writeError(w, http.StatusNotFound, "Not Found", "no such thing")
			})
			for _, v := range append(hostile, m.ok) {
				for _, affix := range []string{"", "x"} { // alone, and inside a longer value
					v := v + affix
					if m.arg == "email" && v != m.ok {
						v = strings.ReplaceAll(v, "@", "") + "@example.com"
					}
					before := len(sent())
					err := m.call(t.Context(), c, v)
					got := sent()
					var ae *ArgError
					if errors.As(err, &ae) {
						assert.Equal(t, m.arg, ae.Arg, "%q", v)
						assert.Len(t, got, before, "refused %q before sending", v)
						continue
					}
					// Sent: the value must be exactly one escaped segment.
					require.Greater(t, len(got), before, "%q", v)
					want := m.prefix + url.PathEscape(v) + m.suffix
					assert.Equal(t, want, got[len(got)-1], "%q stays in its segment", v)
				}
			}
			assert.Contains(t, sent(), m.prefix+url.PathEscape(m.ok), "a valid value reaches the server")
		})
	}
}
