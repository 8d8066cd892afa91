package catalog

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSnake(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"Get": "get", "GetPredictedCSAT": "get_predicted_csat", "ListSMSTemplates": "list_sms_templates",
		"UsersV2": "users_v2", "AIVoiceAgents": "ai_voice_agents", "A2P": "a2p", "WhatsApp": "whatsapp",
		"ExchangeOAuthCode": "exchange_oauth_code", "DialerCampaigns": "dialer_campaigns",
	} {
		assert.Equal(t, want, snake(in), in)
	}
}

func TestWithoutGoName(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"PerPage is the number of results per page.":     "The number of results per page.",
		"FetchContact, when true, adds contact details.": "When true, adds contact details.",
		"From sets a minimal creation date.":             "Sets a minimal creation date.",
		"Fromage is cheese.":                             "Fromage is cheese.",
		"The page.":                                      "The page.",
	} {
		name := map[bool]string{true: "PerPage", false: "From"}[in[:2] == "Pe"]
		if in[:2] == "Fe" {
			name = "FetchContact"
		}
		assert.Equal(t, want, withoutGoName(in, name), in)
	}
}

func TestReachesPerson(t *testing.T) {
	t.Parallel()
	assert.True(t, reachesPerson("POST", "/v1/numbers/:id/messages/group/native/send"))
	assert.True(t, reachesPerson("POST", "/v1/outbound-calls/agents/:agent_id"))
	assert.True(t, reachesPerson("POST", "/v1/calls/:id/transfers"))
	assert.False(t, reachesPerson("POST", "/v1/numbers/:id/messages/configuration"))
	assert.False(t, reachesPerson("GET", "/v1/users/:id/calls"))
}
