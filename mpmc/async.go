// async: core.async's put! and take!, callbacks instead of parked goroutines.
//
// A SendAsync or RecvAsync that can complete at once does so on the
// caller's goroutine. One that cannot becomes an entry in the channel's wait
// queue, with no goroutine behind it; whoever later makes it possible (a
// receiver that frees room or pairs with it, a sender whose value it takes,
// Close) completes it and runs its callback on its own goroutine, after
// releasing the channel's locks.
//
// Invariants:
//   - At most maxPending callbacks of each kind are queued on a channel;
//     past that a call panics and leaves the channel as it was.
//   - Pending callbacks of one kind complete in the order they were made: a
//     new one completes at once only when nothing is queued on its side.
package mpmc

import "fmt"

// SendAsync sends v without blocking the caller, as core.async's put!. If v
// can be buffered (or, unbuffered, taken by a waiting receiver) now, it is,
// and done runs before SendAsync returns. Otherwise the send waits in the
// channel with no goroutine, and done runs on the goroutine that later
// completes it. done (which may be nil) runs exactly once: with true when v
// was buffered or taken, with false when the channel was closed first, in
// which case v was not sent. done must not block for long: it runs on
// another operation's goroutine.
//
// A channel holds at most 1024 pending SendAsync operations (core.async's
// limit); one more panics, and the channel stays usable. TrySendAsync
// returns an error there instead.
func (c *Chan[T]) SendAsync(v T, done func(ok bool)) {
	if !c.sendAsync(v, done) {
		panic(tooMany("SendAsync"))
	}
}

// TrySendAsync is SendAsync, except where SendAsync would panic because
// 1024 SendAsync operations are already pending on c: TrySendAsync then
// returns ErrWouldBlock, and done never runs. Otherwise it returns nil,
// and done runs exactly once, as SendAsync's. It serves code that relays
// values into channels it does not own (flow's Mult and Pub), which must
// not panic on a goroutine of its own when a consumer lags.
func (c *Chan[T]) TrySendAsync(v T, done func(ok bool)) error {
	if !c.sendAsync(v, done) {
		return ErrWouldBlock
	}
	return nil
}

// sendAsync is SendAsync; it reports false, with nothing done, when the
// limit of pending operations is reached.
func (c *Chan[T]) sendAsync(v T, done func(ok bool)) bool {
	if c.buf == nil {
		return c.sendAsyncUnbuffered(v, done)
	}
	if c.policy != dropOld && !c.sendq.pending() && c.buf.TryPush(v) {
		c.pushed()
		if done != nil {
			done(true)
		}
		return true
	}
	if c.buf.Closed() {
		if done != nil {
			done(false)
		}
		return true
	}
	if c.policy != block {
		err := c.sendFull(v)
		if done != nil {
			done(err == nil)
		}
		return true
	}
	q := &c.sendq
	q.mu.Lock()
	if !q.addCallback(v, done, nil) { // unlocks
		return false
	}
	// The last look: room may have appeared before we queued. Serve the
	// queue from its head while there is room, as a parked sender's last
	// look does: one serve may go to a goroutine queued ahead of us, whose
	// own last look then sees itself served and stops, and nobody would be
	// left to serve us beside the room.
	for c.fits(1) && c.serveSend() {
	}
	return true
}

// RecvAsync receives a value without blocking the caller, as core.async's
// take!. If a value is available now, done runs with it before RecvAsync
// returns. Otherwise the receive waits in the channel with no goroutine,
// and done runs on the goroutine that later completes it. done (which may
// be nil, dropping the value) runs exactly once: with (v, true) for a
// value, or (zero, false) when the channel is closed and drained. done must
// not block for long: it runs on another operation's goroutine.
//
// A channel holds at most 1024 pending RecvAsync operations; one more
// panics, and the channel stays usable.
func (c *Chan[T]) RecvAsync(done func(v T, ok bool)) {
	if c.buf == nil {
		c.recvAsyncUnbuffered(done)
		return
	}
	q := &c.recvq
	if !q.pending() {
		if v, ok, closed := c.popClosed(); ok || closed {
			if ok {
				c.popped()
			}
			if done != nil {
				done(v, ok)
			}
			return
		}
	}
	q.mu.Lock()
	var zero T
	if !q.addCallback(zero, nil, done) { // unlocks
		panic(tooMany("RecvAsync"))
	}
	// The last look, as SendAsync's: serve from the head while there are
	// values.
	for (c.buf.Len() > 0 || c.buf.Closed()) && c.serveRecv() {
	}
}

// sendAsyncUnbuffered pairs with a waiting receiver or queues the
// callback; false: the limit of pending operations is reached.
func (c *Chan[T]) sendAsyncUnbuffered(v T, done func(bool)) bool {
	q := &c.sendq
	q.mu.Lock()
	if c.closed.Load() {
		q.mu.Unlock()
		if done != nil {
			done(false)
		}
		return true
	}
	if r := c.recvq.first(); r != nil {
		c.handToReceiver(r, v) // unlocks
		if done != nil {
			done(true)
		}
		return true
	}
	return q.addCallback(v, done, nil) // unlocks
}

// recvAsyncUnbuffered pairs with a waiting sender or queues the callback.
func (c *Chan[T]) recvAsyncUnbuffered(done func(T, bool)) {
	q := &c.recvq
	q.mu.Lock()
	if s := c.sendq.first(); s != nil {
		v := c.takeFromSender(s) // unlocks
		if done != nil {
			done(v, true)
		}
		return
	}
	if c.closed.Load() {
		q.mu.Unlock()
		if done != nil {
			var zero T
			done(zero, false)
		}
		return
	}
	var zero T
	if !q.addCallback(zero, nil, done) { // unlocks
		panic(tooMany("RecvAsync"))
	}
}

// addCallback queues a pending SendAsync (v, sendDone) or RecvAsync
// (recvDone), called with q.mu held; it unlocks. Past maxPending it reports
// false instead, and leaves the queue as it was.
func (q *waitq[T]) addCallback(v T, sendDone func(bool), recvDone func(T, bool)) bool {
	if q.async.Load() >= maxPending {
		q.mu.Unlock()
		return false
	}
	e := q.get()
	e.val, e.sendDone, e.recvDone = v, sendDone, recvDone
	q.link(e)
	q.mu.Unlock()
	return true
}

// tooMany is the panic of an async operation past the limit, naming it.
func tooMany(op string) string {
	return fmt.Sprintf("mpmc: %s: %d operations already pending on this channel, the limit", op, maxPending)
}
