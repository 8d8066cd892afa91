package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"
)

// maxColumns is how many columns a list table shows; --json shows everything.
const maxColumns = 7

// skipColumns are fields too long or too internal for a table.
var skipColumns = map[string]bool{"direct_link": true, "recording": true, "voicemail": true, "asset": true}

// table collects the rows of a list to align them.
type table struct {
	cols []string
	rows []map[string]any
}

func (t *table) add(raw []byte, g any) {
	obj, ok := g.(map[string]any)
	if !ok {
		obj = map[string]any{"value": g}
		raw = []byte(`{"value":0}`)
	}
	if t.cols == nil {
		for _, k := range orderedKeys(raw) {
			if len(t.cols) == maxColumns {
				break
			}
			if isScalar(obj[k]) && !skipColumns[k] {
				t.cols = append(t.cols, k)
			}
		}
		if len(t.cols) == 0 {
			t.cols = []string{"value"}
			obj = map[string]any{"value": g}
		}
	}
	t.rows = append(t.rows, obj)
}

func (t *table) write(w io.Writer, tty bool) error {
	if len(t.rows) == 0 {
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	head := make([]string, len(t.cols))
	for i, c := range t.cols {
		head[i] = strings.ToUpper(c)
	}
	fmt.Fprintln(tw, strings.Join(head, "\t"))
	for _, r := range t.rows {
		cells := make([]string, len(t.cols))
		for i, c := range t.cols {
			cells[i] = cell(c, r[c], tty, 40)
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	return tw.Flush()
}

// writeRecord prints one object as "field: value" lines, in the API's order.
func writeRecord(w io.Writer, raw []byte, g any, tty bool) error {
	obj, ok := g.(map[string]any)
	if !ok || len(obj) == 0 {
		_, err := fmt.Fprintln(w, cell("", g, false, 0))
		return err
	}
	keys := orderedKeys(raw)
	if inner, ok := obj[keys[0]].(map[string]any); ok && len(keys) == 1 {
		// an envelope such as {"company": {...}}: show what it holds
		var env map[string]json.RawMessage
		_ = json.Unmarshal(raw, &env)
		return writeRecord(w, env[keys[0]], inner, tty)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, k := range keys {
		fmt.Fprintf(tw, "%s:\t%s\n", k, cell(k, obj[k], tty, 80))
	}
	return tw.Flush()
}

// orderedKeys returns the top-level keys of a JSON object in document order.
func orderedKeys(raw []byte) []string {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return keys
		}
		k, _ := tok.(string)
		keys = append(keys, k)
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return keys
		}
	}
	return keys
}

func isScalar(v any) bool {
	switch v.(type) {
	case map[string]any, []any:
		return false
	}
	return true
}

// cell formats a value for people: times of *_at fields given in unix
// seconds or milliseconds as RFC 3339, nested values as compact JSON, long
// text cut to width on a terminal (width 0: never).
func cell(key string, v any, tty bool, width int) string {
	var s string
	switch x := v.(type) {
	case nil:
		s = ""
	case string:
		s = x
	case json.Number:
		s = x.String()
		if strings.HasSuffix(key, "_at") {
			if n, err := x.Int64(); err == nil && n > 1e9 {
				if n > 1e12 {
					s = time.UnixMilli(n).UTC().Format(time.RFC3339)
				} else {
					s = time.Unix(n, 0).UTC().Format(time.RFC3339)
				}
			}
		}
	case bool:
		s = fmt.Sprint(x)
	default:
		b, _ := json.Marshal(x)
		s = string(b)
	}
	s = strings.ReplaceAll(s, "\n", " ")
	s = strings.ReplaceAll(s, "\t", " ")
	if tty && width > 0 && utf8.RuneCountInString(s) > width {
		s = string([]rune(s)[:width-1]) + "…"
	}
	return s
}
