package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
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

	stdout.Reset()
	require.NoError(t, run(t.Context(), []string{"-format", "csv"}, env(nil), &stdout, &stderr))
	rows, err := csv.NewReader(&stdout).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, aircalltest.DemoCalls+1)
	assert.Equal(t, csvHeader, rows[0])
	assert.Equal(t, "812", rows[1][0])
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
	assert.Equal(t, "exported 1000 of at least 12345 calls (8%), up to 2026-05-01T00:08:19Z, about 0s left at 1000000 requests/minute", progress[0])
	assert.Equal(t, "exported 12345 calls from 2026-05-01T00:00:00Z to 2026-05-31T23:59:59Z (12345 in this run)", progress[12])
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
		{[]string{"-format", "xml"}, nil, "-format must be jsonl or csv"},
		{[]string{"-to", "2026-05-01T00:00:00Z", "-from", "2026-04-01"}, map[string]string{"AIRCALL_API_ID": "x", "AIRCALL_API_TOKEN": "y", "AIRCALL_RATE_LIMIT": "fast"}, "AIRCALL_RATE_LIMIT"},
	} {
		err := run(t.Context(), tt.args, env(tt.vars), &stdout, &stderr)
		require.ErrorContains(t, err, tt.want)
	}
}

// dyingWriter stands for the output of a process that gets killed: it
// takes whole writes until budget bytes, then fails every write.
type dyingWriter struct {
	out    *bytes.Buffer
	budget int
}

func (w *dyingWriter) Write(p []byte) (int, error) {
	if len(p) > w.budget {
		w.budget = 0
		return 0, errors.New("killed")
	}
	w.budget -= len(p)
	return w.out.Write(p)
}

// cancellingWriter stands for Ctrl-C: it cancels the export once it has
// written at least after bytes.
type cancellingWriter struct {
	out    *bytes.Buffer
	after  int
	cancel context.CancelFunc
}

func (w *cancellingWriter) Write(p []byte) (int, error) {
	if w.out.Len() >= w.after {
		w.cancel()
	}
	return w.out.Write(p)
}

func TestRun_checkpointResumesAfterKillsAndCtrlC(t *testing.T) {
	t.Parallel()
	s := aircalltest.NewServer(aircalltest.WithoutRateLimit())
	t.Cleanup(s.Close)
	may := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	first, last := s.AddCalls(2345, func(i int) aircall.Call {
		return aircall.Call{StartedAt: aircall.Timestamp{Time: may.Add(time.Duration(i/3) * time.Second)}}
	})
	vars := map[string]string{
		"AIRCALL_API_ID": aircalltest.DefaultAPIID, "AIRCALL_API_TOKEN": aircalltest.DefaultAPIToken,
		"AIRCALL_BASE_URL": s.URL(), "AIRCALL_RATE_LIMIT": "1000000",
	}
	cp := filepath.Join(t.TempDir(), "may.cp")
	args := []string{"-from", "2026-05-01", "-to", "2026-05-31", "-checkpoint", cp}
	var out bytes.Buffer
	runs := 0
	for ; ; runs++ {
		require.Less(t, runs, 100)
		var stderr bytes.Buffer
		var err error
		switch runs % 3 {
		case 0, 1: // killed after some output
			err = run(t.Context(), args, env(vars), &dyingWriter{out: &out, budget: 40_000 + runs*7_919}, &stderr)
		case 2: // Ctrl-C
			ctx, cancel := context.WithCancel(t.Context())
			err = run(ctx, args, env(vars), &cancellingWriter{out: &out, after: out.Len() + 30_000, cancel: cancel}, &stderr)
			cancel()
		}
		if err == nil {
			break
		}
	}
	require.Greater(t, runs, 3, "the export was stopped several times")
	calls := decodeLines(t, out.Bytes())
	count := map[int64]int{}
	for _, c := range calls {
		count[c.ID]++
	}
	dups := 0
	for id := first; id <= last; id++ {
		require.Positive(t, count[id], "call %d is in the output", id)
		dups += count[id] - 1
	}
	assert.LessOrEqual(t, dups, runs*aircall.IterPerPage, "at most one page repeated per kill")
	b, err := os.ReadFile(cp)
	require.NoError(t, err)
	assert.NotEmpty(t, b)

	var again, stderr bytes.Buffer
	require.NoError(t, run(t.Context(), args, env(vars), &again, &stderr))
	assert.Empty(t, again.String(), "a finished export writes nothing more")
	err = run(t.Context(), []string{"-from", "2026-04-01", "-checkpoint", cp}, env(vars), &again, &stderr)
	require.ErrorContains(t, err, "delete it to start over")
}
