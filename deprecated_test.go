package aircall

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The retired v1 user methods carry the standard "Deprecated:" paragraph
// (which staticcheck's SA1019 reports to callers) and name their v2
// replacement; the v1 methods with no v2 equivalent do not.
func TestUsersV1_retiredMethodsAreDeprecated(t *testing.T) {
	t.Parallel()
	f, err := parser.ParseFile(token.NewFileSet(), "users.go", nil, parser.ParseComments)
	require.NoError(t, err)
	docs := map[string]string{}
	for _, d := range f.Decls {
		if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv != nil && fn.Doc != nil {
			if star, ok := fn.Recv.List[0].Type.(*ast.StarExpr); ok && star.X.(*ast.Ident).Name == "UsersService" {
				docs[fn.Name.Name] = fn.Doc.Text()
			}
		}
	}
	for _, m := range []string{"List", "ListIter", "Get", "Create", "Update"} {
		assert.Contains(t, docs[m], "\nDeprecated: ", m)
		assert.Contains(t, docs[m], "UsersV2Service."+m, m)
	}
	for _, m := range []string{"Delete", "ListAvailabilities", "ListAvailabilitiesIter", "GetAvailability", "StartCall", "Dial"} {
		require.Contains(t, docs, m)
		assert.NotContains(t, docs[m], "Deprecated:", m)
	}
	var both strings.Builder
	for _, name := range []string{"users.go", "users_v2.go"} {
		b, err := os.ReadFile(name)
		require.NoError(t, err)
		both.Write(b)
	}
	assert.Equal(t, 1, strings.Count(both.String(), "2026-09-30"), "the retirement is stated once, on UsersService")
}
