package aircalltest_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestContacts_roundTrip(t *testing.T) {
	t.Parallel()
	s := newServer(t, aircalltest.WithDemoData())
	c := s.Client(noRetry)
	ctx := t.Context()

	gary, resp, err := c.Contacts.Create(ctx, &aircall.CreateContactRequest{
		FirstName: aircall.Ptr("Gary 😀"), LastName: aircall.Ptr("Jennings"), Information: aircall.Ptr("external_custom_id:87124"),
		PhoneNumbers: []aircall.ContactDetail{{Label: "Work", Value: "+19001113333"}},
		Emails:       []aircall.ContactDetail{{Label: "Office", Value: "gary@example.com"}},
	})
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	assert.Equal(t, "Gary", gary.FirstName, "emojis are removed")
	assert.True(t, gary.IsShared)
	assert.Empty(t, gary.CompanyName)
	assert.Equal(t, "+19001113333", gary.PhoneNumbers[0].Value)
	assert.Equal(t, gary.CreatedAt, gary.UpdatedAt)

	updated, resp, err := c.Contacts.Update(ctx, gary.ID, &aircall.UpdateContactRequest{CompanyName: aircall.Ptr("Lerox Inc.")})
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "Lerox Inc.", updated.CompanyName)
	assert.Equal(t, "Gary", updated.FirstName)

	phone, resp, err := c.Contacts.AddPhoneNumber(ctx, gary.ID, &aircall.ContactDetail{Label: "Home", Value: "+1 916-111-0000"})
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	assert.Equal(t, "19161110000", phone.Value, "phone details are normalized")
	phone, resp, err = c.Contacts.UpdatePhoneNumber(ctx, gary.ID, phone.ID, &aircall.ContactDetail{Label: "Home UPDATED", Value: "+19161110011"})
	require.NoError(t, err)
	assert.Equal(t, http.StatusAccepted, resp.StatusCode)
	assert.Equal(t, aircall.ContactDetail{ID: phone.ID, Label: "Home UPDATED", Value: "19161110011"}, *phone)

	email, _, err := c.Contacts.AddEmail(ctx, gary.ID, &aircall.ContactDetail{Value: "g.jennings@example.com"})
	require.NoError(t, err)
	assert.Equal(t, "Work", email.Label, "the default label")
	email, resp, err = c.Contacts.UpdateEmail(ctx, gary.ID, email.ID, &aircall.ContactDetail{Value: "gj@example.com"})
	require.NoError(t, err)
	assert.Equal(t, http.StatusAccepted, resp.StatusCode)
	assert.Equal(t, "gj@example.com", email.Value)

	found, _, err := c.Contacts.Search(ctx, &aircall.ContactSearchOptions{PhoneNumber: "+19161110011"})
	require.NoError(t, err)
	require.Len(t, found, 1, "a normalized phone detail is found by its E.164 form")
	assert.Equal(t, gary.ID, found[0].ID)
	found, _, err = c.Contacts.Search(ctx, &aircall.ContactSearchOptions{Email: "GJ@example.com"})
	require.NoError(t, err)
	require.Len(t, found, 1)

	_, err = c.Contacts.DeleteEmail(ctx, gary.ID, email.ID)
	require.NoError(t, err)
	_, err = c.Contacts.DeletePhoneNumber(ctx, gary.ID, phone.ID)
	require.NoError(t, err)
	_, err = c.Contacts.DeletePhoneNumber(ctx, gary.ID, phone.ID)
	require.ErrorIs(t, err, aircall.ErrNotFound)
	got, _, err := c.Contacts.Get(ctx, gary.ID)
	require.NoError(t, err)
	assert.Len(t, got.PhoneNumbers, 1)
	assert.Len(t, got.Emails, 1)

	byUpdate, _, err := c.Contacts.List(ctx, &aircall.ContactListOptions{OrderBy: "updated_at", Order: "desc"})
	require.NoError(t, err)
	assert.Equal(t, gary.ID, byUpdate[0].ID)
	old, _, err := c.Contacts.List(ctx, &aircall.ContactListOptions{To: time.Unix(1400692007, 0)})
	require.NoError(t, err)
	assert.Len(t, old, 2, "Vicente and Margaret were created by then")

	_, err = c.Contacts.Delete(ctx, gary.ID)
	require.NoError(t, err)
	_, _, err = c.Contacts.Get(ctx, gary.ID)
	require.ErrorIs(t, err, aircall.ErrNotFound)
}

func TestContacts_twentyDetailsAtMost(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	c := s.Client(noRetry)
	ctx := t.Context()
	phones := make([]aircall.ContactDetail, 20)
	for i := range phones {
		phones[i] = aircall.ContactDetail{Label: "Line", Value: fmt.Sprintf("+3361234%04d", i)}
	}
	ct, _, err := c.Contacts.Create(ctx, &aircall.CreateContactRequest{PhoneNumbers: phones})
	require.NoError(t, err)
	_, _, err = c.Contacts.AddPhoneNumber(ctx, ct.ID, &aircall.ContactDetail{Value: "+33612349999"})
	require.ErrorIs(t, err, aircall.ErrConflict, "the 21st phone number")
	for i := range 20 {
		_, _, err = c.Contacts.AddEmail(ctx, ct.ID, &aircall.ContactDetail{Value: fmt.Sprintf("a%d@example.com", i)})
		require.NoError(t, err)
	}
	_, _, err = c.Contacts.AddEmail(ctx, ct.ID, &aircall.ContactDetail{Value: "b@example.com"})
	require.ErrorIs(t, err, aircall.ErrConflict, "the 21st email")

	// The SDK refuses 21 on create before sending; the fake answers 400.
	var b strings.Builder
	b.WriteString(`{"phone_numbers":[`)
	for i := range 21 {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"label":"Line","value":"+3361234%04d"}`, i)
	}
	b.WriteString(`]}`)
	status, _, body := rawRequest(t, s, http.MethodPost, "/v1/contacts", b.String())
	assert.Equal(t, http.StatusBadRequest, status)
	assertAircallError(t, body, "Bad Request")
	status, _, _ = rawRequest(t, s, http.MethodPost, "/v1/contacts", `{"first_name":"No Phone"}`)
	assert.Equal(t, http.StatusBadRequest, status, "phone_numbers is required")
}

func TestContacts_tenThousandCap(t *testing.T) {
	t.Parallel()
	s := newServer(t, aircalltest.InMemory())
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 10_060 {
		s.AddContact(aircall.Contact{FirstName: "C", LastName: itoa(int64(i)),
			CreatedAt:    aircall.Timestamp{Time: start.Add(time.Duration(i/2) * time.Second)},
			PhoneNumbers: []aircall.ContactDetail{{Value: fmt.Sprintf("+3360000%05d", i)}}})
	}
	c := s.Client(noRetry)
	_, _, err := c.Contacts.List(t.Context(), &aircall.ContactListOptions{ListOptions: aircall.ListOptions{Page: 201, PerPage: 50}})
	require.ErrorIs(t, err, aircall.ErrPageLimitExceeded)

	seen := map[int64]bool{}
	for ct, err := range c.Contacts.ListIter(t.Context(), nil) {
		require.NoError(t, err)
		require.False(t, seen[ct.ID])
		seen[ct.ID] = true
	}
	assert.Len(t, seen, 10_060)

	// Ordered by update time the iterator cannot restart (from and to
	// filter on creation), so it stops at the cap, as documented.
	n := 0
	for _, err := range c.Contacts.ListIter(t.Context(), &aircall.ContactListOptions{OrderBy: "updated_at"}) {
		if err != nil {
			require.ErrorIs(t, err, aircall.ErrPageLimitExceeded)
			break
		}
		n++
	}
	assert.Equal(t, 10_000, n)
}
