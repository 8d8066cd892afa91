package aircallmcp

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

const redacted = "[redacted]"

// redact replaces every secret in s.
func redact(s string, secrets []string) string {
	for _, sec := range secrets {
		if len(sec) >= 4 {
			s = strings.ReplaceAll(s, sec, redacted)
		}
	}
	return s
}

// redactMiddleware is the last line of defence: no tool result leaves the
// server with a configured secret in it, whatever a tool or the API did.
func (s *Server) redactMiddleware() mcp.Middleware {
	return func(next mcp.MethodHandler) mcp.MethodHandler {
		return func(ctx context.Context, method string, req mcp.Request) (mcp.Result, error) {
			res, err := next(ctx, method, req)
			if err != nil {
				if redact(err.Error(), s.cfg.Secrets) != err.Error() {
					err = errorRedacted{err, s.cfg.Secrets}
				}
				return res, err
			}
			if r, ok := res.(*mcp.CallToolResult); ok && r != nil {
				s.redactResult(r)
			}
			return res, nil
		}
	}
}

func (s *Server) redactResult(r *mcp.CallToolResult) {
	if len(s.cfg.Secrets) == 0 {
		return
	}
	for _, c := range r.Content {
		if t, ok := c.(*mcp.TextContent); ok {
			t.Text = redact(t.Text, s.cfg.Secrets)
		}
	}
	if r.StructuredContent == nil {
		return
	}
	b, err := json.Marshal(r.StructuredContent)
	if err != nil {
		return
	}
	clean := []byte(redact(string(b), s.cfg.Secrets))
	if !bytes.Equal(clean, b) {
		r.StructuredContent = json.RawMessage(clean)
	}
}

// errorRedacted is a protocol error with the secrets taken out of its text.
type errorRedacted struct {
	err     error
	secrets []string
}

// Error is the underlying error's text with every secret replaced.
func (e errorRedacted) Error() string { return redact(e.err.Error(), e.secrets) }

// Unwrap gives the underlying error to errors.Is and errors.As.
func (e errorRedacted) Unwrap() error { return e.err }
