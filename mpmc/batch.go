// batch: moving many values for the synchronisation cost of one.
//
// SendMany and RecvMany reserve a run of ring slots with one CAS
// (ring.MPMC.PushMany / PopMany) and wake as many waiters as values moved.
// They are extras: native channels have nothing like them.
package mpmc

// SendMany sends every value of vs, in order, blocking as Send does while
// the buffer is full. Values of other senders may fall between runs of
// them. It panics if c is closed, as Send does. On an unbuffered or a
// Dropping or Sliding channel it is a loop of Send.
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
		if n == 0 {
			c.Send(vs[0]) // full or closed: wait (or panic) as Send does
			n = 1
		} else {
			for range n {
				if !c.recvq.waiting() {
					break
				}
				c.serveRecv()
			}
		}
		vs = vs[n:]
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

// poppedMany serves up to n waiting senders after n values were popped.
func (c *Chan[T]) poppedMany(n int) {
	for range n {
		if !c.sendq.waiting() {
			return
		}
		c.serveSend()
	}
}
