package aircall

import (
	"bytes"
	"encoding/json"
	"fmt"
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
		if len(b) >= 2 && b[len(b)-1] == '"' && bytes.IndexByte(b, '\\') < 0 {
			return parseTimeBytes(b[1 : len(b)-1])
		}
		var s string
		if json.Unmarshal(b, &s) != nil {
			return time.Time{}
		}
		return parseTimeString(s)
	case c == '-' || (c >= '0' && c <= '9'):
		return parseTimeNumber(b)
	default: // null, true, false, objects, arrays
		return time.Time{}
	}
}

// parseTimeBytes reads the content of a JSON string without allocating for
// the common forms (unix digits, RFC 3339), falling back to parseTimeString.
func parseTimeBytes(s []byte) time.Time {
	if len(s) > 0 && isNumeric(s) {
		return parseTimeNumber(s)
	}
	if t, ok := parseRFC3339(s); ok {
		return t
	}
	return parseTimeString(string(s))
}

// isNumeric reports whether s looks like a JSON number.
func isNumeric(s []byte) bool {
	for i, c := range s {
		switch {
		case c >= '0' && c <= '9':
		case c == '-' || c == '+':
			if i != 0 && s[i-1] != 'e' && s[i-1] != 'E' {
				return false
			}
		case c == '.' || c == 'e' || c == 'E':
		default:
			return false
		}
	}
	return true
}

// parseRFC3339 parses YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM) from bytes,
// without allocating. Other forms report false.
func parseRFC3339(s []byte) (time.Time, bool) {
	if len(s) < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') || s[13] != ':' || s[16] != ':' {
		return time.Time{}, false
	}
	num := func(b []byte) (int, bool) {
		n := 0
		for _, c := range b {
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	year, ok1 := num(s[0:4])
	month, ok2 := num(s[5:7])
	day, ok3 := num(s[8:10])
	hour, ok4 := num(s[11:13])
	minute, ok5 := num(s[14:16])
	sec, ok6 := num(s[17:19])
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || sec > 59 {
		return time.Time{}, false
	}
	rest := s[19:]
	nsec := 0
	if len(rest) > 0 && rest[0] == '.' {
		i, scale := 1, 100000000
		for ; i < len(rest) && rest[i] >= '0' && rest[i] <= '9'; i++ {
			nsec += int(rest[i]-'0') * scale
			scale /= 10
		}
		if i == 1 {
			return time.Time{}, false
		}
		rest = rest[i:]
	}
	offset := 0
	switch {
	case len(rest) == 1 && (rest[0] == 'Z' || rest[0] == 'z'):
	case len(rest) == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':':
		oh, ok1 := num(rest[1:3])
		om, ok2 := num(rest[4:6])
		if !ok1 || !ok2 || oh > 23 || om > 59 {
			return time.Time{}, false
		}
		offset = (oh*60 + om) * 60
		if rest[0] == '-' {
			offset = -offset
		}
	default:
		return time.Time{}, false
	}
	t := time.Date(year, time.Month(month), day, hour, minute, sec, nsec, time.UTC)
	if t.Day() != day { // e.g. February 30th
		return time.Time{}, false
	}
	return inRange(t.Add(-time.Duration(offset) * time.Second)), true
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
	if isNumeric([]byte(s)) {
		return parseTimeNumber([]byte(s))
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
func parseTimeNumber(s []byte) time.Time {
	if v, ok := parseInt64(s); ok {
		return fromUnix(v, 0)
	}
	f, err := strconv.ParseFloat(string(s), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) >= 9e18 {
		return time.Time{}
	}
	whole, frac := math.Modf(f)
	return fromUnix(int64(whole), frac)
}

// parseInt64 parses an optionally signed decimal integer without allocating.
func parseInt64(s []byte) (int64, bool) {
	neg := false
	if len(s) > 0 && (s[0] == '-' || s[0] == '+') {
		neg, s = s[0] == '-', s[1:]
	}
	if len(s) == 0 || len(s) > 18 { // longer ones may overflow: leave them to strconv
		return 0, false
	}
	var v int64
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int64(c-'0')
	}
	if neg {
		v = -v
	}
	return v, true
}

// fromUnix reads a unix time whose unit is guessed from its size: seconds
// below 1e11 (year 5138), then milliseconds, microseconds from 1e14 and
// nanoseconds from 1e17. It is the SDK's one unit guess: payload times and
// the X-AircallApi-Reset header both go through it. 0 is "not set"; a time
// outside years 1 to 9999 is zero too.
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
	t = t.UTC()
	if y := t.Year(); y < 1 || y > 9999 {
		return time.Time{}
	}
	return t
}

// Ptr returns a pointer to v, for optional request fields:
// &aircall.UpdateUserRequest{FirstName: aircall.Ptr("Jeff")}.
func Ptr[T any](v T) *T { return &v }

// flexString decodes a JSON string, number or null into a string, for
// fields the API documents as strings but sends as numbers (or the reverse).
type flexString string

// UnmarshalJSON reads a JSON string, number or null.
func (s *flexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")):
		*s = ""
	case len(b) >= 2 && b[0] == '"' && b[len(b)-1] == '"' && bytes.IndexByte(b, '\\') < 0:
		*s = flexString(b[1 : len(b)-1])
	case len(b) > 0 && b[0] == '"':
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*s = flexString(v)
	case len(b) > 0 && isNumeric(b) && (b[0] == '-' || (b[0] >= '0' && b[0] <= '9')):
		*s = flexString(b)
	default:
		return fmt.Errorf("aircall: cannot read %.40q as a string or a number", b)
	}
	return nil
}

// flexStrings decodes an array of strings and/or numbers into strings.
type flexStrings []string

// UnmarshalJSON reads an array of strings and/or numbers.
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

// UnmarshalJSON reads a JSON number, numeric string or null.
func (n *flexInt64) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if bytes.Equal(b, []byte("null")) || bytes.Equal(b, []byte(`""`)) {
		*n = 0
		return nil
	}
	if len(b) >= 2 && b[0] == '"' && b[len(b)-1] == '"' {
		b = b[1 : len(b)-1]
	}
	v, ok := parseInt64(b)
	if !ok {
		var err error
		if v, err = strconv.ParseInt(string(b), 10, 64); err != nil {
			return err
		}
	}
	*n = flexInt64(v)
	return nil
}

// lenientInt64 is flexInt64 for ids that must never fail a whole answer: a
// value that is not an integer (number or numeric string) decodes to zero.
type lenientInt64 int64

// UnmarshalJSON reads an integer, or zero for anything else.
func (n *lenientInt64) UnmarshalJSON(b []byte) error {
	var v flexInt64
	if v.UnmarshalJSON(b) != nil {
		v = 0
	}
	*n = lenientInt64(v)
	return nil
}
