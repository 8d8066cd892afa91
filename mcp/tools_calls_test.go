package aircallmcp

import (
	"fmt"
	"testing"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestListCalls(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOpts{})
	s := h.seed()

	got := ok[CallList](h, "list_calls", nil)
	require.Len(t, got.Calls, 3)
	assert.Equal(t, s.calls[2].ID, got.Calls[0].ID, "newest first")
	c := got.Calls[2]
	assert.Equal(t, t0.Format(time.RFC3339), c.StartedAt, "RFC 3339 times")
	assert.Equal(t, "outbound", c.Direction)
	assert.Equal(t, s.user.ID, c.UserID)
	assert.Equal(t, "Grace Hopper", c.ContactName)
	assert.Empty(t, got.NextCursor)
	assert.Equal(t, 3, got.Total)

	asc := ok[CallList](h, "list_calls", map[string]any{"order": "asc", "limit": 2})
	require.Len(t, asc.Calls, 2)
	assert.Equal(t, s.calls[0].ID, asc.Calls[0].ID)
	require.NotEmpty(t, asc.NextCursor)
	rest := ok[CallList](h, "list_calls", map[string]any{"cursor": asc.NextCursor})
	require.Len(t, rest.Calls, 1)
	assert.Equal(t, s.calls[2].ID, rest.Calls[0].ID)
	assert.Equal(t, 3, rest.Returned)

	window := ok[CallList](h, "list_calls", map[string]any{"from": t0.Add(30 * time.Minute).Format(time.RFC3339), "to": "2026-12-01"})
	assert.Len(t, window.Calls, 2)

	search := ok[CallList](h, "list_calls", map[string]any{"user_id": s.user.ID, "direction": "outbound", "phone_number": "+14155551234"})
	assert.Len(t, search.Calls, 3)
	none := ok[CallList](h, "list_calls", map[string]any{"direction": "inbound"})
	assert.Empty(t, none.Calls)
}

func TestListCallsErrors(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOpts{})
	h.seed()
	for name, tc := range map[string]struct {
		args map[string]any
		want string
	}{
		"bad time":         {map[string]any{"from": "yesterday"}, "not an RFC 3339 time"},
		"bad duration":     {map[string]any{"last": "a while"}, "not a duration"},
		"last and from":    {map[string]any{"last": "24h", "from": "2026-11-01"}, "last or from"},
		"inverted window":  {map[string]any{"from": "2026-11-02", "to": "2026-11-01"}, "must be before"},
		"bad cursor":       {map[string]any{"cursor": "not-a-cursor"}, "invalid cursor"},
		"cursor + filter":  {map[string]any{"cursor": "x", "user_id": 1}, "either cursor"},
		"bad direction":    {map[string]any{"direction": "sideways"}, "direction"},
		"limit too large":  {map[string]any{"limit": 1000}, "limit"},
		"unknown argument": {map[string]any{"colour": "red"}, "colour"},
	} {
		assert.Contains(t, h.fails("list_calls", tc.args), tc.want, name)
	}
	// A damaged checkpoint inside a cursor is refused.
	page := ok[CallList](h, "list_calls", map[string]any{"limit": 1})
	c, err := decodeCursor[callQuery]("list_calls", page.NextCursor)
	require.NoError(t, err)
	c.Checkpoint = c.Checkpoint[:len(c.Checkpoint)-4] + "AAAA"
	assert.Contains(t, h.fails("list_calls", map[string]any{"cursor": encodeCursor(c)}), "invalid cursor")
	// A cursor of another tool is refused.
	users := encodeCursor(cursor[noQuery]{Tool: "list_users", Page: 2})
	assert.Contains(t, h.fails("list_calls", map[string]any{"cursor": users}), "belongs to list_users")
}

// TestListCallsPastTheWindow pages through more calls than the API lets one
// listing reach (10,000), 100 at a time from the cursor, with the same
// start second shared by many calls: every call comes out exactly once.
func TestListCallsPastTheWindow(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("pages through 10,100 calls")
	}
	h := newHarness(t, harnessOpts{fake: []aircalltest.ServerOption{aircalltest.WithoutRateLimit()}})
	const n = aircall.ItemCap + 100
	h.fake.AddCalls(n, func(i int) aircall.Call {
		return aircall.Call{StartedAt: aircall.Timestamp{Time: t0.Add(time.Duration(i/3) * time.Second)}}
	})
	seen := map[int64]bool{}
	cur := ""
	for pages := 0; ; pages++ {
		require.Less(t, pages, n/100+5, "too many pages")
		args := map[string]any{"limit": 100, "order": "asc"}
		if cur != "" {
			args = map[string]any{"limit": 100, "cursor": cur}
		}
		got := ok[CallList](h, "list_calls", args)
		for _, c := range got.Calls {
			require.False(t, seen[c.ID], "call %d twice", c.ID)
			seen[c.ID] = true
		}
		if got.NextCursor == "" {
			break
		}
		cur = got.NextCursor
	}
	assert.Len(t, seen, n)
}

func TestGetCall(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOpts{})
	s := h.seed()
	id := s.calls[0].ID
	h.fake.SetInsights(id, aircalltestInsights(id))

	got := ok[CallDetail](h, "get_call", map[string]any{"call_id": id, "include": []string{"summary", "transcript"}})
	assert.Equal(t, id, got.Call.ID)
	assert.Equal(t, "Grace wants a callback on Monday.", got.Summary)
	require.NotNil(t, got.Transcript)
	assert.Contains(t, got.Transcript.Text, "[00:01] agent (user 7): Hello, Aircall support.")
	assert.Contains(t, got.Transcript.Text, "[00:04] caller (+14155551234): Hi, please call me back on Monday.")
	assert.Empty(t, got.Notes)

	// Without insights, the call comes with notes saying why they are missing.
	bare := ok[CallDetail](h, "get_call", map[string]any{"call_id": s.calls[1].ID, "include": []string{"summary", "transcript"}})
	assert.Empty(t, bare.Summary)
	assert.Nil(t, bare.Transcript)
	assert.Len(t, bare.Notes, 2)
	assert.Contains(t, bare.Notes[0], "not available")

	assert.Contains(t, h.fails("get_call", map[string]any{"call_id": 999999}), "404")
	assert.Contains(t, h.fails("get_call", map[string]any{"call_id": id, "include": []string{"video"}}), "include")
}

func TestCallWritesAreHiddenWhenReadOnly(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOpts{})
	names := h.toolNames()
	for _, w := range []string{"start_call", "tag_call", "comment_call", "transfer_call", "send_sms", "send_whatsapp", "create_webhook", "delete_webhook"} {
		assert.NotContains(t, names, w)
		res, err := h.cs.CallTool(t.Context(), callParams(w, map[string]any{}))
		if err == nil {
			assert.True(t, res.IsError, w)
		}
	}
	assert.Contains(t, names, "list_calls")
}

func TestTagAndCommentCall(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOpts{cfg: Config{AllowWrites: true}})
	s := h.seed()
	existing := h.fake.AddTag(aircall.Tag{Name: "Follow_up"})
	id := s.calls[0].ID

	got := ok[TaggedCall](h, "tag_call", map[string]any{"call_id": id, "tags": []string{"follow_up", "VIP"}})
	require.Len(t, got.Tags, 2)
	assert.Equal(t, existing.ID, got.Tags[0].ID, "matched case-insensitively")
	assert.NotZero(t, got.Tags[1].ID, "created")

	done := ok[Done](h, "comment_call", map[string]any{"call_id": id, "content": "auto-dialed by agent"})
	assert.True(t, done.Done)

	call := ok[CallDetail](h, "get_call", map[string]any{"call_id": id})
	assert.ElementsMatch(t, []string{"Follow_up", "VIP"}, call.Call.Tags)
	assert.Equal(t, []string{"auto-dialed by agent"}, call.Call.Comments)

	assert.Contains(t, h.fails("tag_call", map[string]any{"call_id": id}), "give tags")
	before := h.fake.Stats().Requests
	assert.Contains(t, h.fails("tag_call", map[string]any{"call_id": 999999, "tags": []string{"new-one"}}), "404")
	assert.Equal(t, before+1, h.fake.Stats().Requests, "no tag is created for a missing call")
	assert.Contains(t, h.fails("comment_call", map[string]any{"call_id": id, "content": ""}), "content")
}

func TestStartCall(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOpts{cfg: Config{AllowWrites: true, StartCallWait: 5 * time.Second}, answer: accept,
		fake: []aircalltest.ServerOption{aircalltest.WithStartCallDelay(10 * time.Millisecond)}})
	s := h.seed()
	got := ok[StartedCall](h, "start_call", map[string]any{"user_id": s.user.ID, "to": "+14155550000", "number_id": s.number.ID})
	assert.True(t, got.Started)
	require.NotNil(t, got.Call, "the resulting call: %s", got.Note)
	assert.Equal(t, "outbound", got.Call.Direction)
	assert.Equal(t, s.user.ID, got.Call.UserID)
	dials := h.fake.Dials()
	require.Len(t, dials, 1)
	assert.Equal(t, fmt.Sprint(s.user.ID, s.number.ID, "+14155550000"), fmt.Sprint(dials[0].UserID, dials[0].NumberID, dials[0].To))
	require.Len(t, h.asked.questions(), 1)
	assert.Contains(t, h.asked.questions()[0], "Call +14155550000 now from Aircall user")

	// Without number_id, the user's number is used.
	got = ok[StartedCall](h, "start_call", map[string]any{"user_id": s.user.ID, "to": "+14155550001"})
	assert.True(t, got.Started)
	require.Len(t, h.fake.Dials(), 2)
	assert.Equal(t, s.number.ID, h.fake.Dials()[1].NumberID)

	before := h.fake.Stats().Requests
	assert.Contains(t, h.fails("start_call", map[string]any{"user_id": s.user.ID, "to": "0612345678"}), "E.164")
	assert.Equal(t, before, h.fake.Stats().Requests, "invalid input is refused before anything is sent")
	h.fake.SetAvailability(s.user.ID, aircall.AvailabilityOffline)
	assert.Contains(t, h.fails("start_call", map[string]any{"user_id": s.user.ID, "to": "+14155550002", "number_id": s.number.ID}), "not available")
}

func TestTransferCall(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOpts{cfg: Config{AllowWrites: true}, answer: accept})
	s := h.seed()
	live := h.fake.BeginCall(aircall.Call{Direction: aircall.CallInbound, Number: &aircall.Number{ID: s.number.ID}})
	got := ok[Done](h, "transfer_call", map[string]any{"call_id": live.ID, "user_id": s.user.ID})
	assert.True(t, got.Done)
	assert.Contains(t, h.fails("transfer_call", map[string]any{"call_id": live.ID, "user_id": 1, "team_id": 2}), "exactly one")
}

func TestRateLimitSaysWhenToRetry(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOpts{
		cfg:    Config{CallTimeout: 5 * time.Second},
		fake:   []aircalltest.ServerOption{aircalltest.WithBudget(1)},
		client: []aircall.Option{aircall.WithRetryPolicy(aircall.RetryPolicy{MaxRetries: 0})},
	})
	ok[CallList](h, "list_calls", nil)
	msg := h.fails("list_calls", nil)
	assert.Contains(t, msg, "rate limit")
	assert.Regexp(t, `retry after \d+s \(at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\)`, msg)
}
