package cli

import (
	"strconv"
	"strings"
	"time"
)

// parseTime reads a time given on the command line: a date (2026-11-01,
// midnight UTC), an RFC 3339 time (2026-11-01T09:30:00+01:00) or unix
// seconds (1793491200).
func parseTime(flag, s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && n >= 0 {
		return time.Unix(n, 0).UTC(), nil
	}
	return time.Time{}, usagef("--%s %q: want a date (2026-11-01), an RFC 3339 time or unix seconds", flag, s)
}
