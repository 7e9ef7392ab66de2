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
