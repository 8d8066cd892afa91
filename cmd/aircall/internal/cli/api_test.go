package cli

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAPI_getIsGolden(t *testing.T) {
	t.Parallel()
	e, _ := fakeEnv(t, aircalltest.WithDemoData())
	r := e.run(t, "", "api", "/v1/company")
	require.Equal(t, ExitOK, r.code, r.err)
	golden(t, "api_company.txt", r.out)
	r = e.run(t, "", "api", "GET", "v1/company", "--json")
	require.Equal(t, ExitOK, r.code, r.err)
	golden(t, "api_company.json", r.out)
}

func TestAPI_queryFieldsAndJQ(t *testing.T) {
	t.Parallel()
	e, _ := fakeEnv(t, aircalltest.WithDemoData())
	r := e.run(t, "", "api", "GET", "/v1/calls", "-f", "order=desc", "-F", "per_page=3", "--jq", ".calls[].id")
	require.Equal(t, ExitOK, r.code, r.err)
	assert.Equal(t, "841\n840\n839\n", r.out)
}

func TestAPI_postFieldsMakeAJSONBody(t *testing.T) {
	t.Parallel()
	e, s := fakeEnv(t)
	r := e.run(t, "", "api", "/v1/contacts", "-f", "first_name=Ada", "-f", "last_name=Lovelace",
		"-F", `phone_numbers=[{"label":"Work","value":"+33612345678"}]`, "--jq", ".contact.id")
	require.Equal(t, ExitOK, r.code, r.err)
	contacts, _, err := s.Client().Contacts.List(t.Context(), nil)
	require.NoError(t, err)
	require.Len(t, contacts, 1)
	assert.Equal(t, "Ada", contacts[0].FirstName)
	assert.Equal(t, strings.TrimSpace(r.out), jsonString(contacts[0].ID))
}

func jsonString(v any) string { b, _ := json.Marshal(v); return string(b) }

func TestAPI_paginateFollowsNextPageLink(t *testing.T) {
	t.Parallel()
	e, _ := fakeEnv(t, aircalltest.WithDemoData())
	r := e.run(t, "", "api", "/v1/calls", "-F", "per_page=10", "--paginate", "--jq", ".calls | length")
	require.Equal(t, ExitOK, r.code, r.err)
	assert.Equal(t, "10\n10\n10\n", r.out)
}

func TestAPI_errorsPrintTheBodyAndExitByStatus(t *testing.T) {
	t.Parallel()
	e, s := fakeEnv(t, aircalltest.WithDemoData())
	r := e.run(t, "", "api", "/v1/users/99999")
	assert.Equal(t, ExitNotFound, r.code)
	assert.Contains(t, r.out, "troubleshoot")
	assert.Contains(t, r.err, "404")

	s.Inject(aircalltest.Fault{Path: "/v1/company", Status: http.StatusTooManyRequests, Header: http.Header{"Retry-After": {"3600"}}})
	r = e.run(t, "", "api", "/v1/company")
	assert.Equal(t, ExitRateLimited, r.code, r.err)

	s.Inject(aircalltest.Fault{Path: "/v1/ping", Status: http.StatusUnprocessableEntity})
	r = e.run(t, "", "api", "/v1/ping")
	assert.Equal(t, ExitAPI, r.code, r.err)

	r = e.run(t, "", "api", "https://evil.example.com/v1/users")
	assert.Equal(t, ExitUsage, r.code, "the SDK keeps requests on the API host")
}

func TestAPI_inputFromStdin(t *testing.T) {
	t.Parallel()
	e, s := fakeEnv(t)
	r := e.run(t, `{"name": "VIP", "color": "#FF0000"}`, "api", "POST", "/v1/tags", "--input", "-", "--jq", ".tag.name")
	require.Equal(t, ExitOK, r.code, r.err)
	assert.Equal(t, "VIP\n", r.out)
	tags, _, err := s.Client().Tags.List(t.Context(), nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"VIP"}, []string{tags[0].Name})
	r = e.run(t, `{not json`, "api", "POST", "/v1/tags", "--input", "-")
	assert.Equal(t, ExitUsage, r.code)
}

func TestNoSecretInAnyOutput(t *testing.T) {
	t.Parallel()
	e, _ := secretFake(t)
	for _, args := range [][]string{
		{"auth", "status"}, {"auth", "status", "--json"}, {"api", "/v1/company", "-i"}, {"api", "/v1/company", "-v"},
		{"api", "/v1/nothing", "-v"}, {"api", "/v1/users", "--json", "--verbose"},
	} {
		r := e.run(t, "", args...)
		assert.NotContains(t, r.out+r.err, secretToken, "%v", args)
		assert.NotContains(t, r.out+r.err, "api-id-1234567", "%v", args)
	}
	_ = aircall.ErrNotFound
}
