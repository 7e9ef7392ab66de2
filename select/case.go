// case: the cases of a select, one small value each.
//
// A Case is a description, not a registration: making one does nothing to
// its channel. Cases of different element types mix freely because a
// channel case holds its channel as an internal/sel.Op, which mpmc makes
// from a *mpmc.Chan[T] without allocating.
package alt

import (
	"context"
	"time"

	"github.com/hoare-go/hoare/internal/sel"
	"github.com/hoare-go/hoare/mpmc"
)

// A Case is one alternative of a select: made by Recv, Send, SendFrom,
// Default, After or Done, and given to Priority, Fair or NewSelector. The
// zero Case is never ready.
type Case struct {
	kind kind
	op   sel.Op          // the channel operation, for recvCase and sendCase
	val  any             // the value a send case sends (or a sel.From to read it from)
	fn   any             // func(T, bool) for a receive, func() otherwise; may be nil
	d    time.Duration   // afterCase
	ctx  context.Context // doneCase
}

type kind uint8

const (
	never       kind = iota // a zero Case, or one on a nil channel
	recvCase                // Recv
	sendCase                // Send, SendFrom
	defaultCase             // Default
	afterCase               // After
	doneCase                // Done
)

// Recv is the case that receives from c. When it is chosen, f (which may be
// nil) runs with the value and ok, as v, ok := <-ch: ok is false when c is
// closed and drained. A case on a nil c is never ready.
func Recv[T any](c *mpmc.Chan[T], f func(v T, ok bool)) Case {
	if c == nil {
		return Case{}
	}
	var fn any
	if f != nil {
		fn = f
	}
	return Case{kind: recvCase, op: sel.Recv(c), fn: fn}
}

// Send is the case that sends v to c. When it is chosen, v has been sent
// and f (which may be nil) runs. As in a native select, choosing a send
// case on a closed channel panics. A case on a nil c is never ready.
//
// v is kept in an interface value, which allocates for most types; a
// select in a hot loop should use SendFrom and a Selector.
func Send[T any](c *mpmc.Chan[T], v T, f func()) Case {
	if c == nil {
		return Case{}
	}
	return Case{kind: sendCase, op: sel.Send(c), val: v, fn: funcOrNil(f)}
}

// SendFrom is Send with the value read from *p at the moment of sending:
// built once (in a Selector), it sends whatever *p holds at each select,
// without allocating. It panics if p is nil (and c is not): native Go
// reads `case c <- *p` before the select touches any channel, and a nil p
// found in the middle of a select would leave it half registered.
func SendFrom[T any](c *mpmc.Chan[T], p *T, f func()) Case {
	if c == nil {
		return Case{}
	}
	if p == nil {
		panic("alt: SendFrom with a nil pointer")
	}
	return Case{kind: sendCase, op: sel.Send(c), val: sel.From[T]{P: p}, fn: funcOrNil(f)}
}

// Default is the case chosen when no other case is ready at the moment of
// the select, as default in a native select. A select takes at most one.
func Default(f func()) Case { return Case{kind: defaultCase, fn: funcOrNil(f)} }

// After is the case that becomes ready once d has passed since the select
// began to wait: a select woken by a channel whose value another goroutine
// then takes waits again for the rest of d, not for d anew. Its timer is
// stopped when another case wins, and it runs on fake time inside a
// testing/synctest bubble.
func After(d time.Duration, f func()) Case {
	return Case{kind: afterCase, d: d, fn: funcOrNil(f)}
}

// Done is the case that becomes ready once ctx is done, as
// case <-ctx.Done(). A nil ctx is never done.
func Done(ctx context.Context, f func()) Case {
	if ctx == nil {
		return Case{}
	}
	return Case{kind: doneCase, ctx: ctx, fn: funcOrNil(f)}
}

// funcOrNil keeps a nil func as a nil interface, so that "no function" is
// one test.
func funcOrNil(f func()) any {
	if f == nil {
		return nil
	}
	return f
}

// call runs a case's func() if it has one.
func call(fn any) {
	if fn != nil {
		fn.(func())()
	}
}
