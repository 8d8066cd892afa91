package aircall_test

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestInvoke_everyOperation runs every operation of the catalogue through
// Client.Invoke against the fake and checks the result has the type the
// catalogue announces.
func TestInvoke_everyOperation(t *testing.T) {
	t.Parallel()
	for _, op := range aircall.Operations() {
		t.Run(op.ID, func(t *testing.T) {
			t.Parallel()
			s := aircalltest.NewServer(aircalltest.InMemory(), aircalltest.WithDemoData())
			t.Cleanup(s.Close)
			c := s.Client()
			if aircalltest.OAuthOnly(op.ID) {
				c = s.Client(aircall.WithBearerToken(s.IssueAccessToken()))
			}
			raw, err := s.InvokeArgs(context.Background(), c, op.ID)
			require.NoError(t, err)
			res, resp, err := c.Invoke(context.Background(), op.ID, raw)
			require.NoError(t, err, "args %s", raw)
			require.NotNil(t, resp)
			if op.Response == "" {
				assert.Nil(t, res)
				return
			}
			require.NotNil(t, res)
			assert.Equal(t, op.Response, goTypeName(reflect.TypeOf(res)))
		})
	}
}

// goTypeName spells a type as the catalogue does ("*Call", "[]*Call").
func goTypeName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Pointer:
		return "*" + goTypeName(t.Elem())
	case reflect.Slice:
		return "[]" + goTypeName(t.Elem())
	}
	return strings.TrimPrefix(t.String(), "aircall.")
}

// TestInvoke_rejectsBeforeSending checks bad arguments fail with an
// *ArgError and send nothing.
func TestInvoke_rejectsBeforeSending(t *testing.T) {
	t.Parallel()
	cases := []struct{ id, args, arg string }{
		{"calls.get", `{"id":841,"bogus":1}`, "bogus"},
		{"calls.get", `{}`, "id"},
		{"calls.get", `{"id":"x"}`, "id"},
		{"calls.list", `{"per_page":"many"}`, "per_page"},
		{"contacts.create", `{"first_name":"Ada","nickname":"A"}`, "nickname"},
		{"contacts.create", `{"first_name":7}`, "first_name"},
		{"users.dial", `{"id":456,"to":"not a number"}`, "to"},
		{"tags.get", `[1]`, "args"},
		{"no.such_operation", `{}`, "id"},
	}
	s := aircalltest.NewServer(aircalltest.InMemory(), aircalltest.WithDemoData())
	t.Cleanup(s.Close)
	c := s.Client()
	for _, tc := range cases {
		res, resp, err := c.Invoke(context.Background(), tc.id, json.RawMessage(tc.args))
		var ae *aircall.ArgError
		if assert.ErrorAs(t, err, &ae, "%s %s", tc.id, tc.args) {
			assert.Equal(t, tc.arg, ae.Arg, "%s %s", tc.id, tc.args)
		}
		assert.Nil(t, res)
		assert.Nil(t, resp)
	}
	assert.Zero(t, s.Stats().Requests, "nothing was sent")
}

// TestInvoke_queryTimes checks a time option accepts UNIX seconds and RFC
// 3339.
func TestInvoke_queryTimes(t *testing.T) {
	t.Parallel()
	s := aircalltest.NewServer(aircalltest.InMemory(), aircalltest.WithDemoData())
	t.Cleanup(s.Close)
	c := s.Client()
	for _, args := range []string{`{"from":1}`, `{"from":"1970-01-01T00:00:01Z"}`} {
		res, _, err := c.Invoke(context.Background(), "calls.list", json.RawMessage(args))
		require.NoError(t, err, args)
		assert.NotEmpty(t, res.([]*aircall.Call), args)
	}
}

func ExampleClient_Invoke() {
	s := aircalltest.NewServer(aircalltest.InMemory(), aircalltest.WithDemoData())
	defer s.Close()
	client := s.Client()

	res, _, err := client.Invoke(context.Background(), "tags.get", json.RawMessage(`{"id":678}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.(*aircall.Tag).Name)

	_, _, err = client.Invoke(context.Background(), "tags.get", json.RawMessage(`{"id":678,"colour":"red"}`))
	fmt.Println(err)
	// Output:
	// General Inquiries
	// aircall: invalid colour: unknown argument
}
