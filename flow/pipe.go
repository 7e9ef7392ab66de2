// pipe: core.async's pipe, one goroutine moving values from one channel to
// another.
//
// Source: clojure.core.async/pipe.
//
// Invariants:
//   - Values reach to in the order they left from; none is duplicated. A
//     value taken from from when to turns out to be closed is dropped, as in
//     core.async.
//   - The goroutine ends when from is closed and drained, when to is closed,
//     or when ctx is done; it never closes from.
package flow

import (
	"context"

	"github.com/hoare-go/hoare/mpmc"
)

// Pipe takes values from from and sends them to to, on a goroutine of its
// own, and returns to.
//
// When ctx can never be done, values move in runs (what from holds at the
// moment, up to 64): while to is full, Pipe may hold one such run where
// core.async's pipe holds one value.
//
// Who closes what: when from is closed and drained (or ctx is done), Pipe
// closes to if close is true. If to is closed by someone else, Pipe stops
// taking from from, and closes nothing. Pipe never closes from.
func Pipe[T any](ctx context.Context, from, to *mpmc.Chan[T], close bool) *mpmc.Chan[T] {
	mustChan("Pipe", "from", from)
	mustChan("Pipe", "to", to)
	go func() {
		if relay(ctx, from, to) == outClosed {
			return // to was closed: stop, as core.async's pipe does
		}
		if close {
			closeQuietly(to)
		}
	}()
	return to
}
