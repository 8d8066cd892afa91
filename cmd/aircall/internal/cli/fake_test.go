package cli

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// serveFake runs "aircall fake serve args..." until the test ends and
// returns the lines it printed on standard output once it was ready.
func serveFake(t *testing.T, args ...string) []string {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	ready := make(chan struct{})
	io, out, errb := newEnv(t).io("")
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, append([]string{"fake", "serve", "--addr", "127.0.0.1:0"}, args...), io, func(a *App) {
			a.served = func(*aircalltest.Server) { close(ready) }
		})
	}()
	select {
	case <-ready:
	case code := <-done:
		t.Fatalf("fake serve exited with %d: %s", code, errb.String())
	}
	t.Cleanup(func() {
		cancel()
		assert.Equal(t, ExitOK, <-done, errb.String())
	})
	return strings.Split(strings.TrimSpace(out.String()), "\n")
}

func TestFakeServe_plainHTTPClient(t *testing.T) {
	t.Parallel()
	lines := serveFake(t, "--demo", "--calls", "100")
	base := lines[0]
	require.True(t, strings.HasPrefix(base, "http://127.0.0.1:"), base)
	assert.Equal(t, []string{
		"export AIRCALL_BASE_URL=" + base,
		"export AIRCALL_API_ID=" + aircalltest.DefaultAPIID,
		"export AIRCALL_API_TOKEN=" + aircalltest.DefaultAPIToken,
	}, lines[1:])

	get := func(path string, auth bool) (int, map[string]any) {
		req, err := http.NewRequestWithContext(t.Context(), "GET", base+path, nil)
		require.NoError(t, err)
		if auth {
			req.SetBasicAuth(aircalltest.DefaultAPIID, aircalltest.DefaultAPIToken)
		}
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		var body map[string]any
		b, _ := io.ReadAll(resp.Body)
		require.NoError(t, json.Unmarshal(b, &body), string(b))
		return resp.StatusCode, body
	}
	code, body := get("/v1/calls?per_page=1", true)
	require.Equal(t, http.StatusOK, code)
	assert.EqualValues(t, 130, body["meta"].(map[string]any)["total"], "30 demo calls and 100 generated")
	code, _ = get("/v1/calls", false)
	assert.Equal(t, http.StatusForbidden, code)

	resp, err := http.Post(base+"/_aircalltest/faults", "application/json", strings.NewReader(`{"path": "/v1/company", "status": 503, "times": 1}`))
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusCreated, resp.StatusCode)
	code, _ = get("/v1/company", true)
	assert.Equal(t, http.StatusServiceUnavailable, code)
	code, body = get("/_aircalltest/stats", false)
	assert.Equal(t, http.StatusOK, code)
	assert.EqualValues(t, 1, body["faults"])
}

func TestFakeServe_drivenByTheSDK(t *testing.T) {
	t.Parallel()
	lines := serveFake(t, "--demo", "--rate", "0")
	client, err := aircall.NewClient(aircall.WithBaseURL(lines[0]), aircall.WithBasicAuth(aircalltest.DefaultAPIID, aircalltest.DefaultAPIToken), aircall.WithoutRateLimit())
	require.NoError(t, err)
	call, _, err := client.Calls.Get(t.Context(), aircalltest.DemoCallID, nil)
	require.NoError(t, err)
	assert.Equal(t, "John Doe", call.User.Name)
	_, resp, err := client.Company.Get(t.Context())
	require.NoError(t, err)
	assert.Zero(t, resp.Rate.Limit, "--rate 0 turns rate limiting off")
}

func TestFakeServe_theCommandLineAgainstIt(t *testing.T) {
	t.Parallel()
	lines := serveFake(t, "--demo")
	e := newEnv(t)
	for _, l := range lines[1:] {
		k, v, _ := strings.Cut(strings.TrimPrefix(l, "export "), "=")
		e[k] = v
	}
	r := e.run(t, "", "api", "/v1/users/456", "--jq", ".user.name")
	require.Equal(t, ExitOK, r.code, r.err)
	assert.Equal(t, "John Doe\n", r.out)
}

func TestFakeServe_badFlags(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	assert.Equal(t, ExitUsage, e.run(t, "", "fake", "serve", "--meter", "bucket").code)
	assert.Equal(t, ExitUsage, e.run(t, "", "fake", "serve", "--calls", "-1").code)
}

func TestFakeServe_leakyMeter(t *testing.T) {
	t.Parallel()
	lines := serveFake(t, "--meter", "leaky", "--rate", "5", "--window", "10s")
	resp, err := http.Get(lines[0] + "/_aircalltest")
	require.NoError(t, err)
	defer resp.Body.Close()
	var info aircalltest.ControlInfo
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&info))
	assert.Equal(t, "leaky", info.Meter)
	assert.Equal(t, 5, info.RateLimit)
	assert.Equal(t, "10s", info.Window)
}
