package aircall

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/aircall-go/aircall/internal/fixture"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pageCapBody is the 400 the API answers past 10,000 items (API.md quirk 5),
// as quoted in testdata/errors/page_limit.json.
var pageCapBody = strings.TrimSpace(string(fixture.MustLoad("errors/page_limit.json")))

func TestErrorResponse_bodies(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		status       int
		contentType  string
		body         string
		message      string
		troubleshoot string
		details      string
		is           []error
	}{
		{"aircall json", 404, "application/json", `{"error":"Not Found","troubleshoot":"Id does not exist"}`, "Not Found", "Id does not exist", "", []error{ErrNotFound}},
		{"422 troubleshoot", 422, "application/json", `{"error":"Unprocessable","troubleshoot":"first_name is missing"}`, "Unprocessable", "first_name is missing", "", []error{ErrUnprocessable}},
		{"10k cap", 400, "application/json", pageCapBody, "Bad Request", "BAD_REQUEST", "Your query is limited to 10k results and pagination is out of bound, please use timestamps or other filters.", []error{ErrBadRequest, ErrPageLimitExceeded}},
		{"html 502", 502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>", "Bad Gateway", "", "", []error{ErrServer}},
		{"empty body", 503, "", "", "Service Unavailable", "", "", []error{ErrServer}},
		{"plain text", 500, "text/plain", "upstream connect error", "upstream connect error", "", "", []error{ErrServer}},
		{"json string", 403, "application/json", `"Forbidden. Cannot be used with API KEY (Oauth only)"`, "Forbidden. Cannot be used with API KEY (Oauth only)", "", "", []error{ErrForbidden}},
		{"message only", 409, "application/json", `{"message":"Too many phone numbers"}`, "Too many phone numbers", "", "", []error{ErrConflict}},
		{"errors list", 400, "application/json", `{"error":"Bad Request","errors":["url is missing","events are not valid"]}`, "Bad Request", "", "url is missing; events are not valid", []error{ErrBadRequest}},
		{"broken json", 500, "application/json", `{"error":`, "Internal Server Error", "", "", []error{ErrServer}},
		{"401", 401, "application/json", `{"error":"Unauthorized"}`, "Unauthorized", "", "", []error{ErrUnauthorized}},
		{"405", 405, "application/json", `{"error":"User not available"}`, "User not available", "", "", []error{ErrMethodNotAllowed}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := newTestClient(t, func(r *http.Request) (*http.Response, error) {
				return response(r, tt.status, tt.body, "Content-Type", tt.contentType), nil
			}, WithRetryPolicy(RetryPolicy{}))
			req, _ := c.NewRequest(t.Context(), http.MethodGet, "v1/calls", nil)
			resp, err := c.Do(req, &struct{}{})
			require.Error(t, err)
			require.NotNil(t, resp, "the response comes back with the error")
			assert.Equal(t, tt.status, resp.StatusCode)

			var er *ErrorResponse
			require.ErrorAs(t, err, &er)
			assert.Equal(t, tt.status, er.StatusCode)
			assert.Equal(t, tt.message, er.Message)
			assert.Equal(t, tt.troubleshoot, er.Troubleshoot)
			assert.Equal(t, tt.details, er.Details)
			assert.Equal(t, tt.body, string(er.Body))
			assert.Same(t, resp.Response, er.Response)
			assert.Equal(t, 1, er.Attempts)
			for _, target := range tt.is {
				assert.ErrorIs(t, err, target)
			}
			for _, other := range []error{ErrNotFound, ErrRateLimited, ErrPaginationLoop} {
				if !containsErr(tt.is, other) {
					assert.NotErrorIs(t, err, other)
				}
			}
			assert.Contains(t, err.Error(), "GET /v1/calls")
			assert.NotContains(t, err.Error(), "<html>", "HTML pages stay out of error strings")
		})
	}
}

func containsErr(list []error, e error) bool {
	for _, x := range list {
		if x == e {
			return true
		}
	}
	return false
}

func TestErrorResponse_bodyCappedAt1MiB(t *testing.T) {
	t.Parallel()
	big := strings.Repeat("x", 2<<20)
	c := newTestClient(t, func(r *http.Request) (*http.Response, error) {
		return response(r, 500, big, "Content-Type", "text/plain"), nil
	}, WithRetryPolicy(RetryPolicy{}))
	req, _ := c.NewRequest(t.Context(), http.MethodGet, "v1/x", nil)
	_, err := c.Do(req, nil)
	var er *ErrorResponse
	require.ErrorAs(t, err, &er)
	assert.Len(t, er.Body, 1<<20)
	assert.Less(t, len(er.Error()), 400, "the error string stays short")
}

func TestRateLimitError(t *testing.T) {
	t.Parallel()
	c := newTestClient(t, func(r *http.Request) (*http.Response, error) {
		return response(r, 429, `{"error":"Too Many Requests","troubleshoot":"Rate limit reached"}`,
			"X-AircallApi-Limit", "60", "X-AircallApi-Remaining", "0", "Retry-After", "600"), nil
	}, WithoutRateLimit())
	req, _ := c.NewRequest(t.Context(), http.MethodGet, "v1/x", nil)
	resp, err := c.Do(req, nil)
	require.NotNil(t, resp)
	var rle *RateLimitError
	require.ErrorAs(t, err, &rle, "a wait beyond MaxWait fails at once")
	assert.ErrorIs(t, err, ErrRateLimited)
	var er *ErrorResponse
	require.ErrorAs(t, err, &er, "errors.As reaches the ErrorResponse")
	assert.Equal(t, 429, er.StatusCode)
	assert.Equal(t, 60, rle.Rate.Limit)
	assert.EqualValues(t, 600e9, rle.RetryAfter)
	assert.Contains(t, err.Error(), "retry after 10m0s")
	assert.Equal(t, 1, resp.Attempts)
}

func TestArgError(t *testing.T) {
	t.Parallel()
	err := error(&ArgError{Arg: "PerPage", Reason: "must be between 1 and 50"})
	assert.Equal(t, "aircall: invalid PerPage: must be between 1 and 50", err.Error())
	assert.ErrorIs(t, err, ErrInvalidArgument)
	assert.NotErrorIs(t, err, ErrBadRequest)
}

func TestTransportError_hidesQuery(t *testing.T) {
	t.Parallel()
	c := newTestClient(t, func(r *http.Request) (*http.Response, error) {
		return nil, errors.New("dial tcp: connection refused")
	}, WithRetryPolicy(RetryPolicy{}))
	req, _ := c.NewRequest(t.Context(), http.MethodGet, "v1/contacts/search?email=secret%40example.com", nil)
	resp, err := c.Do(req, nil)
	assert.Nil(t, resp, "no response when the server never answered")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "GET /v1/contacts/search")
	assert.Contains(t, err.Error(), "connection refused")
	assert.NotContains(t, err.Error(), "secret")
}

// FuzzParseErrorBody checks the error-body parser never panics and always
// produces a message, whatever the server sends.
func FuzzParseErrorBody(f *testing.F) {
	for _, seed := range []string{
		pageCapBody,
		`{"error":"Not Found","troubleshoot":"Id does not exist"}`,
		`<html><body>502 Bad Gateway</body></html>`,
		``, `"plain string"`, `{"errors":[{"a":1},null,"x"]}`, `{"error":{"nested":true}}`,
		`[1,2,3]`, `null`, "\xff\xfe", `{"message":` + strings.Repeat("[", 1000),
	} {
		f.Add(400, "application/json", []byte(seed))
	}
	f.Fuzz(func(t *testing.T, status int, contentType string, body []byte) {
		if status < 400 || status > 599 {
			status = 400 + (abs(status) % 200)
		}
		e := parseErrorBody(status, contentType, body)
		require.NotNil(t, e)
		assert.NotEmpty(t, e.Message)
		s := e.Error()
		assert.True(t, utf8.ValidString(e.Message) || !utf8.Valid(body), "message is valid UTF-8 for UTF-8 input")
		assert.NotEmpty(t, s)
		_ = errors.Is(e, ErrPageLimitExceeded)
	})
}

func abs(n int) int {
	if n < 0 {
		if n == -n { // math.MinInt
			return 0
		}
		return -n
	}
	return n
}
