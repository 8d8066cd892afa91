package aircalltest_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// control sends a control request with a plain HTTP client, as a test in
// another language would, and decodes the JSON answer into out (if not nil).
func control(t *testing.T, s *aircalltest.Server, method, path, body string, out any) int {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(t.Context(), method, s.URL()+path, rd)
	require.NoError(t, err)
	resp, err := s.HTTPClient().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	if out != nil && len(b) > 0 {
		require.NoError(t, json.Unmarshal(b, out), string(b))
	}
	return resp.StatusCode
}

func TestControl_infoGivesTheCredentials(t *testing.T) {
	t.Parallel()
	s := newServer(t, aircalltest.WithDemoData())
	var info aircalltest.ControlInfo
	require.Equal(t, http.StatusOK, control(t, s, "GET", "/_aircalltest", "", &info))
	assert.Equal(t, s.URL(), info.BaseURL)
	assert.Equal(t, aircalltest.DefaultAPIID, info.APIID)
	assert.Equal(t, aircalltest.DefaultAPIToken, info.APIToken)
	require.NotNil(t, info.Demo)
	assert.Equal(t, aircalltest.DemoCallID, info.Demo.CallID)
	assert.Contains(t, info.Endpoints, "POST /_aircalltest/seed")
	assert.Zero(t, s.Stats().Requests, "control requests are not counted")
}

func TestControl_seedIsSeenByTheAPI(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	body := `{
	  "users": [{"id": 456, "name": "John Doe", "email": "john.doe@aircall.io"}],
	  "numbers": [{"id": 1234, "name": "French Office", "digits": "+33 1 76 11 11 11", "users": [{"id": 456}]}],
	  "tags": [{"id": 678, "name": "General Inquiries"}],
	  "contacts": [{"id": 710, "first_name": "Vicente", "last_name": "Abad", "phone_numbers": [{"label": "Mobile", "value": "+34664673697"}]}],
	  "calls": [{"id": 841, "direction": "inbound", "started_at": 1584998199, "duration": 30, "user": {"id": 456}, "number": {"id": 1234}}],
	  "generated_calls": 120
	}`
	var out struct {
		Users []aircall.User `json:"users"`
		Calls []aircall.Call `json:"calls"`
		First int64          `json:"first_generated_call_id"`
		Last  int64          `json:"last_generated_call_id"`
	}
	require.Equal(t, http.StatusCreated, control(t, s, "POST", "/_aircalltest/seed", body, &out))
	require.Len(t, out.Users, 1)
	assert.Equal(t, "John Doe", out.Users[0].Name)
	assert.Equal(t, int64(841), out.Calls[0].ID)
	assert.Equal(t, 119, int(out.Last-out.First))

	client := s.Client()
	c, _, err := client.Calls.Get(t.Context(), 841, nil)
	require.NoError(t, err)
	assert.Equal(t, int64(456), c.User.ID)
	calls, err := aircall.Collect(client.Calls.ListIter(t.Context(), nil))
	require.NoError(t, err)
	assert.Len(t, calls, 121)
	u, _, err := client.UsersV2.Get(t.Context(), 456)
	require.NoError(t, err)
	assert.Equal(t, "john.doe@aircall.io", u.Email)
}

func TestControl_seedMistakesAre400(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	var e struct{ Error, Troubleshoot string }
	assert.Equal(t, http.StatusBadRequest, control(t, s, "POST", "/_aircalltest/seed", `{"calls": [{"user": {"id": 99}}]}`, &e))
	assert.Contains(t, e.Troubleshoot, "no user 99")
	assert.Equal(t, http.StatusBadRequest, control(t, s, "POST", "/_aircalltest/seed", `{"callz": []}`, &e))
	assert.Contains(t, e.Troubleshoot, "unknown field")
	assert.Equal(t, http.StatusNotFound, control(t, s, "GET", "/_aircalltest/nothing", "", &e))
}

func TestControl_faultsAreInjectedAndRemoved(t *testing.T) {
	t.Parallel()
	s := newServer(t, aircalltest.WithDemoData())
	var f struct{ ID int }
	require.Equal(t, http.StatusCreated, control(t, s, "POST", "/_aircalltest/faults",
		`{"method": "GET", "path": "/v2/users/*", "status": 404, "headers": {"X-Test": "yes"}}`, &f))
	client := s.Client()
	_, resp, err := client.UsersV2.Get(t.Context(), aircalltest.DemoUserID)
	require.ErrorIs(t, err, aircall.ErrNotFound)
	assert.Equal(t, "yes", resp.Header.Get("X-Test"))

	assert.Equal(t, http.StatusNoContent, control(t, s, "DELETE", "/_aircalltest/faults/"+jsonInt(f.ID), "", nil))
	_, _, err = client.UsersV2.Get(t.Context(), aircalltest.DemoUserID)
	require.NoError(t, err)
	assert.Equal(t, http.StatusNotFound, control(t, s, "DELETE", "/_aircalltest/faults/"+jsonInt(f.ID), "", nil))

	require.Equal(t, http.StatusCreated, control(t, s, "POST", "/_aircalltest/faults", `{"status": 503, "times": 1, "body": "down"}`, &f))
	req, err := http.NewRequestWithContext(t.Context(), "GET", s.URL()+"/v1/ping", nil)
	require.NoError(t, err)
	r, err := s.HTTPClient().Do(req)
	require.NoError(t, err)
	b, _ := io.ReadAll(r.Body)
	r.Body.Close()
	assert.Equal(t, http.StatusServiceUnavailable, r.StatusCode)
	assert.Equal(t, "down", string(b))
	assert.Equal(t, http.StatusNoContent, control(t, s, "DELETE", "/_aircalltest/faults", "", nil))

	var stats struct {
		Requests, Faults int
	}
	require.Equal(t, http.StatusOK, control(t, s, "GET", "/_aircalltest/stats", "", &stats))
	assert.Equal(t, 3, stats.Requests)
	assert.Equal(t, 2, stats.Faults)
	assert.Equal(t, http.StatusNoContent, control(t, s, "DELETE", "/_aircalltest/stats", "", nil))
	assert.Zero(t, s.Stats().Requests)
}

func jsonInt(n int) string { b, _ := json.Marshal(n); return string(b) }

func TestControl_simulateACallDeliversItsEvents(t *testing.T) {
	t.Parallel()
	var got []string
	recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var e struct{ Event string }
		_ = json.NewDecoder(r.Body).Decode(&e)
		got = append(got, e.Event)
	}))
	t.Cleanup(recv.Close)
	s := newServer(t, aircalltest.WithDemoData())
	body, _ := json.Marshal(map[string]any{"webhooks": []map[string]any{{"url": recv.URL, "events": []string{"call.created", "call.answered", "call.ended"}}}})
	require.Equal(t, http.StatusCreated, control(t, s, "POST", "/_aircalltest/seed", string(body), nil))

	var begun struct{ Call aircall.Call }
	require.Equal(t, http.StatusOK, control(t, s, "POST", "/_aircalltest/simulate/call.begin",
		`{"call": {"direction": "inbound", "raw_digits": "+34664673697", "user": {"id": 456}, "number": {"id": 1234}}}`, &begun))
	id := jsonInt(int(begun.Call.ID))
	require.Equal(t, http.StatusOK, control(t, s, "POST", "/_aircalltest/simulate/call.answer", `{"call_id": `+id+`}`, nil))
	var ended struct{ Call aircall.Call }
	require.Equal(t, http.StatusOK, control(t, s, "POST", "/_aircalltest/simulate/call.end", `{"call_id": `+id+`}`, &ended))
	assert.Equal(t, aircall.CallStatusDone, ended.Call.Status)
	require.NoError(t, s.FlushDeliveries(t.Context()))

	var ds struct {
		Deliveries []struct {
			Event      string
			StatusCode int `json:"status_code"`
			Payload    json.RawMessage
		}
	}
	require.Equal(t, http.StatusOK, control(t, s, "GET", "/_aircalltest/deliveries", "", &ds))
	var events []string
	for _, d := range ds.Deliveries {
		events = append(events, d.Event)
		assert.Equal(t, http.StatusOK, d.StatusCode)
		assert.True(t, json.Valid(d.Payload))
	}
	assert.Equal(t, []string{"call.created", "call.answered", "call.ended"}, events)
	assert.Equal(t, events, got)
	assert.Equal(t, http.StatusBadRequest, control(t, s, "POST", "/_aircalltest/simulate/call.answer", `{"call_id": `+id+`}`, nil),
		"a call that ended cannot be answered")
}

func TestControl_tokensAreAccepted(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	require.Equal(t, http.StatusCreated, control(t, s, "POST", "/_aircalltest/tokens", "", &tok))
	_, err := s.Client(aircall.WithBearerToken(tok.AccessToken)).Ping(t.Context())
	require.NoError(t, err)
}

func TestWithListener_servesOnTheGivenAddress(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	s := aircalltest.NewServer(aircalltest.WithListener(l))
	t.Cleanup(s.Close)
	assert.Equal(t, "http://"+l.Addr().String(), s.URL())
	resp, err := http.Post(s.URL()+"/_aircalltest/seed", "application/json", bytes.NewReader([]byte(`{"tags": [{"name": "VIP"}]}`)))
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	tags, _, err := s.Client().Tags.List(t.Context(), nil)
	require.NoError(t, err)
	require.Len(t, tags, 1)
	assert.Equal(t, "VIP", tags[0].Name)
}

func TestControl_simulateInboundSMSAndInboundCall(t *testing.T) {
	t.Parallel()
	var got []string
	recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var e struct{ Event string }
		_ = json.NewDecoder(r.Body).Decode(&e)
		got = append(got, e.Event)
	}))
	t.Cleanup(recv.Close)
	s := newServer(t, aircalltest.WithDemoData())
	s.AddWebhook(recv.URL, aircall.EventMessageReceived, aircall.EventCallCreated)

	var msg struct {
		MessageID string `json:"message_id"`
	}
	require.Equal(t, http.StatusOK, control(t, s, "POST", "/_aircalltest/simulate/sms.inbound",
		`{"number_id": 1234, "from": "+34664673697", "body": "Hello"}`, &msg))
	assert.NotEmpty(t, msg.MessageID)
	var call struct{ Call aircall.Call }
	require.Equal(t, http.StatusOK, control(t, s, "POST", "/_aircalltest/simulate/call.inbound",
		`{"number_id": 1234, "from": "+34664673697", "outcome": "missed"}`, &call))
	assert.Equal(t, aircall.CallInbound, call.Call.Direction)
	require.NoError(t, s.FlushDeliveries(t.Context()))
	assert.Equal(t, []string{"message.received", "call.created"}, got)

	assert.Equal(t, http.StatusBadRequest, control(t, s, "POST", "/_aircalltest/simulate/sms.inbound",
		`{"number_id": 1234, "from": "not a number", "body": "Hello"}`, nil))
	assert.Equal(t, http.StatusNotFound, control(t, s, "POST", "/_aircalltest/simulate/fax.inbound", `{}`, nil))
}
