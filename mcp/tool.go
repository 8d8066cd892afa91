package aircallmcp

import (
	"context"
	"fmt"

	"github.com/google/jsonschema-go/jsonschema"
	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// effect is what a tool does to the world, which decides its annotations,
// whether read-only mode hides it, and whether the user must confirm.
type effect int

const (
	reads    effect = iota // reads only
	adds                   // changes Aircall data, additively (tag, comment, create)
	reaches                // reaches a person: a call rings, a message is sent (confirmed)
	destroys               // deletes or overwrites data (confirmed)
)

// spec describes one tool.
type spec[In any] struct {
	name, title, desc string
	set               string // toolset
	effect            effect
	idempotent        bool
	local             bool // answers from this server alone (not open-world)
	// schema adjusts the input schema inferred from In (enums, bounds).
	schema func(*jsonschema.Schema)
	// check validates the arguments before anything else (confirmation
	// included), for what the schema cannot say.
	check func(In) error
	// confirm returns the question put to the user before the tool acts,
	// or "" when no confirmation is needed. Required for reaches and destroys.
	confirm func(In) string
	// annotate overrides the annotations derived from effect (execute_operation).
	annotate func(*mcp.ToolAnnotations)
}

// addTool registers a tool unless its toolset is off or it writes in
// read-only mode. The handler runs under the call timeout, after the
// user's confirmation when the spec asks for one; its errors are explained
// for agents (explain).
func addTool[In, Out any](s *Server, sp spec[In], h func(context.Context, In) (Out, error)) {
	if !s.sets[sp.set] || (sp.effect != reads && !s.cfg.AllowWrites) {
		return
	}
	in, err := jsonschema.For[In](nil)
	if err != nil {
		panic(fmt.Sprintf("aircallmcp: tool %s: input schema: %v", sp.name, err))
	}
	if sp.schema != nil {
		sp.schema(in)
	}
	t := &mcp.Tool{
		Name:        sp.name,
		Title:       sp.title,
		Description: sp.desc,
		InputSchema: in,
		Annotations: annotations(sp.title, sp.effect, sp.idempotent, !sp.local),
	}
	if sp.annotate != nil {
		sp.annotate(t.Annotations)
	}
	if (sp.effect == reaches || sp.effect == destroys) && sp.confirm == nil {
		panic("aircallmcp: tool " + sp.name + " reaches a person or destroys data but asks no confirmation")
	}
	write := sp.effect != reads
	mcp.AddTool(s.mcp, t, func(ctx context.Context, req *mcp.CallToolRequest, args In) (*mcp.CallToolResult, Out, error) {
		var zero Out
		if sp.check != nil {
			if err := sp.check(args); err != nil {
				return nil, zero, fmt.Errorf("%w (nothing was sent to Aircall)", err)
			}
		}
		if sp.confirm != nil {
			if q := sp.confirm(args); q != "" {
				ask, err := s.confirm(req, sp.name, args, q)
				if err != nil || ask != nil {
					return ask, zero, err
				}
			}
		}
		ctx, cancel := context.WithTimeout(ctx, s.cfg.CallTimeout)
		defer cancel()
		out, err := h(ctx, args)
		if err != nil {
			return nil, zero, s.explain(err, write)
		}
		return nil, out, nil
	})
	s.tools = append(s.tools, t)
}

func annotations(title string, e effect, idempotent, openWorld bool) *mcp.ToolAnnotations {
	destructive := e == destroys
	return &mcp.ToolAnnotations{
		Title:           title,
		ReadOnlyHint:    e == reads,
		DestructiveHint: &destructive,
		IdempotentHint:  idempotent || e == reads,
		OpenWorldHint:   &openWorld,
	}
}

// prop returns the property name of schema s, failing loudly on a typo so
// that schema tweaks cannot silently miss.
func prop(s *jsonschema.Schema, name string) *jsonschema.Schema {
	p, ok := s.Properties[name]
	if !ok {
		panic("aircallmcp: schema has no property " + name)
	}
	return p
}

func bounds(s *jsonschema.Schema, name string, lo, hi float64) {
	p := prop(s, name)
	p.Minimum, p.Maximum = &lo, &hi
}

func enum(s *jsonschema.Schema, name string, values ...string) {
	p := prop(s, name)
	for _, v := range values {
		p.Enum = append(p.Enum, v)
	}
}

func format(s *jsonschema.Schema, name, f string) { prop(s, name).Format = f }
