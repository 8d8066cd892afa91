// Package catalog builds the SDK's operation catalogue (zz_operations_gen.go)
// from the root package's source: the //aircall:operation directives, the
// methods' doc comments and signatures, and the Go types of their
// parameters. It uses the standard library only (go/ast, go/doc).
package catalog

import (
	"fmt"
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// pkg is what the generator knows of the root package.
type pkg struct {
	types   map[string]*typeInfo
	enums   map[string][]string // named type -> its string constants, in source order
	methods []*method
}

type typeInfo struct {
	name string
	expr ast.Expr
	doc  string
}

type method struct {
	recv, name string // "CallsService", "Get"; recv "Client" for client methods
	doc        string
	directive  string // "GET /v1/calls/:id"
	decl       *ast.FuncDecl
}

const directivePrefix = "//aircall:operation "

// load parses the non-test Go files of dir (file names do not matter).
func load(dir string) (*pkg, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	p := &pkg{types: map[string]*typeInfo{}, enums: map[string][]string{}}
	fset := token.NewFileSet()
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		if f.Name.Name != "aircall" {
			continue
		}
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.GenDecl:
				p.addGen(d)
			case *ast.FuncDecl:
				if m := newMethod(d); m != nil {
					p.methods = append(p.methods, m)
				}
			}
		}
	}
	return p, nil
}

func (p *pkg) addGen(d *ast.GenDecl) {
	switch d.Tok {
	case token.TYPE:
		for _, s := range d.Specs {
			ts := s.(*ast.TypeSpec)
			docGroup := ts.Doc
			if docGroup == nil && len(d.Specs) == 1 {
				docGroup = d.Doc
			}
			p.types[ts.Name.Name] = &typeInfo{name: ts.Name.Name, expr: ts.Type, doc: text(docGroup)}
		}
	case token.CONST:
		var typ string
		for _, s := range d.Specs {
			vs := s.(*ast.ValueSpec)
			if id, ok := vs.Type.(*ast.Ident); ok {
				typ = id.Name
			} else if vs.Type != nil || len(vs.Values) > 0 {
				typ = ""
			}
			if typ == "" {
				continue
			}
			for _, v := range vs.Values {
				if lit, ok := v.(*ast.BasicLit); ok && lit.Kind == token.STRING {
					if s, err := strconv.Unquote(lit.Value); err == nil {
						p.enums[typ] = append(p.enums[typ], s)
					}
				}
			}
		}
	}
}

func newMethod(d *ast.FuncDecl) *method {
	if d.Doc == nil {
		return nil
	}
	var directive string
	for _, c := range d.Doc.List {
		if op, ok := strings.CutPrefix(c.Text, directivePrefix); ok {
			directive = strings.TrimSpace(op)
		}
	}
	if directive == "" {
		return nil
	}
	m := &method{name: d.Name.Name, doc: text(d.Doc), directive: directive, decl: d}
	if d.Recv != nil {
		recv := d.Recv.List[0].Type
		if star, ok := recv.(*ast.StarExpr); ok {
			recv = star.X
		}
		m.recv = recv.(*ast.Ident).Name
	}
	return m
}

// text returns a doc comment's text without directives, one paragraph per
// blank line, lines joined with spaces inside a paragraph.
func text(g *ast.CommentGroup) string {
	if g == nil {
		return ""
	}
	var paras []string
	for _, para := range strings.Split(g.Text(), "\n\n") {
		para = strings.Join(strings.Fields(para), " ")
		if para != "" {
			paras = append(paras, para)
		}
	}
	return strings.Join(paras, "\n\n")
}

// summary is the first sentence of a doc comment, as go/doc finds it.
func summary(s string) string {
	var p doc.Package
	return p.Synopsis(s)
}

// exprString prints a type expression the way Go source spells it.
func exprString(e ast.Expr) string {
	switch t := e.(type) {
	case *ast.Ident:
		return t.Name
	case *ast.StarExpr:
		return "*" + exprString(t.X)
	case *ast.ArrayType:
		return "[]" + exprString(t.Elt)
	case *ast.MapType:
		return "map[" + exprString(t.Key) + "]" + exprString(t.Value)
	case *ast.SelectorExpr:
		return exprString(t.X) + "." + t.Sel.Name
	case *ast.IndexExpr:
		return exprString(t.X) + "[" + exprString(t.Index) + "]"
	case *ast.IndexListExpr:
		args := make([]string, len(t.Indices))
		for i, x := range t.Indices {
			args[i] = exprString(x)
		}
		return exprString(t.X) + "[" + strings.Join(args, ", ") + "]"
	case *ast.InterfaceType:
		return "any"
	}
	panic(fmt.Sprintf("catalog: unsupported type expression %T", e))
}
