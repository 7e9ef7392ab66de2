// Conformance: the shared suite (internal/chantest) run against native chan
// and against mpmc.Chan, so each expectation is first proven on Go's own
// channels (impl=native) and then demanded of hoare's (impl=hoare).
//
// Source: internal/chantest (itself a restatement of golang/go
// runtime/chan_test.go TestChan and test/chan/*.go).
//
// Invariants:
//   - hoareOps adds nothing but error translation: mpmc.ErrClosed and
//     mpmc.ErrWouldBlock become chantest's sentinels (only when returned
//     exactly, so a wrapped or different error still fails the suite);
//     panics and context errors pass through untouched.
//   - implsFor is the one list of implementations the golang ports run on.
package mpmc_test

import (
	"context"
	"fmt"
	"iter"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/hoare-go/hoare/internal/chantest"
	"github.com/hoare-go/hoare/mpmc"
)

// hoareOps adapts *mpmc.Chan[T] to chantest.Ops[T].
type hoareOps[T any] struct {
	*mpmc.Chan[T]
}

// mapErr turns mpmc's sentinels into chantest's; anything else is returned
// as is.
func mapErr(err error) error {
	switch err {
	case mpmc.ErrClosed:
		return chantest.ErrClosed
	case mpmc.ErrWouldBlock:
		return chantest.ErrWouldBlock
	}
	return err
}

func (h hoareOps[T]) TrySend(v T) error { return mapErr(h.Chan.TrySend(v)) }

func (h hoareOps[T]) TryRecv() (T, error) {
	v, err := h.Chan.TryRecv()
	return v, mapErr(err)
}

func (h hoareOps[T]) SendContext(ctx context.Context, v T) error {
	return mapErr(h.Chan.SendContext(ctx, v))
}

func (h hoareOps[T]) RecvContext(ctx context.Context) (T, error) {
	v, err := h.Chan.RecvContext(ctx)
	return v, mapErr(err)
}

// asyncOps is hoareOps with Send, Recv and All made of SendAsync and
// RecvAsync plus a wait for the callback, so the whole suite also runs the
// callback paths (pending operations, completion by another goroutine or
// by Close) under native-chan expectations.
type asyncOps[T any] struct {
	hoareOps[T]
}

// Send is SendAsync and a wait for done; done(false) (closed first) is
// native's panic.
func (a asyncOps[T]) Send(v T) {
	done := make(chan bool, 1)
	a.Chan.SendAsync(v, func(ok bool) { done <- ok })
	if !<-done {
		panic("send on closed channel (SendAsync completed with false)")
	}
}

// Recv is RecvAsync and a wait for done.
func (a asyncOps[T]) Recv() (T, bool) {
	type res struct {
		v  T
		ok bool
	}
	done := make(chan res, 1)
	a.Chan.RecvAsync(func(v T, ok bool) { done <- res{v, ok} })
	r := <-done
	return r.v, r.ok
}

// All ranges over Recv.
func (a asyncOps[T]) All() iter.Seq[T] {
	return func(yield func(T) bool) {
		for {
			v, ok := a.Recv()
			if !ok || !yield(v) {
				return
			}
		}
	}
}

// batchOps is hoareOps with Send and Recv made of SendMany and RecvMany of
// one value, so the suite also runs the batch paths.
type batchOps[T any] struct {
	hoareOps[T]
}

// Send is SendMany of one value.
func (b batchOps[T]) Send(v T) { b.Chan.SendMany([]T{v}) }

// Recv is RecvMany into a one-value buffer; 0 values means closed and drained.
func (b batchOps[T]) Recv() (T, bool) {
	var buf [1]T
	if b.Chan.RecvMany(buf[:]) == 0 {
		return buf[0], false
	}
	return buf[0], true
}

// All ranges over Recv.
func (b batchOps[T]) All() iter.Seq[T] {
	return func(yield func(T) bool) {
		for {
			v, ok := b.Recv()
			if !ok || !yield(v) {
				return
			}
		}
	}
}

// impl is one channel implementation under a benchstat-style name.
type impl[T any] struct {
	name string
	mk   func(capacity int) chantest.Ops[T]
}

// implsFor lists the implementations every ported test runs on.
func implsFor[T any]() []impl[T] {
	return []impl[T]{
		{"impl=native", func(n int) chantest.Ops[T] { return chantest.NewNative[T](n) }},
		{"impl=hoare", func(n int) chantest.Ops[T] { return hoareOps[T]{mpmc.New[T](n)} }},
	}
}

// TestConformanceBatch runs the suite with Send and Recv made of SendMany
// and RecvMany (batchOps).
func TestConformanceBatch(t *testing.T) {
	chantest.Run(t, func(n int) chantest.Chan { return batchOps[int]{hoareOps[int]{mpmc.New[int](n)}} })
}

// TestConformanceAsync runs the suite with Send and Recv made of SendAsync
// and RecvAsync (asyncOps).
func TestConformanceAsync(t *testing.T) {
	chantest.Run(t, func(n int) chantest.Chan { return asyncOps[int]{hoareOps[int]{mpmc.New[int](n)}} })
}

// forImpls runs f as a subtest per implementation, with a leak check.
func forImpls[T any](t *testing.T, f func(t *testing.T, mk func(capacity int) chantest.Ops[T])) {
	for _, im := range implsFor[T]() {
		t.Run(im.name, func(t *testing.T) {
			chantest.NoLeaks(t)
			f(t, im.mk)
		})
	}
}

func TestConformance(t *testing.T) {
	for _, im := range implsFor[int]() {
		t.Run(im.name, func(t *testing.T) { chantest.Run(t, im.mk) })
	}
}

// A differential test: random single-goroutine sequences of the operations
// whose outcome is deterministic (no blocking, no select between a ready
// channel and a done context), run on native and hoare side by side; every
// outcome, panics included, must match.
func TestDifferentialSequential(t *testing.T) {
	type outcome struct {
		v     int
		ok    bool
		err   error
		panic bool
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for n := range 6 {
		for seq := range 50 {
			native := implsFor[int]()[0].mk(n)
			hoare := implsFor[int]()[1].mk(n)
			var log []string
			for step := range 200 {
				op := rng.IntN(10)
				if op == 9 && rng.IntN(8) != 0 {
					op = 0 // close rarely
				}
				v := step
				run := func(c chantest.Ops[int]) (o outcome) {
					defer func() {
						if recover() != nil {
							o.panic = true
						}
					}()
					switch op {
					case 0, 1:
						o.err = c.TrySend(v)
					case 2, 3:
						o.v, o.err = c.TryRecv()
					case 4:
						o.v, o.ok = c.Len(), true
					case 5:
						if c.Len() < c.Cap() { // room: Send does not block (or panics if closed)
							c.Send(v)
							o.ok = true
						}
					case 6:
						if c.Len() > 0 { // a value: Recv does not block
							o.v, o.ok = c.Recv()
						}
					case 7:
						if c.Len() > 0 {
							o.v, o.err = c.RecvContext(context.Background())
						}
					case 8:
						if c.Len() < c.Cap() {
							o.err = c.SendContext(context.Background(), v)
						}
					case 9:
						c.Close()
					}
					return o
				}
				a, b := run(native), run(hoare)
				log = append(log, fmt.Sprintf("op %d: native %+v hoare %+v", op, a, b))
				if a != b {
					t.Fatalf("cap %d seq %d step %d: outcomes differ\n%s", n, seq, step, strings.Join(log[max(0, len(log)-10):], "\n"))
				}
			}
		}
	}
}
