// select: a Chan's side of package alt's select engine (internal/sel.Op).
//
// A case is one of four op types, each a *Chan[T] under another name, so
// converting one to a sel.Op does not allocate: a receive or a send, on a
// buffer (recvOp, sendOp) or on a rendezvous (rdvRecvOp, rdvSendOp). The
// flavour is fixed at New, so it is chosen once, when the case is made,
// and no method branches on it: that keeps Peek and Version, the looks of
// a Default select's polls, small enough to inline into the interface's
// method wrapper (one call per look instead of two; a 4-way select with a
// Default was 12% faster for it). A select's entries sit in the same wait
// queues as plain Send and Recv, with the select's shared Waiter and their
// case index; a waker cannot tell them apart, except that TrySelect may
// fail because another case of the same select already won.
//
// Invariants:
//   - The protocol of internal/sel: Poll, Register (with its last look),
//     Finish, in that order per select round; Finish once per Register.
//   - A rendezvous case is queued only under the channel's lock, while the
//     channel is open and no partner waits on the other side (registerRdv):
//     so the rendezvous's invariants (unbuffered.go) hold for selects too.
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
	recvOp[T any]    Chan[T] // a receive case on a buffered channel
	sendOp[T any]    Chan[T] // a send case on a buffered channel
	rdvRecvOp[T any] Chan[T] // a receive case on an unbuffered channel
	rdvSendOp[T any] Chan[T] // a send case on an unbuffered channel
)

func (c *Chan[T]) recvOp() sel.Op {
	if c.buf == nil {
		return (*rdvRecvOp[T])(c)
	}
	return (*recvOp[T])(c)
}

func (c *Chan[T]) sendOp() sel.Op {
	if c.buf == nil {
		return (*rdvSendOp[T])(c)
	}
	return (*sendOp[T])(c)
}

// spare is a Chan's lent Waiter slot. It lives outside Chan's hot fields;
// see Waiter and Return.
type spare struct{ w atomic.Pointer[park.Waiter] }

// --- receive on a buffer ---

func (o *recvOp[T]) Poll(_, fn any) bool { return (*Chan[T])(o).pollRecv(fn) }

// Version, for a receive on a buffer: what can make it ready. A push or
// Close (the ring's push version) or a pending RecvAsync leaving (recvq).
func (o *recvOp[T]) Version() uint64 {
	c := (*Chan[T])(o)
	return c.buf.PushVersion() + c.recvq.version()
}

func (o *recvOp[T]) Peek() (uint64, bool) {
	c := (*Chan[T])(o)
	// Empty is false on a closed ring: a closed channel is ready (ok ==
	// false once drained). A sliding ring can look empty mid-slide.
	v, empty := c.buf.EmptyVersion()
	return v + c.recvq.version(), c.policy == dropOld || !empty
}

// Register's last look, for a receive on a buffer: a value, or the close
// (the Dekker pairing with a pusher is argued in buffered.go).
func (o *recvOp[T]) Register(w *park.Waiter, idx int, _ any) (any, bool) {
	c := (*Chan[T])(o)
	var zero T
	e := c.recvq.register(w, idx, zero)
	return e, c.buf.Len() > 0 || c.buf.Closed()
}

func (o *recvOp[T]) Finish(token any, selected bool, val, fn any) bool {
	return (*Chan[T])(o).finishRecv(token, selected, fn)
}

func (o *recvOp[T]) Waiter() *park.Waiter  { return (*Chan[T])(o).lend() }
func (o *recvOp[T]) Return(w *park.Waiter) { (*Chan[T])(o).giveBack(w) }

// --- receive on a rendezvous ---

func (o *rdvRecvOp[T]) Poll(_, fn any) bool { return (*Chan[T])(o).pollRecv(fn) }

// Version, for a receive on a rendezvous: what can make it ready. A sender
// queuing (sendq) or Close (the closed flag itself, which TryRecv reads as
// soon as it is stored). recvq's count is in the sum too: it can only make
// the version move more often, never hide a move.
func (o *rdvRecvOp[T]) Version() uint64 {
	c := (*Chan[T])(o)
	return c.sendq.version() + c.recvq.version() + c.closedVersion()
}

func (o *rdvRecvOp[T]) Peek() (uint64, bool) {
	c := (*Chan[T])(o)
	v, closed := c.sendq.version(), c.closedVersion()
	return v + c.recvq.version() + closed, uint32(v) != 0 || closed != 0 // uint32(v): sendq.waiting()
}

func (o *rdvRecvOp[T]) Register(w *park.Waiter, idx int, _ any) (any, bool) {
	c := (*Chan[T])(o)
	var zero T
	return c.registerRdv(&c.recvq, &c.sendq, w, idx, zero)
}

func (o *rdvRecvOp[T]) Finish(token any, selected bool, val, fn any) bool {
	return (*Chan[T])(o).finishRecv(token, selected, fn)
}

func (o *rdvRecvOp[T]) Waiter() *park.Waiter  { return (*Chan[T])(o).lend() }
func (o *rdvRecvOp[T]) Return(w *park.Waiter) { (*Chan[T])(o).giveBack(w) }

// --- send on a buffer ---

func (o *sendOp[T]) Poll(val, fn any) bool { return (*Chan[T])(o).pollSend(val, fn) }

// Version, for a send on a buffer: what can make it ready. A pop or Close
// (the ring's version) or a pending SendAsync leaving (sendq).
func (o *sendOp[T]) Version() uint64 {
	c := (*Chan[T])(o)
	return c.buf.Version() + c.sendq.version()
}

func (o *sendOp[T]) Peek() (uint64, bool) {
	c := (*Chan[T])(o)
	// Full is false on a closed ring: a send case there is ready, to panic.
	v, full := c.buf.FullVersion()
	return v + c.sendq.version(), c.policy != block || !full
}

// Register's last look, for a send on a buffer: room, or the close, or a
// policy that never blocks. The waker takes the value from the entry: a
// popper that pushes it for us.
func (o *sendOp[T]) Register(w *park.Waiter, idx int, val any) (any, bool) {
	c := (*Chan[T])(o)
	e := c.sendq.register(w, idx, sendValue[T](val))
	return e, c.fits(1) || c.policy != block
}

func (o *sendOp[T]) Finish(token any, selected bool, val, fn any) bool {
	return (*Chan[T])(o).finishSend(token, selected, val, fn)
}

func (o *sendOp[T]) Waiter() *park.Waiter  { return (*Chan[T])(o).lend() }
func (o *sendOp[T]) Return(w *park.Waiter) { (*Chan[T])(o).giveBack(w) }

// --- send on a rendezvous ---

func (o *rdvSendOp[T]) Poll(val, fn any) bool { return (*Chan[T])(o).pollSend(val, fn) }

// Version, for a send on a rendezvous: what can make it ready. A receiver
// queuing (recvq) or Close (the closed flag, as for a receive).
func (o *rdvSendOp[T]) Version() uint64 {
	c := (*Chan[T])(o)
	return c.recvq.version() + c.closedVersion()
}

func (o *rdvSendOp[T]) Peek() (uint64, bool) {
	c := (*Chan[T])(o)
	v, closed := c.recvq.version(), c.closedVersion()
	return v + closed, uint32(v) != 0 || closed != 0 // uint32(v): recvq.waiting()
}

func (o *rdvSendOp[T]) Register(w *park.Waiter, idx int, val any) (any, bool) {
	c := (*Chan[T])(o)
	return c.registerRdv(&c.sendq, &c.recvq, w, idx, sendValue[T](val))
}

func (o *rdvSendOp[T]) Finish(token any, selected bool, val, fn any) bool {
	return (*Chan[T])(o).finishSend(token, selected, val, fn)
}

func (o *rdvSendOp[T]) Waiter() *park.Waiter  { return (*Chan[T])(o).lend() }
func (o *rdvSendOp[T]) Return(w *park.Waiter) { (*Chan[T])(o).giveBack(w) }

// --- the halves both flavours share ---

// pollRecv is a receive case's Poll: TryRecv, and fn if it completed.
// (TryRecv past its inlined emptiness check: TryPop makes that look
// itself, reading tail only when the slot at head holds no value. When
// that check was Empty, which reads tail every time, adding it here gave
// back what polling without a Peek had gained.)
func (c *Chan[T]) pollRecv(fn any) bool {
	v, err := c.tryRecv()
	if err == ErrWouldBlock {
		return false
	}
	callRecv(fn, v, err == nil)
	return true
}

// pollSend is a send case's Poll: TrySend, and fn if it completed.
// (TrySend past its inlined fullness check, as pollRecv: TryPush reads
// head only when the slot at tail still holds a value.)
func (c *Chan[T]) pollSend(val, fn any) bool {
	if err := c.trySend(sendValue[T](val)); err != nil {
		if err == ErrClosed {
			panic(errSendClosed) // a send case on a closed channel panics, as in native select
		}
		return false
	}
	callSend(fn)
	return true
}

// finishRecv is a receive case's Finish.
func (c *Chan[T]) finishRecv(token any, selected bool, fn any) bool {
	e := token.(*entry[T])
	if !selected {
		c.recvq.release(e)
		return false
	}
	v, ok := e.val, e.ok // the waker handed v over (or, unbuffered, Close said no)
	c.recvq.recycle(e)   // the waker unlinked e
	if c.buf != nil && !ok {
		return c.pollRecv(fn) // a buffer's waker had no value after all: retry
	}
	callRecv(fn, v, ok)
	return true
}

// finishSend is a send case's Finish.
func (c *Chan[T]) finishSend(token any, selected bool, val, fn any) bool {
	e := token.(*entry[T])
	if !selected {
		c.sendq.release(e)
		return false
	}
	ok := e.ok
	c.sendq.recycle(e) // the waker unlinked e
	if c.buf != nil && !ok {
		return c.pollSend(val, fn) // a buffer's waker found no room after all: retry
	}
	if !ok {
		panic(errSendClosed) // closed while the select waited
	}
	callSend(fn)
	return true
}

// giveBack takes a lent Waiter back, unless the channel already has a
// spare.
func (c *Chan[T]) giveBack(w *park.Waiter) { c.spare.w.CompareAndSwap(nil, w) }

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
// waiting with w: Register on a buffer.
func (q *waitq[T]) register(w *park.Waiter, idx int, v T) *entry[T] {
	q.mu.Lock()
	e := q.get()
	e.w, e.idx, e.val = w, idx, v
	q.link(e)
	q.mu.Unlock()
	return e
}

// registerRdv is Register on a rendezvous: under the channel's one lock, it
// queues an entry offering v on q, this case's side, unless the case is
// ready: the channel is closed, or a partner waits on peer, the other
// side. Then it queues nothing and reports ready, and the select polls
// again (and pairs, or meets the close). Queuing beside a partner would
// break the rendezvous's rule that at most one side holds live entries
// (unbuffered.go): a later Send of a goroutine whose SendAsync waits on
// peer would pair with the select ahead of its own callback. Queuing after
// Close swept the queues would let a receive begun after Close take a
// select's value.
func (c *Chan[T]) registerRdv(q, peer *waitq[T], w *park.Waiter, idx int, v T) (*entry[T], bool) {
	q.mu.Lock()
	e := q.get()
	e.w, e.idx, e.val = w, idx, v
	if c.closed.Load() || peer.partner(w) {
		q.mu.Unlock()
		return e, true // not linked: Finish recycles it
	}
	q.link(e)
	q.mu.Unlock()
	return e, false
}

// partner reports whether a callback, or an entry of another select or
// goroutine that a TrySelect could still win, is queued: a partner for a
// rendezvous case of self's select. Called with mu held.
func (q *waitq[T]) partner(self *park.Waiter) bool {
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
