// take: core.async's take, the first n values of a channel.
//
// Source: clojure.core.async/take.
//
// Invariants:
//   - out receives the first n values taken from in (fewer if in closes
//     first), in order; Take takes no value beyond the n-th.
package flow

import (
	"context"
	"fmt"

	"github.com/hoare-go/hoare/mpmc"
)

// Take returns a channel of the given capacity that receives at most n
// values from in. It panics if n < 0.
//
// Who closes what: Take closes the returned channel after the n-th value,
// or when in is closed and drained first, or when ctx is done. It never
// closes in, and takes nothing more from it.
func Take[T any](ctx context.Context, n int, in *mpmc.Chan[T], capacity int) *mpmc.Chan[T] {
	mustChan("Take", "in", in)
	if n < 0 {
		panic(fmt.Sprintf("flow: Take n %d: must not be negative", n))
	}
	mustSize("Take", "capacity", capacity)
	out := mpmc.New[T](capacity)
	go func() {
		defer closeQuietly(out)
		for range n {
			v, err := recvCtx(ctx, in)
			if err != nil {
				return
			}
			if sendCtx(ctx, out, v) != nil {
				return
			}
		}
	}()
	return out
}
