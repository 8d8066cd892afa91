package aircallmcp

import (
	"crypto/rand"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// Config says what the server exposes and how carefully.
type Config struct {
	// Toolsets lists the toolsets to expose (see Toolsets); nil or empty
	// means all of them.
	Toolsets []string
	// AllowWrites exposes the tools that change something in Aircall (start
	// a call, send a message, tag, comment, register or delete a webhook...)
	// and lets execute_operation run such operations. The default is
	// read-only: write tools are not even listed.
	AllowWrites bool
	// RequireConfirmation refuses writes that reach a person or destroy data
	// when the MCP client cannot ask its user to confirm (no elicitation
	// support). By default such writes go ahead on those clients, relying on
	// the client's own approval of tool calls.
	RequireConfirmation bool
	// CallTimeout bounds one tool call, waits for Aircall's rate limit
	// included: a wait that would not end in time comes back at once as a
	// tool error saying when to retry. Default 60s.
	CallTimeout time.Duration
	// StartCallWait is how long start_call looks for the call it started,
	// to return it (Aircall answers the start with no content). Default
	// 10s; negative: do not look.
	StartCallWait time.Duration
	// Secrets are strings that must never appear in a tool result or error
	// (the Aircall credential: ClientFromEnv returns them). They are
	// replaced by "[redacted]" should one ever leak into a result.
	Secrets []string
	// Now is the clock (tests); default time.Now.
	Now func() time.Time
}

// Server is the Aircall MCP server: an MCP server whose tools run on an
// Aircall client.
type Server struct {
	client *aircall.Client
	cfg    Config
	sets   map[string]bool
	key    []byte // signs confirmation state
	mcp    *mcp.Server
	tools  []*mcp.Tool
}

// Version is the server version reported to MCP clients.
const Version = "0.1.0"

// New builds the server on client, which carries the Aircall credential
// (see ClientFromEnv). It fails on an unknown toolset.
func New(client *aircall.Client, cfg Config) (*Server, error) {
	if client == nil {
		return nil, fmt.Errorf("aircallmcp: nil client")
	}
	if cfg.CallTimeout <= 0 {
		cfg.CallTimeout = 60 * time.Second
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	sets, err := parseToolsets(cfg.Toolsets)
	if err != nil {
		return nil, err
	}
	s := &Server{client: client, cfg: cfg, sets: sets, key: make([]byte, 32)}
	_, _ = rand.Read(s.key) // crypto/rand.Read never fails
	s.mcp = mcp.NewServer(&mcp.Implementation{Name: "aircall-mcp", Title: "Aircall", Version: Version},
		&mcp.ServerOptions{Instructions: s.instructions(), Capabilities: &mcp.ServerCapabilities{}})
	s.mcp.AddReceivingMiddleware(s.redactMiddleware())
	s.registerCalls()
	s.registerContacts()
	s.registerUsers()
	s.registerNumbers()
	s.registerMessaging()
	s.registerWhatsApp()
	s.registerWebhooks()
	s.registerInsights()
	s.registerOperations()
	return s, nil
}

// MCP returns the MCP server, to run on a transport (Run, Connect, or
// mcp.NewStreamableHTTPHandler).
func (s *Server) MCP() *mcp.Server { return s.mcp }

// ToolNames lists the tools this configuration exposes, sorted.
func (s *Server) ToolNames() []string {
	names := make([]string, 0, len(s.tools))
	for _, t := range s.tools {
		names = append(names, t.Name)
	}
	slices.Sort(names)
	return names
}

func (s *Server) now() time.Time { return s.cfg.Now() }

func (s *Server) instructions() string {
	var b strings.Builder
	b.WriteString("Operate the Aircall phone system (calls, contacts, users, numbers, SMS, WhatsApp, webhooks, call insights). ")
	if s.sets["operations"] {
		b.WriteString("Prefer the curated tools; for anything else, search_operations by intent, then describe_operation, then execute_operation. ")
	}
	b.WriteString("Lists are bounded: pass next_cursor back to get more. Times are RFC 3339. Phone numbers are E.164 (+14155551234). ")
	if s.cfg.AllowWrites {
		b.WriteString("Writes are enabled; starting calls, sending messages, transfers and deletions ask the user to confirm.")
	} else {
		b.WriteString("This server is read-only: it cannot start calls, send messages or change anything.")
	}
	return b.String()
}
