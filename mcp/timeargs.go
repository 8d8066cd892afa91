package aircallmcp

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// parseWindow turns the time arguments of a listing into absolute bounds:
// last (a duration back from now: "30m", "24h", "7d", "2w") or from and to
// (RFC 3339, or a date "2026-11-30" meaning its start in UTC).
func parseWindow(now time.Time, last, from, to string) (f, t time.Time, err error) {
	if last != "" {
		if from != "" {
			return f, t, fmt.Errorf("give last or from, not both")
		}
		d, err := parseSince(last)
		if err != nil {
			return f, t, err
		}
		f = now.Add(-d)
	}
	if from != "" {
		if f, err = parseTime("from", from); err != nil {
			return f, t, err
		}
	}
	if to != "" {
		if t, err = parseTime("to", to); err != nil {
			return f, t, err
		}
	}
	if !f.IsZero() && !t.IsZero() && !f.Before(t) {
		return f, t, fmt.Errorf("from (%s) must be before to (%s)", f.Format(time.RFC3339), t.Format(time.RFC3339))
	}
	return f, t, nil
}

func parseTime(arg, s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%s: %q is not an RFC 3339 time (like 2026-11-30T14:00:00Z) or a date (2026-11-30)", arg, s)
}

// parseSince reads "90s", "30m", "24h", "7d" or "2w".
func parseSince(s string) (time.Duration, error) {
	s = strings.TrimSpace(strings.ToLower(s))
	bad := fmt.Errorf("last: %q is not a duration like 30m, 24h, 7d or 2w", s)
	if s == "" {
		return 0, bad
	}
	unit := s[len(s)-1]
	if unit == 'd' || unit == 'w' {
		n, err := strconv.ParseFloat(s[:len(s)-1], 64)
		if err != nil || n <= 0 {
			return 0, bad
		}
		day := 24 * time.Hour
		if unit == 'w' {
			day *= 7
		}
		return time.Duration(n * float64(day)), nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, bad
	}
	return d, nil
}

func unixOrZero(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

func fromUnix(u int64) time.Time {
	if u == 0 {
		return time.Time{}
	}
	return time.Unix(u, 0).UTC()
}
