package aircallmcp_test

import (
	"context"
	"fmt"
	"log"

	"github.com/aircall-go/aircall/aircalltest"
	aircallmcp "github.com/aircall-go/aircall/mcp"
	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// An MCP client talking to the server in memory, on a fake Aircall: the
// server is read-only, so only the tools that read are listed.
func ExampleNew() {
	fake := aircalltest.NewServer(aircalltest.InMemory())
	defer fake.Close()
	srv, err := aircallmcp.New(fake.Client(), aircallmcp.Config{Toolsets: []string{"calls", "contacts"}})
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	ct, st := mcp.NewInMemoryTransports()
	if _, err := srv.MCP().Connect(ctx, st, nil); err != nil {
		log.Fatal(err)
	}
	cs, err := mcp.NewClient(&mcp.Implementation{Name: "example"}, nil).Connect(ctx, ct, nil)
	if err != nil {
		log.Fatal(err)
	}
	defer cs.Close()
	for tool, err := range cs.Tools(ctx, nil) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(tool.Name, tool.Annotations.ReadOnlyHint)
	}
	// Unordered output:
	// list_calls true
	// get_call true
	// find_contacts true
	// get_contact true
}
