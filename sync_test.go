package aircall_test

import (
	"context"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"slices"
	gosync "sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/aircall-go/aircall"
)

// replica is what a user's handler keeps: the latest copy of each item,
// and how many times each id was handed over by a listing.
type replica[T any] struct {
	items   map[int64]*T
	deleted map[int64]bool
	listed  map[int64]int
}

func newReplica[T any]() *replica[T] {
	return &replica[T]{items: map[int64]*T{}, deleted: map[int64]bool{}, listed: map[int64]int{}}
}

func (r *replica[T]) handle(_ context.Context, ch aircall.Change[T]) error {
	if ch.Deleted {
		delete(r.items, ch.ID)
		r.deleted[ch.ID] = true
		return nil
	}
	r.items[ch.ID] = ch.Item
	if ch.Source == aircall.SourceListing {
		r.listed[ch.ID]++
	}
	return nil
}

func event(t *testing.T, resource string, typ aircall.EventType, at time.Time, data any) *aircall.WebhookEvent {
	t.Helper()
	b, err := json.Marshal(data)
	require.NoError(t, err)
	return &aircall.WebhookEvent{Resource: resource, Event: typ, Timestamp: aircall.Timestamp{Time: at}, Data: b}
}

// deliver feeds events as Aircall's webhooks may: some dropped, some
// twice, out of order.
func deliver[T any](t *testing.T, s *aircall.Sync[T], rng *rand.Rand, events []*aircall.WebhookEvent, drop map[int]bool) {
	t.Helper()
	var out []*aircall.WebhookEvent
	for i, ev := range events {
		if drop[i] {
			continue
		}
		out = append(out, ev)
		if i%3 == 0 {
			out = append(out, ev) // delivered twice
		}
	}
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	for _, ev := range out {
		require.NoError(t, s.Feed(t.Context(), ev))
	}
}

func tagIDs(c *aircall.Call) []int64 {
	var ids []int64
	for _, tg := range c.Tags {
		ids = append(ids, tg.ID)
	}
	slices.Sort(ids)
	return ids
}

func TestCallSync_backfillPollEventsRescan(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		s, c := pagerFake(t)
		start := time.Now().Add(-2 * time.Hour)
		first, _ := s.AddCalls(130, func(i int) aircall.Call {
			return aircall.Call{StartedAt: aircall.Timestamp{Time: start.Add(time.Duration(i) * 30 * time.Second)}}
		})
		tagA, tagB := s.AddTag(aircall.Tag{Name: "A"}), s.AddTag(aircall.Tag{Name: "B"})
		store := aircall.FileStore{Dir: t.TempDir()}
		opts := aircall.SyncOptions{Store: store, Rescan: 24 * time.Hour, RescanEvery: time.Hour}
		r := newReplica[aircall.Call]()
		sy, err := aircall.NewCallSync(c, opts, r.handle)
		require.NoError(t, err)

		require.NoError(t, sy.Step(t.Context()), "backfill")
		require.Len(t, r.items, 130)

		// Calls are tagged twice each; their events arrive dropped,
		// duplicated and out of order.
		var events []*aircall.WebhookEvent
		for id := first; id < first+20; id++ {
			for _, tag := range []int64{tagA.ID, tagB.ID} {
				time.Sleep(time.Second)
				_, err := c.Calls.AddTags(t.Context(), id, []int64{tag})
				require.NoError(t, err)
				call, _, err := c.Calls.Get(t.Context(), id, nil)
				require.NoError(t, err)
				events = append(events, event(t, aircall.ResourceCall, aircall.EventCallTagged, time.Now(), call))
			}
		}
		drop := map[int]bool{1: true, 5: true, 9: true} // the second tagging of three calls
		deliver(t, sy, rand.New(rand.NewPCG(3, 4)), events, drop)
		for i := 0; i < 40; i += 2 {
			id := first + int64(i/2)
			if drop[i+1] {
				assert.Equal(t, []int64{tagA.ID}, tagIDs(r.items[id]), "call %d: second event dropped", id)
				continue
			}
			assert.Equal(t, []int64{tagA.ID, tagB.ID}, tagIDs(r.items[id]), "call %d: the newest state wins", id)
		}
		require.NoError(t, sy.Feed(t.Context(), event(t, aircall.ResourceContact, aircall.EventContactCreated, time.Now(), aircall.Contact{ID: 1})),
			"other resources are ignored")

		// New calls arrive, three are deleted; an hour later the next step
		// polls the new ones and the rescan repairs the rest.
		s.RemoveCall(first + 100)
		s.RemoveCall(first + 101)
		s.RemoveCall(first + 1) // one whose last event was dropped
		var fresh []int64
		for range 5 {
			fresh = append(fresh, s.AddCall(aircall.Call{}).ID)
			time.Sleep(10 * time.Second)
		}
		time.Sleep(time.Hour)
		require.NoError(t, sy.Step(t.Context()))
		for _, id := range fresh {
			assert.Equal(t, 1, r.listed[id], "new call %d polled once", id)
		}
		assert.Equal(t, map[int64]bool{first + 100: true, first + 101: true, first + 1: true}, r.deleted)
		live, err := aircall.Collect(c.Calls.ListIter(t.Context(), nil))
		require.NoError(t, err)
		require.Len(t, r.items, len(live))
		for _, call := range live {
			require.Contains(t, r.items, call.ID)
			assert.Equal(t, tagIDs(call), tagIDs(r.items[call.ID]), "call %d as Aircall has it", call.ID)
		}
		for id, n := range r.listed {
			assert.Equal(t, 1, n, "call %d listed once", id)
		}

		// A restart goes on from the saved checkpoint: nothing is listed again.
		r2 := newReplica[aircall.Call]()
		again, err := aircall.NewCallSync(c, opts, r2.handle)
		require.NoError(t, err)
		late := s.AddCall(aircall.Call{})
		time.Sleep(time.Minute)
		require.NoError(t, again.Step(t.Context()))
		assert.Equal(t, map[int64]int{late.ID: 1}, r2.listed)
	})
}

func TestContactSync_eventsDroppedDuplicatedOutOfOrder(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		s, c := pagerFake(t)
		var ids []int64
		for i := range 60 {
			ids = append(ids, s.AddContact(aircall.Contact{FirstName: "C", LastName: "v0",
				CreatedAt: aircall.Timestamp{Time: time.Now().Add(time.Duration(i-100) * time.Hour)}}).ID)
		}
		r := newReplica[aircall.Contact]()
		sy, err := aircall.NewContactSync(c, aircall.SyncOptions{Store: aircall.FileStore{Dir: t.TempDir()}, Rescan: 2 * time.Hour}, r.handle)
		require.NoError(t, err)
		require.NoError(t, sy.Step(t.Context()))
		require.Len(t, r.items, 60)

		var events []*aircall.WebhookEvent
		for _, id := range ids[:10] {
			for _, v := range []string{"v1", "v2"} {
				time.Sleep(time.Second)
				ct, _, err := c.Contacts.Update(t.Context(), id, &aircall.UpdateContactRequest{LastName: aircall.Ptr(v)})
				require.NoError(t, err)
				events = append(events, event(t, aircall.ResourceContact, aircall.EventContactUpdated, time.Now(), ct))
			}
		}
		time.Sleep(time.Second)
		for _, id := range ids[10:13] {
			ct, _, err := c.Contacts.Get(t.Context(), id)
			require.NoError(t, err)
			_, err = c.Contacts.Delete(t.Context(), id)
			require.NoError(t, err)
			events = append(events, event(t, aircall.ResourceContact, aircall.EventContactDeleted, time.Now(), ct))
		}
		// A late update of a deleted contact, delivered after its deletion.
		stale := event(t, aircall.ResourceContact, aircall.EventContactUpdated, time.Now().Add(-time.Minute), r.items[ids[10]])
		deliver(t, sy, rand.New(rand.NewPCG(5, 6)), append(events, stale), map[int]bool{3: true, 7: true})
		assert.Equal(t, map[int64]bool{ids[10]: true, ids[11]: true, ids[12]: true}, r.deleted)

		time.Sleep(time.Hour)
		require.NoError(t, sy.Step(t.Context()), "the rescan by update time repairs the dropped events")
		live, err := aircall.Collect(c.Contacts.ListIter(t.Context(), nil))
		require.NoError(t, err)
		require.Len(t, r.items, len(live))
		for _, ct := range live {
			require.Contains(t, r.items, ct.ID)
			assert.Equal(t, ct.LastName, r.items[ct.ID].LastName, "contact %d", ct.ID)
		}
	})
}

func TestNewSync_rejectsBadOptions(t *testing.T) {
	t.Parallel()
	c, err := aircall.NewClient()
	require.NoError(t, err)
	noop := func(context.Context, aircall.Change[aircall.Call]) error { return nil }
	var ae *aircall.ArgError
	_, err = aircall.NewCallSync(c, aircall.SyncOptions{}, noop)
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, "Store", ae.Arg)
	_, err = aircall.NewCallSync(c, aircall.SyncOptions{Store: aircall.FileStore{Dir: t.TempDir()}}, nil)
	require.ErrorAs(t, err, &ae)
	_, err = aircall.NewCallSync(nil, aircall.SyncOptions{Store: aircall.FileStore{Dir: t.TempDir()}}, noop)
	require.ErrorAs(t, err, &ae)
}

func TestFileStore(t *testing.T) {
	t.Parallel()
	st := aircall.FileStore{Dir: t.TempDir()}
	b, err := st.Load(t.Context(), "k")
	require.NoError(t, err)
	assert.Nil(t, b, "nothing saved yet")
	require.NoError(t, st.Save(t.Context(), "k", []byte("one")))
	require.NoError(t, st.Save(t.Context(), "k", []byte("two")))
	b, err = st.Load(t.Context(), "k")
	require.NoError(t, err)
	assert.Equal(t, "two", string(b))
	for _, bad := range []string{"", "../x", "a/b", ".."} {
		var ae *aircall.ArgError
		require.ErrorAs(t, st.Save(t.Context(), bad, nil), &ae, "key %q", bad)
	}
}

func TestCallSync_runPollsUntilCancelled(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		s, c := pagerFake(t)
		s.AddCalls(70, func(i int) aircall.Call {
			return aircall.Call{StartedAt: aircall.Timestamp{Time: time.Now().Add(time.Duration(i-100) * time.Second)}}
		})
		r := newReplica[aircall.Call]()
		var mu gosync.Mutex
		sy, err := aircall.NewCallSync(c, aircall.SyncOptions{Store: aircall.FileStore{Dir: t.TempDir()}, PollInterval: time.Minute},
			func(ctx context.Context, ch aircall.Change[aircall.Call]) error {
				mu.Lock()
				defer mu.Unlock()
				return r.handle(ctx, ch)
			})
		require.NoError(t, err)
		ctx, cancel := context.WithCancel(t.Context())
		done := make(chan error)
		go func() { done <- sy.Run(ctx) }()
		synctest.Wait()
		for range 3 {
			s.AddCall(aircall.Call{})
			time.Sleep(time.Minute + time.Second)
			synctest.Wait()
		}
		cancel()
		require.ErrorIs(t, <-done, context.Canceled)
		mu.Lock()
		defer mu.Unlock()
		assert.Len(t, r.listed, 73, "the backfill, then each new call at the next poll")
		for id, n := range r.listed {
			assert.Equal(t, 1, n, "call %d", id)
		}
	})
}

// memStore is a Store in memory, failing when told to.
type memStore struct {
	data map[string][]byte
	fail error
}

func (m *memStore) Load(_ context.Context, key string) ([]byte, error) { return m.data[key], m.fail }
func (m *memStore) Save(_ context.Context, key string, b []byte) error {
	if m.fail != nil {
		return m.fail
	}
	m.data[key] = slices.Clone(b)
	return nil
}

func TestSync_storeErrorsAndDamagedState(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		s, c := pagerFake(t)
		s.AddContact(aircall.Contact{})
		noop := func(context.Context, aircall.Change[aircall.Contact]) error { return nil }

		broken := &memStore{data: map[string][]byte{}, fail: errors.New("disk on fire")}
		sy, err := aircall.NewContactSync(c, aircall.SyncOptions{Store: broken}, noop)
		require.NoError(t, err)
		require.ErrorContains(t, sy.Step(t.Context()), "disk on fire")

		damaged := &memStore{data: map[string][]byte{"aircall-contacts": []byte(`{"checkpoint":"v1.garbage"}`)}}
		sy, err = aircall.NewContactSync(c, aircall.SyncOptions{Store: damaged}, noop)
		require.NoError(t, err)
		var ae *aircall.ArgError
		require.ErrorAs(t, sy.Step(t.Context()), &ae)

		other := &memStore{data: map[string][]byte{}}
		sy, err = aircall.NewContactSync(c, aircall.SyncOptions{Store: other}, noop)
		require.NoError(t, err)
		require.NoError(t, sy.Step(t.Context()))
		moved, err := aircall.NewContactSync(c, aircall.SyncOptions{Store: other, From: time.Now().Add(-time.Hour)}, noop)
		require.NoError(t, err)
		require.ErrorAs(t, moved.Step(t.Context()), &ae, "a checkpoint of another From is refused")
	})
}
