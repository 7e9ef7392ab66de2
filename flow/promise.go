// promise: core.async's promise-chan, a value delivered once and received
// by everyone, forever.
//
// Source: clojure.core.async/promise-chan and its promise-buffer: the first
// put is kept, later puts complete and are dropped; every take gets the
// kept value; closing before any put makes takes return nothing.
//
// Invariants:
//   - state moves once, from open to delivered or closed, under mu; val is
//     written before, and never after, done is closed.
//   - done is closed exactly when state leaves open; after that Recv never
//     blocks.
package flow

import (
	"context"
	"sync"

	"github.com/hoare-go/hoare/mpmc"
)

// A Promise holds at most one value: the first delivered. Every receiver,
// before or after the delivery, gets that value. The zero value is not
// usable; make one with NewPromise.
//
// A Promise is not an *mpmc.Chan, so it cannot be a case of an alt select
// (package select). To wait on it together with other channels, use Done, a
// native channel closed once the promise holds its value or is closed, in a
// native select, and then TryRecv (which no longer blocks) for the value.
// For an alt select, hand the value over to a channel of capacity 1 and
// select on that:
//
//	c := mpmc.New[T](1)
//	p.RecvAsync(func(v T, ok bool) {
//		if ok {
//			c.TrySend(v) // succeeds: c is empty and open
//		}
//		c.Close()
//	})
//	alt.Fair(alt.Recv(c, func(v T, ok bool) { ... }), ...)
//
// (ok == false in that case means the promise was closed empty).
type Promise[T any] struct {
	mu      sync.Mutex
	state   uint8         // open, delivered or closed (guarded by mu)
	val     T             // the value, once delivered
	done    chan struct{} // closed when delivered or closed
	waiters []func(T, bool)
}

const (
	promiseOpen = iota
	promiseDelivered
	promiseClosed
)

// NewPromise returns an empty promise.
//
// Who closes what: the caller. Deliver or Close ends the promise (and closes
// Done's channel), and nothing else does: a promise starts no goroutine,
// and one neither delivered nor closed keeps its receivers waiting, and
// holds its RecvAsync callbacks, for ever.
func NewPromise[T any]() *Promise[T] {
	return &Promise[T]{done: make(chan struct{})}
}

// Deliver sets the promise's value if it has none yet and is not closed,
// and reports whether it did. Later deliveries are dropped, as puts on a
// core.async promise-chan are; they never block and never panic.
func (p *Promise[T]) Deliver(v T) bool {
	p.mu.Lock()
	if p.state != promiseOpen {
		p.mu.Unlock()
		return false
	}
	p.val, p.state = v, promiseDelivered
	ws := p.waiters
	p.waiters = nil
	close(p.done)
	p.mu.Unlock()
	for _, w := range ws {
		w(v, true)
	}
	return true
}

// Close closes an empty promise: receivers get ok == false from then on.
// Closing a promise that holds a value changes nothing (receivers still get
// the value, as with core.async's promise-chan); closing twice is allowed.
func (p *Promise[T]) Close() {
	p.mu.Lock()
	if p.state != promiseOpen {
		p.mu.Unlock()
		return
	}
	p.state = promiseClosed
	ws := p.waiters
	p.waiters = nil
	close(p.done)
	p.mu.Unlock()
	var zero T
	for _, w := range ws {
		w(zero, false)
	}
}

// Recv waits for the promise's value. ok is false when it was closed
// empty.
func (p *Promise[T]) Recv() (v T, ok bool) {
	<-p.done
	return p.val, p.state == promiseDelivered // done closed: state and val are final
}

// RecvContext waits for the promise's value, or returns ctx.Err() if ctx is
// done first, or mpmc.ErrClosed if the promise was closed empty.
func (p *Promise[T]) RecvContext(ctx context.Context) (T, error) {
	select {
	case <-p.done:
	default:
		select {
		case <-p.done:
		case <-ctx.Done():
			var zero T
			return zero, ctx.Err()
		}
	}
	if p.state != promiseDelivered {
		var zero T
		return zero, mpmc.ErrClosed
	}
	return p.val, nil
}

// TryRecv returns the value if there is one, mpmc.ErrClosed if the promise
// was closed empty, else mpmc.ErrWouldBlock.
func (p *Promise[T]) TryRecv() (T, error) {
	select {
	case <-p.done:
		if p.state == promiseDelivered {
			return p.val, nil
		}
		var zero T
		return zero, mpmc.ErrClosed
	default:
		var zero T
		return zero, mpmc.ErrWouldBlock
	}
}

// RecvAsync calls done with the value (ok true) or, if the promise is
// closed empty, with ok false: at once if that is known, else on the
// goroutine that delivers or closes. done must not block for long.
func (p *Promise[T]) RecvAsync(done func(v T, ok bool)) {
	p.mu.Lock()
	if p.state == promiseOpen {
		p.waiters = append(p.waiters, done)
		p.mu.Unlock()
		return
	}
	p.mu.Unlock()
	done(p.val, p.state == promiseDelivered)
}

// Done returns a native channel that is closed once the promise holds a
// value or is closed, for use in a native select.
func (p *Promise[T]) Done() <-chan struct{} { return p.done }
