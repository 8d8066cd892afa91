package openapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
	"testing"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// checking is an http.RoundTripper validating every request the SDK sends
// and every answer it gets against the document.
type checking struct {
	v    *validator
	next http.RoundTripper

	mu       sync.Mutex
	problems []string
	seen     map[string]int // operationId -> exchanges checked
}

func (c *checking) report(format string, args ...any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.problems = append(c.problems, fmt.Sprintf(format, args...))
}

func (c *checking) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		b, err := io.ReadAll(req.Body)
		if err != nil {
			return nil, err
		}
		body = b
		req.Body = io.NopCloser(bytes.NewReader(b))
	}
	probe := req.Clone(req.Context())
	probe.Body = io.NopCloser(bytes.NewReader(body))
	in, err := c.v.requestInput(probe)
	if err != nil {
		c.report("%s %s: no operation: %v", req.Method, req.URL.Path, err)
		return c.next.RoundTrip(req)
	}
	id := in.Route.Operation.OperationID
	if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
		c.report("request of %s (%s): %v", id, body, err)
	}
	for key := range req.URL.Query() {
		if in.Route.Operation.Parameters.GetByInAndName("query", key) == nil {
			c.report("request of %s: query parameter %q is not in the document", id, key)
		}
	}
	resp, err := c.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	rb, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(rb))
	probe.Body = io.NopCloser(bytes.NewReader(body))
	if err := c.v.checkResponse(probe, resp.StatusCode, resp.Header, rb); err != nil {
		c.report("answer %d of %s: %v", resp.StatusCode, id, err)
	}
	c.mu.Lock()
	c.seen[id]++
	c.mu.Unlock()
	return resp, nil
}

// TestEndToEnd runs every operation through Client.Invoke against the fake,
// with a transport validating each request and answer against the document.
func TestEndToEnd(t *testing.T) {
	t.Parallel()
	chk := &checking{v: newValidator(t), seen: map[string]int{}}
	for _, op := range aircall.Operations() {
		s := aircalltest.NewServer(aircalltest.InMemory(), aircalltest.WithDemoData())
		chk.next = s.HTTPClient().Transport
		hc := &http.Client{Transport: chk}
		opts := []aircall.Option{aircall.WithHTTPClient(hc)}
		if aircalltest.OAuthOnly(op.ID) {
			opts = append(opts, aircall.WithBearerToken(s.IssueAccessToken()))
		}
		c := s.Client(opts...)
		ctx := context.Background()
		args, err := s.InvokeArgs(ctx, c, op.ID)
		require.NoError(t, err)
		_, _, err = c.Invoke(ctx, op.ID, args)
		assert.NoError(t, err, "%s %s", op.ID, args)
		s.Close()
	}
	// A repeated query parameter.
	{
		s := aircalltest.NewServer(aircalltest.InMemory(), aircalltest.WithDemoData())
		chk.next = s.HTTPClient().Transport
		c := s.Client(aircall.WithHTTPClient(&http.Client{Transport: chk}))
		_, _, err := c.Invoke(context.Background(), "calls.search", json.RawMessage(`{"tags":[679,680]}`))
		assert.NoError(t, err)
		s.Close()
	}
	// Error answers: not found, invalid, past the 10,000th item.
	s := aircalltest.NewServer(aircalltest.InMemory(), aircalltest.WithDemoData())
	defer s.Close()
	chk.next = s.HTTPClient().Transport
	c := s.Client(aircall.WithHTTPClient(&http.Client{Transport: chk}))
	for _, tc := range []struct{ id, args string }{
		{"calls.get", `{"id":999999}`},
		{"contacts.delete", `{"id":999999}`},
		{"calls.list", `{"page":201,"per_page":50}`},
		{"webhooks.get", `{"id":"no-such-webhook"}`},
	} {
		_, _, err := c.Invoke(context.Background(), tc.id, json.RawMessage(tc.args))
		var apiErr *aircall.ErrorResponse
		assert.ErrorAs(t, err, &apiErr, "%s %s", tc.id, tc.args)
	}
	for _, p := range chk.problems {
		t.Error(p)
	}
	for _, op := range aircall.Operations() {
		assert.NotZero(t, chk.seen[op.ID], "%s was not exchanged", op.ID)
	}
}
