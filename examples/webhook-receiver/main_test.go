package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/aircall-go/aircall/internal/fixture"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	webhookToken = "45XXYYZZa08" // the token of the testdata/events fixtures
	tagID        = 4242
)

// fakeAPI is a stand-in for the Aircall API that records the tags added to calls.
type fakeAPI struct {
	mu     sync.Mutex
	tagged map[string][]int64 // call id → tag ids
	status int                // answer of POST /v1/calls/:id/tags
}

func newFakeAPI(t *testing.T, status int) (*fakeAPI, string) {
	t.Helper()
	f := &fakeAPI{tagged: map[string][]int64{}, status: status}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/calls/{id}/tags", func(w http.ResponseWriter, r *http.Request) {
		if user, pass, ok := r.BasicAuth(); !ok || user != "api-id" || pass != "api-token" {
			http.Error(w, `{"error":"Forbidden"}`, http.StatusForbidden)
			return
		}
		var body struct {
			Tags []int64 `json:"tags"`
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			http.Error(w, `{"error":"Bad Request"}`, http.StatusBadRequest)
			return
		}
		f.mu.Lock()
		f.tagged[r.PathValue("id")] = append(f.tagged[r.PathValue("id")], body.Tags...)
		f.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(f.status)
		_, _ = io.WriteString(w, `{"error":"x","troubleshoot":"y"}`)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("unexpected API request %s %s", r.Method, r.URL)
		http.NotFound(w, r)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return f, srv.URL + "/"
}

func (f *fakeAPI) tags() map[string][]int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := map[string][]int64{}
	for k, v := range f.tagged {
		out[k] = append([]int64(nil), v...)
	}
	return out
}

// newTestHandler builds the receiver's handler against the fake API, with
// its log lines in the returned buffer.
func newTestHandler(t *testing.T, apiURL string, tag int64) (http.Handler, *syncBuffer) {
	t.Helper()
	vars := map[string]string{
		"AIRCALL_WEBHOOK_TOKEN": webhookToken,
		"AIRCALL_API_ID":        "api-id",
		"AIRCALL_API_TOKEN":     "api-token",
		"AIRCALL_BASE_URL":      apiURL,
	}
	if tag != 0 {
		vars["MISSED_CALL_TAG_ID"] = strconv.FormatInt(tag, 10)
	}
	cfg, err := configFromEnv(env(vars))
	require.NoError(t, err)
	client, err := newClient(cfg, aircall.WithoutRateLimit(), aircall.WithRetryPolicy(aircall.RetryPolicy{}))
	require.NoError(t, err)
	logs := &syncBuffer{}
	return newHandler(cfg, client, slog.New(slog.NewTextHandler(logs, nil))), logs
}

// callEndedEvent returns the call.ended fixture with changes applied to its call.
func callEndedEvent(t *testing.T, changes map[string]any) string {
	t.Helper()
	var payload map[string]any
	require.NoError(t, json.Unmarshal(fixture.Load(t, "events/call.ended.json"), &payload))
	data := payload["data"].(map[string]any)
	for k, v := range changes {
		data[k] = v
	}
	b, err := json.Marshal(payload)
	require.NoError(t, err)
	return string(b)
}

var missedCall = map[string]any{
	"direction": "inbound", "status": "done", "answered_at": nil,
	"missed_call_reason": "agents_did_not_answer",
}

func post(h http.Handler, body string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodPost, webhookPath, strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestReceiver_logsEndedCalls(t *testing.T) {
	t.Parallel()
	api, url := newFakeAPI(t, http.StatusNoContent)
	h, logs := newTestHandler(t, url, tagID)
	body := callEndedEvent(t, map[string]any{"recording": "https://recordings.example.com/812.mp3"})
	w := post(h, body)
	assert.Equal(t, http.StatusOK, w.Code)
	assert.Contains(t, logs.String(),
		`msg="call ended" call_id=812 direction=outbound duration=11s recording=https://recordings.example.com/812.mp3 missed=false`)
	assert.Empty(t, api.tags(), "an answered call is not tagged")
}

func TestReceiver_tagsMissedCalls(t *testing.T) {
	t.Parallel()
	api, url := newFakeAPI(t, http.StatusNoContent)
	h, logs := newTestHandler(t, url, tagID)
	w := post(h, callEndedEvent(t, missedCall))
	assert.Equal(t, http.StatusOK, w.Code)
	assert.Equal(t, map[string][]int64{"812": {tagID}}, api.tags())
	assert.Contains(t, logs.String(), `msg="call ended" call_id=812 direction=inbound duration=11s recording="" missed=true missed_reason=agents_did_not_answer`)
	assert.Contains(t, logs.String(), `msg="tagged missed call" call_id=812 tag_id=4242`)
}

func TestReceiver_noTagConfigured(t *testing.T) {
	t.Parallel()
	api, url := newFakeAPI(t, http.StatusNoContent)
	h, logs := newTestHandler(t, url, 0)
	assert.Equal(t, http.StatusOK, post(h, callEndedEvent(t, missedCall)).Code)
	assert.Empty(t, api.tags())
	assert.Contains(t, logs.String(), "missed=true")
}

func TestReceiver_taggingFailures(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		status int
		want   int
		log    string
	}{
		{"transient: Aircall retries the event", http.StatusServiceUnavailable, http.StatusInternalServerError, "tagging missed call 812"},
		{"permanent: acknowledged", http.StatusNotFound, http.StatusOK, `msg="cannot tag missed call"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, url := newFakeAPI(t, tt.status)
			h, logs := newTestHandler(t, url, tagID)
			assert.Equal(t, tt.want, post(h, callEndedEvent(t, missedCall)).Code)
			assert.Contains(t, logs.String(), tt.log)
		})
	}
}

func TestReceiver_refusesAndIgnores(t *testing.T) {
	t.Parallel()
	api, url := newFakeAPI(t, http.StatusNoContent)
	h, logs := newTestHandler(t, url, tagID)

	forged := strings.Replace(callEndedEvent(t, missedCall), webhookToken, "forged", 1)
	assert.Equal(t, http.StatusUnauthorized, post(h, forged).Code)

	other := string(fixture.Load(t, "events/call.created.json"))
	assert.Equal(t, http.StatusOK, post(h, other).Code, "other events are acknowledged")

	r := httptest.NewRequest(http.MethodGet, webhookPath, nil)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	assert.Equal(t, http.StatusMethodNotAllowed, w.Code)

	assert.Empty(t, api.tags())
	assert.NotContains(t, logs.String(), `msg="call ended"`)
	assert.NotContains(t, logs.String(), webhookToken)
}

func TestConfigFromEnv(t *testing.T) {
	t.Parallel()
	cfg, err := configFromEnv(env(map[string]string{"AIRCALL_WEBHOOK_TOKEN": " old , new "}))
	require.NoError(t, err)
	assert.Equal(t, config{WebhookTokens: []string{"old", "new"}, Addr: ":8080"}, cfg)

	cfg, err = configFromEnv(env(map[string]string{
		"AIRCALL_WEBHOOK_TOKEN": "t", "AIRCALL_ACCESS_TOKEN": "oauth", "MISSED_CALL_TAG_ID": "7", "ADDR": "127.0.0.1:9000",
	}))
	require.NoError(t, err)
	assert.Equal(t, int64(7), cfg.MissedCallTagID)
	assert.Equal(t, "127.0.0.1:9000", cfg.Addr)

	for name, vars := range map[string]map[string]string{
		"no webhook token":       {},
		"blank webhook token":    {"AIRCALL_WEBHOOK_TOKEN": " , "},
		"bad tag id":             {"AIRCALL_WEBHOOK_TOKEN": "t", "MISSED_CALL_TAG_ID": "x", "AIRCALL_ACCESS_TOKEN": "a"},
		"negative tag id":        {"AIRCALL_WEBHOOK_TOKEN": "t", "MISSED_CALL_TAG_ID": "-1", "AIRCALL_ACCESS_TOKEN": "a"},
		"tag without credential": {"AIRCALL_WEBHOOK_TOKEN": "t", "MISSED_CALL_TAG_ID": "7"},
		"half basic auth":        {"AIRCALL_WEBHOOK_TOKEN": "t", "MISSED_CALL_TAG_ID": "7", "AIRCALL_API_ID": "id"},
		"both auths":             {"AIRCALL_WEBHOOK_TOKEN": "t", "MISSED_CALL_TAG_ID": "7", "AIRCALL_API_ID": "id", "AIRCALL_API_TOKEN": "tok", "AIRCALL_ACCESS_TOKEN": "a"},
	} {
		_, err := configFromEnv(env(vars))
		assert.Error(t, err, name)
	}
}

func TestRun_servesUntilCancelled(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	var stdout syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, config{WebhookTokens: []string{webhookToken}, Addr: "127.0.0.1:0"}, &stdout, io.Discard)
	}()
	require.Eventually(t, func() bool { return strings.Contains(stdout.String(), "receiving Aircall webhook events") },
		5*time.Second, 5*time.Millisecond)
	cancel()
	select {
	case err := <-done:
		assert.NoError(t, err)
	case <-time.After(5 * time.Second):
		t.Fatal("run did not return after its context was cancelled")
	}

	err := run(t.Context(), config{WebhookTokens: []string{webhookToken}, Addr: "256.0.0.1:bad"}, io.Discard, io.Discard)
	assert.Error(t, err, "a bad address fails at startup")
}

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

// syncBuffer is a bytes.Buffer safe for a logger and a test reading it concurrently.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestReceiver_againstTheFake plays two calls on aircalltest, which delivers
// their events to the receiver, which tags the missed one through the fake's
// API: the example end to end, with no live account.
func TestReceiver_againstTheFake(t *testing.T) {
	t.Parallel()
	var receiverHandler http.Handler
	deliver := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { receiverHandler.ServeHTTP(w, r) })
	fake := aircalltest.NewServer(aircalltest.WithDemoData(), aircalltest.WithDeliveryClient(aircalltest.HandlerClient(deliver)))
	t.Cleanup(fake.Close)
	wh := fake.AddWebhook("https://receiver.example.test"+webhookPath, aircall.EventCallEnded)

	cfg, err := configFromEnv(env(map[string]string{
		"AIRCALL_WEBHOOK_TOKEN": wh.Token,
		"AIRCALL_API_ID":        aircalltest.DefaultAPIID,
		"AIRCALL_API_TOKEN":     aircalltest.DefaultAPIToken,
		"AIRCALL_BASE_URL":      fake.URL(),
		"MISSED_CALL_TAG_ID":    strconv.FormatInt(aircalltest.DemoTagID, 10),
	}))
	require.NoError(t, err)
	client, err := newClient(cfg, aircall.WithoutRateLimit())
	require.NoError(t, err)
	logs := &syncBuffer{}
	receiverHandler = newHandler(cfg, client, slog.New(slog.NewTextHandler(logs, nil)))

	user := &aircall.User{ID: aircalltest.DemoUserID}
	answered := fake.BeginCall(aircall.Call{Direction: aircall.CallInbound, User: user, RawDigits: "+18001231234"})
	fake.AnswerCall(answered.ID, 0)
	fake.EndCall(answered.ID, "")
	missed := fake.BeginCall(aircall.Call{Direction: aircall.CallInbound, User: user, RawDigits: "+18001231235"})
	fake.EndCall(missed.ID, aircall.MissedNoAvailableAgent)

	deliveries, err := fake.WaitForDeliveries(t.Context(), 2)
	require.NoError(t, err)
	for _, d := range deliveries {
		assert.True(t, d.OK(), "%s answered %d", d.Event, d.StatusCode)
	}
	got, _, err := client.Calls.Get(t.Context(), missed.ID, nil)
	require.NoError(t, err)
	require.Len(t, got.Tags, 1, "the missed call was tagged through the API")
	assert.EqualValues(t, aircalltest.DemoTagID, got.Tags[0].ID)
	got, _, err = client.Calls.Get(t.Context(), answered.ID, nil)
	require.NoError(t, err)
	assert.Empty(t, got.Tags, "the answered call was not")
	assert.Contains(t, logs.String(), "call ended")
}
