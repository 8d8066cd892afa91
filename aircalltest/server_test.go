package aircalltest_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// newServer starts a fake without rate limiting (unless opts say otherwise)
// and closes it when the test ends.
func newServer(t *testing.T, opts ...aircalltest.ServerOption) *aircalltest.Server {
	t.Helper()
	s := aircalltest.NewServer(append([]aircalltest.ServerOption{aircalltest.WithoutRateLimit()}, opts...)...)
	t.Cleanup(s.Close)
	return s
}

// noRetry is a client option for tests that look at a single answer.
var noRetry = aircall.WithRetryPolicy(aircall.RetryPolicy{})

// rawRequest sends a request with the fake's Basic credentials (unless the
// caller set Authorization) and returns the status, headers and body.
func rawRequest(t *testing.T, s *aircalltest.Server, method, path, body string, header ...string) (int, http.Header, []byte) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(t.Context(), method, s.URL()+path, rd)
	require.NoError(t, err)
	req.SetBasicAuth(aircalltest.DefaultAPIID, aircalltest.DefaultAPIToken)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := s.HTTPClient().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, resp.Header, b
}

// assertAircallError checks an {"error", "troubleshoot"} body.
func assertAircallError(t *testing.T, body []byte, wantError string) {
	t.Helper()
	var e map[string]any
	require.NoError(t, json.Unmarshal(body, &e), "body %s", body)
	assert.Equal(t, wantError, e["error"], "body %s", body)
	assert.NotEmpty(t, e["troubleshoot"], "body %s", body)
	assert.Len(t, e, 2, "only error and troubleshoot: %s", body)
}

func TestClient_pingsTheFake(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	resp, err := s.Client().Ping(t.Context())
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.True(t, strings.HasPrefix(s.URL(), "http://127.0.0.1:"), s.URL())
}

func TestClient_passThroughOptionsWin(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	tok := s.IssueAccessToken()
	c := s.Client(aircall.WithBearerToken(tok), aircall.WithUserAgent("mytest/1.0"))
	assert.True(t, c.HasCredentials())
	assert.True(t, strings.HasPrefix(c.UserAgent(), "mytest/1.0 "))
	_, _, err := c.Integrations.Me(t.Context()) // Bearer only: proves the token is used
	require.NoError(t, err)

	assert.Panics(t, func() { s.Client(aircall.WithTimeout(-1)) })
}

func TestAuth_rejectsUnknownCredentialsWith403(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	for name, opt := range map[string]aircall.Option{
		"wrong api key":        aircall.WithBasicAuth(aircalltest.DefaultAPIID, "nope"),
		"unknown access token": aircall.WithBearerToken("not-issued"),
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := s.Client(opt, noRetry).Ping(t.Context())
			require.ErrorIs(t, err, aircall.ErrForbidden)
			var apiErr *aircall.ErrorResponse
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, "Forbidden", apiErr.Message)
			assert.Contains(t, apiErr.Troubleshoot, "Invalid API key or Bearer access token")
		})
	}
	t.Run("no credentials", func(t *testing.T) {
		t.Parallel()
		c, err := aircall.NewClient(aircall.WithBaseURL(s.URL()), aircall.WithHTTPClient(s.HTTPClient()), aircall.WithoutRateLimit())
		require.NoError(t, err)
		_, _, err = c.Company.Get(t.Context())
		require.ErrorIs(t, err, aircall.ErrForbidden)
	})
	t.Run("configured api key", func(t *testing.T) {
		t.Parallel()
		s := newServer(t, aircalltest.WithAPIKey("my-id", "my-token"))
		_, err := s.Client(noRetry).Ping(t.Context()) // Client uses the configured key
		require.NoError(t, err)
		_, err = s.Client(aircall.WithBasicAuth(aircalltest.DefaultAPIID, aircalltest.DefaultAPIToken), noRetry).Ping(t.Context())
		require.ErrorIs(t, err, aircall.ErrForbidden)
	})
	t.Run("configured access token", func(t *testing.T) {
		t.Parallel()
		s := newServer(t, aircalltest.WithAccessToken("tok-1"))
		_, err := s.Client(aircall.WithBearerToken("tok-1"), noRetry).Ping(t.Context())
		require.NoError(t, err)
	})
}

func TestRouting_unknownPathIs404AndWrongMethodIs405(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	status, _, body := rawRequest(t, s, http.MethodGet, "/v1/nothing", "")
	assert.Equal(t, http.StatusNotFound, status)
	assertAircallError(t, body, "Not Found")

	status, h, body := rawRequest(t, s, http.MethodPatch, "/v1/users/456", `{}`)
	assert.Equal(t, http.StatusMethodNotAllowed, status)
	assertAircallError(t, body, "Method Not Allowed")
	assert.Equal(t, "GET, PUT, DELETE", h.Get("Allow"))

	status, _, body = rawRequest(t, s, http.MethodGet, "/v1/users/abc", "")
	assert.Equal(t, http.StatusNotFound, status)
	assertAircallError(t, body, "Not Found")

	status, _, body = rawRequest(t, s, http.MethodGet, "/", "", "Authorization", "")
	assert.Equal(t, http.StatusOK, status)
	assert.JSONEq(t, `{"resource":"Aircall Documentation","contact":"support@aircall.io"}`, string(body))
}

func TestRouting_writesNeedJSON(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	status, _, body := rawRequest(t, s, http.MethodPost, "/v1/tags", `{"name":"x","color":"#000000"}`, "Content-Type", "text/plain")
	assert.Equal(t, http.StatusBadRequest, status)
	assertAircallError(t, body, "Bad Request")
	status, _, body = rawRequest(t, s, http.MethodPost, "/v1/tags", `{"name":`)
	assert.Equal(t, http.StatusBadRequest, status)
	assertAircallError(t, body, "Bad Request")
}

// TestRouting_servesEveryOperationOfTheSDK reads the //aircall:operation
// directives of the SDK and checks the fake routes each of them.
func TestRouting_servesEveryOperationOfTheSDK(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	files, err := filepath.Glob("../*.go")
	require.NoError(t, err)
	directive := regexp.MustCompile(`^//aircall:operation (GET|POST|PUT|DELETE) (\S+)$`)
	param := regexp.MustCompile(`:[a-z_]+`)
	seen := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		fh, err := os.Open(f)
		require.NoError(t, err)
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			m := directive.FindStringSubmatch(strings.TrimSpace(sc.Text()))
			if m == nil || seen[m[0]] {
				continue
			}
			seen[m[0]] = true
			path := param.ReplaceAllString(m[2], "999999")
			body := ""
			if m[1] != http.MethodGet && m[1] != http.MethodDelete {
				body = "{}"
			}
			status, _, resp := rawRequest(t, s, m[1], path, body)
			assert.NotEqual(t, http.StatusMethodNotAllowed, status, "%s: %s", m[0], resp)
			assert.NotContains(t, string(resp), "No endpoint", m[0])
		}
		require.NoError(t, fh.Close())
	}
	assert.Greater(t, len(seen), 90, "directives found")
}

func TestHandler_canBeMountedElsewhere(t *testing.T) {
	t.Parallel()
	s := newServer(t, aircalltest.InMemory())
	c := aircalltest.HandlerClient(s.Handler())
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, "https://example.test/v1/ping", nil)
	require.NoError(t, err)
	req.SetBasicAuth(aircalltest.DefaultAPIID, aircalltest.DefaultAPIToken)
	resp, err := c.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	assert.JSONEq(t, `{"ping":"pong"}`, string(b))
	assert.Equal(t, "application/json; charset=utf-8", resp.Header.Get("Content-Type"))
	assert.Equal(t, "200 OK", resp.Status)
}

func TestClose_isIdempotent(t *testing.T) {
	t.Parallel()
	s := aircalltest.NewServer()
	s.Close()
	s.Close()
	_, err := s.Client(noRetry).Ping(context.Background())
	require.Error(t, err)
	assert.False(t, errors.Is(err, aircall.ErrForbidden))
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }
