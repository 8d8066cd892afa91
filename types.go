package aircall

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"
)

// Timestamp is a point in time as Aircall sends it, which depends on the
// resource: ISO-8601 strings (users, teams, numbers, webhooks), unix seconds
// (calls, contacts, comments, webhook events), unix milliseconds (messages).
//
// It decodes all of them: unix seconds, milliseconds, microseconds or
// nanoseconds as numbers or numeric strings, RFC 3339 / ISO-8601 with or
// without fraction and zone (no zone means UTC), plain dates, and null. A
// value it cannot read (the reference shows "answered_at":
// "no_available_agent") decodes to the zero Timestamp instead of failing the
// whole answer: check IsZero. Decoded times are in UTC.
//
// It encodes as an RFC 3339 string, or null when zero.
type Timestamp struct{ time.Time }

// UnmarshalJSON implements json.Unmarshaler. It never returns an error.
func (t *Timestamp) UnmarshalJSON(b []byte) error {
	t.Time = parseTimeJSON(b)
	return nil
}

// MarshalJSON implements json.Marshaler.
func (t Timestamp) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte("null"), nil
	}
	buf := make([]byte, 0, len(time.RFC3339Nano)+2)
	buf = append(buf, '"')
	buf = t.UTC().AppendFormat(buf, time.RFC3339Nano)
	return append(buf, '"'), nil
}

func parseTimeJSON(b []byte) time.Time {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return time.Time{}
	}
	switch c := b[0]; {
	case c == '"':
		var s string
		if bytes.IndexByte(b, '\\') < 0 && len(b) >= 2 && b[len(b)-1] == '"' {
			s = string(b[1 : len(b)-1])
		} else if json.Unmarshal(b, &s) != nil {
			return time.Time{}
		}
		return parseTimeString(s)
	case c == '-' || (c >= '0' && c <= '9'):
		return parseTimeNumber(string(b))
	default: // null, true, false, objects, arrays
		return time.Time{}
	}
}

// timeLayouts are the string forms seen in Aircall payloads, most common first.
var timeLayouts = []string{
	time.RFC3339Nano,                      // 2020-03-10T20:29:52.000Z, 2020-11-02T15:38:16.000+00:00
	"2006-01-02T15:04:05.999999999",       // no zone: UTC
	"2006-01-02T15:04:05.999999999Z0700",  // +0000
	"2006-01-02 15:04:05.999999999Z07:00", // space instead of T
	"2006-01-02 15:04:05.999999999",
	"2006-01-02 15:04:05.999999999 -0700 MST",
	time.RFC1123Z,
	time.RFC1123,
	"2006-01-02",
}

func parseTimeString(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	if c := s[0]; c == '-' || (c >= '0' && c <= '9') {
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return parseTimeNumber(s)
		}
	}
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return inRange(t)
		}
	}
	return time.Time{}
}

// parseTimeNumber reads a unix time whose unit is guessed from its size:
// seconds up to 1e11 (year 5138), then milliseconds, microseconds, nanoseconds.
func parseTimeNumber(s string) time.Time {
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		return fromUnix(i, 0)
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) >= 9e18 {
		return time.Time{}
	}
	whole, frac := math.Modf(f)
	return fromUnix(int64(whole), frac)
}

func fromUnix(v int64, frac float64) time.Time {
	if v == 0 && frac == 0 {
		return time.Time{} // 0 means "not set" in these payloads, not 1970
	}
	abs := v
	if abs < 0 {
		abs = -abs // math.MinInt64 stays negative: it falls through to seconds and is rejected below
	}
	var t time.Time
	switch {
	case abs >= 1e17:
		t = time.Unix(0, v)
	case abs >= 1e14:
		t = time.UnixMicro(v)
	case abs >= 1e11:
		t = time.UnixMilli(v).Add(time.Duration(frac * float64(time.Millisecond)))
	default:
		t = time.Unix(v, int64(frac*1e9))
	}
	return inRange(t)
}

// inRange keeps times RFC 3339 can represent (years 1 to 9999); anything
// else is an odd value and decodes to zero.
func inRange(t time.Time) time.Time {
	if y := t.Year(); y < 1 || y > 9999 {
		return time.Time{}
	}
	return t.UTC()
}

// Ptr returns a pointer to v, for optional request fields:
// &aircall.UpdateUserRequest{FirstName: aircall.Ptr("Jeff")}.
func Ptr[T any](v T) *T { return &v }

// flexString decodes a JSON string, number or null into a string, for
// fields the API documents as strings but sends as numbers (or the reverse).
type flexString string

func (s *flexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")):
		*s = ""
	case len(b) > 0 && b[0] == '"':
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*s = flexString(v)
	default:
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return err
		}
		*s = flexString(n.String())
	}
	return nil
}

// flexStrings decodes an array of strings and/or numbers into strings.
type flexStrings []string

func (l *flexStrings) UnmarshalJSON(b []byte) error {
	var raw []flexString
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	if raw == nil {
		*l = nil
		return nil
	}
	out := make([]string, len(raw))
	for i, v := range raw {
		out[i] = string(v)
	}
	*l = out
	return nil
}

// flexInt64 decodes a JSON number, numeric string or null into an int64.
type flexInt64 int64

func (n *flexInt64) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if bytes.Equal(b, []byte("null")) {
		*n = 0
		return nil
	}
	var s flexString
	if err := s.UnmarshalJSON(b); err != nil {
		return err
	}
	if s == "" {
		*n = 0
		return nil
	}
	v, err := strconv.ParseInt(string(s), 10, 64)
	if err != nil {
		return err
	}
	*n = flexInt64(v)
	return nil
}
