package cli

import (
	"testing"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSDKIterator_runsListIterWithTheArguments(t *testing.T) {
	t.Parallel()
	s := aircalltest.NewServer(aircalltest.WithDemoData(), aircalltest.WithoutRateLimit())
	t.Cleanup(s.Close)
	cl := s.Client()
	op := opSpec{ID: "calls.list", GoMethods: []string{"CallsService.List", "CallsService.ListIter"}}
	from := time.Now().Add(-24 * time.Hour).Unix()
	seq, ok, err := sdkIterator(t.Context(), cl, op, map[string]any{"from": from, "order": "desc"})
	require.NoError(t, err)
	require.True(t, ok)
	var ids []int64
	for it, err := range seq {
		require.NoError(t, err)
		c := it.(*aircall.Call)
		assert.GreaterOrEqual(t, c.StartedAt.Unix(), from)
		ids = append(ids, c.ID)
		if len(ids) == 3 {
			break
		}
	}
	require.Len(t, ids, 3)
	assert.Greater(t, ids[0], ids[1], "order desc was applied")

	_, ok, _ = sdkIterator(t.Context(), cl, op, map[string]any{"unknown": 1})
	assert.False(t, ok, "arguments the options do not take fall back to Invoke")
	_, ok, _ = sdkIterator(t.Context(), cl, opSpec{GoMethods: []string{"CallsService.Get"}}, nil)
	assert.False(t, ok)

	seq, ok, err = sdkIterator(t.Context(), cl, op, map[string]any{"from": from, "to": from - 60})
	require.NoError(t, err)
	require.True(t, ok)
	for _, err := range seq {
		require.ErrorIs(t, err, aircall.ErrInvalidArgument, "the SDK validates the options")
	}
}
