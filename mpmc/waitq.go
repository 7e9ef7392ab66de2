// waitq: the queue of operations waiting on one side of a channel.
//
// An entry is either a parked goroutine (w != nil; a plain Send or Recv, a
// SendMany waiting with a run of values, or one case of a select) or a
// pending callback (w == nil; SendAsync or RecvAsync). Entries are kept in
// arrival order in a doubly linked list, so that an owner that withdraws
// can unlink itself in O(1).
//
// Invariants:
//   - The list, every entry's links and linked flag, and the async count
//     are written under mu (async is atomic so that it can be read without
//     it), and so is the free list. The spare slot holds one free entry
//     besides: an owner puts its taken entry there with a CAS from nil,
//     and only get, under mu, empties it. The returned stack holds the
//     free entries that found the slot full: owners push with a CAS, and
//     only get, under mu, takes it, whole. mu is never held while a
//     goroutine parks, nor while a callback runs.
//   - The low half of count == the number of linked entries, written only
//     under mu, read without it: a sender or receiver that finds it 0
//     knows, with one atomic load, that nobody waits (the Dekker pairing
//     with the waiter's register-then-recheck is argued in buffered.go).
//   - others == the number of linked entries that are not run waiters;
//     need == the first entry's need when others == 0 (every waiter is a
//     run waiter), else 0. Both are written under mu by link and unlink;
//     need is read without it.
//   - An entry of a goroutine is unlinked by whoever takes it: a waker that
//     claimed its Waiter (claim: TrySelect, or Claim for a solo entry), a
//     waker that found it dead (selected elsewhere or aborted), or its
//     owner after a successful Abort. Only its owner returns it to the free
//     list (release, or recycle to the spare slot or the returned stack):
//     one a waker took, after the waker's Wake; one nobody took, under mu,
//     or without it once unlink has cleared its linked flag, which is
//     unlink's last touch of the entry.
package mpmc

import (
	"sync/atomic"

	"github.com/hoare-go/hoare/internal/pad"
	"github.com/hoare-go/hoare/internal/park"
	"github.com/hoare-go/hoare/internal/release"
)

// maxPending is the bound on pending SendAsync (and, separately, RecvAsync)
// operations per channel: core.async's MAX-QUEUE-SIZE.
const maxPending = 1024

// waitq is one side's queue of waiting operations.
type waitq[T any] struct {
	count atomic.Uint64 // low 32 bits: linked entries; high 32: links and unlinks so far (see waiting, version)
	mu    *mutex        // the channel's lock for this queue (unbuffered: one for both queues)
	head  *entry[T]
	tail  *entry[T]
	free  *entry[T]    // recycled entries, linked through next
	async atomic.Int32 // linked entries that are callbacks: the bound, and "no overtaking"
	// need is the first entry's need while every entry is a run waiter
	// (batch.go), else 0: written under mu, read without it, so that a
	// receiver can see "the first sender's run does not fit yet" without
	// the lock (serveSend).
	need   atomic.Int64
	others int // linked entries that are not run waiters (guarded by mu)
	// rendezvous marks the queues of an unbuffered channel, set at New:
	// nothing pairs with their entries without taking mu, so link moves
	// count with a store-release, as unlink does (see link).
	rendezvous bool
	_          pad.Line
	// spare is one recycled entry, returned without mu (recycle). On a
	// line of its own: the owners' CAS on it would otherwise evict count,
	// which every fast path reads.
	spare atomic.Pointer[entry[T]]
	// returned is a stack of recycled entries, linked through next, that
	// found the spare slot taken: pushed without mu (recycle), emptied
	// whole under it (get).
	returned atomic.Pointer[entry[T]]
	_        pad.Line
}

// entry is one waiting operation.
type entry[T any] struct {
	next, prev *entry[T]
	// linked is 1 while e is in the list. Written under mu, with a
	// store-release (a plain MOV on amd64; an XCHG here cost unbuffered
	// MPMC 5-7%); unlink clears it as its last touch of e, so that an
	// owner that finds it clear without the lock may recycle e (release).
	linked   atomic.Uint32
	w        *park.Waiter // the parked goroutine; nil for a callback
	idx      int          // the case index this entry is for, in w's select
	val      T            // send: the value offered; recv: the value handed over
	ok       bool         // set by the taker: true if the operation completed, false if closed
	sendDone func(bool)   // SendAsync's callback
	recvDone func(T, bool)
	solo     bool        // w is own and its owner never withdraws: claim may skip the CAS
	own      park.Waiter // the Waiter of a single-channel operation (w == &own)
	run      []T         // a SendMany's values not yet sent (a run waiter, batch.go); nil otherwise
	need     int         // a run waiter's room to wait for: it is served once that many slots are free
	moved    int         // set by the taker of a run waiter: how many of run it pushed
}

// get returns an entry from the free list (or a new one), not linked.
// Called with mu held.
func (q *waitq[T]) get() *entry[T] {
	if q.spare.Load() != nil { // only holders of mu empty it: the swap gets it
		return q.spare.Swap(nil)
	}
	e := q.free
	if e == nil {
		if q.returned.Load() == nil {
			return new(entry[T])
		}
		e = q.returned.Swap(nil) // the whole stack: now the free list
	}
	q.free = e.next
	e.next = nil
	return e
}

// put returns an unlinked entry to the free list, clearing what it refers
// to. Called with mu held.
func (q *waitq[T]) put(e *entry[T]) {
	e.clear()
	e.next = q.free
	q.free = e
}

// clear drops what e refers to and readies its Waiter for another wait.
// Only e's holder calls it: the lock's, or its owner's once no waker can
// touch it.
func (e *entry[T]) clear() {
	var zero T
	e.val, e.ok, e.w, e.sendDone, e.recvDone, e.idx, e.solo = zero, false, nil, nil, nil, 0, false
	e.run, e.need, e.moved = nil, 0, 0
	e.next = nil // Close chains the entries it takes through next
	e.own.Reset()
}

// link appends e. Called with mu held.
func (q *waitq[T]) link(e *entry[T]) {
	e.prev, e.next = q.tail, nil
	if q.tail == nil {
		q.head = e
	} else {
		q.tail.next = e
	}
	q.tail = e
	release.Store32(&e.linked, 1)
	if e.run == nil {
		q.others++
	}
	q.setNeed()
	if e.w == nil {
		q.async.Add(1)
	}
	if q.rendezvous {
		// Every pairing takes mu. The caller's Unlock, next, is a locked
		// RMW (sync.Mutex's Add): it orders this store before any later
		// load of the linker, which the Add's fence did before; a lock
		// whose Unlock were a plain store would need the Add back. The
		// lock-free reads of count (TrySend, a select's Poll or Peek) act
		// on it alone. A buffer's waiter needs the fence below instead.
		release.Store(&q.count, q.count.Load()+1<<32+1)
		return
	}
	q.count.Add(1<<32 + 1) // seq-cst: ordered before the registering side's re-check
}

// unlink removes e. Called with mu held, e linked. Clearing linked is its
// last touch of e (release reads it without mu).
func (q *waitq[T]) unlink(e *entry[T]) {
	if e.prev == nil {
		q.head = e.next
	} else {
		e.prev.next = e.next
	}
	if e.next == nil {
		q.tail = e.prev
	} else {
		e.next.prev = e.prev
	}
	e.next, e.prev = nil, nil
	if e.run == nil {
		q.others--
	}
	q.setNeed()
	if e.w == nil {
		q.async.Add(-1)
	}
	// Only a store-release: count is written only under mu, and a reader
	// that misses the decrement for a moment only looks for a waiter that
	// is gone (it takes mu and finds none). It is link's increment that
	// must be sequentially consistent, for the register-then-recheck.
	release.Store(&q.count, q.count.Load()+1<<32-1)
	release.Store32(&e.linked, 0) // last: its owner may recycle e from here on
}

// setNeed updates need after a link or an unlink. Called with mu held.
//
// A need that drops (the run waiter first in line was served, or another
// kind of waiter joined) is a store, sequentially consistent, that pairs
// with a receiver's pop: the receiver pops, then loads need; whoever
// dropped need then looks at the ring again (serveSend after serving a run
// waiter; a sender's, a SendAsync's or a select's last look after it
// queued). One of the two sees the other, so nobody is left asleep beside
// room that a receiver passed by on a stale need.
func (q *waitq[T]) setNeed() {
	n := int64(0)
	if q.others == 0 && q.head != nil {
		n = int64(q.head.need)
	}
	if n != q.need.Load() {
		q.need.Store(n)
	}
}

// waiting reports whether any entry is linked: the one load that tells
// "nobody waits". It may see an entry that is already dead.
func (q *waitq[T]) waiting() bool { return uint32(q.count.Load()) != 0 }

// pending reports whether a callback (SendAsync, RecvAsync) is queued: a
// new operation on this side must then queue behind it rather than take
// the ring first, or it could overtake its own goroutine's earlier
// callback. Queued goroutines need no such care: a parked goroutine has no
// later operation of its own to be overtaken by.
func (q *waitq[T]) pending() bool { return q.async.Load() != 0 }

// version changes with every link and unlink, so that a select can tell
// that nothing changed between two looks.
func (q *waitq[T]) version() uint64 { return q.count.Load() }

// enqueue links a new entry for a goroutine that waits on a buffer with
// its own Waiter, and returns it; solo says the wait has no done channel,
// so the owner never withdraws, and atOnce that the wait will park without
// a spin (park.Waiter.ParkAtOnce). It locks mu.
func (q *waitq[T]) enqueue(v T, solo, atOnce bool) *entry[T] {
	q.mu.Lock()
	e := q.get()
	e.w, e.val, e.solo = &e.own, v, solo
	if atOnce {
		e.own.ParkAtOnce()
	}
	q.link(e)
	q.mu.Unlock()
	return e
}

// enqueueRun is enqueue for a run waiter: a SendMany waiting for room for
// need of the values of run (batch.go). It locks mu.
func (q *waitq[T]) enqueueRun(run []T, need int) *entry[T] {
	q.mu.Lock()
	e := q.get()
	e.w, e.run, e.need, e.solo = &e.own, run, need, true
	e.own.ParkAtOnce()
	q.link(e)
	q.mu.Unlock()
	return e
}

// claim is TrySelect for a waker that holds mu. A solo entry's Waiter can
// be selected by nobody else (it waits on this queue only, and only
// holders of mu select it) and its owner never aborts, so a plain
// store-release claims it.
func (e *entry[T]) claim() bool {
	if e.solo {
		return e.w.Claim(e.idx)
	}
	return e.w.TrySelect(e.idx)
}

// release unlinks e if still linked and recycles it. Its owner calls it
// when the wait is over, for an entry no waker took: it withdrew, or e
// was a losing case of a select (or never linked). It locks mu only while
// e is still linked.
//
// A select's losing entries are mostly unlinked already: a waker that
// meets a dead entry at the head of its queue unlinks it (first). Counted
// in crossbeam's select_both at cap 0 (4 goroutines select-send and 4
// select-receive over 4 channels), 3.08 of the 3.18 releases per message
// found e unlinked, and each took a lock, contended across the cores,
// only to return it. Returned without the lock instead, SelectBoth at cap
// 0 was 5-6% faster, with 5-6% less CPU per message (two A/Bs of 12
// interleaved rounds, p <= 0.017), and no other row moved.
//
// An owner whose entry a waker took returns it with recycle instead,
// without the lock.
func (q *waitq[T]) release(e *entry[T]) {
	if e.linked.Load() == 0 { // unlinked already (by a waker that found e dead), or never linked
		q.recycle(e)
		return
	}
	q.mu.Lock()
	if e.linked.Load() != 0 {
		q.unlink(e)
	}
	q.put(e)
	q.mu.Unlock()
}

// recycle returns an unlinked entry that nobody touches any more: one a
// waker took, once its owner was woken (or lost the race to withdraw),
// and one release found unlinked. It leaves e in the spare
// slot, with no lock, when the slot is empty, else on the returned stack,
// also with no lock; get takes from the slot first, and moves the stack
// to the free list when that is empty. (A stack pushed by many and emptied
// only whole, by one at a time, has no ABA: nobody pops a single entry.)
//
// Measured against releasing under the lock (12 interleaved rounds,
// results/2026-11-29-vm-5/AB.md): MPMC at cap 0 about 20% faster (4x4 and
// 16x16, CPU too), at cap 1 7-9%, Pub/Sub unchanged. The slot's own cache
// line is part of it: beside count, the same change made Pub/Sub 12%
// slower (p=0.05). A lock-free stack instead of one slot was tried before
// and made Pub/Sub about twice as slow; behind the slot, in place of the
// lock, a stack that get empties whole (returned) made MPMC 16x16 at cap
// 0 4.5% faster and moved no row the other way (20 rounds,
// results/2026-11-29-vm-12/ab-returned.txt).
func (q *waitq[T]) recycle(e *entry[T]) {
	e.clear()
	if q.spare.CompareAndSwap(nil, e) {
		return
	}
	for {
		top := q.returned.Load()
		e.next = top
		if q.returned.CompareAndSwap(top, e) {
			return
		}
	}
}

// done returns e after its owner's wait: recycled if a waker took it,
// released (unlinked first) if the owner withdrew.
func (q *waitq[T]) done(e *entry[T], taken bool) {
	if taken {
		q.recycle(e)
	} else {
		q.release(e)
	}
}

// first returns the first live entry, unlinked and claimed for the caller,
// or nil. A goroutine's entry is claimed by winning its Waiter (claim);
// entries whose Waiter was selected elsewhere or aborted are unlinked and
// skipped on the way. (A select never meets its own entries here: it polls
// only while it has none queued.) Called with mu held.
func (q *waitq[T]) first() *entry[T] {
	for e := q.head; e != nil; {
		next := e.next
		switch {
		case e.w == nil: // a callback: always live
			q.unlink(e)
			return e
		case e.claim():
			q.unlink(e)
			return e
		default:
			q.unlink(e) // dead; its owner recycles it
		}
		e = next
	}
	return nil
}
