package cli

import (
	"context"
	"encoding/json"

	"github.com/aircall-go/aircall"
)

// catalogue returns the operations of the SDK's catalogue (aircall.Operations).
func catalogue() []opSpec {
	ops := aircall.Operations()
	out := make([]opSpec, 0, len(ops))
	for _, op := range ops {
		var schema struct {
			Properties map[string]struct {
				Items struct {
					Type string `json:"type"`
					Ref  string `json:"$ref"`
				} `json:"items"`
			} `json:"properties"`
		}
		_ = json.Unmarshal(op.InputSchema, &schema)
		spec := opSpec{
			ID: op.ID, Method: op.Method, Path: op.Path, Summary: op.Summary, Description: op.Description,
			GoMethods: op.GoMethods, Paginated: op.Paginated, Destructive: op.Destructive,
			ReachesPerson: op.ReachesPerson, ResponseKey: op.ResponseKey,
		}
		for _, p := range op.Params {
			items := schema.Properties[p.Name].Items
			if items.Type == "" && items.Ref != "" {
				items.Type = "object"
			}
			spec.Params = append(spec.Params, paramSpec{
				Name: p.Name, In: p.In, Type: p.Type, Format: p.Format, Description: p.Description,
				Required: p.Required, Enum: p.Enum, Items: items.Type,
			})
		}
		out = append(out, spec)
	}
	return out
}

// invokeOp runs an operation through the SDK (Client.Invoke): its
// validation, quirks, pacing and retries.
func invokeOp(ctx context.Context, cl *aircall.Client, id string, args json.RawMessage) (any, *aircall.Response, error) {
	return cl.Invoke(ctx, id, args)
}
