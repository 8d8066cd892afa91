package aircalltest_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNumbers_roundTrip(t *testing.T) {
	t.Parallel()
	s := newServer(t, aircalltest.WithDemoData())
	c := s.Client(noRetry)
	ctx := t.Context()

	nums, _, err := c.Numbers.List(ctx, nil)
	require.NoError(t, err)
	require.Len(t, nums, 3)
	assert.Empty(t, nums[0].Users, "lists carry no users")

	n, _, err := c.Numbers.Get(ctx, aircalltest.DemoNumberID)
	require.NoError(t, err)
	assert.Equal(t, "+33 1 76 11 11 11", n.Digits)
	assert.Len(t, n.Users, 3)
	assert.Nil(t, n.Priority)
	assert.Equal(t, "https://example.com/welcome.mp3", n.Messages.Welcome)

	n, _, err = c.Numbers.Update(ctx, aircalltest.DemoNumberID, &aircall.UpdateNumberRequest{
		Name: aircall.Ptr("French Office UPDATED"), Priority: aircall.Ptr(aircall.NumberPriorityTop),
		Messages: &aircall.UpdateNumberMessagesRequest{Welcome: aircall.Ptr("https://example.com/welcome_NEW.mp3")},
	})
	require.NoError(t, err)
	assert.Equal(t, "French Office UPDATED", n.Name)
	require.NotNil(t, n.Priority)
	assert.Equal(t, 1, *n.Priority)
	assert.Equal(t, "https://example.com/welcome_NEW.mp3", n.Messages.Welcome)
	assert.Equal(t, "https://example.com/waiting_music.mp3", n.Messages.Waiting, "other messages are kept")

	n, _, err = c.Numbers.Update(ctx, aircalltest.DemoNumberID, &aircall.UpdateNumberRequest{ResetPriority: true,
		AvailabilityStatus: aircall.Ptr(aircall.NumberAvailabilityClosed)})
	require.NoError(t, err)
	assert.Nil(t, n.Priority, "priority back to null")
	assert.False(t, n.Open)

	status, _, body := rawRequest(t, s, http.MethodPut, "/v1/numbers/1234", `{"name":null}`)
	assert.Equal(t, http.StatusBadRequest, status)
	assertAircallError(t, body, "Bad Request")
	status, _, _ = rawRequest(t, s, http.MethodPut, "/v1/numbers/1234", `{"priority":2}`)
	assert.Equal(t, http.StatusBadRequest, status)

	reg, _, err := c.Numbers.GetRegistrationStatus(ctx, aircalltest.DemoNumberID)
	require.NoError(t, err)
	assert.NotEmpty(t, reg.Status)

	older, _, err := c.Numbers.List(ctx, &aircall.NumberListOptions{To: time.Date(2020, 1, 3, 0, 0, 0, 0, time.UTC)})
	require.NoError(t, err)
	assert.Len(t, older, 1)
}

func TestTags_roundTrip(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	c := s.Client(noRetry)
	ctx := t.Context()

	tag, resp, err := c.Tags.Create(ctx, &aircall.CreateTagRequest{Name: "VIP Customer", Color: "#00B388"})
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	assert.Empty(t, tag.Description)
	tag, _, err = c.Tags.Update(ctx, tag.ID, &aircall.UpdateTagRequest{Name: aircall.Ptr("Tier 2 Customer")})
	require.NoError(t, err)
	assert.Equal(t, "Tier 2 Customer", tag.Name)
	assert.Equal(t, "#00B388", tag.Color)
	got, _, err := c.Tags.Get(ctx, tag.ID)
	require.NoError(t, err)
	assert.Equal(t, tag, got)
	tags, err := aircall.Collect(c.Tags.ListIter(ctx, nil))
	require.NoError(t, err)
	assert.Len(t, tags, 1)

	status, _, body := rawRequest(t, s, http.MethodPost, "/v1/tags", `{"name":"x","color":"green"}`)
	assert.Equal(t, http.StatusBadRequest, status)
	assertAircallError(t, body, "Bad Request")

	resp, err = c.Tags.Delete(ctx, tag.ID)
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)
	_, _, err = c.Tags.Get(ctx, tag.ID)
	require.ErrorIs(t, err, aircall.ErrNotFound)
}

func TestWebhooks_roundTrip(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	c := s.Client(noRetry)
	ctx := t.Context()

	wh, resp, err := c.Webhooks.Create(ctx, &aircall.CreateWebhookRequest{URL: "https://my-server.example.com/webhooks/contacts",
		CustomName: aircall.Ptr("My Custom Workflow"), Events: []aircall.EventType{"contact.created", "contact.updated"}})
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	assert.Len(t, wh.WebhookID, 36)
	assert.True(t, wh.Active)
	assert.NotEmpty(t, wh.Token)

	//lint:ignore SA1019 the fake must still serve the deprecated integer id
	legacyID := wh.ID
	assert.Positive(t, legacyID)
	byLegacyID, _, err := c.Webhooks.Get(ctx, itoa(legacyID))
	require.NoError(t, err, "the deprecated integer id still works")
	assert.Equal(t, wh, byLegacyID)

	upd, _, err := c.Webhooks.Update(ctx, wh.WebhookID, &aircall.UpdateWebhookRequest{Active: aircall.Ptr(false), AllEvents: true})
	require.NoError(t, err)
	assert.False(t, upd.Active)
	assert.Greater(t, len(upd.Events), 30, "an update without events subscribes to all events")
	assert.Contains(t, upd.Events, aircall.EventType("call.ended"))

	react, _, err := c.Webhooks.Reactivate(ctx, wh.WebhookID)
	require.NoError(t, err)
	assert.True(t, react.Active)
	assert.Equal(t, upd.Events, react.Events)

	status, _, body := rawRequest(t, s, http.MethodPost, "/v1/webhooks", `{"url":"http://insecure.example.com/hook"}`)
	assert.Equal(t, http.StatusBadRequest, status)
	assertAircallError(t, body, "Bad Request")
	status, _, _ = rawRequest(t, s, http.MethodPost, "/v1/webhooks", `{"url":"https://x.example.com","events":["call.exploded"]}`)
	assert.Equal(t, http.StatusBadRequest, status)

	// An access token sees only the webhooks it created.
	oauth := s.Client(aircall.WithBearerToken(s.IssueAccessToken()), noRetry)
	mine, _, err := oauth.Webhooks.Create(ctx, &aircall.CreateWebhookRequest{URL: "https://app.example.com/hook", AllEvents: true})
	require.NoError(t, err)
	list, _, err := oauth.Webhooks.List(ctx, nil)
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, mine.WebhookID, list[0].WebhookID)
	list, _, err = c.Webhooks.List(ctx, nil)
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, wh.WebhookID, list[0].WebhookID)

	_, err = c.Webhooks.Delete(ctx, wh.WebhookID)
	require.NoError(t, err)
	_, _, err = c.Webhooks.Get(ctx, wh.WebhookID)
	require.ErrorIs(t, err, aircall.ErrNotFound)
}

func TestWebhooks_atMostOneHundred(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	for range 100 {
		s.AddWebhook("https://example.com/hook")
	}
	_, _, err := s.Client(noRetry).Webhooks.Create(t.Context(), &aircall.CreateWebhookRequest{URL: "https://example.com/one-more", AllEvents: true})
	require.ErrorIs(t, err, aircall.ErrBadRequest)
}

func TestCompany_countsFollowTheState(t *testing.T) {
	t.Parallel()
	s := newServer(t, aircalltest.WithDemoData(), aircalltest.WithCompanyName("Globex"))
	c := s.Client(noRetry)
	co, _, err := c.Company.Get(t.Context())
	require.NoError(t, err)
	assert.Equal(t, aircall.Company{Name: "Globex", UsersCount: 4, NumbersCount: 3}, *co)
	_, err = c.Users.Delete(t.Context(), 459)
	require.NoError(t, err)
	s.AddNumber(aircall.Number{})
	co, _, err = c.Company.Get(t.Context())
	require.NoError(t, err)
	assert.Equal(t, aircall.Company{Name: "Globex", UsersCount: 3, NumbersCount: 4}, *co)
}

func TestOAuthAndIntegrations(t *testing.T) {
	t.Parallel()
	s := newServer(t, aircalltest.WithDemoData(), aircalltest.WithOAuthApp("cid", "secret", "code-1"))
	ctx := t.Context()
	anon, err := aircall.NewClient(aircall.WithBaseURL(s.URL()), aircall.WithHTTPClient(s.HTTPClient()), aircall.WithoutRateLimit())
	require.NoError(t, err)

	_, _, err = anon.ExchangeOAuthCode(ctx, &aircall.OAuthCodeRequest{ClientID: "cid", ClientSecret: "wrong", Code: "code-1", RedirectURI: "https://app.example.com/cb"})
	require.ErrorIs(t, err, aircall.ErrBadRequest)
	tok, resp, err := anon.ExchangeOAuthCode(ctx, &aircall.OAuthCodeRequest{ClientID: "cid", ClientSecret: "secret", Code: "code-1", RedirectURI: "https://app.example.com/cb"})
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "Bearer", tok.TokenType)
	assert.WithinDuration(t, time.Now(), tok.CreatedAt.Time, 2*time.Second)

	app := s.Client(aircall.WithBearerToken(tok.AccessToken), noRetry)
	_, err = app.Ping(ctx)
	require.NoError(t, err)
	me, _, err := app.Integrations.Me(ctx)
	require.NoError(t, err)
	assert.True(t, me.Active)
	assert.Equal(t, []int64{aircalltest.DemoNumberID, 2345, 3456}, me.NumberIDs)
	assert.Equal(t, 3, me.NumbersCount)
	assert.Equal(t, "John Doe", me.User.Name)

	wh, _, err := app.Webhooks.Create(ctx, &aircall.CreateWebhookRequest{URL: "https://app.example.com/hook", AllEvents: true})
	require.NoError(t, err)
	resp, err = app.Integrations.Disable(ctx)
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)
	me, _, err = app.Integrations.Me(ctx)
	require.NoError(t, err)
	assert.False(t, me.Active)
	assert.Equal(t, "disabled", me.Status)
	got, _, err := app.Webhooks.Get(ctx, wh.WebhookID)
	require.NoError(t, err)
	assert.False(t, got.Active, "disabling the integration de-activates its webhooks")
	_, err = app.Integrations.Enable(ctx, &aircall.EnableIntegrationOptions{Install: true})
	require.NoError(t, err)
	got, _, err = app.Webhooks.Get(ctx, wh.WebhookID)
	require.NoError(t, err)
	assert.True(t, got.Active)

	// Integrations are for OAuth apps: an API key gets 403.
	_, _, err = s.Client(noRetry).Integrations.Me(ctx)
	require.ErrorIs(t, err, aircall.ErrForbidden)
	var apiErr *aircall.ErrorResponse
	require.ErrorAs(t, err, &apiErr)
	assert.Contains(t, apiErr.Troubleshoot, "Oauth only")
	_, err = s.Client(noRetry).Integrations.Disable(ctx)
	require.ErrorIs(t, err, aircall.ErrForbidden)
}

func TestA2P_roundTrip(t *testing.T) {
	t.Parallel()
	clock := &fixedClock{t: time.Date(2026, 2, 18, 20, 52, 22, 0, time.UTC)}
	s := newServer(t, aircalltest.WithClock(clock.Now))
	c := s.Client(noRetry)
	ctx := t.Context()

	a, resp, err := c.A2P.Create(ctx, &aircall.CreateA2PCampaignAssociationRequest{ExternalCampaignID: "CNXIO", Numbers: []string{"1279876456"}})
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	assert.Equal(t, []string{"1279876456"}, a.Numbers)
	assert.Equal(t, aircall.A2PUpdatePending, a.UpdateStatus)

	status, _, body := rawRequest(t, s, http.MethodGet, "/v1/a2p_campaign_associations/"+itoa(a.ID), "")
	require.Equal(t, http.StatusOK, status)
	assert.Contains(t, string(body), `"numbers":[1279876456]`, "numbers are answered as integers")

	_, _, err = c.A2P.Create(ctx, &aircall.CreateA2PCampaignAssociationRequest{ExternalCampaignID: "OTHER", Numbers: []string{"1279876456"}})
	require.ErrorIs(t, err, aircall.ErrBadRequest, "a number belongs to one campaign")

	clock.Add(10 * time.Second)
	a, _, err = c.A2P.Get(ctx, a.ID)
	require.NoError(t, err)
	assert.Equal(t, aircall.A2PUpdateDone, a.UpdateStatus)

	a, _, err = c.A2P.Update(ctx, a.ID, &aircall.UpdateA2PCampaignAssociationRequest{Numbers: []string{"1279876457", "1279876458"}})
	require.NoError(t, err)
	assert.Equal(t, []string{"1279876457", "1279876458"}, a.Numbers)
	assert.Equal(t, aircall.A2PUpdatePending, a.UpdateStatus)
	list, err := aircall.Collect(c.A2P.ListIter(ctx, nil))
	require.NoError(t, err)
	assert.Len(t, list, 1)

	_, err = c.A2P.Delete(ctx, a.ID)
	require.NoError(t, err)
	_, _, err = c.A2P.Get(ctx, a.ID)
	require.ErrorIs(t, err, aircall.ErrNotFound)
}
