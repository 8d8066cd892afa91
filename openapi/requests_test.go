package openapi

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fill sets every field of v, recursively, to a value that is not zero.
func fill(v reflect.Value, depth int) {
	switch v.Kind() {
	case reflect.Pointer:
		if depth > 4 {
			return
		}
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), depth+1)
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(aircall.Timestamp{}) {
			v.Set(reflect.ValueOf(aircall.Timestamp{Time: time.Unix(1700000000, 0)}))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), depth+1)
			}
		}
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		fill(s.Index(0), depth+1)
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
		fill(k, depth+1)
		fill(e, depth+1)
		m.SetMapIndex(k, e)
		v.Set(m)
	case reflect.String:
		v.SetString("18005550100")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(1)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(1)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(1)
	}
}

// TestRequestTypesMatchTheirBody encodes every request type with all its
// fields set, as the SDK sends it, and validates it against the body of
// its operations: a field the document names otherwise fails.
func TestRequestTypesMatchTheirBody(t *testing.T) {
	t.Parallel()
	v := newValidator(t)
	types, err := goTypes()
	require.NoError(t, err)
	checked := 0
	for _, op := range aircall.Operations() {
		if op.Request == "" || wireRequests[op.ID] != nil || op.ID == "client.exchange_oauth_code" {
			continue // bodies the method builds are checked by the end-to-end run
		}
		rt, ok := types[strings.TrimPrefix(op.Request, "*")]
		require.True(t, ok, op.Request)
		req := reflect.New(rt)
		fill(req.Elem(), 0)
		body, err := json.Marshal(req.Interface())
		require.NoError(t, err, op.Request)
		in, err := v.requestInput(requestFor(t, op.ID, body))
		require.NoError(t, err)
		assert.NoError(t, openapi3filter.ValidateRequestBody(context.Background(), in, in.Route.Operation.RequestBody.Value),
			"%s body %s", op.ID, body)
		checked++
	}
	assert.NotZero(t, checked)
}
