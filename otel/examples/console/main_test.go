package main

import (
	"bytes"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRun_fake(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		var stdout, stderr bytes.Buffer
		require.NoError(t, run(t.Context(), func(string) string { return "" }, &stdout, &stderr))
		out := stdout.String()
		for _, want := range []string{
			`"Name": "GET /v1/ping"`,
			`"Name": "GET /v1/calls"`,
			`"Name": "GET /v1/contacts/search"`,
			`"Key": "url.template"`,
			`"Key": "http.request.resend_count"`,
			`"Name": "aircall.retry"`,
			`"Name": "aircall.client.operation.duration"`,
			`"Name": "aircall.client.rate_limited"`,
			`"Name": "http.client.request.duration"`,
		} {
			assert.True(t, strings.Contains(out, want), "missing %s", want)
		}
		assert.False(t, strings.Contains(out, "664673697"), "the searched number stays out")
		assert.False(t, strings.Contains(out, "phone_number"), "no query string")
		assert.Contains(t, stderr.String(), "in-memory fake")
		assert.True(t, strings.Contains(stderr.String(), "contacts with that number"))
	})
}
