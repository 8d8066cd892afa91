package aircall

import (
	"encoding/json"
	"strings"
)

//go:generate go run ./internal/cmd/gencatalog

// Operation describes one Aircall API operation the SDK covers: what it
// does, how it is called, what it takes and returns, and what it touches.
// Operations, OperationByID and MatchOperation give the catalogue; tools
// (an MCP server, a command line, an OpenAPI document) are built on it.
type Operation struct {
	// ID is the operation's stable name: the service and the method in
	// snake_case, such as "calls.get", "calls.list" or "messaging.send".
	ID string
	// Method is the HTTP method, such as "GET".
	Method string
	// Path is the path template, with :name placeholders: "/v1/calls/:id".
	Path string
	// Summary is the first sentence of the method's documentation.
	Summary string
	// Description is the method's whole documentation, paragraphs separated
	// by blank lines.
	Description string
	// Service is the Client field serving the operation ("Calls"), or
	// "Client" for the methods of Client itself (Ping, ExchangeOAuthCode).
	Service string
	// GoMethods names every SDK method calling the operation, such as
	// "CallsService.List" and "CallsService.ListIter".
	GoMethods []string
	// Params lists the path, query and body parameters, top level only
	// (InputSchema has the nested shapes).
	Params []Param
	// Request is the Go type of the request body argument, such as
	// "*CreateContactRequest"; empty when the body is built from plain
	// arguments or there is none.
	Request string
	// Response is the Go type Invoke returns, such as "*Call" or "[]*Call";
	// empty when the API answers without content.
	Response string
	// ResponseKey is the key of the JSON envelope wrapping the answer, such
	// as "call" or "calls"; empty when the answer is not wrapped or the SDK
	// decodes it otherwise.
	ResponseKey string
	// Paginated reports whether the operation answers page by page.
	Paginated bool
	// Errors lists the HTTP error codes the API reference documents for the
	// operation (any operation can also answer 401, 429 and 5xx).
	Errors []int
	// ReadOnly reports whether the operation only reads data (GET).
	ReadOnly bool
	// Destructive reports whether the operation deletes or overwrites
	// existing data.
	Destructive bool
	// Idempotent reports whether repeating the operation has the same effect
	// as doing it once (GET, PUT, DELETE).
	Idempotent bool
	// ReachesPerson reports whether the operation rings a phone or sends a
	// message to someone.
	ReachesPerson bool
	// Confidence says how sure the SDK is of the operation's shape:
	// "documented" (the API reference), "guides" (Aircall's developer guides
	// or Help Center), "secondary" (published third-party integrations) or
	// "undocumented".
	Confidence string
	// InputSchema is the JSON Schema (draft 2020-12) of the arguments object
	// Invoke takes: path parameters, query options and body fields, with
	// nested types under $defs.
	InputSchema json.RawMessage
}

// Param is one parameter of an operation.
type Param struct {
	// Name is the parameter's name on the wire, also its key in Invoke's
	// arguments.
	Name string
	// In says where it is sent: "path", "query" or "body".
	In string
	// Type is its JSON type: "string", "integer", "number", "boolean",
	// "array" or "object".
	Type string
	// Format refines Type, such as "int64" or "date-time".
	Format string
	// Description is the parameter's documentation.
	Description string
	// Required reports whether the API needs it.
	Required bool
	// Enum lists the values the SDK knows, when it knows them.
	Enum []string
}

// Operations returns every operation the SDK covers, sorted by ID. The
// slice is a copy; the operations share their inner slices with the
// catalogue, so do not modify them.
func Operations() []Operation {
	return append([]Operation(nil), operations...)
}

// OperationByID returns the operation with the given ID, such as
// "calls.get".
func OperationByID(id string) (Operation, bool) {
	if i, ok := operationIndex[id]; ok {
		return operations[i], true
	}
	return Operation{}, false
}

// MatchOperation returns the operation a request is for, from its method
// and its path as sent ("/v1/calls/42?fetch_contact=true"; a query, a
// fragment, a trailing slash and a scheme and host are ignored). It does not
// allocate.
func MatchOperation(method, path string) (Operation, bool) {
	if i := operationRoutes.match(method, path); i >= 0 {
		return operations[i], true
	}
	return Operation{}, false
}

var (
	operationIndex  = indexOperations()
	operationRoutes = newRouteTree()
)

func indexOperations() map[string]int {
	m := make(map[string]int, len(operations))
	for i, op := range operations {
		m[op.ID] = i
	}
	return m
}

// routeNode is a node of the path tree: literal segments first, then one
// placeholder child.
type routeNode struct {
	literal map[string]*routeNode
	param   *routeNode
	ops     map[string]int // method -> index in operations
}

func newRouteTree() *routeNode {
	root := &routeNode{}
	for i, op := range operations {
		n := root
		for _, seg := range strings.Split(strings.Trim(op.Path, "/"), "/") {
			if strings.HasPrefix(seg, ":") {
				if n.param == nil {
					n.param = &routeNode{}
				}
				n = n.param
				continue
			}
			if n.literal == nil {
				n.literal = map[string]*routeNode{}
			}
			next := n.literal[seg]
			if next == nil {
				next = &routeNode{}
				n.literal[seg] = next
			}
			n = next
		}
		if n.ops == nil {
			n.ops = map[string]int{}
		}
		n.ops[op.Method] = i
	}
	return root
}

func (n *routeNode) match(method, path string) int {
	if i := strings.Index(path, "://"); i >= 0 { // a whole URL: drop scheme and host
		rest := path[i+3:]
		j := strings.IndexByte(rest, '/')
		if j < 0 {
			return -1
		}
		path = rest[j:]
	}
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	path = strings.Trim(path, "/")
	if method == "" {
		method = "GET"
	}
	return n.walk(method, path)
}

// walk matches the rest of a path (segments without leading slash),
// preferring literal segments and backtracking to placeholders.
func (n *routeNode) walk(method, rest string) int {
	if rest == "" {
		if i, ok := n.ops[method]; ok {
			return i
		}
		return -1
	}
	seg, tail := rest, ""
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		seg, tail = rest[:i], rest[i+1:]
	}
	if next := n.literal[seg]; next != nil {
		if i := next.walk(method, tail); i >= 0 {
			return i
		}
	}
	if n.param != nil && seg != "" {
		return n.param.walk(method, tail)
	}
	return -1
}
