package catalog

import (
	"go/ast"
	"reflect"
	"strconv"
	"strings"
	"unicode"
)

// schema is a JSON Schema (2020-12) node; field order is the output order.
type schema struct {
	Schema      string             `json:"$schema,omitempty"`
	Ref         string             `json:"$ref,omitempty"`
	Type        any                `json:"type,omitempty"`
	Format      string             `json:"format,omitempty"`
	Description string             `json:"description,omitempty"`
	Enum        []string           `json:"enum,omitempty"`
	Items       *schema            `json:"items,omitempty"`
	Properties  map[string]*schema `json:"properties,omitempty"`
	Required    []string           `json:"required,omitempty"`
	AddProps    any                `json:"additionalProperties,omitempty"`
	Defs        map[string]*schema `json:"$defs,omitempty"`
}

// field is one JSON (or query) member of a Go struct.
type field struct {
	name, goName string
	typ          ast.Expr
	doc          string
	required     bool
	unix         bool // url tag ",unix": a time sent as UNIX seconds
}

// schemas turns Go type expressions of the root package into schemas,
// collecting named struct types in defs.
type schemas struct {
	p    *pkg
	defs map[string]*schema
}

func (s *schemas) of(e ast.Expr) *schema {
	switch t := e.(type) {
	case *ast.StarExpr:
		return s.of(t.X)
	case *ast.ArrayType:
		if id, ok := t.Elt.(*ast.Ident); ok && id.Name == "byte" {
			return &schema{Type: "string", Format: "byte"}
		}
		return &schema{Type: "array", Items: s.of(t.Elt)}
	case *ast.MapType:
		return &schema{Type: "object", AddProps: s.of(t.Value)}
	case *ast.InterfaceType:
		return &schema{}
	case *ast.StructType:
		return s.object(s.fields(t, "json"))
	case *ast.SelectorExpr:
		switch exprString(t) {
		case "time.Time":
			return &schema{Type: "string", Format: "date-time"}
		case "time.Duration":
			return &schema{Type: "integer", Format: "int64"}
		}
		return &schema{}
	case *ast.Ident:
		return s.named(t.Name)
	}
	return &schema{}
}

func (s *schemas) named(name string) *schema {
	switch name {
	case "string":
		return &schema{Type: "string"}
	case "bool":
		return &schema{Type: "boolean"}
	case "int", "int8", "int16", "uint", "uint8", "uint16", "uint32":
		return &schema{Type: "integer"}
	case "int32":
		return &schema{Type: "integer", Format: "int32"}
	case "int64", "uint64", "flexInt64", "lenientInt64":
		return &schema{Type: "integer", Format: "int64"}
	case "float32", "float64":
		return &schema{Type: "number"}
	case "any":
		return &schema{}
	case "Timestamp":
		return &schema{Type: "string", Format: "date-time"}
	case "flexString":
		return &schema{Type: "string"}
	case "flexStrings":
		return &schema{Type: "array", Items: &schema{Type: "string"}}
	}
	ti := s.p.types[name]
	if ti == nil {
		return &schema{}
	}
	if st, ok := ti.expr.(*ast.StructType); ok {
		if _, done := s.defs[name]; !done {
			s.defs[name] = nil // placeholder against recursion
			def := s.object(s.fields(st, "json"))
			def.Description = ti.doc
			s.defs[name] = def
		}
		return &schema{Ref: "#/$defs/" + name}
	}
	under := s.of(ti.expr)
	out := *under
	if enum := s.p.enums[name]; len(enum) > 0 {
		out.Enum = enum
	}
	if out.Description == "" {
		out.Description = ti.doc
	}
	return &out
}

func (s *schemas) object(fields []field) *schema {
	obj := &schema{Type: "object", Properties: map[string]*schema{}}
	for _, f := range fields {
		obj.Properties[f.name] = s.property(f)
		if f.required {
			obj.Required = append(obj.Required, f.name)
		}
	}
	return obj
}

// property is a field's schema with the field's own description.
func (s *schemas) property(f field) *schema {
	var fs *schema
	if f.unix {
		fs = &schema{Type: "integer", Format: "int64"}
		f.doc = strings.TrimSpace(f.doc + " A UNIX timestamp in seconds (an RFC 3339 string is accepted too).")
	} else {
		fs = s.of(f.typ)
	}
	if f.doc == "" {
		return fs
	}
	if fs.Ref != "" {
		// A $ref's siblings are allowed in 2020-12; keep the field's words.
		return &schema{Ref: fs.Ref, Description: f.doc}
	}
	c := *fs
	c.Description = f.doc
	return &c
}

// fields lists a struct's members under tag ("json" or "url"), flattening
// embedded structs of the package, skipping unexported and "-" fields.
func (s *schemas) fields(st *ast.StructType, tag string) []field {
	var out []field
	for _, f := range st.Fields.List {
		var tagValue string
		if f.Tag != nil {
			raw, _ := strconv.Unquote(f.Tag.Value)
			tagValue = reflect.StructTag(raw).Get(tag)
		}
		if len(f.Names) == 0 { // embedded
			name := strings.TrimPrefix(exprString(f.Type), "*")
			if ti := s.p.types[name]; ti != nil && tagValue == "" {
				if est, ok := ti.expr.(*ast.StructType); ok {
					out = append(out, s.fields(est, tag)...)
				}
			}
			continue
		}
		for _, n := range f.Names {
			if !n.IsExported() || tagValue == "-" {
				continue
			}
			parts := strings.Split(tagValue, ",")
			name := parts[0]
			if name == "" {
				if tagValue == "" && tag == "url" {
					continue // not a query member
				}
				name = n.Name
			}
			fd := field{name: name, goName: n.Name, typ: f.Type, doc: text(f.Doc)}
			if fd.doc == "" {
				fd.doc = text(f.Comment)
			}
			fd.doc = withoutGoName(fd.doc, n.Name)
			for _, opt := range parts[1:] {
				if opt == "unix" {
					fd.unix = true
				}
			}
			fd.required = mentionsRequired(fd.doc)
			out = append(out, fd)
		}
	}
	return out
}

// mentionsRequired reports whether a field's doc comment says the API
// requires it.
func mentionsRequired(doc string) bool {
	l := strings.ToLower(doc)
	return strings.HasPrefix(l, "required") || strings.Contains(l, " required") && !strings.Contains(l, "not required") ||
		strings.Contains(l, "mandatory")
}

// jsonType is a schema's first JSON type ("object" for a $ref).
func jsonType(sc *schema) string {
	switch t := sc.Type.(type) {
	case string:
		return t
	case []string:
		return t[0]
	}
	if sc.Ref != "" {
		return "object"
	}
	return ""
}

// withoutGoName rewrites a field comment that starts with the Go field name
// ("PerPage is the number of results") for readers of the wire names ("The
// number of results").
func withoutGoName(doc, goName string) string {
	rest, ok := strings.CutPrefix(doc, goName)
	if !ok || rest == "" {
		return doc
	}
	switch {
	case strings.HasPrefix(rest, " is "), strings.HasPrefix(rest, " are "):
		_, rest, _ = strings.Cut(rest[1:], " ")
	case strings.HasPrefix(rest, ", "):
		rest = rest[2:]
	case strings.HasPrefix(rest, " "):
		rest = rest[1:]
	default:
		return doc
	}
	if rest == "" {
		return doc
	}
	r := []rune(rest)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}
