package aircall

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// researchMarker matches the notes of the research the SDK was built from
// ("evidence [S]", "one peer", "secondary source", ...). Doc comments say
// where a shape comes from in one plain sentence instead (see the package
// overview, "How sure the SDK is of each shape").
var researchMarker = regexp.MustCompile(`\[(M|S|P|\?)\]|(?i)\bevidence\b|\bpeers?\b|secondary source|\bresearch\b|team spec|Riprock|dinistavares|Jentic`)

// TestDocComments_noResearchMarkers reads every doc comment go doc shows
// for the root package and aircalltest (package overview aside) and fails
// on a research marker.
func TestDocComments_noResearchMarkers(t *testing.T) {
	t.Parallel()
	for _, dir := range []string{".", "aircalltest"} {
		fset := token.NewFileSet()
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		require.NoError(t, err)
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
			require.NoError(t, err)
			for _, cg := range shownComments(f) {
				for _, line := range strings.Split(cg.Text(), "\n") {
					if researchMarker.MatchString(line) {
						assert.Failf(t, "research marker in a doc comment", "%s: %s", fset.Position(cg.Pos()), line)
					}
				}
			}
		}
	}
}

// shownComments returns the comments go doc -all shows for f: those of
// exported functions, methods and types, of their fields and methods, and
// of const and var declarations with an exported name.
func shownComments(f *ast.File) []*ast.CommentGroup {
	var out []*ast.CommentGroup
	add := func(cgs ...*ast.CommentGroup) {
		for _, cg := range cgs {
			if cg != nil {
				out = append(out, cg)
			}
		}
	}
	fields := func(fl *ast.FieldList) {
		if fl == nil {
			return
		}
		for _, fd := range fl.List {
			add(fd.Doc, fd.Comment)
		}
	}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Name.IsExported() && (d.Recv == nil || exportedRecv(d.Recv)) {
				add(d.Doc)
			}
		case *ast.GenDecl:
			shown := false
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					if !s.Name.IsExported() {
						continue
					}
					shown = true
					add(s.Doc, s.Comment)
					switch tt := s.Type.(type) {
					case *ast.StructType:
						fields(tt.Fields)
					case *ast.InterfaceType:
						fields(tt.Methods)
					}
				case *ast.ValueSpec:
					for _, n := range s.Names {
						if n.IsExported() {
							shown = true
						}
					}
					add(s.Doc, s.Comment)
				}
			}
			if shown {
				add(d.Doc)
			}
		}
	}
	return out
}

// exportedRecv reports whether a method's receiver type is exported.
func exportedRecv(recv *ast.FieldList) bool {
	t := recv.List[0].Type
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	if g, ok := t.(*ast.IndexExpr); ok {
		t = g.X
	}
	if g, ok := t.(*ast.IndexListExpr); ok {
		t = g.X
	}
	id, ok := t.(*ast.Ident)
	return ok && id.IsExported()
}
