package aircall

import (
	"fmt"
	"net"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Input checks shared by the services. Each returns an *ArgError naming arg,
// so that bad input fails before any request is sent.

// checkID rejects ids that cannot exist (zero or negative).
func checkID(arg string, id int64) error {
	if id <= 0 {
		return &ArgError{Arg: arg, Reason: fmt.Sprintf("must be a positive id, got %d", id)}
	}
	return nil
}

// checkStringID rejects string ids that could not stay in their own path
// segment: blank, "." and ".." (which URL resolution turns into "this" or
// "the parent" directory), '/', a backslash, '?' and '#' (which end the segment),
// and control characters. Whatever else an id holds ('%', spaces, non-ASCII)
// is escaped with url.PathEscape when the path is built.
func checkStringID(arg, id string) error {
	switch {
	case strings.TrimSpace(id) == "":
		return &ArgError{Arg: arg, Reason: "must not be empty"}
	case id == "." || id == "..":
		return &ArgError{Arg: arg, Reason: fmt.Sprintf("must not be %q", id)}
	case strings.ContainsAny(id, "/\\?#"):
		return &ArgError{Arg: arg, Reason: "must not contain '/', '\\', '?' or '#'"}
	case strings.ContainsFunc(id, unicode.IsControl):
		return &ArgError{Arg: arg, Reason: "must not contain control characters"}
	}
	return nil
}

// checkNotBlank rejects empty or whitespace-only strings.
func checkNotBlank(arg, v string) error {
	if strings.TrimSpace(v) == "" {
		return &ArgError{Arg: arg, Reason: "must not be blank"}
	}
	return nil
}

// checkOptionalNotBlank rejects a set-but-blank optional field (the API's
// "can't be blank if defined").
func checkOptionalNotBlank(arg string, v *string) error {
	if v != nil {
		return checkNotBlank(arg, *v)
	}
	return nil
}

// checkMaxLen rejects strings longer than n characters (runes).
func checkMaxLen(arg, v string, n int) error {
	if l := utf8.RuneCountInString(v); l > n {
		return &ArgError{Arg: arg, Reason: fmt.Sprintf("must be at most %d characters, got %d", n, l)}
	}
	return nil
}

// IsE164 reports whether s is a phone number in E.164 format: a '+'
// followed by 2 to 15 digits, the first not 0 (e.g. "+18001231234").
func IsE164(s string) bool {
	return len(s) >= 3 && s[0] == '+' && isDigits(s[1:], 2, 15)
}

func isDigits(s string, minLen, maxLen int) bool {
	if len(s) < minLen || len(s) > maxLen || s[0] == '0' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// checkE164 rejects phone numbers not in E.164 format, where the API requires it.
func checkE164(arg, v string) error {
	if !IsE164(v) {
		return &ArgError{Arg: arg, Reason: fmt.Sprintf("must be an E.164 phone number like +18001231234, got %q", v)}
	}
	return nil
}

// checkE164Digits rejects numbers that are not E.164 digits without the
// leading '+' (A2P campaign associations use that form: "18001231234").
func checkE164Digits(arg, v string) error {
	if !isDigits(v, 2, 15) {
		return &ArgError{Arg: arg, Reason: fmt.Sprintf("must be E.164 digits without '+', like 18001231234, got %q", v)}
	}
	return nil
}

// checkHTTPSURL rejects anything but an absolute https URL with a host.
func checkHTTPSURL(arg, v string) error {
	u, err := url.Parse(v)
	if err != nil || u.Scheme != "https" || u.Host == "" || u.Opaque != "" {
		return &ArgError{Arg: arg, Reason: fmt.Sprintf("must be an absolute https URL, got %q", v)}
	}
	return nil
}

// checkPublicURL rejects URLs a remote server could not fetch: not http(s),
// no host, or a loopback, private or link-local address.
func checkPublicURL(arg, v string) error {
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return &ArgError{Arg: arg, Reason: fmt.Sprintf("must be an absolute http(s) URL, got %q", v)}
	}
	host := u.Hostname()
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return &ArgError{Arg: arg, Reason: fmt.Sprintf("must be a public URL, got %q", v)}
	}
	if ip := net.ParseIP(host); ip != nil && (ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsUnspecified()) {
		return &ArgError{Arg: arg, Reason: fmt.Sprintf("must be a public URL, got %q", v)}
	}
	return nil
}

// maxEnumLen bounds an enum value: Aircall's longest today is about 20
// characters ("longest_idle", "message.status_updated").
const maxEnumLen = 64

// checkEnum checks the shape of an enum-like value, not its membership of
// the values the SDK knows: Aircall adds values without notice, and a new one
// must pass through without a new release of the SDK (the constants list
// the known ones). Refused is only what cannot be a value: empty, longer than
// 64 characters, or holding anything but ASCII letters, digits, '_', '-' and '.'.
func checkEnum[T ~string](arg string, v T) error {
	switch {
	case v == "":
		return &ArgError{Arg: arg, Reason: "must not be empty"}
	case len(v) > maxEnumLen:
		return &ArgError{Arg: arg, Reason: fmt.Sprintf("must be at most %d characters, got %d", maxEnumLen, len(v))}
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-' || c == '.') {
			return &ArgError{Arg: arg, Reason: fmt.Sprintf("must hold only letters, digits, '_', '-' and '.', got %q", v)}
		}
	}
	return nil
}

// checkOrder checks a sort order ("asc" or "desc" today; empty means the
// API's default) by shape, like every enum.
func checkOrder(order string) error {
	if order == "" {
		return nil
	}
	return checkEnum("Order", order)
}

// checkListWindow checks what list options share: the page, the order and
// creation-time bounds that do not cross.
func checkListWindow(lo ListOptions, from, to time.Time, order string) error {
	if err := lo.validate(MaxPerPage); err != nil {
		return err
	}
	if err := checkOrder(order); err != nil {
		return err
	}
	if !from.IsZero() && !to.IsZero() && from.After(to) {
		return &ArgError{Arg: "From", Reason: "must not be after To"}
	}
	return nil
}

// firstErr returns the first non-nil error, for chaining checks.
func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
