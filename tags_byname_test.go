package aircall_test

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTagsFindOrCreate_found(t *testing.T) {
	t.Parallel()
	s := aircalltest.NewServer(aircalltest.InMemory())
	defer s.Close()
	want := s.AddTag(aircall.Tag{Name: "Follow up", Color: "#00B388"})
	got, err := s.Client().Tags.FindOrCreate(t.Context(), "  FOLLOW UP ")
	require.NoError(t, err)
	assert.Equal(t, want.ID, got.ID)
	assert.Equal(t, "#00B388", got.Color, "found, not created")
	assert.Equal(t, 1, s.Stats().Requests, "one list, no creation")
}

func TestTagsFindOrCreate_notFoundCreates(t *testing.T) {
	t.Parallel()
	s := aircalltest.NewServer(aircalltest.InMemory())
	defer s.Close()
	got, err := s.Client().Tags.FindOrCreate(t.Context(), "follow_up")
	require.NoError(t, err)
	assert.Equal(t, "follow_up", got.Name)
	assert.Equal(t, aircall.DefaultTagColor, got.Color)
	assert.Equal(t, 2, s.Stats().Requests, "list + create")
}

func TestTagsFindOrCreate_concurrentInOneClient(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		s := aircalltest.NewServer(aircalltest.InMemory())
		defer s.Close()
		s.Inject(aircalltest.Fault{Method: http.MethodGet, Path: "/v1/tags", Latency: time.Second}) // lookups overlap
		client := s.Client()
		names := []string{"Follow up", "follow up", " FOLLOW UP", "Follow Up "}
		ids := make([]int64, 4*len(names))
		var wg sync.WaitGroup
		for i := range ids {
			wg.Go(func() {
				tag, err := client.Tags.FindOrCreate(context.Background(), names[i%len(names)])
				if assert.NoError(t, err) {
					ids[i] = tag.ID
				}
			})
		}
		wg.Wait()
		for _, id := range ids {
			assert.Equal(t, ids[0], id)
		}
		tags, _, err := client.Tags.List(context.Background(), nil)
		require.NoError(t, err)
		assert.Len(t, tags, 1, "created once")
		assert.Equal(t, 3, s.Stats().Requests, "one shared lookup and creation, then the List above")
	})
}

func TestTagsFindOrCreate_duplicateFromAnotherProcess(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		s := aircalltest.NewServer(aircalltest.InMemory())
		defer s.Close()
		s.Inject(aircalltest.Fault{Method: http.MethodGet, Path: "/v1/tags", Times: 2, Latency: time.Second})
		// Two clients stand for two processes: both look, find nothing, and create.
		a, b := s.Client(), s.Client()
		var ta, tb *aircall.Tag
		var ea, eb error
		var wg sync.WaitGroup
		wg.Go(func() { ta, ea = a.Tags.FindOrCreate(context.Background(), "VIP") })
		wg.Go(func() { tb, eb = b.Tags.FindOrCreate(context.Background(), "vip") })
		wg.Wait()
		require.NoError(t, ea)
		require.NoError(t, eb)
		assert.Equal(t, ta.ID, tb.ID, "the loser re-listed after the 400 and found the winner's tag")
	})
}

func TestTagsFindOrCreate_contextCancelled(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		s := aircalltest.NewServer(aircalltest.InMemory())
		defer s.Close()
		s.Inject(aircalltest.Fault{Method: http.MethodGet, Path: "/v1/tags", Latency: time.Minute})
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_, err := s.Client().Tags.FindOrCreate(ctx, "VIP")
		require.ErrorIs(t, err, context.DeadlineExceeded)
	})
}

func TestTagsFindOrCreate_blankName(t *testing.T) {
	t.Parallel()
	s := aircalltest.NewServer(aircalltest.InMemory())
	defer s.Close()
	_, err := s.Client().Tags.FindOrCreate(t.Context(), "  ")
	require.ErrorIs(t, err, aircall.ErrInvalidArgument)
	assert.Zero(t, s.Stats().Requests)
}

func TestCallsAddTagsByName(t *testing.T) {
	t.Parallel()
	s := aircalltest.NewServer(aircalltest.InMemory())
	defer s.Close()
	existing := s.AddTag(aircall.Tag{Name: "Follow up"})
	call := s.AddCall(aircall.Call{Direction: aircall.CallOutbound})
	client := s.Client()
	tags, err := client.Calls.AddTagsByName(t.Context(), call.ID, "follow UP", "hot lead", "Follow up")
	require.NoError(t, err)
	require.Len(t, tags, 2, "duplicates dropped")
	assert.Equal(t, existing.ID, tags[0].ID)
	assert.Equal(t, "hot lead", tags[1].Name)
	got, _, err := client.Calls.Get(t.Context(), call.ID, nil)
	require.NoError(t, err)
	var names []string
	for _, ct := range got.Tags {
		names = append(names, ct.Name)
	}
	assert.ElementsMatch(t, []string{"Follow up", "hot lead"}, names)
	// list once, list + create for the missing one, then one AddTags
	assert.Equal(t, 1+2+1+1, s.Stats().Requests)

	_, err = client.Calls.AddTagsByName(t.Context(), 999999, "x")
	require.ErrorIs(t, err, aircall.ErrNotFound)
	_, err = client.Calls.AddTagsByName(t.Context(), call.ID)
	require.ErrorIs(t, err, aircall.ErrInvalidArgument)
}

func TestCallsAddTagsByName_contextCancelled(t *testing.T) {
	t.Parallel()
	s := aircalltest.NewServer(aircalltest.InMemory())
	defer s.Close()
	call := s.AddCall(aircall.Call{Direction: aircall.CallOutbound})
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := s.Client().Calls.AddTagsByName(ctx, call.ID, "VIP")
	require.ErrorIs(t, err, context.Canceled)
	assert.Zero(t, s.Stats().Requests)
}
