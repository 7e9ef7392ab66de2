// close: the two ways a flow process ends a channel, and the error it uses
// for "this process has stopped".
//
// Every combinator states in its doc comment who closes which channel. The
// rule throughout: a channel a combinator makes (Merge's output, Split's
// two, a Timeout) is closed by that combinator when its process ends; a
// channel the caller passes in (Pipe's to, a Tap, a Pipeline's to) is
// closed only when the caller asked for it with close == true.
//
// Invariants:
//   - closeQuietly is used only on channels the caller may also close (a tap
//     with close == true, a Split output the consumer closed to stop it):
//     it swallows mpmc's "close of closed channel" panic and nothing else.
package flow

import (
	"context"
	"errors"

	"github.com/hoare-go/hoare/mpmc"
)

// errStopped is returned by internal operations on a process that has
// already finished; exported functions never return it.
var errStopped = errors.New("flow: process stopped")

// closeQuietly closes c unless it is already closed. It exists for the
// channels both a process and its caller may close; mpmc has no
// "close if open", so the second close's panic is recovered here.
func closeQuietly[T any](c *mpmc.Chan[T]) {
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(error); ok && e.Error() == "mpmc: close of closed channel" {
				return
			}
			panic(r)
		}
	}()
	c.Close()
}

// recvCtx is c.RecvContext(ctx) that also refuses when ctx is already done.
// mpmc's RecvContext completes at once when a value is available, even
// after ctx is done; a process loop that relied on it alone would go on
// taking values for as long as its input had them. The check is a
// non-blocking receive on ctx.Done(): no lock, and nothing at all for a
// context that is never done.
func recvCtx[T any](ctx context.Context, c *mpmc.Chan[T]) (T, error) {
	if isDone(ctx) {
		var zero T
		return zero, ctx.Err()
	}
	return c.RecvContext(ctx)
}

// sendCtx is c.SendContext(ctx, v) that also refuses when ctx is already
// done (see recvCtx).
func sendCtx[T any](ctx context.Context, c *mpmc.Chan[T], v T) error {
	if isDone(ctx) {
		return ctx.Err()
	}
	return c.SendContext(ctx, v)
}

// isDone reports whether ctx is done, without blocking.
func isDone(ctx context.Context) bool {
	select {
	case <-ctx.Done():
		return true
	default:
		return false
	}
}
