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
