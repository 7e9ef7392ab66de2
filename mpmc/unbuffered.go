// unbuffered: the rendezvous of a channel with capacity 0.
//
// A send completes only when a receiver takes its value, as with
// make(chan T). The two wait queues share one lock, so that "is somebody
// waiting on the other side? then pair with it, else wait here" is one
// atomic step, as in Go's runtime/chan.go. The value passes directly from
// the sender to the receiver (through the waiting side's entry); nothing is
// buffered.
//
// A waiting goroutine yields once (park.Spin) before it parks:
// when its partner is runnable, the hand-off then often completes without
// the park and the ready.
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
	if r := c.recvq.first(); r != nil {
		c.handToReceiver(r, v) // unlocks
		return nil
	}
	e := q.get()
	e.w, e.val, e.solo = &e.own, v, done == nil
	q.link(e)
	q.mu.Unlock()
	woken := e.sleep(true, done)
	ok := e.ok
	q.done(e, woken)
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
	if s := c.sendq.first(); s != nil {
		return c.takeFromSender(s), nil // unlocks
	}
	if c.closed.Load() {
		q.mu.Unlock()
		var zero T
		return zero, ErrClosed
	}
	e := q.get()
	e.w, e.solo = &e.own, done == nil
	q.link(e)
	q.mu.Unlock()
	woken := e.sleep(true, done)
	v, ok := e.val, e.ok
	q.done(e, woken)
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
	if !c.recvq.waiting() { // nobody waits: no lock taken
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
	if r := c.recvq.first(); r != nil {
		c.handToReceiver(r, v)
		return nil
	}
	c.recvq.mu.Unlock()
	return ErrWouldBlock
}

// tryRecvUnbuffered takes a value only from a sender already waiting.
func (c *Chan[T]) tryRecvUnbuffered() (T, error) {
	var zero T
	if !c.sendq.waiting() {
		if c.closed.Load() {
			return zero, ErrClosed
		}
		return zero, ErrWouldBlock
	}
	c.recvq.mu.Lock()
	if s := c.sendq.first(); s != nil {
		return c.takeFromSender(s), nil
	}
	c.recvq.mu.Unlock()
	if c.closed.Load() {
		return zero, ErrClosed
	}
	return zero, ErrWouldBlock
}

// closeUnbuffered closes the channel: under one hold of the lock it sets
// closed and takes every queued entry, as runtime.closechan does, so that
// no receiver can pair with a sender that was blocked at Close; then, the
// lock released, it completes them: receivers with ok == false, senders
// with closed (a Send then panics), callbacks with false. It panics if the
// channel is already closed.
func (c *Chan[T]) closeUnbuffered() {
	c.recvq.mu.Lock()
	if c.closed.Load() {
		c.recvq.mu.Unlock()
		panic(errCloseClosed)
	}
	c.closed.Store(true)      // a select's version reads it too (select.go, closedVersion)
	var taken, last *entry[T] // claimed entries in queue order, chained through next
	for _, q := range [2]*waitq[T]{&c.recvq, &c.sendq} {
		for e := q.first(); e != nil; e = q.first() {
			e.ok = false
			if last == nil {
				taken = e
			} else {
				last.next = e
			}
			last = e
		}
	}
	c.recvq.mu.Unlock()
	for e := taken; e != nil; {
		next := e.next // read before the wake: the owner may recycle e at once
		if e.w != nil {
			e.w.Wake()
		} else {
			var zero T
			switch sendDone, recvDone := e.sendDone, e.recvDone; {
			case sendDone != nil:
				sendDone(false)
			case recvDone != nil:
				recvDone(zero, false)
			}
		}
		e = next
	}
}
