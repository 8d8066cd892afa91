package aircalltest

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// credential is who sent a request: an API key (Basic) or an access token
// (Bearer). key identifies the company budget it is counted against.
type credential struct {
	key    string
	bearer bool
}

// authenticate checks the Authorization header against the fake's API key
// and the access tokens it issued.
func (s *Server) authenticate(r *http.Request) (credential, bool) {
	h := r.Header.Get("Authorization")
	scheme, value, ok := strings.Cut(h, " ")
	if !ok {
		return credential{}, false
	}
	value = strings.TrimSpace(value)
	switch strings.ToLower(scheme) {
	case "basic":
		raw, err := base64.StdEncoding.DecodeString(value)
		if err != nil {
			return credential{}, false
		}
		id, token, ok := strings.Cut(string(raw), ":")
		if !ok || !equal(id, s.cfg.apiID) || !equal(token, s.cfg.apiToken) {
			return credential{}, false
		}
		return credential{key: id}, true
	case "bearer":
		s.mu.Lock()
		_, known := s.db.integrations[value]
		s.mu.Unlock()
		if !known {
			return credential{}, false
		}
		return credential{key: value, bearer: true}, true
	}
	return credential{}, false
}

func equal(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

// IssueAccessToken returns a new OAuth access token the fake accepts as a
// Bearer token, as POST /v1/oauth/token would. Each token has its own
// integration (GET /v1/integrations/me) and its own rate-limit budget.
func (s *Server) IssueAccessToken() string {
	tok := randomHex(15)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.db.addToken(tok, s.now())
	return tok
}

// randomHex returns 2n random hexadecimal characters.
func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// oauthToken serves POST /v1/oauth/token: the authorization-code exchange.
// It needs no credentials; the body may be JSON or a form.
func (s *Server) oauthToken(x *exchange) {
	var req struct {
		ClientID     string `json:"client_id"`
		ClientSecret string `json:"client_secret"`
		Code         string `json:"code"`
		RedirectURI  string `json:"redirect_uri"`
		GrantType    string `json:"grant_type"`
	}
	if strings.HasPrefix(x.r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		if err := x.r.ParseForm(); err != nil {
			x.badRequest("The form body could not be read")
			return
		}
		f := x.r.PostForm
		req.ClientID, req.ClientSecret, req.Code = f.Get("client_id"), f.Get("client_secret"), f.Get("code")
		req.RedirectURI, req.GrantType = f.Get("redirect_uri"), f.Get("grant_type")
	} else if !x.decode(&req) {
		return
	}
	for _, f := range []struct{ name, v string }{
		{"client_id", req.ClientID}, {"client_secret", req.ClientSecret}, {"code", req.Code},
		{"redirect_uri", req.RedirectURI}, {"grant_type", req.GrantType},
	} {
		if f.v == "" {
			x.badRequest(f.name + " is a mandatory field")
			return
		}
	}
	switch {
	case req.GrantType != "authorization_code":
		x.badRequest("grant_type must be authorization_code")
		return
	case !equal(req.ClientID, s.cfg.clientID) || !equal(req.ClientSecret, s.cfg.clientSecret):
		x.badRequest("Invalid client_id or client_secret")
		return
	case !equal(req.Code, s.cfg.oauthCode):
		x.badRequest("Invalid or expired authorization code")
		return
	}
	if u, err := url.Parse(req.RedirectURI); err != nil || u.Scheme == "" || u.Host == "" {
		x.badRequest("redirect_uri must be an absolute URL")
		return
	}
	tok := randomHex(15)
	now := s.now()
	s.mu.Lock()
	s.db.addToken(tok, now)
	s.mu.Unlock()
	x.json(http.StatusOK, struct {
		AccessToken string `json:"access_token"`
		TokenType   string `json:"token_type"`
		CreatedAt   int64  `json:"created_at"`
	}{tok, "Bearer", now.Unix()})
}

// integration is the app an access token belongs to.
type integration struct {
	id        int64
	token     string
	active    bool
	createdAt time.Time
	updatedAt time.Time
}

// addToken registers an access token with its integration. Callers hold s.mu
// (or own the state exclusively).
func (db *state) addToken(tok string, now time.Time) {
	if _, ok := db.integrations[tok]; ok {
		return
	}
	db.integrations[tok] = &integration{id: db.next(kindIntegration), token: tok, active: true, createdAt: now, updatedAt: now}
}

// requireBearer answers 403 for requests authenticated with an API key:
// integration endpoints are for OAuth apps only.
func (x *exchange) requireBearer() bool {
	if !x.cred.bearer {
		x.fail(http.StatusForbidden, "Forbidden. Cannot be used with API KEY (Oauth only)")
		return false
	}
	return true
}

type wireIntegration struct {
	ID           int64     `json:"id"`
	Name         string    `json:"name"`
	Logo         string    `json:"logo"`
	CompanyID    int64     `json:"company_id"`
	Status       string    `json:"status"`
	Active       bool      `json:"active"`
	CreatedAt    string    `json:"created_at"`
	UpdatedAt    string    `json:"updated_at"`
	DeletedAt    *string   `json:"deleted_at"`
	NumberIDs    []int64   `json:"number_ids"`
	NumbersCount int       `json:"numbers_count"`
	CustomName   *string   `json:"custom_name"`
	User         *wireUser `json:"user"`
}

// integrationTime is how integrations write their times: ISO-8601 with a
// +00:00 offset.
func integrationTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000-07:00") }

// integrationMe serves GET /v1/integrations/me.
func (s *Server) integrationMe(x *exchange) {
	if !x.requireBearer() {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	in := s.db.integrations[x.cred.key]
	ids := s.db.numberIDs()
	status := "active"
	if !in.active {
		status = "disabled"
	}
	var installer *wireUser
	if u := s.db.firstUser(); u != nil {
		w := s.userWire(u, userInCall)
		installer = &w
	}
	x.json(http.StatusOK, map[string]any{"integration": wireIntegration{
		ID: in.id, Name: "aircalltest app", Logo: "https://cdn.aircall.io/applications/standard/ico_aircalltest.svg",
		CompanyID: companyID, Status: status, Active: in.active,
		CreatedAt: integrationTime(in.createdAt), UpdatedAt: integrationTime(in.updatedAt),
		NumberIDs: ids, NumbersCount: len(ids), User: installer,
	}})
}

// integrationToggle serves POST /v1/integrations/enable and /disable: the
// integration and the webhooks created with its token follow.
func (s *Server) integrationToggle(active bool) func(*exchange) {
	return func(x *exchange) {
		if !x.requireBearer() {
			return
		}
		s.mu.Lock()
		in := s.db.integrations[x.cred.key]
		in.active, in.updatedAt = active, s.now()
		for _, wh := range s.db.webhooks {
			if wh.ownerToken == x.cred.key {
				wh.active = active
			}
		}
		s.mu.Unlock()
		x.empty(http.StatusNoContent)
	}
}
