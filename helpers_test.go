package aircall

// The test harness every service test uses. Read this file before writing a
// service test: setup gives a client pointed at an httptest server whose mux
// only sees requests under baseURLPath, and the helpers assert what a
// request carried and decode fixtures strictly.

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aircall-go/aircall/internal/fixture"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// baseURLPath prefixes every API path on the test server, so a request built
// from an absolute URL (instead of one relative to the base URL) fails loudly.
const baseURLPath = "/aircall-test"

// setup starts an httptest server and returns a client pointed at it, with
// Basic credentials "test-id"/"test-token", no client-side pacing and no
// retries (pass options to change that), and the mux to register handlers
// on, e.g. mux.HandleFunc("GET /v1/users/{id}", ...).
func setup(t *testing.T, opts ...Option) (*Client, *http.ServeMux) {
	t.Helper()
	mux := http.NewServeMux()
	root := http.NewServeMux()
	root.Handle(baseURLPath+"/", http.StripPrefix(baseURLPath, mux))
	root.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("request %s %s does not start with %s: did you use an absolute URL rather than a relative one?", r.Method, r.URL.Path, baseURLPath)
		http.Error(w, "request outside the base path", http.StatusBadRequest)
	})
	srv := httptest.NewServer(root)
	t.Cleanup(srv.Close)
	base := []Option{
		WithBaseURL(srv.URL + baseURLPath + "/"),
		WithBasicAuth("test-id", "test-token"),
		WithoutRateLimit(),
		WithRetryPolicy(RetryPolicy{}),
	}
	c, err := NewClient(append(base, opts...)...)
	require.NoError(t, err)
	return c, mux
}

// testMethod asserts the request's HTTP method.
func testMethod(t *testing.T, r *http.Request, want string) {
	t.Helper()
	assert.Equal(t, want, r.Method, "HTTP method")
}

// testQuery asserts the request's whole query string (nil or empty for none).
func testQuery(t *testing.T, r *http.Request, want url.Values) {
	t.Helper()
	got := r.URL.Query()
	if len(want) == 0 && len(got) == 0 {
		return
	}
	assert.Equal(t, want, got, "query string")
}

// testHeader asserts one request header.
func testHeader(t *testing.T, r *http.Request, key, want string) {
	t.Helper()
	assert.Equal(t, want, r.Header.Get(key), "header %s", key)
}

// testJSONBody asserts the request body is semantically the JSON want, and
// that it was sent as application/json.
func testJSONBody(t *testing.T, r *http.Request, want string) {
	t.Helper()
	b, err := io.ReadAll(r.Body)
	require.NoError(t, err)
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	assert.JSONEq(t, want, string(b), "request body")
}

// testNoBody asserts the request carried no body.
func testNoBody(t *testing.T, r *http.Request) {
	t.Helper()
	b, err := io.ReadAll(r.Body)
	require.NoError(t, err)
	assert.Empty(t, string(b), "request body")
}

// writeJSON answers with status and a JSON body (a string, []byte, or any
// value to marshal).
func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	switch b := body.(type) {
	case nil:
	case string:
		_, _ = io.WriteString(w, b)
	case []byte:
		_, _ = w.Write(b)
	default:
		_ = json.NewEncoder(w).Encode(b)
	}
}

// writeError answers with Aircall's error body.
func writeError(w http.ResponseWriter, status int, msg, troubleshoot string) {
	writeJSON(w, status, map[string]string{"error": msg, "troubleshoot": troubleshoot})
}

// loadFixture returns testdata/<rel>.
func loadFixture(t *testing.T, rel string) []byte {
	t.Helper()
	return fixture.Load(t, rel)
}

// serveFixture answers with testdata/<rel> and status.
func serveFixture(t *testing.T, w http.ResponseWriter, status int, rel string) {
	t.Helper()
	writeJSON(w, status, loadFixture(t, rel))
}

// testFixture decodes testdata/<rel> strictly (unknown fields fail) into T
// under the envelope key ("" for an answer without envelope), round-trips
// it (encode, decode again, compare; every key of the fixture must survive
// re-encoding) and returns the decoded value together with the page meta.
//
//	users := testFixture[[]*User](t, "users/list.json", "users")
//	user := testFixture[*User](t, "users/get.json", "user")
func testFixture[T any](t *testing.T, rel, key string) (T, *Meta) {
	t.Helper()
	data := loadFixture(t, rel)
	v, meta := decodeFixture[T](t, rel, data, key)

	encoded := encodeFixture(t, v, meta, key)
	again, againMeta := decodeFixture[T](t, rel+" (re-encoded)", encoded, key)
	assert.Equal(t, v, again, "%s: value changed after a round trip", rel)
	assert.Equal(t, meta, againMeta, "%s: meta changed after a round trip", rel)

	want, err := fixture.Keys(data)
	require.NoError(t, err)
	got, err := fixture.Keys(encoded)
	require.NoError(t, err)
	var lost []string
	for k := range want {
		if !got[k] {
			lost = append(lost, k)
		}
	}
	sort.Strings(lost)
	assert.Empty(t, lost, "%s: keys lost when re-encoding the model", rel)
	return v, meta
}

func decodeFixture[T any](t *testing.T, name string, data []byte, key string) (T, *Meta) {
	t.Helper()
	var zero T
	if key == "" {
		var v T
		require.NoError(t, fixture.DecodeStrict(data, &v), "%s: strict decode", name)
		return v, nil
	}
	env := newEnvelope[T](key)
	require.NoError(t, fixture.DecodeStrict(data, env.Interface()), "%s: strict decode", name)
	v := envelopeItem[T](env)
	if reflect.ValueOf(&v).Elem().IsZero() {
		t.Fatalf("%s: no %q in the fixture", name, key)
		return zero, nil
	}
	return v, envelopeMeta(env)
}

func encodeFixture(t *testing.T, v any, meta *Meta, key string) []byte {
	t.Helper()
	var out any = v
	if key != "" {
		m := map[string]any{key: v}
		if meta != nil {
			m["meta"] = meta
		}
		out = m
	}
	b, err := json.Marshal(out)
	require.NoError(t, err)
	return b
}

// roundTripFunc is an in-memory http.RoundTripper, for tests that run inside
// a testing/synctest bubble (no real sockets) or need full control.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// newTestClient returns a client whose requests go to fn, with the given options.
func newTestClient(t *testing.T, fn roundTripFunc, opts ...Option) *Client {
	t.Helper()
	base := []Option{
		WithHTTPClient(&http.Client{Transport: fn}),
		WithBasicAuth("test-id", "test-token"),
	}
	c, err := NewClient(append(base, opts...)...)
	require.NoError(t, err)
	return c
}

// response builds an in-memory answer.
func response(r *http.Request, status int, body string, header ...string) *http.Response {
	h := http.Header{}
	for i := 0; i+1 < len(header); i += 2 {
		h.Set(header[i], header[i+1])
	}
	if h.Get("Content-Type") == "" && body != "" {
		h.Set("Content-Type", "application/json")
	}
	return &http.Response{
		StatusCode: status, Status: http.StatusText(status), Header: h, Request: r,
		Body: io.NopCloser(strings.NewReader(body)), ContentLength: int64(len(body)),
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
	}
}

// ctxTimeout returns a context that ends after d, cancelled at test end.
func ctxTimeout(t *testing.T, d time.Duration) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), d)
	t.Cleanup(cancel)
	return ctx
}

// assertArgError asserts err is an *ArgError naming arg, and that nothing was sent.
func assertArgError(t *testing.T, err error, arg string) {
	t.Helper()
	var ae *ArgError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, arg, ae.Arg)
	assert.ErrorIs(t, err, ErrInvalidArgument)
}

// failHandler fails the test if the server is called: use it to prove that
// invalid input is rejected before any request is sent.
func failHandler(t *testing.T) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("unexpected request %s %s", r.Method, r.URL)
		http.Error(w, "unexpected", http.StatusTeapot)
	}
}

// newServer starts an httptest server for h, closed at test end, and returns its URL.
func newServer(t *testing.T, h http.Handler) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

// errorCase is one documented error of an endpoint: the status and
// troubleshoot text served, and the sentinel errors.Is must match.
type errorCase struct {
	status   int
	msg      string
	sentinel error
}

// assertErrors serves each documented error on pattern and asserts that
// call surfaces it as its sentinel, with the server's details and the
// *Response, and that the request reached that endpoint. call gets the
// subtest's t: use t.Context() and assert on t.
func assertErrors(t *testing.T, pattern string, call func(*testing.T, *Client) (*Response, error), cases ...errorCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(fmt.Sprintf("%d %s", tc.status, tc.msg), func(t *testing.T) {
			t.Parallel()
			c, mux := setup(t)
			var hits atomic.Int32
			mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				writeError(w, tc.status, http.StatusText(tc.status), tc.msg)
			})
			resp, err := call(t, c)
			require.Error(t, err)
			assert.ErrorIs(t, err, tc.sentinel)
			var er *ErrorResponse
			require.ErrorAs(t, err, &er)
			assert.Equal(t, tc.status, er.StatusCode)
			assert.Equal(t, tc.msg, er.Troubleshoot)
			require.NotNil(t, resp, "the server answered: Response is set")
			assert.Equal(t, tc.status, resp.StatusCode)
			assert.EqualValues(t, 1, hits.Load(), "the request reached the documented endpoint")
		})
	}
}

// assertStatusSentinels is assertErrors for a status → sentinel table.
func assertStatusSentinels(t *testing.T, pattern string, want map[int]error, call func(ctx context.Context, c *Client) (*Response, error)) {
	t.Helper()
	cases := make([]errorCase, 0, len(want))
	for status, sentinel := range want {
		cases = append(cases, errorCase{status, fmt.Sprintf("documented %d", status), sentinel})
	}
	sort.Slice(cases, func(i, j int) bool { return cases[i].status < cases[j].status })
	assertErrors(t, pattern, func(t *testing.T, c *Client) (*Response, error) { return call(t.Context(), c) }, cases...)
}

// setupRejecting returns a client whose server fails the test on any
// request: for input that must be rejected before anything is sent.
func setupRejecting(t *testing.T) *Client {
	t.Helper()
	c, mux := setup(t)
	mux.HandleFunc("/", failHandler(t))
	return c
}

// assertRejected asserts that call fails with an *ArgError naming arg and
// sends nothing.
func assertRejected(t *testing.T, arg string, call func(context.Context, *Client) error) {
	t.Helper()
	assertArgError(t, call(t.Context(), setupRejecting(t)), arg)
}
