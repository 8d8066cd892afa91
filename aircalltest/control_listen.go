package aircalltest

import (
	"net"
	"net/http"
	"net/http/httptest"
)

// WithListener serves the fake on l instead of a new loopback port: a fixed
// address such as 127.0.0.1:4010, for a fake shared by several processes or
// languages (that is how "aircall fake serve" starts it). The URL becomes
// http://<l.Addr()>; Close closes l. It panics on a nil listener.
func WithListener(l net.Listener) ServerOption {
	return func(c *config) {
		if l == nil {
			panic("aircalltest: WithListener(nil)")
		}
		c.listener = l
	}
}

// startListener starts the httptest server on l, or on a new loopback port.
func startListener(h http.Handler, l net.Listener) *httptest.Server {
	if l == nil {
		return httptest.NewServer(h)
	}
	ts := httptest.NewUnstartedServer(h)
	_ = ts.Listener.Close()
	ts.Listener = l
	ts.Start()
	return ts
}
