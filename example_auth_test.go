package aircall_test

import (
	"crypto/rand"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
)

// The OAuth install flow of an app listed on the Aircall Marketplace: the
// install_uri handler sends the Admin to Aircall's authorization page, the
// redirect_uri handler exchanges the code for an access token, and the
// token builds a Bearer client for that company. At the end, the Admin's
// browser is played against the fake.
func ExampleClient_ExchangeOAuthCode() {
	s := exampleServer()
	defer s.Close()
	const (
		clientID     = aircalltest.DefaultClientID     // provided by Aircall
		clientSecret = aircalltest.DefaultClientSecret // provided by Aircall
		redirectURI  = "https://app.example.com/aircall/callback"
	)
	// Real code: aircall.NewClient() (exchanging a code needs no
	// credentials), and aircall.NewClient(aircall.WithBearerToken(token)).
	api := []aircall.Option{aircall.WithBaseURL(s.URL()), aircall.WithHTTPClient(s.HTTPClient())}
	installer, err := aircall.NewClient(api...)
	if err != nil {
		log.Fatal(err)
	}

	mux := http.NewServeMux()
	// install_uri: Aircall opens it when an Admin installs the app.
	mux.HandleFunc("GET /aircall/install", func(w http.ResponseWriter, r *http.Request) {
		state := rand.Text() // against cross-site request forgery
		http.SetCookie(w, &http.Cookie{Name: "aircall_state", Value: state, Path: "/aircall", Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode})
		http.Redirect(w, r, aircall.AuthorizeURL(clientID, redirectURI, state), http.StatusFound)
	})
	// redirect_uri: Aircall sends the Admin back here with a code (valid 10 minutes, single use), or an error.
	mux.HandleFunc("GET /aircall/callback", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		cookie, err := r.Cookie("aircall_state")
		if err != nil || cookie.Value != q.Get("state") {
			http.Error(w, "invalid state", http.StatusBadRequest)
			return
		}
		if q.Get("error") != "" || q.Get("code") == "" {
			http.Error(w, "installation not authorized", http.StatusForbidden)
			return
		}
		tok, _, err := installer.ExchangeOAuthCode(r.Context(), &aircall.OAuthCodeRequest{
			ClientID: clientID, ClientSecret: clientSecret, Code: q.Get("code"), RedirectURI: redirectURI,
		})
		if err != nil {
			http.Error(w, "could not get an access token", http.StatusBadGateway)
			return
		}
		// The token does not expire: store it (encrypted) for this company.
		client, err := aircall.NewClient(append(api, aircall.WithBearerToken(tok.AccessToken))...)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		company, _, err := client.Company.Get(r.Context())
		if err != nil {
			http.Error(w, "the token does not work", http.StatusBadGateway)
			return
		}
		fmt.Println("installed for", company.Name)
		w.WriteHeader(http.StatusOK)
	})
	// In production: log.Fatal(http.ListenAndServeTLS(":8443", "cert.pem", "key.pem", mux))

	// The Admin's browser: install, then come back from Aircall with a code.
	install := httptest.NewRecorder()
	mux.ServeHTTP(install, httptest.NewRequest(http.MethodGet, "/aircall/install", nil))
	authorize, err := url.Parse(install.Header().Get("Location"))
	if err != nil {
		log.Fatal(err)
	}
	back := httptest.NewRequest(http.MethodGet, "/aircall/callback?"+url.Values{
		"code": {aircalltest.DefaultOAuthCode}, "state": {authorize.Query().Get("state")}}.Encode(), nil)
	for _, c := range install.Result().Cookies() {
		back.AddCookie(c)
	}
	done := httptest.NewRecorder()
	mux.ServeHTTP(done, back)
	fmt.Println(done.Code)
	// Output:
	// installed for Acme Inc.
	// 200
}
