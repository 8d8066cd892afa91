package aircall

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"sort"
	"strings"
	"time"
)

// invoker decodes an operation's arguments and calls its typed method.
type invoker func(ctx context.Context, c *Client, a *invokeArgs) (any, *Response, error)

// Invoke runs the operation with the given ID (see Operations) through its
// typed method, so validation, pacing and retries apply as they do when you
// call the method yourself. args is a JSON object of the operation's path
// parameters, query options and body fields, as its InputSchema describes;
// nil or empty means none. An unknown operation, an unknown argument or a
// value of the wrong type returns an *ArgError before anything is sent.
//
// The result is what the method returns, such as *Call or []*Call, or nil
// when the API answers without content. List operations return one page
// (use the page and per_page arguments).
func (c *Client) Invoke(ctx context.Context, id string, args json.RawMessage) (any, *Response, error) {
	i, ok := operationIndex[id]
	if !ok {
		return nil, nil, &ArgError{Arg: "id", Reason: "unknown operation " + `"` + id + `"`}
	}
	a := &invokeArgs{}
	if trimmed := bytes.TrimSpace(args); len(trimmed) > 0 && !bytes.Equal(trimmed, []byte("null")) {
		if err := json.Unmarshal(trimmed, &a.m); err != nil {
			return nil, nil, &ArgError{Arg: "args", Reason: "must be a JSON object: " + err.Error()}
		}
	}
	return invokers[i](ctx, c, a)
}

// invokeResult drops a typed nil so callers see a plain nil on failure.
func invokeResult[T any](v T, resp *Response, err error) (any, *Response, error) {
	if err != nil {
		return nil, resp, err
	}
	return v, resp, nil
}

// invokeArgs hands out the members of an arguments object, keeping the
// first error.
type invokeArgs struct {
	m   map[string]json.RawMessage
	err error
}

func (a *invokeArgs) fail(arg, reason string) {
	if a.err == nil {
		a.err = &ArgError{Arg: arg, Reason: reason}
	}
}

// take decodes and removes one member; it reports whether it was present.
func (a *invokeArgs) take(key string, dst any) bool {
	raw, ok := a.m[key]
	if !ok {
		return false
	}
	delete(a.m, key)
	if err := json.Unmarshal(raw, dst); err != nil {
		a.fail(key, "invalid value: "+err.Error())
	}
	return true
}

// path decodes a required path parameter.
func (a *invokeArgs) path(key string, dst any) {
	if !a.take(key, dst) {
		a.fail(key, "is required")
	}
}

// field decodes a body member the method takes as a plain argument.
func (a *invokeArgs) field(key string, dst any) { a.take(key, dst) }

// query fills *dst (a pointer to an options struct) from the members named
// by its url tags, allocating it only when one is present.
func (a *invokeArgs) query(dst any) {
	ptr := reflect.ValueOf(dst).Elem() // *T
	a.queryFields(ptr, ptr.Type().Elem())
}

func (a *invokeArgs) queryFields(ptr reflect.Value, t reflect.Type) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("url"), ",")
		if f.Anonymous && tag == "" {
			a.queryEmbedded(ptr, i, f.Type)
			continue
		}
		raw, ok := a.m[tag]
		if tag == "" || tag == "-" || !ok {
			continue
		}
		delete(a.m, tag)
		if ptr.IsNil() {
			ptr.Set(reflect.New(ptr.Type().Elem()))
		}
		fv := ptr.Elem().Field(i)
		if err := decodeQueryValue(raw, fv.Addr().Interface()); err != nil {
			a.fail(tag, "invalid value: "+err.Error())
		}
	}
}

// queryEmbedded fills the fields of an embedded options struct (such as
// ListOptions), addressed through the outer pointer.
func (a *invokeArgs) queryEmbedded(outer reflect.Value, index int, t reflect.Type) {
	for j := range t.NumField() {
		f := t.Field(j)
		tag, _, _ := strings.Cut(f.Tag.Get("url"), ",")
		raw, ok := a.m[tag]
		if tag == "" || tag == "-" || !ok {
			continue
		}
		delete(a.m, tag)
		if outer.IsNil() {
			outer.Set(reflect.New(outer.Type().Elem()))
		}
		fv := outer.Elem().Field(index).Field(j)
		if err := decodeQueryValue(raw, fv.Addr().Interface()); err != nil {
			a.fail(tag, "invalid value: "+err.Error())
		}
	}
}

// decodeQueryValue decodes one query option; a time also accepts UNIX
// seconds, the form the API takes.
func decodeQueryValue(raw json.RawMessage, dst any) error {
	if tp, ok := dst.(*time.Time); ok {
		var secs int64
		if err := json.Unmarshal(raw, &secs); err == nil {
			*tp = time.Unix(secs, 0).UTC()
			return nil
		}
	}
	return json.Unmarshal(raw, dst)
}

// body decodes every member left into the request struct dst, strictly.
func (a *invokeArgs) body(dst any) {
	if a.err != nil || len(a.m) == 0 {
		return
	}
	rest, err := json.Marshal(a.m)
	if err != nil {
		a.fail("args", err.Error())
		return
	}
	dec := json.NewDecoder(bytes.NewReader(rest))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		arg := "args"
		if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
			arg = strings.Trim(name, `"`)
			a.fail(arg, "unknown argument")
			return
		}
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" {
			arg = te.Field
		}
		a.fail(arg, "invalid value: "+err.Error())
		return
	}
	clear(a.m)
}

// finish reports the first decoding error, or the first unknown argument.
func (a *invokeArgs) finish() error {
	if a.err != nil {
		return a.err
	}
	if len(a.m) > 0 {
		keys := make([]string, 0, len(a.m))
		for k := range a.m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		return &ArgError{Arg: keys[0], Reason: "unknown argument"}
	}
	return nil
}
