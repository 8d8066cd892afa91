package aircallmcp

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// catalogDocs are the SDK's operations as the ranking reads them.
func catalogDocs(t *testing.T) []opDoc {
	t.Helper()
	cat, err := sdkCatalog(nil)
	require.NoError(t, err)
	docs := make([]opDoc, 0, len(cat.ops))
	for _, o := range cat.ops {
		docs = append(docs, o.doc())
	}
	require.Greater(t, len(docs), 60)
	return docs
}

// intents are what users write, with the operation (method and path) that
// must come first.
var intents = []struct{ query, want string }{
	{"place an outbound call", "POST /v1/users/:id/calls"},
	{"dial a number for an agent", "POST /v1/users/:id/dial"},
	{"send an SMS", "POST /v1/numbers/:id/messages/send"},
	{"list calls from the last 24 hours", "GET /v1/calls"},
	{"search a contact by phone number", "GET /v1/contacts/search"},
	{"pause the recording", "POST /v1/calls/:id/pause_recording"},
	{"add a tag to a call", "POST /v1/calls/:id/tags"},
	{"comment on a call", "POST /v1/calls/:id/comments"},
	{"get a call's transcript", "GET /v1/calls/:id/transcription"},
	{"register a webhook", "POST /v1/webhooks"},
	// More, as agents phrase them.
	{"Place an outbound call from a specific user", "POST /v1/users/:id/calls"},
	{"I want to send an SMS through Aircall", "POST /v1/numbers/:id/messages/send"},
	{"Search for a contact by phone number", "GET /v1/contacts/search"},
	{"resume call recording", "POST /v1/calls/:id/resume_recording"},
	{"transfer a call to a colleague", "POST /v1/calls/:id/transfers"},
	{"send a WhatsApp message", "POST /v1/messages/send/whatsapp/native|POST /v1/messages/whatsapp/send"},
	{"summarize a call", "GET /v1/calls/:id/summary"},
	{"delete a webhook", "DELETE /v1/webhooks/:id"},
	{"create a contact", "POST /v1/contacts"},
	{"list users", "GET /v1/users"},
	{"who is available", "GET /v1/users/availabilities|GET /v1/users/:id/availability"},
	{"create a tag", "POST /v1/tags"},
	{"find calls by tag", "GET /v1/calls/search"},
	{"archive a call", "PUT /v1/calls/:id/archive"},
	{"check whatsapp line status", "GET /v1/numbers/:id/whatsapp_status"},
	{"list phone numbers", "GET /v1/numbers"},
	{"register a webhook on inbound SMS", "POST /v1/webhooks"},
	{"exchange an authorization code for an OAuth access token", "POST /v1/oauth/token"},
	{"search calls for a user from yesterday", "GET /v1/calls/search"},
	{"retag a call", "POST /v1/calls/:id/tags"},
	{"get a call", "GET /v1/calls/:id"},
	{"delete a contact", "DELETE /v1/contacts/:id"},
	{"update a contact", "POST /v1/contacts/:id"},
	{"what are the topics of a call", "GET /v1/calls/:id/topics"},
	{"text a customer", "POST /v1/numbers/:id/messages/send"},
	{"get the company", "GET /v1/company"},
	{"make a call", "POST /v1/users/:id/calls"},
	{"Find the user with email rep@example.com", "GET /v1/users|GET /v2/users"},
	{"unpause recording", "POST /v1/calls/:id/resume_recording"},
	{"assign a user to a team", "POST /v1/teams/:team_id/users/:user_id"},
	{"add a phone number to a contact", "POST /v1/contacts/:id/phone_details"},
	{"start an AI voice agent call", "POST /v1/outbound-calls/agents/:agent_id"},
	{"get call sentiment", "GET /v1/calls/:id/sentiments"},
	{"delete the recording of a call", "DELETE /v1/calls/:id/recording"},
	{"send a group sms", "POST /v1/numbers/:id/messages/group/send"},
}

func TestRankingOnIntents(t *testing.T) {
	t.Parallel()
	r := newRanker(catalogDocs(t))
	top1 := 0
	for _, in := range intents {
		got := r.rank(in.query, 5)
		require.NotEmpty(t, got, in.query)
		var ids []string
		for _, s := range got {
			ids = append(ids, fmt.Sprintf("%s %s (%.1f)", s.doc.Method, s.doc.Path, s.score))
		}
		if assert.Contains(t, strings.Split(in.want, "|"), got[0].doc.Method+" "+got[0].doc.Path, "%q ranked:\n%s", in.query, strings.Join(ids, "\n")) {
			top1++
		}
	}
	t.Logf("top-1 on %d/%d intents", top1, len(intents))
}

func TestRankingIgnoresNoise(t *testing.T) {
	t.Parallel()
	r := newRanker(catalogDocs(t))
	assert.Empty(t, r.rank("", 5))
	assert.Empty(t, r.rank("the of a to", 5))
	assert.Empty(t, r.rank("zebra quantum", 5))
	for _, s := range r.rank("list calls", 10) {
		assert.NotEqual(t, "DELETE", s.doc.Method, "a deletion is never offered for a listing")
	}
}
