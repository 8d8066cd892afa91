package catalog

import (
	"bufio"
	"bytes"
	"fmt"
	"go/ast"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// op is one operation being generated.
type op struct {
	id, method, path, service      string
	summary, description           string
	goMethods                      []string
	primary                        *method
	params                         []param
	args                           []arg // how Invoke fills the primary method's arguments
	request, response, responseKey string
	paginated                      bool
	errors                         []int
	readOnly, destructive          bool
	idempotent, reachesPerson      bool
	confidence                     string
	input                          *schema
}

type param struct {
	name, in, typ, format, description string
	required                           bool
	enum                               []string
}

// arg is one argument of the primary method after ctx.
type arg struct {
	kind   string // "path", "field" (one body member), "query", "body"
	key    string // args key for path and field
	goType string // Go type spelling
	elem   string // for query and body: the struct type name
}

func build(root string) ([]*op, error) {
	p, err := load(root)
	if err != nil {
		return nil, err
	}
	documented, err := documentedOps(filepath.Join(root, "testdata", "operations.txt"))
	if err != nil {
		return nil, err
	}
	errCodes, err := readErrors(filepath.Join(root, "testdata", "operation_errors.txt"))
	if err != nil {
		return nil, err
	}
	groups := map[string][]*method{}
	for _, m := range p.methods {
		groups[m.directive] = append(groups[m.directive], m)
	}
	var ops []*op
	seen := map[string]string{}
	for directive, ms := range groups {
		o, err := newOp(p, directive, ms)
		if err != nil {
			return nil, err
		}
		if prev, dup := seen[o.id]; dup {
			return nil, fmt.Errorf("catalog: id %s given to %s and %s", o.id, prev, directive)
		}
		seen[o.id] = directive
		o.errors = errCodes[directive]
		o.confidence = confidence(documented[directive], ms)
		ops = append(ops, o)
	}
	sort.Slice(ops, func(i, j int) bool { return ops[i].id < ops[j].id })
	return ops, nil
}

func newOp(p *pkg, directive string, ms []*method) (*op, error) {
	method, path, _ := strings.Cut(directive, " ")
	o := &op{method: method, path: path}
	sort.Slice(ms, func(i, j int) bool { return ms[i].name < ms[j].name })
	for _, m := range ms {
		o.goMethods = append(o.goMethods, m.recv+"."+m.name)
		if !invocable(m) {
			continue
		}
		if o.primary == nil || len(m.name) < len(o.primary.name) {
			o.primary = m
		}
	}
	if o.primary == nil {
		return nil, fmt.Errorf("catalog: no method of %s returns (..., *Response, error)", directive)
	}
	m := o.primary
	o.service = strings.TrimSuffix(m.recv, "Service")
	o.id = snake(o.service) + "." + snake(m.name)
	o.description = m.doc
	o.summary = summary(m.doc)
	o.readOnly = method == "GET"
	o.idempotent = method == "GET" || method == "PUT" || method == "DELETE"
	o.destructive = method == "DELETE" || (!o.readOnly && strings.HasPrefix(lastSegment(path), ":")) ||
		strings.HasSuffix(path, "/disable")
	o.reachesPerson = reachesPerson(method, path)

	sc := &schemas{p: p, defs: map[string]*schema{}}
	input := &schema{Schema: "https://json-schema.org/draft/2020-12/schema", Type: "object",
		Properties: map[string]*schema{}, AddProps: false}
	add := func(in string, f field) {
		if _, taken := input.Properties[f.name]; taken {
			return // a body's read-only id under a path parameter's name
		}
		ps := sc.property(f)
		input.Properties[f.name] = ps
		if f.required {
			input.Required = append(input.Required, f.name)
		}
		o.params = append(o.params, param{name: f.name, in: in, typ: jsonType(resolve(sc, ps)),
			format: resolve(sc, ps).Format, description: f.doc, required: f.required, enum: resolve(sc, ps).Enum})
	}
	placeholders := pathParams(path)
	ft := m.decl.Type
	for _, fp := range ft.Params.List {
		if exprString(fp.Type) == "context.Context" {
			continue
		}
		for _, n := range fp.Names {
			goType := exprString(fp.Type)
			elem := strings.TrimPrefix(goType, "*")
			ti := p.types[elem]
			st, isStruct := (*ast.StructType)(nil), false
			if ti != nil && strings.HasPrefix(goType, "*") {
				st, isStruct = ti.expr.(*ast.StructType)
			}
			switch {
			case !isStruct && len(o.args) < len(placeholders) && countKind(o.args, "path") < len(placeholders):
				key := placeholders[countKind(o.args, "path")]
				o.args = append(o.args, arg{kind: "path", key: key, goType: goType})
				add("path", field{name: key, goName: n.Name, typ: fp.Type, doc: pathDoc(path, key), required: true})
			case isStruct && len(sc.fields(st, "url")) > 0:
				o.args = append(o.args, arg{kind: "query", goType: goType, elem: elem})
				for _, f := range sc.fields(st, "url") {
					add("query", f)
				}
			case isStruct:
				o.args = append(o.args, arg{kind: "body", goType: goType, elem: elem})
				o.request = goType
				for _, f := range sc.fields(st, "json") {
					add("body", f)
				}
			default:
				key := bodyKey(m.decl, n.Name)
				o.args = append(o.args, arg{kind: "field", key: key, goType: goType})
				add("body", field{name: key, goName: n.Name, typ: fp.Type, doc: fieldDoc(m.doc, n.Name), required: true})
			}
		}
	}
	if len(sc.defs) > 0 {
		input.Defs = sc.defs
	}
	o.input = input
	if res := ft.Results.List; len(res) == 3 {
		o.response = exprString(res[0].Type)
	}
	o.responseKey = responseKey(m.decl)
	for _, pr := range o.params { // page-numbered, or iterable (ListIter)
		o.paginated = o.paginated || pr.in == "query" && pr.name == "page"
	}
	for _, gm := range o.goMethods {
		o.paginated = o.paginated || strings.HasSuffix(gm, "Iter")
	}
	return o, nil
}

// resolve follows a $ref to its definition.
func resolve(sc *schemas, s *schema) *schema {
	if name, ok := strings.CutPrefix(s.Ref, "#/$defs/"); ok && sc.defs[name] != nil {
		return sc.defs[name]
	}
	return s
}

// invocable reports whether Invoke can call m: it returns a *Response and
// is neither an iterator nor a page-by-page variant.
func invocable(m *method) bool {
	res := m.decl.Type.Results
	if res == nil || strings.HasSuffix(m.name, "Iter") || strings.HasSuffix(m.name, "Page") {
		return false
	}
	for _, r := range res.List {
		if exprString(r.Type) == "*Response" {
			return true
		}
	}
	return false
}

func countKind(args []arg, kind string) int {
	n := 0
	for _, a := range args {
		if a.kind == kind {
			n++
		}
	}
	return n
}

func pathParams(path string) []string {
	var out []string
	for _, seg := range strings.Split(path, "/") {
		if name, ok := strings.CutPrefix(seg, ":"); ok {
			out = append(out, name)
		}
	}
	return out
}

func lastSegment(path string) string { return path[strings.LastIndexByte(path, '/')+1:] }

// pathDoc describes a path parameter from the segment naming its resource.
func pathDoc(path, key string) string {
	segs := strings.Split(path, "/")
	for i, seg := range segs {
		if seg == ":"+key && i > 0 {
			if key != "id" {
				return "Id of the " + strings.ReplaceAll(strings.TrimSuffix(key, "_id"), "_", " ") + "."
			}
			res := strings.TrimSuffix(segs[i-1], "s")
			return "Id of the " + strings.ReplaceAll(res, "_", " ") + "."
		}
	}
	return ""
}

// bodyKey finds the JSON name a method gives a parameter it sends in an
// anonymous body struct (struct{ To string `json:"to"` }{to}).
func bodyKey(fd *ast.FuncDecl, name string) string {
	key := ""
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		cl, ok := n.(*ast.CompositeLit)
		if !ok || key != "" {
			return key == ""
		}
		st, ok := cl.Type.(*ast.StructType)
		if !ok {
			return true
		}
		var tags []string
		for _, f := range st.Fields.List {
			tag := ""
			if f.Tag != nil {
				raw, _ := strconv.Unquote(f.Tag.Value)
				tag, _, _ = strings.Cut(reflectTag(raw, "json"), ",")
			}
			for range f.Names {
				tags = append(tags, tag)
			}
		}
		for i, e := range cl.Elts {
			if kv, ok := e.(*ast.KeyValueExpr); ok {
				e = kv.Value
			}
			if id, ok := e.(*ast.Ident); ok && id.Name == name && i < len(tags) && tags[i] != "" {
				key = tags[i]
			}
		}
		return true
	})
	if key == "" {
		key = snake(name)
	}
	return key
}

func reflectTag(raw, key string) string {
	for raw != "" {
		k, rest, ok := strings.Cut(raw, `:"`)
		if !ok {
			return ""
		}
		v, rest2, _ := strings.Cut(rest, `"`)
		if strings.TrimSpace(k) == key {
			return v
		}
		raw = strings.TrimSpace(rest2)
	}
	return ""
}

// fieldDoc returns the sentence of a method's doc comment naming a
// parameter, if any.
func fieldDoc(doc, name string) string {
	for _, sentence := range strings.SplitAfter(strings.ReplaceAll(doc, "\n\n", " "), ". ") {
		if strings.Contains(sentence, name) {
			return strings.TrimSpace(sentence)
		}
	}
	return ""
}

// responseKey finds the envelope key a method decodes ("call", "calls").
func responseKey(fd *ast.FuncDecl) string {
	key := ""
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || key != "" {
			return key == ""
		}
		fn := call.Fun
		if ix, ok := fn.(*ast.IndexExpr); ok {
			fn = ix.X
		}
		id, ok := fn.(*ast.Ident)
		if !ok {
			return true
		}
		at := map[string]int{"doOne": 4, "doList": 3}[id.Name]
		if at == 0 || len(call.Args) <= at {
			return true
		}
		if lit, ok := call.Args[at].(*ast.BasicLit); ok {
			key, _ = strconv.Unquote(lit.Value)
		}
		return true
	})
	return key
}

var personPaths = regexp.MustCompile(`/messages/(.*/)?send(/|$)|/users/:id/(calls|dial)$|/transfers$|^/v1/outbound-calls/`)

// reachesPerson reports whether an operation rings a phone or sends a
// message to someone.
func reachesPerson(method, path string) bool {
	return method == "POST" && personPaths.MatchString(path)
}

// confidence says how sure the SDK is of an operation's shape, from where
// its doc comment says the shape comes from.
func confidence(documented bool, ms []*method) string {
	if documented {
		return "documented"
	}
	var doc strings.Builder
	for _, m := range ms {
		doc.WriteString(strings.ToLower(m.doc))
	}
	d := doc.String()
	switch {
	case strings.Contains(d, "developer guide") || strings.Contains(d, "help center") || strings.Contains(d, "aircall's guides"):
		return "guides"
	case strings.Contains(d, "published integration"):
		return "secondary"
	}
	return "undocumented"
}

// documentedOps reads the core-reference section of testdata/operations.txt.
func documentedOps(name string) (map[string]bool, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	core := true
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "# Beyond the core reference") {
			core = false
		}
		if line != "" && !strings.HasPrefix(line, "#") {
			out[line] = core
		}
	}
	return out, sc.Err()
}

// readErrors reads testdata/operation_errors.txt: "METHOD /path: 400 404".
func readErrors(name string) (map[string][]int, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	out := map[string][]int{}
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		opLine, codes, ok := strings.Cut(line, ": ")
		if !ok {
			return nil, fmt.Errorf("catalog: %s: malformed line %q", name, line)
		}
		for _, c := range strings.Fields(codes) {
			n, err := strconv.Atoi(c)
			if err != nil {
				return nil, fmt.Errorf("catalog: %s: %w", name, err)
			}
			out[opLine] = append(out[opLine], n)
		}
	}
	return out, nil
}

// snake turns a Go name into snake_case ("GetPredictedCSAT" ->
// "get_predicted_csat", "UsersV2" -> "users_v2").
func snake(s string) string {
	for _, r := range [][2]string{{"OAuth", "Oauth"}, {"WhatsApp", "Whatsapp"}, {"A2P", "A2p"}} {
		s = strings.ReplaceAll(s, r[0], r[1])
	}
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		if unicode.IsUpper(r) && i > 0 {
			prev := rs[i-1]
			nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
			if unicode.IsLower(prev) || unicode.IsDigit(prev) || (unicode.IsUpper(prev) && nextLower) {
				b.WriteByte('_')
			}
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}
