package aircall

import (
	"context"
	"errors"
	"sync"
)

// flightGroup runs one function per key at a time: callers asking for a key
// already in flight wait for its result instead of running it again. The
// zero value is ready to use.
type flightGroup[T any] struct {
	mu      sync.Mutex
	flights map[string]*flight[T]
}

type flight[T any] struct {
	done chan struct{}
	val  T
	err  error
}

// do runs fn for key, or waits for the run in flight. A waiter whose ctx
// ends returns ctx's error; a run that ended with its own caller's context
// error is not shared: the waiter runs fn itself.
func (g *flightGroup[T]) do(ctx context.Context, key string, fn func() (T, error)) (T, error) {
	for {
		g.mu.Lock()
		if g.flights == nil {
			g.flights = map[string]*flight[T]{}
		}
		if f, ok := g.flights[key]; ok {
			g.mu.Unlock()
			select {
			case <-ctx.Done():
				var zero T
				return zero, ctx.Err()
			case <-f.done:
			}
			if errors.Is(f.err, context.Canceled) || errors.Is(f.err, context.DeadlineExceeded) {
				continue // the leader gave up; try again under our own ctx
			}
			return f.val, f.err
		}
		f := &flight[T]{done: make(chan struct{})}
		g.flights[key] = f
		g.mu.Unlock()

		f.val, f.err = fn()
		g.mu.Lock()
		delete(g.flights, key)
		g.mu.Unlock()
		close(f.done)
		return f.val, f.err
	}
}
