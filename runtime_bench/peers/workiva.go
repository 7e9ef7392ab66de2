// Adapter for github.com/Workiva/go-datastructures/queue's RingBuffer, a Vyukov-style
// bounded MPMC ring of interface{} values whose Put and Get spin with
// runtime.Gosched() while full or empty.
//
// Invariants: one method, one loop; capacity 0 is run as 2 (a queue has no rendezvous;
// PingPong never holds more than one value per queue); capacity 1 panics, because the
// ring livelocks with a single slot (a Vyukov ring needs two: measured here, a
// one-producer one-consumer run at capacity 1 never finished); the ring rounds
// capacities up to a power of two; ints are boxed into interface{} by the ring's API (small ones come
// from the runtime's static table, larger ones allocate); TryRecvN is not offered
// (the ring has no non-blocking receive) and panics if a workload calls it.

package peers

import (
	"github.com/Workiva/go-datastructures/queue"
	"github.com/hoare-go/hoare/internal/workload"
)

// Workiva is Workiva's queue.RingBuffer.
var Workiva = workload.Impl{Name: "workiva", New: func(c int) workload.Chan {
	switch {
	case c == 0:
		c = 2
	case c == 1:
		panic("peers: workiva's RingBuffer livelocks at capacity 1 (a Vyukov ring needs two slots)")
	}
	return workiva{queue.NewRingBuffer(uint64(c))}
}}

type workiva struct{ r *queue.RingBuffer }

func (w workiva) recv() int {
	v, err := w.r.Get()
	if err != nil {
		panic("peers: workiva Get: " + err.Error())
	}
	return v.(int)
}

func (w workiva) SendN(from, n int) {
	for i := from; i < from+n; i++ {
		_ = w.r.Put(i) // errors only once disposed, which never happens here
	}
}

func (w workiva) RecvN(n int) int {
	s := 0
	for range n {
		s += w.recv()
	}
	return s
}

func (w workiva) SendBatchN(from, n, _ int) { w.SendN(from, n) }

func (w workiva) RecvBatchN(n, _ int) int { return w.RecvN(n) }

func (w workiva) TrySendN(n int) int {
	ok := 0
	for i := range n {
		if put, _ := w.r.Offer(i); put {
			ok++
		}
	}
	return ok
}

// TryRecvN panics: RingBuffer has no non-blocking receive (Poll with a timeout reads
// the clock, which is not the same operation).
func (w workiva) TryRecvN(int) int {
	panic("peers: workiva's RingBuffer has no non-blocking receive")
}

func (w workiva) SendRecvN(n int) int {
	s := 0
	for i := 1; i <= n; i++ {
		_ = w.r.Put(i)
		s += w.recv()
	}
	return s
}

func (w workiva) RelayN(out workload.Chan, n int) int {
	o, s := out.(workiva).r, 0
	for range n {
		v := w.recv()
		_ = o.Put(v)
		s += v
	}
	return s
}

func (w workiva) AskN(reply workload.Chan, n int) int {
	r, s := reply.(workiva), 0
	for i := 1; i <= n; i++ {
		_ = w.r.Put(i)
		s += r.recv()
	}
	return s
}
