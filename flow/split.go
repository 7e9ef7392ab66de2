// split: core.async's split, one channel into two by a predicate.
//
// Source: clojure.core.async/split.
//
// Invariants:
//   - Each value taken from in goes to exactly one of t (pred true) and f
//     (pred false), in the order taken.
//   - The goroutine ends when in is closed and drained, when the output a
//     value is meant for is closed, or when ctx is done.
package flow

import (
	"context"

	"github.com/hoare-go/hoare/mpmc"
)

// Split takes every value from in and sends it to t when pred returns true
// for it, else to f. t and f are new channels with capacities tcap and fcap.
// pred runs on Split's goroutine, one value at a time.
//
// Who closes what: Split closes t and f when in is closed and drained, or
// when ctx is done. If the consumer closes t or f, Split stops at the next
// value meant for it (dropping that value, as core.async does) and closes
// the other. Split never closes in.
func Split[T any](ctx context.Context, pred func(T) bool, in *mpmc.Chan[T], tcap, fcap int) (t, f *mpmc.Chan[T]) {
	mustFunc("Split", "pred", pred == nil)
	mustChan("Split", "in", in)
	mustSize("Split", "tcap", tcap)
	mustSize("Split", "fcap", fcap)
	t, f = mpmc.New[T](tcap), mpmc.New[T](fcap)
	go func() {
		defer closeQuietly(f)
		defer closeQuietly(t)
		for {
			v, err := recvCtx(ctx, in)
			if err != nil {
				return
			}
			out := f
			if pred(v) {
				out = t
			}
			if sendCtx(ctx, out, v) != nil {
				return
			}
		}
	}()
	return t, f
}
