package aircall

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var uuidV4Pattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestOutboundAgentCallFixture(t *testing.T) {
	t.Parallel()
	c, _ := testFixture[*OutboundAgentCall](t, "voice_agents/outbound_call.json", "")
	assert.Equal(t, &OutboundAgentCall{
		ID: "01ARZ3NDEKTSV4RRFFQ69G5FAV", IdempotencyKey: "appt-reminder-2024-03-15-cust-12345",
		Status: OutboundAgentCallPending, VirtualAgentID: "agent-abc123",
	}, c)
}

func TestAIVoiceAgents_StartOutboundCall(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("POST /v1/outbound-calls/agents/agent-abc123", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, nil)
		testJSONBody(t, r, `{"contact_phone":"+18001231234","idempotency_key":"appt-reminder-2024-03-15-cust-12345",`+
			`"context":{"first_name":"Jordan","appointment":"2026-03-15T09:30:00Z","timezone":"Europe/Paris","slots":2},"expiration_seconds":3600}`)
		serveFixture(t, w, http.StatusAccepted, "voice_agents/outbound_call.json")
	})
	call, resp, err := client.AIVoiceAgents.StartOutboundCall(t.Context(), "agent-abc123", &OutboundAgentCallRequest{
		ContactPhone:   "+18001231234",
		IdempotencyKey: "appt-reminder-2024-03-15-cust-12345",
		Context: map[string]any{
			"first_name": "Jordan", "appointment": "2026-03-15T09:30:00Z", "timezone": "Europe/Paris", "slots": 2,
		},
		ExpirationSeconds: Ptr(3600),
	})
	require.NoError(t, err)
	assert.Equal(t, http.StatusAccepted, resp.StatusCode)
	assert.Equal(t, OutboundAgentCallPending, call.Status)
	assert.Equal(t, "appt-reminder-2024-03-15-cust-12345", call.IdempotencyKey)
	assert.Equal(t, "agent-abc123", call.VirtualAgentID)
}

func TestAIVoiceAgents_generatedIdempotencyKey(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	var (
		mu   sync.Mutex
		keys []string
	)
	mux.HandleFunc("POST /v1/outbound-calls/agents/{agent}", func(w http.ResponseWriter, r *http.Request) {
		var body map[string]any
		if !assert.NoError(t, json.NewDecoder(r.Body).Decode(&body)) {
			return
		}
		assert.Equal(t, map[string]any{"contact_phone": "+33176111111", "idempotency_key": body["idempotency_key"]}, body,
			"no context or expiration when unset")
		key, _ := body["idempotency_key"].(string)
		mu.Lock()
		keys = append(keys, key)
		mu.Unlock()
		// This answer does not echo the key: the SDK fills it in.
		writeJSON(w, http.StatusAccepted, `{"id":"01ARZ","status":"PENDING","virtual_agent_id":"`+r.PathValue("agent")+`"}`)
	})
	req := &OutboundAgentCallRequest{ContactPhone: "+33176111111"}
	first, _, err := client.AIVoiceAgents.StartOutboundCall(t.Context(), "a1", req)
	require.NoError(t, err)
	second, _, err := client.AIVoiceAgents.StartOutboundCall(t.Context(), "a1", req)
	require.NoError(t, err)

	assert.Empty(t, req.IdempotencyKey, "the caller's request is not modified")
	require.Len(t, keys, 2)
	assert.Regexp(t, uuidV4Pattern, keys[0])
	assert.NotEqual(t, keys[0], keys[1], "each call gets its own key")
	assert.Equal(t, keys[0], first.IdempotencyKey, "the key used is returned")
	assert.Equal(t, keys[1], second.IdempotencyKey)
}

func TestAIVoiceAgents_conflict(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("POST /v1/outbound-calls/agents/a1", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusConflict, "Conflict", "idempotency_key already used")
	})
	_, resp, err := client.AIVoiceAgents.StartOutboundCall(t.Context(), "a1", &OutboundAgentCallRequest{
		ContactPhone: "+18001231234", IdempotencyKey: "k-1",
	})
	assert.ErrorIs(t, err, ErrConflict)
	require.NotNil(t, resp)
	assert.Equal(t, 1, resp.Attempts, "a 409 is not retried")
}

// A retried StartOutboundCall resends the same key and body, so it cannot
// start two calls; and it is retried on 5xx, unlike other POSTs.
func TestAIVoiceAgents_conflictOnRetryMeansAccepted(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		srv := &bubbleServer{answer: func(n int, r *http.Request) *http.Response {
			if n == 1 {
				// Processed, but the answer is lost on the way back.
				return response(r, http.StatusGatewayTimeout, ``)
			}
			return response(r, http.StatusConflict, `{"error":"Conflict","troubleshoot":"idempotency_key already used"}`)
		}}
		c := newTestClient(t, srv.roundTrip, WithoutRateLimit())
		req := &OutboundAgentCallRequest{ContactPhone: "+18001231234", IdempotencyKey: "appt-42"}
		call, resp, err := c.AIVoiceAgents.StartOutboundCall(t.Context(), "a1", req)
		assert.ErrorIs(t, err, ErrAgentCallAlreadyAccepted)
		assert.NotErrorIs(t, err, ErrConflict, "not the caller's reuse of a key")
		require.NotNil(t, call)
		assert.Equal(t, "appt-42", call.IdempotencyKey)
		assert.Equal(t, 2, resp.Attempts)
	})
}

func TestAIVoiceAgents_retriedWithSameKey(t *testing.T) {
	t.Parallel()
	t.Run("502 then 202", func(t *testing.T) {
		t.Parallel()
		synctest.Test(t, func(t *testing.T) {
			srv := &bubbleServer{answer: func(n int, r *http.Request) *http.Response {
				if n == 1 {
					return response(r, http.StatusBadGateway, `<html>502 Bad Gateway</html>`, "Content-Type", "text/html")
				}
				return response(r, http.StatusAccepted, `{"id":"01ARZ","idempotency_key":"echo","status":"PENDING","virtual_agent_id":"a1"}`)
			}}
			c := newTestClient(t, srv.roundTrip, WithoutRateLimit()) // default retry policy
			start := time.Now()
			call, resp, err := c.AIVoiceAgents.StartOutboundCall(t.Context(), "a1", &OutboundAgentCallRequest{ContactPhone: "+18001231234"})
			require.NoError(t, err)
			assert.Equal(t, 2, resp.Attempts)
			assert.Equal(t, OutboundAgentCallPending, call.Status)
			sent := srv.sent()
			require.Len(t, sent, 2)
			assert.LessOrEqual(t, sent[1].Sub(start), DefaultRetryPolicy().MinBackoff, "one jittered backoff")

			require.Len(t, srv.bodies, 2)
			assert.Equal(t, srv.bodies[0], srv.bodies[1], "the same body, byte for byte")
			var first, second OutboundAgentCallRequest
			require.NoError(t, json.Unmarshal([]byte(srv.bodies[0]), &first))
			require.NoError(t, json.Unmarshal([]byte(srv.bodies[1]), &second))
			assert.Regexp(t, uuidV4Pattern, first.IdempotencyKey)
			assert.Equal(t, first.IdempotencyKey, second.IdempotencyKey, "the same idempotency_key")
		})
	})
	t.Run("network error then 202", func(t *testing.T) {
		t.Parallel()
		synctest.Test(t, func(t *testing.T) {
			var (
				calls atomic.Int32
				mu    sync.Mutex
				keys  []string
			)
			c := newTestClient(t, func(r *http.Request) (*http.Response, error) {
				b, err := io.ReadAll(r.Body)
				require.NoError(t, err)
				var body OutboundAgentCallRequest
				require.NoError(t, json.Unmarshal(b, &body))
				mu.Lock()
				keys = append(keys, body.IdempotencyKey)
				mu.Unlock()
				if calls.Add(1) == 1 {
					return nil, io.ErrUnexpectedEOF // the request may or may not have arrived
				}
				return response(r, http.StatusAccepted, `{"id":"01ARZ","status":"PENDING"}`), nil
			}, WithoutRateLimit())
			call, resp, err := c.AIVoiceAgents.StartOutboundCall(t.Context(), "a1", &OutboundAgentCallRequest{
				ContactPhone: "+18001231234", IdempotencyKey: "my-key",
			})
			require.NoError(t, err)
			assert.Equal(t, 2, resp.Attempts)
			assert.Equal(t, []string{"my-key", "my-key"}, keys)
			assert.Equal(t, "my-key", call.IdempotencyKey)
		})
	})
	t.Run("cancelled while waiting to retry", func(t *testing.T) {
		t.Parallel()
		synctest.Test(t, func(t *testing.T) {
			srv := &bubbleServer{answer: func(n int, r *http.Request) *http.Response {
				return response(r, http.StatusServiceUnavailable, `{"error":"Service Unavailable"}`)
			}}
			c := newTestClient(t, srv.roundTrip, WithoutRateLimit(),
				WithRetryPolicy(RetryPolicy{MaxRetries: 3, MinBackoff: time.Minute}))
			c.jitter = func(d time.Duration) time.Duration { return d }
			ctx, cancel := context.WithCancel(t.Context())
			done := make(chan error, 1)
			go func() {
				_, _, err := c.AIVoiceAgents.StartOutboundCall(ctx, "a1", &OutboundAgentCallRequest{ContactPhone: "+18001231234"})
				done <- err
			}()
			time.Sleep(10 * time.Second)
			synctest.Wait()
			cancel()
			assert.ErrorIs(t, <-done, context.Canceled)
			assert.Len(t, srv.sent(), 1)
		})
	})
}

func TestAIVoiceAgents_invalidInput(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("/", failHandler(t))
	valid := func() *OutboundAgentCallRequest { return &OutboundAgentCallRequest{ContactPhone: "+18001231234"} }
	for _, tc := range []struct {
		name, agent, arg string
		req              *OutboundAgentCallRequest
	}{
		{"blank agent", " ", "agentID", valid()},
		{"agent with slash", "a/../b", "agentID", valid()},
		{"nil request", "a1", "req", nil},
		{"phone not E.164", "a1", "ContactPhone", &OutboundAgentCallRequest{ContactPhone: "0176111111"}},
		{"phone empty", "a1", "ContactPhone", &OutboundAgentCallRequest{}},
		{"blank key", "a1", "IdempotencyKey", &OutboundAgentCallRequest{ContactPhone: "+18001231234", IdempotencyKey: "  "}},
		{"expiration too short", "a1", "ExpirationSeconds", &OutboundAgentCallRequest{ContactPhone: "+18001231234", ExpirationSeconds: Ptr(59)}},
		{"expiration too long", "a1", "ExpirationSeconds", &OutboundAgentCallRequest{ContactPhone: "+18001231234", ExpirationSeconds: Ptr(86401)}},
		{"blank context key", "a1", "Context", &OutboundAgentCallRequest{ContactPhone: "+18001231234", Context: map[string]any{"": "x"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, resp, err := client.AIVoiceAgents.StartOutboundCall(t.Context(), tc.agent, tc.req)
			assertArgError(t, err, tc.arg)
			assert.Nil(t, resp)
		})
	}
	t.Run("bounds are accepted", func(t *testing.T) {
		t.Parallel()
		client, mux := setup(t)
		var n atomic.Int32
		mux.HandleFunc("POST /v1/outbound-calls/agents/a1", func(w http.ResponseWriter, r *http.Request) {
			n.Add(1)
			writeJSON(w, http.StatusAccepted, `{"id":"x","status":"PENDING"}`)
		})
		for _, e := range []int{MinAgentCallExpiration, MaxAgentCallExpiration} {
			_, _, err := client.AIVoiceAgents.StartOutboundCall(t.Context(), "a1", &OutboundAgentCallRequest{
				ContactPhone: "+18001231234", ExpirationSeconds: Ptr(e),
			})
			require.NoError(t, err)
		}
		assert.EqualValues(t, 2, n.Load())
	})
}

func TestNewIdempotencyKey(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for range 1000 {
		k := newIdempotencyKey()
		require.Regexp(t, uuidV4Pattern, k)
		require.False(t, seen[k])
		seen[k] = true
	}
}

func TestAIVoiceAgentEvent_decode(t *testing.T) {
	t.Parallel()
	// The fields of the ai_voice_agent.ended and .summary events as the research lists them.
	var e AIVoiceAgentEvent
	require.NoError(t, json.Unmarshal([]byte(`{"id":812,"call_id":812,"call_uuid":"CA1","ai_voice_agent_id":"agent-abc123",
		"ai_voice_agent_name":"Reminder","ai_voice_agent_session_id":"s-1","number_id":1234,
		"external_caller_number":"+18001231234","aircall_number":"+33176111111","created_at":1722317361,
		"started_at":1722317361,"ended_at":1722317461,"call_end_reason":"caller_hung_up","escalation_reason":null,
		"extracted_data":{"confirmed":true}}`), &e))
	assert.Equal(t, int64(812), e.CallID)
	assert.Equal(t, AIVoiceAgentCallCallerHungUp, e.CallEndReason)
	assert.Equal(t, 100*time.Second, e.EndedAt.Sub(e.StartedAt.Time))
	assert.Equal(t, map[string]any{"confirmed": true}, e.ExtractedData)
}
