package aircalltest_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSeed_defaultsAndReferences(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 4, 1, 9, 30, 0, 0, time.UTC)
	s := newServer(t, aircalltest.WithClock(func() time.Time { return now }))

	n := s.AddNumber(aircall.Number{Name: "Paris"})
	assert.True(t, n.Open)
	assert.Equal(t, aircall.NumberAvailabilityOpen, n.AvailabilityStatus)
	assert.NotEmpty(t, n.Digits)
	assert.Equal(t, now, n.CreatedAt.Time)

	u := s.AddUser(aircall.User{Name: "Ada Lovelace", Numbers: []*aircall.Number{n}})
	assert.Equal(t, "ada.lovelace@example.com", u.Email)
	assert.True(t, u.Available)
	assert.Equal(t, aircall.UserStatusAvailable, u.AvailabilityStatus)
	assert.Equal(t, n.ID, u.DefaultNumberID)

	ct := s.AddContact(aircall.Contact{FirstName: "Grace", PhoneNumbers: []aircall.ContactDetail{{Value: "+33612345678"}}})
	assert.Equal(t, "Mobile", ct.PhoneNumbers[0].Label)
	assert.Positive(t, ct.PhoneNumbers[0].ID)

	call := s.AddCall(aircall.Call{User: u, Number: n, Contact: ct, Duration: 42,
		StartedAt: aircall.Timestamp{Time: now.Add(-time.Hour)},
		Tags:      []*aircall.CallTag{{ID: 9001, Name: "Urgent"}},
		Comments:  []*aircall.Comment{{Content: "Call back", PostedBy: u}}})
	assert.Equal(t, aircall.CallInbound, call.Direction)
	assert.Equal(t, aircall.CallStatusDone, call.Status)
	assert.Equal(t, "+33612345678", call.RawDigits)
	assert.Equal(t, now.Add(-time.Hour+42*time.Second), call.EndedAt.Time)
	assert.Equal(t, "Grace", call.Contact.FirstName)
	assert.Equal(t, "Urgent", call.Tags[0].Name)
	assert.Equal(t, "Ada Lovelace", call.Comments[0].PostedBy.Name)
	tag, _, err := s.Client().Tags.Get(t.Context(), 9001)
	require.NoError(t, err, "a missing tag is created")
	assert.Equal(t, "Urgent", tag.Name)

	team := s.AddTeam(aircall.Team{Users: []*aircall.User{u}})
	assert.Len(t, team.Users, 1)

	assert.PanicsWithValue(t, "aircalltest: AddCall: no user 1", func() { s.AddCall(aircall.Call{User: &aircall.User{ID: 1}}) })
	assert.Panics(t, func() { s.AddUser(aircall.User{ID: u.ID}) }, "duplicate id")
	assert.Panics(t, func() { s.AddNumber(aircall.Number{Users: []*aircall.User{{ID: 1}}}) })
	assert.Panics(t, func() { s.AddTeam(aircall.Team{Users: []*aircall.User{{ID: 1}}}) })
	assert.Panics(t, func() { s.AnswerCall(call.ID, 0) }, "an ended call")
}

func TestSeed_demoData(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 4, 1, 9, 30, 0, 0, time.UTC)
	s := newServer(t, aircalltest.InMemory(), aircalltest.WithDemoData(), aircalltest.WithClock(func() time.Time { return now }))
	c := s.Client()
	ctx := t.Context()

	co, _, err := c.Company.Get(ctx)
	require.NoError(t, err)
	assert.Equal(t, aircall.Company{Name: aircalltest.DefaultCompanyName, UsersCount: 4, NumbersCount: 3}, *co)

	calls, err := aircall.Collect(c.Calls.ListIter(ctx, nil))
	require.NoError(t, err)
	require.Len(t, calls, aircalltest.DemoCalls)
	assert.Equal(t, int64(812), calls[0].ID)
	assert.Equal(t, aircalltest.DemoCallID, calls[len(calls)-1].ID)
	missed, answered := 0, 0
	for i, call := range calls {
		assert.True(t, call.StartedAt.After(now.AddDate(0, 0, -7)), "call %d within the last week", call.ID)
		assert.True(t, call.EndedAt.Before(now), "call %d ended", call.ID)
		if i > 0 {
			assert.True(t, call.StartedAt.After(calls[i-1].StartedAt.Time), "ids follow time")
		}
		if call.MissedCallReason != "" {
			missed++
			assert.True(t, call.AnsweredAt.IsZero())
		} else {
			answered++
			assert.Positive(t, call.Duration)
		}
	}
	assert.Positive(t, missed)
	assert.Positive(t, answered)

	contacts, _, err := c.Contacts.List(ctx, nil)
	require.NoError(t, err)
	assert.Len(t, contacts, 4)
	tmpl, _, err := c.WhatsApp.ListTemplates(ctx, aircalltest.DemoNumberID, nil)
	require.NoError(t, err)
	assert.Len(t, tmpl, 2)

	// The same clock gives the same data.
	again := newServer(t, aircalltest.InMemory(), aircalltest.WithDemoData(), aircalltest.WithClock(func() time.Time { return now }))
	calls2, err := aircall.Collect(again.Client().Calls.ListIter(ctx, nil))
	require.NoError(t, err)
	assert.Equal(t, calls, calls2)
}

// TestConcurrency hammers the fake from many goroutines; run with -race.
func TestConcurrency(t *testing.T) {
	t.Parallel()
	s := newServer(t, aircalltest.WithDemoData(), aircalltest.WithBudget(10_000))
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := range 16 {
		wg.Go(func() {
			c := s.Client()
			for i := range 10 {
				ct, _, err := c.Contacts.Create(t.Context(), &aircall.CreateContactRequest{FirstName: aircall.Ptr(fmt.Sprintf("G%d-%d", g, i)),
					PhoneNumbers: []aircall.ContactDetail{{Label: "Work", Value: fmt.Sprintf("+336%02d%06d", g, i)}}})
				if err != nil {
					errs <- err
					return
				}
				if _, err := c.Calls.AddComment(t.Context(), int64(812+g), "note"); (err != nil) == (i < 5) {
					errs <- fmt.Errorf("comment %d on call %d: %v", i+1, 812+g, err)
				}
				if _, _, err := c.Contacts.List(t.Context(), nil); err != nil {
					errs <- err
				}
				if _, err := c.Contacts.Delete(t.Context(), ct.ID); err != nil {
					errs <- err
				}
				_ = s.Stats()
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	contacts, _, err := s.Client().Contacts.List(t.Context(), nil)
	require.NoError(t, err)
	assert.Len(t, contacts, 4)
}
