package aircall

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewClient_defaults(t *testing.T) {
	t.Parallel()
	c, err := NewClient()
	require.NoError(t, err)
	assert.Equal(t, "https://api.aircall.io/", c.BaseURL())
	assert.Equal(t, "aircall-go/"+Version, c.UserAgent())
	assert.Equal(t, DefaultTimeout, c.timeout)
	assert.Equal(t, DefaultRetryPolicy(), c.retry)
	assert.True(t, c.budget.pace, "client-side pacing is on by default")
	assert.Same(t, sharedTransport(), c.cfg.hc.Transport, "clients without WithHTTPClient share one transport of the SDK's own")
	assert.NotSame(t, http.DefaultTransport, sharedTransport())
	for name, svc := range map[string]any{
		"Users": c.Users, "Teams": c.Teams, "Calls": c.Calls, "DialerCampaigns": c.DialerCampaigns,
		"Numbers": c.Numbers, "Contacts": c.Contacts, "Tags": c.Tags, "Webhooks": c.Webhooks,
		"Company": c.Company, "Integrations": c.Integrations, "A2P": c.A2P, "Messaging": c.Messaging,
		"WhatsApp": c.WhatsApp,
	} {
		assert.NotNil(t, svc, name)
	}
}

func TestNewClient_invalidOptions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		opts []Option
		arg  string
	}{
		{"empty api id", []Option{WithBasicAuth("", "tok")}, "WithBasicAuth"},
		{"empty api token", []Option{WithBasicAuth("id", " ")}, "WithBasicAuth"},
		{"colon in api id", []Option{WithBasicAuth("a:b", "tok")}, "WithBasicAuth"},
		{"empty bearer", []Option{WithBearerToken("")}, "WithBearerToken"},
		{"CR/LF in bearer", []Option{WithBearerToken("tok\r\nX-Evil: 1")}, "WithBearerToken"},
		{"LF in bearer", []Option{WithBearerToken("tok\nmore")}, "WithBearerToken"},
		{"NUL in bearer", []Option{WithBearerToken("tok\x00")}, "WithBearerToken"},
		{"DEL in bearer", []Option{WithBearerToken("tok\x7f")}, "WithBearerToken"},
		{"space in bearer", []Option{WithBearerToken("tok en")}, "WithBearerToken"},
		{"CR/LF in api id", []Option{WithBasicAuth("id\r\nX: 1", "tok")}, "WithBasicAuth"},
		{"LF in api token", []Option{WithBasicAuth("id", "to\nk")}, "WithBasicAuth"},
		{"control byte in api token", []Option{WithBasicAuth("id", "to\x01k")}, "WithBasicAuth"},
		{"nil http client", []Option{WithHTTPClient(nil)}, "WithHTTPClient"},
		{"http base url", []Option{WithBaseURL("http://api.aircall.io/")}, "WithBaseURL"},
		{"relative base url", []Option{WithBaseURL("/v1")}, "WithBaseURL"},
		{"ftp base url", []Option{WithBaseURL("ftp://api.aircall.io/")}, "WithBaseURL"},
		{"credentials in base url", []Option{WithBaseURL("https://id:tok@api.aircall.io/")}, "WithBaseURL"},
		{"query in base url", []Option{WithBaseURL("https://api.aircall.io/?x=1")}, "WithBaseURL"},
		{"empty user agent", []Option{WithUserAgent("")}, "WithUserAgent"},
		{"header injection in user agent", []Option{WithUserAgent("a\r\nX-Evil: 1")}, "WithUserAgent"},
		{"zero timeout", []Option{WithTimeout(0)}, "WithTimeout"},
		{"zero rate", []Option{WithRateLimit(0, 1)}, "WithRateLimit"},
		{"zero burst", []Option{WithRateLimit(60, 0)}, "WithRateLimit"},
		{"burst above rate", []Option{WithRateLimit(10, 11)}, "WithRateLimit"},
		{"nil limiter", []Option{WithLimiter(nil)}, "WithLimiter"},
		{"negative retries", []Option{WithRetryPolicy(RetryPolicy{MaxRetries: -1})}, "WithRetryPolicy"},
		{"min above max backoff", []Option{WithRetryPolicy(RetryPolicy{MinBackoff: time.Minute, MaxBackoff: time.Second})}, "WithRetryPolicy"},
		{"nil logger", []Option{WithLogger(nil)}, "WithLogger"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, err := NewClient(tt.opts...)
			assert.Nil(t, c)
			assertArgError(t, err, tt.arg)
		})
	}
	t.Run("nil option", func(t *testing.T) {
		t.Parallel()
		_, err := NewClient(nil)
		assert.Error(t, err)
	})
}

func TestAuthOptions_lastOneWins(t *testing.T) {
	t.Parallel()
	var got []string
	fn := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		got = append(got, r.Header.Get("Authorization"))
		return response(r, 200, `{"ping":"pong"}`), nil
	})
	bare, err := NewClient(WithHTTPClient(&http.Client{Transport: fn}), WithoutRateLimit())
	require.NoError(t, err)
	assert.False(t, bare.HasCredentials())
	basicThenBearer, err := bare.Clone(WithBasicAuth("id", "tok"), WithBearerToken("bearer"))
	require.NoError(t, err)
	bearerThenBasic, err := bare.Clone(WithBearerToken("bearer"), WithBasicAuth("id", "tok"))
	require.NoError(t, err)
	for _, c := range []*Client{bare, basicThenBearer, bearerThenBasic} {
		_, err := c.Ping(t.Context())
		require.NoError(t, err)
	}
	assert.Equal(t, []string{"", "Bearer bearer", "Basic aWQ6dG9r"}, got)
	assert.True(t, basicThenBearer.HasCredentials())
	assert.True(t, bearerThenBasic.HasCredentials())
	assert.Contains(t, basicThenBearer.String(), "bearer [redacted]")
	assert.Contains(t, bearerThenBasic.String(), "basic [redacted]")
}

func TestWithBaseURL_loopbackHTTP(t *testing.T) {
	t.Parallel()
	for _, u := range []string{"http://localhost:8080", "http://127.0.0.1:1/x", "http://[::1]:9/"} {
		c, err := NewClient(WithBaseURL(u))
		require.NoError(t, err, u)
		assert.True(t, strings.HasSuffix(c.BaseURL(), "/"), "trailing slash added to %s", c.BaseURL())
	}
}

func TestWithHTTPClient_copiesAndNeverMutates(t *testing.T) {
	t.Parallel()
	transport := roundTripFunc(func(r *http.Request) (*http.Response, error) { return response(r, 200, `{"ping":"pong"}`), nil })
	hc := &http.Client{Transport: transport, Timeout: 5 * time.Second}
	c, err := NewClient(WithHTTPClient(hc), WithBasicAuth("id", "tok"))
	require.NoError(t, err)
	_, err = c.Ping(t.Context())
	require.NoError(t, err)
	assert.NotSame(t, hc, c.hc)
	assert.Nil(t, hc.CheckRedirect, "caller's client untouched")
	_, isFunc := hc.Transport.(roundTripFunc)
	assert.True(t, isFunc, "caller's transport untouched")
}

func TestAuth_basicAndBearer(t *testing.T) {
	t.Parallel()
	var got []string
	var mu sync.Mutex
	fn := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		mu.Lock()
		got = append(got, r.Header.Get("Authorization"))
		mu.Unlock()
		return response(r, 200, `{"ping":"pong"}`), nil
	})
	basic, err := NewClient(WithHTTPClient(&http.Client{Transport: fn}), WithBasicAuth("api_id", "api_token"))
	require.NoError(t, err)
	bearer, err := NewClient(WithHTTPClient(&http.Client{Transport: fn}), WithBearerToken("2d492d4"))
	require.NoError(t, err)
	none, err := NewClient(WithHTTPClient(&http.Client{Transport: fn}))
	require.NoError(t, err)
	for _, c := range []*Client{basic, bearer, none} {
		_, err := c.Ping(t.Context())
		require.NoError(t, err)
	}
	assert.Equal(t, []string{"Basic YXBpX2lkOmFwaV90b2tlbg==", "Bearer 2d492d4", ""}, got)
}

func TestAuth_requestNotMutated(t *testing.T) {
	t.Parallel()
	c := newTestClient(t, func(r *http.Request) (*http.Response, error) {
		return response(r, 200, `{"ping":"pong"}`), nil
	})
	req, err := c.NewRequest(t.Context(), http.MethodGet, "v1/ping", nil)
	require.NoError(t, err)
	_, err = c.Do(req, nil)
	require.NoError(t, err)
	assert.Empty(t, req.Header.Get("Authorization"), "the caller's request must not gain credentials")
}

func TestAuth_neverSentToAnotherHost(t *testing.T) {
	t.Parallel()
	var leaked atomic.Value
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		leaked.Store(r.Header.Get("Authorization"))
		writeJSON(w, 200, `{"ping":"pong"}`)
	}))
	t.Cleanup(other.Close)

	c, mux := setup(t)
	mux.HandleFunc("GET /v1/ping", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/v1/ping", http.StatusFound)
	})
	resp, err := c.Ping(t.Context())
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrRedirectBlocked)
	assert.Nil(t, leaked.Load(), "the other host was never contacted")
	assert.NotContains(t, err.Error(), "test-token")
	assert.Nil(t, resp)

	// Even a request explicitly built for another host goes out bare.
	tr := newAuthTransport(roundTripFunc(func(r *http.Request) (*http.Response, error) {
		assert.Empty(t, r.Header.Get("Authorization"))
		return response(r, 200, ""), nil
	}), c.baseURL, basicCredential("id", "tok"))
	req := httptest.NewRequest(http.MethodGet, "https://elsewhere.example.com/", nil)
	_, err = tr.RoundTrip(req)
	require.NoError(t, err)
}

func TestAuth_sameHostRedirectKeepsCredentials(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("GET /v1/old", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, baseURLPath+"/v1/ping", http.StatusMovedPermanently)
	})
	mux.HandleFunc("GET /v1/ping", func(w http.ResponseWriter, r *http.Request) {
		testHeader(t, r, "Authorization", "Basic dGVzdC1pZDp0ZXN0LXRva2Vu")
		writeJSON(w, 200, `{"ping":"pong"}`)
	})
	req, err := c.NewRequest(t.Context(), http.MethodGet, "v1/old", nil)
	require.NoError(t, err)
	_, err = c.Do(req, nil)
	require.NoError(t, err)
}

func TestCredentialsNeverPrinted(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := newTestClient(t, func(r *http.Request) (*http.Response, error) {
		return response(r, 403, `{"error":"Forbidden","troubleshoot":"Invalid API key or Bearer access token"}`), nil
	}, WithLogger(logger))
	c2, err := NewClient(WithBearerToken("super-secret-bearer"))
	require.NoError(t, err)

	resp, err := c.Ping(t.Context())
	require.Error(t, err)
	var er *ErrorResponse
	require.ErrorAs(t, err, &er)
	require.NotNil(t, resp)
	// The request users reach from a response is their own, without the
	// Authorization header the transport added.
	assert.Empty(t, resp.Request.Header.Get("Authorization"))
	assert.Empty(t, er.Response.Request.Header.Get("Authorization"))
	// *c as a value (a copy made through reflection, which vet cannot see:
	// the Client holds a mutex), as a careless logger or dumper would print it.
	value := func(c *Client) any { return reflect.ValueOf(c).Elem().Interface() }
	slog.New(slog.NewTextHandler(&logs, nil)).Info("client", "c", c, "c2", value(c2), "cfg", c2.cfg, "tr", c.hc.Transport)
	printed := []string{err.Error(), logs.String()}
	for _, v := range []any{c, value(c), c2, value(c2), c.cfg, c2.cfg, c.hc, c.hc.Transport, c2.hc.Transport, c2.cfg.auth, resp.Response, *resp.Response, er.Response.Request, *er, OAuthToken{AccessToken: "super-secret-bearer"}} {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
			printed = append(printed, fmt.Sprintf(verb, v))
		}
	}
	for _, s := range printed {
		for _, secret := range []string{"test-token", "dGVzdC1pZDp0ZXN0LXRva2Vu", "super-secret-bearer"} {
			assert.NotContains(t, s, secret)
		}
	}
	assert.Contains(t, logs.String(), "status=403")
}

func TestNewRequest(t *testing.T) {
	t.Parallel()
	c, err := NewClient(WithBaseURL("https://proxy.example.com/aircall"), WithUserAgent("mycrm/2.1"))
	require.NoError(t, err)

	for _, p := range []string{"v1/users", "/v1/users"} {
		req, err := c.NewRequest(t.Context(), http.MethodGet, p, nil)
		require.NoError(t, err)
		assert.Equal(t, "https://proxy.example.com/aircall/v1/users", req.URL.String())
		assert.Empty(t, req.Header.Get("Content-Type"), "GET carries no Content-Type")
		assert.Equal(t, "mycrm/2.1 aircall-go/"+Version, req.Header.Get("User-Agent"))
		assert.Equal(t, "application/json", req.Header.Get("Accept"))
		assert.Nil(t, req.Body)
	}

	for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodDelete} {
		req, err := c.NewRequest(t.Context(), m, "v1/x", nil)
		require.NoError(t, err)
		assert.Equal(t, "application/json", req.Header.Get("Content-Type"), m)
	}

	req, err := c.NewRequest(t.Context(), http.MethodPost, "v1/tags", map[string]string{"name": "VIP"})
	require.NoError(t, err)
	require.NotNil(t, req.GetBody, "bodies are replayable")
	for range 2 {
		body, err := req.GetBody()
		require.NoError(t, err)
		b, _ := io.ReadAll(body)
		assert.JSONEq(t, `{"name":"VIP"}`, string(b))
	}
	assert.EqualValues(t, len(`{"name":"VIP"}`), req.ContentLength)

	// A full URL on the API host (a next_page_link) is fine; another host is not.
	req, err = c.NewRequest(t.Context(), http.MethodGet, "https://proxy.example.com/aircall/v1/calls?page=2", nil)
	require.NoError(t, err)
	assert.Equal(t, "page=2", req.URL.RawQuery)
	_, err = c.NewRequest(t.Context(), http.MethodGet, "https://evil.example.com/v1/calls", nil)
	assertArgError(t, err, "path")

	_, err = c.NewRequest(t.Context(), http.MethodPost, "v1/x", func() {})
	assert.ErrorContains(t, err, "encoding request body")
	//lint:ignore SA1012 checking the nil-context guard
	_, err = c.NewRequest(nil, http.MethodGet, "v1/x", nil) //nolint:staticcheck
	assertArgError(t, err, "ctx")
}

func TestAddOptions_escapesPlus(t *testing.T) {
	t.Parallel()
	type opts struct {
		ListOptions
		PhoneNumber string    `url:"phone_number,omitempty"`
		From        time.Time `url:"from,omitempty,unix"`
		Tags        []int64   `url:"tags,omitempty,brackets"`
		Flag        bool      `url:"fetch_contact,omitempty"`
	}
	c, mux := setup(t)
	mux.HandleFunc("GET /v1/calls/search", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "+33 1 76 11 11 11", r.URL.Query().Get("phone_number"))
		assert.Contains(t, r.URL.RawQuery, "phone_number=%2B33+1+76+11+11+11")
		testQuery(t, r, map[string][]string{
			"phone_number": {"+33 1 76 11 11 11"}, "from": {"1585000000"}, "tags[]": {"1", "2"},
			"fetch_contact": {"true"}, "per_page": {"5"},
		})
		writeJSON(w, 200, `{}`)
	})
	path, err := addOptions("v1/calls/search", &opts{
		ListOptions: ListOptions{PerPage: 5}, PhoneNumber: "+33 1 76 11 11 11",
		From: time.Unix(1585000000, 0), Tags: []int64{1, 2}, Flag: true,
	})
	require.NoError(t, err)
	_, err = c.send(t.Context(), http.MethodGet, path, nil, nil)
	require.NoError(t, err)

	p, err := addOptions("v1/users", (*opts)(nil))
	require.NoError(t, err)
	assert.Equal(t, "v1/users", p, "nil options add nothing")
	p, err = addOptions("v1/users", &opts{})
	require.NoError(t, err)
	assert.Equal(t, "v1/users", p, "zero options add nothing")
}

func TestDo_successStatuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		status int
		body   string
		v      any
		want   any
	}{
		{200, `{"a":1}`, &map[string]int{}, &map[string]int{"a": 1}},
		{201, `{"a":2}`, &map[string]int{}, &map[string]int{"a": 2}},
		{202, `{"a":3}`, &map[string]int{}, &map[string]int{"a": 3}},
		{204, ``, &map[string]int{}, &map[string]int{}},
		{200, ``, nil, nil},
		{200, `{"ignored":true}`, nil, nil},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.status, " ", tt.body), func(t *testing.T) {
			t.Parallel()
			c := newTestClient(t, func(r *http.Request) (*http.Response, error) { return response(r, tt.status, tt.body), nil })
			req, err := c.NewRequest(t.Context(), http.MethodGet, "v1/x", nil)
			require.NoError(t, err)
			resp, err := c.Do(req, tt.v)
			require.NoError(t, err)
			assert.Equal(t, tt.status, resp.StatusCode)
			assert.Equal(t, 1, resp.Attempts)
			assert.Equal(t, tt.want, tt.v)
		})
	}
}

func TestDo_emptyBodyWhereJSONExpected(t *testing.T) {
	t.Parallel()
	c := newTestClient(t, func(r *http.Request) (*http.Response, error) { return response(r, 200, "  "), nil })
	req, _ := c.NewRequest(t.Context(), http.MethodGet, "v1/users/1", nil)
	var v map[string]any
	resp, err := c.Do(req, &v)
	assert.ErrorIs(t, err, ErrEmptyBody)
	require.NotNil(t, resp)
	assert.Equal(t, 200, resp.StatusCode)
}

func TestDo_truncatedJSON(t *testing.T) {
	t.Parallel()
	c := newTestClient(t, func(r *http.Request) (*http.Response, error) { return response(r, 200, `{"user":{"id":1,`), nil })
	req, _ := c.NewRequest(t.Context(), http.MethodGet, "v1/users/1", nil)
	var v map[string]any
	_, err := c.Do(req, &v)
	var de *DecodeError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, 200, de.StatusCode)
	assert.Equal(t, "/v1/users/1", de.Path)
}

func TestDo_writerReceivesRawBody(t *testing.T) {
	t.Parallel()
	c := newTestClient(t, func(r *http.Request) (*http.Response, error) { return response(r, 200, `{"raw": [1, 2]}`), nil })
	req, _ := c.NewRequest(t.Context(), http.MethodGet, "v1/x", nil)
	var buf bytes.Buffer
	_, err := c.Do(req, &buf)
	require.NoError(t, err)
	assert.Equal(t, `{"raw": [1, 2]}`, buf.String())
}

// closeTracker records whether a response body was closed.
type closeTracker struct {
	io.Reader
	closed atomic.Bool
}

func (c *closeTracker) Close() error { c.closed.Store(true); return nil }

func TestDo_closesEveryBody(t *testing.T) {
	t.Parallel()
	for _, status := range []int{200, 204, 404, 429, 500, 502} {
		var bodies []*closeTracker
		c := newTestClient(t, func(r *http.Request) (*http.Response, error) {
			resp := response(r, status, `{"error":"x","troubleshoot":"y"}`)
			ct := &closeTracker{Reader: resp.Body}
			bodies = append(bodies, ct)
			resp.Body = ct
			return resp, nil
		}, WithRetryPolicy(RetryPolicy{}))
		req, _ := c.NewRequest(t.Context(), http.MethodGet, "v1/x", nil)
		_, _ = c.Do(req, nil)
		require.NotEmpty(t, bodies)
		for _, b := range bodies {
			assert.True(t, b.closed.Load(), "status %d: body closed", status)
		}
	}
}

func TestDo_nilRequest(t *testing.T) {
	t.Parallel()
	c, err := NewClient()
	require.NoError(t, err)
	_, err = c.Do(nil, nil)
	assertArgError(t, err, "req")
}

func TestPing(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("/v1/ping", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, http.MethodGet)
		testQuery(t, r, nil)
		testNoBody(t, r)
		testHeader(t, r, "User-Agent", "aircall-go/"+Version)
		serveFixture(t, w, 200, "ping/ping.json")
	})
	resp, err := c.Ping(t.Context())
	require.NoError(t, err)
	assert.Equal(t, 200, resp.StatusCode)

	c2, mux2 := setup(t)
	mux2.HandleFunc("GET /v1/ping", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, `{"ping":"nope"}`) })
	_, err = c2.Ping(t.Context())
	assert.ErrorContains(t, err, "unexpected ping answer")
}

func TestClone_independentRateState(t *testing.T) {
	t.Parallel()
	c := newTestClient(t, func(r *http.Request) (*http.Response, error) {
		return response(r, 200, `{"ping":"pong"}`, "X-AircallApi-Limit", "60", "X-AircallApi-Remaining", "7"), nil
	})
	_, err := c.Ping(t.Context())
	require.NoError(t, err)
	clone, err := c.Clone(WithUserAgent("other/1"))
	require.NoError(t, err)
	assert.Equal(t, 7, c.Rate().Remaining)
	assert.Equal(t, Rate{}, clone.Rate(), "a clone starts with its own rate state")
	assert.NotSame(t, c.budget, clone.budget)
	assert.Equal(t, "other/1 aircall-go/"+Version, clone.UserAgent())
	assert.Equal(t, "aircall-go/"+Version, c.UserAgent())
	_, err = c.Clone(nil)
	assert.Error(t, err)
}

func TestDo_contextAlreadyCancelled(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	c := newTestClient(t, func(r *http.Request) (*http.Response, error) {
		calls.Add(1)
		return nil, r.Context().Err()
	})
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	req, _ := c.NewRequest(ctx, http.MethodGet, "v1/ping", nil)
	_, err := c.Do(req, nil)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Zero(t, calls.Load(), "nothing is sent on a cancelled context")
}

func TestDo_contextErrorWinsOverTransportError(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	c := newTestClient(t, func(r *http.Request) (*http.Response, error) {
		cancel()
		return nil, errors.New("connection reset by peer")
	}, WithoutRateLimit())
	req, _ := c.NewRequest(ctx, http.MethodGet, "v1/ping", nil)
	_, err := c.Do(req, nil)
	assert.ErrorIs(t, err, context.Canceled)
}

// A transport of the user's (a tracing wrapper, say) that copies the request
// and points the response at its copy does not leak the credential either.
func TestResponseRequest_neverCarriesTheCredential(t *testing.T) {
	t.Parallel()
	wrapping := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		clone := r.Clone(r.Context())
		return response(clone, 404, `{"error":"Not Found"}`), nil
	})
	c := newTestClient(t, wrapping, WithoutRateLimit(), WithRetryPolicy(RetryPolicy{}))
	resp, err := c.Ping(t.Context())
	var er *ErrorResponse
	require.ErrorAs(t, err, &er)
	for _, r := range []*http.Request{resp.Request, er.Response.Request} {
		assert.Empty(t, r.Header.Get("Authorization"))
		assert.NotContains(t, fmt.Sprintf("%+v %#v", r, r), "dGVzdC1pZDp0ZXN0LXRva2Vu")
	}
}
