package openapi

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/aircall-go/aircall"
	"github.com/google/jsonschema-go/jsonschema"
)

// obj is a JSON object of the document; encoding/json sorts its keys, so
// the output is stable.
type obj = map[string]any

// Generate returns the OpenAPI 3.1 document of the Aircall API as the SDK
// knows it, indented JSON ending in a newline.
func Generate() ([]byte, error) {
	doc, err := build()
	if err != nil {
		return nil, err
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

func build() (obj, error) {
	docs, err := readGoDocs()
	if err != nil {
		return nil, err
	}
	g := newSchemas(docs)
	types, err := goTypes()
	if err != nil {
		return nil, err
	}
	paths := obj{}
	tags := map[string]bool{}
	for _, op := range aircall.Operations() {
		item, err := operation(g, types, op)
		if err != nil {
			return nil, fmt.Errorf("openapi: %s: %w", op.ID, err)
		}
		p := oasPath(op.Path)
		if paths[p] == nil {
			paths[p] = obj{}
		}
		paths[p].(obj)[strings.ToLower(op.Method)] = item
		tags[op.Service] = true
	}
	webhooks, err := webhooks(g, types)
	if err != nil {
		return nil, err
	}
	if err := g.component(reflect.TypeOf(aircall.Meta{})); err != nil {
		return nil, err
	}
	var tagList []obj
	for _, t := range sortedKeys(tags) {
		tagList = append(tagList, obj{"name": t, "description": "Operations of the SDK's " + serviceType(t) + "."})
	}
	schemas := obj{"Error": errorSchema()}
	for name, s := range g.components {
		schemas[name] = s
	}
	return obj{
		"openapi":           "3.1.0",
		"jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
		"info": obj{
			"title":   "Aircall Public API",
			"version": aircall.Version,
			"description": "The Aircall Public API as the aircall-go SDK knows it: every operation the SDK calls, with the shapes its tests check. " +
				"Generated from the SDK's operation catalogue and Go types; Aircall publishes no OpenAPI document of its own. " +
				"Each operation's x-aircall-confidence says where its shape comes from: documented (the API reference), guides (Aircall's developer guides or Help Center), secondary (published third-party integrations) or undocumented.",
			"license": obj{"name": "MIT", "identifier": "MIT"},
		},
		"externalDocs": obj{"description": "Aircall API reference", "url": "https://developer.aircall.io/api-references/"},
		"servers":      []obj{{"url": strings.TrimSuffix(aircall.DefaultBaseURL, "/")}},
		"security":     []obj{{"basicAuth": []string{}}, {"oauth2": []string{"public_api"}}},
		"tags":         tagList,
		"paths":        paths,
		"webhooks":     webhooks,
		"components": obj{
			"schemas":         schemas,
			"securitySchemes": securitySchemes(),
			"headers":         rateHeaders(),
			"responses":       errorResponses(),
		},
	}, nil
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}

func serviceType(service string) string {
	if service == "Client" {
		return "Client"
	}
	return service + "Service"
}

// oasPath turns /v1/calls/:id into /v1/calls/{id}.
func oasPath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		if strings.HasPrefix(s, ":") {
			segs[i] = "{" + s[1:] + "}"
		}
	}
	return strings.Join(segs, "/")
}

// goTypes maps the Go type names of the catalogue ("Call", "CreateContactRequest",
// ...) to their types, read from the signatures of the SDK's methods and of
// WebhookEvent's data accessors.
func goTypes() (map[string]reflect.Type, error) {
	out := map[string]reflect.Type{}
	add := func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if t.PkgPath() == corePkg && t.Name() != "" {
			out[t.Name()] = t
		}
	}
	addMethods := func(t reflect.Type) {
		for i := range t.NumMethod() {
			m := t.Method(i)
			for j := range m.Type.NumIn() {
				add(m.Type.In(j))
			}
			for j := range m.Type.NumOut() {
				add(m.Type.Out(j))
			}
		}
	}
	client := reflect.TypeOf(&aircall.Client{})
	addMethods(client)
	for i := range client.Elem().NumField() {
		f := client.Elem().Field(i)
		if f.IsExported() && f.Type.Kind() == reflect.Pointer {
			addMethods(f.Type)
		}
	}
	addMethods(reflect.TypeOf(&aircall.WebhookEvent{}))
	return out, nil
}

// typeSchema gives the schema of a catalogue type expression ("*Call",
// "[]*Call", "Availability").
func typeSchema(g *schemas, types map[string]reflect.Type, expr string) (*jsonschema.Schema, error) {
	if rest, ok := strings.CutPrefix(expr, "[]"); ok {
		items, err := typeSchema(g, types, rest)
		if err != nil {
			return nil, err
		}
		return &jsonschema.Schema{Type: "array", Items: items}, nil
	}
	name := strings.TrimPrefix(expr, "*")
	t, ok := types[name]
	if !ok {
		return nil, fmt.Errorf("unknown Go type %q", expr)
	}
	return g.of(t)
}

func operation(g *schemas, types map[string]reflect.Type, op aircall.Operation) (obj, error) {
	item := obj{
		"operationId":          op.ID,
		"summary":              op.Summary,
		"description":          op.Description,
		"tags":                 []string{op.Service},
		"x-aircall-go-methods": op.GoMethods,
		"x-aircall-confidence": op.Confidence,
		"x-aircall-effects": obj{"readOnly": op.ReadOnly, "destructive": op.Destructive,
			"idempotent": op.Idempotent, "reachesPerson": op.ReachesPerson},
	}
	if strings.HasPrefix(op.Description, "Deprecated:") || strings.Contains(op.Description, "\n\nDeprecated:") {
		item["deprecated"] = true
	}
	var params []obj
	for _, p := range op.Params {
		if p.In == "body" {
			continue
		}
		params = append(params, parameter(op, p))
	}
	if len(params) > 0 {
		item["parameters"] = params
	}
	body, err := requestBody(g, types, op)
	if err != nil {
		return nil, err
	}
	if body != nil {
		item["requestBody"] = body
	}
	responses, err := responses(g, types, op)
	if err != nil {
		return nil, err
	}
	item["responses"] = responses
	if op.ID == "client.exchange_oauth_code" {
		item["security"] = []obj{} // the code and the app's credentials are in the body
	}
	return item, nil
}

func paramSchema(op aircall.Operation, p aircall.Param) *jsonschema.Schema {
	s := &jsonschema.Schema{Type: p.Type, Format: p.Format}
	for _, e := range p.Enum {
		s.Enum = append(s.Enum, e)
	}
	if p.Type == "array" {
		s.Items = &jsonschema.Schema{Type: "string"}
		var in struct {
			Properties map[string]*jsonschema.Schema `json:"properties"`
		}
		if json.Unmarshal(op.InputSchema, &in) == nil && in.Properties[p.Name] != nil && in.Properties[p.Name].Items != nil {
			s.Items = in.Properties[p.Name].Items
		}
	}
	if p.Format == "date-time" { // time options take unix seconds too
		s = &jsonschema.Schema{AnyOf: []*jsonschema.Schema{{Type: "integer", Description: "Unix time in seconds."}, s}}
	}
	return s
}

// wireQueryNames gives the names on the wire of the query parameters whose
// Invoke argument is named otherwise.
var wireQueryNames = map[string]map[string]string{
	"calls.search": {"tags": "tags[]"}, // repeated: tags[]=1&tags[]=2
}

func parameter(op aircall.Operation, p aircall.Param) obj {
	name := p.Name
	if n, ok := wireQueryNames[op.ID][p.Name]; ok && p.In == "query" {
		name = n
	}
	o := obj{"name": name, "in": p.In, "schema": paramSchema(op, p)}
	if p.Description != "" {
		o["description"] = p.Description
	}
	if p.Required || p.In == "path" {
		o["required"] = true
	}
	if p.Type == "array" {
		o["style"], o["explode"] = "form", true
	}
	return o
}

// requestBody is the body's schema: the request type's wire shape, or the
// body parameters when the SDK builds the body from plain arguments.
func requestBody(g *schemas, types map[string]reflect.Type, op aircall.Operation) (obj, error) {
	var body []aircall.Param
	for _, p := range op.Params {
		if p.In == "body" {
			body = append(body, p)
		}
	}
	if len(body) == 0 && op.Request == "" {
		return nil, nil
	}
	var required []string
	for _, p := range body {
		if p.Required {
			required = append(required, p.Name)
		}
	}
	var s *jsonschema.Schema
	if op.Request != "" {
		rs, err := typeSchema(g, types, op.Request)
		if err != nil {
			return nil, err
		}
		if rs.AnyOf != nil { // a pointer: the body is the object itself
			rs = rs.AnyOf[0]
		}
		s = rs
		if len(required) > 0 {
			s = &jsonschema.Schema{AllOf: []*jsonschema.Schema{rs}, Required: required}
		}
	} else {
		var in struct {
			Properties map[string]*jsonschema.Schema `json:"properties"`
		}
		if err := json.Unmarshal(op.InputSchema, &in); err != nil {
			return nil, err
		}
		s = &jsonschema.Schema{Type: "object", Properties: map[string]*jsonschema.Schema{}, Required: required,
			AdditionalProperties: &jsonschema.Schema{Not: &jsonschema.Schema{}}}
		for _, p := range body {
			ps := in.Properties[p.Name]
			if ps == nil {
				return nil, fmt.Errorf("body parameter %s not in the input schema", p.Name)
			}
			if hasRef(ps) {
				return nil, fmt.Errorf("body parameter %s refers to the input schema's $defs", p.Name)
			}
			s.Properties[p.Name] = ps
		}
	}
	if wrap, ok := wireRequests[op.ID]; ok {
		s = wrap(g, s)
	}
	return obj{"required": true, "content": obj{"application/json": obj{"schema": s}}}, nil
}

// wireRequests turns the body the catalogue describes (Invoke's arguments)
// into the one the SDK sends, where they differ.
var wireRequests = map[string]func(*schemas, *jsonschema.Schema) *jsonschema.Schema{
	// The SDK wraps the export request: {"input": {...}}.
	"analytics.create_export": func(_ *schemas, s *jsonschema.Schema) *jsonschema.Schema {
		return &jsonschema.Schema{Type: "object", Properties: map[string]*jsonschema.Schema{"input": s}, Required: []string{"input"}}
	},
	// A native send names the recipient externalNumber.
	"whatsapp.send_native": func(g *schemas, _ *jsonschema.Schema) *jsonschema.Schema {
		proxy := g.components["WhatsAppMessageRequest"]
		s := &jsonschema.Schema{Type: "object", Properties: map[string]*jsonschema.Schema{},
			Required: []string{"lineId", "externalNumber"}, AdditionalProperties: proxy.AdditionalProperties}
		for k, v := range proxy.Properties {
			if k == "to" {
				k = "externalNumber"
			}
			s.Properties[k] = v
		}
		return s
	},
}

// successStatuses gives the success code of the operations that do not
// answer 200 with content or 204 without, as the API reference (and the
// fake, which follows it) has them.
var successStatuses = map[string]string{
	"ai_voice_agents.start_outbound_call": "202",
	"calls.add_comment":                   "201",
	"calls.add_insight_card":              "201",
	"calls.add_tags":                      "201",
	"calls.delete_recording":              "200",
	"calls.delete_voicemail":              "200",
	"client.ping":                         "200",
	"contacts.update_email":               "202",
	"contacts.update_phone_number":        "202",
	"messaging.configure":                 "201",
	"teams.add_user":                      "201",
	"teams.create":                        "201",
	"teams.delete":                        "200",
	"users.create":                        "201",
	"users_v2.create":                     "201",
}

func hasRef(s *jsonschema.Schema) bool {
	b, _ := json.Marshal(s)
	return strings.Contains(string(b), `"$ref"`)
}

// successStatus is the 2xx code of an operation's answer.
func successStatus(op aircall.Operation) string {
	if code, ok := successStatuses[op.ID]; ok {
		return code
	}
	switch {
	case op.Response == "":
		return "204"
	case op.Method == http.MethodPost && strings.Contains(op.Description, "201"):
		return "201"
	}
	return "200"
}

// wireResponses names the Go type of the whole answer where the SDK returns
// only a part of it (without an envelope key).
var wireResponses = map[string]string{
	"whatsapp.list_templates": "*WhatsAppTemplatePage", // {"templates": [...], "pageInfo": {...}}
}

func responses(g *schemas, types map[string]reflect.Type, op aircall.Operation) (obj, error) {
	ok := obj{"description": "Success.", "headers": rateHeaderRefs()}
	if w, found := wireResponses[op.ID]; found {
		op.Response, op.ResponseKey, op.Paginated = w, "", false
	}
	if op.Response != "" {
		s, err := typeSchema(g, types, op.Response)
		if err != nil {
			return nil, err
		}
		if len(s.AnyOf) == 2 && s.AnyOf[1].Type == "null" {
			s = s.AnyOf[0]
		}
		if op.ResponseKey != "" {
			env := &jsonschema.Schema{Type: "object", Properties: map[string]*jsonschema.Schema{op.ResponseKey: s},
				Required: []string{op.ResponseKey}}
			if op.Paginated {
				env.Properties["meta"] = ref("Meta")
			}
			s = env
		}
		ok["content"] = obj{"application/json": obj{"schema": s}}
	}
	if op.ID == "client.ping" {
		ok["content"] = obj{"application/json": obj{"schema": &jsonschema.Schema{Type: "object",
			Properties: map[string]*jsonschema.Schema{"ping": {Type: "string", Const: ptr[any]("pong")}}}}}
	}
	out := obj{successStatus(op): ok}
	codes := append([]int{401, 429}, op.Errors...)
	if op.Paginated && !slices.Contains(codes, 400) {
		codes = append(codes, 400)
	}
	for _, c := range codes {
		name := "Error"
		if c == 400 && op.Paginated {
			name = "BadRequestPaginated"
		}
		out[strconv.Itoa(c)] = obj{"$ref": "#/components/responses/" + name}
	}
	out["4XX"] = obj{"$ref": "#/components/responses/Error"}
	out["5XX"] = obj{"$ref": "#/components/responses/Error"}
	return out, nil
}
