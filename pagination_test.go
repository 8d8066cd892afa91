package aircall

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pagerItem stands in for a resource in the pager tests.
type pagerItem struct {
	ID        int64     `json:"id"`
	CreatedAt Timestamp `json:"created_at"`
}

type pagerOptions struct {
	ListOptions
	From  time.Time `url:"from,omitempty,unix"`
	To    time.Time `url:"to,omitempty,unix"`
	Order string    `url:"order,omitempty"`
}

// listItems is what a service's List looks like.
func listItems(ctx context.Context, c *Client, opts *pagerOptions) ([]*pagerItem, *Response, error) {
	return doList[pagerItem](ctx, c, "v1/items", "items", opts)
}

func (o *pagerOptions) validate() error {
	if o == nil {
		return nil
	}
	return checkListWindow(o.ListOptions, o.From, o.To, o.Order)
}
func (o *pagerOptions) window() (from, to *time.Time, order *string) { return &o.From, &o.To, &o.Order }
func (o *pagerOptions) byCreation() bool                             { return true }

func itemKey(it *pagerItem) (int64, time.Time) { return it.ID, it.CreatedAt.Time }

// itemsPager is what a service's ListPager looks like.
func itemsPager(c *Client, opts *pagerOptions, from Checkpoint) (*Pager[pagerItem], error) {
	return newPager(opts, pagerSpec[pagerItem]{res: "items.list", key: itemKey, from: from, now: c.now()},
		func(ctx context.Context, o *pagerOptions) ([]*pagerItem, *Response, error) {
			return listItems(ctx, c, o)
		})
}

// iterItems is what a service's ListIter looks like: by creation time
// (like calls and contacts) when keyed, by page number otherwise.
func iterItems(ctx context.Context, c *Client, opts *pagerOptions, keyed bool) iter.Seq2[*pagerItem, error] {
	if keyed {
		o := deref(opts)
		return pagerIter(ctx, func() (*Pager[pagerItem], error) { return itemsPager(c, &o, "") })
	}
	return listIter(ctx, opts, MaxPerPage, func(ctx context.Context, o *pagerOptions) ([]*pagerItem, *Response, error) {
		return listItems(ctx, c, o)
	})
}

// pagedServer serves n items (ids 1..n, created 3 per second from t0)
// honouring page, per_page, from, to and order, with the documented 400
// past ItemCap, and counts requests.
type pagedServer struct {
	n        int
	requests atomic.Int32
	failPage int // answer 500 on this page
	loopPage int // on this page, point next_page_link back at page 1
	// exclusive makes from and to exclude their own second.
	exclusive bool
	queries   []url.Values
}

var t0 = time.Unix(1_600_000_000, 0)

func (s *pagedServer) created(id int) time.Time { return t0.Add(time.Duration((id-1)/3) * time.Second) }

func (s *pagedServer) handler(t *testing.T) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.requests.Add(1)
		q := r.URL.Query()
		s.queries = append(s.queries, q)
		page, _ := strconv.Atoi(q.Get("page"))
		if page == 0 {
			page = 1
		}
		per, _ := strconv.Atoi(q.Get("per_page"))
		if per == 0 {
			per = 20
		}
		if page == s.failPage {
			writeError(w, 500, "Internal Server Error", "boom")
			return
		}
		if page*per > ItemCap {
			writeJSON(w, 400, pageCapBody)
			return
		}
		var ids []int
		for id := 1; id <= s.n; id++ {
			at := s.created(id)
			if f := q.Get("from"); f != "" {
				v, _ := strconv.ParseInt(f, 10, 64)
				if at.Unix() < v || s.exclusive && at.Unix() == v {
					continue
				}
			}
			if to := q.Get("to"); to != "" {
				v, _ := strconv.ParseInt(to, 10, 64)
				if at.Unix() > v || s.exclusive && at.Unix() == v {
					continue
				}
			}
			ids = append(ids, id)
		}
		if q.Get("order") == "desc" {
			slices.Reverse(ids)
		}
		start := min((page-1)*per, len(ids))
		end := min(start+per, len(ids))
		items := make([]*pagerItem, 0, end-start)
		for _, id := range ids[start:end] {
			items = append(items, &pagerItem{ID: int64(id), CreatedAt: Timestamp{s.created(id)}})
		}
		meta := Meta{Count: len(items), Total: len(ids), CurrentPage: page, PerPage: per}
		if end < len(ids) {
			next := url.Values{}
			for k, v := range q {
				next[k] = v
			}
			next.Set("page", strconv.Itoa(page+1))
			if page == s.loopPage {
				next.Set("page", "1")
			}
			meta.NextPageLink = "https://api.aircall.io/v1/items?" + next.Encode()
		}
		if page > 1 {
			meta.PreviousPageLink = "https://api.aircall.io/v1/items?page=" + strconv.Itoa(page-1)
		}
		b, err := json.Marshal(map[string]any{"items": items, "meta": meta})
		require.NoError(t, err)
		writeJSON(w, 200, b)
	}
}

func newPagedServer(t *testing.T, n int) (*Client, *pagedServer) {
	c, mux := setup(t)
	s := &pagedServer{n: n}
	mux.HandleFunc("GET /v1/items", s.handler(t))
	return c, s
}

func ids(items []*pagerItem) []int64 {
	out := make([]int64, len(items))
	for i, it := range items {
		out[i] = it.ID
	}
	return out
}

func seq(from, to int64) []int64 {
	var out []int64
	for i := from; i <= to; i++ {
		out = append(out, i)
	}
	return out
}

func TestList_onePageWithMeta(t *testing.T) {
	t.Parallel()
	c, s := newPagedServer(t, 7)
	items, resp, err := listItems(t.Context(), c, &pagerOptions{ListOptions: ListOptions{Page: 2, PerPage: 3}})
	require.NoError(t, err)
	assert.Equal(t, []int64{4, 5, 6}, ids(items))
	require.NotNil(t, resp.Meta)
	assert.Equal(t, Meta{Count: 3, Total: 7, CurrentPage: 2, PerPage: 3,
		NextPageLink:     "https://api.aircall.io/v1/items?page=3&per_page=3",
		PreviousPageLink: "https://api.aircall.io/v1/items?page=1"}, *resp.Meta)
	assert.Equal(t, 3, resp.Meta.NextPage())
	assert.Equal(t, url.Values{"page": {"2"}, "per_page": {"3"}}, s.queries[0], "List sends only what is set")
}

func TestListIter_followsNextPageLink(t *testing.T) {
	t.Parallel()
	c, s := newPagedServer(t, 120) // three pages of 50
	opts := &pagerOptions{Order: "asc"}
	got, err := Collect(iterItems(t.Context(), c, opts, false))
	require.NoError(t, err)
	assert.Equal(t, seq(1, 120), ids(got))
	assert.EqualValues(t, 3, s.requests.Load())
	assert.Equal(t, "50", s.queries[0].Get("per_page"), "iterators ask for 50 per page")
	assert.Equal(t, []string{"1", "2", "3"}, []string{s.queries[0].Get("page"), s.queries[1].Get("page"), s.queries[2].Get("page")})
	assert.Equal(t, &pagerOptions{Order: "asc"}, opts, "the caller's options are unchanged")
}

func TestListIter_lazyAndReiterable(t *testing.T) {
	t.Parallel()
	c, s := newPagedServer(t, 60)
	it := iterItems(t.Context(), c, &pagerOptions{ListOptions: ListOptions{PerPage: 25}}, false)
	assert.Zero(t, s.requests.Load(), "nothing is fetched before ranging")
	first, err := Collect(it)
	require.NoError(t, err)
	second, err := Collect(it)
	require.NoError(t, err)
	assert.Equal(t, ids(first), ids(second), "ranging again starts over")
	assert.EqualValues(t, 6, s.requests.Load())
}

func TestListIter_errorOnPage2(t *testing.T) {
	t.Parallel()
	c, s := newPagedServer(t, 120)
	s.failPage = 2
	var got []int64
	var errs []error
	for it, err := range iterItems(t.Context(), c, nil, false) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		got = append(got, it.ID)
	}
	assert.Equal(t, seq(1, 50), got, "page 1's items come first")
	require.Len(t, errs, 1, "exactly one error")
	assert.ErrorIs(t, errs[0], ErrServer)
	assert.EqualValues(t, 2, s.requests.Load(), "nothing after the error")
}

func TestListIter_breakStopsRequests(t *testing.T) {
	t.Parallel()
	c, s := newPagedServer(t, 500)
	n := 0
	for _, err := range iterItems(t.Context(), c, nil, false) {
		require.NoError(t, err)
		n++
		if n == 60 {
			break
		}
	}
	assert.EqualValues(t, 2, s.requests.Load(), "no page fetched after break")
}

func TestListIter_loopGuard(t *testing.T) {
	t.Parallel()
	c, s := newPagedServer(t, 200)
	s.loopPage = 2
	got, err := Collect(iterItems(t.Context(), c, nil, false))
	assert.ErrorIs(t, err, ErrPaginationLoop)
	assert.Len(t, got, 100)
	assert.EqualValues(t, 2, s.requests.Load())
}

func TestListIter_emptyPageWithNextLinkContinues(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("GET /v1/items", func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Query().Get("page") {
		case "1":
			writeJSON(w, 200, `{"items":[],"meta":{"current_page":1,"next_page_link":"https://api.aircall.io/v1/items?page=2"}}`)
		default:
			writeJSON(w, 200, `{"items":[{"id":9}],"meta":{"current_page":2,"next_page_link":null}}`)
		}
	})
	got, err := Collect(iterItems(t.Context(), c, nil, false))
	require.NoError(t, err)
	assert.Equal(t, []int64{9}, ids(got))
}

func TestListIter_invalidPerPage(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	mux.HandleFunc("/", failHandler(t))
	for _, per := range []int{-1, 51, 1000} {
		_, err := Collect(iterItems(t.Context(), c, &pagerOptions{ListOptions: ListOptions{PerPage: per}}, false))
		assertArgError(t, err, "PerPage")
	}
	_, err := Collect(iterItems(t.Context(), c, &pagerOptions{ListOptions: ListOptions{Page: -2}}, false))
	assertArgError(t, err, "Page")
}

func TestListIter_cancelledBetweenPages(t *testing.T) {
	t.Parallel()
	c, s := newPagedServer(t, 200)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var last error
	n := 0
	for _, err := range iterItems(ctx, c, nil, false) {
		if err != nil {
			last = err
			break
		}
		if n++; n == 50 {
			cancel()
		}
	}
	assert.ErrorIs(t, last, context.Canceled)
	assert.EqualValues(t, 1, s.requests.Load())
}

func TestListIter_keysetPastTheCap(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		order string
		per   int
	}{
		{"ascending", "asc", 50},
		{"ascending, 30 per page", "asc", 30},
		{"descending", "desc", 50},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, s := newPagedServer(t, 12000)
			opts := &pagerOptions{Order: tc.order, ListOptions: ListOptions{PerPage: tc.per}}
			got, err := Collect(iterItems(t.Context(), c, opts, true))
			require.NoError(t, err)
			want := seq(1, 12000)
			if tc.order == "desc" {
				slices.Reverse(want)
			}
			require.Len(t, got, 12000, "every item")
			assert.Equal(t, want, ids(got), "exactly once, in order")
			assert.Equal(t, &pagerOptions{Order: tc.order, ListOptions: ListOptions{PerPage: tc.per}}, opts)
			for _, q := range s.queries[1:] {
				assert.Equal(t, "1", q.Get("page"), "every page is asked for from a creation-time bound")
			}
		})
	}
}

func TestListIter_keysetWhetherBoundsIncludeTheirSecondOrNot(t *testing.T) {
	t.Parallel()
	for _, exclusive := range []bool{false, true} {
		for _, order := range []string{"asc", "desc"} {
			c, s := newPagedServer(t, 1000)
			s.exclusive = exclusive
			// 3 items a second and 7 per page: pages often end mid-second.
			got, err := Collect(iterItems(t.Context(), c, &pagerOptions{Order: order, ListOptions: ListOptions{PerPage: 7}}, true))
			require.NoError(t, err)
			want := seq(1, 1000)
			if order == "desc" {
				slices.Reverse(want)
			}
			assert.Equal(t, want, ids(got), "exclusive=%v order=%s", exclusive, order)
		}
	}
}

func TestListIter_byPageNumberSurfacesThe400(t *testing.T) {
	t.Parallel()
	c, _ := newPagedServer(t, 10100)
	got, err := Collect(iterItems(t.Context(), c, nil, false))
	assert.ErrorIs(t, err, ErrPageLimitExceeded)
	assert.ErrorIs(t, err, ErrBadRequest)
	assert.Len(t, got, ItemCap)
}

func TestListIter_keysetNoProgress(t *testing.T) {
	t.Parallel()
	c, mux := setup(t)
	// Every item has the same creation time: a restart cannot make progress.
	mux.HandleFunc("GET /v1/items", func(w http.ResponseWriter, r *http.Request) {
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		if page > 200 {
			writeJSON(w, 400, pageCapBody)
			return
		}
		items := make([]map[string]any, 50)
		for i := range items {
			items[i] = map[string]any{"id": (page-1)*50 + i + 1, "created_at": 1600000000}
		}
		writeJSON(w, 200, map[string]any{"items": items, "meta": map[string]any{"current_page": page,
			"next_page_link": fmt.Sprintf("https://api.aircall.io/v1/items?page=%d", page+1)}})
	})
	got, err := Collect(iterItems(t.Context(), c, nil, true))
	assert.ErrorIs(t, err, ErrPaginationLoop)
	assert.Len(t, got, ItemCap)
}

func TestMeta_NextPage(t *testing.T) {
	t.Parallel()
	var nilMeta *Meta
	assert.Zero(t, nilMeta.NextPage())
	assert.Zero(t, (&Meta{CurrentPage: 3}).NextPage())
	assert.Equal(t, 4, (&Meta{CurrentPage: 3, NextPageLink: "https://api.aircall.io/v1/calls?page=4&per_page=20"}).NextPage())
	assert.Equal(t, 4, (&Meta{CurrentPage: 3, NextPageLink: "https://api.aircall.io/v1/calls?cursor=abc"}).NextPage(), "unreadable page: current+1")
	assert.Equal(t, 4, (&Meta{CurrentPage: 3, NextPageLink: "::not a url"}).NextPage())
}

func TestCollect(t *testing.T) {
	t.Parallel()
	boom := fmt.Errorf("boom")
	seq := func(yield func(int, error) bool) {
		_ = yield(1, nil) && yield(2, nil) && yield(0, boom) && yield(3, nil)
	}
	got, err := Collect(iter.Seq2[int, error](seq))
	assert.Equal(t, []int{1, 2}, got)
	assert.ErrorIs(t, err, boom)
}

func TestPaginateCursor(t *testing.T) {
	t.Parallel()
	pages := map[string]struct {
		items []int
		next  string
	}{"": {[]int{1, 2}, "a"}, "a": {[]int{3}, "b"}, "b": {[]int{4, 5}, ""}}
	var calls int
	fetch := func(ctx context.Context, cursor string) ([]*int, string, error) {
		calls++
		p := pages[cursor]
		out := make([]*int, len(p.items))
		for i := range p.items {
			out[i] = &p.items[i]
		}
		return out, p.next, nil
	}
	var got []int
	for v, err := range paginateCursor(t.Context(), fetch) {
		require.NoError(t, err)
		got = append(got, *v)
	}
	assert.Equal(t, []int{1, 2, 3, 4, 5}, got)
	assert.Equal(t, 3, calls)

	loop := func(ctx context.Context, cursor string) ([]*int, string, error) { return nil, "same", nil }
	_, err := Collect(paginateCursor(t.Context(), loop))
	assert.ErrorIs(t, err, ErrPaginationLoop)

	boom := fmt.Errorf("boom")
	failing := func(ctx context.Context, cursor string) ([]*int, string, error) { return nil, "", boom }
	_, err = Collect(paginateCursor(t.Context(), failing))
	assert.ErrorIs(t, err, boom)

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err = Collect(paginateCursor(ctx, fetch))
	assert.ErrorIs(t, err, context.Canceled)
}

func TestListIter_nextLinkThatNeverEnds(t *testing.T) {
	t.Parallel()
	t.Run("past meta.total", func(t *testing.T) {
		t.Parallel()
		c, mux := setup(t)
		var requests atomic.Int32
		mux.HandleFunc("GET /v1/items", func(w http.ResponseWriter, r *http.Request) {
			requests.Add(1)
			page, _ := strconv.Atoi(r.URL.Query().Get("page"))
			items := `[]`
			if page == 1 {
				items = `[{"id":1},{"id":2}]`
			}
			writeJSON(w, 200, fmt.Sprintf(`{"items":%s,"meta":{"total":2,"current_page":%d,"per_page":50,"next_page_link":"https://api.aircall.io/v1/items?page=%d"}}`, items, page, page+1))
		})
		got, err := Collect(iterItems(t.Context(), c, nil, false))
		assert.ErrorIs(t, err, ErrPaginationLoop)
		assert.Equal(t, []int64{1, 2}, ids(got))
		assert.EqualValues(t, 2, requests.Load(), "page 2 starts past meta.total yet has a next page: stop")
	})
	t.Run("empty pages without a total", func(t *testing.T) {
		t.Parallel()
		c, mux := setup(t)
		var requests atomic.Int32
		mux.HandleFunc("GET /v1/items", func(w http.ResponseWriter, r *http.Request) {
			requests.Add(1)
			page, _ := strconv.Atoi(r.URL.Query().Get("page"))
			writeJSON(w, 200, fmt.Sprintf(`{"items":[],"meta":{"current_page":%d,"next_page_link":"https://api.aircall.io/v1/items?page=%d"}}`, page, page+1))
		})
		_, err := Collect(iterItems(t.Context(), c, nil, false))
		assert.ErrorIs(t, err, ErrPaginationLoop)
		assert.EqualValues(t, maxEmptyPages, requests.Load())
	})
	t.Run("keyset with a bound the API ignores", func(t *testing.T) {
		t.Parallel()
		c, mux := setup(t)
		var requests atomic.Int32
		mux.HandleFunc("GET /v1/items", func(w http.ResponseWriter, r *http.Request) {
			requests.Add(1) // always the same page, whatever from says
			writeJSON(w, 200, `{"items":[{"id":1,"created_at":1600000000},{"id":2,"created_at":1600000001}],"meta":{"total":4,"current_page":1,"next_page_link":"https://api.aircall.io/v1/items?page=2"}}`)
		})
		got, err := Collect(iterItems(t.Context(), c, nil, true))
		assert.ErrorIs(t, err, ErrPaginationLoop)
		assert.Equal(t, []int64{1, 2}, ids(got), "nothing twice")
		assert.LessOrEqual(t, requests.Load(), int32(ItemCap/IterPerPage+2))
	})
}
