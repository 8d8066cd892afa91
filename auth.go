package aircall

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
)

// authTransport adds the Authorization header to requests bound for the API
// host, on a copy of the request (a RoundTripper must not change the one it
// is given). Requests to any other host, e.g. after a redirect, go out
// without credentials.
type authTransport struct {
	base   http.RoundTripper
	scheme string
	host   string
	cred   *credential // nil without credentials
}

func newAuthTransport(base http.RoundTripper, apiURL *url.URL, cred *credential) *authTransport {
	return &authTransport{base: base, scheme: apiURL.Scheme, host: apiURL.Host, cred: cred}
}

// credential is the Authorization header value of a client. The value lives
// only inside a closure, which fmt prints as an address and reflection cannot
// open, and every formatting method of the type (String, GoString, Format,
// LogValue) prints "[redacted]": no verb of fmt on a Client, its config or its
// transport, no slog attribute and no reflection dump shows the token.
type credential struct {
	scheme string        // "basic" or "bearer", for Client.String
	header func() string // "Basic base64(id:token)" or "Bearer token"
}

func newCredential(scheme, header string) *credential {
	return &credential{scheme: scheme, header: func() string { return header }}
}

func basicCredential(id, token string) *credential {
	return newCredential("basic", "Basic "+base64.StdEncoding.EncodeToString([]byte(id+":"+token)))
}

func bearerCredential(token string) *credential { return newCredential("bearer", "Bearer "+token) }

// String redacts the credential.
func (*credential) String() string { return "[redacted]" }

// GoString redacts the credential in %#v.
func (*credential) GoString() string { return "[redacted]" }

// Format redacts the credential for every verb.
func (*credential) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, "[redacted]") }

// LogValue redacts the credential in slog output.
func (*credential) LogValue() slog.Value { return slog.StringValue("[redacted]") }

// checkHeaderValue refuses bytes that cannot appear in an HTTP header value
// (control characters such as CR and LF, and DEL): such a credential would
// make every request fail at the transport.
func checkHeaderValue(arg, v string) error {
	for i := 0; i < len(v); i++ {
		if b := v[i]; (b < ' ' && b != '\t') || b == 0x7f {
			return &ArgError{Arg: arg, Reason: "must not contain control characters such as CR or LF"}
		}
	}
	return nil
}

// RoundTrip sends req, with the Authorization header when it goes to the API host.
func (t *authTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	rt := t.base
	if rt == nil {
		rt = http.DefaultTransport
	}
	if t.cred == nil || req.URL.Host != t.host || req.URL.Scheme != t.scheme {
		return rt.RoundTrip(req)
	}
	r2 := *req
	r2.Header = req.Header.Clone()
	r2.Header.Set("Authorization", t.cred.header())
	resp, err := rt.RoundTrip(&r2)
	if resp != nil {
		// The transport points the response at the request it sent (ours,
		// or a copy a wrapping transport made of it), which carries the
		// credential; users reach it through Response.Request and
		// ErrorResponse.Response.Request. Give them back the request this
		// transport was given, which never carries it.
		resp.Request = req
	}
	return resp, err
}

// String keeps credentials out of %v output.
func (t *authTransport) String() string { return "aircall.authTransport{[redacted]}" }

// GoString keeps credentials out of %#v output.
func (t *authTransport) GoString() string { return t.String() }

// sameHostRedirects wraps a CheckRedirect policy so that a redirect to another
// host (or from https to http) is refused with ErrRedirectBlocked. The auth
// transport would not send credentials there anyway; refusing also keeps API
// data from being fetched from an unexpected origin.
func sameHostRedirects(next func(*http.Request, []*http.Request) error) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		first := via[0].URL
		if req.URL.Host != first.Host || (first.Scheme == "https" && req.URL.Scheme != "https") {
			return fmt.Errorf("%w (to host %q)", ErrRedirectBlocked, req.URL.Host)
		}
		if next != nil {
			return next(req, via)
		}
		if len(via) >= 10 {
			return fmt.Errorf("aircall: stopped after %d redirects", len(via))
		}
		return nil
	}
}

// String describes the client without its credentials.
func (c *Client) String() string {
	auth := "none"
	if c.cfg.auth != nil {
		auth = c.cfg.auth.scheme + " [redacted]"
	}
	return fmt.Sprintf("aircall.Client{BaseURL: %q, Auth: %s}", c.baseURL.String(), auth)
}

// GoString describes the client without its credentials, for %#v.
func (c *Client) GoString() string { return c.String() }

// HasCredentials reports whether the client sends an Authorization header,
// that is whether it was built with WithBasicAuth or WithBearerToken.
func (c *Client) HasCredentials() bool { return c.cfg.auth != nil }

// OAuthAuthorizeURL is the Aircall dashboard page where an admin consents to
// install an OAuth app (step 3 of the documented OAuth flow).
const OAuthAuthorizeURL = "https://dashboard.aircall.io/oauth/authorize"

// AuthorizeURL returns the URL your install_uri must forward the admin to:
// the Aircall dashboard's authorization page with client_id, redirect_uri,
// response_type=code and scope=public_api. state is an opaque value of your
// app, passed back unchanged to redirect_uri: use it against cross-site
// request forgery. It is omitted when empty. Every value is query-escaped.
func AuthorizeURL(clientID, redirectURI, state string) string {
	q := url.Values{}
	q.Set("client_id", clientID)
	q.Set("redirect_uri", redirectURI)
	q.Set("response_type", "code")
	q.Set("scope", "public_api")
	if state != "" {
		q.Set("state", state)
	}
	return OAuthAuthorizeURL + "?" + q.Encode()
}

// OAuthCodeRequest is the body of the OAuth code exchange. Every field is
// mandatory; grant_type=authorization_code is set for you.
type OAuthCodeRequest struct {
	// ClientID is the client_id provided by Aircall.
	ClientID string `json:"client_id"`
	// ClientSecret is the client_secret provided by Aircall.
	ClientSecret string `json:"client_secret"`
	// Code is the OAuth authorization code Aircall sent back to your server.
	// It is valid for 10 minutes and can be used once.
	Code string `json:"code"`
	// RedirectURI is your redirect_uri.
	RedirectURI string `json:"redirect_uri"`
}

// OAuthToken is an access token obtained through the OAuth flow. It does not
// expire: store it and build clients with WithBearerToken(t.AccessToken).
type OAuthToken struct {
	// AccessToken is the token used to send requests to the Aircall Public API as a Company.
	AccessToken string `json:"access_token"`
	// TokenType is always "Bearer".
	TokenType string `json:"token_type"`
	// CreatedAt is when the token was created.
	CreatedAt Timestamp `json:"created_at"`
}

// ExchangeOAuthCode converts the authorization code Aircall sent to your
// redirect_uri into an access token (step 6 of the OAuth flow). It works on a
// client built without credentials, and sends the client's credentials if it
// has any. The code is single-use, so the request is never resent after a
// server error.
//
//aircall:operation POST /v1/oauth/token
func (c *Client) ExchangeOAuthCode(ctx context.Context, r *OAuthCodeRequest) (*OAuthToken, *Response, error) {
	if r == nil {
		return nil, nil, &ArgError{Arg: "req", Reason: "must not be nil"}
	}
	for _, f := range []struct{ name, v string }{
		{"ClientID", r.ClientID}, {"ClientSecret", r.ClientSecret}, {"Code", r.Code}, {"RedirectURI", r.RedirectURI},
	} {
		if strings.TrimSpace(f.v) == "" {
			return nil, nil, &ArgError{Arg: f.name, Reason: "is required"}
		}
	}
	body := struct {
		*OAuthCodeRequest
		GrantType string `json:"grant_type"`
	}{r, "authorization_code"}
	tok := new(OAuthToken)
	resp, err := c.send(ctx, http.MethodPost, "v1/oauth/token", body, tok)
	if err != nil {
		return nil, resp, err
	}
	return tok, resp, nil
}
