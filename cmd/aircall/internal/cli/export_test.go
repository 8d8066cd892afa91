package cli

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aircall-go/aircall/aircalltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestExport_callsAsJSONLines(t *testing.T) {
	t.Parallel()
	e, s := fakeEnv(t, aircalltest.WithDemoData())
	s.AddGeneratedCalls(170)
	r := e.run(t, "", "export", "calls")
	require.Equal(t, ExitOK, r.code, r.err)
	lines := strings.Split(strings.TrimSpace(r.out), "\n")
	require.Len(t, lines, 200)
	seen := map[int64]bool{}
	for _, l := range lines {
		var c struct{ ID int64 }
		require.NoError(t, json.Unmarshal([]byte(l), &c))
		assert.False(t, seen[c.ID], "call %d twice", c.ID)
		seen[c.ID] = true
	}
	assert.Contains(t, r.err, "Exported 200 calls to standard output.")
}

func TestExport_contactsAsCSVIsGolden(t *testing.T) {
	t.Parallel()
	e, _ := fakeEnv(t, aircalltest.WithDemoData())
	out := filepath.Join(t.TempDir(), "contacts.csv")
	r := e.run(t, "", "export", "contacts", "--format", "csv", "--output", out)
	require.Equal(t, ExitOK, r.code, r.err)
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	golden(t, "export_contacts.csv", string(b))
	rows, err := csv.NewReader(strings.NewReader(string(b))).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, csvColumns["contacts"], rows[0])
}

func TestExport_badFlags(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, args := range [][]string{
		{"export", "users"}, {"export", "calls", "--format", "xml"}, {"export", "calls", "--from", "yesterday"},
	} {
		assert.Equal(t, ExitUsage, e.run(t, "", args...).code, "%v", args)
	}
}

func TestProgressBar_render(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "Exporting calls [===============>              ] 50/100  50%", renderBar("calls", 50, 100, false))
	assert.Equal(t, "Exporting calls [==============================] 10000/10000+ 100%", renderBar("calls", 10000, 10000, true))
	assert.Equal(t, "Exporting calls: 7", renderBar("calls", 7, 0, false))
}

func TestExport_killedAndResumedWritesEveryCallOnce(t *testing.T) {
	t.Parallel()
	e, s := fakeEnv(t, aircalltest.WithDemoData())
	s.AddGeneratedCalls(470)
	dir := t.TempDir()
	out, ckpt := filepath.Join(dir, "calls.jsonl"), filepath.Join(dir, "calls.ckpt")
	args := []string{"export", "calls", "--from", "2026-01-01", "--output", out, "--checkpoint", ckpt}

	r := e.runApp(t, func(a *App) { a.afterItem = func(n int) bool { return n == 175 } }, "", args...)
	require.Equal(t, ExitError, r.code, r.err)
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, 175, strings.Count(string(b), "\n"), "the kill left items written after the last checkpoint")
	var st exportState
	cb, err := os.ReadFile(ckpt)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(cb, &st))
	assert.Equal(t, 150, st.Exported)
	assert.NotEmpty(t, st.Checkpoint)

	r = e.run(t, "", "export", "calls", "--from", "2026-02-01", "--output", out, "--checkpoint", ckpt)
	assert.Equal(t, ExitUsage, r.code, "a checkpoint of another export is refused")
	require.NoError(t, os.Rename(out, out+".moved"))
	r = e.run(t, "", args...)
	assert.Equal(t, ExitUsage, r.code, "an output shorter than the checkpoint is refused")
	require.NoError(t, os.Rename(out+".moved", out))

	r = e.run(t, "", args...)
	require.Equal(t, ExitOK, r.code, r.err)
	assert.Contains(t, r.err, "Exported 500 calls")
	b, err = os.ReadFile(out)
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	require.Len(t, lines, 500)
	seen := map[int64]bool{}
	for _, l := range lines {
		var c struct{ ID int64 }
		require.NoError(t, json.Unmarshal([]byte(l), &c), l)
		require.False(t, seen[c.ID], "call %d written twice", c.ID)
		seen[c.ID] = true
	}

	full := filepath.Join(dir, "full.jsonl")
	r = e.run(t, "", "export", "calls", "--from", "2026-01-01", "--output", full)
	require.Equal(t, ExitOK, r.code, r.err)
	fb, err := os.ReadFile(full)
	require.NoError(t, err)
	assert.Equal(t, string(fb), string(b), "the resumed export equals an export in one go")

	r = e.run(t, "", args...)
	require.Equal(t, ExitOK, r.code)
	assert.Contains(t, r.err, "complete")
}

func TestExport_csvResumesWithoutASecondHeader(t *testing.T) {
	t.Parallel()
	e, s := fakeEnv(t, aircalltest.WithDemoData())
	s.AddGeneratedCalls(90)
	dir := t.TempDir()
	out, ckpt := filepath.Join(dir, "calls.csv"), filepath.Join(dir, "calls.ckpt")
	args := []string{"export", "calls", "--format", "csv", "--output", out, "--checkpoint", ckpt}
	r := e.runApp(t, func(a *App) { a.afterItem = func(n int) bool { return n == 60 } }, "", args...)
	require.Equal(t, ExitError, r.code)
	r = e.run(t, "", args...)
	require.Equal(t, ExitOK, r.code, r.err)
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	rows, err := csv.NewReader(strings.NewReader(string(b))).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 121)
	assert.Equal(t, csvColumns["calls"], rows[0])
	for _, row := range rows[1:] {
		assert.NotEqual(t, "id", row[0])
	}
}

func TestExport_interruptedThenResumed(t *testing.T) {
	t.Parallel()
	e, s := fakeEnv(t, aircalltest.WithDemoData())
	s.AddGeneratedCalls(170)
	dir := t.TempDir()
	out, ckpt := filepath.Join(dir, "calls.jsonl"), filepath.Join(dir, "calls.ckpt")
	args := []string{"export", "calls", "--output", out, "--checkpoint", ckpt}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	r := e.runCtx(t, ctx, func(a *App) {
		a.afterItem = func(n int) bool {
			if n == 120 {
				cancel() // Ctrl-C
			}
			return false
		}
	}, "", args...)
	require.Equal(t, ExitCancelled, r.code, r.err)
	assert.Contains(t, r.err, "run the same command again to resume")

	r = e.run(t, "", args...)
	require.Equal(t, ExitOK, r.code, r.err)
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	ids := map[string]bool{}
	for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var c struct{ ID json.Number }
		require.NoError(t, json.Unmarshal([]byte(l), &c))
		require.False(t, ids[c.ID.String()], "call %s twice", c.ID)
		ids[c.ID.String()] = true
	}
	assert.Len(t, ids, 200)
}

func TestExport_progressBarOnATerminal(t *testing.T) {
	t.Parallel()
	e, s := fakeEnv(t, aircalltest.WithDemoData())
	s.AddGeneratedCalls(70)
	io, _, errb := e.io("")
	io.ErrTTY = true
	code := run(t.Context(), []string{"export", "calls", "--output", filepath.Join(t.TempDir(), "c.jsonl")}, io,
		func(a *App) { a.clientOpts = testClientOpts })
	require.Equal(t, ExitOK, code, errb.String())
	assert.Contains(t, errb.String(), "\rExporting calls [=======>                      ] 25/100  25%")
	assert.Contains(t, errb.String(), "100/100 100%")
	assert.Contains(t, errb.String(), "\r\033[K")
}
