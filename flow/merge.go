// merge: core.async's merge, many channels into one.
//
// Source: clojure.core.async/merge. core.async runs one go block that alts
// over every input still open; here each input has a goroutine of its own
// that forwards it, which costs no CPU while it waits and no select over n
// cases per value. (A RecvAsync callback per input would cost no goroutine,
// but a pending RecvAsync cannot be withdrawn when ctx is done, so it would
// take one value from each input after Merge had stopped. Even where that
// does not matter, a context that is never done, a callback-driven Merge was
// measured 3x slower than native on 8 inputs: whoever completes a pending
// operation runs the callback, so the one consumer, freeing room in out,
// ended up doing every input's forwarding while the producers spun. One
// goroutine over all inputs, taking runs with TryRecv and waiting in an
// alt.Selector only when all are empty, as core.async's one go block, was
// no faster than a goroutine per input on 8 inputs, and was dropped.)
//
// Invariants:
//   - Every value received from an input is sent to out exactly once, unless
//     ctx is done while it is held (then it is dropped).
//   - Values of one input keep their order in out; values of different inputs
//     interleave as they arrive (in runs of up to 64 values when ctx can
//     never be done: see relay.go).
//   - live counts the forwarders still running; the one that brings it to 0
//     closes out, so out is closed exactly once, after every send.
package flow

import (
	"context"
	"sync/atomic"

	"github.com/hoare-go/hoare/mpmc"
)

// Merge returns a channel of the given capacity that receives every value
// from every channel of ins.
//
// Who closes what: Merge closes the returned channel once every input is
// closed and drained, or once ctx is done. It never closes an input. With
// no inputs the returned channel is already closed. A consumer that closes
// the returned channel stops Merge too (each forwarder stops at its next
// send). When ctx can never be done, each input is forwarded in runs (what
// it holds at the moment, up to 64 values): while out is full a forwarder
// may hold one such run, where core.async's merge holds one value.
func Merge[T any](ctx context.Context, ins []*mpmc.Chan[T], capacity int) *mpmc.Chan[T] {
	mustChans("Merge", "ins", ins)
	mustSize("Merge", "capacity", capacity)
	out := mpmc.New[T](capacity)
	if len(ins) == 0 {
		out.Close()
		return out
	}
	live := new(atomic.Int32)
	live.Store(int32(len(ins))) // before any forwarder can finish
	for _, in := range ins {
		go func() {
			relay(ctx, in, out)
			if live.Add(-1) == 0 { // the last forwarder: every send is done
				closeQuietly(out) // quietly: a consumer may have closed it to stop Merge
			}
		}()
	}
	return out
}
