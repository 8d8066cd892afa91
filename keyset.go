package aircall

import (
	"fmt"
	"slices"
	"time"
)

// timeKeyset lists calls or contacts by creation time instead of by page
// number, which keeps a listing exact while data changes and takes it past
// the API's 10,000-item cap. Every page is asked for from the creation time
// of the last item yielded (from in ascending order, to in descending
// order), within a window pinned when the listing starts; items already
// yielded at that second are skipped. A creation or deletion elsewhere
// cannot shift what is left to list, so every item present for the whole
// listing comes out exactly once. Only when more than a page of items share
// one second does it page by number within that second (run > 1).
//
// The reference does not say whether from and to include their second, so
// the bound is asked for with one second of margin (from = bound-1, to =
// bound+1) and the items of that extra second, all yielded already, are
// skipped: exact either way, for a few items fetched twice per page.
type timeKeyset[T any] struct {
	desc     bool
	key      func(*T) (id int64, created time.Time)
	perPage  int
	from, to time.Time // the window: the caller's From, and To pinned at the start

	has     bool    // bound is set: at least one item was yielded
	bound   int64   // creation time (unix seconds) of the last item yielded
	atBound []int64 // ids yielded at bound
	before  int     // items yielded in the second just before bound (in the listing's order)
	run     int     // page number within the items from bound

	yielded int  // items yielded, including before a checkpoint
	total   int  // what the API last said the whole listing holds
	capped  bool // that total is at the cap, so maybe more

	askedHas     bool // the state when the page being read was asked for
	askedBound   int64
	askedAt      int
	askedYielded int
}

func (k *timeKeyset[T]) query() pageQuery {
	k.askedHas, k.askedBound, k.askedAt, k.askedYielded = k.has, k.bound, len(k.atBound)+k.before, k.yielded
	q := pageQuery{ListOptions: ListOptions{Page: max(k.run, 1), PerPage: k.perPage}, From: k.from, To: k.to}
	if k.has {
		if b := time.Unix(k.bound+1, 0); k.desc && (q.To.IsZero() || b.Before(q.To)) {
			q.To = b
		}
		if b := time.Unix(k.bound-1, 0); !k.desc && b.After(q.From) {
			q.From = b
		}
	}
	return q
}

func (k *timeKeyset[T]) keep(it *T) bool {
	id, t := k.key(it)
	at := t.Unix()
	if k.has {
		if at == k.bound && slices.Contains(k.atBound, id) {
			return false // yielded before
		}
		if (at < k.bound) != k.desc && at != k.bound {
			return false // behind the bound: outside what this page asked for
		}
	}
	if !k.has || at != k.bound {
		// The bound moves: the next page is asked for from it, page 1.
		k.before = 0
		if k.has && (at == k.bound+1 && !k.desc || at == k.bound-1 && k.desc) {
			k.before = len(k.atBound)
		}
		k.has, k.bound, k.atBound, k.run = true, at, k.atBound[:0], 1
	}
	k.atBound = append(k.atBound, id)
	k.yielded++
	return true
}

func (k *timeKeyset[T]) pageMeta(meta *Meta) {
	if meta != nil && meta.Total > 0 {
		// meta.total counts what is left from the bound, including the items
		// at the bound, and in the second of margin, already yielded.
		k.total = k.askedYielded + max(meta.Total-k.askedAt, 0)
		k.capped = meta.Total >= ItemCap
	}
}

func (k *timeKeyset[T]) next(_ int, meta *Meta) (bool, error) {
	if meta.NextPage() == 0 {
		k.total, k.capped = k.yielded, false
		return true, nil
	}
	if k.has != k.askedHas || k.bound != k.askedBound {
		return false, nil // the bound moved: keep sets run back to 1
	}
	k.run = max(k.run, 1) + 1
	if (k.run-1)*k.perPage >= ItemCap {
		return false, fmt.Errorf("%w: more than %d items share the creation time %s", ErrPaginationLoop,
			ItemCap, time.Unix(k.bound, 0).UTC().Format(time.RFC3339))
	}
	return false, nil
}

func (k *timeKeyset[T]) progress() Progress {
	return Progress{Yielded: k.yielded, Total: max(k.total, k.yielded), TotalCapped: k.capped}
}
