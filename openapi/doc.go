// Package openapi generates aircall.openapi.json, an OpenAPI 3.1 document of
// the Aircall Public API, from the aircall-go SDK's operation catalogue
// (aircall.Operations) and Go types. Regenerate it with `go generate` in
// this directory.
package openapi

//go:generate go run ./cmd/genopenapi aircall.openapi.json
