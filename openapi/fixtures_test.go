package openapi

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/aircall-go/aircall"
	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// responseFixtures maps each documentation fixture to the operation it is an
// answer of, with the status (0: the operation's success status).
var responseFixtures = map[string]struct {
	op     string
	status int
}{
	"a2p/create.json": {"a2p.create", 0}, "a2p/get.json": {"a2p.get", 0}, "a2p/list.json": {"a2p.list", 0},
	"a2p/update.json":                   {"a2p.update", 0},
	"analytics/export_pending.json":     {"analytics.create_export", 0},
	"analytics/export_completed.json":   {"analytics.get_export", 0},
	"analytics/export_failed.json":      {"analytics.get_export", 0},
	"calls/archive.json":                {"calls.archive", 0},
	"calls/get.json":                    {"calls.get", 0},
	"calls/list.json":                   {"calls.list", 0},
	"calls/search.json":                 {"calls.search", 0},
	"calls/unarchive.json":              {"calls.unarchive", 0},
	"company/get.json":                  {"company.get", 0},
	"contacts/add_email_detail.json":    {"contacts.add_email", 0},
	"contacts/add_phone_detail.json":    {"contacts.add_phone_number", 0},
	"contacts/create.json":              {"contacts.create", 0},
	"contacts/get.json":                 {"contacts.get", 0},
	"contacts/list.json":                {"contacts.list", 0},
	"contacts/search.json":              {"contacts.search", 0},
	"contacts/update.json":              {"contacts.update", 0},
	"contacts/update_email_detail.json": {"contacts.update_email", 0},
	"contacts/update_phone_detail.json": {"contacts.update_phone_number", 0},
	"dialer/get.json":                   {"dialer_campaigns.get", 0},
	"dialer/phone_numbers.json":         {"dialer_campaigns.list_phone_numbers", 0},
	"errors/page_limit.json":            {"calls.list", 400},
	"integrations/me.json":              {"integrations.me", 0},
	"intelligence/action_items.json":    {"calls.get_action_items", 0},
	"intelligence/predicted_csat.json":  {"calls.get_predicted_csat", 0},
	"intelligence/sentiment.json":       {"calls.get_sentiments", 0},
	"intelligence/summary.json":         {"calls.get_summary", 0},
	"intelligence/topic.json":           {"calls.get_topics", 0},
	"intelligence/transcription.json":   {"calls.get_transcription", 0},
	"messaging/configuration.json":      {"messaging.get_configuration", 0},
	"messaging/group_send.json":         {"messaging.send_group", 0},
	"messaging/send.json":               {"messaging.send", 0},
	"messaging/send_iso.json":           {"messaging.send", 0},
	"messaging/sms_templates.json":      {"messaging.list_sms_templates", 0},
	"numbers/get.json":                  {"numbers.get", 0},
	"numbers/list.json":                 {"numbers.list", 0},
	"numbers/update.json":               {"numbers.update", 0},
	"numbers/update_messages.json":      {"numbers.update", 0},
	"oauth/token.json":                  {"client.exchange_oauth_code", 0},
	"ping/ping.json":                    {"client.ping", 200},
	"tags/create.json":                  {"tags.create", 0},
	"tags/get.json":                     {"tags.get", 0},
	"tags/list.json":                    {"tags.list", 0},
	"tags/update.json":                  {"tags.update", 0},
	"teams/add_user.json":               {"teams.add_user", 0},
	"teams/create.json":                 {"teams.create", 0},
	"teams/get.json":                    {"teams.get", 0},
	"teams/list.json":                   {"teams.list", 0},
	"teams/remove_user.json":            {"teams.remove_user", 0},
	"users/availabilities.json":         {"users.list_availabilities", 0},
	"users/availability.json":           {"users.get_availability", 0},
	"users/create.json":                 {"users.create", 0},
	"users/get.json":                    {"users.get", 0},
	"users/list.json":                   {"users.list", 0},
	"users/update.json":                 {"users.update", 0},
	"users_v2/numbers.json":             {"users_v2.list_numbers", 0},
	"users_v2/user.json":                {"users_v2.get", 0},
	"voice_agents/outbound_call.json":   {"ai_voice_agents.start_outbound_call", 0},
	"webhooks/create.json":              {"webhooks.create", 0},
	"webhooks/get.json":                 {"webhooks.get", 0},
	"webhooks/list.json":                {"webhooks.list", 0},
	"webhooks/update.json":              {"webhooks.update", 0},
	"whatsapp/configuration.json":       {"whatsapp.status", 0},
	"whatsapp/status.json":              {"whatsapp.status", 0},
	"whatsapp/status_limited.json":      {"whatsapp.status", 0},
	"whatsapp/templates.json":           {"whatsapp.list_templates", 0},

	"whatsapp/errors/forbidden.json":               {"whatsapp.send", 403},
	"whatsapp/errors/line_not_configured.json":     {"whatsapp.send", 400},
	"whatsapp/errors/line_offline_or_blocked.json": {"whatsapp.send", 400},
	"whatsapp/errors/template_not_approved.json":   {"whatsapp.send", 400},
	"whatsapp/errors/tier_limit.json":              {"whatsapp.send", 429},
	"whatsapp/errors/waba_not_configured.json":     {"whatsapp.send", 400},
}

// requestFixtures maps the documentation's request bodies to their operation.
var requestFixtures = map[string]string{
	"calls/insight_card_request.json": "calls.add_insight_card",
	"users/create_request.json":       "users.create",
	"users/update_request.json":       "users.update",
}

// notFixtures are the testdata files that are not answers of an operation.
var notFixtures = map[string]string{
	"callbacks/sms_received.json":            "a messaging callback, not an API answer",
	"callbacks/sms_updated.json":             "a messaging callback, not an API answer",
	"callbacks/whatsapp_window_expired.json": "a messaging callback, not an API answer",
}

const testdata = "../testdata"

// validator finds the operations of requests and checks requests and
// answers against the document.
type validator struct {
	doc    *openapi3.T
	router routers.Router
}

func newValidator(t *testing.T) *validator {
	t.Helper()
	doc := loadDoc(t)
	r, err := legacy.NewRouter(doc)
	require.NoError(t, err)
	return &validator{doc: doc, router: r}
}

// route finds the operation of a request sent to any host.
func (v *validator) route(req *http.Request) (*routers.Route, map[string]string, error) {
	r := req.Clone(req.Context())
	u := *req.URL
	u.Scheme, u.Host = "https", "api.aircall.io"
	r.URL, r.Host = &u, u.Host
	return v.router.FindRoute(r)
}

func (v *validator) requestInput(req *http.Request) (*openapi3filter.RequestValidationInput, error) {
	route, params, err := v.route(req)
	if err != nil {
		return nil, err
	}
	return &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}}, nil
}

// checkResponse validates an answer to req.
func (v *validator) checkResponse(req *http.Request, status int, header http.Header, body []byte) error {
	in, err := v.requestInput(req)
	if err != nil {
		return err
	}
	if header == nil {
		header = http.Header{"Content-Type": {"application/json"}}
	}
	return openapi3filter.ValidateResponse(context.Background(), &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in, Status: status, Header: header,
		Body:    io.NopCloser(bytes.NewReader(body)),
		Options: &openapi3filter.Options{IncludeResponseStatus: true},
	})
}

// requestFor builds a request of an operation, placeholders filled with 1.
func requestFor(t *testing.T, id string, body []byte) *http.Request {
	t.Helper()
	op, ok := aircall.OperationByID(id)
	require.True(t, ok, id)
	segs := strings.Split(op.Path, "/")
	for i, s := range segs {
		if strings.HasPrefix(s, ":") {
			segs[i] = "1"
		}
	}
	req, err := http.NewRequest(op.Method, "https://api.aircall.io"+strings.Join(segs, "/"), bytes.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	return req
}

func successCode(t *testing.T, id string) int {
	op, _ := aircall.OperationByID(id)
	code, err := strconv.Atoi(successStatus(op))
	require.NoError(t, err)
	return code
}

// TestFixturesValidate checks every documentation fixture against the
// schema of the answer (or request) it is an example of.
func TestFixturesValidate(t *testing.T) {
	t.Parallel()
	v := newValidator(t)
	seen := map[string]bool{}
	for name, fx := range responseFixtures {
		seen[name] = true
		body, err := os.ReadFile(filepath.Join(testdata, name))
		require.NoError(t, err)
		status := fx.status
		if status == 0 {
			status = successCode(t, fx.op)
		}
		err = v.checkResponse(requestFor(t, fx.op, nil), status, nil, body)
		assert.NoError(t, err, "%s as the answer of %s", name, fx.op)
	}
	for name, id := range requestFixtures {
		seen[name] = true
		body, err := os.ReadFile(filepath.Join(testdata, name))
		require.NoError(t, err)
		in, err := v.requestInput(requestFor(t, id, body))
		require.NoError(t, err)
		assert.NoError(t, openapi3filter.ValidateRequestBody(context.Background(), in, in.Route.Operation.RequestBody.Value),
			"%s as the request of %s", name, id)
	}
	files, err := filepath.Glob(filepath.Join(testdata, "*", "*.json"))
	require.NoError(t, err)
	more, err := filepath.Glob(filepath.Join(testdata, "*", "*", "*.json"))
	require.NoError(t, err)
	for _, f := range append(files, more...) {
		rel, _ := filepath.Rel(testdata, f)
		rel = filepath.ToSlash(rel)
		if strings.HasPrefix(rel, "events/") || strings.HasPrefix(rel, "fuzz/") || notFixtures[rel] != "" {
			continue
		}
		assert.True(t, seen[rel], "fixture %s is not mapped to an operation", rel)
	}
}

// TestWebhookFixturesValidate checks every event fixture against its
// webhook's payload schema, and that every event has one.
func TestWebhookFixturesValidate(t *testing.T) {
	t.Parallel()
	doc := loadDoc(t)
	for _, ev := range aircall.EventTypes() {
		item := doc.Webhooks[string(ev)]
		require.NotNil(t, item, "no webhook for %s", ev)
		body, err := os.ReadFile(filepath.Join(testdata, "events", string(ev)+".json"))
		if !assert.NoError(t, err, "no fixture for %s", ev) {
			continue
		}
		s := item.Post.RequestBody.Value.Content.Get("application/json").Schema.Value
		var payload any
		require.NoError(t, json.Unmarshal(body, &payload))
		assert.NoError(t, s.VisitJSON(payload, openapi3.EnableJSONSchema2020()), "%s", ev)
	}
}
