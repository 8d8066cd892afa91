package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/aircall-go/aircall/aircalltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// secretToken is the API token of the fake in these tests: it must never
// appear in any output.
const secretToken = "s3cr3t-t0ken-never-printed"

func secretFake(t *testing.T) (env, *aircalltest.Server) {
	e, s := fakeEnv(t, aircalltest.WithAPIKey("api-id-1234567", secretToken), aircalltest.WithDemoData())
	e["AIRCALL_API_ID"], e["AIRCALL_API_TOKEN"] = "api-id-1234567", secretToken
	return e, s
}

func TestAuthLogin_tokenFromStdinSavedWithMode0600(t *testing.T) {
	t.Parallel()
	e, s := secretFake(t)
	login := newEnv(t)
	login["AIRCALL_BASE_URL"] = s.URL()
	r := login.run(t, secretToken+"\n", "auth", "login", "--api-id", "api-id-1234567", "--profile", "work")
	require.Equal(t, ExitOK, r.code, r.err)
	assert.Contains(t, r.err, "Credentials work for Acme Inc.")
	assert.NotContains(t, r.out+r.err, secretToken)

	st, err := os.Stat(login["AIRCALL_CONFIG"])
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), st.Mode().Perm(), "the profiles file holds secrets")
	dir, err := os.Stat(filepath.Dir(login["AIRCALL_CONFIG"]))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o700), dir.Mode().Perm())
	var cfg Config
	b, _ := os.ReadFile(login["AIRCALL_CONFIG"])
	require.NoError(t, json.Unmarshal(b, &cfg))
	assert.Equal(t, "work", cfg.DefaultProfile)
	assert.Equal(t, secretToken, cfg.Profiles["work"].APIToken)

	// the saved profile is used without any credential in the environment
	r = login.run(t, "", "auth", "status")
	require.Equal(t, ExitOK, r.code, r.err)
	assert.Contains(t, r.out, "Acme Inc.")
	assert.Contains(t, r.out, "profile work")
	assert.NotContains(t, r.out+r.err, secretToken)
	assert.NotContains(t, r.out+r.err, "api-id-1234567", "the api_id is masked")
	_ = e
}

func TestAuthLogin_refusedCredentialsAreNotSaved(t *testing.T) {
	t.Parallel()
	_, s := secretFake(t)
	login := newEnv(t)
	login["AIRCALL_BASE_URL"] = s.URL()
	r := login.run(t, "wrong-token\n", "auth", "login", "--api-id", "api-id-1234567")
	assert.Equal(t, ExitAPI, r.code, r.err)
	assert.Contains(t, r.err, "checking the credentials")
	_, err := os.Stat(login["AIRCALL_CONFIG"])
	assert.True(t, os.IsNotExist(err))
}

func TestAuthLogin_needsTheAPIIDWithoutATerminal(t *testing.T) {
	t.Parallel()
	r := newEnv(t).run(t, "tok\n", "auth", "login")
	assert.Equal(t, ExitUsage, r.code)
	assert.Contains(t, r.err, "--api-id")
}

func TestAuthLogin_promptDoesNotEcho(t *testing.T) {
	t.Parallel()
	_, s := secretFake(t)
	login := newEnv(t)
	login["AIRCALL_BASE_URL"] = s.URL()
	io, out, errb := login.io("api-id-1234567\n")
	io.InTTY = true
	asked := 0
	io.ReadSecret = func() (string, error) { asked++; return secretToken, nil }
	code := run(t.Context(), []string{"auth", "login"}, io, nil)
	require.Equal(t, ExitOK, code, errb.String())
	assert.Equal(t, 1, asked, "the token is read without echo")
	assert.Contains(t, errb.String(), "api_token: ")
	assert.NotContains(t, out.String()+errb.String(), secretToken)
}

func TestAuthStatus_showsTheRateLimitAsJSON(t *testing.T) {
	t.Parallel()
	e, _ := fakeEnv(t, aircalltest.WithBudget(60))
	r := e.run(t, "", "auth", "status", "--json")
	require.Equal(t, ExitOK, r.code, r.err)
	var st authStatus
	require.NoError(t, json.Unmarshal([]byte(r.out), &st))
	assert.True(t, st.Verified)
	assert.Equal(t, "Acme Inc.", st.Company)
	assert.Equal(t, 60, st.Limit)
	assert.Equal(t, 59, st.Left)
	assert.NotNil(t, st.Reset)
	assert.Contains(t, st.Source, "environment")
}

func TestAuthStatus_refusedCredentialsExit6(t *testing.T) {
	t.Parallel()
	e, _ := secretFake(t)
	e["AIRCALL_API_TOKEN"] = "not-the-token"
	r := e.run(t, "", "auth", "status")
	assert.Equal(t, ExitAuth, r.code, r.err)
	assert.NotContains(t, r.out+r.err, "not-the-token")
}

func TestAuthLogout_removesTheProfile(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	require.NoError(t, saveConfig(e["AIRCALL_CONFIG"], &Config{DefaultProfile: "a", Profiles: map[string]*Profile{"a": {APIID: "x", APIToken: "y"}}}))
	r := e.run(t, "", "auth", "logout")
	require.Equal(t, ExitOK, r.code, r.err)
	r = e.run(t, "", "auth", "logout")
	assert.Equal(t, ExitNotFound, r.code)
	r = e.run(t, "", "auth", "status")
	assert.Equal(t, ExitAuth, r.code)
}

func TestConfig_warnsWhenReadableByOthers(t *testing.T) {
	t.Parallel()
	e, s := fakeEnv(t)
	delete(e, "AIRCALL_API_ID")
	delete(e, "AIRCALL_API_TOKEN")
	require.NoError(t, saveConfig(e["AIRCALL_CONFIG"], &Config{Profiles: map[string]*Profile{"default": {APIID: "x", APIToken: "y", BaseURL: s.URL()}}}))
	require.NoError(t, os.Chmod(e["AIRCALL_CONFIG"], 0o644))
	r := e.run(t, "", "auth", "status")
	assert.Contains(t, r.err, "readable by others")
	assert.NotContains(t, r.out+r.err, `"y"`)
}

func TestCredentials_explicitProfileWinsOverTheEnvironment(t *testing.T) {
	t.Parallel()
	e, _ := fakeEnv(t)
	require.NoError(t, saveConfig(e["AIRCALL_CONFIG"], &Config{Profiles: map[string]*Profile{"other": {AccessToken: "tok", BaseURL: e["AIRCALL_BASE_URL"]}}}))
	r := e.run(t, "", "auth", "status", "--profile", "other", "--json")
	assert.Equal(t, ExitAuth, r.code, "the fake refuses the profile's token")
	assert.Contains(t, r.out, `"source": "profile other`)
	assert.NotContains(t, r.out+r.err, `"tok"`)
	r = e.run(t, "", "auth", "status", "--profile", "missing")
	assert.Equal(t, ExitAuth, r.code)
	assert.Contains(t, r.err, `no profile "missing"`)
}
