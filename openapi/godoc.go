package openapi

import (
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
)

// coreDir is the SDK's source: this module's parent directory, found from
// this file's path so the generator runs from any directory.
func coreDir() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return ".."
	}
	return filepath.Join(filepath.Dir(file), "..")
}

// goDocs holds the doc comments of the SDK's types and of their fields:
// the components' descriptions.
type goDocs struct {
	types  map[string]string
	fields map[string]map[string]string // type -> Go field -> doc
	events map[string]string            // event name -> its EventType constant's doc
	values map[string][]string          // string type -> the values of its constants
}

func readGoDocs() (*goDocs, error) {
	files, err := filepath.Glob(filepath.Join(coreDir(), "*.go"))
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	var parsed []*ast.File
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(fset, f, nil, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		parsed = append(parsed, af)
	}
	pkg, err := doc.NewFromFiles(fset, parsed, "github.com/aircall-go/aircall")
	if err != nil {
		return nil, err
	}
	d := &goDocs{types: map[string]string{}, fields: map[string]map[string]string{}, events: map[string]string{}, values: map[string][]string{}}
	for _, t := range pkg.Types {
		d.types[t.Name] = plain(t.Doc)
		if t.Name == "EventType" {
			d.addEvents(t.Consts)
		}
		for _, g := range t.Consts {
			for _, spec := range g.Decl.Specs {
				if v, ok := stringConst(spec); ok {
					d.values[t.Name] = append(d.values[t.Name], v)
				}
			}
		}
		for _, spec := range t.Decl.Specs {
			ts, ok := spec.(*ast.TypeSpec)
			if !ok {
				continue
			}
			st, ok := ts.Type.(*ast.StructType)
			if !ok {
				continue
			}
			fields := map[string]string{}
			for _, f := range st.Fields.List {
				if f.Doc == nil {
					continue
				}
				for _, n := range f.Names {
					fields[n.Name] = plain(f.Doc.Text())
				}
			}
			d.fields[ts.Name.Name] = fields
		}
	}
	return d, nil
}

// plain joins a doc comment's lines into paragraphs.
func plain(text string) string {
	var paras []string
	for _, p := range strings.Split(strings.TrimSpace(text), "\n\n") {
		paras = append(paras, strings.Join(strings.Fields(p), " "))
	}
	return strings.Join(paras, "\n\n")
}

// addEvents reads the doc comments of the EventType constants, with their
// group's comment when they have none of their own.
func (d *goDocs) addEvents(groups []*doc.Value) {
	for _, g := range groups {
		for _, spec := range g.Decl.Specs {
			v, ok := stringConst(spec)
			if !ok {
				continue
			}
			text := g.Doc
			if vs := spec.(*ast.ValueSpec); vs.Doc != nil {
				text = vs.Doc.Text()
			}
			d.events[v] = plain(text)
		}
	}
}

// stringConst reads a constant declared with one string literal.
func stringConst(spec ast.Spec) (string, bool) {
	vs, ok := spec.(*ast.ValueSpec)
	if !ok || len(vs.Values) != 1 {
		return "", false
	}
	lit, ok := vs.Values[0].(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	v, err := strconv.Unquote(lit.Value)
	return v, err == nil
}
