package aircallmcp

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestToolSchemas snapshots every tool as clients see it (description,
// annotations, input and output schemas): a change to a tool's contract
// shows up in review. go test -run TestToolSchemas -update rewrites them.
func TestToolSchemas(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOpts{cfg: Config{AllowWrites: true}})
	n := 0
	for tool, err := range h.cs.Tools(context.Background(), nil) {
		require.NoError(t, err)
		b, err := json.MarshalIndent(tool, "", "  ")
		require.NoError(t, err)
		golden(t, "tools/"+tool.Name, append(b, '\n'))
		n++
	}
	assert.Equal(t, len(h.srv.ToolNames()), n)
}

func TestEveryToolIsAnnotated(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOpts{cfg: Config{AllowWrites: true}})
	for tool, err := range h.cs.Tools(context.Background(), nil) {
		require.NoError(t, err)
		a := tool.Annotations
		require.NotNil(t, a, tool.Name)
		assert.NotEmpty(t, a.Title, tool.Name)
		assert.NotNil(t, a.DestructiveHint, tool.Name)
		assert.NotNil(t, a.OpenWorldHint, tool.Name)
		assert.NotEmpty(t, tool.Description, tool.Name)
		assert.NotNil(t, tool.OutputSchema, tool.Name)
	}
}
