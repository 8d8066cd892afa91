package aircallmcp

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// harness is an MCP client connected in memory to a server running on an
// aircalltest fake.
type harness struct {
	t     *testing.T
	fake  *aircalltest.Server
	srv   *Server
	cs    *mcp.ClientSession
	asked *asked
}

// asked records the confirmations the client was asked for, and answers them.
type asked struct {
	mu       sync.Mutex
	messages []string
	answer   *mcp.ElicitResult
}

func (a *asked) handler(_ context.Context, req *mcp.ElicitRequest) (*mcp.ElicitResult, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.messages = append(a.messages, req.Params.Message)
	return a.answer, nil
}

func (a *asked) questions() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]string(nil), a.messages...)
}

var (
	accept  = &mcp.ElicitResult{Action: "accept", Content: map[string]any{"confirm": true}}
	decline = &mcp.ElicitResult{Action: "decline"}
)

type harnessOpts struct {
	cfg      Config
	answer   *mcp.ElicitResult // nil: the client does not support elicitation
	protocol string            // "" for the SDK's latest
	fake     []aircalltest.ServerOption
	client   []aircall.Option
	// catalog, if set, replaces the SDK's catalogue under the operation tools.
	catalog func(*testing.T) *catalog
}

func newHarness(t *testing.T, o harnessOpts) *harness {
	t.Helper()
	fake := aircalltest.NewServer(append([]aircalltest.ServerOption{aircalltest.InMemory()}, o.fake...)...)
	t.Cleanup(fake.Close)
	if o.cfg.StartCallWait == 0 {
		o.cfg.StartCallWait = 200 * time.Millisecond
	}
	srv, err := New(fake.Client(o.client...), o.cfg)
	require.NoError(t, err)
	if o.catalog != nil {
		srv.registerOperationTools(o.catalog(t))
	}
	h := &harness{t: t, fake: fake, srv: srv, asked: &asked{answer: o.answer}}
	copts := &mcp.ClientOptions{}
	if o.answer != nil {
		copts.ElicitationHandler = h.asked.handler
	}
	ct, st := mcp.NewInMemoryTransports()
	ctx := context.Background()
	ss, err := srv.MCP().Connect(ctx, st, nil)
	require.NoError(t, err)
	t.Cleanup(func() { _ = ss.Close() })
	cs, err := mcp.NewClient(&mcp.Implementation{Name: "test-client", Version: "v0"}, copts).
		Connect(ctx, ct, &mcp.ClientSessionOptions{ProtocolVersion: o.protocol})
	require.NoError(t, err)
	t.Cleanup(func() { _ = cs.Close() })
	h.cs = cs
	return h
}

// call calls a tool and fails the test on a protocol error.
func (h *harness) call(name string, args map[string]any) *mcp.CallToolResult {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	res, err := h.cs.CallTool(ctx, &mcp.CallToolParams{Name: name, Arguments: args})
	require.NoError(h.t, err)
	return res
}

// ok calls a tool that must succeed and decodes its structured result into out.
func ok[T any](h *harness, name string, args map[string]any) T {
	h.t.Helper()
	res := h.call(name, args)
	require.False(h.t, res.IsError, "tool error: %s", text(res))
	var out T
	b, err := json.Marshal(res.StructuredContent)
	require.NoError(h.t, err)
	require.NoError(h.t, json.Unmarshal(b, &out), string(b))
	return out
}

// fails calls a tool that must fail with a tool error and returns its text.
func (h *harness) fails(name string, args map[string]any) string {
	h.t.Helper()
	res := h.call(name, args)
	require.True(h.t, res.IsError, "expected a tool error, got %s", text(res))
	return text(res)
}

func text(res *mcp.CallToolResult) string {
	var s string
	for _, c := range res.Content {
		if t, ok := c.(*mcp.TextContent); ok {
			s += t.Text
		}
	}
	return s
}

func (h *harness) toolNames() []string {
	h.t.Helper()
	var names []string
	for tool, err := range h.cs.Tools(context.Background(), nil) {
		require.NoError(h.t, err)
		names = append(names, tool.Name)
	}
	return names
}

// seed adds a user with a number, a contact and a few calls to the fake.
type seeded struct {
	user    *aircall.User
	number  *aircall.Number
	contact *aircall.Contact
	calls   []*aircall.Call
}

var t0 = time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)

func (h *harness) seed() seeded {
	var s seeded
	s.number = h.fake.AddNumber(aircall.Number{Name: "Support", Digits: "+33 1 23 45 67 89", Country: "FR"})
	s.user = h.fake.AddUser(aircall.User{Name: "Ada Lovelace", Email: "ada@example.com", Numbers: []*aircall.Number{{ID: s.number.ID}}})
	s.contact = h.fake.AddContact(aircall.Contact{FirstName: "Grace", LastName: "Hopper", CompanyName: "Navy",
		PhoneNumbers: []aircall.ContactDetail{{Value: "+14155551234"}}, Emails: []aircall.ContactDetail{{Value: "grace@example.com"}}})
	for i := range 3 {
		s.calls = append(s.calls, h.fake.AddCall(aircall.Call{
			Direction: aircall.CallOutbound, StartedAt: aircall.Timestamp{Time: t0.Add(time.Duration(i) * time.Hour)}, Duration: 60 + i,
			User: &aircall.User{ID: s.user.ID}, Number: &aircall.Number{ID: s.number.ID}, Contact: &aircall.Contact{ID: s.contact.ID},
		}))
	}
	return s
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create %s", path)
	assert.Equal(t, string(want), string(got), "%s differs: review, then go test -run %s -update", path, t.Name())
}

func callParams(name string, args map[string]any) *mcp.CallToolParams {
	return &mcp.CallToolParams{Name: name, Arguments: args}
}

// aircalltestInsights are AI Assist results for call id.
func aircalltestInsights(id int64) aircalltest.Insights {
	return aircalltest.Insights{
		Summary: &aircall.CallSummary{Content: "Grace wants a callback on Monday."},
		Topics:  &aircall.CallTopics{Content: []string{"callback", "schedule"}},
		Sentiment: &aircall.CallSentiment{Participants: []*aircall.SentimentParticipant{
			{PhoneNumber: "+14155551234", Value: aircall.SentimentPositive, Type: aircall.SpeakerExternal},
		}},
		ActionItems: []*aircall.ActionItem{{Content: "Call Grace back on Monday", AIGenerated: true}},
		Transcription: &aircall.Transcription{CallID: id, Content: &aircall.TranscriptionContent{Language: "en", Utterances: []*aircall.TranscriptionUtterance{
			{StartTime: 1, EndTime: 3, Text: "Hello, Aircall support.", ParticipantType: aircall.SpeakerInternal, UserID: 7},
			{StartTime: 4, EndTime: 8, Text: "Hi, please call me back on Monday.", ParticipantType: aircall.SpeakerExternal, PhoneNumber: "+14155551234"},
			{StartTime: 9, EndTime: 10, Text: "Sure.", ParticipantType: aircall.SpeakerInternal, UserID: 7},
		}}},
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}
