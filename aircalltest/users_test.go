//lint:file-ignore SA1019 the fake still serves the retired v1 user endpoints, for accounts that have them

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

func TestUsers_roundTrip(t *testing.T) {
	t.Parallel()
	s := newServer(t, aircalltest.WithDemoData())
	c := s.Client(noRetry)
	ctx := t.Context()

	created, resp, err := c.Users.Create(ctx, &aircall.CreateUserRequest{Email: "jane.roe@example.com", FirstName: "Jane", LastName: "Roe",
		AvailabilityStatus: aircall.Ptr(aircall.UserStatusCustom), WrapUpTime: aircall.Ptr(30)})
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	assert.Equal(t, "Jane Roe", created.Name)
	assert.Equal(t, aircall.UserStatusCustom, created.AvailabilityStatus)
	assert.Equal(t, 30, created.WrapUpTime)
	assert.Equal(t, "Etc/UTC", created.TimeZone)
	assert.Empty(t, created.Numbers)
	assert.Equal(t, s.URL()+"/v1/users/"+itoa(created.ID), created.DirectLink)

	_, _, err = c.Users.Create(ctx, &aircall.CreateUserRequest{Email: "JANE.ROE@example.com", FirstName: "J", LastName: "R"})
	require.ErrorIs(t, err, aircall.ErrUnprocessable, "emails are unique")

	updated, _, err := c.Users.Update(ctx, created.ID, &aircall.UpdateUserRequest{FirstName: aircall.Ptr("Janet")})
	require.NoError(t, err)
	assert.Equal(t, "Janet Roe", updated.Name)

	got, _, err := c.Users.Get(ctx, created.ID)
	require.NoError(t, err)
	assert.Equal(t, updated, got)

	john, _, err := c.Users.Get(ctx, aircalltest.DemoUserID)
	require.NoError(t, err)
	assert.Equal(t, "John Doe", john.Name)
	assert.Equal(t, time.Date(2019, 12, 29, 10, 3, 18, 0, time.UTC), john.CreatedAt.Time)
	require.Len(t, john.Numbers, 2)
	assert.Equal(t, aircalltest.DemoNumberID, john.DefaultNumberID)

	all, err := aircall.Collect(c.Users.ListIter(ctx, &aircall.UserListOptions{ListOptions: aircall.ListOptions{PerPage: 2}}))
	require.NoError(t, err)
	require.Len(t, all, 5)
	assert.Equal(t, created.ID, all[4].ID, "ascending creation order")

	newest, _, err := c.Users.List(ctx, &aircall.UserListOptions{Order: "desc", From: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)})
	require.NoError(t, err)
	require.Len(t, newest, 3)
	assert.Equal(t, created.ID, newest[0].ID)

	_, err = c.Users.Delete(ctx, created.ID)
	require.NoError(t, err)
	_, _, err = c.Users.Get(ctx, created.ID)
	require.ErrorIs(t, err, aircall.ErrNotFound)
	_, err = c.Users.Delete(ctx, created.ID)
	require.ErrorIs(t, err, aircall.ErrNotFound)
}

func TestUsers_availabilityAndCalls(t *testing.T) {
	t.Parallel()
	s := newServer(t, aircalltest.WithDemoData())
	c := s.Client(noRetry)
	ctx := t.Context()

	avail, _, err := c.Users.ListAvailabilities(ctx, nil)
	require.NoError(t, err)
	require.Len(t, avail, 4)
	assert.Equal(t, aircall.AvailabilityAvailable, avail[0].Availability)
	assert.Equal(t, aircall.AvailabilityOffline, avail[2].Availability, "Vera Martin")

	s.SetAvailability(aircalltest.DemoUserID, aircall.AvailabilityAfterCallWork)
	a, _, err := c.Users.GetAvailability(ctx, aircalltest.DemoUserID)
	require.NoError(t, err)
	assert.Equal(t, aircall.AvailabilityAfterCallWork, a)

	_, err = c.Users.StartCall(ctx, aircalltest.DemoUserID, &aircall.StartCallRequest{NumberID: aircalltest.DemoNumberID, To: "+18001231234"})
	require.ErrorIs(t, err, aircall.ErrMethodNotAllowed, "a user in after-call work is not available")

	s.SetAvailability(aircalltest.DemoUserID, aircall.AvailabilityAvailable)
	resp, err := c.Users.StartCall(ctx, aircalltest.DemoUserID, &aircall.StartCallRequest{NumberID: aircalltest.DemoNumberID, To: "+18001231234"})
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)
	_, err = c.Users.StartCall(ctx, aircalltest.DemoUserID, &aircall.StartCallRequest{NumberID: 1, To: "+18001231234"})
	require.ErrorIs(t, err, aircall.ErrBadRequest, "unknown number")
	_, err = c.Users.Dial(ctx, aircalltest.DemoUserID, "+18001112222")
	require.NoError(t, err)

	dials := s.Dials()
	require.Len(t, dials, 2)
	assert.Equal(t, aircalltest.Dial{UserID: aircalltest.DemoUserID, NumberID: aircalltest.DemoNumberID, To: "+18001231234", At: dials[0].At}, dials[0])
	assert.Zero(t, dials[1].NumberID)
}

func TestUsersV2_roundTrip(t *testing.T) {
	t.Parallel()
	s := newServer(t, aircalltest.WithDemoData())
	c := s.Client(noRetry)
	ctx := t.Context()

	u, resp, err := c.UsersV2.Create(ctx, &aircall.CreateUserV2Request{Email: "kim.lee@example.com", FirstName: "Kim", LastName: "Lee",
		TimeZone: aircall.Ptr("Europe/Berlin"), InviterUserID: aircall.Ptr(aircalltest.DemoUserID)})
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	assert.Equal(t, "Europe/Berlin", u.TimeZone)
	assert.Equal(t, s.URL()+"/v2/users/"+itoa(u.ID), u.DirectLink)

	byEmail, _, err := c.UsersV2.GetByEmail(ctx, "kim.lee@example.com")
	require.NoError(t, err)
	assert.Equal(t, u.ID, byEmail.ID)

	upd, _, err := c.UsersV2.Update(ctx, u.ID, &aircall.UpdateUserV2Request{Substatus: aircall.Ptr(aircall.UserV2SubstatusOutForLunch),
		AvailabilityStatus: aircall.Ptr(aircall.UserStatusUnavailable)})
	require.NoError(t, err)
	assert.Equal(t, aircall.UserV2SubstatusOutForLunch, upd.Substatus)
	assert.False(t, upd.Available)

	v1, _, err := c.Users.Get(ctx, u.ID)
	require.NoError(t, err, "v1 and v2 are two views of the same users")
	assert.Equal(t, aircall.UserStatusUnavailable, v1.AvailabilityStatus)

	list, _, err := c.UsersV2.List(ctx, &aircall.UserV2ListOptions{Order: "desc"})
	require.NoError(t, err)
	assert.Equal(t, u.ID, list[0].ID)

	nums, _, err := c.UsersV2.ListNumbers(ctx, aircalltest.DemoUserID, nil)
	require.NoError(t, err)
	require.Len(t, nums, 2)
	assert.Equal(t, "French Office", nums[0].Name)

	_, _, err = c.UsersV2.Get(ctx, 1)
	require.ErrorIs(t, err, aircall.ErrNotFound)
}

func TestTeams_roundTrip(t *testing.T) {
	t.Parallel()
	s := newServer(t, aircalltest.WithDemoData())
	c := s.Client(noRetry)
	ctx := t.Context()

	team, resp, err := c.Teams.Create(ctx, &aircall.CreateTeamRequest{Name: "Support EMEA"})
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	assert.Empty(t, team.Users)
	_, _, err = c.Teams.Create(ctx, &aircall.CreateTeamRequest{Name: "support emea"})
	require.ErrorIs(t, err, aircall.ErrBadRequest, "names are unique")

	team, resp, err = c.Teams.AddUser(ctx, team.ID, aircalltest.DemoUserID)
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	require.Len(t, team.Users, 1)
	assert.Equal(t, "John Doe", team.Users[0].Name)
	_, _, err = c.Teams.AddUser(ctx, team.ID, 1)
	require.ErrorIs(t, err, aircall.ErrNotFound)

	teams, err := aircall.Collect(c.Teams.ListIter(ctx, nil))
	require.NoError(t, err)
	require.Len(t, teams, 3)
	assert.Equal(t, "Global Sales", teams[0].Name)
	assert.Len(t, teams[0].Users, 2)

	team, resp, err = c.Teams.RemoveUser(ctx, team.ID, aircalltest.DemoUserID)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Empty(t, team.Users)

	resp, err = c.Teams.Delete(ctx, team.ID)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode, "deleting a team answers 200")
	_, _, err = c.Teams.Get(ctx, team.ID)
	require.ErrorIs(t, err, aircall.ErrNotFound)
}

func TestDialerCampaigns_roundTrip(t *testing.T) {
	t.Parallel()
	s := newServer(t, aircalltest.WithDemoData())
	c := s.Client(noRetry)
	ctx := t.Context()
	const user = aircalltest.DemoUserID

	_, _, err := c.DialerCampaigns.Get(ctx, user)
	require.ErrorIs(t, err, aircall.ErrNotFound, "no active campaign")
	_, err = c.DialerCampaigns.Create(ctx, user, []string{"+19161112222", "+18001112222"})
	require.NoError(t, err)
	_, err = c.DialerCampaigns.Create(ctx, user, []string{"+19161112222"})
	require.ErrorIs(t, err, aircall.ErrUnprocessable, "one active campaign per user")

	camp, _, err := c.DialerCampaigns.Get(ctx, user)
	require.NoError(t, err)
	assert.Positive(t, camp.ID)
	assert.Zero(t, camp.NumberID, "number_id is null")

	_, err = c.DialerCampaigns.AddPhoneNumbers(ctx, user, []string{"+18003112224"})
	require.NoError(t, err)
	phones, _, err := c.DialerCampaigns.ListPhoneNumbers(ctx, user)
	require.NoError(t, err)
	require.Len(t, phones, 3)
	assert.Equal(t, "+18003112224", phones[2].Number)
	assert.False(t, phones[2].Called)

	_, err = c.DialerCampaigns.DeletePhoneNumber(ctx, user, phones[0].ID)
	require.NoError(t, err)
	phones, _, err = c.DialerCampaigns.ListPhoneNumbers(ctx, user)
	require.NoError(t, err)
	assert.Len(t, phones, 2)

	_, err = c.DialerCampaigns.Delete(ctx, user)
	require.NoError(t, err)
	_, _, err = c.DialerCampaigns.ListPhoneNumbers(ctx, user)
	require.ErrorIs(t, err, aircall.ErrNotFound)
}
