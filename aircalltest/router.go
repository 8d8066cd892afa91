package aircalltest

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// route is one operation of the API: a method, a path pattern whose ":name"
// segments capture parameters, and its handler.
type route struct {
	method string
	segs   []string
	public bool // served without credentials (OAuth token exchange, downloads)
	h      func(*exchange)
}

// router matches requests against the routes in the order they were added,
// so literal paths ("/v1/calls/search") go before parameters ("/v1/calls/:id").
type router struct{ routes []route }

func (rt *router) handle(method, pattern string, h func(*exchange)) {
	rt.routes = append(rt.routes, route{method: method, segs: splitPath(pattern), h: h})
}

func (rt *router) public(method, pattern string, h func(*exchange)) {
	rt.handle(method, pattern, h)
	rt.routes[len(rt.routes)-1].public = true
}

// match returns the route for method and path with its parameters. When the
// path exists only for other methods, it returns nil and those methods.
func (rt *router) match(method, path string) (*route, map[string]string, []string) {
	segs := splitPath(path)
	var allowed []string
	for i := range rt.routes {
		r := &rt.routes[i]
		params, ok := matchSegs(r.segs, segs)
		if !ok {
			continue
		}
		if r.method == method {
			return r, params, nil
		}
		if !slices.Contains(allowed, r.method) {
			allowed = append(allowed, r.method)
		}
	}
	return nil, nil, allowed
}

func splitPath(p string) []string {
	p = strings.Trim(p, "/")
	if p == "" {
		return nil
	}
	return strings.Split(p, "/")
}

func matchSegs(pattern, segs []string) (map[string]string, bool) {
	if len(pattern) != len(segs) {
		return nil, false
	}
	var params map[string]string
	for i, p := range pattern {
		if strings.HasPrefix(p, ":") {
			if segs[i] == "" {
				return nil, false
			}
			if params == nil {
				params = map[string]string{}
			}
			params[p[1:]] = segs[i]
			continue
		}
		if p != segs[i] {
			return nil, false
		}
	}
	return params, true
}

// exchange is one request being served: the request, the writer, the path
// parameters and who sent it.
type exchange struct {
	s      *Server
	w      http.ResponseWriter
	r      *http.Request
	params map[string]string
	cred   credential
}

// param returns a path parameter.
func (x *exchange) param(name string) string { return x.params[name] }

// id parses a numeric path parameter; it answers 404 and returns false when
// the parameter is not a positive integer (no such resource can exist).
func (x *exchange) id(name, what string) (int64, bool) {
	v, err := strconv.ParseInt(x.param(name), 10, 64)
	if err != nil || v <= 0 {
		x.notFound(what)
		return 0, false
	}
	return v, true
}
