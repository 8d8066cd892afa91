package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/aircall-go/aircall"
)

// sdkIterator finds the SDK iterator of a list operation (the GoMethods
// entry ending in "Iter", e.g. "CallsService.ListIter") and returns a
// sequence that runs it with args: path parameters in order, then the
// options struct filled from the query arguments by their url tags. It
// reports false when the operation has no iterator of a shape it knows.
func sdkIterator(ctx context.Context, cl *aircall.Client, op opSpec, args map[string]any) (iter.Seq2[any, error], bool, error) {
	var typeName, method string
	for _, m := range op.GoMethods {
		if t, name, ok := strings.Cut(m, "."); ok && strings.HasSuffix(name, "Iter") {
			typeName, method = t, name
		}
	}
	if method == "" {
		return nil, false, nil
	}
	svc := serviceByType(cl, typeName)
	if !svc.IsValid() {
		return nil, false, nil
	}
	m := svc.MethodByName(method)
	if !m.IsValid() {
		return nil, false, nil
	}
	mt := m.Type()
	if mt.NumIn() < 1 || mt.In(0) != reflect.TypeFor[context.Context]() || mt.NumOut() != 1 {
		return nil, false, nil
	}
	in := []reflect.Value{reflect.ValueOf(ctx)}
	paths := op.pathParams()
	used := map[string]bool{}
	for i := 1; i < mt.NumIn(); i++ {
		t := mt.In(i)
		switch {
		case t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct:
			opts := reflect.New(t.Elem())
			if err := fillOptions(opts.Elem(), args, used); err != nil {
				return nil, true, err
			}
			in = append(in, opts)
		case len(paths) > 0 && (t.Kind() == reflect.Int64 || t.Kind() == reflect.String):
			name := paths[0].Name
			paths = paths[1:]
			used[name] = true
			v := reflect.New(t).Elem()
			if err := setScalar(v, args[name]); err != nil {
				return nil, true, &aircall.ArgError{Arg: name, Reason: err.Error()}
			}
			in = append(in, v)
		default:
			return nil, false, nil
		}
	}
	for k := range args {
		if !used[k] && k != "page" && k != "per_page" {
			return nil, false, nil // an argument the iterator cannot take: page through Invoke
		}
	}
	seq := m.Call(in)[0] // func(yield func(*T, error) bool)
	if seq.Kind() != reflect.Func {
		return nil, false, nil
	}
	return func(yield func(any, error) bool) {
		yt := seq.Type().In(0)
		stop := false
		y := reflect.MakeFunc(yt, func(a []reflect.Value) []reflect.Value {
			var err error
			if e := a[1].Interface(); e != nil {
				err = e.(error)
			}
			cont := !stop && yield(a[0].Interface(), err)
			if !cont {
				stop = true
			}
			return []reflect.Value{reflect.ValueOf(cont)}
		})
		seq.Call([]reflect.Value{y})
	}, true, nil
}

// serviceByType returns the client's service whose type is named typeName.
func serviceByType(cl *aircall.Client, typeName string) reflect.Value {
	v := reflect.ValueOf(cl).Elem()
	for i := range v.NumField() {
		f := v.Field(i)
		if !v.Type().Field(i).IsExported() || f.Kind() != reflect.Pointer || f.IsNil() {
			continue
		}
		if f.Type().Elem().Name() == typeName {
			return f
		}
	}
	return reflect.Value{}
}

// fillOptions sets the fields of an options struct (and of the structs it
// embeds) from args, by the names of their url tags.
func fillOptions(v reflect.Value, args map[string]any, used map[string]bool) error {
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			if err := fillOptions(v.Field(i), args, used); err != nil {
				return err
			}
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("url"), ",")
		val, ok := args[name]
		if name == "" || name == "-" || !ok || name == "page" || name == "per_page" {
			continue
		}
		used[name] = true
		if err := setScalar(v.Field(i), val); err != nil {
			return &aircall.ArgError{Arg: name, Reason: err.Error()}
		}
	}
	return nil
}

// setScalar stores a JSON-ish value (int64, float64, bool, string, slices)
// into v; times accept unix seconds or RFC 3339.
func setScalar(v reflect.Value, val any) error {
	if v.Type() == reflect.TypeFor[time.Time]() {
		switch x := val.(type) {
		case int64:
			v.Set(reflect.ValueOf(time.Unix(x, 0).UTC()))
			return nil
		case string:
			t, err := time.Parse(time.RFC3339, x)
			if err != nil {
				return err
			}
			v.Set(reflect.ValueOf(t))
			return nil
		}
		return fmt.Errorf("want a time, got %v", val)
	}
	if s, ok := val.(string); ok && v.Kind() == reflect.Int64 {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return fmt.Errorf("want an integer, got %q", s)
		}
		v.SetInt(n)
		return nil
	}
	b, err := json.Marshal(val)
	if err != nil {
		return err
	}
	p := reflect.New(v.Type())
	if err := json.Unmarshal(b, p.Interface()); err != nil {
		return err
	}
	v.Set(p.Elem())
	return nil
}
