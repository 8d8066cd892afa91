package aircallmcp

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// cursorVersion is written into every cursor, so a cursor from an older
// server is refused with a clear message instead of being misread.
const cursorVersion = 1

// cursor is the opaque continuation token of a list tool: it carries the
// tool it belongs to, the query (so the next call needs nothing else), and
// where the listing stopped.
type cursor[Q any] struct {
	V     int    `json:"v"`
	Tool  string `json:"t"`
	Query Q      `json:"q"`
	// Page is the next page of a page-numbered listing (users, numbers...).
	Page int `json:"p,omitempty"`
	// Checkpoint is where a listing of calls or contacts stands: the
	// SDK's Pager goes on from there.
	Checkpoint string `json:"cp,omitempty"`
	// Done counts the items returned so far.
	Done int `json:"d,omitempty"`
}

func encodeCursor[Q any](c cursor[Q]) string {
	c.V = cursorVersion
	b, err := json.Marshal(c)
	if err != nil {
		return "" // cannot happen: Q holds plain values
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// errBadCursor is wrapped by every cursor refusal.
var errBadCursor = errors.New("invalid cursor")

func decodeCursor[Q any](tool, s string) (cursor[Q], error) {
	var c cursor[Q]
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimSpace(s))
	if err != nil {
		return c, fmt.Errorf("%w: not a cursor this server returned; start again without one", errBadCursor)
	}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return c, fmt.Errorf("%w: not a cursor this server returned; start again without one", errBadCursor)
	}
	if c.V != cursorVersion {
		return c, fmt.Errorf("%w: it comes from another version of this server; start again without one", errBadCursor)
	}
	if c.Tool != tool {
		return c, fmt.Errorf("%w: it belongs to %s, not %s", errBadCursor, c.Tool, tool)
	}
	return c, nil
}
