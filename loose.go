package aircall

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strings"
)

// Some answers have a shape nobody has documented (playbook results, custom
// summaries, evaluations, the deprecated realtime transcription). Their models
// are "loose": the fields the sources show are typed, and everything else is
// kept raw in an Extra map, so that an unexpected shape never fails the whole
// answer and nothing the server sent is lost.

// getLoose sends GET path and decodes the answer into a loose model, first
// unwrapping an envelope named by one of keys (an object whose only key it is).
func getLoose[T any](ctx context.Context, c *Client, path string, keys ...string) (*T, *Response, error) {
	var raw json.RawMessage
	resp, err := c.send(ctx, http.MethodGet, path, nil, &raw)
	if err != nil {
		return nil, resp, err
	}
	v := new(T)
	if err := json.Unmarshal(looseUnwrap(raw, keys...), v); err != nil {
		p := path
		if resp.Request != nil {
			p = resp.Request.URL.Path
		}
		return nil, resp, &DecodeError{Method: http.MethodGet, Path: p, StatusCode: resp.StatusCode, Err: err}
	}
	return v, resp, nil
}

// looseDecode decodes the JSON object b into the struct dst points at, field
// by field. A key the struct does not model, or whose value does not fit the
// field's Go type, is returned in extra (normalized) and the field stays zero.
// null decodes to nothing; anything but an object or null is an error.
func looseDecode(b []byte, dst any) (map[string]json.RawMessage, error) {
	b = bytes.TrimSpace(b)
	if bytes.Equal(b, []byte("null")) {
		return nil, nil
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(b, &fields); err != nil {
		return nil, fmt.Errorf("expected a JSON object: %w", err)
	}
	v := reflect.ValueOf(dst).Elem()
	t := v.Type()
	for i := range t.NumField() {
		name, ok := looseJSONName(t.Field(i))
		if !ok {
			continue
		}
		raw, present := fields[name]
		if !present {
			continue
		}
		f := v.Field(i)
		if json.Unmarshal(raw, f.Addr().Interface()) == nil {
			delete(fields, name)
			continue
		}
		f.SetZero() // the value stays raw in extra instead
	}
	if len(fields) == 0 {
		return nil, nil
	}
	extra := make(map[string]json.RawMessage, len(fields))
	for k, raw := range fields {
		extra[k] = looseNormalize(raw)
	}
	return extra, nil
}

// looseEncode encodes the struct src points at as a JSON object: its
// modelled fields, then extra's keys on top (a value kept raw because it did
// not fit wins over the zero field it left behind).
func looseEncode(src any, extra map[string]json.RawMessage) ([]byte, error) {
	v := reflect.ValueOf(src).Elem()
	t := v.Type()
	out := make(map[string]json.RawMessage, t.NumField()+len(extra))
	for i := range t.NumField() {
		name, ok := looseJSONName(t.Field(i))
		if !ok {
			continue
		}
		b, err := json.Marshal(v.Field(i).Interface())
		if err != nil {
			return nil, err
		}
		out[name] = b
	}
	for k, raw := range extra {
		out[k] = raw
	}
	return json.Marshal(out)
}

// looseJSONName returns the JSON key of an exported struct field, or false for a
// field encoding/json skips (unexported, or tagged "-").
func looseJSONName(f reflect.StructField) (string, bool) {
	tag := f.Tag.Get("json")
	if !f.IsExported() || tag == "-" {
		return "", false
	}
	name, _, _ := strings.Cut(tag, ",")
	if name == "" {
		name = f.Name
	}
	return name, true
}

// looseNormalize compacts a raw value and escapes HTML characters the way
// encoding/json writes them, so that decoding, encoding and decoding again
// yields the very same bytes.
func looseNormalize(raw json.RawMessage) json.RawMessage {
	var compact bytes.Buffer
	if json.Compact(&compact, raw) != nil {
		return bytes.Clone(raw)
	}
	var escaped bytes.Buffer
	json.HTMLEscape(&escaped, compact.Bytes())
	return escaped.Bytes()
}

// looseUnwrap returns the value under key when raw is an object whose only key
// is one of keys and whose value is an object: the envelope of an answer
// whose envelope is not documented. Anything else is returned unchanged.
func looseUnwrap(raw json.RawMessage, keys ...string) json.RawMessage {
	var m map[string]json.RawMessage
	if len(keys) == 0 || json.Unmarshal(raw, &m) != nil || len(m) != 1 {
		return raw
	}
	for _, k := range keys {
		if v, ok := m[k]; ok {
			if t := bytes.TrimSpace(v); len(t) > 0 && t[0] == '{' {
				return v
			}
		}
	}
	return raw
}
