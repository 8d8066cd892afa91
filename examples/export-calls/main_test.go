package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

// decodeLines reads JSON Lines of calls.
func decodeLines(t *testing.T, out []byte) []aircall.Call {
	t.Helper()
	var calls []aircall.Call
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var c aircall.Call
		require.NoError(t, json.Unmarshal(sc.Bytes(), &c), "line %q", sc.Text())
		calls = append(calls, c)
	}
	require.NoError(t, sc.Err())
	return calls
}

func TestRun_exportsTheDemoCallsWithoutCredentials(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	require.NoError(t, run(t.Context(), nil, env(nil), &stdout, &stderr))
	calls := decodeLines(t, stdout.Bytes())
	require.Len(t, calls, aircalltest.DemoCalls, "the demo calls are all within the last 7 days")
	assert.Equal(t, int64(812), calls[0].ID)
	assert.Equal(t, aircalltest.DemoCallID, calls[len(calls)-1].ID)
	assert.Contains(t, stderr.String(), "aircalltest")
	assert.Contains(t, stderr.String(), "exported 30 calls from ")
}

func TestRun_exportsPastTheTenThousandCap(t *testing.T) {
	t.Parallel()
	s := aircalltest.NewServer(aircalltest.WithoutRateLimit())
	t.Cleanup(s.Close)
	may := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	s.AddCall(aircall.Call{StartedAt: aircall.Timestamp{Time: may.Add(-time.Second)}}) // April 30th
	s.AddCalls(12_345, func(i int) aircall.Call {                                      // two calls per second from May 1st
		return aircall.Call{StartedAt: aircall.Timestamp{Time: may.Add(time.Duration(i/2) * time.Second)}, Duration: 60,
			Direction: aircall.CallOutbound, RawDigits: "+18001231234"}
	})
	s.AddCall(aircall.Call{StartedAt: aircall.Timestamp{Time: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)}}) // June 1st

	vars := map[string]string{
		"AIRCALL_API_ID": aircalltest.DefaultAPIID, "AIRCALL_API_TOKEN": aircalltest.DefaultAPIToken,
		"AIRCALL_BASE_URL": s.URL(), "AIRCALL_RATE_LIMIT": "1000000",
	}
	var stdout, stderr bytes.Buffer
	require.NoError(t, run(t.Context(), []string{"-from", "2026-05-01", "-to", "2026-05-31"}, env(vars), &stdout, &stderr))

	calls := decodeLines(t, stdout.Bytes())
	require.Len(t, calls, 12_345)
	seen := map[int64]bool{}
	for i, c := range calls {
		require.False(t, seen[c.ID], "call %d exported twice", c.ID)
		seen[c.ID] = true
		if i > 0 {
			require.False(t, c.StartedAt.Before(calls[i-1].StartedAt.Time), "in start order")
		}
	}
	progress := strings.Split(strings.TrimSpace(stderr.String()), "\n")
	require.Len(t, progress, 13)
	assert.True(t, strings.HasPrefix(progress[0], "exported 1000 calls (up to 2026-05-01T00:08:19Z)"), progress[0])
	assert.Equal(t, "exported 12345 calls from 2026-05-01T00:00:00Z to 2026-05-31T23:59:59Z", progress[12])
}

func TestRun_flags(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	for _, tt := range []struct {
		args []string
		vars map[string]string
		want string
	}{
		{[]string{"-from", "May 1st"}, nil, `-from: "May 1st" is neither a date`},
		{[]string{"-from", "2026-05-02", "-to", "2026-05-01"}, nil, "is before -from"},
		{[]string{"-to", "2026-05-01T00:00:00Z", "-from", "2026-04-01"}, map[string]string{"AIRCALL_API_ID": "x", "AIRCALL_API_TOKEN": "y", "AIRCALL_RATE_LIMIT": "fast"}, "AIRCALL_RATE_LIMIT"},
	} {
		err := run(t.Context(), tt.args, env(tt.vars), &stdout, &stderr)
		require.ErrorContains(t, err, tt.want)
	}
}
