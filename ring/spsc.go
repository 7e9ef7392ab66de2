// SPSC: a bounded lock-free queue for exactly one producer and one consumer.
//
// Source: Lamport's single-producer single-consumer ring (1983), with each
// side keeping a cached copy of the other side's index, so that a side reads
// the other's cache line only when its cached view says full (or empty):
// once per lap of the ring in the steady state, not once per value. This is
// the design of Rigtorp's SPSCQueue and of Go's sync/poolqueue in spirit.
//
// Invariants:
//   - tail is written only by the producer, head only by the consumer; both
//     only grow (they wrap at 2^64, and differences stay correct).
//   - 0 <= tail-head <= cap. Slots [head, tail) (mod cap) hold values and are
//     the consumer's; the rest are the producer's.
//   - tailCache <= tail and headCache <= head: a stale view only ever
//     under-reports what the other side has done, so it can make a side
//     report full/empty too early, never overwrite or read a wrong slot.
//   - The store of tail (head) is the hand-off of the slots before it to the
//     consumer (producer): a store-release (internal/release), which orders
//     the slots' writes before it and is all a hand-off needs.
package ring

import (
	"fmt"
	"sync/atomic"

	"github.com/hoare-go/hoare/internal/pad"
	"github.com/hoare-go/hoare/internal/release"
)

// SPSC is a bounded, lock-free queue for one producer goroutine and one
// consumer goroutine at a time. Its capacity is rounded up to a power of
// two. Calling TryPush (or PushMany) from two goroutines at once, or TryPop
// (or PopMany) from two at once, is a data race.
//
// The zero value is not usable; make one with NewSPSC.
type SPSC[T any] struct {
	_         pad.Line
	head      atomic.Uint64 // next position to pop; written by the consumer
	tailCache uint64        // consumer's last view of tail
	_         pad.Line
	tail      atomic.Uint64 // next position to push; written by the producer
	headCache uint64        // producer's last view of head
	_         pad.Line
	buf       []T
	mask      uint64 // len(buf)-1; len(buf) is a power of two
}

// NewSPSC returns an empty ring with room for at least capacity values
// (rounded up to a power of two; Cap reports the real size).
// It panics if capacity < 1.
func NewSPSC[T any](capacity int) *SPSC[T] {
	if capacity < 1 {
		panic(fmt.Sprintf("ring: NewSPSC capacity %d: must be at least 1", capacity))
	}
	if uint64(capacity) > 1<<40 {
		panic(fmt.Sprintf("ring: NewSPSC capacity %d: larger than 1<<40", capacity))
	}
	n := 1
	for n < capacity {
		n <<= 1
	}
	return &SPSC[T]{buf: make([]T, n), mask: uint64(n - 1)}
}

// TryPush appends v and reports true, or reports false at once if the ring
// is full. Only the producer goroutine may call it.
func (r *SPSC[T]) TryPush(v T) bool {
	t := r.tail.Load() // our own word: no contention
	if t-r.headCache > r.mask {
		r.headCache = r.head.Load() // acquire: the consumer is done with those slots
		if t-r.headCache > r.mask {
			return false
		}
	}
	r.buf[t&r.mask] = v
	release.Store(&r.tail, t+1) // hand-off: the slot is the consumer's
	return true
}

// TryPop removes and returns the oldest value, or reports false at once if
// the ring is empty. Only the consumer goroutine may call it. The slot no
// longer references the value afterwards.
func (r *SPSC[T]) TryPop() (T, bool) {
	h := r.head.Load() // our own word
	if h == r.tailCache {
		r.tailCache = r.tail.Load() // acquire: the producer's writes are visible
		if h == r.tailCache {
			var zero T
			return zero, false
		}
	}
	i := h & r.mask
	v := r.buf[i]
	var zero T
	r.buf[i] = zero             // drop the reference: no retention
	release.Store(&r.head, h+1) // hand-off: the slot is the producer's
	return v, true
}

// PushMany appends a prefix of vs, as many as fit, and returns how many.
// It publishes them with one store: the cost of the hand-off is paid once
// per call, not once per value.
func (r *SPSC[T]) PushMany(vs []T) int {
	t := r.tail.Load()
	free := r.mask + 1 - (t - r.headCache)
	if free < uint64(len(vs)) {
		r.headCache = r.head.Load()
		free = r.mask + 1 - (t - r.headCache)
	}
	n := min(uint64(len(vs)), free)
	if n == 0 {
		return 0
	}
	i := t & r.mask
	k := copy(r.buf[i:], vs[:n]) // up to the end of buf,
	copy(r.buf, vs[k:n])         // then from the start
	release.Store(&r.tail, t+n)  // hand-off of all n slots
	return int(n)
}

// PopMany removes up to len(buf) of the oldest values into buf, in order,
// and returns how many. One store hands all the slots back.
func (r *SPSC[T]) PopMany(buf []T) int {
	h := r.head.Load()
	avail := r.tailCache - h
	if avail < uint64(len(buf)) {
		r.tailCache = r.tail.Load()
		avail = r.tailCache - h
	}
	n := min(uint64(len(buf)), avail)
	if n == 0 {
		return 0
	}
	i := h & r.mask
	k := copy(buf[:n], r.buf[i:])
	copy(buf[k:n], r.buf)
	clear(r.buf[i:min(i+n, r.mask+1)]) // drop the references
	if k < int(n) {
		clear(r.buf[:int(n)-k])
	}
	release.Store(&r.head, h+n) // hand-off of all n slots
	return int(n)
}

// Len returns the number of values in the ring. Called by a third goroutine
// it is a snapshot that may be stale by the time it returns.
func (r *SPSC[T]) Len() int {
	for {
		h := r.head.Load()
		t := r.tail.Load()
		if r.head.Load() == h {
			return int(t - h)
		}
	}
}

// Cap returns the capacity: the requested one rounded up to a power of two.
func (r *SPSC[T]) Cap() int { return int(r.mask + 1) }
