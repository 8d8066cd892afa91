package aircall_test

import (
	"context"
	"testing"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUsersV2FindByEmail(t *testing.T) {
	t.Parallel()
	s := aircalltest.NewServer(aircalltest.InMemory())
	defer s.Close()
	want := s.AddUser(aircall.User{Name: "Rep One", Email: "rep@example.com"})
	s.AddUser(aircall.User{Name: "Rep Two", Email: "two@example.com"})
	client := s.Client()

	u, err := client.UsersV2.FindByEmail(t.Context(), "rep@example.com")
	require.NoError(t, err)
	assert.Equal(t, want.ID, u.ID)
	assert.Equal(t, 1, s.Stats().Requests, "one lookup")

	u, err = client.UsersV2.FindByEmail(t.Context(), "REP@Example.com")
	require.NoError(t, err, "case-insensitive")
	assert.Equal(t, want.ID, u.ID)

	_, err = client.UsersV2.FindByEmail(t.Context(), "nobody@example.com")
	require.ErrorIs(t, err, aircall.ErrUserNotFound)
	require.ErrorIs(t, err, aircall.ErrNotFound)

	_, err = client.UsersV2.FindByEmail(t.Context(), "not an email")
	require.ErrorIs(t, err, aircall.ErrInvalidArgument)

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err = client.UsersV2.FindByEmail(ctx, "rep@example.com")
	require.ErrorIs(t, err, context.Canceled)
}

func TestUsersV2ListWithNumbersIter(t *testing.T) {
	t.Parallel()
	s := aircalltest.NewServer(aircalltest.InMemory())
	defer s.Close()
	a := s.AddUser(aircall.User{Name: "A"})
	b := s.AddUser(aircall.User{Name: "B"})
	n1 := s.AddNumber(aircall.Number{Users: []*aircall.User{{ID: a.ID}}})
	n2 := s.AddNumber(aircall.Number{Users: []*aircall.User{{ID: a.ID}}})
	got := map[int64][]int64{}
	for u, err := range s.Client().UsersV2.ListWithNumbersIter(t.Context(), nil) {
		require.NoError(t, err)
		ids := []int64{}
		for _, n := range u.Numbers {
			ids = append(ids, n.ID)
		}
		got[u.ID] = ids
	}
	assert.Equal(t, map[int64][]int64{a.ID: {n1.ID, n2.ID}, b.ID: {}}, got)
	assert.Equal(t, 1+2, s.Stats().Requests, "one list, one numbers request per user")
}

func TestUsersV2ListWithNumbersIter_errors(t *testing.T) {
	t.Parallel()
	s := aircalltest.NewServer(aircalltest.InMemory())
	defer s.Close()
	s.AddUser(aircall.User{Name: "A"})
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	n := 0
	for _, err := range s.Client().UsersV2.ListWithNumbersIter(ctx, nil) {
		require.ErrorIs(t, err, context.Canceled)
		n++
	}
	assert.Equal(t, 1, n, "the error is yielded once")

	s.FailNext(1, 500)
	var last error
	for _, err := range s.Client(aircall.WithRetryPolicy(aircall.RetryPolicy{})).UsersV2.ListWithNumbersIter(t.Context(), nil) {
		last = err
	}
	require.ErrorIs(t, last, aircall.ErrServer)
}
