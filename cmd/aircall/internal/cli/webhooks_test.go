package cli

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSampleEvents_areTheSDKFixtures(t *testing.T) {
	t.Parallel()
	want, err := filepath.Glob("../../../../testdata/events/*.json")
	require.NoError(t, err)
	require.NotEmpty(t, want)
	assert.Len(t, eventNames(), len(want), "run go generate to copy the fixtures")
	for _, path := range want {
		w, err := os.ReadFile(path)
		require.NoError(t, err)
		got, err := sampleEvents.ReadFile("events/" + filepath.Base(path))
		require.NoError(t, err, "run go generate to copy the fixtures")
		assert.Equal(t, string(w), string(got), filepath.Base(path))
	}
}

func TestWebhooksTrigger_postsTheDocumentedEvent(t *testing.T) {
	t.Parallel()
	var got []*aircall.WebhookEvent
	h := &aircall.WebhookHandler{Tokens: []string{"tok-123"}, MaxAge: time.Minute,
		Fallback: func(_ context.Context, e *aircall.WebhookEvent) error { got = append(got, e); return nil }}
	recv := httptest.NewServer(h)
	t.Cleanup(recv.Close)

	e := newEnv(t)
	r := e.run(t, "", "webhooks", "trigger", "contact.created", "--url", recv.URL, "--token", "tok-123")
	require.Equal(t, ExitOK, r.code, r.err)
	require.Len(t, got, 1)
	assert.Equal(t, aircall.EventContactCreated, got[0].Event)
	c, err := got[0].Contact()
	require.NoError(t, err)
	assert.Equal(t, "Vicente", c.FirstName)
	assert.NotContains(t, r.out+r.err, "tok-123")

	r = e.run(t, "", "webhooks", "trigger", "contact.created", "--url", recv.URL, "--token", "wrong")
	assert.Equal(t, ExitError, r.code, "the receiver refuses a wrong token")
	r = e.run(t, "", "webhooks", "trigger", "contact.created", "--url", recv.URL, "--token", "tok-123", "--keep-timestamp")
	assert.Equal(t, ExitError, r.code, "the documented timestamp is older than MaxAge")
	r = e.run(t, "", "webhooks", "trigger", "no.such_event", "--url", recv.URL, "--token", "tok-123")
	assert.Equal(t, ExitUsage, r.code)
}

func TestWebhooksListen_printsVerifiedEventsFromTheFake(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	url := "http://" + l.Addr().String() + "/"
	s := aircalltest.NewServer()
	t.Cleanup(s.Close)
	wh := s.AddWebhook(url, aircall.EventContactCreated)

	ctx, cancel := context.WithCancel(t.Context())
	io, out, errb := newEnv(t).io("")
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"webhooks", "listen", "--token", wh.Token, "--json"}, io, func(a *App) {
			a.listen = func(string, string) (net.Listener, error) { return l, nil }
		})
	}()
	s.AddContact(aircall.Contact{FirstName: "Ada", LastName: "Lovelace"})
	ds, err := s.WaitForDeliveries(t.Context(), 1)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, ds[0].StatusCode)

	trig := newEnv(t).run(t, "", "webhooks", "trigger", "call.ended", "--url", url, "--token", "not-the-token")
	require.Equal(t, ExitError, trig.code, "a wrong token is refused")

	require.Eventually(t, func() bool { return strings.Count(out.String(), "\n") == 1 }, 5*time.Second, 5*time.Millisecond)
	cancel()
	require.Equal(t, ExitOK, <-done, errb.String())

	var ev shownEvent
	require.NoError(t, json.Unmarshal([]byte(out.String()), &ev))
	assert.Equal(t, "contact.created", ev.Event)
	assert.Contains(t, string(ev.Data), "Lovelace")
	assert.NotContains(t, out.String()+errb.String(), wh.Token, "the token is not printed")
	assert.Contains(t, errb.String(), "refused a POST /: ")
}
