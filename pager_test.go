package aircall_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/aircall-go/aircall"
	"github.com/aircall-go/aircall/aircalltest"
)

// pagerFake is an in-memory Aircall with a raw-speed client, for tests run
// inside a synctest bubble.
func pagerFake(t *testing.T) (*aircalltest.Server, *aircall.Client) {
	t.Helper()
	s := aircalltest.NewServer(aircalltest.InMemory(), aircalltest.WithoutRateLimit())
	t.Cleanup(s.Close)
	return s, s.Client(aircall.WithoutRateLimit())
}

// seedCalls adds n calls over the last days, three per second, with a
// burst of 120 calls in one second (more than two pages), 90% inbound.
// It returns their ids.
func seedCalls(s *aircalltest.Server, n int) []int64 {
	start := time.Now().Add(-10 * 24 * time.Hour)
	first, last := s.AddCalls(n, func(i int) aircall.Call {
		at := start.Add(time.Duration(i/3) * time.Second)
		if i >= 5000 && i < 5120 {
			at = start.Add(5000 / 3 * time.Second)
		}
		dir := aircall.CallInbound
		if i%10 == 0 {
			dir = aircall.CallOutbound
		}
		return aircall.Call{StartedAt: aircall.Timestamp{Time: at}, Direction: dir, Status: aircall.CallStatusDone}
	})
	var ids []int64
	for id := first; id <= last; id++ {
		ids = append(ids, id)
	}
	return ids
}

// churn is what happens to the data while a listing runs: deletions of
// random items (listed already or not) and creations, now and, for late
// arrivals, in the past.
type churn struct {
	rng     *rand.Rand
	live    []int64
	deleted map[int64]bool
}

func (c *churn) pick() (int64, bool) {
	if len(c.live) == 0 {
		return 0, false
	}
	i := c.rng.IntN(len(c.live))
	id := c.live[i]
	c.live = slices.Delete(c.live, i, i+1)
	c.deleted[id] = true
	return id, true
}

// resumeStops is how many items each run of a resumed listing yields before
// it is killed: page boundaries and mid-page positions of 50-item pages.
var resumeStops = []int{25, 25, 1, 49, 50, 13, 37}

// drain lists through pagers made by newPager, killing each after a stop
// (checkpoint saved after every item when saveEvery is 1, or every
// saveEvery items), calling mutate every few items, and returns how many
// times each id came out and the largest count of duplicates of one run.
func drain[T any](t *testing.T, newPager func(aircall.Checkpoint) (*aircall.Pager[T], error), id func(*T) int64,
	stops []int, saveEvery int, mutate func()) (seen map[int64]int, maxDup int, last aircall.Progress) {
	t.Helper()
	seen = map[int64]int{}
	var cp aircall.Checkpoint
	for run := 0; ; run++ {
		p, err := newPager(cp)
		require.NoError(t, err)
		stop := stops[run%len(stops)]
		n, finished := 0, true
		runSeen := map[int64]bool{}
		dup := 0
		for it, err := range p.All(t.Context()) {
			require.NoError(t, err)
			k := id(it)
			if seen[k] > 0 && !runSeen[k] {
				dup++
			}
			seen[k]++
			runSeen[k] = true
			n++
			if n%saveEvery == 0 {
				cp = p.Checkpoint()
			}
			if n%13 == 0 {
				mutate()
			}
			if n == stop {
				finished = false
				break
			}
		}
		maxDup = max(maxDup, dup)
		last = p.Progress()
		if finished {
			require.Less(t, run, 2000, "the listing ends")
			return seen, maxDup, last
		}
	}
}

func TestCallsPager_killedAndResumedWhileCallsChange(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		search bool
		order  string
		calls  int
	}{{false, "asc", 12500}, {false, "desc", 3000}, {true, "", 3000}, {true, "desc", 12500}} {
		t.Run(fmt.Sprintf("search=%v,order=%q", tc.search, tc.order), func(t *testing.T) {
			t.Parallel()
			synctest.Test(t, func(t *testing.T) {
				s, c := pagerFake(t)
				ids := seedCalls(s, tc.calls)
				ch := &churn{rng: rand.New(rand.NewPCG(1, uint64(len(tc.order)))), live: slices.Clone(ids), deleted: map[int64]bool{}}
				mutate := func() {
					if id, ok := ch.pick(); ok {
						s.RemoveCall(id)
					}
					s.AddCall(aircall.Call{}) // started now: after the pinned window
					late := s.AddCall(aircall.Call{StartedAt: aircall.Timestamp{Time: time.Now().Add(-9 * 24 * time.Hour)}})
					ch.deleted[late.ID] = true // may or may not be listed, never twice
				}
				newPager := func(cp aircall.Checkpoint) (*aircall.Pager[aircall.Call], error) {
					if tc.search {
						return c.Calls.SearchPager(&aircall.CallSearchOptions{Direction: "inbound", Order: tc.order}, cp)
					}
					return c.Calls.ListPager(&aircall.CallListOptions{Order: tc.order}, cp)
				}
				seen, maxDup, progress := drain(t, newPager, func(c *aircall.Call) int64 { return c.ID }, resumeStops, 1, mutate)
				assert.Zero(t, maxDup, "a checkpoint saved after every call: no duplicates")
				want := 0
				for i, id := range ids {
					if ch.deleted[id] || (tc.search && i%10 == 0) {
						continue
					}
					want++
					require.Equal(t, 1, seen[id], "call %d (#%d) comes out exactly once", id, i)
				}
				for id, n := range seen {
					require.Equal(t, 1, n, "call %d comes out once", id)
				}
				if tc.calls > 12000 {
					assert.Greater(t, want, 10000, "past the cap")
				}
				assert.Equal(t, len(seen), progress.Yielded, "Progress counts across resumes")
				assert.Equal(t, progress.Yielded, progress.Total, "at the end Total is what was yielded")
			})
		})
	}
}

func TestCallsPager_checkpointEveryPageLosesAtMostOnePage(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		s, c := pagerFake(t)
		ids := seedCalls(s, 3000)
		newPager := func(cp aircall.Checkpoint) (*aircall.Pager[aircall.Call], error) {
			return c.Calls.ListPager(&aircall.CallListOptions{Order: "desc"}, cp)
		}
		// Killed 1 to 49 calls after a page boundary, having saved at it.
		seen, maxDup, _ := drain(t, newPager, func(c *aircall.Call) int64 { return c.ID }, []int{75, 51, 99, 60}, aircall.IterPerPage, func() {})
		assert.LessOrEqual(t, maxDup, aircall.IterPerPage, "duplicates: only what came after the last checkpoint")
		assert.Positive(t, maxDup, "kills mid-page repeat some calls")
		for _, id := range ids {
			require.Positive(t, seen[id], "call %d", id)
		}
	})
}

func TestContactsPager_killedAndResumedWhileContactsChange(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		search bool
		order  string
	}{{false, ""}, {false, "desc"}, {true, "asc"}, {true, "desc"}} {
		t.Run(fmt.Sprintf("search=%v,order=%q", tc.search, tc.order), func(t *testing.T) {
			t.Parallel()
			synctest.Test(t, func(t *testing.T) {
				s, c := pagerFake(t)
				start := time.Now().Add(-24 * time.Hour)
				var ids []int64
				for i := range 1200 {
					ct := s.AddContact(aircall.Contact{FirstName: "C", CreatedAt: aircall.Timestamp{Time: start.Add(time.Duration(i/4) * time.Second)},
						Emails: []aircall.ContactDetail{{Value: "team@example.com"}}})
					ids = append(ids, ct.ID)
				}
				ch := &churn{rng: rand.New(rand.NewPCG(2, uint64(len(tc.order)))), live: slices.Clone(ids), deleted: map[int64]bool{}}
				mutate := func() {
					for range 2 {
						if id, ok := ch.pick(); ok {
							_, err := c.Contacts.Delete(context.Background(), id)
							require.NoError(t, err)
						}
					}
					s.AddContact(aircall.Contact{FirstName: "New", Emails: []aircall.ContactDetail{{Value: "team@example.com"}}})
				}
				newPager := func(cp aircall.Checkpoint) (*aircall.Pager[aircall.Contact], error) {
					if tc.search {
						return c.Contacts.SearchPager(&aircall.ContactSearchOptions{Email: "team@example.com", Order: tc.order}, cp)
					}
					return c.Contacts.ListPager(&aircall.ContactListOptions{Order: tc.order}, cp)
				}
				seen, maxDup, _ := drain(t, newPager, func(c *aircall.Contact) int64 { return c.ID }, resumeStops, 1, mutate)
				assert.Zero(t, maxDup)
				for _, id := range ids {
					if !ch.deleted[id] {
						require.Equal(t, 1, seen[id], "contact %d comes out exactly once", id)
					}
				}
				for id, n := range seen {
					require.Equal(t, 1, n, "contact %d", id)
				}
			})
		})
	}
}

func TestListIter_exactWhileDataChanges(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		s, c := pagerFake(t)
		ids := seedCalls(s, 500)
		// Descending: 10 calls arrive during the listing (a page-number pager
		// would yield 10 calls twice).
		seen := map[int64]int{}
		for call, err := range c.Calls.ListIter(t.Context(), &aircall.CallListOptions{Order: "desc"}) {
			require.NoError(t, err)
			if seen[call.ID]++; len(seen) == 60 {
				for range 10 {
					s.AddCall(aircall.Call{})
				}
			}
		}
		for _, id := range ids {
			assert.Equal(t, 1, seen[id])
		}
		assert.Len(t, seen, len(ids), "calls started after the listing began are not in its window")

		// Ascending contacts: the 5 oldest are deleted during the listing (a
		// page-number pager would skip 5 others).
		var cids []int64
		for i := range 120 {
			cids = append(cids, s.AddContact(aircall.Contact{CreatedAt: aircall.Timestamp{Time: time.Now().Add(time.Duration(i-200) * time.Second)}}).ID)
		}
		got := map[int64]int{}
		for ct, err := range c.Contacts.ListIter(t.Context(), nil) {
			require.NoError(t, err)
			if got[ct.ID]++; len(got) == 60 {
				for _, id := range cids[:5] {
					_, err := c.Contacts.Delete(t.Context(), id)
					require.NoError(t, err)
				}
			}
		}
		for _, id := range cids {
			assert.Equal(t, 1, got[id], "contact %d", id)
		}
	})
}

func TestPager_refusesForeignAndDamagedCheckpoints(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		s, c := pagerFake(t)
		seedCalls(s, 120)
		p, err := c.Calls.ListPager(&aircall.CallListOptions{Order: "desc"}, "")
		require.NoError(t, err)
		for _, err := range p.All(t.Context()) {
			require.NoError(t, err)
			break
		}
		cp := p.Checkpoint()
		assert.Regexp(t, `^v1\.[A-Za-z0-9_-]+$`, string(cp), "versioned and URL-safe")
		_, err = c.Calls.ListPager(&aircall.CallListOptions{Order: "desc"}, cp)
		require.NoError(t, err, "its own listing takes it")

		argError := func(t *testing.T, err error, reason string) {
			t.Helper()
			var ae *aircall.ArgError
			require.ErrorAs(t, err, &ae)
			assert.Equal(t, "from", ae.Arg)
			assert.Contains(t, ae.Reason, reason)
		}
		_, err = c.Calls.ListPager(&aircall.CallListOptions{Order: "asc"}, cp)
		argError(t, err, "other options")
		_, err = c.Calls.ListPager(&aircall.CallListOptions{Order: "desc", FetchContact: true}, cp)
		argError(t, err, "other options")
		_, err = c.Calls.ListPager(&aircall.CallListOptions{Order: "desc", ListOptions: aircall.ListOptions{PerPage: 20}}, cp)
		argError(t, err, "other options")
		_, err = c.Calls.SearchPager(&aircall.CallSearchOptions{Order: "desc"}, cp)
		argError(t, err, "another listing")
		_, err = c.Contacts.ListPager(&aircall.ContactListOptions{Order: "desc"}, cp)
		argError(t, err, "another listing")

		b := []byte(cp)
		for _, damaged := range []string{
			string(cp[:len(cp)-3]),
			string(cp) + "A",
			"v1." + strings.Repeat("A", 40),
			"v1.!!!",
			"hello",
			string(append(slices.Clone(b[:10]), append([]byte{b[10] ^ 1}, b[11:]...)...)),
		} {
			_, err = c.Calls.ListPager(&aircall.CallListOptions{Order: "desc"}, aircall.Checkpoint(damaged))
			argError(t, err, "")
		}
		_, err = c.Calls.ListPager(&aircall.CallListOptions{Order: "desc"}, "v9.AAAA")
		argError(t, err, "format v9")
		assert.Equal(t, 1, s.Stats().Requests, "refusing a checkpoint sends nothing")
	})
}

func TestPager_progressWithoutExtraRequests(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		s, c := pagerFake(t)
		seedCalls(s, 12000)
		p, err := c.Calls.ListPager(nil, "")
		require.NoError(t, err)
		assert.Equal(t, aircall.Progress{}, p.Progress(), "nothing known before the first page")
		n := 0
		for _, err := range p.All(t.Context()) {
			require.NoError(t, err)
			if n++; n == 1 {
				pr := p.Progress()
				assert.Equal(t, 12000, pr.Total, "meta.total of the first page")
				assert.True(t, pr.TotalCapped, "at or past the cap the total may be a lower bound")
				assert.Equal(t, 1, pr.Yielded)
			}
			if n == 11000 {
				pr := p.Progress()
				assert.Equal(t, 12000, pr.Total)
				assert.False(t, pr.TotalCapped, "fewer than 10,000 left: exact")
				assert.InDelta(t, 91.7, pr.Percent(), 0.1)
			}
		}
		assert.Equal(t, aircall.Progress{Yielded: 12000, Total: 12000}, p.Progress())
		// One request a page, no count request; each page asks again for the
		// calls of its last two seconds (here up to 5), already yielded.
		assert.LessOrEqual(t, s.Stats().Requests, 12000/(aircall.IterPerPage-5)+4)
	})
}

func TestPager_progressAndCheckpointFromAnotherGoroutine(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		s, c := pagerFake(t)
		seedCalls(s, 300)
		p, err := c.Calls.ListPager(nil, "")
		require.NoError(t, err)
		ctx, cancel := context.WithCancel(t.Context())
		done := make(chan struct{})
		go func() {
			defer close(done)
			for ctx.Err() == nil {
				_ = p.Progress()
				_ = p.Checkpoint()
				time.Sleep(time.Millisecond)
			}
		}()
		got, err := aircall.Collect(p.All(t.Context()))
		require.NoError(t, err)
		cancel()
		<-done
		assert.Len(t, got, 300)
		again, err := c.Calls.ListPager(nil, p.Checkpoint())
		require.NoError(t, err)
		rest, err := aircall.Collect(again.All(t.Context()))
		require.NoError(t, err)
		assert.Empty(t, rest, "a finished listing's checkpoint yields nothing more")
	})
}
