package openapi

import (
	"reflect"

	"github.com/aircall-go/aircall"
	"github.com/google/jsonschema-go/jsonschema"
)

// webhooks describes every event the SDK knows: what Aircall POSTs to a
// Webhook's URL, the data typed per event.
func webhooks(g *schemas, types map[string]reflect.Type) (obj, error) {
	if err := g.component(reflect.TypeOf(aircall.WebhookEvent{})); err != nil {
		return nil, err
	}
	out := obj{}
	for _, ev := range aircall.EventTypes() {
		data := &jsonschema.Schema{Description: "Not modelled by the SDK."}
		if name := ev.DataType(); name != "" {
			s, err := typeSchema(g, types, name)
			if err != nil {
				return nil, err
			}
			data = s
		}
		payload := &jsonschema.Schema{
			AllOf: []*jsonschema.Schema{ref("WebhookEvent")},
			Properties: map[string]*jsonschema.Schema{
				"event":    {Const: ptr[any](string(ev))},
				"resource": {Const: ptr[any](ev.Resource())},
				"data":     data,
			},
			Required: []string{"event", "resource", "timestamp", "token", "data"},
		}
		out[string(ev)] = obj{"post": obj{
			"operationId": "webhook." + string(ev),
			"summary":     "The " + string(ev) + " event.",
			"description": g.docs.events[string(ev)],
			"tags":        []string{"Webhooks"},
			"requestBody": obj{"required": true, "content": obj{"application/json": obj{"schema": payload}}},
			"responses":   obj{"2XX": obj{"description": "Received. Any other answer, or none within 5 seconds, is a failure Aircall retries."}},
		}}
	}
	return out, nil
}

func ptr[T any](v T) *T { return &v }
