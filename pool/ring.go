// ring: the bounded lock-free MPMC queue of tasks that each shard owns.
//
// Source: Dmitry Vyukov's bounded MPMC queue (1024cores.net, "Bounded MPMC
// queue"), with two additions: a sealed bit in tail, so Close and Submit
// agree on exactly which pushes made it in, and a batch pop that claims up to
// n published slots with one CAS of head. (The repository's ring package is
// the general-purpose version; this one is specialised to jobs and to the
// pool's close protocol.)
//
// Each slot carries seq, a sequence number saying whose turn it is:
//
//	seq == pos        the slot is free for the producer holding position pos
//	seq == pos+1      it holds the task pushed at pos; the consumer's turn
//	seq == pos+size   after the pop at pos: free for the next lap
//
// Invariants:
//   - head <= tail&^sealed; slots in [head, tail) are owned by consumers, the
//     rest by producers.
//   - A producer owns a slot from its successful CAS of tail until it stores
//     seq = pos+1; a consumer owns it from its CAS of head until it stores
//     seq = pos+size. task is only touched by the owner; the seq store is the
//     hand-off, so the task write happens before the pop that reads it.
//   - Once sealed is set in tail, no push succeeds; every push that succeeded
//     is popped by someone (drained reports when all have been).
//   - A popped slot holds no reference to its job.
//   - size >= 2 (see newRing).

package pool

import (
	"math/bits"
	"sync/atomic"

	"github.com/hoare-go/hoare/internal/release"
)

// padSize keeps independently written hot words 128 bytes apart: Intel's
// adjacent-line prefetcher pairs 64-byte lines (the same decision as the
// repository's internal/pad and Go's runtime on arm64).
const padSize = 128

// sealed is the bit of tail that Close sets.
const sealed = 1 << 63

type slot struct {
	seq atomic.Uint64 // whose turn; see the file comment
	job job           // written by the owning producer, cleared by the owning consumer
}

// job is what a slot holds: a plain task, or a Group task with its group, so
// that Group.Go needs no closure (no allocation) per task.
type job struct {
	fn  func()       // a Submit task; nil for a Group task
	efn func() error // a Group task
	g   *Group       // the Group of efn
}

// ring is a bounded MPMC queue of tasks with a power-of-two size.
type ring struct {
	_     [padSize]byte
	head  atomic.Uint64 // next position to pop; advanced by consumers' CAS
	_     [padSize - 8]byte
	tail  atomic.Uint64 // next position to push, plus sealed; advanced by producers' CAS
	_     [padSize - 8]byte
	mask  uint64 // size-1
	size  uint64 // number of slots
	slots []slot
}

// at returns the slot of position pos: slots are in position order, so a
// producer running ahead of the consumers fills 8 slots per 128-byte line
// and a consumer drains them with one miss.
//
// Rejected: spreading neighbouring positions over different lines (the
// remapping of Morrison and Afek's LCRQ and Nikolaev's wCQ). It helps when
// many producers write neighbouring slots at once, but then every push and
// every pop misses, even with a backlog; with the pool's few submitters that
// is the common, throughput-bound case. (Tried; not measurably better on 2
// CPUs, and worse in theory.)
func (r *ring) at(pos uint64) *slot { return &r.slots[pos&r.mask] }

// pushResult says how a push went.
type pushResult uint8

const (
	pushed    pushResult = iota // the task is in the ring
	pushFull                    // no free slot now
	pushClose                   // the ring is sealed
)

// newRing returns a ring of at least n slots, rounded up to a power of two
// and to at least 2: with one slot, "published at pos" (seq == pos+1) and
// "free for the producer at pos+1" would be the same seq.
func newRing(n int) *ring {
	size := uint64(1) << bits.Len64(uint64(max(n, 2)-1))
	r := &ring{mask: size - 1, size: size, slots: make([]slot, size)}
	for pos := range size {
		r.at(pos).seq.Store(pos) // set-up, before any other goroutine sees r
	}
	return r
}

// push appends j unless the ring is full or sealed. Lock-free, allocation-free.
func (r *ring) push(j job) pushResult {
	for {
		t := r.tail.Load() // which position to claim, and whether sealed
		if t&sealed != 0 {
			return pushClose
		}
		s := r.at(t)
		seq := s.seq.Load() // acquire: the last consumer of this slot is done with it
		switch d := int64(seq - t); {
		case d == 0:
			if r.tail.CompareAndSwap(t, t+1) { // claim position t (fails if sealed meanwhile)
				s.job = j
				s.seq.Store(t + 1) // release: publish the task to consumers
				return pushed
			}
		case d < 0:
			return pushFull // the slot still holds the task of the previous lap
		}
		// d > 0: another producer claimed t; reload tail.
	}
}

// pop takes consecutive published tasks into buf and returns how many: its
// share of those it sees, when share consumers compete for them (at least
// one, at most len(buf)). It looks at no more than len(buf)*share slots.
// Lock-free, allocation-free. It returns 0 when the ring is empty or its
// next task is still being written. It does not read tail: that line is the
// producers', and reading it on every pop would cost them a cache miss per
// push. Before it claims more than one task, it stores filling in *mark
// (the caller's batch span, batch.go), which it leaves there; nil: none.
func (r *ring) pop(buf []job, share int, mark *atomic.Uint64) int {
	limit := uint64(len(buf))
	if limit > 1 {
		limit *= uint64(max(share, 1))
	}
	for {
		h := r.head.Load() // the first position we would claim
		n := uint64(0)
		for n < limit && r.at(h+n).seq.Load() == h+n+1 { // acquire: published?
			n++
		}
		if n == 0 {
			if int64(r.at(h).seq.Load()-(h+1)) < 0 { // not published: empty or being written
				return 0
			}
			continue // another consumer moved head; retry
		}
		n = min(max(n/uint64(max(share, 1)), 1), uint64(len(buf)))
		if n > 1 && mark != nil {
			release.Store(mark, filling) // ordered before the claim by the CAS: see batch.go
		}
		if !r.head.CompareAndSwap(h, h+n) { // claim [h, h+n); head is monotonic, so no ABA
			continue
		}
		for i := uint64(0); i < n; i++ {
			s := r.at(h + i)
			buf[i] = s.job
			s.job = job{}
			s.seq.Store(h + i + r.size) // release: hand the slot to the next lap's producer
		}
		return int(n)
	}
}

// len returns the number of tasks queued (claimed by producers, not yet by
// consumers). A snapshot.
func (r *ring) len() int {
	h := r.head.Load()           // first so the difference cannot go negative...
	t := r.tail.Load() &^ sealed // ...as tail only grows
	return int(t - h)
}

// pushes returns how many pushes ever succeeded.
func (r *ring) pushes() uint64 { return r.tail.Load() &^ sealed }

// seal makes every later push fail with pushClose.
func (r *ring) seal() { r.tail.Or(sealed) } // the one write that decides which pushes made it

// drained reports whether the ring is sealed and every successful push has
// been popped.
func (r *ring) drained() bool {
	t := r.tail.Load() // sealed bit and final position
	return t&sealed != 0 && r.head.Load() == t&^sealed
}
