package aircallmcp

import (
	"encoding/base64"
	"errors"
	"strings"
	"time"

	"github.com/aircall-go/aircall"
)

// Environment variables read by ClientFromEnv.
const (
	EnvAPIID       = "AIRCALL_API_ID"
	EnvAPIToken    = "AIRCALL_API_TOKEN"
	EnvAccessToken = "AIRCALL_ACCESS_TOKEN"
	EnvBaseURL     = "AIRCALL_BASE_URL"
)

// ClientFromEnv builds the Aircall client from the environment (getenv is
// os.Getenv outside tests): AIRCALL_API_ID and AIRCALL_API_TOKEN (Basic
// auth), or AIRCALL_ACCESS_TOKEN (an OAuth access token); AIRCALL_BASE_URL
// optionally points elsewhere than https://api.aircall.io (a fake in tests).
// It also returns the secrets to keep out of every result (Config.Secrets).
// Its errors name the variables, never their values.
//
// The client waits at most 15 seconds for one rate-limit reset before
// giving up with a *aircall.RateLimitError, so that a tool call answers
// "retry after ..." instead of hanging.
func ClientFromEnv(getenv func(string) string, opts ...aircall.Option) (*aircall.Client, []string, error) {
	id, token := strings.TrimSpace(getenv(EnvAPIID)), strings.TrimSpace(getenv(EnvAPIToken))
	access := strings.TrimSpace(getenv(EnvAccessToken))
	var (
		auth    aircall.Option
		secrets []string
	)
	switch {
	case id != "" && token != "":
		auth = aircall.WithBasicAuth(id, token)
		secrets = []string{token, base64.StdEncoding.EncodeToString([]byte(id + ":" + token))}
	case id != "" || token != "":
		return nil, nil, errors.New("aircall-mcp: set both " + EnvAPIID + " and " + EnvAPIToken + " (or " + EnvAccessToken + ")")
	case access != "":
		auth = aircall.WithBearerToken(access)
		secrets = []string{access}
	default:
		return nil, nil, errors.New("aircall-mcp: no Aircall credential: set " + EnvAPIID + " and " + EnvAPIToken + ", or " + EnvAccessToken)
	}
	all := []aircall.Option{
		auth,
		aircall.WithUserAgent("aircall-mcp/" + Version),
		aircall.WithRetryPolicy(aircall.RetryPolicy{MaxRetries: 2, MaxWait: 15 * time.Second}),
	}
	if base := strings.TrimSpace(getenv(EnvBaseURL)); base != "" {
		all = append(all, aircall.WithBaseURL(base))
	}
	c, err := aircall.NewClient(append(all, opts...)...)
	if err != nil {
		// The options' errors describe the URL or the option, not the credential;
		// still, say only which setting is wrong.
		return nil, nil, errors.New("aircall-mcp: invalid configuration: " + redact(err.Error(), secrets))
	}
	return c, secrets, nil
}
