// relay: moving every value of one channel to another, the inner loop of
// Pipe and of each of Merge's forwarders.
//
// With a context that can be canceled, a relay moves one value at a time
// with RecvContext and SendContext, so that it can stop whenever ctx is
// done. With one that cannot (ctx.Done() == nil, as context.Background()),
// nothing needs to interrupt it, and it moves runs of values with RecvMany
// and SendMany: one wake-up and one reservation per run instead of per
// value.
//
// Invariants:
//   - Values leave out in the order they arrived from in; each value taken
//     from in is sent once, unless out closes first (then that value, or the
//     rest of its run, is dropped: out is closed, nobody can receive them).
//   - relay returns when in is closed and drained, ctx is done, or out is
//     found closed; it reports which.
package flow

import (
	"context"

	"github.com/hoare-go/hoare/mpmc"
)

// relayEnd says why a relay stopped.
type relayEnd int

const (
	inClosed  relayEnd = iota // in is closed and drained
	outClosed                 // out was found closed
	ctxDone                   // ctx is done
)

// runLen is the most values a relay moves in one run.
const runLen = 64

func relay[T any](ctx context.Context, in, out *mpmc.Chan[T]) relayEnd {
	if ctx.Done() == nil {
		return relayRuns(in, out)
	}
	for {
		v, err := recvCtx(ctx, in)
		if err == mpmc.ErrClosed {
			return inClosed
		}
		if err != nil {
			return ctxDone
		}
		if err := sendCtx(ctx, out, v); err != nil {
			if err == mpmc.ErrClosed {
				return outClosed
			}
			return ctxDone
		}
	}
}

// relayRuns is relay for a context that is never done.
func relayRuns[T any](in, out *mpmc.Chan[T]) relayEnd {
	var buf [runLen]T
	for {
		n := in.RecvMany(buf[:])
		if n == 0 {
			return inClosed
		}
		if !sendRun(out, buf[:n]) {
			return outClosed
		}
		clear(buf[:n]) // keep no reference to values sent
	}
}

// sendRun sends vs with SendMany and reports false if out was closed, which
// SendMany reports by panicking as Send does.
func sendRun[T any](out *mpmc.Chan[T], vs []T) (ok bool) {
	defer func() {
		if r := recover(); r != nil {
			if e, isErr := r.(error); isErr && e.Error() == "mpmc: send on closed channel" {
				ok = false
				return
			}
			panic(r)
		}
	}()
	out.SendMany(vs)
	return true
}
