// Command gencatalog writes the SDK's operation catalogue,
// zz_operations_gen.go, from the //aircall:operation directives, the
// methods' doc comments and the Go types of the root package. `go generate`
// at the module root runs it.
//
// With -reference FILE it first rewrites testdata/operation_errors.txt from
// the Aircall API reference's "code description" tables.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/aircall-go/aircall/internal/catalog"
)

func main() {
	root := flag.String("root", ".", "the module root (the directory of the root package)")
	out := flag.String("out", "zz_operations_gen.go", "the file to write, relative to -root")
	reference := flag.String("reference", "", "optional: the API reference text to re-extract error codes from")
	flag.Parse()
	if err := run(*root, *out, *reference); err != nil {
		fmt.Fprintln(os.Stderr, "gencatalog:", err)
		os.Exit(1)
	}
}

func run(root, out, reference string) error {
	if reference != "" {
		errs, err := catalog.ExtractErrors(reference)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(root, "testdata", "operation_errors.txt"), errs, 0o644); err != nil {
			return err
		}
	}
	src, err := catalog.Generate(root)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(root, out), src, 0o644)
}
