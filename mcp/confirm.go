package aircallmcp

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"time"

	"github.com/google/jsonschema-go/jsonschema"
	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// confirmKey names the confirmation in the elicitation round trip.
const confirmKey = "confirm"

// confirmTTL is how long a confirmation question stays answerable.
const confirmTTL = 10 * time.Minute

// errDeclined is the tool error of a declined confirmation.
var errDeclined = errors.New("not done: the user declined the confirmation, so nothing was sent to Aircall")

// confirm asks the user, through the client, to confirm what tool is about
// to do with args. It returns (nil, nil) to go ahead; a result to return
// as is (the question, as an input request: the SDK asks the user and calls
// the tool again with the answer, on old and new protocol versions alike);
// or an error: declined, or no way to ask under RequireConfirmation.
//
// The question's request state is signed over the tool and its arguments,
// so an answer forged by a client, or one given to other arguments, is not
// taken as consent: the question is asked again.
func (s *Server) confirm(req *mcp.CallToolRequest, tool string, args any, question string) (*mcp.CallToolResult, error) {
	caps := req.ClientCapabilities()
	if caps == nil || caps.Elicitation == nil {
		if s.cfg.RequireConfirmation {
			return nil, errors.New("not done: this needs the user's confirmation and this MCP client cannot ask for it (no elicitation support); nothing was sent to Aircall")
		}
		return nil, nil
	}
	digest, err := argsDigest(tool, args)
	if err != nil {
		return nil, err
	}
	if ans, ok := req.Params.InputResponses[confirmKey].(*mcp.ElicitResult); ok && s.verifyState(req.Params.RequestState, digest) {
		if ans.Action == "accept" && ans.Content[confirmKey] == true {
			return nil, nil
		}
		return nil, errDeclined
	}
	return &mcp.CallToolResult{
		InputRequests: mcp.InputRequestMap{confirmKey: &mcp.ElicitParams{
			Message: question,
			RequestedSchema: &jsonschema.Schema{
				Type: "object",
				Properties: map[string]*jsonschema.Schema{
					confirmKey: {Type: "boolean", Title: "Go ahead?", Description: "Check to let the assistant do this now."},
				},
				Required: []string{confirmKey},
			},
		}},
		RequestState: s.signState(digest),
	}, nil
}

// argsDigest identifies one tool call: the tool and its decoded arguments.
func argsDigest(tool string, args any) ([]byte, error) {
	b, err := json.Marshal(args)
	if err != nil {
		return nil, err
	}
	h := sha256.New()
	h.Write([]byte(tool))
	h.Write([]byte{0})
	h.Write(b)
	return h.Sum(nil), nil
}

// signState returns issued-at (unix seconds) and an HMAC over it and digest.
func (s *Server) signState(digest []byte) string {
	var at [8]byte
	binary.BigEndian.PutUint64(at[:], uint64(s.now().Unix()))
	return base64.RawURLEncoding.EncodeToString(append(at[:], s.mac(at[:], digest)...))
}

func (s *Server) verifyState(state string, digest []byte) bool {
	b, err := base64.RawURLEncoding.DecodeString(state)
	if err != nil || len(b) != 8+sha256.Size {
		return false
	}
	issued := time.Unix(int64(binary.BigEndian.Uint64(b[:8])), 0)
	if age := s.now().Sub(issued); age < -time.Minute || age > confirmTTL {
		return false
	}
	return hmac.Equal(b[8:], s.mac(b[:8], digest))
}

func (s *Server) mac(at, digest []byte) []byte {
	m := hmac.New(sha256.New, s.key)
	m.Write(at)
	m.Write(digest)
	return m.Sum(nil)
}
