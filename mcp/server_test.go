package aircallmcp

import (
	"strings"
	"testing"

	"github.com/aircall-go/aircall"
	"github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestToolsets(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOpts{cfg: Config{Toolsets: []string{"contacts, users"}}})
	assert.ElementsMatch(t, []string{"find_contacts", "get_contact", "list_users", "get_user"}, h.toolNames())

	_, err := New(&aircall.Client{}, Config{Toolsets: []string{"calls", "faxes"}})
	require.ErrorContains(t, err, `unknown toolset "faxes"`)
	_, err = New(nil, Config{})
	require.Error(t, err)
}

func TestReadOnlyIsTheDefault(t *testing.T) {
	t.Parallel()
	ro := newHarness(t, harnessOpts{})
	rw := newHarness(t, harnessOpts{cfg: Config{AllowWrites: true}})
	roNames, rwNames := ro.toolNames(), rw.toolNames()
	assert.Less(t, len(roNames), len(rwNames))
	for tool, err := range ro.cs.Tools(t.Context(), nil) {
		require.NoError(t, err)
		assert.True(t, tool.Annotations.ReadOnlyHint || tool.Name == "execute_operation", "%s is listed in read-only mode", tool.Name)
	}
	for tool, err := range rw.cs.Tools(t.Context(), nil) {
		require.NoError(t, err)
		if strings.HasPrefix(tool.Name, "delete_") {
			assert.True(t, *tool.Annotations.DestructiveHint, tool.Name)
		}
	}
	assert.Contains(t, ro.cs.InitializeResult().Instructions, "read-only")
}

// TestSecretsNeverLeave: should a secret ever reach a tool result (here an
// API error echoing it), the client sees it redacted.
func TestSecretsNeverLeave(t *testing.T) {
	t.Parallel()
	const secret = "s3cr3t-api-token-value"
	h := newHarness(t, harnessOpts{cfg: Config{Secrets: []string{secret}}})
	h.seed()
	res := h.call("find_contacts", map[string]any{"email": secret + "@example.com"})
	assert.NotContains(t, text(res), secret)
	assert.NotContains(t, mustJSON(t, res), secret)

	r := &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: "token " + secret}}, StructuredContent: map[string]any{"x": secret}}
	h.srv.redactResult(r)
	assert.Equal(t, "token [redacted]", r.Content[0].(*mcp.TextContent).Text)
	assert.NotContains(t, mustJSON(t, r), secret)
}

func TestClientFromEnv(t *testing.T) {
	t.Parallel()
	env := func(kv ...string) func(string) string {
		m := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return func(k string) string { return m[k] }
	}
	c, secrets, err := ClientFromEnv(env(EnvAPIID, "id123", EnvAPIToken, "tok-very-secret", EnvBaseURL, "http://127.0.0.1:9"))
	require.NoError(t, err)
	assert.Equal(t, "http://127.0.0.1:9/", c.BaseURL())
	assert.Contains(t, secrets, "tok-very-secret")
	assert.NotContains(t, c.String(), "tok-very-secret")

	_, secrets, err = ClientFromEnv(env(EnvAccessToken, "bearer-very-secret"))
	require.NoError(t, err)
	assert.Equal(t, []string{"bearer-very-secret"}, secrets)

	_, _, err = ClientFromEnv(env())
	require.ErrorContains(t, err, "no Aircall credential")
	_, _, err = ClientFromEnv(env(EnvAPIID, "only-the-id-value"))
	require.ErrorContains(t, err, EnvAPIToken)
	assert.NotContains(t, err.Error(), "only-the-id-value")
	_, _, err = ClientFromEnv(env(EnvAccessToken, "bearer-very-secret", EnvBaseURL, "http://api.example.com"))
	require.Error(t, err, "plain http only for loopback")
	assert.NotContains(t, err.Error(), "bearer-very-secret")
}
