package aircall_test

import (
	"bytes"
	"context"
	"net/http"
	"testing"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var mp3 = []byte("ID3\x03\x00fake mp3 audio")

func TestDownloadRecording_found(t *testing.T) {
	t.Parallel()
	for _, mode := range []struct {
		name string
		opts []aircalltest.ServerOption
	}{{"in memory", []aircalltest.ServerOption{aircalltest.InMemory()}}, {"listener", nil}} {
		t.Run(mode.name, func(t *testing.T) {
			t.Parallel()
			s := aircalltest.NewServer(mode.opts...)
			defer s.Close()
			call := s.AddCall(aircall.Call{Direction: aircall.CallInbound})
			s.SetRecording(call.ID, mp3)
			var buf bytes.Buffer
			n, err := s.Client().Calls.DownloadRecording(t.Context(), call.ID, &buf)
			require.NoError(t, err)
			assert.Equal(t, int64(len(mp3)), n)
			assert.Equal(t, mp3, buf.Bytes())
			dl := s.MediaDownloads()
			require.Len(t, dl, 1)
			assert.False(t, dl[0].WithAuthorization, "no Aircall credentials sent to the storage host")
		})
	}
}

func TestDownloadVoicemail_expiredLinkRefetched(t *testing.T) {
	t.Parallel()
	s := aircalltest.NewServer(aircalltest.InMemory())
	defer s.Close()
	call := s.AddCall(aircall.Call{Direction: aircall.CallInbound})
	s.SetVoicemail(call.ID, mp3)
	// The link expires between the call's retrieval and the download.
	s.Inject(aircalltest.Fault{Method: http.MethodGet, Path: "/storage/voicemail/*", Times: 1, Status: http.StatusForbidden})
	var buf bytes.Buffer
	n, err := s.Client().Calls.DownloadVoicemail(t.Context(), call.ID, &buf)
	require.NoError(t, err)
	assert.Equal(t, int64(len(mp3)), n)
	assert.Equal(t, mp3, buf.Bytes())
}

func TestDownloadRecording_stillExpired(t *testing.T) {
	t.Parallel()
	s := aircalltest.NewServer(aircalltest.InMemory())
	defer s.Close()
	call := s.AddCall(aircall.Call{Direction: aircall.CallInbound})
	s.SetRecording(call.ID, mp3)
	s.Inject(aircalltest.Fault{Method: http.MethodGet, Path: "/storage/recording/*", Status: http.StatusGone})
	var buf bytes.Buffer
	_, err := s.Client().Calls.DownloadRecording(t.Context(), call.ID, &buf)
	var me *aircall.MediaDownloadError
	require.ErrorAs(t, err, &me)
	assert.Equal(t, http.StatusGone, me.StatusCode)
	assert.NotContains(t, err.Error(), "signature", "the presigned query stays out of errors")
	assert.Equal(t, 2+2, s.Stats().Requests, "two retrievals, two downloads: no more")
	assert.Zero(t, buf.Len())
}

func TestDownloadRecording_linkAfterExpiry(t *testing.T) {
	t.Parallel()
	s := aircalltest.NewServer(aircalltest.InMemory())
	defer s.Close()
	call := s.AddCall(aircall.Call{Direction: aircall.CallInbound})
	old := s.SetRecording(call.ID, mp3)
	s.ExpireMediaLinks()
	resp, err := s.HTTPClient().Get(old)
	require.NoError(t, err)
	_ = resp.Body.Close()
	assert.Equal(t, http.StatusForbidden, resp.StatusCode, "an old link is refused")
	var buf bytes.Buffer
	_, err = s.Client().Calls.DownloadRecording(t.Context(), call.ID, &buf)
	require.NoError(t, err, "a fresh link from the call works")
}

func TestDownloadRecording_notFound(t *testing.T) {
	t.Parallel()
	s := aircalltest.NewServer(aircalltest.InMemory())
	defer s.Close()
	call := s.AddCall(aircall.Call{Direction: aircall.CallInbound})
	client := s.Client()
	_, err := client.Calls.DownloadRecording(t.Context(), call.ID, &bytes.Buffer{})
	require.ErrorIs(t, err, aircall.ErrNoRecording)
	_, err = client.Calls.DownloadVoicemail(t.Context(), call.ID, &bytes.Buffer{})
	require.ErrorIs(t, err, aircall.ErrNoVoicemail)
	_, err = client.Calls.DownloadRecording(t.Context(), 999999, &bytes.Buffer{})
	require.ErrorIs(t, err, aircall.ErrNotFound)
	_, err = client.Calls.DownloadRecording(t.Context(), call.ID, nil)
	require.ErrorIs(t, err, aircall.ErrInvalidArgument)
}

func TestDownloadRecording_contextCancelled(t *testing.T) {
	t.Parallel()
	s := aircalltest.NewServer(aircalltest.InMemory())
	defer s.Close()
	call := s.AddCall(aircall.Call{Direction: aircall.CallInbound})
	s.SetRecording(call.ID, mp3)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := s.Client().Calls.DownloadRecording(ctx, call.ID, &bytes.Buffer{})
	require.ErrorIs(t, err, context.Canceled)
}

func TestDownloadRecording_storageRefusesCredentials(t *testing.T) {
	t.Parallel()
	s := aircalltest.NewServer(aircalltest.InMemory())
	defer s.Close()
	call := s.AddCall(aircall.Call{Direction: aircall.CallInbound})
	link := s.SetRecording(call.ID, mp3)
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, link, nil)
	require.NoError(t, err)
	req.SetBasicAuth(aircalltest.DefaultAPIID, aircalltest.DefaultAPIToken)
	resp, err := s.HTTPClient().Do(req)
	require.NoError(t, err)
	_ = resp.Body.Close()
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
	assert.True(t, s.MediaDownloads()[0].WithAuthorization)
}
