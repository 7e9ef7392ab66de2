// reduce: core.async's reduce and into, a channel folded to one value.
//
// Source: clojure.core.async/reduce, into.
//
// Invariants:
//   - f sees the values in the order they are received, each once; the
//     result is returned only after ch is closed and drained.
package flow

import (
	"context"

	"github.com/hoare-go/hoare/mpmc"
)

// Reduce receives every value of ch and folds it into acc with f, starting
// from init; it returns the result once ch is closed and drained, or the
// result so far and ctx.Err() if ctx is done first. core.async's reduce
// returns a channel; Reduce blocks, so run it in a goroutine for the same
// effect.
//
// Who closes what: Reduce closes nothing; ch must be closed by its
// producer for Reduce to return.
func Reduce[T, A any](ctx context.Context, f func(acc A, v T) A, init A, ch *mpmc.Chan[T]) (A, error) {
	mustFunc("Reduce", "f", f == nil)
	mustChan("Reduce", "ch", ch)
	return ReduceWhile(ctx, func(acc A, v T) (A, bool) { return f(acc, v), true }, init, ch)
}

// Into appends every value of ch to dst and returns it once ch is closed
// and drained, or what it has so far and ctx.Err() if ctx is done first.
//
// Who closes what: Into closes nothing.
func Into[T any](ctx context.Context, dst []T, ch *mpmc.Chan[T]) ([]T, error) {
	mustChan("Into", "ch", ch)
	return Reduce(ctx, func(acc []T, v T) []T { return append(acc, v) }, dst, ch)
}

// ReduceWhile is Reduce whose f can stop the fold, as core.async's reduce
// stops at a reduced value: when f returns false, ReduceWhile returns the
// accumulator f returned with it, at once, taking no further value from ch.
//
// Who closes what: ReduceWhile closes nothing.
func ReduceWhile[T, A any](ctx context.Context, f func(acc A, v T) (A, bool), init A, ch *mpmc.Chan[T]) (A, error) {
	mustFunc("ReduceWhile", "f", f == nil)
	mustChan("ReduceWhile", "ch", ch)
	acc := init
	for {
		v, err := recvCtx(ctx, ch)
		if err == mpmc.ErrClosed {
			return acc, nil
		}
		if err != nil {
			return acc, err
		}
		var more bool
		if acc, more = f(acc, v); !more {
			return acc, nil
		}
	}
}
