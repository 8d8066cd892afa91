package aircall

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aircall-go/aircall/internal/fixture"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWhatsAppStatusFixture_booleanCanSend(t *testing.T) {
	t.Parallel()
	st, _ := testFixture[*WhatsAppStatus](t, "whatsapp/status.json", "")
	assert.Equal(t, &WhatsAppStatus{
		WABAID:                     "123456789",
		Status:                     WhatsAppLineOnline,
		CanSendMessage:             WhatsAppSendAvailable,
		MessagingLimitTier:         WhatsAppTier1K,
		QualityRating:              WhatsAppQualityGreen,
		BusinessVerificationStatus: WhatsAppBusinessVerified,
	}, st)
	assert.False(t, st.Degraded())
}

func TestWhatsAppStatusFixture_enumCanSend(t *testing.T) {
	t.Parallel()
	st, _ := testFixture[*WhatsAppStatus](t, "whatsapp/status_limited.json", "")
	assert.Equal(t, WhatsAppSendLimited, st.CanSendMessage)
	assert.Equal(t, WhatsAppQualityYellow, st.QualityRating)
	assert.Equal(t, WhatsAppTier250, st.MessagingLimitTier)
	assert.True(t, st.Degraded())
}

func TestWhatsAppSendCapability_UnmarshalJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    WhatsAppSendCapability
		wantErr bool
	}{
		{`true`, WhatsAppSendAvailable, false},
		{`false`, WhatsAppSendBlocked, false},
		{`"AVAILABLE"`, WhatsAppSendAvailable, false},
		{`"LIMITED"`, WhatsAppSendLimited, false},
		{`"BLOCKED"`, WhatsAppSendBlocked, false},
		{`"SOMETHING_NEW"`, "SOMETHING_NEW", false},
		{`null`, "", false},
		{`1`, "", true},
		{`{}`, "", true},
	}
	for _, tt := range tests {
		var st struct {
			C WhatsAppSendCapability `json:"canSendMessage"`
		}
		err := json.Unmarshal([]byte(`{"canSendMessage":`+tt.in+`}`), &st)
		if tt.wantErr {
			assert.Error(t, err, tt.in)
			continue
		}
		require.NoError(t, err, tt.in)
		assert.Equal(t, tt.want, st.C, tt.in)
	}
}

func TestWhatsAppTemplatesFixture(t *testing.T) {
	t.Parallel()
	page, _ := testFixture[*WhatsAppTemplatePage](t, "whatsapp/templates.json", "")
	require.Len(t, page.Templates, 1)
	assert.Equal(t, &WhatsAppTemplate{
		ID: 1, WABAID: "123456789", Name: "order_confirmation",
		Category: WhatsAppTemplateUtility, Status: WhatsAppTemplateApproved, Language: "en",
	}, page.Templates[0], "every key of the fixture is modelled (Extra is empty)")
	assert.Equal(t, &WhatsAppPageInfo{CurrentToken: "0", NextToken: "10", TotalCount: 50}, page.PageInfo)
	assert.Equal(t, "10", page.Next())

	// Templates decode through a custom UnmarshalJSON, which the strict
	// fixture decoder cannot see into: decode them strictly here too.
	var wire struct {
		Templates []*whatsAppTemplateWire `json:"templates"`
		PageInfo  *WhatsAppPageInfo       `json:"pageInfo"`
	}
	require.NoError(t, fixture.DecodeStrict(loadFixture(t, "whatsapp/templates.json"), &wire))
}

func TestWhatsAppTemplate_extraKeysAndStringID(t *testing.T) {
	t.Parallel()
	in := `{"id":"42","name":"welcome","status":"APPROVED","body":"Hi {{1}}","variables":[{"key":"{{1}}","example":"Jordan"}]}`
	var tpl WhatsAppTemplate
	require.NoError(t, json.Unmarshal([]byte(in), &tpl))
	assert.Equal(t, int64(42), tpl.ID)
	assert.Equal(t, "welcome", tpl.Name)
	require.Len(t, tpl.Extra, 2)
	assert.JSONEq(t, `"Hi {{1}}"`, string(tpl.Extra["body"]))
	assert.JSONEq(t, `[{"key":"{{1}}","example":"Jordan"}]`, string(tpl.Extra["variables"]))

	out, err := json.Marshal(tpl)
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":42,"wabaId":"","name":"welcome","category":"","status":"APPROVED","language":"",
		"body":"Hi {{1}}","variables":[{"key":"{{1}}","example":"Jordan"}]}`, string(out))

	// An Extra key that collides with a modelled one is not written twice.
	tpl.Extra["name"] = json.RawMessage(`"shadow"`)
	out, err = json.Marshal(&tpl)
	require.NoError(t, err)
	assert.Equal(t, 1, strings.Count(string(out), `"name"`))

	assert.Error(t, json.Unmarshal([]byte(`{"id":"abc"}`), &tpl))
	assert.Error(t, json.Unmarshal([]byte(`{"id":1,"name":5}`), &tpl))
	assert.Error(t, json.Unmarshal([]byte(`[]`), &tpl))
}

func TestWhatsAppTemplate_Params(t *testing.T) {
	t.Parallel()
	tpl := &WhatsAppTemplate{ID: 1234}
	p := tpl.Params(WhatsAppTemplateVariable{Key: "{{1}}", Value: "Jordan"})
	b, err := json.Marshal(p)
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"1234","body":[{"key":"{{1}}","value":"Jordan"}]}`, string(b))
}

func TestWhatsAppTemplatePage_Next(t *testing.T) {
	t.Parallel()
	one := []*WhatsAppTemplate{{ID: 1}}
	tests := []struct {
		name string
		page *WhatsAppTemplatePage
		want string
	}{
		{"nil page", nil, ""},
		{"no pageInfo", &WhatsAppTemplatePage{Templates: one}, ""},
		{"no templates", &WhatsAppTemplatePage{PageInfo: &WhatsAppPageInfo{NextToken: "10", TotalCount: 50}}, ""},
		{"no next", &WhatsAppTemplatePage{Templates: one, PageInfo: &WhatsAppPageInfo{CurrentToken: "40", TotalCount: 50}}, ""},
		{"next equals current", &WhatsAppTemplatePage{Templates: one, PageInfo: &WhatsAppPageInfo{CurrentToken: "40", NextToken: "40"}}, ""},
		{"offset past total", &WhatsAppTemplatePage{Templates: one, PageInfo: &WhatsAppPageInfo{CurrentToken: "40", NextToken: "50", TotalCount: 50}}, ""},
		{"offset", &WhatsAppTemplatePage{Templates: one, PageInfo: &WhatsAppPageInfo{CurrentToken: "0", NextToken: "10", TotalCount: 50}}, "10"},
		{"opaque cursor", &WhatsAppTemplatePage{Templates: one, PageInfo: &WhatsAppPageInfo{NextToken: "eyJvZmYiOjEwfQ", TotalCount: 50}}, "eyJvZmYiOjEwfQ"},
		{"unknown total", &WhatsAppTemplatePage{Templates: one, PageInfo: &WhatsAppPageInfo{NextToken: "99"}}, "99"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.page.Next(), tt.name)
	}
}

func TestWhatsAppService_RegisterLine(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("/v1/numbers/77/messages/configuration", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, "POST")
		testQuery(t, r, nil)
		testJSONBody(t, r, `{"callbackUrl":"https://example.com/aircall/whatsapp","type":"whatsapp"}`)
		serveFixture(t, w, http.StatusOK, "whatsapp/configuration.json")
	})
	cfg, _, err := client.WhatsApp.RegisterLine(t.Context(), 77, "https://example.com/aircall/whatsapp")
	require.NoError(t, err)
	assert.Equal(t, MessagingConfigurationWhatsApp, cfg.Type)
	assert.Equal(t, "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d", cfg.Token)
}

func TestWhatsAppService_RegisterLine_invalid(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("/", failHandler(t))
	_, _, err := client.WhatsApp.RegisterLine(t.Context(), 0, "https://example.com/cb")
	assertArgError(t, err, "numberID")
	for _, u := range []string{"", "http://example.com/cb", "example.com/cb", "https://127.0.0.1/cb", "https://localhost:8443/cb"} {
		_, resp, err := client.WhatsApp.RegisterLine(t.Context(), 1, u)
		assertArgError(t, err, "callbackURL")
		assert.Nil(t, resp)
	}
}

func TestWhatsAppService_Status(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("/v1/numbers/77/whatsapp_status", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, "GET")
		testQuery(t, r, nil)
		testNoBody(t, r)
		serveFixture(t, w, http.StatusOK, "whatsapp/status.json")
	})
	st, _, err := client.WhatsApp.Status(t.Context(), 77)
	require.NoError(t, err)
	assert.Equal(t, WhatsAppLineOnline, st.Status)

	_, _, err = client.WhatsApp.Status(t.Context(), 0)
	assertArgError(t, err, "numberID")
}

func TestWhatsAppService_ListTemplates(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("/v1/numbers/77/templates", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, "GET")
		testQuery(t, r, url.Values{"status": {"APPROVED"}, "category": {"UTILITY"}, "limit": {"10"}, "sort": {"name"}, "token": {"20"}})
		testNoBody(t, r)
		serveFixture(t, w, http.StatusOK, "whatsapp/templates.json")
	})
	opts := &WhatsAppTemplateListOptions{Status: WhatsAppTemplateApproved, Category: WhatsAppTemplateUtility, Limit: 10, Sort: "name", Token: "20"}
	tpls, resp, err := client.WhatsApp.ListTemplates(t.Context(), 77, opts)
	require.NoError(t, err)
	require.Len(t, tpls, 1)
	assert.Equal(t, "order_confirmation", tpls[0].Name)
	assert.Nil(t, resp.Meta, "cursor pagination has no meta")

	page, _, err := client.WhatsApp.ListTemplatesPage(t.Context(), 77, opts)
	require.NoError(t, err)
	assert.Equal(t, "10", page.Next())
}

func TestWhatsAppService_ListTemplates_nilOptions(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("GET /v1/numbers/77/templates", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, nil)
		serveFixture(t, w, http.StatusOK, "whatsapp/templates.json")
	})
	_, _, err := client.WhatsApp.ListTemplates(t.Context(), 77, nil)
	require.NoError(t, err)
}

func TestWhatsAppService_ListTemplates_invalid(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("/", failHandler(t))
	_, _, err := client.WhatsApp.ListTemplates(t.Context(), -3, nil)
	assertArgError(t, err, "numberID")
	_, _, err = client.WhatsApp.ListTemplates(t.Context(), 3, &WhatsAppTemplateListOptions{Limit: -1})
	assertArgError(t, err, "Limit")
	for _, err := range client.WhatsApp.ListTemplatesIter(t.Context(), 0, nil) {
		assertArgError(t, err, "numberID")
	}
}

func TestWhatsAppService_ListTemplatesIter(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	var tokens []string
	mux.HandleFunc("GET /v1/numbers/77/templates", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		assert.Equal(t, "APPROVED", q.Get("status"), "filters kept on every page")
		tok := q.Get("token")
		tokens = append(tokens, tok)
		switch tok {
		case "2":
			writeJSON(w, http.StatusOK, `{"templates":[{"id":3,"name":"c"},{"id":4,"name":"d"}],"pageInfo":{"currentToken":2,"nextToken":4,"totalCount":5}}`)
		case "4":
			writeJSON(w, http.StatusOK, `{"templates":[{"id":5,"name":"e"}],"pageInfo":{"currentToken":4,"nextToken":null,"totalCount":5}}`)
		default:
			t.Errorf("unexpected token %q", tok)
			writeError(w, http.StatusBadRequest, "Bad Request", "bad token")
		}
	})
	opts := &WhatsAppTemplateListOptions{Status: WhatsAppTemplateApproved, Token: "2"}
	tpls, err := Collect(client.WhatsApp.ListTemplatesIter(t.Context(), 77, opts))
	require.NoError(t, err)
	names := make([]string, len(tpls))
	for i, tpl := range tpls {
		names[i] = tpl.Name
	}
	assert.Equal(t, []string{"c", "d", "e"}, names)
	assert.Equal(t, []string{"2", "4"}, tokens, "starts at opts.Token, then follows nextToken")
	assert.Equal(t, &WhatsAppTemplateListOptions{Status: WhatsAppTemplateApproved, Token: "2"}, opts, "options left untouched")
}

func TestWhatsAppService_ListTemplatesIter_fromStartAndBreak(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	var calls atomic.Int32
	mux.HandleFunc("GET /v1/numbers/77/templates", func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		assert.Empty(t, r.URL.Query().Get("token"))
		serveFixture(t, w, http.StatusOK, "whatsapp/templates.json")
	})
	for tpl, err := range client.WhatsApp.ListTemplatesIter(t.Context(), 77, nil) {
		require.NoError(t, err)
		assert.Equal(t, int64(1), tpl.ID)
		break
	}
	assert.Equal(t, int32(1), calls.Load(), "break stops fetching")
}

func TestWhatsAppService_ListTemplatesIter_loop(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("GET /v1/numbers/77/templates", func(w http.ResponseWriter, r *http.Request) {
		// Every page points at "a" or "b" alternately: a cursor repeats.
		next := "a"
		if r.URL.Query().Get("token") == "a" {
			next = "b"
		}
		writeJSON(w, http.StatusOK, fmt.Sprintf(`{"templates":[{"id":1}],"pageInfo":{"currentToken":"x","nextToken":%q,"totalCount":0}}`, next))
	})
	_, err := Collect(client.WhatsApp.ListTemplatesIter(t.Context(), 77, nil))
	assert.ErrorIs(t, err, ErrPaginationLoop)
}

func TestWhatsAppService_Send(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("/v1/messages/whatsapp/send", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, "POST")
		testQuery(t, r, nil)
		testJSONBody(t, r, `{"lineId":77,"to":"+33612345678","text":"Your order has shipped"}`)
		serveFixture(t, w, http.StatusOK, "messaging/send_iso.json")
	})
	msg, _, err := client.WhatsApp.Send(t.Context(), &WhatsAppMessageRequest{LineID: 77, To: "+33612345678", Text: "Your order has shipped"})
	require.NoError(t, err)
	assert.Equal(t, "messageId", msg.ID)
}

func TestWhatsAppService_Send_template(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("POST /v1/messages/whatsapp/send", func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, `{"lineId":77,"to":"+33612345678","templateParams":{"id":"1234","body":[{"key":"{{1}}","value":"Jordan"}]}}`)
		serveFixture(t, w, http.StatusOK, "messaging/send_iso.json")
	})
	_, _, err := client.WhatsApp.Send(t.Context(), &WhatsAppMessageRequest{
		LineID: 77, To: "+33612345678",
		Template: &WhatsAppTemplateParams{ID: "1234", Body: []WhatsAppTemplateVariable{{Key: "{{1}}", Value: "Jordan"}}},
	})
	require.NoError(t, err)
}

func TestWhatsAppService_SendNative(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("/v1/messages/send/whatsapp/native", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, "POST")
		testQuery(t, r, nil)
		testJSONBody(t, r, `{"lineId":77,"externalNumber":"+33612345678","text":"Hello"}`)
		serveFixture(t, w, http.StatusOK, "messaging/send_iso.json")
	})
	_, _, err := client.WhatsApp.SendNative(t.Context(), &WhatsAppMessageRequest{LineID: 77, To: "+33612345678", Text: "Hello"})
	require.NoError(t, err)
}

func TestWhatsAppService_SendNative_template(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("POST /v1/messages/send/whatsapp/native", func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, `{"lineId":77,"externalNumber":"+33612345678","templateParams":{"id":"1"}}`)
		serveFixture(t, w, http.StatusOK, "messaging/send_iso.json")
	})
	tpl := &WhatsAppTemplate{ID: 1}
	_, _, err := client.WhatsApp.SendNative(t.Context(), &WhatsAppMessageRequest{LineID: 77, To: "+33612345678", Template: tpl.Params()})
	require.NoError(t, err)
}

func TestWhatsAppService_Send_invalid(t *testing.T) {
	t.Parallel()
	ok := func() *WhatsAppMessageRequest {
		return &WhatsAppMessageRequest{LineID: 1, To: "+33612345678", Text: "hi"}
	}
	with := func(f func(*WhatsAppMessageRequest)) *WhatsAppMessageRequest { r := ok(); f(r); return r }
	tpl := &WhatsAppTemplateParams{ID: "1"}
	tests := []struct {
		name string
		req  *WhatsAppMessageRequest
		arg  string
	}{
		{"nil request", nil, "req"},
		{"zero line", with(func(r *WhatsAppMessageRequest) { r.LineID = 0 }), "LineID"},
		{"bad to", with(func(r *WhatsAppMessageRequest) { r.To = "0612345678" }), "To"},
		{"neither", with(func(r *WhatsAppMessageRequest) { r.Text = "" }), "Text"},
		{"both", with(func(r *WhatsAppMessageRequest) { r.Template = tpl }), "Template"},
		{"blank text", with(func(r *WhatsAppMessageRequest) { r.Text = "   " }), "Text"},
		{"long text", with(func(r *WhatsAppMessageRequest) { r.Text = strings.Repeat("ß", MaxWhatsAppTextLength+1) }), "Text"},
		{"blank template id", with(func(r *WhatsAppMessageRequest) { r.Text, r.Template = "", &WhatsAppTemplateParams{ID: " "} }), "Template.ID"},
		{"blank key", with(func(r *WhatsAppMessageRequest) {
			r.Text, r.Template = "", &WhatsAppTemplateParams{ID: "1", Body: []WhatsAppTemplateVariable{{Key: "{{1}}", Value: "a"}, {Value: "b"}}}
		}), "Template.Body[1].Key"},
		{"blank value", with(func(r *WhatsAppMessageRequest) {
			r.Text, r.Template = "", &WhatsAppTemplateParams{ID: "1", Body: []WhatsAppTemplateVariable{{Key: "{{1}}"}}}
		}), "Template.Body[0].Value"},
	}
	for _, tt := range tests {
		for _, native := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s native=%v", tt.name, native), func(t *testing.T) {
				t.Parallel()
				client, mux := setup(t)
				mux.HandleFunc("/", failHandler(t))
				send := client.WhatsApp.Send
				if native {
					send = client.WhatsApp.SendNative
				}
				msg, resp, err := send(t.Context(), tt.req)
				assertArgError(t, err, tt.arg)
				assert.Nil(t, msg)
				assert.Nil(t, resp)
			})
		}
	}
}

func TestWhatsAppService_Send_textAtLimit(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("POST /v1/messages/whatsapp/send", func(w http.ResponseWriter, r *http.Request) {
		serveFixture(t, w, http.StatusOK, "messaging/send_iso.json")
	})
	_, _, err := client.WhatsApp.Send(t.Context(), &WhatsAppMessageRequest{LineID: 1, To: "+33612345678", Text: strings.Repeat("ß", MaxWhatsAppTextLength)})
	require.NoError(t, err)
}

// The Help Center's WhatsApp error table, answered in Aircall's
// {"error","troubleshoot"} shape, must surface as the matching sentinels.
func TestWhatsAppService_errorTable(t *testing.T) {
	t.Parallel()
	tests := []struct {
		fixture string
		status  int
		want    error // sentinel of the row
		status2 error // status sentinel that must still match
	}{
		{"whatsapp/errors/forbidden.json", http.StatusForbidden, ErrForbidden, ErrForbidden},
		{"whatsapp/errors/line_not_configured.json", http.StatusBadRequest, ErrWhatsAppLineNotRegistered, ErrBadRequest},
		{"whatsapp/errors/template_not_approved.json", http.StatusBadRequest, ErrWhatsAppTemplateNotApproved, ErrBadRequest},
		{"whatsapp/errors/waba_not_configured.json", http.StatusBadRequest, ErrWhatsAppWABANotConfigured, ErrBadRequest},
		{"whatsapp/errors/line_offline_or_blocked.json", http.StatusBadRequest, ErrWhatsAppLineUnavailable, ErrBadRequest},
		{"whatsapp/errors/tier_limit.json", http.StatusTooManyRequests, ErrWhatsAppTierLimit, ErrRateLimited},
	}
	sentinels := []error{ErrWhatsAppLineNotRegistered, ErrWhatsAppTemplateNotApproved, ErrWhatsAppWABANotConfigured, ErrWhatsAppLineUnavailable, ErrWhatsAppTierLimit}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			t.Parallel()
			client, mux := setup(t)
			mux.HandleFunc("POST /v1/messages/whatsapp/send", func(w http.ResponseWriter, r *http.Request) {
				serveFixture(t, w, tt.status, tt.fixture)
			})
			msg, resp, err := client.WhatsApp.Send(t.Context(), &WhatsAppMessageRequest{LineID: 1, To: "+33612345678", Template: &WhatsAppTemplateParams{ID: "1"}})
			assert.Nil(t, msg)
			require.NotNil(t, resp)
			assert.Equal(t, tt.status, resp.StatusCode)
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.want)
			assert.ErrorIs(t, err, tt.status2)
			assert.Equal(t, tt.want, WhatsAppErrorKind(err))
			for _, s := range sentinels {
				if s != tt.want {
					assert.NotErrorIs(t, err, s)
				}
			}
			var er *ErrorResponse
			require.ErrorAs(t, err, &er, "the API's answer stays reachable")
			assert.NotEmpty(t, er.Troubleshoot)
			if tt.want != ErrForbidden {
				var we *WhatsAppError
				require.ErrorAs(t, err, &we)
				assert.Equal(t, tt.want, we.Kind)
				assert.Contains(t, err.Error(), er.Troubleshoot)
			}
		})
	}
}

func TestWhatsAppErrorKind_bareErrorResponse(t *testing.T) {
	t.Parallel()
	// Errors from anywhere (e.g. Client.Do) classify too.
	e := &ErrorResponse{StatusCode: 400, Message: "Bad Request", Troubleshoot: "Template Not Approved by Meta"}
	assert.Equal(t, ErrWhatsAppTemplateNotApproved, WhatsAppErrorKind(fmt.Errorf("wrapped: %w", e)))
	assert.Nil(t, WhatsAppErrorKind(&ErrorResponse{StatusCode: 400, Troubleshoot: "to is invalid"}))
	assert.Nil(t, WhatsAppErrorKind(&ErrorResponse{StatusCode: 404}))
	assert.Nil(t, WhatsAppErrorKind(errors.New("boom")))
	assert.Nil(t, WhatsAppErrorKind(nil))
	assert.Nil(t, whatsAppError(nil))
	plain := errors.New("network down")
	assert.Same(t, plain, whatsAppError(plain), "non-API errors pass through")
}

func TestWhatsAppError_Error(t *testing.T) {
	t.Parallel()
	e := &WhatsAppError{Kind: ErrWhatsAppWABANotConfigured, Err: &ErrorResponse{StatusCode: 400, Troubleshoot: "WABA not configured"}}
	assert.Equal(t, "aircall: WhatsApp line has no WhatsApp Business Account (WABA): 400 Bad Request (WABA not configured)", e.Error())
	assert.Equal(t, "aircall: WhatsApp request refused", (&WhatsAppError{}).Error(), "a zero value does not panic")
	assert.False(t, (&WhatsAppError{}).Is(nil))
}

func TestWhatsAppService_tierLimitVersusPerMinuteBudget(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		headers map[string]string
		body    string
		tier    bool
	}{
		{"tier text", nil, `{"error":"Too Many Requests","troubleshoot":"Messaging tier limit reached"}`, true},
		{"daily text with rate headers", map[string]string{"X-AircallApi-Remaining": "0", "X-AircallApi-Limit": "60"}, `{"error":"Too Many Requests","troubleshoot":"daily conversation limit"}`, true},
		{"no text, no rate headers, on a send", nil, `{"error":"Too Many Requests"}`, true},
		{"per-minute budget", map[string]string{"X-AircallApi-Remaining": "0", "X-AircallApi-Limit": "60"}, `{"error":"Too Many Requests","troubleshoot":"rate limit reached"}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client, mux := setup(t)
			mux.HandleFunc("POST /v1/messages/send/whatsapp/native", func(w http.ResponseWriter, r *http.Request) {
				for k, v := range tt.headers {
					w.Header().Set(k, v)
				}
				writeJSON(w, http.StatusTooManyRequests, tt.body)
			})
			_, _, err := client.WhatsApp.SendNative(t.Context(), &WhatsAppMessageRequest{LineID: 1, To: "+33612345678", Text: "x"})
			assert.ErrorIs(t, err, ErrRateLimited)
			var rle *RateLimitError
			assert.ErrorAs(t, err, &rle)
			assert.Equal(t, tt.tier, errors.Is(err, ErrWhatsAppTierLimit))
		})
	}
}

// A tier limit lasts up to 24 hours: the client must hand it back quickly,
// not spin on it.
func TestWhatsAppService_tierLimitIsNotWaitedFor(t *testing.T) {
	t.Parallel()
	var attempts atomic.Int32
	client, mux := setup(t, WithRetryPolicy(RetryPolicy{MaxRetries: 3, MaxWait: time.Minute}))
	mux.HandleFunc("POST /v1/messages/whatsapp/send", func(w http.ResponseWriter, r *http.Request) {
		attempts.Add(1)
		w.Header().Set("Retry-After", "86400")
		serveFixture(t, w, http.StatusTooManyRequests, "whatsapp/errors/tier_limit.json")
	})
	start := time.Now()
	_, resp, err := client.WhatsApp.Send(t.Context(), &WhatsAppMessageRequest{LineID: 1, To: "+33612345678", Text: "x"})
	assert.ErrorIs(t, err, ErrWhatsAppTierLimit)
	var rle *RateLimitError
	require.ErrorAs(t, err, &rle)
	assert.Equal(t, 24*time.Hour, rle.RetryAfter)
	assert.Equal(t, int32(1), attempts.Load(), "a wait beyond MaxWait is not waited")
	assert.Equal(t, 1, resp.Attempts)
	assert.Less(t, time.Since(start), 10*time.Second)
}

func TestWhatsAppService_tierLimitWithoutResetIsRetriedBriefly(t *testing.T) {
	t.Parallel()
	var attempts atomic.Int32
	client, mux := setup(t, WithRetryPolicy(RetryPolicy{MaxRetries: 2}))
	client.jitter = func(time.Duration) time.Duration { return 0 } // no real sleeps
	mux.HandleFunc("POST /v1/messages/whatsapp/send", func(w http.ResponseWriter, r *http.Request) {
		attempts.Add(1)
		serveFixture(t, w, http.StatusTooManyRequests, "whatsapp/errors/tier_limit.json")
	})
	_, resp, err := client.WhatsApp.Send(t.Context(), &WhatsAppMessageRequest{LineID: 1, To: "+33612345678", Text: "x"})
	assert.ErrorIs(t, err, ErrWhatsAppTierLimit)
	assert.Equal(t, int32(3), attempts.Load(), "MaxRetries bounds the retries")
	assert.Equal(t, 3, resp.Attempts)
}

func TestWhatsAppService_EnsureSendable(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		body     string
		reason   WhatsAppLineReason
		degraded bool
	}{
		{"healthy (boolean)", `{"status":"ONLINE","canSendMessage":true,"qualityRating":"GREEN"}`, "", false},
		{"healthy (enum)", `{"status":"ONLINE","canSendMessage":"AVAILABLE","qualityRating":"GREEN"}`, "", false},
		{"limited passes", `{"status":"ONLINE","canSendMessage":"LIMITED","qualityRating":"GREEN"}`, "", true},
		{"yellow passes", `{"status":"ONLINE","canSendMessage":"AVAILABLE","qualityRating":"YELLOW"}`, "", true},
		{"unknown values pass", `{"status":"MIGRATING","canSendMessage":"THROTTLED","qualityRating":"UNKNOWN"}`, "", false},
		{"not registered", `{"status":"NOT_REGISTERED","canSendMessage":"BLOCKED"}`, WhatsAppReasonNotRegistered, false},
		{"offline", `{"status":"OFFLINE","canSendMessage":"AVAILABLE","qualityRating":"GREEN"}`, WhatsAppReasonOffline, false},
		{"blocked status", `{"status":"BLOCKED"}`, WhatsAppReasonBlocked, false},
		{"cannot send (enum)", `{"status":"ONLINE","canSendMessage":"BLOCKED","qualityRating":"GREEN"}`, WhatsAppReasonCannotSend, false},
		{"cannot send (boolean)", `{"status":"ONLINE","canSendMessage":false,"qualityRating":"GREEN"}`, WhatsAppReasonCannotSend, false},
		{"red", `{"status":"ONLINE","canSendMessage":"AVAILABLE","qualityRating":"RED"}`, WhatsAppReasonQualityRed, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client, mux := setup(t)
			mux.HandleFunc("GET /v1/numbers/77/whatsapp_status", func(w http.ResponseWriter, r *http.Request) {
				writeJSON(w, http.StatusOK, tt.body)
			})
			st, err := client.WhatsApp.EnsureSendable(t.Context(), 77)
			require.NotNil(t, st, "the status is returned either way")
			assert.Equal(t, tt.degraded, st.Degraded())
			if tt.reason == "" {
				require.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, ErrWhatsAppLineUnavailable)
			assert.Equal(t, tt.reason == WhatsAppReasonNotRegistered, errors.Is(err, ErrWhatsAppLineNotRegistered))
			var le *WhatsAppLineError
			require.ErrorAs(t, err, &le)
			assert.Equal(t, tt.reason, le.Reason)
			assert.Equal(t, int64(77), le.NumberID)
			assert.Same(t, st, le.Status)
			assert.Contains(t, err.Error(), string(tt.reason))
			assert.NotNil(t, WhatsAppErrorKind(err))
		})
	}
}

func TestWhatsAppService_EnsureSendable_statusErrors(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("GET /v1/numbers/1/whatsapp_status", func(w http.ResponseWriter, r *http.Request) {
		serveFixture(t, w, http.StatusBadRequest, "whatsapp/errors/line_not_configured.json")
	})
	mux.HandleFunc("GET /v1/numbers/2/whatsapp_status", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusInternalServerError, "Internal Server Error", "oops")
	})
	st, err := client.WhatsApp.EnsureSendable(t.Context(), 1)
	assert.Nil(t, st)
	var le *WhatsAppLineError
	require.ErrorAs(t, err, &le)
	assert.Equal(t, WhatsAppReasonNotRegistered, le.Reason)
	assert.ErrorIs(t, err, ErrWhatsAppLineNotRegistered)
	assert.ErrorIs(t, err, ErrBadRequest, "the API error stays reachable")
	assert.Equal(t, ErrWhatsAppLineNotRegistered, WhatsAppErrorKind(err))

	st, err = client.WhatsApp.EnsureSendable(t.Context(), 2)
	assert.Nil(t, st)
	assert.ErrorIs(t, err, ErrServer)
	assert.False(t, errors.As(err, &le), "other failures are not line errors")

	client2, mux2 := setup(t)
	mux2.HandleFunc("/", failHandler(t))
	_, err = client2.WhatsApp.EnsureSendable(t.Context(), 0)
	assertArgError(t, err, "numberID")
}
