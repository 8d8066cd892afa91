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
	// checkpoint says where the listing stands after the last item yielded;
	// "" when it cannot be resumed.
	checkpoint() string
	// progress is how many items were yielded and how many there are (0: unknown).
	progress() (yielded, total int, capped bool)
}

// openExport starts (or, from a checkpoint, resumes) listing resource.
func openExport(cl *aircall.Client, resource string, from, to time.Time, cp string) (exportSource, error) {
	if cp != "" {
		return nil, usagef("resuming an export needs the SDK's checkpoints (Pager), not in this build")
	}
	src := &iterSource{}
	switch resource {
	case "calls":
		opts := &aircall.CallListOptions{From: from, To: to}
		src.seq = func(ctx context.Context) iter.Seq2[any, error] { return anySeq(cl.Calls.ListIter(ctx, opts)) }
	default:
		opts := &aircall.ContactListOptions{From: from, To: to}
		src.seq = func(ctx context.Context) iter.Seq2[any, error] { return anySeq(cl.Contacts.ListIter(ctx, opts)) }
	}
	return src, nil
}

type iterSource struct {
	seq func(context.Context) iter.Seq2[any, error]
	n   int
}

func (s *iterSource) items(ctx context.Context) iter.Seq2[any, error] {
	return func(yield func(any, error) bool) {
		for v, err := range s.seq(ctx) {
			if err == nil {
				s.n++
			}
			if !yield(v, err) {
				return
			}
		}
	}
}

func (s *iterSource) checkpoint() string                          { return "" }
func (s *iterSource) progress() (yielded, total int, capped bool) { return s.n, 0, false }

// anySeq turns a sequence of *T into a sequence of any.
func anySeq[T any](seq iter.Seq2[*T, error]) iter.Seq2[any, error] {
	return func(yield func(any, error) bool) {
		for v, err := range seq {
			if err != nil {
				yield(nil, err)
				return
			}
			if !yield(v, nil) {
				return
			}
		}
	}
}
