// unbuffered: the rendezvous of a channel with capacity 0.
//
// A send completes only when a receiver takes its value, as with
// make(chan T). The two wait queues share one lock, so that "is somebody
// waiting on the other side? then pair with it, else wait here" is one
// atomic step, as in Go's runtime/chan.go. The value passes directly from
// the sender to the receiver (through the waiting side's entry); nothing is
// buffered.
//
// A waiting goroutine spins briefly on its Waiter before it parks: when the
// partner is running on another core (ping-pong, a pipeline), the hand-off
// completes without the runtime's park and ready, which is where native
// unbuffered channels spend their time.
//
// Invariants:
//   - Under the lock, at most one queue holds live entries: a sender queues
//     only when no live receiver is queued, and vice versa (the lock-free
//     "nobody waits" loads of n may see an entry that is already dead).
//   - The taker of an entry (the pairing side, or Close) sets the entry's
//     val and ok under the lock, then calls Wake after unlocking; the owner
//     reads them after its wait ends.
//   - After closed is set and Close has swept the queues under the lock, no
//     entry is ever queued again: every queuing path checks closed under the
//     lock first.
package mpmc

// sendUnbuffered waits for a receiver to take v. It returns nil once taken,
// ErrClosed if the channel is or becomes closed, or errCanceled when done
// closed first, in which case no receiver got v.
func (c *Chan[T]) sendUnbuffered(v T, done <-chan struct{}) error {
	q := &c.sendq
	q.mu.Lock()
	if c.closed.Load() {
		q.mu.Unlock()
		return ErrClosed
	}
	if r := c.recvq.first(nil); r != nil {
		c.handToReceiver(r, v) // unlocks
		return nil
	}
	e := q.get()
	e.w, e.val = &e.own, v
	q.link(e)
	q.mu.Unlock()
	woken := e.sleep(done)
	ok := e.ok
	q.release(e)
	switch {
	case !woken:
		return errCanceled
	case !ok:
		return ErrClosed
	}
	return nil
}

// handToReceiver completes the taken receiver entry r with v. Called with
// the lock held; it unlocks before it wakes r or runs r's callback.
func (c *Chan[T]) handToReceiver(r *entry[T], v T) {
	if r.w == nil {
		done := r.recvDone
		c.recvq.put(r)
		c.recvq.mu.Unlock()
		if done != nil {
			done(v, true)
		}
		return
	}
	r.val, r.ok = v, true
	c.recvq.mu.Unlock()
	r.w.Wake()
}

// recvUnbuffered waits for a sender. It returns the value sent, ErrClosed
// when the channel is closed, or errCanceled when done closed first, in
// which case nothing was taken.
func (c *Chan[T]) recvUnbuffered(done <-chan struct{}) (T, error) {
	q := &c.recvq
	q.mu.Lock()
	if s := c.sendq.first(nil); s != nil {
		return c.takeFromSender(s), nil // unlocks
	}
	if c.closed.Load() {
		q.mu.Unlock()
		var zero T
		return zero, ErrClosed
	}
	e := q.get()
	e.w = &e.own
	q.link(e)
	q.mu.Unlock()
	woken := e.sleep(done)
	v, ok := e.val, e.ok
	q.release(e)
	switch {
	case !woken:
		return v, errCanceled
	case !ok:
		return v, ErrClosed
	}
	return v, nil
}

// takeFromSender completes the taken sender entry s and returns its value.
// Called with the lock held; it unlocks before it wakes s or runs s's
// callback.
func (c *Chan[T]) takeFromSender(s *entry[T]) T {
	v := s.val
	if s.w == nil {
		done := s.sendDone
		c.sendq.put(s)
		c.recvq.mu.Unlock()
		if done != nil {
			done(true)
		}
		return v
	}
	var zero T
	s.val, s.ok = zero, true
	c.recvq.mu.Unlock()
	s.w.Wake()
	return v
}

// trySendUnbuffered sends v only to a receiver already waiting.
func (c *Chan[T]) trySendUnbuffered(v T) error {
	if c.recvq.n.Load() == 0 { // nobody waits: no lock taken
		if c.closed.Load() {
			return ErrClosed
		}
		return ErrWouldBlock
	}
	c.recvq.mu.Lock()
	if c.closed.Load() {
		c.recvq.mu.Unlock()
		return ErrClosed
	}
	if r := c.recvq.first(nil); r != nil {
		c.handToReceiver(r, v)
		return nil
	}
	c.recvq.mu.Unlock()
	return ErrWouldBlock
}

// tryRecvUnbuffered takes a value only from a sender already waiting.
func (c *Chan[T]) tryRecvUnbuffered() (T, error) {
	var zero T
	if c.sendq.n.Load() == 0 {
		if c.closed.Load() {
			return zero, ErrClosed
		}
		return zero, ErrWouldBlock
	}
	c.recvq.mu.Lock()
	if s := c.sendq.first(nil); s != nil {
		return c.takeFromSender(s), nil
	}
	c.recvq.mu.Unlock()
	if c.closed.Load() {
		return zero, ErrClosed
	}
	return zero, ErrWouldBlock
}

// closeUnbuffered completes every waiter after closed was set: receivers
// with ok == false, senders with closed (a Send then panics), callbacks
// with false. One entry per lock hold, since callbacks run unlocked.
func (c *Chan[T]) closeUnbuffered() {
	for _, q := range [2]*waitq[T]{&c.recvq, &c.sendq} {
		for {
			q.mu.Lock()
			e := q.first(nil)
			if e == nil {
				q.mu.Unlock()
				break
			}
			if e.w != nil {
				e.ok = false
				q.mu.Unlock()
				e.w.Wake()
				continue
			}
			sendDone, recvDone := e.sendDone, e.recvDone
			q.put(e)
			q.mu.Unlock()
			var zero T
			switch {
			case sendDone != nil:
				sendDone(false)
			case recvDone != nil:
				recvDone(zero, false)
			}
		}
	}
}
