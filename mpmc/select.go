// select: a Chan's side of package alt's select engine (internal/sel.Op).
//
// recvOp and sendOp are *Chan[T] under another name, so converting one to
// a sel.Op does not allocate. A select's entries sit in the same wait
// queues as plain Send and Recv, with the select's shared Waiter and their
// case index; a waker cannot tell them apart, except that TrySelect may
// fail because another case of the same select already won.
//
// Invariants:
//   - The protocol of internal/sel: Poll, Register, Ready, Finish, in that
//     order per select round; Finish once per Register.
//   - A channel lends at most one spare Waiter at a time (waiter), made by a
//     goroutine that selected on it.
package mpmc

import (
	"sync/atomic"

	"github.com/hoare-go/hoare/internal/park"
	"github.com/hoare-go/hoare/internal/sel"
)

func init() {
	sel.Recv = func(c any) sel.Op { return c.(selectable).recvOp() }
	sel.Send = func(c any) sel.Op { return c.(selectable).sendOp() }
}

// selectable is implemented by every *Chan[T]; it is how sel's constructors
// reach a Chan of any element type.
type selectable interface {
	recvOp() sel.Op
	sendOp() sel.Op
}

type (
	recvOp[T any] Chan[T]
	sendOp[T any] Chan[T]
)

func (c *Chan[T]) recvOp() sel.Op { return (*recvOp[T])(c) }
func (c *Chan[T]) sendOp() sel.Op { return (*sendOp[T])(c) }

// spare is a Chan's lent Waiter slot. It lives outside Chan's hot fields;
// see Waiter and Return.
type spare struct{ w atomic.Pointer[park.Waiter] }

// --- receive ---

func (o *recvOp[T]) Poll(_, fn any) bool {
	v, err := (*Chan[T])(o).TryRecv()
	if err == ErrWouldBlock {
		return false
	}
	callRecv(fn, v, err == nil)
	return true
}

// Version, for a receive: what can make it ready. Buffered, a push or
// Close (the ring's push version) or a pending RecvAsync leaving (recvq);
// unbuffered, a sender queuing (sendq) or Close (the closed flag itself,
// which TryRecv reads as soon as it is stored).
func (o *recvOp[T]) Version() uint64 {
	c := (*Chan[T])(o)
	if c.buf != nil {
		return c.buf.PushVersion() + c.recvq.version()
	}
	return c.sendq.version() + c.recvq.version() + c.closedVersion()
}

func (o *recvOp[T]) Peek() (uint64, bool) {
	c := (*Chan[T])(o)
	if c.buf != nil {
		// Empty is false on a closed ring: a closed channel is ready (ok ==
		// false once drained). A sliding ring can look empty mid-slide.
		v, empty := c.buf.EmptyVersion()
		return v + c.recvq.version(), c.policy == dropOld || !empty
	}
	v, closed := c.sendq.version(), c.closedVersion()
	return v + c.recvq.version() + closed, uint32(v) != 0 || closed != 0 // uint32(v): sendq.waiting()
}

func (o *recvOp[T]) Register(w *park.Waiter, idx int, _ any) any {
	var zero T
	return (*Chan[T])(o).recvq.register(w, idx, zero)
}

func (o *recvOp[T]) Ready(self *park.Waiter) bool {
	c := (*Chan[T])(o)
	if c.buf != nil {
		return c.buf.Len() > 0 || c.buf.Closed()
	}
	return c.closed.Load() || c.sendq.other(self)
}

func (o *recvOp[T]) Finish(token any, selected bool, val, fn any) bool {
	c := (*Chan[T])(o)
	e := token.(*entry[T])
	if !selected {
		c.recvq.release(e)
		return false
	}
	v, ok := e.val, e.ok // the waker handed v over (or, unbuffered, Close said no)
	c.recvq.release(e)   // the waker unlinked e
	if c.buf != nil && !ok {
		return o.Poll(val, fn) // a buffer's waker had no value after all: retry
	}
	callRecv(fn, v, ok)
	return true
}

func (o *recvOp[T]) Waiter() *park.Waiter  { return (*Chan[T])(o).lend() }
func (o *recvOp[T]) Return(w *park.Waiter) { (*Chan[T])(o).spare.w.CompareAndSwap(nil, w) }

// --- send ---

func (o *sendOp[T]) Poll(val, fn any) bool {
	c := (*Chan[T])(o)
	if err := c.TrySend(sendValue[T](val)); err != nil {
		if err == ErrClosed {
			panic(errSendClosed) // a send case on a closed channel panics, as in native select
		}
		return false
	}
	callSend(fn)
	return true
}

// Version, for a send: what can make it ready. Buffered, a pop or Close
// (the ring's version) or a pending SendAsync leaving (sendq); unbuffered,
// a receiver queuing (recvq) or Close (the closed flag, as for a receive).
func (o *sendOp[T]) Version() uint64 {
	c := (*Chan[T])(o)
	if c.buf != nil {
		return c.buf.Version() + c.sendq.version()
	}
	return c.recvq.version() + c.closedVersion()
}

func (o *sendOp[T]) Peek() (uint64, bool) {
	c := (*Chan[T])(o)
	if c.buf != nil {
		// Full is false on a closed ring: a send case there is ready, to panic.
		v, full := c.buf.FullVersion()
		return v + c.sendq.version(), c.policy != block || !full
	}
	v, closed := c.recvq.version(), c.closedVersion()
	return v + closed, uint32(v) != 0 || closed != 0 // uint32(v): recvq.waiting()
}

func (o *sendOp[T]) Register(w *park.Waiter, idx int, val any) any {
	// The waker takes the value from the entry: a receiver, or a buffer's
	// popper that pushes it for us.
	return (*Chan[T])(o).sendq.register(w, idx, sendValue[T](val))
}

func (o *sendOp[T]) Ready(self *park.Waiter) bool {
	c := (*Chan[T])(o)
	if c.buf != nil {
		return c.buf.Len() < c.cap || c.buf.Closed() || c.policy != block
	}
	return c.closed.Load() || c.recvq.other(self)
}

func (o *sendOp[T]) Finish(token any, selected bool, val, fn any) bool {
	c := (*Chan[T])(o)
	e := token.(*entry[T])
	if !selected {
		c.sendq.release(e)
		return false
	}
	ok := e.ok
	c.sendq.release(e) // the waker unlinked e
	if c.buf != nil && !ok {
		return o.Poll(val, fn) // a buffer's waker found no room after all: retry
	}
	if !ok {
		panic(errSendClosed) // closed while the select waited
	}
	callSend(fn)
	return true
}

func (o *sendOp[T]) Waiter() *park.Waiter  { return (*Chan[T])(o).lend() }
func (o *sendOp[T]) Return(w *park.Waiter) { (*Chan[T])(o).spare.w.CompareAndSwap(nil, w) }

// --- shared ---

// closedVersion is an unbuffered channel's closed flag as a version term:
// 0, then 1. Added to queue counts, which only move by at least 2^32-1 a
// step, an unchanged sum means that neither the flag nor a count moved.
func (c *Chan[T]) closedVersion() uint64 {
	if c.closed.Load() {
		return 1
	}
	return 0
}

// register queues an entry, offering v, for case idx of the select
// waiting with w (nil: a single operation, with the entry's own Waiter).
func (q *waitq[T]) register(w *park.Waiter, idx int, v T) *entry[T] {
	q.mu.Lock()
	e := q.get()
	if w == nil {
		w = &e.own
	}
	e.w, e.idx, e.val = w, idx, v
	q.link(e)
	q.mu.Unlock()
	return e
}

// other reports whether an entry that is not self's, and that a TrySelect
// could still win (or a callback), is queued: a partner for a rendezvous.
func (q *waitq[T]) other(self *park.Waiter) bool {
	if !q.waiting() {
		return false // the one load, when nobody waits
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	for e := q.head; e != nil; e = e.next {
		if e.w == nil || (e.w != self && e.w.Undecided()) {
			return true
		}
	}
	return false
}

// lend returns the channel's spare Waiter, or a new one.
func (c *Chan[T]) lend() *park.Waiter {
	if w := c.spare.w.Swap(nil); w != nil {
		w.Reset()
		return w
	}
	return new(park.Waiter)
}

// sendValue unpacks a send case's value: a T, or a sel.From[T] pointing at
// the value to read at the moment of sending (alt.SendFrom).
func sendValue[T any](val any) T {
	if f, ok := val.(sel.From[T]); ok {
		return *f.P
	}
	v, _ := val.(T) // nil for a nil interface value: T's zero value
	return v
}

func callRecv[T any](fn any, v T, ok bool) {
	if fn != nil {
		fn.(func(T, bool))(v, ok)
	}
}

func callSend(fn any) {
	if fn != nil {
		fn.(func())()
	}
}
