// Package chantest is the conformance suite every channel implementation in
// hoare runs, native chan included, so that each expectation is first proven
// against Go's own semantics and only then demanded of mpmc.Chan.
//
// Source: the behaviours of golang/go's runtime/chan_test.go (TestChan) and
// test/chan/*.go, restated over a small adapter interface, in the manner of
// crossbeam-channel's tests/golang.rs.
//
// Invariants:
//   - Every case runs the same code against every implementation; a case
//     that an implementation cannot express (native chan has no async API)
//     does not belong here.
//   - Native behaviour is the reference: where native panics the adapter
//     panics too, and where the hoare API returns an error the native adapter
//     returns the same sentinel (ErrClosed, ErrWouldBlock defined here), so
//     an adapter over mpmc translates mpmc's sentinels into these.
//   - Every case leaves no goroutine behind; Run checks that after each case.
package chantest

import (
	"context"
	"errors"
	"iter"
)

// ErrClosed is what an adapter returns when the channel is closed (for a
// receive: closed and drained). Adapters over mpmc map mpmc.ErrClosed to it.
var ErrClosed = errors.New("chantest: closed")

// ErrWouldBlock is what an adapter's Try operations return when they cannot
// complete now. Adapters over mpmc map mpmc.ErrWouldBlock to it.
var ErrWouldBlock = errors.New("chantest: would block")

// Ops is the channel under test, with the method set of mpmc.Chan[T]
// (without the async operations, which native chan lacks).
type Ops[T any] interface {
	Send(v T)                                   // blocks; panics if closed
	Recv() (T, bool)                            // blocks; ok == false once closed and drained
	Close()                                     // panics if already closed
	TrySend(v T) error                          // nil | ErrWouldBlock | ErrClosed
	TryRecv() (T, error)                        // nil | ErrWouldBlock | ErrClosed
	SendContext(ctx context.Context, v T) error // nil | ctx.Err() | ErrClosed
	RecvContext(ctx context.Context) (T, error) // nil | ctx.Err() | ErrClosed
	Len() int                                   // values buffered now
	Cap() int                                   // capacity given at creation
	All() iter.Seq[T]                           // for v := range c.All(): until closed and drained
}

// Chan is the int channel the conformance suite drives.
type Chan = Ops[int]

// Native adapts a native chan T to Ops[T]. It is the reference
// implementation: each of its methods is the plain Go statement.
type Native[T any] struct {
	c chan T
}

// NewNative returns a Native over make(chan T, capacity).
func NewNative[T any](capacity int) *Native[T] {
	return &Native[T]{c: make(chan T, capacity)}
}

// IsNative marks the reference adapter, for the cases that native chan
// cannot run under the race detector (see RaceEnabled).
func (n *Native[T]) IsNative() {}

// Send is c <- v.
func (n *Native[T]) Send(v T) { n.c <- v }

// Recv is v, ok := <-c.
func (n *Native[T]) Recv() (T, bool) {
	v, ok := <-n.c
	return v, ok
}

// Close is close(c).
func (n *Native[T]) Close() { close(n.c) }

// TrySend is select { case c <- v: default: }, with a send on a closed
// channel reported as ErrClosed instead of the native panic.
func (n *Native[T]) TrySend(v T) (err error) {
	defer func() {
		if recover() != nil {
			err = ErrClosed
		}
	}()
	select {
	case n.c <- v:
		return nil
	default:
		return ErrWouldBlock
	}
}

// TryRecv is select { case v, ok := <-c: default: }.
func (n *Native[T]) TryRecv() (T, error) {
	select {
	case v, ok := <-n.c:
		if !ok {
			return v, ErrClosed
		}
		return v, nil
	default:
		var zero T
		return zero, ErrWouldBlock
	}
}

// SendContext is select { case c <- v: case <-ctx.Done(): }, with a send on
// a closed channel (also one closed while blocked) reported as ErrClosed.
func (n *Native[T]) SendContext(ctx context.Context, v T) (err error) {
	defer func() {
		if recover() != nil {
			err = ErrClosed
		}
	}()
	select {
	case n.c <- v:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// RecvContext is select { case v, ok := <-c: case <-ctx.Done(): }.
func (n *Native[T]) RecvContext(ctx context.Context) (T, error) {
	select {
	case v, ok := <-n.c:
		if !ok {
			return v, ErrClosed
		}
		return v, nil
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}

// All is for v := range c, as an iterator.
func (n *Native[T]) All() iter.Seq[T] {
	return func(yield func(T) bool) {
		for v := range n.c {
			if !yield(v) {
				return
			}
		}
	}
}

// Len is len(c).
func (n *Native[T]) Len() int { return len(n.c) }

// Cap is cap(c).
func (n *Native[T]) Cap() int { return cap(n.c) }
