package aircallmcp

import (
	"testing"

	"github.com/aircall-go/aircall"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFindContacts(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOpts{})
	s := h.seed()
	h.fake.AddContact(aircall.Contact{FirstName: "Other", PhoneNumbers: []aircall.ContactDetail{{Value: "+14155550000"}}})

	byPhone := ok[ContactList](h, "find_contacts", map[string]any{"phone_number": "+14155551234"})
	require.Len(t, byPhone.Contacts, 1)
	c := byPhone.Contacts[0]
	assert.Equal(t, s.contact.ID, c.ID)
	assert.Equal(t, "Grace Hopper", c.Name)
	assert.Equal(t, []string{"+14155551234"}, c.Phones)
	assert.Regexp(t, `^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`, c.CreatedAt)

	byEmail := ok[ContactList](h, "find_contacts", map[string]any{"email": "grace@example.com"})
	require.Len(t, byEmail.Contacts, 1)

	got := ok[ContactView](h, "get_contact", map[string]any{"contact_id": s.contact.ID})
	assert.Equal(t, "Navy", got.CompanyName)

	assert.Contains(t, h.fails("find_contacts", nil), "phone_number or email")
	assert.Contains(t, h.fails("find_contacts", map[string]any{"phone_number": "415 555"}), "E.164")
	assert.Contains(t, h.fails("get_contact", map[string]any{"contact_id": 999999}), "404")
}

func TestFindContactsPages(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOpts{})
	for range 5 {
		h.fake.AddContact(aircall.Contact{FirstName: "Same", PhoneNumbers: []aircall.ContactDetail{{Value: "+14155557777"}}})
	}
	seen := map[int64]bool{}
	page := ok[ContactList](h, "find_contacts", map[string]any{"phone_number": "+14155557777", "limit": 2})
	for page.NextCursor != "" {
		for _, c := range page.Contacts {
			seen[c.ID] = true
		}
		page = ok[ContactList](h, "find_contacts", map[string]any{"cursor": page.NextCursor, "limit": 2})
	}
	for _, c := range page.Contacts {
		seen[c.ID] = true
	}
	assert.Len(t, seen, 5)
	assert.Contains(t, h.fails("find_contacts", map[string]any{"cursor": "eyJ2IjoxfQ", "email": "x@example.com"}), "either cursor")
}

func TestUsersAndNumbers(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOpts{})
	s := h.seed()
	users := ok[UserList](h, "list_users", nil)
	require.Len(t, users.Users, 1)
	assert.Equal(t, "Ada Lovelace", users.Users[0].Name)

	byEmail := ok[UserView](h, "get_user", map[string]any{"email": "ADA@example.com"})
	assert.Equal(t, s.user.ID, byEmail.ID)
	assert.Equal(t, []int64{s.number.ID}, byEmail.NumberIDs)
	byID := ok[UserView](h, "get_user", map[string]any{"user_id": s.user.ID})
	assert.Equal(t, "ada@example.com", byID.Email)
	assert.Contains(t, h.fails("get_user", map[string]any{"email": "nobody@example.com"}), "no Aircall user")
	assert.Contains(t, h.fails("get_user", nil), "give user_id or email")
	assert.Contains(t, h.fails("get_user", map[string]any{"user_id": 1, "email": "a@b.c"}), "not both")

	nums := ok[NumberList](h, "list_numbers", map[string]any{"limit": 50})
	require.Len(t, nums.Numbers, 1)
	assert.Equal(t, "Support", nums.Numbers[0].Name)
	one := ok[NumberView](h, "get_number", map[string]any{"number_id": s.number.ID})
	assert.Equal(t, "FR", one.Country)
	assert.Contains(t, h.fails("list_numbers", map[string]any{"limit": 51}), "limit")
	assert.Contains(t, h.fails("get_number", map[string]any{"number_id": 999999}), "404")
}

func TestUsersPage(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOpts{})
	for range 3 {
		h.fake.AddUser(aircall.User{})
	}
	first := ok[UserList](h, "list_users", map[string]any{"limit": 2})
	require.Len(t, first.Users, 2)
	require.NotEmpty(t, first.NextCursor)
	rest := ok[UserList](h, "list_users", map[string]any{"cursor": first.NextCursor, "limit": 2})
	require.Len(t, rest.Users, 1)
	assert.Empty(t, rest.NextCursor)
	assert.Contains(t, h.fails("list_numbers", map[string]any{"cursor": first.NextCursor}), "belongs to list_users")
	assert.Contains(t, h.fails("list_users", map[string]any{"limit": 0}), "limit")
	assert.Contains(t, h.fails("list_webhooks", map[string]any{"cursor": "%%%"}), "invalid cursor")
}

func TestWhatsApp(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOpts{cfg: Config{AllowWrites: true}, answer: accept})
	s := h.seed()
	line := ok[WhatsAppLine](h, "check_whatsapp_line", map[string]any{"number_id": s.number.ID})
	assert.True(t, line.CanSend)
	assert.Equal(t, "ONLINE", line.Status)

	sent := ok[SentWhatsApp](h, "send_whatsapp", map[string]any{"number_id": s.number.ID, "to": "+14155551234", "text": "Hello"})
	assert.True(t, sent.Line.CanSend)
	msgs := h.fake.SentMessages()
	require.Len(t, msgs, 1)
	assert.Equal(t, "whatsapp", msgs[0].Channel)
	assert.True(t, msgs[0].Native)

	h.fake.SetWhatsAppStatus(s.number.ID, aircall.WhatsAppStatus{Status: "OFFLINE"})
	line = ok[WhatsAppLine](h, "check_whatsapp_line", map[string]any{"number_id": s.number.ID})
	assert.False(t, line.CanSend)
	assert.NotEmpty(t, line.Reason)
	assert.Contains(t, h.fails("send_whatsapp", map[string]any{"number_id": s.number.ID, "to": "+14155551234", "text": "Hello"}), "cannot send")
	assert.Len(t, h.fake.SentMessages(), 1, "nothing sent on an offline line")
	assert.Contains(t, h.fails("send_whatsapp", map[string]any{"number_id": s.number.ID, "to": "+14155551234", "text": "Hi", "mode": "fax"}), "mode")
	assert.Contains(t, h.fails("check_whatsapp_line", map[string]any{"number_id": -1}), "positive id")
}

func TestWebhooks(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOpts{cfg: Config{AllowWrites: true}, answer: accept})
	created := ok[WebhookView](h, "create_webhook", map[string]any{"url": "https://example.com/hooks", "events": []string{"message.received"}, "custom_name": "sms replies"})
	assert.NotEmpty(t, created.WebhookID)
	assert.Equal(t, []string{"message.received"}, created.Events)

	list := ok[WebhookList](h, "list_webhooks", nil)
	require.Len(t, list.Webhooks, 1)
	assert.Equal(t, "sms replies", list.Webhooks[0].CustomName)

	done := ok[Done](h, "delete_webhook", map[string]any{"webhook_id": created.WebhookID})
	assert.True(t, done.Done)
	assert.Empty(t, ok[WebhookList](h, "list_webhooks", nil).Webhooks)

	assert.Contains(t, h.fails("create_webhook", map[string]any{"url": "http://example.com/hooks"}), "https")
	assert.Contains(t, h.fails("delete_webhook", map[string]any{"webhook_id": created.WebhookID}), "404")
}

func TestInsights(t *testing.T) {
	t.Parallel()
	h := newHarness(t, harnessOpts{})
	s := h.seed()
	id := s.calls[0].ID
	h.fake.SetInsights(id, aircalltestInsights(id))

	all := ok[CallInsights](h, "get_call_insights", map[string]any{"call_id": id})
	assert.Equal(t, "Grace wants a callback on Monday.", all.Summary)
	assert.Equal(t, []string{"callback", "schedule"}, all.Topics)
	assert.Equal(t, []SentimentView{{Who: "caller +14155551234", Value: "POSITIVE"}}, all.Sentiments)
	assert.Equal(t, []string{"Call Grace back on Monday"}, all.ActionItems)
	assert.Empty(t, all.Missing)

	some := ok[CallInsights](h, "get_call_insights", map[string]any{"call_id": id, "kinds": []string{"topics"}})
	assert.Empty(t, some.Summary)
	assert.NotEmpty(t, some.Topics)
	assert.Contains(t, h.fails("get_call_insights", map[string]any{"call_id": s.calls[1].ID}), "404")

	// The transcript comes in bounded parts.
	p1 := ok[TranscriptPage](h, "get_call_transcript", map[string]any{"call_id": id, "max_chars": 500})
	assert.Equal(t, 3, p1.Utterances)
	assert.Equal(t, "en", p1.Language)
	assert.Zero(t, p1.NextOffset, "everything fits")
	long := aircalltestInsights(id)
	for i := range 200 {
		long.Transcription.Content.Utterances = append(long.Transcription.Content.Utterances, &aircall.TranscriptionUtterance{
			StartTime: float64(10 + i), Text: "and one more thing to say about the order", ParticipantType: aircall.SpeakerExternal,
		})
	}
	h.fake.SetInsights(id, long)
	var text string
	offset, parts := 0, 0
	for {
		p := ok[TranscriptPage](h, "get_call_transcript", map[string]any{"call_id": id, "offset": offset, "max_chars": 1000})
		assert.LessOrEqual(t, len(p.Text), 1000)
		text += p.Text
		parts++
		if p.NextOffset == 0 {
			break
		}
		offset = p.NextOffset
	}
	assert.Greater(t, parts, 5)
	assert.Equal(t, 203, countLines(text))
	assert.Contains(t, h.fails("get_call_transcript", map[string]any{"call_id": id, "offset": 500}), "outside")
}

func countLines(s string) int {
	n := 0
	for _, r := range s {
		if r == '\n' {
			n++
		}
	}
	return n
}
