package aircall

import (
	"context"
	"fmt"
	"iter"
	"net/url"
	"strconv"
	"time"
)

const (
	// MaxPerPage is the largest page size the API accepts on its paginated endpoints.
	MaxPerPage = 50
	// IterPerPage is the page size ListIter and SearchIter ask for unless told otherwise.
	IterPerPage = 50
	// ItemCap is how many calls or contacts one listing can reach by paging;
	// past it the API answers 400 (see ErrPageLimitExceeded).
	ItemCap = 10000
)

// ListOptions selects one page of a paginated endpoint.
type ListOptions struct {
	// Page is the page to fetch, starting at 1 (the API's default).
	Page int `url:"page,omitempty"`
	// PerPage is the number of results per page: 1 to 50. The API defaults to
	// 20; ListIter and SearchIter ask for 50.
	PerPage int `url:"per_page,omitempty"`
}

func (o ListOptions) validate(maxPerPage int) error {
	if o.Page < 0 {
		return &ArgError{Arg: "Page", Reason: "must not be negative"}
	}
	if o.PerPage != 0 && (o.PerPage < 1 || o.PerPage > maxPerPage) {
		return &ArgError{Arg: "PerPage", Reason: fmt.Sprintf("must be between 1 and %d, got %d", maxPerPage, o.PerPage)}
	}
	return nil
}

// listOptions gives the pager the paging part of any options struct: every
// options type embeds ListOptions, which promotes this method.
func (o *ListOptions) listOptions() *ListOptions { return o }

// pageable is an options struct embedding ListOptions.
type pageable interface{ listOptions() *ListOptions }

// Meta is the pagination block of list answers.
type Meta struct {
	// Count is the count of items present in the current page.
	Count int `json:"count"`
	// Total is the count of items in total, according to search params.
	Total int `json:"total"`
	// CurrentPage is the current page number.
	CurrentPage int `json:"current_page"`
	// PerPage is the number of results retrieved per page.
	PerPage int `json:"per_page"`
	// NextPageLink is the URL to follow to go to the next page results; "" on the last page.
	NextPageLink string `json:"next_page_link"`
	// PreviousPageLink is the URL to follow to go to the previous page results; "" on the first page.
	PreviousPageLink string `json:"previous_page_link"`
}

// NextPage returns the page number the next_page_link points at, or 0 when
// there is no next page. A link without a readable page parameter counts as
// CurrentPage+1.
func (m *Meta) NextPage() int {
	if m == nil || m.NextPageLink == "" {
		return 0
	}
	if u, err := url.Parse(m.NextPageLink); err == nil {
		if p, err := strconv.Atoi(u.Query().Get("page")); err == nil && p > 0 {
			return p
		}
	}
	return m.CurrentPage + 1
}

// Collect drains an iterator into a slice. On error it returns the items
// gathered so far together with the error.
func Collect[T any](seq iter.Seq2[T, error]) ([]T, error) {
	var out []T
	for v, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, v)
	}
	return out, nil
}

// pageQuery is what the pager asks of one page. From and To, when not zero,
// replace the caller's creation-time bounds (the time keyset sets them).
type pageQuery struct {
	ListOptions
	From, To time.Time
}

// cursor is where a listing stands: which page to ask for next, which items
// of a page were already yielded, and when the listing is over. pageCursor
// pages by number; timeKeyset (keyset.go) by creation time.
type cursor[T any] interface {
	query() pageQuery
	// pageMeta reads the pagination block of a page before its items.
	pageMeta(meta *Meta)
	// keep reports whether it is new and, if so, records it as yielded.
	keep(it *T) bool
	// next moves past a page of n items: done at the end, or an error.
	next(n int, meta *Meta) (done bool, err error)
}

// paginate is the one lazy pager loop: fetch the page the cursor asks for,
// yield the items it keeps, move on until it says done. An error is yielded
// once and ends the iteration.
func paginate[T any](ctx context.Context, c cursor[T], fetch func(context.Context, pageQuery) ([]*T, *Response, error)) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		for {
			if err := ctx.Err(); err != nil {
				yield(nil, err)
				return
			}
			items, resp, err := fetch(ctx, c.query())
			if err != nil {
				yield(nil, err)
				return
			}
			var meta *Meta
			if resp != nil {
				meta = resp.Meta
			}
			c.pageMeta(meta)
			for _, it := range items {
				if c.keep(it) && !yield(it, nil) {
					return
				}
			}
			if done, err := c.next(len(items), meta); err != nil || done {
				if err != nil {
					yield(nil, err)
				}
				return
			}
		}
	}
}

// listIter is the ListIter of every resource paged by number: it copies
// opts (never changing the caller's), checks the page size, and lists
// every page through list, the resource's one-page List.
func listIter[O any, PO interface {
	*O
	pageable
}, T any](ctx context.Context, opts PO, maxPerPage int, list func(context.Context, PO) ([]*T, *Response, error)) iter.Seq2[*T, error] {
	o := deref[O](opts)
	return func(yield func(*T, error) bool) {
		lo := *PO(&o).listOptions()
		if err := lo.validate(maxPerPage); err != nil {
			yield(nil, err)
			return
		}
		c := newPageCursor[T](lo, maxPerPage)
		for it, err := range paginate(ctx, cursor[T](c), func(ctx context.Context, q pageQuery) ([]*T, *Response, error) {
			page := o
			*PO(&page).listOptions() = q.ListOptions
			return list(ctx, &page)
		}) {
			if !yield(it, err) {
				return
			}
		}
	}
}

// deref copies *p, or gives the zero value when p is nil.
func deref[T any](p *T) T {
	var v T
	if p != nil {
		v = *p
	}
	return v
}

// pageCursor pages by number, following meta.next_page_link. A link that
// does not advance, that goes on past meta.total, or a run of empty pages
// ends the listing with ErrPaginationLoop.
type pageCursor[T any] struct {
	page, perPage int
	skip          int // items of the page already yielded (a resumed listing skips them)
	seen          int // items of the page looked at so far
	empty         int // empty pages in a row
	yielded       int
	total         int
}

func newPageCursor[T any](lo ListOptions, maxPerPage int) *pageCursor[T] {
	c := &pageCursor[T]{page: max(lo.Page, 1), perPage: lo.PerPage}
	if c.perPage == 0 {
		c.perPage = min(IterPerPage, maxPerPage)
	}
	return c
}

func (c *pageCursor[T]) query() pageQuery {
	c.seen = 0
	return pageQuery{ListOptions: ListOptions{Page: c.page, PerPage: c.perPage}}
}

func (c *pageCursor[T]) keep(*T) bool {
	if c.seen++; c.seen <= c.skip {
		return false
	}
	c.skip = c.seen
	c.yielded++
	return true
}

// maxEmptyPages is how many empty pages in a row a listing follows before
// deciding that its next_page_link never ends.
const maxEmptyPages = 3

func (c *pageCursor[T]) pageMeta(meta *Meta) {
	if meta != nil && meta.Total > 0 {
		c.total = meta.Total
	}
}

func (c *pageCursor[T]) next(n int, meta *Meta) (bool, error) {
	next := meta.NextPage()
	switch {
	case next == 0:
		return true, nil
	case next <= c.page:
		return false, fmt.Errorf("%w: page %d points back to page %d", ErrPaginationLoop, c.page, next)
	case meta.Total > 0 && (c.page-1)*c.perPage >= meta.Total:
		return false, fmt.Errorf("%w: page %d still has a next page past the %d items meta.total reports", ErrPaginationLoop, c.page, meta.Total)
	}
	c.empty++
	if n > 0 {
		c.empty = 0
	}
	if c.empty >= maxEmptyPages {
		return false, fmt.Errorf("%w: %d empty pages in a row still point to a next page", ErrPaginationLoop, c.empty)
	}
	c.page, c.skip = next, 0
	return false, nil
}

// paginateCursor is the pager of cursor-paginated endpoints (WhatsApp
// templates): fetch gets a cursor ("" for the first page) and returns the
// next one ("" on the last page). A cursor seen twice ends the iteration with
// ErrPaginationLoop.
func paginateCursor[T any](ctx context.Context,
	fetch func(ctx context.Context, cursor string) (items []*T, next string, err error)) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		cursor := ""
		seen := map[string]bool{}
		for {
			if err := ctx.Err(); err != nil {
				yield(nil, err)
				return
			}
			items, next, err := fetch(ctx, cursor)
			if err != nil {
				yield(nil, err)
				return
			}
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
			if next == "" {
				return
			}
			if seen[next] || next == cursor {
				yield(nil, fmt.Errorf("%w: cursor %q repeats", ErrPaginationLoop, next))
				return
			}
			seen[cursor] = true
			cursor = next
		}
	}
}
