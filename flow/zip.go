// zip: core.async's map, one value from each of several channels combined
// into one.
//
// Source: clojure.core.async/map (named Map here; the file is zip.go for
// what it does, a zip).
//
// Invariants:
//   - Round k takes the k-th value of every input (one from each, in input
//     order) and sends exactly one f(values) to out.
//   - The first input found closed ends the process: no further round, and
//     no value is taken from the inputs after it in that round.
package flow

import (
	"context"

	"github.com/hoare-go/hoare/mpmc"
)

// Map takes one value from each channel of ins, calls f with them (in the
// order of ins), and sends the result to a new channel of the given
// capacity; and again, until any input is closed and drained. f runs on
// Map's goroutine and must not keep vs: Map reuses it for the next round.
//
// Who closes what: Map closes the returned channel as soon as it finds any
// input closed and drained (a partial round is discarded), or when ctx is
// done. With no inputs the returned channel is already closed. Map never
// closes an input.
//
// core.async takes from the inputs in parallel; Map takes from them in
// order, which delivers the same rounds and, unlike core.async, takes no
// value from the other inputs once one is found closed.
func Map[T, R any](ctx context.Context, f func(vs []T) R, ins []*mpmc.Chan[T], capacity int) *mpmc.Chan[R] {
	mustFunc("Map", "f", f == nil)
	mustChans("Map", "ins", ins)
	mustSize("Map", "capacity", capacity)
	out := mpmc.New[R](capacity)
	if len(ins) == 0 {
		out.Close()
		return out
	}
	go func() {
		defer closeQuietly(out)
		vs := make([]T, len(ins))
		for {
			for i, in := range ins {
				v, err := recvCtx(ctx, in)
				if err != nil {
					return
				}
				vs[i] = v
			}
			if sendCtx(ctx, out, f(vs)) != nil {
				return
			}
		}
	}()
	return out
}
