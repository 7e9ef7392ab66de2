// buffered: the waiting half of a buffered channel.
//
// The values live in a lock-free ring (ring.MPMC); a send or receive that
// the ring can serve at once never takes a lock (chan.go's fast paths).
// This file is what happens when it cannot: the goroutine registers in a
// wait queue and parks, at once on a buffer of more than spinCap values,
// after one yield on a smaller one. Whoever then makes progress
// possible serves the first waiter in place: a sender that pushed pops a
// value for the first waiting receiver and hands it over; a receiver that
// popped pushes the first waiting sender's value for it. So a woken
// goroutine returns at once, and a capacity-1 channel moves two values per
// switch, as native channels do. If the ring has nothing (or no room) for
// the waiter after all, it wakes to retry. Pending async operations are
// served the same way, with their callbacks; a SendMany's run waiter only
// once its run fits, and then with as much of the run as fits (batch.go).
//
// Why no spin, not even one yield (which a rendezvous does, see
// unbuffered.go), on a buffer of more than spinCap values. Measured: a
// waiter on a buffer that yields first goes to the global run queue,
// another P picks it up, and producer and consumer end up on two cores,
// where every slot's cache line crosses between them (about half a
// microsecond a crossing on the machines of results/). A waiter that parks
// at once is woken onto its waker's P (the runtime's runnext), so the two
// take turns on one core in runs of a buffer's length, as with native
// channels. Parking at once made SPSC at cap 64 ~40% faster and cut its CPU
// per message by half on the AMD VM of the November 28 runs (the A/B of
// spinCap, on an Intel VM, found yielding there faster for SPSC and MPSC
// but slower for MPMC 16x16); for a rendezvous, whose partner is usually a
// yield away, it was ~50% slower. A small buffer is nearer the rendezvous: its
// runs are too short for the turns to pay, and its waiter yields once, as
// a rendezvous's does (spinCap says what that bought).
//
// Why no wake-up is lost. A receiver that found the ring empty registers
// (recvq count +1, a sequentially consistent RMW) and then looks at the ring
// once more, by its tail (Len, or TryPop's "empty" verdict). A sender claims
// its slot with a CAS of tail (sequentially consistent) and, after storing
// the value, loads recvq.count. In every interleaving one of the two sees the
// other: the receiver sees the value, or the sender sees a waiter and serves
// it. (The slot's stamp is only a store-release, so the argument rests on
// tail, not on the stamp: a receiver that sees tail moved and the stamp not
// yet stored waits the nanoseconds it takes, in TryPop.) The same holds for
// senders waiting for room against receivers, by head. The last look
// serves the queue from its head while the ring allows, so that the
// registering waiter, or whoever is ahead of it, is not left asleep beside
// a value (or room).
//
// While only run waiters are queued (batch.go), a receiver's pop passes
// them by, without the lock, until the first one's run fits (waitq.need);
// whoever lowers that need looks at the ring again, so that nobody is left
// asleep beside room a receiver passed by (setNeed, in waitq.go).
//
// No overtaking. While a callback (SendAsync, RecvAsync) is pending on a
// side, a new operation on that side joins the queue behind it instead of
// trying the ring: a goroutine's pending SendAsync is not overtaken by its
// own later Send, nor a pending RecvAsync by its later Recv (core.async's
// queues behave so). Parked goroutines need no such care (they have no
// later operation), so new operations may still pass them, which keeps
// the lock-free paths open under contention. The fast paths pay one
// atomic load for it.
//
// Invariants:
//   - While a receiver is queued, every value pushed after it was queued is
//     followed by a serveRecv (a sender loads recvq.count after its push); and
//     symmetrically for queued senders and pops, where serveSend first
//     checks need without the lock.
//   - A queued sender that is not a run waiter is never held up by one:
//     with room for one value, the first in line is served.
//   - After Close (the ring's mark bit set), no push succeeds; waiters are
//     all served, and each sees the mark on its retry.
package mpmc

import (
	"github.com/hoare-go/hoare/internal/park"
)

// spinCap is the largest capacity at which a waiter on the buffer yields
// once before it parks (see the file comment). Measured against parking at
// once, 10 interleaved rounds on the 2-core VM of results/2026-11-29-vm-2
// (spincap-ab.txt there): SPSC ~26% faster at cap 1 (CPU per message ~31%
// less), ~24% at cap 2, ~15% at cap 4; MPMC 4x4 at cap 1 ~14%; the 4-stage
// cap-1 pipeline ~24%; no row slower. Above 4 the result was mixed: yielding
// at every capacity made SPSC and MPSC at cap 64 ~24% faster but MPMC 4x4
// at cap 8 ~47% and 16x16 at cap 64 ~14% slower; a limit of 16 made SPSC at
// cap 8 ~25% faster and moved MPMC 4x4 at cap 8 by no difference benchstat
// could tell (p=0.052). 4 is the limit with no loss.
const spinCap = 4

// testHook, when a test sets it, is called at the named points of the
// slow paths where an interleaving matters (trySendFull, tryRecvEmpty),
// so that a test can make another goroutine's step happen exactly there.
// It is nil in production: one load of a global on a slow path.
var testHook func(where string)

// hook calls testHook if a test set it.
func hook(where string) {
	if testHook != nil {
		testHook(where)
	}
}

// spins reports whether a waiter on c's buffer yields once before it parks.
func (c *Chan[T]) spins() bool { return c.cap <= spinCap }

// pushed is called after every successful push: it serves a waiting
// receiver, if any. When nobody waits it costs one atomic load.
func (c *Chan[T]) pushed() {
	if uint32(c.recvq.count.Load()) != 0 { // waiting(), spelled out to stay inlinable

		c.serveRecv()
	}
}

// popped is called after every successful pop: it serves a waiting sender,
// if any. When nobody waits it costs one atomic load.
func (c *Chan[T]) popped() {
	if uint32(c.sendq.count.Load()) != 0 { // waiting(), spelled out to stay inlinable

		c.serveSend()
	}
}

// popClosed pops a value; when there is none it also reports whether the
// channel is closed and drained. The second pop after seeing the mark is
// what makes "drained" exact: no push can succeed after the mark.
func (c *Chan[T]) popClosed() (v T, ok, closed bool) {
	if c.policy == dropOld {
		c.sendq.mu.Lock() // a sliding channel's every ring step holds it (see sendFull)
		defer c.sendq.mu.Unlock()
	}
	if v, ok = c.buf.TryPop(); ok {
		return v, true, false
	}
	if !c.buf.Closed() {
		return v, false, false
	}
	v, ok = c.buf.TryPop()
	return v, ok, !ok
}

// serveRecv lets the first queued receiver make progress: it pops a value
// for it and completes it, a parked goroutine by waking it, a pending
// RecvAsync by running its callback (closed and drained, with none). A
// goroutine for which there is no value after all wakes to retry. It reports false if there was
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
		if e.claim() {
			q.unlink(e)
			v, ok, _ := c.popClosed() // hand it a value, so it need not retry
			e.val, e.ok = v, ok
			q.mu.Unlock()
			e.w.Wake()
			if ok {
				c.popped()
			}
			return true
		}
		q.unlink(e) // dead: selected elsewhere or withdrawn; its owner recycles it
	}
	q.mu.Unlock()
	return false
}

// serveSend lets the first queued sender make progress: it pushes the
// sender's value for it and completes it, a parked goroutine by waking it,
// a pending SendAsync by running its callback (closed, with false). A
// goroutine whose value does not fit after all wakes to retry. A run
// waiter first in line is served once its run fits, or, with other kinds
// of waiters queued behind it, once one value fits (batch.go); after a run
// waiter, the next in line too while there is room (setNeed in waitq.go
// says why). It reports whether it served anybody.
func (c *Chan[T]) serveSend() bool {
	q := &c.sendq
	afterRun := false
	for served := false; ; served = true {
		if n := q.need.Load(); n != 0 && !c.fits(int(n)) {
			return served // a run waiter is first and its run does not fit yet: no lock
		}
		ok, run := c.serveSendOnce()
		if !ok {
			return served
		}
		// After a run waiter, serve on until a look serves nobody: receivers
		// may have passed the next in line by on the need of the one served.
		if afterRun = afterRun || run; !afterRun || !q.waiting() {
			return true
		}
	}
}

// serveSendOnce is one look of serveSend, under the lock. It reports
// whether it served anybody, and whether that was a run waiter.
func (c *Chan[T]) serveSendOnce() (served, run bool) {
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
			return true, false
		}
		// Room for the waiter: one value, or a run waiter's run while no
		// other kind of waiter is queued (batch.go). Without it, waking the
		// waiter would only send it to the back of the queue.
		need := 1
		if e.run != nil && q.others == 0 {
			need = e.need
		}
		if !c.fits(need) {
			break
		}
		if e.claim() {
			q.unlink(e)
			if e.run != nil {
				n := c.buf.PushMany(e.run) // push what fits of its run
				e.moved, e.ok = n, n > 0 || !c.buf.Closed()
				q.mu.Unlock()
				e.w.Wake()
				c.pushedMany(n)
				return true, true
			}
			ok := c.buf.TryPush(e.val) // push its value, so it need not retry
			e.ok = ok
			q.mu.Unlock()
			e.w.Wake()
			if ok {
				c.pushed()
			}
			return true, false
		}
		q.unlink(e)
	}
	q.mu.Unlock()
	return false, false
}

// fits reports whether n values fit in the ring now, or it is closed: when
// a waiting sender is to be served (it then pushes, or learns of the
// close).
func (c *Chan[T]) fits(n int) bool { return c.cap-c.buf.Len() >= n || c.buf.Closed() }

// sendBuffered is Send's slow path: the ring was full (or closed), or
// others were queued. It returns nil once v is pushed (or dropped by the
// policy), ErrClosed, or errCanceled when done closed first, in which case
// v was not sent.
//
// A sender never overtakes a pending SendAsync (its own goroutine's, say):
// while one is queued it joins the queue, which is served from its head,
// by receivers as they pop and by the joiner itself while there is room.
func (c *Chan[T]) sendBuffered(v T, done <-chan struct{}) error {
	if c.policy == dropOld {
		return c.sendFull(v)
	}
	for {
		if !c.sendq.pending() && c.buf.TryPush(v) {
			c.pushed()
			return nil
		}
		if c.buf.Closed() {
			return ErrClosed
		}
		if c.policy != block {
			return c.sendFull(v)
		}
		spin := c.spins()
		e := c.sendq.enqueue(v, done == nil, !spin)
		// The last look (see the file comment): while there is room, serve
		// the queue from its head, which may be e itself.
		for c.fits(1) && e.w.Undecided() && c.serveSend() {
		}
		if !e.sleep(spin, done) { // see the file comment and spinCap
			c.sendq.release(e)
			return errCanceled
		}
		pushed := e.ok     // the waker pushed v for us
		c.sendq.recycle(e) // the waker unlinked e
		if pushed {
			return nil
		}
	}
}

// sendFull applies the full-buffer policy of a Dropping or Sliding
// channel: the send succeeds at once.
func (c *Chan[T]) sendFull(v T) error {
	if c.policy == dropNew {
		return nil // discard v
	}
	// dropOld: discard the oldest until v fits. The pop and the push are
	// not one step, so nothing may fall between them: not Close (it would
	// lose the popped value with no send to show for it), not another push
	// (it would take the hole out of order), not a pop (it would see empty
	// a buffer that a sliding send keeps full). So on a sliding channel
	// every ring step holds sendq's lock, which it uses for nothing else,
	// its senders never waiting: a sliding buffer is a locked buffer, as
	// core.async's is.
	c.sendq.mu.Lock()
	for {
		if c.buf.TryPush(v) {
			c.sendq.mu.Unlock()
			c.pushed()
			return nil
		}
		if c.buf.Closed() {
			c.sendq.mu.Unlock()
			return ErrClosed
		}
		c.buf.TryPop()
	}
}

// recvBuffered is Recv's slow path: the ring was empty, or others were
// queued. It returns a value, ErrClosed when the channel is closed and
// drained, or errCanceled when done closed first, in which case nothing
// was taken. Like a sender, a receiver never overtakes a pending callback.
func (c *Chan[T]) recvBuffered(done <-chan struct{}) (T, error) {
	for {
		var v T
		if !c.recvq.pending() { // else queue behind the callbacks, closed or not
			var ok, closed bool
			if v, ok, closed = c.popClosed(); ok {
				c.popped()
				return v, nil
			}
			if closed {
				return v, ErrClosed
			}
		}
		spin := c.spins()
		e := c.recvq.enqueue(v, done == nil, !spin)
		// The last look: while there are values, serve the queue from its
		// head, which may be e itself.
		for (c.buf.Len() > 0 || c.buf.Closed()) && e.w.Undecided() && c.serveRecv() {
		}
		if !e.sleep(spin, done) {
			c.recvq.release(e)
			return v, errCanceled
		}
		v, ok := e.val, e.ok // the waker popped v for us
		c.recvq.recycle(e)   // the waker unlinked e
		if ok {
			return v, nil
		}
	}
}

// trySendFull is TrySend when the ring refused the push, or others were
// queued, whom a TrySend does not overtake (or the channel slides).
//
// Pending callbacks go first, but the ring may have room for them and for
// v: serve them while it has, then try v, so that a TrySend fails only on a
// ring found full at one instant (Len). Each turn decides from the queue as
// it is now, not as the caller saw it: the last pending callback may have
// been served (by its own SendAsync's last look, say) since, and a TrySend
// that then reported ErrWouldBlock without trying the ring failed beside
// room (found by TestLinearizable, about once in 10,000 histories).
func (c *Chan[T]) trySendFull(v T) error {
	for c.policy == block && !c.buf.Closed() {
		if !c.sendq.pending() {
			hook("trySendFull.push")
			if c.buf.TryPush(v) {
				c.pushed()
				return nil
			}
			if c.buf.Closed() {
				break // refused by a Close since the loop's look: ErrClosed
			}
			return ErrWouldBlock // full, and not closed
		}
		if c.buf.Len() >= c.cap {
			return ErrWouldBlock // full at one instant, with callbacks ahead of v
		}
		c.serveSend() // serves the first callback, or finds it gone
	}
	switch {
	case c.policy == dropOld:
		return c.sendFull(v)
	case c.buf.Closed():
		return ErrClosed
	}
	return c.sendFull(v) // dropNew
}

// tryRecvEmpty is TryRecv when the ring had nothing (or a RecvAsync was
// pending, which a TryRecv does not overtake while there are values for
// it). As trySendFull: pending callbacks go first, served while there are
// values, so that a TryRecv fails only on a ring found empty at one
// instant; each turn decides from the queue as it is now.
func (c *Chan[T]) tryRecvEmpty() (T, error) {
	for c.recvq.pending() {
		// c.Len, not the ring's: a sliding ring looks empty mid-slide.
		if c.Len() == 0 {
			hook("tryRecvEmpty.closed")
			if !c.buf.Closed() {
				var zero T
				return zero, ErrWouldBlock // empty at one instant, with callbacks ahead
			}
			// Closed, but a push may have landed between the two looks:
			// drained only if still empty now that no push can succeed.
			if c.Len() == 0 {
				break // closed and drained: say so, as the callbacks will be told
			}
		}
		c.serveRecv() // serves the first callback, or finds it gone
	}
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

// sleep parks e's goroutine, after a spin if spin is true, until a waker
// selected it (true) or done closed first and the goroutine withdrew
// (false).
func (e *entry[T]) sleep(spin bool, done <-chan struct{}) bool {
	if e.w.Wait(spin, done, nil) == park.Woken {
		return true
	}
	if e.w.Abort() {
		return false
	}
	e.w.Finish() // a waker won the race with done: its hand-off stands
	return true
}
