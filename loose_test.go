package aircall

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// looseSample is a loose model the way the SDK writes them: typed fields, and
// Extra for everything else.
type looseSample struct {
	ID      int64  `json:"id"`
	Name    string `json:"name,omitempty"`
	NoTag   bool
	Skipped string                     `json:"-"`
	hidden  string                     // unexported: never read nor written
	Extra   map[string]json.RawMessage `json:"-"`
}

func TestLooseDecode(t *testing.T) {
	t.Parallel()
	var s looseSample
	extra, err := looseDecode([]byte(` {"id":"not a number","name":"n","NoTag":true,"-":1,"more":{ "a" : "<&>" }} `), &s)
	require.NoError(t, err)
	assert.Zero(t, s.ID, "a value that does not fit leaves the field zero")
	assert.Equal(t, "n", s.Name)
	assert.True(t, s.NoTag, "an untagged field is read under its Go name")
	assert.Empty(t, s.Skipped)
	assert.Equal(t, map[string]json.RawMessage{
		"id":   json.RawMessage(`"not a number"`),
		"-":    json.RawMessage(`1`),
		"more": json.RawMessage(`{"a":"\u003c\u0026\u003e"}`),
	}, extra, "unknown and misfitting keys are kept, compacted and escaped like encoding/json")

	extra, err = looseDecode([]byte(`{"id":1}`), &s)
	require.NoError(t, err)
	assert.Nil(t, extra, "nothing left over: no map")

	extra, err = looseDecode([]byte(" null "), &s)
	require.NoError(t, err)
	assert.Nil(t, extra)

	for _, bad := range []string{`[1]`, `"x"`, `{`, ``} {
		_, err := looseDecode([]byte(bad), &s)
		assert.Error(t, err, bad)
	}
}

func TestLooseEncode(t *testing.T) {
	t.Parallel()
	s := looseSample{ID: 7, Skipped: "never", hidden: "never"}
	b, err := looseEncode(&s, map[string]json.RawMessage{"id": json.RawMessage(`"7a"`), "x": json.RawMessage(`[1]`)})
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"7a","name":"","NoTag":false,"x":[1]}`, string(b),
		"every modelled field is written (omitempty does not apply) and extra wins")
}

func TestLooseUnwrap(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{`{"result":{"id":1}}`, `{"id":1}`},
		{`{"other":{"id":1}}`, `{"other":{"id":1}}`},
		{`{"result":[1]}`, `{"result":[1]}`},
		{`{"result":{"id":1},"meta":{}}`, `{"result":{"id":1},"meta":{}}`},
		{`[1]`, `[1]`},
	} {
		assert.JSONEq(t, tc.want, string(looseUnwrap(json.RawMessage(tc.in), "result")), tc.in)
	}
	assert.JSONEq(t, `{"result":{"id":1}}`, string(looseUnwrap(json.RawMessage(`{"result":{"id":1}}`))), "no keys: unchanged")
}

func TestLooseModels_roundTrip(t *testing.T) {
	t.Parallel()
	in := `{"id":9,"call_id":"123","adherence_score":0.5,"playbook":null,"playbook_result_topics":[],` +
		`"created_at":null,"updated_at":null,"note":"<b>&</b>","nested":{ "a" : [1, 2] }}`
	var pr PlaybookResult
	require.NoError(t, json.Unmarshal([]byte(in), &pr))
	assert.Zero(t, pr.CallID, `"123" does not fit int64`)
	assert.Equal(t, json.RawMessage(`"123"`), pr.Extra["call_id"])
	assert.Equal(t, json.RawMessage(`{"a":[1,2]}`), pr.Extra["nested"], "compacted")
	out, err := json.Marshal(pr)
	require.NoError(t, err)
	assert.JSONEq(t, in, string(out), "every key survives, raw values win over zero fields")
	assertLooseRoundTrip(t, &pr)

	var null PlaybookResult
	require.NoError(t, json.Unmarshal([]byte(`null`), &null))
	assert.Zero(t, null)
	assert.Error(t, json.Unmarshal([]byte(`"text"`), &null))

	// A model built by hand encodes its fields.
	b, err := json.Marshal(&RealtimeTranscription{CallID: 1, CallUUID: "CA1"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"call_id":1,"call_uuid":"CA1","content":null}`, string(b))
}

// assertLooseRoundTrip encodes v, decodes it again into the same type and
// checks nothing changed.
func assertLooseRoundTrip[T any](t *testing.T, v *T) {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	again := new(T)
	require.NoError(t, json.Unmarshal(b, again))
	assert.Equal(t, v, again, "round trip through %s", b)
}
