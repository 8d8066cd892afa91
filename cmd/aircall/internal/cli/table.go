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
var skipColumns = map[string]bool{"direct_link": true, "recording": true, "voicemail": true, "asset": true,
	"call_uuid": true, "sid": true}

// tableColumns are the columns of the resources people list most; other
// lists show their first scalar fields. A dotted name reads a nested field.
var tableColumns = map[string][]string{
	"calls":    {"id", "direction", "status", "started_at", "duration", "raw_digits", "user.name", "number.name", "missed_call_reason"},
	"users":    {"id", "name", "email", "availability_status", "time_zone"},
	"contacts": {"id", "first_name", "last_name", "company_name", "phone_numbers", "emails"},
	"numbers":  {"id", "name", "digits", "country", "availability_status", "is_ivr"},
	"teams":    {"id", "name", "users", "created_at"},
	"tags":     {"id", "name", "color", "description"},
	"webhooks": {"webhook_id", "url", "active", "events", "custom_name"},
}

// table collects the rows of a list to align them.
type table struct {
	cols []string // chosen by the command, or nil
	keys []string // top-level keys of the first row, in order
	rows []map[string]any
}

func (t *table) add(raw []byte, g any) {
	obj, ok := g.(map[string]any)
	if !ok {
		obj = map[string]any{"value": g}
		raw = []byte(`{"value":0}`)
	}
	if t.keys == nil {
		t.keys = orderedKeys(raw)
	}
	t.rows = append(t.rows, obj)
}

// columns returns the columns to show: the command's, else the first
// scalar fields that hold something in some row.
func (t *table) columns() []string {
	if t.cols != nil {
		return t.cols
	}
	var cols []string
	for _, k := range t.keys {
		if len(cols) == maxColumns {
			break
		}
		if skipColumns[k] {
			continue
		}
		scalar, filled := true, false
		for _, r := range t.rows {
			if !isScalar(r[k]) {
				scalar = false
			}
			if v := r[k]; v != nil && v != "" {
				filled = true
			}
		}
		if scalar && filled {
			cols = append(cols, k)
		}
	}
	if len(cols) == 0 {
		cols = []string{"value"}
	}
	return cols
}

func (t *table) write(w io.Writer, tty bool) error {
	if len(t.rows) == 0 {
		return nil
	}
	cols := t.columns()
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	head := make([]string, len(cols))
	for i, c := range cols {
		head[i] = strings.ToUpper(strings.ReplaceAll(c, ".", "_"))
	}
	fmt.Fprintln(tw, strings.Join(head, "\t"))
	for _, r := range t.rows {
		cells := make([]string, len(cols))
		for i, c := range cols {
			cells[i] = cell(c, lookup(r, c), tty, 40)
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	return tw.Flush()
}

// lookup reads a field, following dots into nested objects.
func lookup(obj map[string]any, path string) any {
	var v any = obj
	for _, k := range strings.Split(path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// writeRecord prints one object as "field: value" lines, in the API's
// order, leaving out empty fields (--json shows everything).
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
		if v := cell(k, obj[k], tty, 100); v != "" {
			fmt.Fprintf(tw, "%s:\t%s\n", k, v)
		}
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
// seconds or milliseconds as RFC 3339, objects by their name (or value, or
// id), lists as those names joined, long text cut to width on a terminal
// (width 0: never).
func cell(key string, v any, tty bool, width int) string {
	s := summarize(key, v)
	s = strings.ReplaceAll(s, "\n", " ")
	s = strings.ReplaceAll(s, "\t", " ")
	if tty && width > 0 && utf8.RuneCountInString(s) > width {
		s = string([]rune(s)[:width-1]) + "…"
	}
	return s
}

func summarize(key string, v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		return fmt.Sprint(x)
	case json.Number:
		if strings.HasSuffix(key, "_at") {
			if n, err := x.Int64(); err == nil && n > 1e9 {
				if n > 1e12 {
					return time.UnixMilli(n).UTC().Format(time.RFC3339)
				}
				return time.Unix(n, 0).UTC().Format(time.RFC3339)
			}
		}
		return x.String()
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = summarize("", e)
		}
		return strings.Join(parts, ", ")
	case map[string]any:
		for _, k := range []string{"name", "value", "content"} {
			if s, ok := x[k].(string); ok && s != "" {
				if id, ok := x["id"].(json.Number); ok && k == "name" {
					return s + " (" + id.String() + ")"
				}
				return s
			}
		}
		if id, ok := x["id"].(json.Number); ok {
			return id.String()
		}
	}
	b, _ := json.Marshal(v)
	return string(b)
}
