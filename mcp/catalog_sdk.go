package aircallmcp

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/aircall-go/aircall"
)

// registerOperations adds the catalogue tools on the SDK's operation
// catalogue, running operations through Client.Invoke.
func (s *Server) registerOperations() {
	if !s.sets["operations"] {
		return
	}
	cat, err := sdkCatalog(s.client)
	if err != nil {
		panic(err) // the catalogue is generated and tested with the SDK
	}
	s.registerOperationTools(cat)
}

// sdkCatalog is the SDK's catalogue, run by client.
func sdkCatalog(client *aircall.Client) (*catalog, error) {
	all := aircall.Operations()
	ops := make([]*operation, 0, len(all))
	for _, o := range all {
		params := make([]string, 0, len(o.Params))
		for _, p := range o.Params {
			params = append(params, p.Name)
		}
		ops = append(ops, &operation{
			ID: o.ID, Method: o.Method, Path: o.Path, Summary: o.Summary, Description: o.Description,
			Service: o.Service, Confidence: o.Confidence, Params: params,
			ReadOnly: o.ReadOnly, Destructive: o.Destructive, ReachesPerson: o.ReachesPerson, Paginated: o.Paginated,
			InputSchema: o.InputSchema,
		})
	}
	return newCatalog(ops, func(ctx context.Context, id string, args json.RawMessage) (any, *aircall.Meta, error) {
		res, resp, err := client.Invoke(ctx, id, args)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", id, err)
		}
		if resp != nil {
			return res, resp.Meta, nil
		}
		return res, nil, nil
	})
}
