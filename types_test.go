package aircall

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTimestamp_decodesEveryForm(t *testing.T) {
	t.Parallel()
	want := time.Date(2020, 3, 23, 21, 16, 39, 0, time.UTC) // 1584998199
	tests := []struct {
		in   string
		want time.Time
	}{
		{`1584998199`, want},                               // unix seconds (calls)
		{`1584998199000`, want},                            // unix milliseconds (messages)
		{`1584998199000000`, want},                         // microseconds
		{`1584998199000000000`, want},                      // nanoseconds
		{`"1584998199"`, want},                             // numeric string
		{`"1584998199000"`, want},                          // numeric string, ms
		{`1584998199.5`, want.Add(500 * time.Millisecond)}, // fractional seconds
		{`"2020-03-23T21:16:39.000Z"`, want},               // ISO with fraction (users, teams)
		{`"2020-03-23T21:16:39Z"`, want},                   // ISO without fraction
		{`"2020-03-23T22:16:39+01:00"`, want},              // with offset
		{`"2020-03-23T21:16:39.000+00:00"`, want},          // integrations
		{`"2020-03-23T21:16:39"`, want},                    // no zone: UTC
		{`"2020-03-23T21:16:39+0000"`, want},               // offset without colon
		{`"2020-03-23 21:16:39"`, want},                    // space separator
		{`"2020-03-23"`, time.Date(2020, 3, 23, 0, 0, 0, 0, time.UTC)},
		{`null`, time.Time{}},
		{`""`, time.Time{}},
		{`0`, time.Time{}},
		{`"no_available_agent"`, time.Time{}},        // the reference's own odd value
		{`"20120-01-02T09:01:58.000Z"`, time.Time{}}, // a five-digit year, also in the reference
		{`true`, time.Time{}},
		{`{"a":1}`, time.Time{}},
		{`[1]`, time.Time{}},
		{`"\u0032020-03-23T21:16:39Z"`, want}, // escaped string
		{`"2020-03-23t21:16:39z"`, want},      // lower-case T and Z
		{`"2020-03-23T16:16:39-05:00"`, want}, // negative offset
		{`"2020-03-23T21:16:39.123456789Z"`, want.Add(123456789)},
		{`"2020-03-23T21:16:39.1234567891Z"`, want.Add(123456789)}, // beyond nanoseconds
		{`"2020-02-30T00:00:00Z"`, time.Time{}},                    // no such day
		{`"2020-13-01T00:00:00Z"`, time.Time{}},
		{`"2020-03-23T21:16:39."`, time.Time{}},
		{`"2020-03-23T21:16:39+25:00"`, time.Time{}},
		{`"-1584998199"`, time.Unix(-1584998199, 0)},
		{`"+1584998199"`, want},
		{`"1e3"`, time.Unix(1000, 0)},
		{`12345678901234567890123`, time.Time{}}, // overflows every unit
	}
	for _, tt := range tests {
		var ts Timestamp
		require.NoError(t, json.Unmarshal([]byte(tt.in), &ts), tt.in)
		assert.True(t, tt.want.Equal(ts.Time), "%s: want %v, got %v", tt.in, tt.want, ts.Time)
		if !ts.IsZero() {
			assert.Equal(t, time.UTC, ts.Location(), "%s decodes to UTC", tt.in)
		}
	}
}

func TestTimestamp_oddValueDoesNotFailThePayload(t *testing.T) {
	t.Parallel()
	var calls []struct {
		ID         int64     `json:"id"`
		StartedAt  Timestamp `json:"started_at"`
		AnsweredAt Timestamp `json:"answered_at"`
	}
	err := json.Unmarshal([]byte(`[{"id":812,"started_at":1584998199,"answered_at":1584998205},
		{"id":813,"started_at":1584998199,"answered_at":"no_available_agent"}]`), &calls)
	require.NoError(t, err)
	require.Len(t, calls, 2)
	assert.Equal(t, int64(1584998205), calls[0].AnsweredAt.Unix())
	assert.True(t, calls[1].AnsweredAt.IsZero())
	assert.Equal(t, int64(1584998199), calls[1].StartedAt.Unix())
}

func TestTimestamp_marshal(t *testing.T) {
	t.Parallel()
	b, err := json.Marshal(Timestamp{time.Date(2020, 3, 23, 22, 16, 39, 5e8, time.FixedZone("CET", 3600))})
	require.NoError(t, err)
	assert.Equal(t, `"2020-03-23T21:16:39.5Z"`, string(b))
	b, err = json.Marshal(Timestamp{})
	require.NoError(t, err)
	assert.Equal(t, `null`, string(b))

	type wrapper struct {
		At Timestamp `json:"at"`
	}
	var w wrapper
	require.NoError(t, json.Unmarshal([]byte(`{"at":1584998199}`), &w))
	b, err = json.Marshal(w)
	require.NoError(t, err)
	var again wrapper
	require.NoError(t, json.Unmarshal(b, &again))
	assert.Equal(t, w, again, "a decoded Timestamp survives a round trip")
}

func TestPtr(t *testing.T) {
	t.Parallel()
	p := Ptr(false)
	require.NotNil(t, p)
	assert.False(t, *p)
	assert.Equal(t, "x", *Ptr("x"))
	assert.Equal(t, int64(0), *Ptr[int64](0))
}

func TestFlexTypes(t *testing.T) {
	t.Parallel()
	var s struct {
		A flexString  `json:"a"`
		B flexString  `json:"b"`
		C flexString  `json:"c"`
		L flexStrings `json:"l"`
		N flexInt64   `json:"n"`
		M flexInt64   `json:"m"`
		Z flexInt64   `json:"z"`
		E flexStrings `json:"e"`
	}
	require.NoError(t, json.Unmarshal([]byte(`{"a":"1234","b":1234,"c":null,"l":[1279876456,"33612345678"],"n":"42","m":42,"z":null,"e":null}`), &s))
	assert.Equal(t, flexString("1234"), s.A)
	assert.Equal(t, flexString("1234"), s.B)
	assert.Equal(t, flexString(""), s.C)
	assert.Equal(t, flexStrings{"1279876456", "33612345678"}, s.L)
	assert.Equal(t, flexInt64(42), s.N)
	assert.Equal(t, flexInt64(42), s.M)
	assert.Equal(t, flexInt64(0), s.Z)
	assert.Nil(t, s.E)

	var bad flexInt64
	assert.Error(t, json.Unmarshal([]byte(`"abc"`), &bad))
	var badS flexString
	assert.Error(t, json.Unmarshal([]byte(`{}`), &badS))
	var badL flexStrings
	assert.Error(t, json.Unmarshal([]byte(`[{}]`), &badL))
}

// FuzzParseRFC3339 checks the allocation-free RFC 3339 reader agrees with
// time.Parse wherever it accepts an input.
func FuzzParseRFC3339(f *testing.F) {
	for _, seed := range []string{"2020-03-23T21:16:39.000Z", "2020-03-23T21:16:39Z", "2020-11-02T15:38:16.000+00:00",
		"2020-03-23T16:16:39-05:00", "2020-02-29T23:59:59.999999999Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59+23:59"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := parseRFC3339([]byte(s))
		if !ok {
			return
		}
		want, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			// time.Parse is stricter on a few spellings (lower-case t/z, over 9 fraction digits).
			return
		}
		if want = inRange(want); !got.Equal(want) {
			t.Fatalf("%q: got %v, time.Parse says %v", s, got, want)
		}
	})
}

// FuzzTimestamp checks Timestamp decoding never fails or panics, and that
// whatever it decodes survives a round trip.
func FuzzTimestamp(f *testing.F) {
	for _, seed := range []string{
		`1584998199`, `1584998199000`, `"1584998199"`, `"2020-03-23T21:16:39.000Z"`, `"2020-03-23T21:16:39"`,
		`null`, `"no_available_agent"`, `"20120-01-02T09:01:58.000Z"`, `-1`, `9999999999999999999999`,
		`1e400`, `"NaN"`, `-9223372036854775808`, `"2020-03-23"`, `{`, `"\ud800"`, `1.5e15`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var ts Timestamp
		if err := ts.UnmarshalJSON(data); err != nil {
			t.Fatalf("UnmarshalJSON(%q) returned %v; it must never fail", data, err)
		}
		b, err := json.Marshal(ts)
		if err != nil {
			// time.Time cannot marshal years outside 0..9999; only absurd input gets there.
			if ts.Year() >= 0 && ts.Year() <= 9999 {
				t.Fatalf("Marshal(%v): %v", ts.Time, err)
			}
			return
		}
		var again Timestamp
		require.NoError(t, json.Unmarshal(b, &again))
		if !ts.Equal(again.Time) {
			t.Fatalf("round trip of %q: %v became %v", data, ts.Time, again.Time)
		}
	})
}
