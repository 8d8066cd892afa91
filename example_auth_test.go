package aircall_test

import (
	"crypto/rand"
	"log"
	"net/http"

	"github.com/aircall-go/aircall"
)

// The OAuth install flow of an app listed on the Aircall Marketplace: the
// install_uri handler sends the Admin to Aircall's authorization page, the
// redirect_uri handler exchanges the code for an access token, and the
// token builds a Bearer client for that company.
func ExampleClient_ExchangeOAuthCode() {
	const (
		clientID     = "YOUR_CLIENT_ID"     // provided by Aircall
		clientSecret = "YOUR_CLIENT_SECRET" // provided by Aircall
		redirectURI  = "https://app.example.com/aircall/callback"
	)
	// Exchanging a code needs no credentials.
	installer, err := aircall.NewClient()
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

		client, err := aircall.NewClient(aircall.WithBearerToken(tok.AccessToken))
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		company, _, err := client.Company.Get(r.Context())
		if err != nil {
			http.Error(w, "the token does not work", http.StatusBadGateway)
			return
		}
		log.Printf("installed for %s", company.Name)

		// Optional: end the flow on the integration's settings page in the Dashboard.
		if _, err := client.Integrations.Enable(r.Context(), &aircall.EnableIntegrationOptions{Install: true}); err != nil {
			log.Printf("enable: %v", err)
		}
		w.WriteHeader(http.StatusOK)
	})

	log.Fatal(http.ListenAndServeTLS(":8443", "cert.pem", "key.pem", mux))
}
