package openapi

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/google/jsonschema-go/jsonschema"
)

// corePkg is the import path of the SDK's types: its exported structs
// become components.
var corePkg = reflect.TypeOf(aircall.Call{}).PkgPath()

// schemas builds JSON Schemas from the SDK's Go types by reflection,
// collecting every exported struct of the SDK as a component.
type schemas struct {
	components map[string]*jsonschema.Schema
	docs       *goDocs
}

func newSchemas(docs *goDocs) *schemas {
	return &schemas{components: map[string]*jsonschema.Schema{}, docs: docs}
}

func ref(name string) *jsonschema.Schema {
	return &jsonschema.Schema{Ref: "#/components/schemas/" + name}
}

// nullable lets a schema also be null.
func nullable(s *jsonschema.Schema) *jsonschema.Schema {
	switch {
	case allowsNull(s):
	case s.Ref != "" || len(s.AnyOf) > 0 || len(s.OneOf) > 0:
		return &jsonschema.Schema{AnyOf: []*jsonschema.Schema{s, {Type: "null"}}}
	case s.Type != "":
		s.Types, s.Type = []string{s.Type, "null"}, ""
	}
	return s
}

// notNull undoes nullable.
func notNull(s *jsonschema.Schema) *jsonschema.Schema {
	if len(s.AnyOf) == 2 && s.AnyOf[1].Type == "null" {
		return s.AnyOf[0]
	}
	if len(s.Types) == 2 && s.Types[1] == "null" {
		s.Type, s.Types = s.Types[0], nil
	}
	return s
}

func allowsNull(s *jsonschema.Schema) bool {
	if s.Type == "" && len(s.Types) == 0 && s.Ref == "" && len(s.AnyOf) == 0 && len(s.OneOf) == 0 {
		return true // any value
	}
	for _, t := range s.Types {
		if t == "null" {
			return true
		}
	}
	for _, a := range s.AnyOf {
		if a.Type == "null" {
			return true
		}
	}
	return false
}

// of returns the schema of values of type t, as the API sends them.
func (g *schemas) of(t reflect.Type) (*jsonschema.Schema, error) {
	if s, ok := flexible(t); ok {
		return s, nil
	}
	switch t.Kind() {
	case reflect.Pointer:
		s, err := g.of(t.Elem())
		if err != nil {
			return nil, err
		}
		return nullable(s), nil
	case reflect.Bool:
		return &jsonschema.Schema{Type: "boolean"}, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32:
		return &jsonschema.Schema{Type: "integer"}, nil
	case reflect.Int64, reflect.Uint64:
		return &jsonschema.Schema{Type: "integer", Format: "int64"}, nil
	case reflect.Float32, reflect.Float64:
		return &jsonschema.Schema{Type: "number"}, nil
	case reflect.String:
		s := &jsonschema.Schema{Type: "string"}
		if vals := g.docs.values[t.Name()]; t.PkgPath() == corePkg && len(vals) > 0 {
			s.Description = "Known values: " + strings.Join(vals, ", ") + " (Aircall may add others)."
			for _, v := range vals {
				s.Examples = append(s.Examples, v)
			}
		}
		return s, nil
	case reflect.Interface:
		return &jsonschema.Schema{}, nil
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return &jsonschema.Schema{Type: "string", ContentEncoding: "base64"}, nil
		}
		items, err := g.of(t.Elem())
		if err != nil {
			return nil, err
		}
		return nullable(&jsonschema.Schema{Type: "array", Items: items}), nil
	case reflect.Map:
		values, err := g.of(t.Elem())
		if err != nil {
			return nil, err
		}
		return nullable(&jsonschema.Schema{Type: "object", AdditionalProperties: values}), nil
	case reflect.Struct:
		if t.PkgPath() == corePkg && t.Name() != "" && t.Name()[0] >= 'A' && t.Name()[0] <= 'Z' {
			if err := g.component(t); err != nil {
				return nil, err
			}
			return ref(t.Name()), nil
		}
		return g.object(t)
	}
	return nil, fmt.Errorf("openapi: no schema for Go type %s", t)
}

// component adds the schema of the SDK struct t to the components, once.
func (g *schemas) component(t reflect.Type) error {
	if _, ok := g.components[t.Name()]; ok {
		return nil
	}
	g.components[t.Name()] = nil // placeholder against recursion
	s, err := g.object(t)
	if err != nil {
		return err
	}
	if s.Description == "" {
		s.Description = g.docs.types[t.Name()]
	}
	g.components[t.Name()] = s
	return nil
}

// object returns the schema of a struct: its JSON fields (embedded structs'
// fields inlined), all optional, and other keys allowed (Aircall adds
// fields over time).
func (g *schemas) object(t reflect.Type) (*jsonschema.Schema, error) {
	s := &jsonschema.Schema{Type: "object", Properties: map[string]*jsonschema.Schema{}}
	if err := g.fields(t, s); err != nil {
		return nil, err
	}
	if o, ok := wireOverrides[t.Name()]; ok && t.PkgPath() == corePkg {
		o(s)
	}
	if strings.HasSuffix(t.Name(), "Request") && t.PkgPath() == corePkg {
		s.AdditionalProperties = &jsonschema.Schema{Not: &jsonschema.Schema{}} // the SDK sends these fields only
	}
	return s, nil
}

func (g *schemas) fields(t reflect.Type, s *jsonschema.Schema) error {
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				if err := g.fields(ft, s); err != nil {
					return err
				}
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		var fs *jsonschema.Schema
		var err error
		if strings.Contains(opts, "string") {
			fs = &jsonschema.Schema{Type: "string"}
		} else if fs, err = g.of(f.Type); err != nil {
			return fmt.Errorf("%s.%s: %w", t.Name(), f.Name, err)
		}
		if _, ok := s.Properties[name]; !ok {
			s.PropertyOrder = append(s.PropertyOrder, name)
		}
		switch {
		case !strings.HasSuffix(t.Name(), "Request"):
			fs = nullable(fs) // the API sends null for any attribute it has no value for
		case strings.Contains(opts, "omitempty") && f.Type.Kind() == reflect.Pointer:
			fs = notNull(fs) // the SDK leaves a nil field out
		}
		if d := g.docs.fields[t.Name()][f.Name]; d != "" && t.PkgPath() == corePkg {
			if fs.Description != "" { // a flexible type says which forms it accepts
				d += "\n\n" + fs.Description
			}
			fs.Description = d
		}
		s.Properties[name] = fs
	}
	return nil
}

// flexible gives the schemas of the types decoding more than one JSON form.
func flexible(t reflect.Type) (*jsonschema.Schema, bool) {
	switch t {
	case reflect.TypeOf(time.Time{}):
		return &jsonschema.Schema{Type: "string", Format: "date-time"}, true
	case reflect.TypeOf(json.RawMessage{}):
		return &jsonschema.Schema{}, true
	}
	if t.PkgPath() != corePkg {
		return nil, false
	}
	str := func(d string) *jsonschema.Schema { return &jsonschema.Schema{Type: "string", Description: d} }
	num := func(typ, d string) *jsonschema.Schema { return &jsonschema.Schema{Type: typ, Description: d} }
	switch t.Name() {
	case "Timestamp":
		return &jsonschema.Schema{
			Description: "A point in time, in any of the forms Aircall sends: an RFC 3339 string, or unix seconds, milliseconds, microseconds or nanoseconds as an integer or a decimal number; null or an unparsable value means none.",
			AnyOf: []*jsonschema.Schema{
				{Type: "string", Description: "RFC 3339 date-time, e.g. 2020-01-02T09:01:58.000Z."},
				num("integer", "Unix time in seconds (or milliseconds, microseconds, nanoseconds)."),
				num("number", "Unix time in seconds with a fraction."),
				{Type: "null"},
			},
		}, true
	case "flexString":
		return &jsonschema.Schema{Description: "A string, sent as a JSON string or number.",
			Types: []string{"string", "number", "null"}}, true
	case "flexStrings":
		return &jsonschema.Schema{Types: []string{"array", "null"}, Description: "A list of strings, each sent as a JSON string or number.",
			Items: &jsonschema.Schema{Types: []string{"string", "number"}}}, true
	case "flexInt64":
		return &jsonschema.Schema{Description: "An integer, sent as a JSON number or a numeric string.",
			Types: []string{"integer", "string", "null"}}, true
	case "lenientInt64":
		return &jsonschema.Schema{Description: "An integer when known; other values are read as none."}, true
	case "WhatsAppPageToken":
		return &jsonschema.Schema{Description: "A cursor: a number (an offset) or a string.",
			Types: []string{"integer", "string", "null"}}, true
	case "WhatsAppSendCapability":
		return &jsonschema.Schema{Description: "AVAILABLE, LIMITED or BLOCKED; a boolean on some answers (true is AVAILABLE).",
			Types: []string{"string", "boolean"}}, true
	case "a2pNumbers":
		return &jsonschema.Schema{Type: "array", Description: "E.164 numbers without the +, as JSON numbers.",
			Items: num("integer", "")}, true
	}
	_ = str
	return nil, false
}

// wireOverrides adjusts the schemas of the types whose JSON is not their
// fields' (custom MarshalJSON or UnmarshalJSON).
var wireOverrides = map[string]func(*jsonschema.Schema){
	// MediaURLs go out under "mediaUrl" (MarshalJSON).
	"SendMessageRequest":      mediaURLs,
	"SendGroupMessageRequest": mediaURLs,
	// ResetPriority sends "priority": null.
	"UpdateNumberRequest": func(s *jsonschema.Schema) {
		s.Properties["priority"] = nullable(s.Properties["priority"])
	},
	// The SDK adds the grant type.
	"OAuthCodeRequest": func(s *jsonschema.Schema) {
		s.Properties["grant_type"] = &jsonschema.Schema{Type: "string", Const: ptr[any]("authorization_code")}
		s.Required = append(s.Required, "grant_type")
	},
	// Requests send the numbers as JSON numbers (a2pNumbers).
	"CreateA2PCampaignAssociationRequest": a2pRequestNumbers,
	"UpdateA2PCampaignAssociationRequest": a2pRequestNumbers,
	// Numbers come as JSON numbers in answers (flexStrings).
	"A2PCampaignAssociation": func(s *jsonschema.Schema) {
		s.Properties["numbers"] = &jsonschema.Schema{Types: []string{"array", "null"},
			Description: "E.164 numbers without the +, as JSON numbers or strings.",
			Items:       &jsonschema.Schema{Types: []string{"integer", "string"}}}
	},
}

func a2pRequestNumbers(s *jsonschema.Schema) {
	s.Properties["numbers"] = &jsonschema.Schema{Type: "array",
		Description: "E.164 numbers without the +, as JSON numbers.",
		Items:       &jsonschema.Schema{Type: "integer"}}
}

func mediaURLs(s *jsonschema.Schema) {
	s.Properties["mediaUrl"] = &jsonschema.Schema{Type: "array",
		Description: "The media of an MMS: absolute https URLs Aircall's servers can fetch.",
		Items:       &jsonschema.Schema{Type: "string", Format: "uri"}}
}
