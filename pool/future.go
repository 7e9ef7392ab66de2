// future: a task's result, typed, delivered once.
//
// Invariants:
//   - val and err are written once, by the task's worker (or by Go itself if
//     the task was refused), before done is closed; readers read them only
//     after done is closed, so close(done) is the hand-off.

package pool

import (
	"context"
	"runtime/debug"
)

// Future is the pending result of a task started with Go.
type Future[T any] struct {
	done chan struct{} // closed when val and err are set
	val  T
	err  error
}

// Go runs f on p and returns its future result. Like Submit it blocks while
// the queues are full. If p is closed the future is already done, with
// ErrClosed. A panic in f becomes a *PanicError result, and a
// runtime.Goexit in f ErrGoexit.
func Go[T any](p *Pool, f func() (T, error)) *Future[T] {
	fu := &Future[T]{done: make(chan struct{})}
	err := p.Submit(func() {
		returned := false
		defer func() {
			switch r := recover(); {
			case r != nil:
				fu.err = &PanicError{Value: r, Stack: debug.Stack()}
			case !returned:
				fu.err = ErrGoexit // counted in Metrics.Panics, as the worker it ends
			}
			if fu.err != nil && fu.err != ErrGoexit {
				p.errs.Add(1) // Metrics.Errors
			}
			close(fu.done) // publishes val and err
		}()
		fu.val, fu.err = f()
		returned = true
	})
	if err != nil {
		fu.err = err
		close(fu.done)
	}
	return fu
}

// Wait blocks until the task has run and returns its result.
func (f *Future[T]) Wait() (T, error) {
	<-f.done
	return f.val, f.err
}

// WaitContext is Wait that gives up when ctx is done, returning ctx.Err()
// (the task still runs). A result that is ready is returned even when ctx
// is done too, as mpmc's RecvContext returns a value that is there.
func (f *Future[T]) WaitContext(ctx context.Context) (T, error) {
	select {
	case <-f.done:
		return f.val, f.err
	case <-ctx.Done():
		select {
		case <-f.done: // both ready: the result, which a random choice could hide
			return f.val, f.err
		default:
		}
		var zero T
		return zero, ctx.Err()
	}
}

// Done returns a channel closed when the result is ready.
func (f *Future[T]) Done() <-chan struct{} { return f.done }
