// MPMC: a bounded lock-free queue for any number of producers and consumers.
//
// Source: Dmitry Vyukov's bounded MPMC queue (1024cores.net, "Bounded MPMC
// queue"), in the exact-capacity form crossbeam-channel's array flavor uses:
// positions are (lap, index) pairs, so the capacity need not be a power of two
// and no division is done on the hot path.
//
// A position packs three fields into a uint64:
//
//	| lap ...                  | mark | index (< mark) |
//	                             ^ mark bit, set only in tail, by Close
//
// mark is the smallest power of two above cap, oneLap = 2*mark. Advancing a
// position moves index forward by one, or, at the last index, to index 0 of
// the next lap.
//
// Each slot carries a stamp saying whose turn it is:
//
//	stamp == pos          the slot is free for the producer that holds pos
//	stamp == pos+1        the slot holds the value pushed at pos; it is the
//	                      consumer's that holds pos
//	stamp == pos+oneLap   after the pop at pos: free for the next lap
//
// Slots may be spread in a large ring. Producers that run at once claim
// neighbouring positions (and so do consumers), so with slots in position
// order every push writes a cache line that another core is writing too.
// Index i (a position's index) lives at slots[(i&kMask)*rows + i>>kShift]:
//
//	spread          on AMD, cap >= spreadMin: k slots to a pad.Size block,
//	                kMask = k-1, kShift = log2(k), rows = ceil(cap/k).
//	                Index i is at (i mod k)*rows + i/k, so i and i+1 are
//	                rows slots apart and only indexes k apart share a
//	                block. The cost in memory is the k-1 slots of a last,
//	                partial row.
//	position order  elsewhere and for smaller rings: kMask = kShift = 0,
//	                rows = cap.
//
// Which layout is faster depends on the machine, and the vendor is what
// the measurements split on, so a ring spreads its slots only on AMD
// (internal/cpuvendor; spreadOn). On an AMD EPYC (Turin) VM spread was
// faster at cap 1024: MPMC 4x4 and 16x16 by 26-59%, MPSC by up to 43%,
// depending on how far apart the VM's two cores were. On an Intel Xeon VM
// position order was faster in two sessions' runs: MPMC 4x4 by 33%, 16x16
// by 41%, MPSC by 24%, SPSC by 18% (8 interleaved rounds), and k = 2 or 4
// did no better than k = 8. Elsewhere (arm64, say) nothing was measured,
// and position order is Vyukov's own.
//
// Not below spreadMin: a block spans k*k positions, a good part of a small
// ring, so a consumer a multiple of k behind a producer shares its line
// (MPMC at cap 64 was twice as slow spread).
//
// Invariants:
//   - head <= tail&^mark (positions compared lap-wise), and the slots in
//     [head, tail) are owned by consumers, the rest by producers.
//   - A producer owns slot pos.index from its successful CAS of tail (pos to
//     pos+1) until it stores stamp = pos+1; a consumer owns it from its CAS of
//     head until it stores stamp = pos+oneLap. The value field is only
//     touched by the slot's owner, and the stamp store is the hand-off: a
//     store-release (internal/release), which is all a hand-off needs.
//   - So a stamp may become visible to other cores after the CAS that
//     claimed its slot: head and tail, moved by sequentially consistent CASes,
//     are what a caller reads to order itself against pushes and pops (Len,
//     Version). A pop that finds tail past head but the stamp not yet
//     stored waits the nanoseconds until it is (and a push likewise).
//   - Once the mark bit is set in tail, no push succeeds; pops drain what was
//     pushed before.
//   - emptyAt and fullAt are hints, written by a TryPop (TryPush) that
//     found the ring empty (full): KnownEmpty and KnownFull read them only
//     to skip a look, and answer true only from head and tail.
package ring

import (
	"fmt"
	"math/bits"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/hoare-go/hoare/internal/cpuvendor"
	"github.com/hoare-go/hoare/internal/pad"
	"github.com/hoare-go/hoare/internal/release"
	"github.com/hoare-go/hoare/internal/spin"
)

// MPMC is a bounded, lock-free queue that any number of goroutines may push
// to and pop from at once. It never waits for room or for a value: TryPush
// fails when full, TryPop when empty. Its capacity is exactly the one asked
// for.
//
// It waits only for a step of another goroutine already under way: a push
// or pop that finds its slot claimed by another, and not yet stamped, waits
// for that stamp (a spin, a yield or two, then short sleeps; see backoff),
// since the value in it is not yet there to take, or the room not yet free.
//
// The zero value is not usable; make one with NewMPMC.
type MPMC[T any] struct {
	_    pad.Line
	head atomic.Uint64 // next position to pop; advanced by consumers' CAS
	// emptyAt is where a recent TryPop found the ring empty (its tail,
	// then equal to head), kept beside head: KnownEmpty reads tail only
	// while head is there. fullAt, beside tail, is the tail at which a
	// recent TryPush found the ring full, for KnownFull. Hints only: any
	// value is safe. Each pad keeps the word after it pad.Size bytes past
	// the word before it, wherever the ring is allocated.
	emptyAt atomic.Uint64
	_       [pad.Size - 8]byte
	tail    atomic.Uint64 // next position to push, plus the mark bit; advanced by producers' CAS
	fullAt  atomic.Uint64
	_       [pad.Size - 8]byte

	slots  []slot[T] // len == (kMask+1)*rows >= cap
	cap    uint64    // exact capacity
	mark   uint64    // the closed bit of tail; also one past the largest index
	oneLap uint64    // added to a position to move it one lap on
	kMask  uint64    // the layout (see the file comment): k-1, or 0
	kShift uint      // log2(k), or 0
	rows   uint64    // ceil(cap/k), or cap
}

// slot is one cell of the ring. The stamp says whose turn it is (see the file
// comment); val belongs to whoever the stamp names.
type slot[T any] struct {
	stamp atomic.Uint64
	val   T
}

// NewMPMC returns an empty ring that holds exactly capacity values.
// It panics if capacity < 1.
func NewMPMC[T any](capacity int) *MPMC[T] {
	if capacity < 1 {
		panic(fmt.Sprintf("ring: NewMPMC capacity %d: must be at least 1", capacity))
	}
	if uint64(capacity) > 1<<40 {
		panic(fmt.Sprintf("ring: NewMPMC capacity %d: larger than 1<<40", capacity))
	}
	c := uint64(capacity)
	mark := uint64(1) << bits.Len64(c) // smallest power of two > c
	r := &MPMC[T]{cap: c, mark: mark, oneLap: mark << 1}
	r.layout(uint64(unsafe.Sizeof(slot[T]{})), spreadOn())
	r.slots = make([]slot[T], (r.kMask+1)*r.rows)
	for i := range c {
		r.slot(i).stamp.Store(i) // lap 0: every slot free for its position
	}
	return r
}

// spreadMin is the smallest capacity whose slots are spread (see the
// file comment).
const spreadMin = 1024

// spreadOn reports whether this machine's large rings spread their slots:
// on AMD only (see the file comment).
var spreadOn = sync.OnceValue(func() bool { return cpuvendor.Get() == cpuvendor.AMD })

// layout chooses where each index's slot lives, for slots of the given
// size in bytes: spread if the machine spreads and the ring is large
// enough, otherwise in position order.
func (r *MPMC[T]) layout(size uint64, spread bool) {
	r.kMask, r.kShift, r.rows = 0, 0, r.cap // position order
	if spread && r.cap >= spreadMin && size <= pad.Size/2 {
		k := uint64(1) << (bits.Len64(pad.Size/size) - 1) // a power of two, >= 2
		r.kMask, r.kShift, r.rows = k-1, uint(bits.TrailingZeros64(k)), (r.cap+k-1)/k
	}
}

// slot returns the slot of position pos: its index's, in the layout (see
// the file comment).
func (r *MPMC[T]) slot(pos uint64) *slot[T] {
	i := pos & (r.mark - 1)
	return &r.slots[(i&r.kMask)*r.rows+i>>r.kShift]
}

// next returns the position after pos (mark bit clear).
func (r *MPMC[T]) next(pos uint64) uint64 {
	if index := pos & (r.mark - 1); index+1 < r.cap {
		return pos + 1
	}
	return (pos &^ (r.oneLap - 1)) + r.oneLap
}

// TryPush appends v and reports true, or reports false at once if the ring
// is full (or closed, see Close).
func (r *MPMC[T]) TryPush(v T) bool {
	tail := r.tail.Load()
	for spins := 0; ; spins++ {
		if tail&r.mark != 0 {
			return false
		}
		s := r.slot(tail)
		stamp := s.stamp.Load() // acquire: the last consumer of this slot is done with it
		switch {
		case stamp == tail:
			// Free for us; claim the position. Only one producer wins it.
			if r.tail.CompareAndSwap(tail, r.next(tail)) {
				s.val = v
				release.Store(&s.stamp, tail+1) // hand-off: the value is the consumer's now
				return true
			}
			backoff(spins) // lost the race for tail: let the winners' lines settle
		case stamp+r.oneLap == tail+1:
			// The slot still holds last lap's value: full, unless a consumer has
			// just claimed it and not yet stamped it free.
			if r.head.Load()+r.oneLap == tail {
				if r.fullAt.Load() != tail {
					r.fullAt.Store(tail) // for KnownFull
				}
				return false
			}
			backoff(spins)
		default:
			// Another producer claimed tail and moved on; catch up.
			backoff(spins)
		}
		tail = r.tail.Load()
	}
}

// TryPop removes and returns the oldest value, or reports false at once if
// the ring is empty. The slot no longer references the value afterwards.
func (r *MPMC[T]) TryPop() (v T, ok bool) {
	head := r.head.Load()
	for spins := 0; ; spins++ {
		s := r.slot(head)
		stamp := s.stamp.Load() // acquire: the producer's write of val is visible
		switch {
		case stamp == head+1:
			// Full for us; claim the position. Only one consumer wins it.
			if r.head.CompareAndSwap(head, r.next(head)) {
				v = s.val
				var zero T
				s.val = zero                           // drop the reference: no retention
				release.Store(&s.stamp, head+r.oneLap) // hand-off: free for next lap's producer
				return v, true
			}
			backoff(spins) // lost the race for head
		case stamp == head:
			// Not yet written. Empty, unless a producer has claimed it and is
			// writing now; then wait the few nanoseconds it takes.
			tail := r.tail.Load()
			if tail&^r.mark == head {
				if r.emptyAt.Load() != tail {
					r.emptyAt.Store(tail) // for KnownEmpty
				}
				return v, false
			}
			backoff(spins)
		default:
			// Another consumer took head and moved on; catch up.
			backoff(spins)
		}
		head = r.head.Load()
	}
}

// PushMany appends a non-empty prefix of vs, at most as many values as
// fit, and returns how many it appended: 0 only when the ring is full (or
// closed) or vs is empty. It may append fewer than fit while a concurrent
// pop is between its claim and its hand-off. The values keep their order and
// no other producer's value falls between them. It costs one CAS per call,
// not per value: that is where batching wins.
func (r *MPMC[T]) PushMany(vs []T) int {
	if len(vs) == 0 {
		return 0
	}
	tail := r.tail.Load()
	for spins := 0; ; spins++ {
		if tail&r.mark != 0 {
			return 0
		}
		// Count the free slots from tail on. A slot free for its position stays
		// free until tail passes it, and then our CAS below fails.
		n, end := r.count(tail, len(vs), 0)
		if n == 0 {
			if r.slot(tail).stamp.Load()+r.oneLap == tail+1 && r.head.Load()+r.oneLap == tail {
				return 0 // full
			}
			backoff(spins)
		} else if r.tail.CompareAndSwap(tail, end) {
			r.put(tail, vs[:n])
			return n
		}
		tail = r.tail.Load()
	}
}

// PopMany removes up to len(buf) of the oldest values into buf, in order,
// and returns how many: 0 only when the ring is empty or buf is. It may
// take fewer than are there while a concurrent push is between its claim
// and its hand-off. One CAS per call.
func (r *MPMC[T]) PopMany(buf []T) int {
	if len(buf) == 0 {
		return 0
	}
	head := r.head.Load()
	for spins := 0; ; spins++ {
		// Count the full slots from head on. A full slot stays full until head
		// passes it, and then our CAS below fails.
		n, end := r.count(head, len(buf), 1)
		if n == 0 {
			if r.tail.Load()&^r.mark == head {
				return 0 // empty
			}
			backoff(spins)
		} else if r.head.CompareAndSwap(head, end) {
			r.take(head, buf[:n])
			return n
		}
		head = r.head.Load()
	}
}

// The batch operations walk a run of positions slot by slot. In position
// order the slots of a run are contiguous up to the end of its lap, so they
// walk a subslice (run) with no index arithmetic per slot, and hand the
// whole subslice over with one release.StoreSeq after its values are
// written, rather than a call per slot. A 64-value PushMany plus PopMany
// in one goroutine went from 15 to 5 ns a value; SPSCBatch, a channel's
// SendMany against RecvMany, from 20.4 to 11.0 ns a message (8 interleaved
// rounds). A spread ring takes slot, next and Store at each step.

// count returns how many of the positions from pos on, up to most, have
// the stamp pos+turn (turn 0: free for a push; 1: full for a pop), and the
// position after them.
func (r *MPMC[T]) count(pos uint64, most int, turn uint64) (int, uint64) {
	n := 0
	if r.kMask != 0 {
		for n < most && r.slot(pos).stamp.Load() == pos+turn {
			n, pos = n+1, r.next(pos)
		}
		return n, pos
	}
	for n < most {
		run := r.run(pos, most-n)
		k := 0
		for k < len(run) && run[k].stamp.Load() == pos+uint64(k)+turn {
			k++
		}
		n, pos = n+k, r.advance(pos, k)
		if k < len(run) || k == 0 { // k == 0: an empty run, which would loop forever
			break
		}
	}
	return n, pos
}

// put stores vs in the claimed slots from pos on, handing each to its
// consumer.
func (r *MPMC[T]) put(pos uint64, vs []T) {
	if r.kMask != 0 {
		for _, v := range vs {
			s := r.slot(pos)
			s.val = v
			release.Store(&s.stamp, pos+1) // hand-off, slot by slot
			pos = r.next(pos)
		}
		return
	}
	for len(vs) > 0 {
		run := r.run(pos, len(vs))
		v := vs[:len(run)]
		for k := range run {
			run[k].val = v[k]
		}
		release.StoreSeq(&run[0].stamp, unsafe.Sizeof(run[0]), len(run), pos+1) // the hand-offs, in order
		vs, pos = vs[len(run):], r.advance(pos, len(run))
	}
}

// take moves the values of the claimed slots from pos on into buf, freeing
// each slot for the next lap's producer.
func (r *MPMC[T]) take(pos uint64, buf []T) {
	var zero T
	if r.kMask != 0 {
		for i := range buf {
			s := r.slot(pos)
			buf[i], s.val = s.val, zero
			release.Store(&s.stamp, pos+r.oneLap) // hand-off, slot by slot
			pos = r.next(pos)
		}
		return
	}
	for len(buf) > 0 {
		run := r.run(pos, len(buf))
		b := buf[:len(run)]
		for k := range run {
			b[k], run[k].val = run[k].val, zero
		}
		release.StoreSeq(&run[0].stamp, unsafe.Sizeof(run[0]), len(run), pos+r.oneLap) // the hand-offs, in order
		buf, pos = buf[len(run):], r.advance(pos, len(run))
	}
}

// run returns, in position order, the contiguous slots of up to n
// positions from pos on that lie in pos's lap.
func (r *MPMC[T]) run(pos uint64, n int) []slot[T] {
	i := pos & (r.mark - 1)
	return r.slots[i:min(r.cap, i+uint64(n))]
}

// advance returns the position k after pos, where pos+k is at most the
// end of pos's lap (as after a run).
func (r *MPMC[T]) advance(pos uint64, k int) uint64 {
	if pos&(r.mark-1)+uint64(k) < r.cap {
		return pos + uint64(k)
	}
	return (pos &^ (r.oneLap - 1)) + r.oneLap
}

// Len returns the number of values in the ring at one instant.
func (r *MPMC[T]) Len() int {
	for {
		tail := r.tail.Load()
		head := r.head.Load()
		if r.tail.Load() != tail {
			continue // tail moved while we read head: not one instant
		}
		tail &^= r.mark
		hi, ti := head&(r.mark-1), tail&(r.mark-1)
		switch {
		case hi < ti:
			return int(ti - hi)
		case hi > ti:
			return int(r.cap - hi + ti)
		case tail == head:
			return 0
		default:
			return int(r.cap)
		}
	}
}

// Full reports whether the ring was full, and not closed, at one instant:
// the load of head. (tail is read first; if head is then a lap behind it,
// tail cannot have moved in between, since a push needs a free slot.) It is
// two loads and no loop (FullVersion's). A producer about to push should
// look with KnownFull instead, which reads head only where a push found
// the ring full.
func (r *MPMC[T]) Full() bool {
	_, full := r.FullVersion()
	return full
}

// Empty reports whether the ring was empty, and not closed, at one instant:
// the load of tail. (head is read first; if tail then equals it, head cannot
// have moved in between, since a pop needs a value.) Two loads, no loop:
// EmptyVersion's. A consumer about to pop should look with KnownEmpty.
func (r *MPMC[T]) Empty() bool {
	_, empty := r.EmptyVersion()
	return empty
}

// KnownEmpty is Empty for a consumer's look before a TryPop: true means
// empty, and not closed, at one instant, as Empty; false means "TryPop
// and see". It reads tail, the line every producer writes, only while
// head is where a recent TryPop found the ring empty, which is where a
// consumer polling an empty ring finds it; while values flow it reads
// head's line alone, and TryPop then reads tail only if the slot at head
// holds no value. (Empty reads tail every time: with 4 consumers looping
// on mpmc's TryRecv against 4 producers, that made the loop 3.3 times
// slower, and with producers on TrySend, Full made theirs 4.5 times.)
func (r *MPMC[T]) KnownEmpty() bool {
	head := r.head.Load()
	if r.emptyAt.Load() != head {
		return false // not where a pop found the ring empty
	}
	return r.tail.Load() == head // Empty's look
}

// KnownFull is KnownEmpty for a producer's look before a TryPush: true
// means full, and not closed, at one instant, as Full; false means
// "TryPush and see". It reads head only while tail is where a recent
// TryPush found the ring full.
func (r *MPMC[T]) KnownFull() bool {
	tail := r.tail.Load()
	if r.fullAt.Load() != tail {
		return false // not where a push found the ring full
	}
	return r.head.Load()+r.oneLap == tail // Full's look
}

// Cap returns the capacity: exactly the one given to NewMPMC.
func (r *MPMC[T]) Cap() int { return int(r.cap) }

// Close stops the ring taking values: every TryPush and PushMany after it
// fails, while pops drain what was pushed before. It reports false if the
// ring was already closed. Close is an addition to the plain ring for
// channels built on it (package mpmc): a push that succeeded happened
// before Close, with no window in between.
func (r *MPMC[T]) Close() bool {
	for {
		tail := r.tail.Load()
		if tail&r.mark != 0 {
			return false
		}
		if r.tail.CompareAndSwap(tail, tail|r.mark) {
			return true
		}
	}
}

// Version returns a number that changes whenever a push, a pop or Close
// completes, and only then: the sum of the two positions, which only grow.
// Reading equal versions twice means the ring was in one state all along,
// which lets a caller observe several rings at one consistent instant
// (package alt's select with a default does).
func (r *MPMC[T]) Version() uint64 { return r.head.Load() + r.tail.Load() }

// EmptyVersion is Empty together with a consumer's version: a number that
// changes whenever a push or Close completes (tail, with its mark). While
// it reads the same, a ring found empty stays empty, since only a push
// could fill it; pops, which cannot make a consumer ready, do not move it.
func (r *MPMC[T]) EmptyVersion() (version uint64, empty bool) {
	head := r.head.Load()
	tail := r.tail.Load()
	return tail, tail == head // with the mark bit set, never equal: closed
}

// PushVersion is the version of EmptyVersion alone.
func (r *MPMC[T]) PushVersion() uint64 { return r.tail.Load() }

// FullVersion is Full together with Version, read by the same two loads.
// While the version reads the same, a ring found full stays full.
func (r *MPMC[T]) FullVersion() (version uint64, full bool) {
	tail := r.tail.Load() // with the mark bit set, never equal below: not "full", closed
	head := r.head.Load()
	return head + tail, head+r.oneLap == tail
}

// Closed reports whether Close has been called.
func (r *MPMC[T]) Closed() bool { return r.tail.Load()&r.mark != 0 }

// backoff waits a little before a retry: a short busy spin while another
// goroutine is mid-step (nanoseconds: it has claimed a position and is
// about to stamp it, or won a CAS we lost), then a yield or two, so that
// with GOMAXPROCS=1 the goroutine we wait for can run, then sleeps of
// 1 µs doubling up to 1 ms: sleeps of the thread, not of the goroutine
// (pause_linux.go says why).
//
// Why sleep. The goroutine we wait for can be descheduled between its
// claim and its stamp, and the step then takes as long as it is away.
// Yielding in a loop, as backoff did before, did not bring it back: in
// SPSC at cap 64 on the 2-CPU VM of results/2026-11-29-vm-8, such stalls
// came about 40 times a second and lasted 2 ms on average (up to 5 ms),
// the waiter burning its CPU on yields all along. Sleeping instead cut
// them to 25-30 µs (up to 60 µs); that workload ran 16% faster, FlowMult
// 22%, FlowPubSub 19% and SelectPriority 20%, and no row slower
// (ab-backoff.txt there; ab-backoff-limits.txt sets a yieldLimit of 8,
// two yields, beside one of 32: alike). Sleeping the thread instead of
// the goroutine measured alike or better (ab-pause.txt in
// results/2026-11-29-vm-9: FlowMult -36% against the yields, -18%
// against time.Sleep).
func backoff(spins int) {
	switch {
	case spins < spinLimit:
		for range 1 << spins {
			spin.Hint()
		}
	case spins < yieldLimit:
		runtime.Gosched()
	default:
		pause(time.Microsecond << min(spins-yieldLimit, 10))
	}
}

// The phases of backoff: busy spins below spinLimit, yields below
// yieldLimit, sleeps from there.
const (
	spinLimit  = 6
	yieldLimit = 8
)
