package aircallmcp

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"github.com/aircall-go/aircall"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// invocations records what a test catalogue was asked to run.
type invocations struct {
	mu   sync.Mutex
	runs []string
}

func (iv *invocations) list() []string {
	iv.mu.Lock()
	defer iv.mu.Unlock()
	return append([]string(nil), iv.runs...)
}

const startCallSchema = `{"type":"object","properties":{"id":{"type":"integer","minimum":1},"number_id":{"type":"integer","minimum":1},"to":{"type":"string"}},"required":["id","number_id","to"],"additionalProperties":false}`

// testCatalog is a catalogue built from the SDK's sources, whose
// operations record their runs instead of calling Aircall.
func testCatalog(iv *invocations) func(*testing.T) *catalog {
	return func(t *testing.T) *catalog {
		sdk, err := sdkCatalog(nil)
		require.NoError(t, err)
		for _, o := range sdk.ops {
			if o.ID == "users.start_call" {
				o.InputSchema = json.RawMessage(startCallSchema)
			}
		}
		cat, err := newCatalog(sdk.ops, func(_ context.Context, id string, args json.RawMessage) (any, *aircall.Meta, error) {
			iv.mu.Lock()
			iv.runs = append(iv.runs, id+" "+string(args))
			iv.mu.Unlock()
			if strings.HasSuffix(id, ".list") {
				return []map[string]any{{"id": 1}, {"id": 2}}, nil, nil
			}
			return nil, nil, nil
		})
		require.NoError(t, err)
		return cat
	}
}

func TestSearchAndDescribeOperations(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOpts{catalog: testCatalog(&invocations{})})
	got := ok[OperationMatches](h, "search_operations", map[string]any{"query": "place an outbound call"})
	require.NotEmpty(t, got.Operations)
	first := got.Operations[0]
	assert.Equal(t, "POST", first.Method)
	assert.Equal(t, "/v1/users/:id/calls", first.Path)
	assert.True(t, first.ReachesPerson)
	assert.False(t, first.Allowed, "read-only server")
	assert.LessOrEqual(t, len(got.Operations), 5)

	none := ok[OperationMatches](h, "search_operations", map[string]any{"query": "zebra quantum"})
	assert.Empty(t, none.Operations)
	assert.NotEmpty(t, none.Note)

	d := ok[OperationDescription](h, "describe_operation", map[string]any{"operation_id": first.ID})
	assert.Equal(t, first.ID, d.ID)
	assert.Equal(t, "object", d.InputSchema.(map[string]any)["type"])
	assert.NotEmpty(t, d.Description)
	msg := h.fails("describe_operation", map[string]any{"operation_id": "calls.teleport"})
	assert.Contains(t, msg, "no operation")
	assert.Contains(t, msg, "did you mean")
	assert.Contains(t, h.fails("search_operations", map[string]any{"query": ""}), "query")
}

func TestExecuteOperation(t *testing.T) {
	t.Parallel()
	iv := &invocations{}
	h := newHarness(t, harnessOpts{catalog: testCatalog(iv), cfg: Config{AllowWrites: true}, answer: accept})
	id := ok[OperationMatches](h, "search_operations", map[string]any{"query": "place an outbound call"}).Operations[0].ID

	res := ok[ExecuteResult](h, "execute_operation", map[string]any{"operation_id": id, "arguments": map[string]any{"id": 42, "number_id": 7, "to": "+14155551234"}})
	assert.Equal(t, id, res.Operation)
	assert.Nil(t, res.Result)
	require.Len(t, iv.list(), 1)
	assert.JSONEq(t, `{"id":42,"number_id":7,"to":"+14155551234"}`, strings.TrimPrefix(iv.list()[0], id+" "))
	require.Len(t, h.asked.questions(), 1)
	assert.Contains(t, h.asked.questions()[0], "+14155551234")

	// Invalid arguments are refused before asking or running.
	for _, args := range []map[string]any{
		{"id": 42, "to": "+14155551234"},
		{"id": 42, "number_id": 7, "to": "+14155551234", "extra": true},
		{"id": "forty-two", "number_id": 7, "to": "+14155551234"},
	} {
		assert.Contains(t, h.fails("execute_operation", map[string]any{"operation_id": id, "arguments": args}), "input schema")
	}
	assert.Len(t, iv.list(), 1)
	assert.Len(t, h.asked.questions(), 1)

	// A read needs no confirmation and its list result is counted.
	list := ok[ExecuteResult](h, "execute_operation", map[string]any{"operation_id": "calls.list"})
	assert.Equal(t, 2, list.Items)
	assert.Len(t, h.asked.questions(), 1)
}

func TestExecuteOperationReadOnly(t *testing.T) {
	t.Parallel()
	iv := &invocations{}
	h := newHarness(t, harnessOpts{catalog: testCatalog(iv), answer: accept})
	assert.Contains(t, h.toolNames(), "execute_operation")
	for _, id := range []string{"users.start_call", "webhooks.delete", "calls.add_comment"} {
		msg := h.fails("execute_operation", map[string]any{"operation_id": id, "arguments": map[string]any{"id": 1, "number_id": 1, "to": "+14155551234"}})
		assert.Contains(t, msg, "read-only", id)
		assert.Contains(t, msg, "--allow-writes", id)
	}
	assert.Empty(t, iv.list())
	assert.Empty(t, h.asked.questions())
	ok[ExecuteResult](h, "execute_operation", map[string]any{"operation_id": "calls.list"})
	assert.Len(t, iv.list(), 1)
}

func TestExecuteOperationDeclined(t *testing.T) {
	t.Parallel()
	iv := &invocations{}
	h := newHarness(t, harnessOpts{catalog: testCatalog(iv), cfg: Config{AllowWrites: true}, answer: decline})
	assert.Contains(t, h.fails("execute_operation", map[string]any{"operation_id": "users.start_call", "arguments": map[string]any{"id": 1, "number_id": 1, "to": "+14155551234"}}), "declined")
	assert.Contains(t, h.fails("execute_operation", map[string]any{"operation_id": "webhooks.delete", "arguments": map[string]any{"id": "x"}}), "declined")
	assert.Empty(t, iv.list())
	// A write that neither reaches a person nor destroys data runs without asking.
	ok[ExecuteResult](h, "execute_operation", map[string]any{"operation_id": "calls.add_comment", "arguments": map[string]any{"id": 1, "content": "hi"}})
	assert.Len(t, iv.list(), 1)
}

func TestBoundResult(t *testing.T) {
	t.Parallel()
	big := make([]map[string]string, 2000)
	for i := range big {
		big[i] = map[string]string{"body": strings.Repeat("x", 100)}
	}
	r, err := boundResult("x.list", big)
	require.NoError(t, err)
	assert.True(t, r.Truncated)
	assert.Less(t, r.Items, 2000)
	b, _ := json.Marshal(r.Result)
	assert.LessOrEqual(t, len(b), maxResultBytes)
	_, err = boundResult("x.get", map[string]string{"body": strings.Repeat("x", maxResultBytes)})
	assert.ErrorContains(t, err, "larger than")
}
