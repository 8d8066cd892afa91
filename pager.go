package aircall

import (
	"context"
	"iter"
	"sync"
	"time"
)

// Pager lists calls or contacts (CallsService.ListPager and SearchPager,
// ContactsService.ListPager and SearchPager) and can tell, after any item it
// yielded, where it stands: Checkpoint to go on later from there, Progress
// to show how far it is.
//
// A listing ordered by creation time (all calls listings; contacts unless
// OrderBy is "updated_at") is exact while data changes: its window ends
// when the Pager is made (To is pinned to that time, unless earlier), and
// it moves through it by creation time, not by page number. Every item
// present for the whole listing is yielded exactly once, whatever is
// created or deleted meanwhile, in either order and past the API's
// 10,000-item cap. Items created after the Pager was made (by this
// machine's clock, to the second) are not listed; a Pager resumed from a
// checkpoint keeps the window of the listing that made it.
// Contacts ordered by "updated_at" are paged by number: changes during the
// listing can shift them, and paging stops at the cap with
// ErrPageLimitExceeded.
//
// Checkpoint and Progress may be called from any goroutine; All is meant
// for one goroutine at a time.
type Pager[T any] struct {
	mu    sync.Mutex
	c     pagerCursor[T]
	fetch func(context.Context, pageQuery) ([]*T, *Response, error)
	res   string
	fp    string
	to    int64
	done  bool
}

// Progress is how far a listing has gone, known without an extra request.
type Progress struct {
	// Yielded counts the items yielded so far, including those yielded
	// before the checkpoint the listing was resumed from.
	Yielded int
	// Total is how many items the whole listing holds: what the API reported
	// for what was left (meta.total of the last page) plus what was yielded
	// before it. It is 0 until the first page, changes as items are created
	// or deleted, and equals Yielded once the listing is over.
	Total int
	// TotalCapped reports that the API's count of what is left reached the
	// 10,000-item cap, where it may stop counting: Total is then a lower
	// bound, exact again once fewer than 10,000 items are left.
	TotalCapped bool
}

// Percent is Yielded as a share of Total, from 0 to 100 (0 while Total is
// unknown).
func (p Progress) Percent() float64 {
	if p.Total <= 0 {
		return 0
	}
	return min(100, 100*float64(p.Yielded)/float64(p.Total))
}

// pagerCursor is a cursor that can be saved in a Checkpoint.
type pagerCursor[T any] interface {
	cursor[T]
	save(*listState)
	progress() Progress
}

// All iterates over the items of the listing not yet yielded: from the
// checkpoint the Pager was made from, or from where a previous All of the
// same Pager stopped (a break, an error, a cancelled ctx). Pages are fetched
// lazily as the loop advances; an error is yielded once and ends the
// iteration.
func (p *Pager[T]) All(ctx context.Context) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		p.mu.Lock()
		done := p.done
		p.mu.Unlock()
		if done {
			return
		}
		for it, err := range paginate(ctx, cursor[T](lockedCursor[T]{p}), p.fetch) {
			if !yield(it, err) {
				return
			}
		}
	}
}

// Checkpoint returns where the listing stands: resuming from it yields
// every item not yet yielded. Called inside the loop of All, it counts the
// item just yielded as done.
func (p *Pager[T]) Checkpoint() Checkpoint {
	p.mu.Lock()
	defer p.mu.Unlock()
	s := listState{Res: p.res, Opts: p.fp, To: p.to, Done: p.done}
	p.c.save(&s)
	return s.encode()
}

// Progress returns how far the listing has gone.
func (p *Pager[T]) Progress() Progress {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.c.progress()
}

// lockedCursor runs the Pager's cursor under its lock, so that Checkpoint
// and Progress can be called while All runs.
type lockedCursor[T any] struct{ p *Pager[T] }

func (l lockedCursor[T]) query() pageQuery {
	l.p.mu.Lock()
	defer l.p.mu.Unlock()
	return l.p.c.query()
}

func (l lockedCursor[T]) pageMeta(meta *Meta) {
	l.p.mu.Lock()
	defer l.p.mu.Unlock()
	l.p.c.pageMeta(meta)
}

func (l lockedCursor[T]) keep(it *T) bool {
	l.p.mu.Lock()
	defer l.p.mu.Unlock()
	return l.p.c.keep(it)
}

func (l lockedCursor[T]) next(n int, meta *Meta) (bool, error) {
	l.p.mu.Lock()
	defer l.p.mu.Unlock()
	done, err := l.p.c.next(n, meta)
	l.p.done = done
	return done, err
}

// timeOrdered is an options struct of a listing with creation-time bounds.
type timeOrdered interface {
	pageable
	validate() error
	// window gives the creation-time bounds and the order.
	window() (from, to *time.Time, order *string)
	// byCreation reports whether the listing is ordered by creation time.
	byCreation() bool
}

// pagerSpec is what newPager needs to know of a listing.
type pagerSpec[T any] struct {
	res  string                                 // "calls.list", "contacts.search"...
	key  func(*T) (id int64, created time.Time) // what the time keyset orders by
	from Checkpoint
	now  time.Time
	// extend continues a finished listing (its checkpoint says done) with
	// its window's end moved to now: what a sync's next poll lists.
	extend bool
}

// newPager makes the Pager of a listing: list is its one-page List or
// Search, opts the caller's options (copied), spec.from where to resume.
func newPager[O any, PO interface {
	*O
	timeOrdered
}, T any](opts PO, spec pagerSpec[T], list func(context.Context, PO) ([]*T, *Response, error)) (*Pager[T], error) {
	var o O
	if opts != nil {
		o = *opts
	}
	po := PO(&o)
	if err := po.validate(); err != nil {
		return nil, err
	}
	lo := po.listOptions()
	if lo.PerPage == 0 {
		lo.PerPage = IterPerPage
	}
	from, to, order := po.window()
	if *order == "" && po.byCreation() {
		*order = "asc" // the API's default order is by id: ask for creation time
	}
	fpOpts := o
	*PO(&fpOpts).listOptions() = ListOptions{PerPage: lo.PerPage}
	fp, err := fingerprint(PO(&fpOpts))
	if err != nil {
		return nil, err
	}
	st := &listState{Res: spec.res, Opts: fp, Page: lo.Page}
	if spec.from != "" {
		if st, err = decodeCheckpoint(spec.from, spec.res, fp); err != nil {
			return nil, err
		}
		if spec.extend && st.Done {
			st.Done, st.To, st.Page, st.Total = false, pinnedTo(*from, *to, spec.now), 1, st.Yielded
		}
	} else {
		st.To = pinnedTo(*from, *to, spec.now)
	}
	if st.To != 0 {
		*to = time.Unix(st.To, 0)
	}
	p := &Pager[T]{res: spec.res, fp: fp, to: st.To, done: st.Done}
	if po.byCreation() {
		p.c = &timeKeyset[T]{desc: *order == "desc", key: spec.key, perPage: lo.PerPage, from: *from, to: *to,
			has: st.Has, bound: st.Bound, atBound: st.IDs, before: st.Before, run: st.Page,
			yielded: st.Yielded, total: st.Total, capped: st.Capped}
	} else {
		c := newPageCursor[T](ListOptions{Page: st.Page, PerPage: lo.PerPage}, MaxPerPage)
		c.skip, c.yielded, c.total = st.Skip, st.Yielded, st.Total
		p.c = c
	}
	p.fetch = func(ctx context.Context, q pageQuery) ([]*T, *Response, error) {
		page := o
		pf, pt, _ := PO(&page).window()
		*PO(&page).listOptions() = q.ListOptions
		if !q.From.IsZero() {
			*pf = q.From
		}
		if !q.To.IsZero() {
			*pt = q.To
		}
		return list(ctx, &page)
	}
	return p, nil
}

// pinnedTo is the end of a listing's window: now (to the second), or the
// caller's To when earlier, never before From.
func pinnedTo(from, to, now time.Time) int64 {
	end := now.Unix()
	if !to.IsZero() && to.Unix() < end {
		end = to.Unix()
	}
	if !from.IsZero() && from.Unix() > end {
		end = from.Unix()
	}
	return end
}

// pagerIter is the ListIter or SearchIter of a Pager-backed listing: every
// range makes a new Pager (so starts afresh, pinning its window then) and
// yields its items; an error making it is yielded once.
func pagerIter[T any](ctx context.Context, newPager func() (*Pager[T], error)) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		p, err := newPager()
		if err != nil {
			yield(nil, err)
			return
		}
		for it, err := range p.All(ctx) {
			if !yield(it, err) {
				return
			}
		}
	}
}

func (k *timeKeyset[T]) save(s *listState) {
	s.Has, s.Bound, s.IDs, s.Before, s.Page = k.has, k.bound, k.atBound, k.before, k.run
	s.Yielded, s.Total, s.Capped = k.yielded, k.total, k.capped
}

func (c *pageCursor[T]) save(s *listState) {
	s.Page, s.Skip, s.Yielded, s.Total = c.page, c.skip, c.yielded, c.total
}

func (c *pageCursor[T]) progress() Progress {
	return Progress{Yielded: c.yielded, Total: max(c.total, c.yielded)}
}
