package openapi

import "github.com/google/jsonschema-go/jsonschema"

func securitySchemes() obj {
	return obj{
		"basicAuth": obj{"type": "http", "scheme": "basic",
			"description": "An API ID and API token from the Aircall Dashboard (Integrations & API), as the user name and password."},
		"oauth2": obj{"type": "oauth2",
			"description": "For apps installed by Aircall admins: the authorization code flow, then the access token as a Bearer token.",
			"flows": obj{"authorizationCode": obj{
				"authorizationUrl": "https://dashboard.aircall.io/oauth/authorize",
				"tokenUrl":         "https://api.aircall.io/v1/oauth/token",
				"scopes":           obj{"public_api": "Access to the Public API on behalf of the company that installed the app."},
			}},
		},
	}
}

var rateHeaderDocs = map[string]string{
	"X-AircallApi-Limit":     "The number of requests the company may send per window (60 per minute by default).",
	"X-AircallApi-Remaining": "The number of requests left in the current window.",
	"X-AircallApi-Reset":     "When the window resets, in unix seconds.",
}

func rateHeaders() obj {
	out := obj{}
	for name, d := range rateHeaderDocs {
		out[name] = obj{"description": d, "schema": obj{"type": "integer"}}
	}
	return out
}

func rateHeaderRefs() obj {
	out := obj{}
	for name := range rateHeaderDocs {
		out[name] = obj{"$ref": "#/components/headers/" + name}
	}
	return out
}

// errorSchema is the body of an error answer: error and troubleshoot are
// strings in most answers, other shapes in a few.
func errorSchema() *jsonschema.Schema {
	anyJSON := &jsonschema.Schema{Description: "Usually a string; some endpoints send an object or a list."}
	return &jsonschema.Schema{
		Type:        "object",
		Description: "An error answer. The SDK turns it into an *aircall.ErrorResponse.",
		Properties: map[string]*jsonschema.Schema{
			"error":        anyJSON,
			"troubleshoot": anyJSON,
			"message":      anyJSON,
			"errors":       anyJSON,
		},
	}
}

func errorResponses() obj {
	content := obj{"application/json": obj{"schema": obj{"$ref": "#/components/schemas/Error"}}}
	return obj{
		"Error": obj{"description": "An error: 400 bad request, 401 bad credentials, 403 forbidden (plan or scope), 404 not found, 422 invalid, 429 rate limited (wait until X-AircallApi-Reset), 5xx server error.",
			"headers": rateHeaderRefs(), "content": content},
		"BadRequestPaginated": obj{"description": "Bad request; in particular, a page past the first 10,000 items (page × per_page > 10,000) answers 400 with the message \"Your query is limited to 10k results and pagination is out of bound, please use timestamps or other filters.\": narrow the query by time instead.",
			"headers": rateHeaderRefs(), "content": content},
	}
}
