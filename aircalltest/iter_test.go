package aircalltest_test

import (
	"iter"
	"testing"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func count[T any](t *testing.T, seq iter.Seq2[T, error]) int {
	t.Helper()
	n := 0
	for _, err := range seq {
		require.NoError(t, err)
		n++
	}
	return n
}

// TestIterators_pageOneItemAtATime walks every ListIter of the SDK one item
// per page, following the fake's next_page_link to the end.
func TestIterators_pageOneItemAtATime(t *testing.T) {
	t.Parallel()
	s := newServer(t, aircalltest.WithDemoData())
	s.AddWebhook("https://example.com/a")
	s.AddWebhook("https://example.com/b")
	c := s.Client()
	ctx := t.Context()
	one := aircall.ListOptions{PerPage: 1}
	_, _, err := c.A2P.Create(ctx, &aircall.CreateA2PCampaignAssociationRequest{ExternalCampaignID: "C1", Numbers: []string{"14155550100"}})
	require.NoError(t, err)

	//lint:ignore SA1019 the fake still serves the retired v1 listing, for accounts that have it
	assert.Equal(t, 4, count(t, c.Users.ListIter(ctx, &aircall.UserListOptions{ListOptions: one})))
	assert.Equal(t, 4, count(t, c.Users.ListAvailabilitiesIter(ctx, &aircall.UserListOptions{ListOptions: one, Order: "desc"})))
	assert.Equal(t, 4, count(t, c.UsersV2.ListIter(ctx, &aircall.UserV2ListOptions{ListOptions: one})))
	assert.Equal(t, 2, count(t, c.UsersV2.ListNumbersIter(ctx, aircalltest.DemoUserID, &aircall.UserV2NumberListOptions{ListOptions: one})))
	assert.Equal(t, 2, count(t, c.Teams.ListIter(ctx, &aircall.TeamListOptions{ListOptions: one})))
	assert.Equal(t, 3, count(t, c.Numbers.ListIter(ctx, &aircall.NumberListOptions{ListOptions: one, Order: "desc"})))
	assert.Equal(t, 3, count(t, c.Tags.ListIter(ctx, &one)))
	assert.Equal(t, 2, count(t, c.Webhooks.ListIter(ctx, &aircall.WebhookListOptions{ListOptions: one})))
	assert.Equal(t, 1, count(t, c.A2P.ListIter(ctx, &one)))
	assert.Equal(t, aircalltest.DemoCalls, count(t, c.Calls.ListIter(ctx, &aircall.CallListOptions{ListOptions: one, Order: "desc"})))
	assert.Equal(t, 4, count(t, c.Contacts.ListIter(ctx, &aircall.ContactListOptions{ListOptions: one, OrderBy: "updated_at"})))
	assert.Equal(t, 1, count(t, c.Contacts.SearchIter(ctx, &aircall.ContactSearchOptions{ListOptions: one, Email: "m.morrison@teleworm.es"})))
	assert.Equal(t, 2, count(t, c.Messaging.ListSMSTemplatesIter(ctx, &aircall.SMSTemplateListOptions{ListOptions: one})))
	assert.Equal(t, 2, count(t, c.WhatsApp.ListTemplatesIter(ctx, aircalltest.DemoNumberID, &aircall.WhatsAppTemplateListOptions{Limit: 1})))
}
