// batch: moving many values for the synchronisation cost of one.
//
// SendMany, TrySendMany and RecvMany reserve a run of ring slots with one CAS
// (ring.MPMC.PushMany / PopMany) and wake as many waiters as values moved.
// A SendMany that finds the buffer full waits as a run waiter (sendRun):
// a receiver serves it with a whole run once the run fits, and wakes it
// once for the run; but a run waiter never holds up a sender of another
// kind queued behind it. They are extras: native channels have nothing
// like them.
package mpmc

// SendMany sends every value of vs, in order, blocking while the buffer is
// full. Blocked, it waits for room for a run (what remains of vs, or half
// the buffer, whichever is less) rather than for each slot as it frees, so
// that receivers wake it once a run; no value is lost or reordered by
// that, and a Send, a SendAsync or a select queued behind it is not held
// up by it. Values of other senders may fall between runs. It panics if c is
// closed, as Send does, after the values it sent before. On an unbuffered
// or a Dropping or Sliding channel it is a loop of Send.
func (c *Chan[T]) SendMany(vs []T) {
	if c.buf == nil || c.policy != block {
		for _, v := range vs {
			c.Send(v)
		}
		return
	}
	for len(vs) > 0 {
		n := 0
		if !c.sendq.pending() { // never overtake a pending SendAsync
			n = c.buf.PushMany(vs)
		}
		switch {
		case n > 0:
			c.pushedMany(n)
		case c.sendq.pending():
			c.Send(vs[0]) // behind a pending SendAsync, one value at a time as Send
			n = 1
		default:
			// Full (or closed: it panics), or the callback seen pending
			// above has left since: sendRun's last look then pushes the run
			// if it fits, and otherwise waits as its doc allows.
			n = c.sendRun(vs)
		}
		vs = vs[n:]
	}
}

// TrySendMany sends, in order, as many values of vs as c takes now without
// waiting, and returns how many it sent: the values of a prefix of vs, as a
// loop of TrySend that stops at its first error would. err is that error:
// nil when every value was sent, ErrWouldBlock when c could take no more
// now, ErrClosed when c is closed. On a buffered channel of the default
// policy with no callback queued (SendAsync, RecvAsync), the values that
// fit go in one run, for the synchronisation cost of one TrySend, and no
// other sender's value falls between them; otherwise, and for what is left
// when a receiver is mid-step, it is that loop.
func (c *Chan[T]) TrySendMany(vs []T) (int, error) {
	// A queued RecvAsync callback runs inside the push that serves it, and
	// may act on c (close it, send to it): a loop of TrySend runs it after
	// the first value, so the run must not push the rest ahead of it.
	if c.buf != nil && c.policy == block && len(vs) > 0 && !c.sendq.pending() && !c.recvq.pending() {
		if n := c.buf.PushMany(vs); n > 0 {
			c.pushedMany(n)
			if n == len(vs) {
				return n, nil
			}
			vs = vs[n:] // the buffer filled, or a receiver is mid-step: TrySend says which
			m, err := c.trySendEach(vs)
			return n + m, err
		}
	}
	return c.trySendEach(vs)
}

// trySendEach is TrySendMany as a loop of TrySend.
func (c *Chan[T]) trySendEach(vs []T) (int, error) {
	for i, v := range vs {
		if err := c.TrySend(v); err != nil {
			return i, err
		}
	}
	return len(vs), nil
}

// sendRun waits, as a run waiter, until a receiver that freed room has
// pushed a run of vs for it, and returns how many it pushed (at least 1).
// It panics if c is closed, as Send does.
//
// While only run waiters are queued, the first is served once need slots
// are free: all of vs, or half the buffer, whichever is less. A receiver
// taking values one at a time then wakes the waiter once per run rather
// than once per value, which is what a blocked Send costs (measured:
// FlowMerge, whose relays forward runs into a full channel with
// SendMany). The price is that while it waits, a SendMany may leave fewer
// than need slots unfilled that a loop of Send would have filled; no value
// is reordered or lost. Once a waiter of another kind (a Send, a
// SendAsync, a select's send) queues behind it, it is served as soon as
// one value fits, as a Send is, and queues again behind that waiter for
// the rest: a loop of Send would have done the same, and the one behind
// it is never held up by room the run is waiting for.
func (c *Chan[T]) sendRun(vs []T) int {
	need := min(len(vs), max(1, c.cap/2))
	for {
		if c.buf.Closed() {
			panic(errSendClosed)
		}
		e := c.sendq.enqueueRun(vs, need)
		// The last look (buffered.go): while its run fits, serve the queue
		// from its head, which may be e itself.
		for c.fits(need) && e.w.Undecided() && c.serveSend() {
		}
		e.sleep(false, nil) // solo: it cannot be withdrawn
		n, ok := e.moved, e.ok
		c.sendq.recycle(e) // the waker unlinked e
		if !ok {
			panic(errSendClosed)
		}
		if n > 0 {
			return n
		}
		// Another sender took the room between the waker's look and its
		// push: wait again.
	}
}

// pushedMany serves up to n waiting receivers after n values were pushed.
func (c *Chan[T]) pushedMany(n int) {
	for range n {
		if !c.recvq.waiting() {
			return
		}
		c.serveRecv()
	}
}

// RecvMany receives into buf: it blocks until at least one value is
// available, then takes as many as are buffered, up to len(buf), and
// returns how many. It returns 0 only when c is closed and drained (or buf
// is empty).
func (c *Chan[T]) RecvMany(buf []T) int {
	if len(buf) == 0 {
		return 0
	}
	if c.buf != nil && !c.recvq.pending() { // never overtake a pending RecvAsync
		if n := c.popMany(buf); n > 0 {
			c.poppedMany(n)
			return n
		}
	}
	v, ok := c.Recv()
	if !ok {
		return 0
	}
	buf[0] = v
	if c.buf == nil || c.recvq.pending() {
		return 1
	}
	n := 1 + c.popMany(buf[1:])
	c.poppedMany(n - 1)
	return n
}

// popMany is the ring's PopMany, under the slide lock on a sliding channel
// (see sendFull).
func (c *Chan[T]) popMany(buf []T) int {
	if c.policy == dropOld {
		c.sendq.mu.Lock()
		defer c.sendq.mu.Unlock()
	}
	return c.buf.PopMany(buf)
}

// poppedMany serves up to n waiting senders after n values were popped,
// stopping at the first look that serves nobody (a run waiter whose run
// does not fit yet, say), since the next would not either.
func (c *Chan[T]) poppedMany(n int) {
	for range n {
		if !c.sendq.waiting() || !c.serveSend() {
			return
		}
	}
}
