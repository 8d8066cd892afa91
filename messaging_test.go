package aircall

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMessageFixture_helpCenterSend(t *testing.T) {
	t.Parallel()
	msg, _ := testFixture[*Message](t, "messaging/send.json", "")
	assert.Equal(t, "abcdSMc6Dc8ea2bc71ab19102c3de4f60ba18aa", msg.ID)
	assert.Equal(t, MessageStatusPending, msg.Status)
	assert.Equal(t, MessageOutbound, msg.Direction)
	assert.Equal(t, "13023063029", msg.RawDigits)
	want := time.UnixMilli(1722758201825).UTC()
	assert.True(t, msg.CreatedAt.Equal(want), "created_at is epoch milliseconds: got %s", msg.CreatedAt)
	assert.True(t, msg.SentAt.Equal(want))
	assert.True(t, msg.UpdatedAt.Equal(want))
	require.NotNil(t, msg.Number)
	assert.Equal(t, int64(84848484), msg.Number.ID)
	assert.Nil(t, msg.Contact)
	assert.Equal(t, MessageChannelSMS, msg.Channel)
}

func TestMessageFixture_isoTimes(t *testing.T) {
	t.Parallel()
	msg, _ := testFixture[*Message](t, "messaging/send_iso.json", "")
	assert.Equal(t, "messageId", msg.ID)
	assert.Equal(t, "text you want to send", msg.Body)
	assert.Equal(t, time.Date(2024, 7, 30, 7, 29, 21, 0, time.UTC), msg.CreatedAt.Time)
}

func TestGroupMessageFixture(t *testing.T) {
	t.Parallel()
	gm, _ := testFixture[*GroupMessage](t, "messaging/group_send.json", "")
	assert.Equal(t, "8f3c2c4e-9c6c-4c8e-9b4a-2c1f7e3d9c52", gm.GroupMessageID)
	assert.Equal(t, "c4b8c1c0-0c6e-4c3f-9c1c-5c2f8e7a91d4", gm.GroupConversationID)
	assert.Equal(t, []string{"+13000000001", "+13000000002"}, gm.Participants)
	assert.Equal(t, []string{}, gm.MediaURL)
	assert.True(t, gm.CreatedAt.Equal(time.UnixMilli(1722317361216)))
}

func TestMessagingConfigurationFixtures(t *testing.T) {
	t.Parallel()
	sms, _ := testFixture[*MessagingConfiguration](t, "messaging/configuration.json", "")
	assert.Equal(t, "https://example.com/aircall/messages", sms.CallbackURL)
	assert.Equal(t, MessagingConfigurationType(""), sms.Type)
	assert.NotEmpty(t, sms.Token)
	wa, _ := testFixture[*MessagingConfiguration](t, "whatsapp/configuration.json", "")
	assert.Equal(t, MessagingConfigurationWhatsApp, wa.Type)
}

func TestSMSTemplatesFixture(t *testing.T) {
	t.Parallel()
	tpls, meta := testFixture[[]*SMSTemplate](t, "messaging/sms_templates.json", "templates")
	require.Len(t, tpls, 1)
	assert.Equal(t, &SMSTemplate{ID: 8821, Name: "order_update", Body: "Your order is on its way."}, tpls[0])
	require.NotNil(t, meta)
	assert.Equal(t, 0, meta.NextPage())
}

func TestMessagingService_Configure(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("/v1/numbers/123/messages/configuration", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, "POST")
		testQuery(t, r, nil)
		testJSONBody(t, r, `{"callbackUrl":"https://example.com/aircall/messages"}`)
		serveFixture(t, w, http.StatusOK, "messaging/configuration.json")
	})
	cfg, resp, err := client.Messaging.Configure(t.Context(), 123, &MessagingConfigurationRequest{CallbackURL: "https://example.com/aircall/messages"})
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "https://example.com/aircall/messages", cfg.CallbackURL)
	assert.Equal(t, "4d2f1c0a9b8e7d6c5b4a3f2e1d0c9b8a", cfg.Token)
}

func TestMessagingService_Configure_withType(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("POST /v1/numbers/9/messages/configuration", func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, `{"callbackUrl":"https://hooks.example.com/wa","type":"whatsapp"}`)
		serveFixture(t, w, http.StatusCreated, "whatsapp/configuration.json")
	})
	cfg, _, err := client.Messaging.Configure(t.Context(), 9, &MessagingConfigurationRequest{
		CallbackURL: "https://hooks.example.com/wa", Type: Ptr(MessagingConfigurationWhatsApp),
	})
	require.NoError(t, err)
	assert.Equal(t, MessagingConfigurationWhatsApp, cfg.Type)
}

func TestMessagingService_Configure_invalid(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		numberID int64
		req      *MessagingConfigurationRequest
		arg      string
	}{
		{"zero number", 0, &MessagingConfigurationRequest{CallbackURL: "https://example.com/cb"}, "numberID"},
		{"nil request", 1, nil, "req"},
		{"empty url", 1, &MessagingConfigurationRequest{}, "CallbackURL"},
		{"http url", 1, &MessagingConfigurationRequest{CallbackURL: "http://example.com/cb"}, "CallbackURL"},
		{"relative url", 1, &MessagingConfigurationRequest{CallbackURL: "/cb"}, "CallbackURL"},
		{"localhost", 1, &MessagingConfigurationRequest{CallbackURL: "https://localhost/cb"}, "CallbackURL"},
		{"private address", 1, &MessagingConfigurationRequest{CallbackURL: "https://10.0.0.8/cb"}, "CallbackURL"},
		{"blank type", 1, &MessagingConfigurationRequest{CallbackURL: "https://example.com/cb", Type: Ptr(MessagingConfigurationType(" "))}, "Type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client, mux := setup(t)
			mux.HandleFunc("/", failHandler(t))
			cfg, resp, err := client.Messaging.Configure(t.Context(), tt.numberID, tt.req)
			assertArgError(t, err, tt.arg)
			assert.Nil(t, cfg)
			assert.Nil(t, resp)
		})
	}
}

func TestMessagingService_GetConfiguration(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("/v1/numbers/123/messages/configuration", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, "GET")
		testQuery(t, r, nil)
		testNoBody(t, r)
		serveFixture(t, w, http.StatusOK, "messaging/configuration.json")
	})
	cfg, _, err := client.Messaging.GetConfiguration(t.Context(), 123)
	require.NoError(t, err)
	assert.Equal(t, "https://example.com/aircall/messages", cfg.CallbackURL)

	_, _, err = client.Messaging.GetConfiguration(t.Context(), -1)
	assertArgError(t, err, "numberID")
}

func TestMessagingService_GetConfiguration_notConfigured(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("GET /v1/numbers/5/messages/configuration", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "Not Found", "Configuration not found")
	})
	cfg, resp, err := client.Messaging.GetConfiguration(t.Context(), 5)
	assert.Nil(t, cfg)
	require.NotNil(t, resp)
	assert.ErrorIs(t, err, ErrNotFound)
}

func TestMessagingService_DeleteConfiguration(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("/v1/numbers/123/messages/configuration", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, "DELETE")
		testQuery(t, r, nil)
		testNoBody(t, r)
		w.WriteHeader(http.StatusNoContent)
	})
	resp, err := client.Messaging.DeleteConfiguration(t.Context(), 123)
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)

	client2, mux2 := setup(t)
	mux2.HandleFunc("/", failHandler(t))
	_, err = client2.Messaging.DeleteConfiguration(t.Context(), 0)
	assertArgError(t, err, "numberID")
}

func TestMessagingService_DeleteConfiguration_bodyDiscarded(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("DELETE /v1/numbers/7/messages/configuration", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, `{"callbackUrl":"https://example.com/cb","type":null,"token":"x"}`)
	})
	resp, err := client.Messaging.DeleteConfiguration(t.Context(), 7)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
}

func TestMessagingService_Send(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("/v1/numbers/1234567/messages/send", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, "POST")
		testQuery(t, r, nil)
		testJSONBody(t, r, `{"to":"+13023063029","body":"Your code is 1234","mediaUrl":["https://cdn.example.com/a.png"]}`)
		serveFixture(t, w, http.StatusOK, "messaging/send.json")
	})
	msg, resp, err := client.Messaging.Send(t.Context(), 1234567, &SendMessageRequest{
		To: "+13023063029", Body: "Your code is 1234", MediaURLs: []string{"https://cdn.example.com/a.png"},
	})
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "abcdSMc6Dc8ea2bc71ab19102c3de4f60ba18aa", msg.ID)
	assert.Equal(t, MessageStatusPending, msg.Status)
}

func TestMessagingService_Send_textOnlyHasNoMediaKey(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("POST /v1/numbers/1/messages/send", func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, `{"to":"+33612345678","body":"Bonjour"}`)
		serveFixture(t, w, http.StatusOK, "messaging/send_iso.json")
	})
	_, _, err := client.Messaging.Send(t.Context(), 1, &SendMessageRequest{To: "+33612345678", Body: "Bonjour"})
	require.NoError(t, err)
}

func TestMessagingService_SendInAgentConversation(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("/v1/numbers/42/messages/native/send", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, "POST")
		testQuery(t, r, nil)
		testJSONBody(t, r, `{"to":"+13023063029","mediaUrl":["https://cdn.example.com/a.png","https://cdn.example.com/b.png"],"agentId":456}`)
		serveFixture(t, w, http.StatusOK, "messaging/send_iso.json")
	})
	msg, _, err := client.Messaging.SendInAgentConversation(t.Context(), 42, &SendMessageRequest{
		To:        "+13023063029",
		MediaURLs: []string{"https://cdn.example.com/a.png", "https://cdn.example.com/b.png"},
		AgentID:   Ptr[int64](456),
	})
	require.NoError(t, err)
	assert.Equal(t, "messageId", msg.ID)
}

func TestMessagingService_Send_forbidden(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("POST /v1/numbers/1/messages/send", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusForbidden, "Forbidden", "Sending messages via API is available only on the Professional plan")
	})
	msg, resp, err := client.Messaging.Send(t.Context(), 1, &SendMessageRequest{To: "+33612345678", Body: "x"})
	assert.Nil(t, msg)
	require.NotNil(t, resp)
	assert.ErrorIs(t, err, ErrForbidden)
	var er *ErrorResponse
	require.ErrorAs(t, err, &er)
	assert.Contains(t, er.Troubleshoot, "Professional plan")
}

func TestMessagingService_Send_invalid(t *testing.T) {
	t.Parallel()
	ok := func() *SendMessageRequest { return &SendMessageRequest{To: "+13023063029", Body: "hi"} }
	with := func(f func(*SendMessageRequest)) *SendMessageRequest { r := ok(); f(r); return r }
	tests := []struct {
		name     string
		numberID int64
		native   bool
		req      *SendMessageRequest
		arg      string
	}{
		{"zero number", 0, false, ok(), "numberID"},
		{"nil request", 1, false, nil, "req"},
		{"no plus", 1, false, with(func(r *SendMessageRequest) { r.To = "13023063029" }), "To"},
		{"spaces", 1, true, with(func(r *SendMessageRequest) { r.To = "+1 302 306 3029" }), "To"},
		{"empty to", 1, false, with(func(r *SendMessageRequest) { r.To = "" }), "To"},
		{"no body no media", 1, false, with(func(r *SendMessageRequest) { r.Body = "" }), "Body"},
		{"blank body no media", 1, true, with(func(r *SendMessageRequest) { r.Body = " \n" }), "Body"},
		{"body too long", 1, false, with(func(r *SendMessageRequest) { r.Body = strings.Repeat("a", 1601) }), "Body"},
		{"http media", 1, false, with(func(r *SendMessageRequest) { r.MediaURLs = []string{"http://cdn.example.com/a.png"} }), "MediaURLs[0]"},
		{"private media", 1, false, with(func(r *SendMessageRequest) {
			r.MediaURLs = []string{"https://cdn.example.com/a.png", "https://192.168.1.2/b.png"}
		}), "MediaURLs[1]"},
		{"empty media", 1, true, with(func(r *SendMessageRequest) { r.MediaURLs = []string{""} }), "MediaURLs[0]"},
		{"duplicate media", 1, false, with(func(r *SendMessageRequest) {
			r.MediaURLs = []string{"https://cdn.example.com/a.png", "https://cdn.example.com/a.png"}
		}), "MediaURLs[1]"},
		{"agent on proxy send", 1, false, with(func(r *SendMessageRequest) { r.AgentID = Ptr[int64](5) }), "AgentID"},
		{"zero agent", 1, true, with(func(r *SendMessageRequest) { r.AgentID = Ptr[int64](0) }), "AgentID"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client, mux := setup(t)
			mux.HandleFunc("/", failHandler(t))
			send := client.Messaging.Send
			if tt.native {
				send = client.Messaging.SendInAgentConversation
			}
			msg, resp, err := send(t.Context(), tt.numberID, tt.req)
			assertArgError(t, err, tt.arg)
			assert.Nil(t, msg)
			assert.Nil(t, resp)
		})
	}
}

func TestMessagingService_Send_bodyLengthCountsCharacters(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("POST /v1/numbers/1/messages/send", func(w http.ResponseWriter, r *http.Request) {
		serveFixture(t, w, http.StatusOK, "messaging/send.json")
	})
	// 1,600 two-byte characters are 3,200 bytes but still one allowed body.
	_, _, err := client.Messaging.Send(t.Context(), 1, &SendMessageRequest{To: "+33612345678", Body: strings.Repeat("é", MaxSMSBodyLength)})
	require.NoError(t, err)
	_, _, err = client.Messaging.Send(t.Context(), 1, &SendMessageRequest{To: "+33612345678", Body: strings.Repeat("é", MaxSMSBodyLength+1)})
	assertArgError(t, err, "Body")
}

// The media key is named in one place, mediaURLsKey: both request types
// must send their media under it and under no other name.
func TestMediaURLsKey_isTheOnlyMediaWireName(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "mediaUrl", mediaURLsKey, "the chosen wire name (see the note on mediaURLsKey)")
	media := []string{"https://cdn.example.com/a.png"}
	for name, v := range map[string]any{
		"SendMessageRequest":       SendMessageRequest{To: "+13023063029", MediaURLs: media},
		"*SendMessageRequest":      &SendMessageRequest{To: "+13023063029", MediaURLs: media},
		"SendGroupMessageRequest":  SendGroupMessageRequest{Participants: []string{"+13000000001", "+13000000002"}, MediaURLs: media},
		"*SendGroupMessageRequest": &SendGroupMessageRequest{Participants: []string{"+13000000001", "+13000000002"}, MediaURLs: media},
	} {
		b, err := json.Marshal(v)
		require.NoError(t, err, name)
		var m map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(b, &m), name)
		assert.JSONEq(t, `["https://cdn.example.com/a.png"]`, string(m[mediaURLsKey]), "%s: media under mediaURLsKey", name)
		for k := range m {
			if k != mediaURLsKey {
				assert.NotContains(t, strings.ToLower(k), "media", "%s: media sent under a second name %q", name, k)
			}
		}
	}
}

func TestAppendJSONField(t *testing.T) {
	t.Parallel()
	got, err := appendJSONField([]byte(`{}`), "k", []byte(`1`))
	require.NoError(t, err)
	assert.Equal(t, `{"k":1}`, string(got))
	got, err = appendJSONField([]byte(`{"a":true}`), `we"ird`, []byte(`[2]`))
	require.NoError(t, err)
	assert.JSONEq(t, `{"a":true,"we\"ird":[2]}`, string(got))
	_, err = appendJSONField([]byte(`[1]`), "k", []byte(`1`))
	assert.Error(t, err)
}

func TestMessagingService_SendGroup(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("/v1/numbers/123/messages/group/send", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, "POST")
		testQuery(t, r, nil)
		testJSONBody(t, r, `{"participants":["+13000000001","+13000000002"],"body":"text you want to send"}`)
		serveFixture(t, w, http.StatusOK, "messaging/group_send.json")
	})
	gm, _, err := client.Messaging.SendGroup(t.Context(), 123, &SendGroupMessageRequest{
		Participants: []string{"+13000000001", "+13000000002"}, Body: "text you want to send",
	})
	require.NoError(t, err)
	assert.Equal(t, "c4b8c1c0-0c6e-4c3f-9c1c-5c2f8e7a91d4", gm.GroupConversationID)
}

func TestMessagingService_SendGroup_media(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("POST /v1/numbers/123/messages/group/send", func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, `{"participants":["+13000000001","+13000000002","+13000000003"],"mediaUrl":["https://cdn.example.com/a.png"]}`)
		serveFixture(t, w, http.StatusOK, "messaging/group_send.json")
	})
	_, _, err := client.Messaging.SendGroup(t.Context(), 123, &SendGroupMessageRequest{
		Participants: []string{"+13000000001", "+13000000002", "+13000000003"},
		MediaURLs:    []string{"https://cdn.example.com/a.png"},
	})
	require.NoError(t, err)
}

func TestMessagingService_SendGroupInAgentConversation(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("/v1/numbers/123/messages/group/native/send", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, "POST")
		testQuery(t, r, nil)
		testJSONBody(t, r, `{"participants":["+13000000001","+13000000002"],"body":"hello all","agentId":7}`)
		serveFixture(t, w, http.StatusOK, "messaging/group_send.json")
	})
	gm, _, err := client.Messaging.SendGroupInAgentConversation(t.Context(), 123, &SendGroupMessageRequest{
		Participants: []string{"+13000000001", "+13000000002"}, Body: "hello all", AgentID: Ptr[int64](7),
	})
	require.NoError(t, err)
	assert.Equal(t, "8f3c2c4e-9c6c-4c8e-9b4a-2c1f7e3d9c52", gm.GroupMessageID)
}

func TestMessagingService_SendGroup_invalid(t *testing.T) {
	t.Parallel()
	two := []string{"+13000000001", "+13000000002"}
	media := []string{"https://cdn.example.com/a.png"}
	tests := []struct {
		name   string
		native bool
		id     int64
		req    *SendGroupMessageRequest
		arg    string
	}{
		{"zero number", false, 0, &SendGroupMessageRequest{Participants: two, Body: "x"}, "numberID"},
		{"nil request", true, 1, nil, "req"},
		{"one participant", false, 1, &SendGroupMessageRequest{Participants: two[:1], Body: "x"}, "Participants"},
		{"no participants", true, 1, &SendGroupMessageRequest{Body: "x"}, "Participants"},
		{"bad participant", false, 1, &SendGroupMessageRequest{Participants: []string{"+13000000001", "3000000002"}, Body: "x"}, "Participants[1]"},
		{"duplicate participant", true, 1, &SendGroupMessageRequest{Participants: []string{"+13000000001", "+13000000001"}, Body: "x"}, "Participants[1]"},
		{"body and media", false, 1, &SendGroupMessageRequest{Participants: two, Body: "x", MediaURLs: media}, "MediaURLs"},
		{"neither", false, 1, &SendGroupMessageRequest{Participants: two}, "Body"},
		{"native media", true, 1, &SendGroupMessageRequest{Participants: two, MediaURLs: media}, "MediaURLs"},
		{"native no body", true, 1, &SendGroupMessageRequest{Participants: two, Body: "  "}, "Body"},
		{"long body", false, 1, &SendGroupMessageRequest{Participants: two, Body: strings.Repeat("x", 1601)}, "Body"},
		{"http media", false, 1, &SendGroupMessageRequest{Participants: two, MediaURLs: []string{"http://cdn.example.com/a.png"}}, "MediaURLs[0]"},
		{"agent on proxy", false, 1, &SendGroupMessageRequest{Participants: two, Body: "x", AgentID: Ptr[int64](1)}, "AgentID"},
		{"negative agent", true, 1, &SendGroupMessageRequest{Participants: two, Body: "x", AgentID: Ptr[int64](-1)}, "AgentID"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client, mux := setup(t)
			mux.HandleFunc("/", failHandler(t))
			send := client.Messaging.SendGroup
			if tt.native {
				send = client.Messaging.SendGroupInAgentConversation
			}
			gm, resp, err := send(t.Context(), tt.id, tt.req)
			assertArgError(t, err, tt.arg)
			assert.Nil(t, gm)
			assert.Nil(t, resp)
		})
	}
}

func TestMessagingService_ListSMSTemplates(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("/v1/sms/templates", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, "GET")
		testQuery(t, r, url.Values{"page": {"2"}, "per_page": {"100"}, "search": {"order update"}})
		testNoBody(t, r)
		serveFixture(t, w, http.StatusOK, "messaging/sms_templates.json")
	})
	tpls, resp, err := client.Messaging.ListSMSTemplates(t.Context(), &SMSTemplateListOptions{
		ListOptions: ListOptions{Page: 2, PerPage: 100}, Search: "order update",
	})
	require.NoError(t, err)
	require.Len(t, tpls, 1)
	assert.Equal(t, "order_update", tpls[0].Name)
	require.NotNil(t, resp.Meta)
	assert.Equal(t, 1, resp.Meta.Total)
}

func TestMessagingService_ListSMSTemplates_nilOptionsSendsNothing(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("GET /v1/sms/templates", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, nil)
		serveFixture(t, w, http.StatusOK, "messaging/sms_templates.json")
	})
	_, _, err := client.Messaging.ListSMSTemplates(t.Context(), nil)
	require.NoError(t, err)
}

func TestMessagingService_ListSMSTemplates_invalid(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("/", failHandler(t))
	_, _, err := client.Messaging.ListSMSTemplates(t.Context(), &SMSTemplateListOptions{ListOptions: ListOptions{PerPage: 101}})
	assertArgError(t, err, "PerPage")
	_, _, err = client.Messaging.ListSMSTemplates(t.Context(), &SMSTemplateListOptions{ListOptions: ListOptions{Page: -1}})
	assertArgError(t, err, "Page")
	for _, err := range client.Messaging.ListSMSTemplatesIter(t.Context(), &SMSTemplateListOptions{ListOptions: ListOptions{PerPage: 500}}) {
		assertArgError(t, err, "PerPage")
	}
}

func TestMessagingService_ListSMSTemplatesIter(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	calls := 0
	mux.HandleFunc("GET /v1/sms/templates", func(w http.ResponseWriter, r *http.Request) {
		calls++
		page := r.URL.Query().Get("page")
		testQuery(t, r, url.Values{"page": {page}, "per_page": {"50"}, "search": {"order"}})
		next := "null"
		if page == "1" {
			next = `"https://api.aircall.io/v1/sms/templates?page=2&per_page=50&search=order"`
		}
		writeJSON(w, http.StatusOK, fmt.Sprintf(`{"templates":[{"id":%s1,"name":"n","body":"b"},{"id":%s2,"name":"n","body":"b"}],
			"meta":{"count":2,"total":4,"current_page":%s,"per_page":50,"next_page_link":%s,"previous_page_link":null}}`, page, page, page, next))
	})
	opts := &SMSTemplateListOptions{Search: "order"}
	tpls, err := Collect(client.Messaging.ListSMSTemplatesIter(t.Context(), opts))
	require.NoError(t, err)
	ids := make([]int64, len(tpls))
	for i, tpl := range tpls {
		ids[i] = tpl.ID
	}
	assert.Equal(t, []int64{11, 12, 21, 22}, ids)
	assert.Equal(t, 2, calls)
	assert.Equal(t, &SMSTemplateListOptions{Search: "order"}, opts, "options left untouched")
}

func TestMessagingService_requestHeaders(t *testing.T) {
	t.Parallel()
	client, mux := setup(t)
	mux.HandleFunc("POST /v1/numbers/1/messages/native/send", func(w http.ResponseWriter, r *http.Request) {
		testHeader(t, r, "Content-Type", "application/json")
		b, _ := io.ReadAll(r.Body)
		assert.NotContains(t, string(b), "MediaURLs", "Go field names never reach the wire")
		serveFixture(t, w, http.StatusOK, "messaging/send.json")
	})
	_, _, err := client.Messaging.SendInAgentConversation(t.Context(), 1, &SendMessageRequest{To: "+33612345678", Body: "x"})
	require.NoError(t, err)
}
