package aircalltest_test

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// shape maps every key path of a JSON document (array elements folded into
// "[]") to the JSON types seen there: "string", "number", "bool", "object",
// "array" or "null".
func shape(t *testing.T, data []byte) map[string][]string {
	t.Helper()
	var v any
	require.NoError(t, json.Unmarshal(data, &v), "%s", data)
	out := map[string][]string{}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		kind := "null"
		switch v := v.(type) {
		case map[string]any:
			kind = "object"
			for k, child := range v {
				p := k
				if path != "" {
					p = path + "." + k
				}
				walk(p, child)
			}
		case []any:
			kind = "array"
			for _, child := range v {
				walk(path+"[]", child)
			}
		case string:
			kind = "string"
		case float64:
			kind = "number"
		case bool:
			kind = "bool"
		}
		if path != "" && !slices.Contains(out[path], kind) {
			out[path] = append(out[path], kind)
		}
	}
	walk("", v)
	return out
}

// assertSameShape checks that every key the fixture documents is in the
// fake's answer, with one of the JSON types the fixture shows (nulls are
// compatible with anything: both sides may leave a value unset).
func assertSameShape(t *testing.T, fixture string, got []byte) {
	t.Helper()
	want, err := os.ReadFile(filepath.Join("..", "testdata", fixture))
	require.NoError(t, err)
	ws, gs := shape(t, want), shape(t, got)
	paths := make([]string, 0, len(ws))
	for p := range ws {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		wt := slices.DeleteFunc(slices.Clone(ws[p]), func(k string) bool { return k == "null" })
		gt, ok := gs[p]
		if !assert.True(t, ok, "%s: the fake's answer has no %q\n%s", fixture, p, got) {
			continue
		}
		gt = slices.DeleteFunc(slices.Clone(gt), func(k string) bool { return k == "null" })
		if len(wt) == 0 || len(gt) == 0 {
			continue
		}
		assert.True(t, slices.ContainsFunc(gt, func(k string) bool { return slices.Contains(wt, k) }),
			"%s: %q is %v in the fake's answer, %v in the documentation", fixture, p, gt, wt)
	}
}

// TestWire_matchesTheDocumentedPayloads compares the fake's answers with
// the documented examples of testdata/: same keys, same JSON types (ISO
// strings where the API writes strings, unix numbers where it writes
// numbers).
func TestWire_matchesTheDocumentedPayloads(t *testing.T) {
	t.Parallel()
	s := newServer(t, aircalltest.WithDemoData())
	wh := s.AddWebhook("https://my-server.example.com/webhooks/calls", "call.assigned")
	c := s.Client()
	ctx := t.Context()
	_, err := c.DialerCampaigns.Create(ctx, aircalltest.DemoUserID, []string{"+18002112223"})
	require.NoError(t, err)
	a2p, _, err := c.A2P.Create(ctx, &aircall.CreateA2PCampaignAssociationRequest{ExternalCampaignID: "CNXIO", Numbers: []string{"1279876456"}})
	require.NoError(t, err)
	exp, _, err := c.Analytics.CreateExport(ctx, &aircall.CreateAnalyticsExportRequest{ReportName: aircall.AnalyticsReportCallsHistory,
		Filter: aircall.AnalyticsFilter{Timezone: "UTC", DateFilter: aircall.AnalyticsDateFilter{Relative: aircall.AnalyticsThisWeek}}})
	require.NoError(t, err)
	tok := s.IssueAccessToken()

	for _, tt := range []struct {
		fixture, method, path, body string
		header                      []string
	}{
		{"users/list.json", "GET", "/v1/users", "", nil},
		{"users/get.json", "GET", "/v1/users/456", "", nil},
		{"users/create.json", "POST", "/v1/users", `{"email":"jeffrey.curtis2@aircall.io","first_name":"Jeffrey","last_name":"Curtis"}`, nil},
		{"users/update.json", "PUT", "/v1/users/459", `{"first_name":"Jeff Updated"}`, nil},
		{"users/availabilities.json", "GET", "/v1/users/availabilities", "", nil},
		{"users/availability.json", "GET", "/v1/users/456/availability", "", nil},
		{"users_v2/user.json", "GET", "/v2/users/459", "", nil},
		{"users_v2/numbers.json", "GET", "/v2/users/456/numbers", "", nil},
		{"teams/list.json", "GET", "/v1/teams", "", nil},
		{"teams/get.json", "GET", "/v1/teams/678", "", nil},
		{"teams/create.json", "POST", "/v1/teams", `{"name":"Support UK"}`, nil},
		{"teams/add_user.json", "POST", "/v1/teams/679/users/456", "", nil},
		{"calls/list.json", "GET", "/v1/calls?order=desc", "", nil},
		{"calls/get.json", "GET", "/v1/calls/841", "", nil},
		{"calls/search.json", "GET", "/v1/calls/search?user_id=456", "", nil},
		{"calls/archive.json", "PUT", "/v1/calls/841/archive", "", nil},
		{"dialer/get.json", "GET", "/v1/users/456/dialer_campaign", "", nil},
		{"dialer/phone_numbers.json", "GET", "/v1/users/456/dialer_campaign/phone_numbers", "", nil},
		{"numbers/list.json", "GET", "/v1/numbers", "", nil},
		{"numbers/get.json", "GET", "/v1/numbers/1234", "", nil},
		{"numbers/update.json", "PUT", "/v1/numbers/1234", `{"name":"French Office UPDATED"}`, nil},
		{"contacts/list.json", "GET", "/v1/contacts", "", nil},
		{"contacts/search.json", "GET", "/v1/contacts/search?phone_number=%2B34768776683", "", nil},
		{"contacts/get.json", "GET", "/v1/contacts/710", "", nil},
		{"contacts/create.json", "POST", "/v1/contacts", `{"first_name":"Gary","last_name":"Jennings","phone_numbers":[{"label":"Work","value":"+19001112222"}],"emails":[{"label":"Office","value":"g@acme.com"}]}`, nil},
		{"contacts/update.json", "POST", "/v1/contacts/710", `{"company_name":"Lerox Inc."}`, nil},
		{"contacts/add_phone_detail.json", "POST", "/v1/contacts/710/phone_details", `{"label":"Work","value":"+19161110000"}`, nil},
		{"contacts/add_email_detail.json", "POST", "/v1/contacts/710/email_details", `{"value":"v.lightner@example.com"}`, nil},
		{"tags/list.json", "GET", "/v1/tags", "", nil},
		{"tags/get.json", "GET", "/v1/tags/678", "", nil},
		{"tags/create.json", "POST", "/v1/tags", `{"name":"VIP Customer","color":"#00B388"}`, nil},
		{"webhooks/list.json", "GET", "/v1/webhooks", "", nil},
		{"webhooks/get.json", "GET", "/v1/webhooks/" + wh.WebhookID, "", nil},
		{"company/get.json", "GET", "/v1/company", "", nil},
		{"integrations/me.json", "GET", "/v1/integrations/me", "", []string{"Authorization", "Bearer " + tok}},
		{"a2p/get.json", "GET", "/v1/a2p_campaign_associations/" + itoa(a2p.ID), "", nil},
		{"a2p/list.json", "GET", "/v1/a2p_campaign_associations", "", nil},
		{"intelligence/transcription.json", "GET", "/v1/calls/841/transcription", "", nil},
		{"intelligence/sentiment.json", "GET", "/v1/calls/841/sentiments", "", nil},
		{"intelligence/topic.json", "GET", "/v1/calls/841/topics", "", nil},
		{"intelligence/summary.json", "GET", "/v1/calls/841/summary", "", nil},
		{"intelligence/action_items.json", "GET", "/v1/calls/841/action_items", "", nil},
		{"intelligence/predicted_csat.json", "GET", "/v1/calls/841/predicted_csat", "", nil},
		{"messaging/sms_templates.json", "GET", "/v1/sms/templates", "", nil},
		{"messaging/send.json", "POST", "/v1/numbers/1234/messages/native/send", `{"to":"+13023063029","body":"Hi"}`, nil},
		{"messaging/group_send.json", "POST", "/v1/numbers/1234/messages/group/native/send", `{"participants":["+13000000001","+13000000002"],"body":"Hi"}`, nil},
		{"whatsapp/status.json", "GET", "/v1/numbers/1234/whatsapp_status", "", nil},
		{"whatsapp/templates.json", "GET", "/v1/numbers/1234/templates?limit=1", "", nil},
		{"messaging/configuration.json", "POST", "/v1/numbers/2345/messages/configuration", `{"callbackUrl":"https://example.com/aircall/messages"}`, nil},
		{"whatsapp/configuration.json", "POST", "/v1/numbers/3456/messages/configuration", `{"callbackUrl":"https://example.com/aircall/whatsapp","type":"whatsapp"}`, nil},
		{"voice_agents/outbound_call.json", "POST", "/v1/outbound-calls/agents/agent-abc123", `{"contact_phone":"+18001231234","idempotency_key":"k1"}`, nil},
		{"analytics/export_completed.json", "GET", "/v1/analytics/report/export/" + exp.ExportID, "", nil},
		{"ping/ping.json", "GET", "/v1/ping", "", nil},
	} {
		status, _, body := rawRequest(t, s, tt.method, tt.path, tt.body, tt.header...)
		require.Less(t, status, 300, "%s %s: %s", tt.method, tt.path, body)
		assertSameShape(t, tt.fixture, body)
	}

	status, _, body := rawRequest(t, s, http.MethodPost, "/v1/oauth/token", `{"client_id":"`+aircalltest.DefaultClientID+
		`","client_secret":"`+aircalltest.DefaultClientSecret+`","code":"`+aircalltest.DefaultOAuthCode+
		`","redirect_uri":"https://app.example.com/cb","grant_type":"authorization_code"}`, "Authorization", "")
	require.Equal(t, http.StatusOK, status, "%s", body)
	assertSameShape(t, "oauth/token.json", body)
}

// TestWire_timeEncodings pins the three time encodings of the API.
func TestWire_timeEncodings(t *testing.T) {
	t.Parallel()
	s := newServer(t, aircalltest.WithDemoData())
	get := func(path string) map[string]any {
		status, _, body := rawRequest(t, s, http.MethodGet, path, "")
		require.Equal(t, http.StatusOK, status)
		var m map[string]any
		require.NoError(t, json.Unmarshal(body, &m))
		return m
	}
	user := get("/v1/users/456")["user"].(map[string]any)
	assert.Equal(t, "2019-12-29T10:03:18.000Z", user["created_at"], "users: ISO-8601")
	number := get("/v1/numbers/1234")["number"].(map[string]any)
	assert.Equal(t, "2020-01-02T11:41:01.000Z", number["created_at"], "numbers: ISO-8601")
	contact := get("/v1/contacts/710")["contact"].(map[string]any)
	assert.InDelta(t, 1400691054, contact["created_at"], 0, "contacts: unix seconds")
	call := get("/v1/calls/841")["call"].(map[string]any)
	assert.IsType(t, float64(0), call["started_at"], "calls: unix seconds")
	assert.Less(t, call["started_at"].(float64), 1e11)
	comment := call["comments"].([]any)[0].(map[string]any)
	assert.IsType(t, float64(0), comment["posted_at"], "comments: unix seconds")

	status, _, body := rawRequest(t, s, http.MethodPost, "/v1/numbers/1234/messages/native/send", `{"to":"+13023063029","body":"Hi"}`)
	require.Equal(t, http.StatusOK, status)
	var msg map[string]any
	require.NoError(t, json.Unmarshal(body, &msg))
	assert.Greater(t, msg["created_at"].(float64), 1e12, "messages: epoch milliseconds")
}
