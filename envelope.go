package aircall

import (
	"context"
	"fmt"
	"reflect"
	"sync"
)

// Aircall wraps most answers in an object keyed by the resource name:
// {"user": {...}} for one item, {"users": [...], "meta": {...}} for a page.
// Rather than one wrapper struct per resource, the helpers below build the
// wrapper type once per (item type, key) with reflect.StructOf, so a response
// is decoded in a single pass straight into the typed models.

type envelopeKey struct {
	t   reflect.Type
	key string
}

var envelopeTypes sync.Map // envelopeKey → reflect.Type

// envelopeType returns struct{ Item <t> `json:"<key>"`; Meta *Meta `json:"meta"` }.
func envelopeType(t reflect.Type, key string) reflect.Type {
	k := envelopeKey{t, key}
	if et, ok := envelopeTypes.Load(k); ok {
		return et.(reflect.Type)
	}
	et := reflect.StructOf([]reflect.StructField{
		{Name: "Item", Type: t, Tag: reflect.StructTag(fmt.Sprintf(`json:%q`, key))},
		{Name: "Meta", Type: reflect.TypeFor[*Meta](), Tag: `json:"meta"`},
	})
	actual, _ := envelopeTypes.LoadOrStore(k, et)
	return actual.(reflect.Type)
}

// newEnvelope returns a pointer to a fresh envelope for items of type T.
func newEnvelope[T any](key string) reflect.Value {
	return reflect.New(envelopeType(reflect.TypeFor[T](), key))
}

func envelopeItem[T any](env reflect.Value) T { return env.Elem().Field(0).Interface().(T) }

func envelopeMeta(env reflect.Value) *Meta { return env.Elem().Field(1).Interface().(*Meta) }

// send builds a request for path, sends it and decodes the answer into v
// (nil to discard it). It is the building block of every service method.
// A body that carries an idempotency key (see idempotent) makes a POST safe
// to resend on 5xx answers and network errors, like a GET.
func (c *Client) send(ctx context.Context, method, path string, body, v any) (*Response, error) {
	req, err := c.NewRequest(ctx, method, path, body)
	if err != nil {
		return nil, err
	}
	k, ok := body.(idempotent)
	return c.do(req, v, ok && k.idempotencyKey() != "")
}

// idempotent is a request body carrying a key the API uses to apply the
// request at most once, whatever the number of times it is sent.
type idempotent interface{ idempotencyKey() string }

// doOne sends a request whose answer is {"<key>": {...}} and returns the
// object. With key "" the answer is the object itself (no envelope).
func doOne[T any](ctx context.Context, c *Client, method, path, key string, body any) (*T, *Response, error) {
	if key == "" {
		v := new(T)
		resp, err := c.send(ctx, method, path, body, v)
		if err != nil {
			return nil, resp, err
		}
		return v, resp, nil
	}
	env := newEnvelope[*T](key)
	resp, err := c.send(ctx, method, path, body, env.Interface())
	if err != nil {
		return nil, resp, err
	}
	item := envelopeItem[*T](env)
	if item == nil {
		return nil, resp, &DecodeError{Method: method, Path: path, StatusCode: resp.StatusCode, Err: fmt.Errorf("answer has no %q object", key)}
	}
	return item, resp, nil
}

// doList sends GET path?opts and returns the items under key, with the page's
// meta block in Response.Meta.
func doList[T any](ctx context.Context, c *Client, path, key string, opts any) ([]*T, *Response, error) {
	u, err := addOptions(path, opts)
	if err != nil {
		return nil, nil, err
	}
	env := newEnvelope[[]*T](key)
	resp, err := c.send(ctx, "GET", u, nil, env.Interface())
	if err != nil {
		return nil, resp, err
	}
	resp.Meta = envelopeMeta(env)
	return envelopeItem[[]*T](env), resp, nil
}
