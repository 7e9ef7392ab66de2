// buffered: the waiting half of a buffered channel.
//
// The values live in a lock-free ring (ring.MPMC); a send or receive that
// the ring can serve at once never takes a lock (chan.go's fast paths).
// This file is what happens when it cannot: the goroutine spins a little,
// then registers in a wait queue and parks. A waker does not hand it a
// value: it wakes it to retry the ring (crossbeam's array flavor does the
// same). Pending async operations in a queue are served in place: the
// waker pops (or pushes) on their behalf.
//
// Why no wake-up is lost. A receiver that found the ring empty registers
// (recvq.n++, a sequentially consistent RMW) and then looks at the ring once
// more. A sender stores the slot's stamp (sequentially consistent) and then
// loads recvq.n. In every interleaving one of the two sees the other: the
// receiver sees the value, or the sender sees a waiter and serves it. The
// same holds for senders waiting for room against receivers. A woken
// goroutine always retries; if it finds nothing, somebody else took the
// value its waker pushed. A goroutine that completes its own operation by
// that last look while a waker had already selected it owes the wake-up to
// the next waiter and passes it on.
//
// Invariants:
//   - While a receiver is queued, every value pushed after it was queued is
//     followed by a serveRecv (a sender loads recvq.n after its push); and
//     symmetrically for queued senders and pops.
//   - After Close (the ring's mark bit set), no push succeeds; waiters are
//     all served, and each sees the mark on its retry.
package mpmc

import (
	"github.com/hoare-go/hoare/internal/park"
)

// pushed is called after every successful push: it serves a waiting
// receiver, if any. When nobody waits it costs one atomic load.
func (c *Chan[T]) pushed() {
	if c.recvq.n.Load() != 0 {
		c.serveRecv()
	}
}

// popped is called after every successful pop: it serves a waiting sender,
// if any. When nobody waits it costs one atomic load.
func (c *Chan[T]) popped() {
	if c.sendq.n.Load() != 0 {
		c.serveSend()
	}
}

// popClosed pops a value; when there is none it also reports whether the
// channel is closed and drained. The second pop after seeing the mark is
// what makes "drained" exact: no push can succeed after the mark.
func (c *Chan[T]) popClosed() (v T, ok, closed bool) {
	if v, ok = c.buf.TryPop(); ok {
		return v, true, false
	}
	if !c.buf.Closed() {
		return v, false, false
	}
	v, ok = c.buf.TryPop()
	return v, ok, !ok
}

// serveRecv lets the first queued receiver make progress: it wakes a parked
// goroutine to retry, or completes a pending RecvAsync with a value popped
// for it (or, closed and drained, with none). It reports false if there was
// nobody to serve, or a pending RecvAsync first in line and no value for it.
func (c *Chan[T]) serveRecv() bool {
	q := &c.recvq
	q.mu.Lock()
	for e := q.head; e != nil; e = q.head {
		if e.w == nil {
			v, ok, closed := c.popClosed()
			if !ok && !closed {
				break // no value for it now; the next push serves it
			}
			q.unlink(e)
			done := e.recvDone
			q.put(e)
			q.mu.Unlock()
			if ok {
				c.popped()
			}
			if done != nil {
				done(v, ok)
			}
			return true
		}
		if e.w.TrySelect(e.idx) {
			q.unlink(e)
			q.mu.Unlock()
			e.w.Wake()
			return true
		}
		q.unlink(e) // dead: selected elsewhere or withdrawn; its owner recycles it
	}
	q.mu.Unlock()
	return false
}

// serveSend lets the first queued sender make progress: it wakes a parked
// goroutine to retry, or pushes a pending SendAsync's value for it (or,
// when closed, completes it with false).
func (c *Chan[T]) serveSend() bool {
	q := &c.sendq
	q.mu.Lock()
	for e := q.head; e != nil; e = q.head {
		if e.w == nil {
			ok := c.buf.TryPush(e.val)
			if !ok && !c.buf.Closed() {
				break // full again; the next pop serves it
			}
			q.unlink(e)
			done := e.sendDone
			q.put(e)
			q.mu.Unlock()
			if ok {
				c.pushed()
			}
			if done != nil {
				done(ok)
			}
			return true
		}
		if e.w.TrySelect(e.idx) {
			q.unlink(e)
			q.mu.Unlock()
			e.w.Wake()
			return true
		}
		q.unlink(e)
	}
	q.mu.Unlock()
	return false
}

// sendBuffered is Send's slow path: the ring was full (or closed). It
// returns nil once v is pushed (or dropped by the policy), ErrClosed, or
// errCanceled when done closed first, in which case v was not sent.
func (c *Chan[T]) sendBuffered(v T, done <-chan struct{}) error {
	for i := 0; ; i++ {
		if c.buf.TryPush(v) {
			c.pushed()
			return nil
		}
		if c.buf.Closed() {
			return ErrClosed
		}
		if c.policy != block {
			return c.sendFull(v)
		}
		if park.Spin(i) {
			continue
		}
		e := c.sendq.enqueue(v)
		ok := c.buf.TryPush(v) // the last look (see the file comment)
		if ok || c.buf.Closed() {
			if !e.w.Abort() {
				e.w.Wait(nil, nil) // a waker selected us; let it finish
				if ok {
					c.serveSend() // we did not need its wake-up: pass it on
				}
			}
			c.sendq.release(e)
			if ok {
				c.pushed()
				return nil
			}
			continue
		}
		woken := e.sleep(done)
		c.sendq.release(e)
		if !woken {
			return errCanceled
		}
	}
}

// sendFull applies the full-buffer policy of a Dropping or Sliding
// channel: the send succeeds at once.
func (c *Chan[T]) sendFull(v T) error {
	if c.policy == dropNew {
		return nil // discard v
	}
	for { // dropOld: discard the oldest until v fits
		if c.buf.TryPush(v) {
			c.pushed()
			return nil
		}
		if c.buf.Closed() {
			return ErrClosed
		}
		c.buf.TryPop()
	}
}

// recvBuffered is Recv's slow path: the ring was empty. It returns a value,
// ErrClosed when the channel is closed and drained, or errCanceled when
// done closed first, in which case nothing was taken.
func (c *Chan[T]) recvBuffered(done <-chan struct{}) (T, error) {
	for i := 0; ; i++ {
		v, ok, closed := c.popClosed()
		if ok {
			c.popped()
			return v, nil
		}
		if closed {
			return v, ErrClosed
		}
		if park.Spin(i) {
			continue
		}
		e := c.recvq.enqueue(v)
		v, ok, closed = c.popClosed() // the last look (see the file comment)
		if ok || closed {
			if !e.w.Abort() {
				e.w.Wait(nil, nil)
				if ok {
					c.serveRecv() // pass the wake-up on
				}
			}
			c.recvq.release(e)
			if ok {
				c.popped()
				return v, nil
			}
			continue
		}
		woken := e.sleep(done)
		c.recvq.release(e)
		if !woken {
			return v, errCanceled
		}
	}
}

// trySendFull is TrySend when the ring refused the push.
func (c *Chan[T]) trySendFull(v T) error {
	switch {
	case c.buf.Closed():
		return ErrClosed
	case c.policy != block:
		return c.sendFull(v)
	}
	return ErrWouldBlock
}

// tryRecvEmpty is TryRecv when the ring had nothing.
func (c *Chan[T]) tryRecvEmpty() (T, error) {
	v, ok, closed := c.popClosed()
	switch {
	case ok:
		c.popped()
		return v, nil
	case closed:
		return v, ErrClosed
	}
	return v, ErrWouldBlock
}

// closeBuffered serves every waiter after the ring was closed: goroutines
// wake and find the mark, pending RecvAsync take what is left and then
// none, pending SendAsync complete with false.
func (c *Chan[T]) closeBuffered() {
	for c.serveRecv() {
	}
	for c.serveSend() {
	}
}

// sleep parks e's goroutine until a waker selected it (true) or done closed
// first and the goroutine withdrew (false).
func (e *entry[T]) sleep(done <-chan struct{}) bool {
	if e.w.Wait(done, nil) == park.Woken {
		return true
	}
	if e.w.Abort() {
		return false
	}
	e.w.Finish() // a waker won the race with done: its hand-off stands
	return true
}
