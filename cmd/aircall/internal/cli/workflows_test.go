package cli

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCallsTag_createsMissingTagsByName(t *testing.T) {
	t.Parallel()
	e, s := fakeEnv(t, aircalltest.WithDemoData())
	r := e.run(t, "", "calls", "tag", "841", "--tag", "feedback", "--tag", "follow_up", "--jq", ".name")
	require.Equal(t, ExitOK, r.code, r.err)
	assert.Equal(t, "Feedback\nfollow_up\n", r.out)
	tags, _, err := s.Client().Tags.List(t.Context(), nil)
	require.NoError(t, err)
	assert.Len(t, tags, 4)
	assert.Equal(t, ExitUsage, e.run(t, "", "calls", "tag", "841").code)
}

func TestCallsDownloadRecording_writesTheFile(t *testing.T) {
	t.Parallel()
	media := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		assert.Empty(t, r.Header.Get("Authorization"), "no Aircall credentials to the storage host")
		_, _ = w.Write([]byte("ID3 fake mp3"))
	}))
	t.Cleanup(media.Close)
	e, s := fakeEnv(t, aircalltest.WithDemoData())
	c := s.AddCall(aircall.Call{Recording: media.URL + "/rec.mp3"})
	out := filepath.Join(t.TempDir(), "rec.mp3")
	r := e.run(t, "", "calls", "download-recording", jsonString(c.ID), "--output", out)
	require.Equal(t, ExitOK, r.code, r.err)
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, "ID3 fake mp3", string(b))

	r = e.run(t, "", "calls", "download-voicemail", jsonString(c.ID), "--output", out)
	assert.Equal(t, ExitNotFound, r.code, r.err)
}
