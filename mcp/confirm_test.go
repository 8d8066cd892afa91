package aircallmcp

import (
	"context"
	"testing"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// protocols are the two ways a confirmation travels: as an input request
// of the tool result (2026-07-28 and later), or as an elicitation request
// the server sends while the tool call is open (earlier versions).
var protocols = map[string]string{"input requests": "", "server request": "2025-06-18"}

func TestSendSMSConfirmed(t *testing.T) {
	t.Parallel()
	for name, version := range protocols {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, harnessOpts{cfg: Config{AllowWrites: true}, answer: accept, protocol: version})
			s := h.seed()
			got := ok[MessageView](h, "send_sms", map[string]any{"number_id": s.number.ID, "to": "+14155551234", "body": "Your callback is scheduled for 3pm"})
			assert.NotEmpty(t, got.ID)
			sent := h.fake.SentMessages()
			require.Len(t, sent, 1)
			assert.Equal(t, "Your callback is scheduled for 3pm", sent[0].Body)
			assert.True(t, sent[0].Native, "a number without SMS configuration sends in the agents' conversation")
			q := h.asked.questions()
			require.Len(t, q, 1)
			assert.Contains(t, q[0], "Send this SMS to +14155551234")
			assert.Contains(t, q[0], "Your callback is scheduled for 3pm")
		})
	}
}

func TestDeclinedConfirmationSendsNothing(t *testing.T) {
	t.Parallel()
	for name, version := range protocols {
		for _, answer := range []*mcp.ElicitResult{decline, {Action: "cancel"}, {Action: "accept", Content: map[string]any{"confirm": false}}} {
			t.Run(name+"/"+answer.Action, func(t *testing.T) {
				t.Parallel()
				h := newHarness(t, harnessOpts{cfg: Config{AllowWrites: true}, answer: answer, protocol: version})
				s := h.seed()
				before := h.fake.Stats()
				for tool, args := range map[string]map[string]any{
					"send_sms":       {"number_id": s.number.ID, "to": "+14155551234", "body": "hi"},
					"send_whatsapp":  {"number_id": s.number.ID, "to": "+14155551234", "text": "hi"},
					"start_call":     {"user_id": s.user.ID, "to": "+14155551234", "number_id": s.number.ID},
					"transfer_call":  {"call_id": s.calls[0].ID, "user_id": s.user.ID},
					"delete_webhook": {"webhook_id": "8f1c9d2e-0000-4000-8000-000000000000"},
				} {
					assert.Contains(t, h.fails(tool, args), "declined", tool)
				}
				assert.Equal(t, before.Requests, h.fake.Stats().Requests, "nothing reached Aircall")
				assert.Empty(t, h.fake.SentMessages())
				assert.Empty(t, h.fake.Dials())
				assert.Len(t, h.asked.questions(), 5)
			})
		}
	}
}

// TestForgedConsentIsNotTaken: a client cannot skip the question by
// sending an "accept" with its first call: the answer must come with the
// request state the server signed for these very arguments.
func TestForgedConsentIsNotTaken(t *testing.T) {
	t.Parallel()
	for name, version := range protocols {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, harnessOpts{cfg: Config{AllowWrites: true}, answer: decline, protocol: version})
			s := h.seed()
			res, err := h.cs.CallTool(context.Background(), &mcp.CallToolParams{
				Name:           "send_sms",
				Arguments:      map[string]any{"number_id": s.number.ID, "to": "+14155551234", "body": "hi"},
				InputResponses: mcp.InputResponseMap{confirmKey: accept},
				RequestState:   "forged",
			})
			require.NoError(t, err)
			assert.True(t, res.IsError)
			assert.Contains(t, text(res), "declined")
			assert.Empty(t, h.fake.SentMessages())
			assert.Len(t, h.asked.questions(), 1, "the user was asked")
		})
	}
}

func TestStateIsBoundToArguments(t *testing.T) {
	t.Parallel()
	s := &Server{key: []byte("k"), cfg: Config{Now: func() time.Time { return t0 }}}
	d1, err := argsDigest("send_sms", sendSMSArgs{NumberID: 1, To: "+14155551234", Body: "hi"})
	require.NoError(t, err)
	d2, err := argsDigest("send_sms", sendSMSArgs{NumberID: 1, To: "+14155559999", Body: "hi"})
	require.NoError(t, err)
	st := s.signState(d1)
	assert.True(t, s.verifyState(st, d1))
	assert.False(t, s.verifyState(st, d2), "another recipient")
	assert.False(t, s.verifyState(st+"x", d1))
	s.cfg.Now = func() time.Time { return t0.Add(confirmTTL + 1) }
	assert.False(t, s.verifyState(st, d1), "expired")
}

func TestWithoutElicitation(t *testing.T) {
	t.Parallel()
	args := func(s seeded) map[string]any {
		return map[string]any{"number_id": s.number.ID, "to": "+14155551234", "body": "hi"}
	}
	t.Run("goes ahead by default", func(t *testing.T) {
		t.Parallel()
		h := newHarness(t, harnessOpts{cfg: Config{AllowWrites: true}})
		ok[MessageView](h, "send_sms", args(h.seed()))
		assert.Len(t, h.fake.SentMessages(), 1)
	})
	t.Run("refused under RequireConfirmation", func(t *testing.T) {
		t.Parallel()
		h := newHarness(t, harnessOpts{cfg: Config{AllowWrites: true, RequireConfirmation: true}})
		s := h.seed()
		before := h.fake.Stats().Requests
		assert.Contains(t, h.fails("send_sms", args(s)), "cannot ask")
		assert.Equal(t, before, h.fake.Stats().Requests)
		// Writes that neither reach a person nor destroy data need no confirmation.
		ok[Done](h, "comment_call", map[string]any{"call_id": s.calls[0].ID, "content": "noted"})
	})
}

func TestSendSMSProxyAndErrors(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOpts{cfg: Config{AllowWrites: true}, answer: accept})
	s := h.seed()
	_, _, err := h.srv.client.Messaging.Configure(context.Background(), s.number.ID, &aircall.MessagingConfigurationRequest{CallbackURL: "https://example.com/sms"})
	require.NoError(t, err)
	ok[MessageView](h, "send_sms", map[string]any{"number_id": s.number.ID, "to": "+14155551234", "body": "hi"})
	sent := h.fake.SentMessages()
	require.Len(t, sent, 1)
	assert.False(t, sent[0].Native, "a configured number sends through its configuration")

	before := h.fake.Stats().Requests
	assert.Contains(t, h.fails("send_sms", map[string]any{"number_id": s.number.ID, "to": "+1", "body": "hi"}), "E.164")
	assert.Contains(t, h.fails("send_sms", map[string]any{"number_id": s.number.ID, "to": "+14155551234", "body": "   "}), "empty")
	assert.Equal(t, before, h.fake.Stats().Requests, "refused before asking or sending")
	assert.Len(t, h.asked.questions(), 1)
	assert.Contains(t, h.fails("send_sms", map[string]any{"number_id": 424242, "to": "+14155551234", "body": "hi", "mode": "native"}), "404")
}
