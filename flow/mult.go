// mult: core.async's mult, one channel copied to many.
//
// Source: clojure.core.async/mult, tap, untap, untap-all. The delivery is
// fanout.go's; this file is the goroutine that feeds it from the source.
//
// Invariants:
//   - Every value taken from the source is offered to every tap present when
//     it is taken, and the next value is taken only once every one of them
//     has accepted it (or was found closed and removed).
//   - With no taps, values are taken and dropped, so the source never
//     blocks on a Mult.
//   - One goroutine per Mult; it ends when the source is closed and drained
//     or ctx is done.
package flow

import (
	"context"

	"github.com/hoare-go/hoare/mpmc"
)

// A Mult copies every value of a source channel to each of its taps. Make
// one with NewMult; add taps with Tap.
type Mult[T any] struct {
	f *fanout[T]
}

// NewMult starts taking values from in and copying each to every tap. Each
// value is accepted by every tap before the next is taken, so a slow tap
// slows the others (give it a buffer, or a Dropping or Sliding channel, if
// it must not). A tap found closed is removed, without blocking the
// others. With no taps the values are dropped.
//
// Who closes what: when in is closed and drained, the Mult closes the taps
// that were added with close == true, after they accepted every value. When
// ctx is done it stops at once and closes those taps. It never closes in.
func NewMult[T any](ctx context.Context, in *mpmc.Chan[T]) *Mult[T] {
	mustChan("NewMult", "in", in)
	m := &Mult[T]{f: newFanout[T](0)}
	go func() {
		for {
			v, err := recvCtx(ctx, in)
			if err != nil {
				break
			}
			if m.f.put(ctx, v) != nil || m.f.settle(ctx) != nil {
				break
			}
		}
		m.f.stop(true, ctx.Err() != nil)
	}()
	return m
}

// Tap adds ch to the Mult's taps and returns ch; from the next value taken
// from the source, ch gets a copy of each. With close true the Mult closes
// ch when the source closes (and at once if it has closed already). Tapping
// a channel twice only updates its close flag.
func (m *Mult[T]) Tap(ch *mpmc.Chan[T], close bool) *mpmc.Chan[T] {
	mustChan("Mult.Tap", "ch", ch)
	m.f.add(ch, close)
	return ch
}

// Untap removes ch from the Mult's taps; it gets no value taken after this
// call. Untap does not close ch. A value offered to ch before the call must
// still be accepted by it (received, or ch closed) before the Mult offers
// the next, as in core.async, where the tap's put! stays pending.
func (m *Mult[T]) Untap(ch *mpmc.Chan[T]) { m.f.remove(ch, nil) }

// UntapAll removes every tap, closing none.
func (m *Mult[T]) UntapAll() { m.f.removeAll() }
