package aircall_test

import (
	"github.com/aircall-go/aircall/aircalltest"
)

// exampleServer starts the in-memory fake Aircall API the examples run
// against, so each one runs and checks its output. Real code builds its
// client with aircall.NewClient(aircall.WithBasicAuth(apiID, apiToken))
// (or WithBearerToken) instead of calling s.Client().
func exampleServer(opts ...aircalltest.ServerOption) *aircalltest.Server {
	return aircalltest.NewServer(append([]aircalltest.ServerOption{aircalltest.InMemory()}, opts...)...)
}
