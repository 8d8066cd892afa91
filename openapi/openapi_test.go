package openapi

import (
	"context"
	"os"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/require"
)

const docFile = "aircall.openapi.json"

// TestDocumentIsFresh regenerates the document and fails when the committed
// one differs: run `go generate` in openapi/ after changing the SDK.
func TestDocumentIsFresh(t *testing.T) {
	t.Parallel()
	want, err := Generate()
	require.NoError(t, err)
	got, err := os.ReadFile(docFile)
	require.NoError(t, err)
	require.True(t, string(want) == string(got), "%s is stale: run `go generate` in openapi/", docFile)
}

var loaded = sync.OnceValues(func() (*openapi3.T, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromFile(docFile)
	if err != nil {
		return nil, err
	}
	return doc, doc.Validate(loader.Context)
})

// loadDoc loads and validates the committed document.
func loadDoc(t *testing.T) *openapi3.T {
	t.Helper()
	doc, err := loaded()
	require.NoError(t, err)
	return doc
}

// TestDocumentValidates checks the document is valid OpenAPI 3.1.
func TestDocumentValidates(t *testing.T) {
	t.Parallel()
	doc := loadDoc(t)
	require.True(t, doc.IsOpenAPI31OrLater())
	require.NoError(t, doc.Validate(context.Background()))
}
