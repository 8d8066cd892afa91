// Command genopenapi writes the OpenAPI document of the Aircall API to the
// file named by its argument.
package main

import (
	"fmt"
	"os"

	"github.com/aircall-go/aircall/openapi"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: genopenapi FILE")
		os.Exit(2)
	}
	b, err := openapi.Generate()
	if err == nil {
		err = os.WriteFile(os.Args[1], b, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
