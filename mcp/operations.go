package aircallmcp

import (
	"maps"
	"slices"

	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/aircall-go/aircall"
	"reflect"
	"strings"

	"github.com/google/jsonschema-go/jsonschema"
	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// operation is what the three catalogue tools need of one operation of the
// SDK's catalogue (aircall.Operations).
type operation struct {
	ID, Method, Path, Summary, Description, Service, Confidence string
	Params                                                      []string
	ReadOnly, Destructive, ReachesPerson, Paginated             bool
	InputSchema                                                 json.RawMessage
	resolved                                                    *jsonschema.Resolved
}

func (o *operation) doc() opDoc {
	return opDoc{ID: o.ID, Method: o.Method, Path: o.Path, Summary: o.Summary, Description: o.Description, Service: o.Service, Params: o.Params}
}

// needsConfirmation reports whether running o reaches a person or destroys data.
func (o *operation) needsConfirmation() bool { return o.ReachesPerson || o.Destructive }

// catalog is the operation catalogue with the way to run its operations.
type catalog struct {
	ops    []*operation
	byID   map[string]*operation
	rank   *ranker
	invoke invokeFunc
}

// invokeFunc runs an operation; meta is the page's meta of a list operation.
type invokeFunc func(ctx context.Context, id string, args json.RawMessage) (res any, meta *aircall.Meta, err error)

func newCatalog(ops []*operation, invoke invokeFunc) (*catalog, error) {
	c := &catalog{ops: ops, byID: map[string]*operation{}, invoke: invoke}
	docs := make([]opDoc, 0, len(ops))
	for _, o := range ops {
		if len(o.InputSchema) > 0 {
			var sc jsonschema.Schema
			if err := json.Unmarshal(o.InputSchema, &sc); err != nil {
				return nil, fmt.Errorf("aircallmcp: operation %s: input schema: %w", o.ID, err)
			}
			r, err := sc.Resolve(nil)
			if err != nil {
				return nil, fmt.Errorf("aircallmcp: operation %s: input schema: %w", o.ID, err)
			}
			o.resolved = r
		}
		c.byID[o.ID] = o
		docs = append(docs, o.doc())
	}
	c.rank = newRanker(docs)
	return c, nil
}

type searchArgs struct {
	Query string `json:"query" jsonschema:"what you want to do, in plain words: place an outbound call, send an SMS, get a call's transcript..."`
	Limit int    `json:"limit,omitempty" jsonschema:"how many operations to return (default 5)"`
}

// OperationMatch is one operation found by search_operations.
type OperationMatch struct {
	ID            string  `json:"id" jsonschema:"pass as operation_id to describe_operation and execute_operation"`
	Summary       string  `json:"summary"`
	Method        string  `json:"method"`
	Path          string  `json:"path"`
	ReadOnly      bool    `json:"read_only"`
	ReachesPerson bool    `json:"reaches_person,omitempty" jsonschema:"it calls or messages someone: the user is asked to confirm"`
	Destructive   bool    `json:"destructive,omitempty" jsonschema:"it deletes or overwrites data: the user is asked to confirm"`
	Allowed       bool    `json:"allowed" jsonschema:"false when this server is read-only and the operation writes"`
	Score         float64 `json:"score" jsonschema:"relevance to the query: higher is better"`
}

// OperationMatches is the answer of search_operations.
type OperationMatches struct {
	Operations []OperationMatch `json:"operations"`
	Note       string           `json:"note,omitempty"`
}

type describeArgs struct {
	ID string `json:"operation_id" jsonschema:"an operation id from search_operations, e.g. calls.get"`
}

// OperationDescription is the answer of describe_operation.
type OperationDescription struct {
	ID            string `json:"id"`
	Method        string `json:"method"`
	Path          string `json:"path"`
	Summary       string `json:"summary"`
	Description   string `json:"description"`
	InputSchema   any    `json:"input_schema" jsonschema:"the JSON Schema of execute_operation's arguments for this operation"`
	ReadOnly      bool   `json:"read_only"`
	ReachesPerson bool   `json:"reaches_person,omitempty"`
	Destructive   bool   `json:"destructive,omitempty"`
	Paginated     bool   `json:"paginated,omitempty" jsonschema:"a listing: give page and per_page (at most 50) to page through it"`
	Confidence    string `json:"confidence,omitempty" jsonschema:"how sure the SDK is of the API's shape: documented, postman or secondary"`
	Allowed       bool   `json:"allowed" jsonschema:"false when this server is read-only and the operation writes"`
}

type executeArgs struct {
	ID        string         `json:"operation_id" jsonschema:"the operation id (search_operations finds it)"`
	Arguments map[string]any `json:"arguments,omitempty" jsonschema:"the operation's path, query and body fields, as describe_operation's input_schema says"`
}

// ExecuteResult is the answer of execute_operation.
type ExecuteResult struct {
	Operation string `json:"operation"`
	Result    any    `json:"result" jsonschema:"the operation's typed result (times in RFC 3339); null when the API answers nothing"`
	Items     int    `json:"items,omitempty" jsonschema:"items in a list result"`
	Truncated bool   `json:"truncated,omitempty" jsonschema:"the result was cut to stay small: narrow the query or page with smaller per_page"`
	NextPage  int    `json:"next_page,omitempty" jsonschema:"a list operation has more: run it again with this page"`
	Total     int    `json:"total,omitempty" jsonschema:"items in the whole listing, as Aircall counts them"`
	Note      string `json:"note,omitempty"`
}

// defaultPerPage is the page size execute_operation asks for when the
// arguments do not say.
const defaultPerPage = 20

// Bounds of the catalogue tools' answers.
const (
	maxSearchResults  = 10
	maxResultBytes    = 48 << 10
	maxDescriptionLen = 4000
)

// registerOperationTools adds search_operations, describe_operation and
// execute_operation on cat.
func (s *Server) registerOperationTools(cat *catalog) {
	addTool(s, spec[searchArgs]{
		name:  "search_operations",
		title: "Search Aircall operations by intent",
		set:   "operations",
		local: true,
		desc: "Finds the Aircall API operations that do what you describe (\"place an outbound call\", \"list calls from " +
			"the last 24 hours\", \"pause the recording\"), best first, with their id, summary, method and path. " +
			"Then describe_operation gives the arguments, and execute_operation runs it.",
		schema: func(sc *jsonschema.Schema) {
			bounds(sc, "limit", 1, maxSearchResults)
			one := 1
			prop(sc, "query").MinLength = &one
		},
	}, func(_ context.Context, a searchArgs) (OperationMatches, error) {
		n := 5
		if a.Limit > 0 {
			n = min(a.Limit, maxSearchResults)
		}
		out := OperationMatches{Operations: []OperationMatch{}}
		for _, r := range cat.rank.rank(a.Query, n) {
			o := cat.byID[r.doc.ID]
			out.Operations = append(out.Operations, OperationMatch{
				ID: o.ID, Summary: o.Summary, Method: o.Method, Path: o.Path, ReadOnly: o.ReadOnly,
				ReachesPerson: o.ReachesPerson, Destructive: o.Destructive, Allowed: s.allowed(o),
				Score: float64(int(r.score*10)) / 10,
			})
		}
		if len(out.Operations) == 0 {
			out.Note = "no operation matches; try other words (what you want to do, and to what: calls, contacts, users, numbers, messages, webhooks, tags, teams)"
		}
		return out, nil
	})

	addTool(s, spec[describeArgs]{
		name:  "describe_operation",
		title: "Describe an Aircall operation",
		set:   "operations",
		local: true,
		desc:  "Gives an operation's description and the JSON Schema of its arguments, to call execute_operation with.",
	}, func(_ context.Context, a describeArgs) (OperationDescription, error) {
		o, err := cat.find(a.ID)
		if err != nil {
			return OperationDescription{}, err
		}
		var schema any = map[string]any{"type": "object"}
		if len(o.InputSchema) > 0 {
			if err := json.Unmarshal(o.InputSchema, &schema); err != nil {
				return OperationDescription{}, err
			}
		}
		return OperationDescription{
			ID: o.ID, Method: o.Method, Path: o.Path, Summary: o.Summary, Description: shorten(o.Description, maxDescriptionLen),
			InputSchema: schema, ReadOnly: o.ReadOnly, ReachesPerson: o.ReachesPerson, Destructive: o.Destructive,
			Paginated: o.Paginated, Confidence: o.Confidence, Allowed: s.allowed(o),
		}, nil
	})

	addTool(s, spec[executeArgs]{
		name:  "execute_operation",
		title: "Run an Aircall operation",
		set:   "operations",
		desc: "Runs an Aircall API operation by id with its arguments (validated against describe_operation's " +
			"input_schema) and returns its typed result. Operations that call or message someone, or delete data, " +
			"ask the user to confirm; in read-only mode, operations that write are refused.",
		annotate: func(a *mcp.ToolAnnotations) {
			w := s.cfg.AllowWrites
			a.ReadOnlyHint, a.DestructiveHint, a.IdempotentHint = !w, &w, !w
		},
		check: func(a executeArgs) error {
			o, err := cat.find(a.ID)
			if err != nil {
				return err
			}
			if !s.allowed(o) {
				return fmt.Errorf("%s (%s %s) changes Aircall and this server is read-only: it runs with --allow-writes only", o.ID, o.Method, o.Path)
			}
			return validateArgs(o, a.Arguments)
		},
		confirm: func(a executeArgs) string {
			o := cat.byID[a.ID]
			if o == nil || !o.needsConfirmation() {
				return ""
			}
			args, _ := json.MarshalIndent(a.Arguments, "", "  ")
			return fmt.Sprintf("Run this Aircall operation now?\n\n%s — %s (%s %s)\n%s", o.ID, o.Summary, o.Method, o.Path, args)
		},
	}, func(ctx context.Context, a executeArgs) (ExecuteResult, error) {
		o := cat.byID[a.ID]
		args := maps.Clone(a.Arguments)
		if args == nil {
			args = map[string]any{}
		}
		if _, set := args["per_page"]; !set && o.Paginated && slices.Contains(o.Params, "per_page") {
			args["per_page"] = defaultPerPage // one small page unless asked otherwise
		}
		raw, err := json.Marshal(args)
		if err != nil {
			return ExecuteResult{}, err
		}
		res, meta, err := cat.invoke(ctx, o.ID, raw)
		if err != nil {
			return ExecuteResult{}, errors.New(s.explain(err, !o.ReadOnly).Error())
		}
		out, err := boundResult(o.ID, res)
		if err != nil {
			return out, err
		}
		if meta != nil {
			out.NextPage, out.Total = meta.NextPage(), meta.Total
		}
		return out, nil
	})
}

// allowed reports whether this server may run o.
func (s *Server) allowed(o *operation) bool { return o.ReadOnly || s.cfg.AllowWrites }

func (c *catalog) find(id string) (*operation, error) {
	if o, ok := c.byID[strings.TrimSpace(id)]; ok {
		return o, nil
	}
	var near []string
	for _, r := range c.rank.rank(strings.NewReplacer(".", " ", "_", " ").Replace(id), 3) {
		near = append(near, r.doc.ID)
	}
	if len(near) > 0 {
		return nil, fmt.Errorf("no operation %q; did you mean %s? (search_operations finds operations by intent)", id, strings.Join(near, ", "))
	}
	return nil, fmt.Errorf("no operation %q; search_operations finds operations by intent", id)
}

// validateArgs checks args against o's input schema before anything is sent.
func validateArgs(o *operation, args map[string]any) error {
	if o.resolved == nil {
		return nil
	}
	var v any = args
	if args == nil {
		v = map[string]any{}
	}
	if err := o.resolved.Validate(v); err != nil {
		return fmt.Errorf("arguments do not match %s's input schema (see describe_operation): %v", o.ID, err)
	}
	return nil
}

// boundResult makes the answer of an operation: its JSON, cut to
// maxResultBytes by dropping the last items of a list.
func boundResult(id string, res any) (ExecuteResult, error) {
	b, err := json.Marshal(res)
	if err != nil {
		return ExecuteResult{}, err
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return ExecuteResult{}, err
	}
	out := ExecuteResult{Operation: id, Result: v}
	items, isList := v.([]any)
	if isList {
		out.Items = len(items)
	} else if res == nil || (reflect.ValueOf(res).Kind() == reflect.Pointer && reflect.ValueOf(res).IsNil()) {
		out.Note = "done; the API answers no content for this operation"
	}
	if len(b) <= maxResultBytes {
		return out, nil
	}
	if !isList {
		return ExecuteResult{}, fmt.Errorf("the result of %s is larger than %d KB; narrow the request", id, maxResultBytes>>10)
	}
	size := 2
	keep := 0
	for _, it := range items {
		ib, _ := json.Marshal(it)
		if size+len(ib)+1 > maxResultBytes {
			break
		}
		size += len(ib) + 1
		keep++
	}
	out.Result, out.Items, out.Truncated = items[:keep], keep, true
	out.Note = fmt.Sprintf("%d of %d items returned to stay small; ask for fewer (per_page) or narrow the filters", keep, len(items))
	return out, nil
}
