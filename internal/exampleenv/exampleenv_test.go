package exampleenv_test

import (
	"bytes"
	"testing"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/aircall-go/aircall/internal/exampleenv"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestConnect_credentialsAndBaseURL(t *testing.T) {
	t.Parallel()
	s := aircalltest.NewServer(aircalltest.WithDemoData())
	t.Cleanup(s.Close)
	var stderr bytes.Buffer
	c, perMinute, done, err := exampleenv.Connect(env(map[string]string{
		"AIRCALL_API_ID": aircalltest.DefaultAPIID, "AIRCALL_API_TOKEN": aircalltest.DefaultAPIToken,
		"AIRCALL_BASE_URL": s.URL(),
	}), &stderr, exampleenv.Options{What: "using"})
	require.NoError(t, err)
	defer done()
	assert.Equal(t, aircall.DefaultRequestsPerMinute, perMinute)
	assert.Empty(t, stderr.String(), "no fake announced when credentials are set")
	_, err = c.Ping(t.Context())
	require.NoError(t, err)
	assert.Equal(t, 1, s.Stats().Requests)
}

func TestConnect_fakeWithoutCredentials(t *testing.T) {
	t.Parallel()
	var stderr bytes.Buffer
	c, perMinute, done, err := exampleenv.Connect(env(nil), &stderr, exampleenv.Options{What: "using"})
	require.NoError(t, err)
	defer done()
	assert.Zero(t, perMinute)
	assert.Contains(t, stderr.String(), "using aircalltest")
	_, err = c.Ping(t.Context())
	require.NoError(t, err)
}

func TestConnect_badRateLimit(t *testing.T) {
	t.Parallel()
	for _, v := range []string{"0", "-3", "fast"} {
		_, _, _, err := exampleenv.Connect(env(map[string]string{"AIRCALL_ACCESS_TOKEN": "tok", "AIRCALL_RATE_LIMIT": v}), &bytes.Buffer{}, exampleenv.Options{})
		assert.ErrorContains(t, err, "AIRCALL_RATE_LIMIT", v)
	}
	_, per, _, err := exampleenv.Connect(env(map[string]string{"AIRCALL_ACCESS_TOKEN": "tok", "AIRCALL_RATE_LIMIT": "120"}), &bytes.Buffer{}, exampleenv.Options{})
	require.NoError(t, err)
	assert.Equal(t, 120, per)
}
