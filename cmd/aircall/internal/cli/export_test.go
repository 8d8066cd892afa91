package cli

import (
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
