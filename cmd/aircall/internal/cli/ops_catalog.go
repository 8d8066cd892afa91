package cli

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/aircall-go/aircall"
)

// catalogue returns the operations of the SDK's catalogue.
// TODO(h19): aircall.Operations once the catalogue is on main.
func catalogue() []opSpec { return nil }

// invokeOp runs an operation through the SDK (Client.Invoke).
var invokeOp = func(ctx context.Context, cl *aircall.Client, id string, args json.RawMessage) (any, *aircall.Response, error) {
	return nil, nil, errors.New("operation catalogue not available")
}
