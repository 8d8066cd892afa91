package aircall

import (
	"context"
	"errors"
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
// replace the caller's bounds: the cap workaround sets them when it restarts
// a listing past ItemCap.
type pageQuery struct {
	ListOptions
	From time.Time
	To   time.Time
}

// apply copies the page and any replacement bounds onto a caller's options.
func (q pageQuery) apply(lo *ListOptions, from, to *time.Time) {
	*lo = q.ListOptions
	if !q.From.IsZero() {
		*from = q.From
	}
	if !q.To.IsZero() {
		*to = q.To
	}
}

// capWindow switches on the 10,000-item cap workaround of a listing ordered
// by creation time: key gives an item's id and creation time. In ascending
// order the listing restarts with from = the last creation time seen, in
// descending order with to = that time, and ids already yielded at that exact
// time are skipped, so every item comes out once.
type capWindow[T any] struct {
	descending bool
	key        func(*T) (id int64, created time.Time)
}

// paginate is the one lazy pager behind every ListIter: nothing is fetched
// until the caller ranges, each range starts again from lo, pages advance
// while meta.next_page_link is set, an error is yielded once and ends the
// iteration, and a page that does not advance ends it with ErrPaginationLoop.
func paginate[T any](ctx context.Context, lo ListOptions, maxPerPage int, w *capWindow[T],
	fetch func(context.Context, pageQuery) ([]*T, *Response, error)) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		if err := lo.validate(maxPerPage); err != nil {
			yield(nil, err)
			return
		}
		q := pageQuery{ListOptions: lo}
		if q.Page == 0 {
			q.Page = 1
		}
		if q.PerPage == 0 {
			q.PerPage = min(IterPerPage, maxPerPage)
		}
		var (
			boundary time.Time          // latest (or earliest, descending) creation time yielded
			atBound  = map[int64]bool{} // ids yielded at exactly boundary
			fresh    int                // items yielded since the last restart
		)
		restart := func() error {
			if fresh == 0 {
				return fmt.Errorf("%w: more than %d items share the creation time %s", ErrPaginationLoop, ItemCap, boundary.UTC().Format(time.RFC3339))
			}
			if w.descending {
				q.To = boundary
			} else {
				q.From = boundary
			}
			q.Page, fresh = 1, 0
			return nil
		}
		for {
			if err := ctx.Err(); err != nil {
				yield(nil, err)
				return
			}
			if w != nil && q.Page > 1 && (q.Page-1)*q.PerPage >= ItemCap {
				if err := restart(); err != nil {
					yield(nil, err)
					return
				}
			}
			items, resp, err := fetch(ctx, q)
			if err != nil {
				if w != nil && q.Page > 1 && errors.Is(err, ErrPageLimitExceeded) {
					if rerr := restart(); rerr == nil {
						continue
					}
				}
				yield(nil, err)
				return
			}
			for _, it := range items {
				if w != nil {
					id, at := w.key(it)
					if at.Equal(boundary) && atBound[id] {
						continue // already yielded before a restart
					}
					if !at.Equal(boundary) && (boundary.IsZero() || at.After(boundary) != w.descending) {
						boundary = at
						clear(atBound)
					}
					if at.Equal(boundary) {
						atBound[id] = true
					}
					fresh++
				}
				if !yield(it, nil) {
					return
				}
			}
			var meta *Meta
			if resp != nil {
				meta = resp.Meta
			}
			next := meta.NextPage()
			if next == 0 {
				return
			}
			if next <= q.Page {
				yield(nil, fmt.Errorf("%w: page %d points back to page %d", ErrPaginationLoop, q.Page, next))
				return
			}
			q.Page = next
		}
	}
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
