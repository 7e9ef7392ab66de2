// The hoare adapter: github.com/hoare-go/hoare/mpmc's Chan[int]. The batch loops use
// SendMany/RecvMany, the batch API that native channels lack.
//
// Invariants: one method, one loop; the batch loops allocate one buffer per call,
// never per message.

package workload

import "github.com/hoare-go/hoare/mpmc"

type hoareChan struct{ c *mpmc.Chan[int] }

func newHoare(capacity int) Chan { return hoareChan{mpmc.New[int](capacity)} }

func (h hoareChan) SendN(from, n int) {
	c := h.c
	for i := from; i < from+n; i++ {
		c.Send(i)
	}
}

func (h hoareChan) RecvN(n int) int {
	c, s := h.c, 0
	for range n {
		v, _ := c.Recv()
		s += v
	}
	return s
}

func (h hoareChan) SendBatchN(from, n, batch int) {
	c, buf := h.c, make([]int, batch)
	for i := from; i < from+n; i += batch {
		k := min(batch, from+n-i)
		for j := range k {
			buf[j] = i + j
		}
		c.SendMany(buf[:k])
	}
}

func (h hoareChan) RecvBatchN(n, batch int) int {
	c, buf, s := h.c, make([]int, batch), 0
	for got := 0; got < n; {
		k := c.RecvMany(buf[:min(batch, n-got)])
		if k == 0 {
			break // closed and drained: the workload's sum check reports the loss
		}
		for _, v := range buf[:k] {
			s += v
		}
		got += k
	}
	return s
}

func (h hoareChan) TrySendN(n int) int {
	c, ok := h.c, 0
	for i := range n {
		if c.TrySend(i) == nil {
			ok++
		}
	}
	return ok
}

func (h hoareChan) TryRecvN(n int) int {
	c, ok := h.c, 0
	for range n {
		if _, err := c.TryRecv(); err == nil {
			ok++
		}
	}
	return ok
}

func (h hoareChan) SendRecvN(n int) int {
	c, s := h.c, 0
	for i := 1; i <= n; i++ {
		c.Send(i)
		v, _ := c.Recv()
		s += v
	}
	return s
}

func (h hoareChan) RelayN(out Chan, n int) int {
	c, o, s := h.c, out.(hoareChan).c, 0
	for range n {
		v, _ := c.Recv()
		o.Send(v)
		s += v
	}
	return s
}

func (h hoareChan) AskN(reply Chan, n int) int {
	c, r, s := h.c, reply.(hoareChan).c, 0
	for i := 1; i <= n; i++ {
		c.Send(i)
		v, _ := r.Recv()
		s += v
	}
	return s
}
