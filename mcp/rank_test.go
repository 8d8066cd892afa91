package aircallmcp

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sourceOps reads the operations from the SDK's //aircall:operation
// directives and doc comments (what the catalogue is generated from).
func sourceOps(t *testing.T) []opDoc {
	t.Helper()
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, "..", func(fi fs.FileInfo) bool {
		return !strings.HasSuffix(fi.Name(), "_test.go")
	}, parser.ParseComments)
	require.NoError(t, err)
	seen := map[string]bool{}
	var ops []opDoc
	for _, p := range pkgs {
		for _, f := range p.Files {
			for _, d := range f.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok || fd.Doc == nil || fd.Recv == nil {
					continue
				}
				doc := fd.Doc.Text()
				for _, c := range fd.Doc.List {
					m, path, found := strings.Cut(strings.TrimPrefix(c.Text, "//aircall:operation "), " ")
					if !found || !strings.HasPrefix(c.Text, "//aircall:operation") || seen[m+path] {
						continue
					}
					seen[m+path] = true
					recv := fmt.Sprint(fd.Recv.List[0].Type.(*ast.StarExpr).X)
					summary, _, _ := strings.Cut(doc, ". ")
					ops = append(ops, opDoc{
						ID:     strings.ToLower(strings.TrimSuffix(recv, "Service")) + "." + snake(fd.Name.Name),
						Method: m, Path: path, Summary: summary, Description: doc, Service: recv,
					})
				}
			}
		}
	}
	require.Greater(t, len(ops), 60)
	return ops
}

func snake(s string) string {
	var b strings.Builder
	for i, r := range s {
		if i > 0 && r >= 'A' && r <= 'Z' {
			b.WriteByte('_')
		}
		b.WriteRune(r | 0x20)
	}
	return b.String()
}

// intents are what users write, with the operation (method and path) that
// must come first.
var intents = []struct{ query, want string }{
	{"place an outbound call", "POST /v1/users/:id/calls"},
	{"dial a number for an agent", "POST /v1/users/:id/dial"},
	{"send an SMS", "POST /v1/numbers/:id/messages/send"},
	{"list calls from the last 24 hours", "GET /v1/calls"},
	{"search a contact by phone number", "GET /v1/contacts/search"},
	{"pause the recording", "POST /v1/calls/:id/pause_recording"},
	{"add a tag to a call", "POST /v1/calls/:id/tags"},
	{"comment on a call", "POST /v1/calls/:id/comments"},
	{"get a call's transcript", "GET /v1/calls/:id/transcription"},
	{"register a webhook", "POST /v1/webhooks"},
	// More, as agents phrase them.
	{"Place an outbound call from a specific user", "POST /v1/users/:id/calls"},
	{"I want to send an SMS through Aircall", "POST /v1/numbers/:id/messages/send"},
	{"Search for a contact by phone number", "GET /v1/contacts/search"},
	{"resume call recording", "POST /v1/calls/:id/resume_recording"},
	{"transfer a call to a colleague", "POST /v1/calls/:id/transfers"},
	{"send a WhatsApp message", "POST /v1/messages/send/whatsapp/native|POST /v1/messages/whatsapp/send"},
	{"summarize a call", "GET /v1/calls/:id/summary"},
	{"delete a webhook", "DELETE /v1/webhooks/:id"},
	{"create a contact", "POST /v1/contacts"},
	{"list users", "GET /v1/users"},
	{"who is available", "GET /v1/users/availabilities|GET /v1/users/:id/availability"},
	{"create a tag", "POST /v1/tags"},
	{"find calls by tag", "GET /v1/calls/search"},
	{"archive a call", "PUT /v1/calls/:id/archive"},
	{"check whatsapp line status", "GET /v1/numbers/:id/whatsapp_status"},
	{"list phone numbers", "GET /v1/numbers"},
	{"register a webhook on inbound SMS", "POST /v1/webhooks"},
	{"exchange an authorization code for an OAuth access token", "POST /v1/oauth/token"},
	{"search calls for a user from yesterday", "GET /v1/calls/search"},
	{"retag a call", "POST /v1/calls/:id/tags"},
	{"get a call", "GET /v1/calls/:id"},
	{"delete a contact", "DELETE /v1/contacts/:id"},
	{"update a contact", "POST /v1/contacts/:id"},
	{"what are the topics of a call", "GET /v1/calls/:id/topics"},
	{"text a customer", "POST /v1/numbers/:id/messages/send"},
	{"get the company", "GET /v1/company"},
	{"make a call", "POST /v1/users/:id/calls"},
}

func TestRankingOnIntents(t *testing.T) {
	t.Parallel()
	r := newRanker(sourceOps(t))
	top1 := 0
	for _, in := range intents {
		got := r.rank(in.query, 5)
		require.NotEmpty(t, got, in.query)
		var ids []string
		for _, s := range got {
			ids = append(ids, fmt.Sprintf("%s %s (%.1f)", s.doc.Method, s.doc.Path, s.score))
		}
		if assert.Contains(t, strings.Split(in.want, "|"), got[0].doc.Method+" "+got[0].doc.Path, "%q ranked:\n%s", in.query, strings.Join(ids, "\n")) {
			top1++
		}
	}
	t.Logf("top-1 on %d/%d intents", top1, len(intents))
}

func TestRankingIgnoresNoise(t *testing.T) {
	t.Parallel()
	r := newRanker(sourceOps(t))
	assert.Empty(t, r.rank("", 5))
	assert.Empty(t, r.rank("the of a to", 5))
	assert.Empty(t, r.rank("zebra quantum", 5))
	for _, s := range r.rank("list calls", 10) {
		assert.NotEqual(t, "DELETE", s.doc.Method, "a deletion is never offered for a listing")
	}
}
