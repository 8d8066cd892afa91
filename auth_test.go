package aircall

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAuthorizeURL(t *testing.T) {
	t.Parallel()
	got := AuthorizeURL("my client", "https://app.example.com/aircall/callback?x=1&y=2", "csrf token/+=")
	u, err := url.Parse(got)
	require.NoError(t, err)
	assert.Equal(t, "https", u.Scheme)
	assert.Equal(t, "dashboard.aircall.io", u.Host)
	assert.Equal(t, "/oauth/authorize", u.Path)
	assert.Equal(t, url.Values{
		"client_id":     {"my client"},
		"redirect_uri":  {"https://app.example.com/aircall/callback?x=1&y=2"},
		"response_type": {"code"},
		"scope":         {"public_api"},
		"state":         {"csrf token/+="},
	}, u.Query())
	assert.NotContains(t, u.RawQuery, "&y=2", "values are escaped")

	u, err = url.Parse(AuthorizeURL("id", "https://x.example.com/cb", ""))
	require.NoError(t, err)
	assert.NotContains(t, u.Query(), "state", "an empty state is omitted")
}

func TestExchangeOAuthCode(t *testing.T) {
	t.Parallel()
	_, mux := setup(t)
	mux.HandleFunc("POST /v1/oauth/token", func(w http.ResponseWriter, r *http.Request) {
		assert.Empty(t, r.Header.Get("Authorization"), "a client without credentials sends none")
		testJSONBody(t, r, `{"client_id":"cid","client_secret":"csecret","code":"TMP_CODE","redirect_uri":"https://app.example.com/cb","grant_type":"authorization_code"}`)
		serveFixture(t, w, 200, "oauth/token.json")
	})
	mux.HandleFunc("GET /v1/ping", func(w http.ResponseWriter, r *http.Request) {
		testHeader(t, r, "Authorization", "Bearer 2d492d492d492d492d492d492d492d")
		writeJSON(w, 200, `{"ping":"pong"}`)
	})

	// The setup client has Basic credentials; an installer has none yet.
	base := serverBase(t, mux)
	anon, err := NewClient(WithBaseURL(base), WithoutRateLimit())
	require.NoError(t, err)
	tok, resp, err := anon.ExchangeOAuthCode(t.Context(), &OAuthCodeRequest{
		ClientID: "cid", ClientSecret: "csecret", Code: "TMP_CODE", RedirectURI: "https://app.example.com/cb",
	})
	require.NoError(t, err)
	assert.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, "2d492d492d492d492d492d492d492d", tok.AccessToken)
	assert.Equal(t, "Bearer", tok.TokenType)
	assert.Equal(t, time.Unix(1585868617, 0).UTC(), tok.CreatedAt.Time)

	// The token builds a Bearer client.
	c, err := NewClient(WithBaseURL(base), WithBearerToken(tok.AccessToken), WithoutRateLimit())
	require.NoError(t, err)
	_, err = c.Ping(t.Context())
	require.NoError(t, err)
}

// serverBase returns the base URL of a second httptest server in front of mux,
// under the same path prefix as setup's.
func serverBase(t *testing.T, mux *http.ServeMux) string {
	t.Helper()
	root := http.NewServeMux()
	root.Handle(baseURLPath+"/", http.StripPrefix(baseURLPath, mux))
	srv := newServer(t, root)
	return srv + baseURLPath + "/"
}

func TestExchangeOAuthCode_sendsCredentialsWhenConfigured(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("POST /v1/oauth/token", func(w http.ResponseWriter, r *http.Request) {
		testHeader(t, r, "Authorization", "Basic dGVzdC1pZDp0ZXN0LXRva2Vu")
		serveFixture(t, w, 200, "oauth/token.json")
	})
	_, _, err := c.ExchangeOAuthCode(t.Context(), &OAuthCodeRequest{ClientID: "a", ClientSecret: "b", Code: "c", RedirectURI: "https://d.example.com"})
	require.NoError(t, err)
}

func TestExchangeOAuthCode_invalidInput(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("/", failHandler(t))
	_, _, err := c.ExchangeOAuthCode(t.Context(), nil)
	assertArgError(t, err, "req")
	full := OAuthCodeRequest{ClientID: "a", ClientSecret: "b", Code: "c", RedirectURI: "https://d.example.com"}
	for field, mutate := range map[string]func(*OAuthCodeRequest){
		"ClientID":     func(r *OAuthCodeRequest) { r.ClientID = "" },
		"ClientSecret": func(r *OAuthCodeRequest) { r.ClientSecret = " " },
		"Code":         func(r *OAuthCodeRequest) { r.Code = "" },
		"RedirectURI":  func(r *OAuthCodeRequest) { r.RedirectURI = "" },
	} {
		r := full
		mutate(&r)
		_, _, err := c.ExchangeOAuthCode(t.Context(), &r)
		assertArgError(t, err, field)
	}
}

func TestExchangeOAuthCode_notRetriedOnServerError(t *testing.T) {
	t.Parallel()
	c, mux := setup(t, WithRetryPolicy(DefaultRetryPolicy()))
	calls := 0
	mux.HandleFunc("POST /v1/oauth/token", func(w http.ResponseWriter, r *http.Request) {
		calls++
		writeError(w, 500, "Internal Server Error", "")
	})
	_, resp, err := c.ExchangeOAuthCode(t.Context(), &OAuthCodeRequest{ClientID: "a", ClientSecret: "b", Code: "c", RedirectURI: "https://d.example.com"})
	assert.ErrorIs(t, err, ErrServer)
	assert.Equal(t, 500, resp.StatusCode)
	assert.Equal(t, 1, calls, "a single-use code is never resent")
}

func TestOAuthTokenFixture(t *testing.T) {
	t.Parallel()
	tok, _ := testFixture[OAuthToken](t, "oauth/token.json", "")
	assert.Equal(t, "Bearer", tok.TokenType)
}
