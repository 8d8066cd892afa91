package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	aircallmcp "github.com/aircall-go/aircall/mcp"
	"github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBinaryOverStdio builds the command and talks MCP to it over stdio,
// the way Claude Desktop or Cursor do, with the Aircall API played by an
// aircalltest server on a loopback port.
func TestBinaryOverStdio(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "aircall-mcp")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Stderr = os.Stderr
	require.NoError(t, build.Run())

	fake := aircalltest.NewServer()
	t.Cleanup(fake.Close)
	fake.AddCall(aircall.Call{Direction: aircall.CallInbound, RawDigits: "+14155551234"})

	var stderr bytes.Buffer
	cmd := exec.Command(bin, "-toolsets", "calls,operations")
	cmd.Env = []string{
		"PATH=" + os.Getenv("PATH"),
		"AIRCALL_API_ID=" + aircalltest.DefaultAPIID,
		"AIRCALL_API_TOKEN=" + aircalltest.DefaultAPIToken,
		"AIRCALL_BASE_URL=" + fake.URL(),
	}
	cmd.Stderr = &stderr
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cs, err := mcp.NewClient(&mcp.Implementation{Name: "e2e", Version: "v0"}, nil).
		Connect(ctx, &mcp.CommandTransport{Command: cmd}, nil)
	require.NoError(t, err)

	var names []string
	for tool, err := range cs.Tools(ctx, nil) {
		require.NoError(t, err)
		names = append(names, tool.Name)
	}
	assert.Contains(t, names, "list_calls")
	assert.NotContains(t, names, "start_call", "read-only by default")
	assert.NotContains(t, names, "find_contacts", "toolsets")

	res, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: "list_calls", Arguments: map[string]any{"limit": 5}})
	require.NoError(t, err)
	require.False(t, res.IsError)
	var list aircallmcp.CallList
	b, _ := json.Marshal(res.StructuredContent)
	require.NoError(t, json.Unmarshal(b, &list))
	require.Len(t, list.Calls, 1)
	assert.Equal(t, "+14155551234", list.Calls[0].ExternalPhone)

	res, err = cs.CallTool(ctx, &mcp.CallToolParams{Name: "search_operations", Arguments: map[string]any{"query": "place an outbound call"}})
	require.NoError(t, err)
	var found aircallmcp.OperationMatches
	b, _ = json.Marshal(res.StructuredContent)
	require.NoError(t, json.Unmarshal(b, &found))
	require.NotEmpty(t, found.Operations)
	assert.Equal(t, "users.start_call", found.Operations[0].ID)
	before := fake.Stats().Requests
	res, err = cs.CallTool(ctx, &mcp.CallToolParams{Name: "execute_operation", Arguments: map[string]any{
		"operation_id": "users.start_call", "arguments": map[string]any{"id": 1, "number_id": 1, "to": "+14155551234"}}})
	require.NoError(t, err)
	assert.True(t, res.IsError, "read-only")
	assert.Equal(t, before, fake.Stats().Requests)

	require.NoError(t, cs.Close())
	assert.Contains(t, stderr.String(), "serving on stdio")
	assert.NotContains(t, stderr.String(), aircalltest.DefaultAPIToken, "the credential is never logged")
}

func TestHTTPNeedsTheServersOwnToken(t *testing.T) {
	t.Parallel()
	fake := aircalltest.NewServer(aircalltest.InMemory())
	t.Cleanup(fake.Close)
	srv, err := aircallmcp.New(fake.Client(), aircallmcp.Config{})
	require.NoError(t, err)
	const token = "0123456789abcdef0123456789abcdef"
	ts := httptest.NewServer(Handler(srv.MCP(), token))
	t.Cleanup(ts.Close)

	for _, auth := range []string{"", "Bearer wrong", "Basic " + token} {
		req, _ := http.NewRequest(http.MethodPost, ts.URL+"/mcp", strings.NewReader(`{"jsonrpc":"2.0","id":1,"method":"ping"}`))
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusUnauthorized, resp.StatusCode, auth)
	}

	hc := &http.Client{Transport: bearer{token, http.DefaultTransport}}
	ctx := t.Context()
	cs, err := mcp.NewClient(&mcp.Implementation{Name: "http", Version: "v0"}, nil).
		Connect(ctx, &mcp.StreamableClientTransport{Endpoint: ts.URL + "/mcp", HTTPClient: hc, DisableStandaloneSSE: true}, nil)
	require.NoError(t, err)
	defer cs.Close()
	res, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: "list_users", Arguments: map[string]any{}})
	require.NoError(t, err)
	assert.False(t, res.IsError)
}

// TestHTTPConfirmation: over streamable HTTP too, a call reaches the fake
// only after the user accepted, on both protocol generations.
func TestHTTPConfirmation(t *testing.T) {
	t.Parallel()
	for _, version := range []string{"", "2025-06-18"} {
		fake := aircalltest.NewServer(aircalltest.InMemory())
		t.Cleanup(fake.Close)
		num := fake.AddNumber(aircall.Number{Name: "Sales"})
		user := fake.AddUser(aircall.User{Name: "Rep One", Numbers: []*aircall.Number{{ID: num.ID}}})
		srv, err := aircallmcp.New(fake.Client(), aircallmcp.Config{AllowWrites: true, StartCallWait: -1})
		require.NoError(t, err)
		const token = "0123456789abcdef0123456789abcdef"
		ts := httptest.NewServer(Handler(srv.MCP(), token))
		t.Cleanup(ts.Close)
		answers := []string{"decline", "accept"}
		client := mcp.NewClient(&mcp.Implementation{Name: "http", Version: "v0"}, &mcp.ClientOptions{
			ElicitationHandler: func(context.Context, *mcp.ElicitRequest) (*mcp.ElicitResult, error) {
				a := answers[0]
				answers = answers[1:]
				return &mcp.ElicitResult{Action: a, Content: map[string]any{"confirm": a == "accept"}}, nil
			},
		})
		cs, err := client.Connect(t.Context(), &mcp.StreamableClientTransport{Endpoint: ts.URL + "/mcp",
			HTTPClient: &http.Client{Transport: bearer{token, http.DefaultTransport}}}, &mcp.ClientSessionOptions{ProtocolVersion: version})
		require.NoError(t, err)
		args := map[string]any{"user_id": user.ID, "to": "+14155551234", "number_id": num.ID}
		res, err := cs.CallTool(t.Context(), &mcp.CallToolParams{Name: "start_call", Arguments: args})
		require.NoError(t, err)
		assert.True(t, res.IsError, version)
		assert.Empty(t, fake.Dials(), version)
		res, err = cs.CallTool(t.Context(), &mcp.CallToolParams{Name: "start_call", Arguments: args})
		require.NoError(t, err)
		assert.False(t, res.IsError, version)
		assert.Len(t, fake.Dials(), 1, version)
		require.NoError(t, cs.Close())
	}
}

type bearer struct {
	token string
	next  http.RoundTripper
}

func (b bearer) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+b.token)
	return b.next.RoundTrip(r)
}

func TestRunRefusals(t *testing.T) {
	t.Parallel()
	env := map[string]string{"AIRCALL_ACCESS_TOKEN": "aircall-access-token-0123456789"}
	getenv := func(k string) string { return env[k] }
	var out, errw bytes.Buffer
	run1 := func(args ...string) error {
		return run(t.Context(), args, getenv, strings.NewReader(""), &out, &errw)
	}
	require.ErrorContains(t, run1("-read-only", "-allow-writes"), "contradict")
	require.ErrorContains(t, run1("-read-only=false"), "pass -allow-writes")
	require.ErrorContains(t, run1("-http", "127.0.0.1:0"), "AIRCALL_MCP_HTTP_TOKEN")
	require.ErrorContains(t, run1("-toolsets", "faxes"), "unknown toolset")
	require.ErrorContains(t, run(t.Context(), nil, func(string) string { return "" }, strings.NewReader(""), &out, &errw), "no Aircall credential")

	env["AIRCALL_MCP_HTTP_TOKEN"] = env["AIRCALL_ACCESS_TOKEN"]
	err := run1("-http", "127.0.0.1:0")
	require.ErrorContains(t, err, "must not be the Aircall credential")
	assert.NotContains(t, err.Error(), env["AIRCALL_ACCESS_TOKEN"])

	out.Reset()
	require.NoError(t, run1("-list-tools", "-allow-writes"))
	assert.Contains(t, out.String(), "start_call")
	out.Reset()
	require.NoError(t, run1("-list-tools"))
	assert.NotContains(t, out.String(), "start_call")
	assert.NotContains(t, errw.String(), env["AIRCALL_ACCESS_TOKEN"])
}
