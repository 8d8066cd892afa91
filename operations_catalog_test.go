package aircall

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/aircall-go/aircall/internal/catalog"
	"github.com/aircall-go/aircall/internal/fixture"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOperationCatalogueIsFresh regenerates the catalogue in memory and
// fails when zz_operations_gen.go differs: run `go generate` at the root.
func TestOperationCatalogueIsFresh(t *testing.T) {
	t.Parallel()
	root, err := fixture.Root()
	require.NoError(t, err)
	want, err := catalog.Generate(root)
	require.NoError(t, err)
	got, err := os.ReadFile(filepath.Join(root, "zz_operations_gen.go"))
	require.NoError(t, err)
	if string(got) != string(want) {
		t.Fatal("zz_operations_gen.go is stale: run `go generate ./...` at the module root")
	}
}

// TestOperationCatalogue checks the catalogue against the directives and
// its own invariants.
func TestOperationCatalogue(t *testing.T) {
	t.Parallel()
	ops := Operations()
	directives := sdkOperations(t)
	require.Len(t, ops, len(directives), "one operation per directive")
	assert.True(t, sort.SliceIsSorted(ops, func(i, j int) bool { return ops[i].ID < ops[j].ID }), "sorted by ID")
	for _, op := range ops {
		t.Run(op.ID, func(t *testing.T) {
			fns := directives[op.Method+" "+op.Path]
			sort.Strings(fns)
			assert.Equal(t, fns, op.GoMethods, "the methods carrying the directive")
			assert.Regexp(t, `^[a-z0-9_]+\.[a-z0-9_]+$`, op.ID)
			assert.NotEmpty(t, op.Summary)
			assert.Contains(t, []string{"documented", "guides", "secondary", "undocumented"}, op.Confidence)
			assert.Equal(t, op.Method == "GET", op.ReadOnly)
			got, ok := OperationByID(op.ID)
			assert.True(t, ok)
			assert.Equal(t, op.Path, got.Path)

			var schema struct {
				Schema     string                     `json:"$schema"`
				Type       string                     `json:"type"`
				Properties map[string]json.RawMessage `json:"properties"`
				Required   []string                   `json:"required"`
				Additional bool                       `json:"additionalProperties"`
			}
			require.NoError(t, json.Unmarshal(op.InputSchema, &schema))
			assert.Equal(t, "https://json-schema.org/draft/2020-12/schema", schema.Schema)
			assert.Equal(t, "object", schema.Type)
			assert.False(t, schema.Additional)
			var names, required []string
			for _, p := range op.Params {
				names = append(names, p.Name)
				assert.Contains(t, []string{"path", "query", "body"}, p.In)
				assert.NotEmpty(t, p.Type, p.Name)
				if p.Required {
					required = append(required, p.Name)
				}
			}
			assert.Len(t, schema.Properties, len(names), "one property per parameter")
			for _, n := range names {
				assert.Contains(t, schema.Properties, n)
			}
			assert.ElementsMatch(t, required, schema.Required)
			for _, seg := range strings.Split(op.Path, "/") {
				if name, ok := strings.CutPrefix(seg, ":"); ok {
					assert.Contains(t, required, name, "path parameter")
				}
			}
		})
	}
	_, ok := OperationByID("calls.nope")
	assert.False(t, ok)
}

func TestOperationCatalogue_examples(t *testing.T) {
	t.Parallel()
	for id, want := range map[string]struct {
		path                                 string
		readOnly, destructive, reachesPerson bool
		response, key                        string
		paginated                            bool
	}{
		"calls.get":               {path: "/v1/calls/:id", readOnly: true, response: "*Call", key: "call"},
		"calls.list":              {path: "/v1/calls", readOnly: true, response: "[]*Call", key: "calls", paginated: true},
		"calls.search":            {path: "/v1/calls/search", readOnly: true, response: "[]*Call", key: "calls", paginated: true},
		"calls.add_tags":          {path: "/v1/calls/:id/tags"},
		"contacts.delete":         {path: "/v1/contacts/:id", destructive: true},
		"users.start_call":        {path: "/v1/users/:id/calls", reachesPerson: true},
		"users.dial":              {path: "/v1/users/:id/dial", reachesPerson: true},
		"messaging.send":          {path: "/v1/numbers/:id/messages/send", reachesPerson: true, response: "*Message"},
		"whatsapp.send":           {path: "/v1/messages/whatsapp/send", reachesPerson: true, response: "*Message"},
		"tags.update":             {path: "/v1/tags/:id", destructive: true, response: "*Tag", key: "tag"},
		"dialer_campaigns.create": {path: "/v1/users/:user_id/dialer_campaign"},
	} {
		op, ok := OperationByID(id)
		require.True(t, ok, id)
		assert.Equal(t, want.path, op.Path, id)
		assert.Equal(t, want.readOnly, op.ReadOnly, id)
		assert.Equal(t, want.destructive, op.Destructive, id)
		assert.Equal(t, want.reachesPerson, op.ReachesPerson, id)
		assert.Equal(t, want.response, op.Response, id)
		assert.Equal(t, want.key, op.ResponseKey, id)
		assert.Equal(t, want.paginated, op.Paginated, id)
	}
	op, _ := OperationByID("calls.add_tags")
	require.Len(t, op.Params, 2)
	assert.Equal(t, Param{Name: "tags", In: "body", Type: "array", Required: true,
		Description: op.Params[1].Description}, op.Params[1])
	op, _ = OperationByID("teams.get")
	assert.Equal(t, []int{403, 404}, op.Errors, "from the reference's code table")
}

func TestMatchOperation(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ method, path, want string }{
		{"GET", "/v1/calls/42", "calls.get"},
		{"GET", "/v1/calls/42?fetch_contact=true", "calls.get"},
		{"GET", "/v1/calls", "calls.list"},
		{"GET", "/v1/calls/", "calls.list"},
		{"GET", "/v1/calls/search?direction=inbound", "calls.search"},
		{"POST", "/v1/calls/42/tags", "calls.add_tags"},
		{"GET", "/v1/users/availabilities", "users.list_availabilities"},
		{"GET", "/v1/users/456/availability", "users.get_availability"},
		{"GET", "/v1/users/456", "users.get"},
		{"DELETE", "/v1/users/456/dialer_campaign/phone_numbers/9", "dialer_campaigns.delete_phone_number"},
		{"DELETE", "/v1/contacts/1/email_details/2", "contacts.delete_email"},
		{"GET", "/v2/users/456/numbers", "users_v2.list_numbers"},
		{"POST", "/v1/numbers/1234/messages/native/send", "messaging.send_in_agent_conversation"},
		{"PUT", "/v1/webhooks/1c850071-9f18", "webhooks.update"},
		{"GET", "https://api.aircall.io/v1/ping", "client.ping"},
		{"GET", "/v1/calls/42#x", "calls.get"},
		{"PATCH", "/v1/calls/42", ""},
		{"GET", "/v1/nothing", ""},
		{"GET", "/v1/calls/42/nothing", ""},
		{"GET", "", ""},
		{"GET", "//", ""},
	} {
		op, ok := MatchOperation(tc.method, tc.path)
		assert.Equal(t, tc.want != "", ok, "%s %s", tc.method, tc.path)
		assert.Equal(t, tc.want, op.ID, "%s %s", tc.method, tc.path)
	}
	for _, op := range Operations() {
		path := strings.NewReplacer(":id", "7", ":user_id", "8", ":team_id", "9", ":email_id", "10",
			":phone_number_id", "11", ":export_id", "abc", ":agent_id", "agent").Replace(op.Path)
		got, ok := MatchOperation(op.Method, path)
		assert.True(t, ok, path)
		assert.Equal(t, op.ID, got.ID, "%s %s", op.Method, path)
	}
}

// TestMatchOperation_noAllocation is not parallel: testing.AllocsPerRun
// refuses parallel tests.
func TestMatchOperation_noAllocation(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		MatchOperation("DELETE", "/v1/users/456/dialer_campaign/phone_numbers/9?x=1")
		MatchOperation("GET", "https://api.aircall.io/v1/calls/42")
	})
	assert.Zero(t, allocs, "MatchOperation allocates nothing")
}

func BenchmarkMatchOperation(b *testing.B) {
	for _, path := range []string{"/v1/calls/42?fetch_contact=true", "/v1/users/456/dialer_campaign/phone_numbers/9"} {
		b.Run(strings.ReplaceAll(path[1:], "/", "_"), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				MatchOperation("GET", path)
			}
		})
	}
}
