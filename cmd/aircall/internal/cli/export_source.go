package cli

import (
	"context"
	"iter"
	"time"

	"github.com/aircall-go/aircall"
)

// exportSource pages through the calls or contacts of an export.
type exportSource interface {
	// items yields the items not exported yet, as *aircall.Call or *aircall.Contact.
	items(ctx context.Context) iter.Seq2[any, error]
	// checkpoint says where the listing stands after the last item yielded.
	checkpoint() string
	// progress is how many items were yielded and how many there are (0: unknown).
	progress() (yielded, total int, capped bool)
}

// openExport starts (or, from a checkpoint, resumes) listing resource with
// the SDK's Pager, which goes past the 10,000-item cap and resumes exactly.
func openExport(cl *aircall.Client, resource string, from, to time.Time, cp string) (exportSource, error) {
	if resource == "calls" {
		p, err := cl.Calls.ListPager(&aircall.CallListOptions{From: from, To: to}, aircall.Checkpoint(cp))
		if err != nil {
			return nil, err
		}
		return pagerSource[aircall.Call]{p}, nil
	}
	p, err := cl.Contacts.ListPager(&aircall.ContactListOptions{From: from, To: to}, aircall.Checkpoint(cp))
	if err != nil {
		return nil, err
	}
	return pagerSource[aircall.Contact]{p}, nil
}

// pagerSource is an exportSource on an SDK Pager.
type pagerSource[T any] struct{ p *aircall.Pager[T] }

func (s pagerSource[T]) items(ctx context.Context) iter.Seq2[any, error] {
	return func(yield func(any, error) bool) {
		for v, err := range s.p.All(ctx) {
			if !yield(v, err) {
				return
			}
		}
	}
}

func (s pagerSource[T]) checkpoint() string { return string(s.p.Checkpoint()) }

func (s pagerSource[T]) progress() (yielded, total int, capped bool) {
	pr := s.p.Progress()
	return pr.Yielded, pr.Total, pr.TotalCapped
}
