package aircallmcp

import (
	"testing"

	"github.com/aircall-go/aircall"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestExecuteThroughTheSDK runs operations of the SDK's catalogue through
// Client.Invoke against the fake.
func TestExecuteThroughTheSDK(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOpts{cfg: Config{AllowWrites: true}, answer: accept})
	s := h.seed()

	found := ok[OperationMatches](h, "search_operations", map[string]any{"query": "place an outbound call"})
	require.NotEmpty(t, found.Operations)
	assert.Equal(t, "users.start_call", found.Operations[0].ID)
	d := ok[OperationDescription](h, "describe_operation", map[string]any{"operation_id": "users.start_call"})
	assert.True(t, d.ReachesPerson)
	assert.Contains(t, mustJSON(t, d.InputSchema), "number_id")

	res := ok[ExecuteResult](h, "execute_operation", map[string]any{"operation_id": "users.start_call",
		"arguments": map[string]any{"id": s.user.ID, "number_id": s.number.ID, "to": "+14155551234"}})
	assert.Nil(t, res.Result)
	require.Len(t, h.fake.Dials(), 1)
	require.Len(t, h.asked.questions(), 1)

	list := ok[ExecuteResult](h, "execute_operation", map[string]any{"operation_id": "calls.list", "arguments": map[string]any{"per_page": 2}})
	assert.Equal(t, 2, list.Items)
	assert.Equal(t, 2, list.NextPage)
	assert.Equal(t, 3, list.Total)
	h.fake.AddCalls(30, func(int) aircall.Call { return aircall.Call{} })
	def := ok[ExecuteResult](h, "execute_operation", map[string]any{"operation_id": "calls.list"})
	assert.Equal(t, defaultPerPage, def.Items, "one small page unless asked otherwise")
	calls := list.Result.([]any)
	assert.Regexp(t, `^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d`, calls[0].(map[string]any)["started_at"], "RFC 3339 times")

	one := ok[ExecuteResult](h, "execute_operation", map[string]any{"operation_id": "calls.get", "arguments": map[string]any{"id": s.calls[0].ID}})
	assert.EqualValues(t, s.calls[0].ID, one.Result.(map[string]any)["id"])

	before := h.fake.Stats().Requests
	assert.Contains(t, h.fails("execute_operation", map[string]any{"operation_id": "calls.get", "arguments": map[string]any{"id": "abc"}}), "input schema")
	assert.Contains(t, h.fails("execute_operation", map[string]any{"operation_id": "calls.get", "arguments": map[string]any{"id": 1, "colour": "red"}}), "input schema")
	assert.Contains(t, h.fails("execute_operation", map[string]any{"operation_id": "users.start_call",
		"arguments": map[string]any{"id": s.user.ID, "number_id": s.number.ID, "to": "0612"}}), "nothing was sent")
	assert.Equal(t, before, h.fake.Stats().Requests, "refused before sending")
	assert.Len(t, h.asked.questions(), 2, "schema errors are refused before asking; the SDK's own check runs after")
	assert.Contains(t, h.fails("execute_operation", map[string]any{"operation_id": "calls.get", "arguments": map[string]any{"id": 999999}}), "404")
}

func TestExecuteThroughTheSDKReadOnly(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOpts{answer: accept})
	s := h.seed()
	before := h.fake.Stats().Requests
	for _, id := range []string{"calls.pause_recording", "users.start_call", "webhooks.delete", "contacts.create"} {
		assert.Contains(t, h.fails("execute_operation", map[string]any{"operation_id": id, "arguments": map[string]any{"id": s.calls[0].ID}}), "read-only", id)
	}
	assert.Equal(t, before, h.fake.Stats().Requests)
	assert.Empty(t, h.asked.questions())
	found := ok[OperationMatches](h, "search_operations", map[string]any{"query": "pause the recording"})
	require.NotEmpty(t, found.Operations)
	assert.Equal(t, "calls.pause_recording", found.Operations[0].ID)
	assert.False(t, found.Operations[0].Allowed)
}
