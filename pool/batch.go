// batch: the tasks a worker popped in one go, which an idle worker may
// take from it.
//
// A worker pops its share of a backlog with one CAS (ring.pop) and runs the
// tasks one by one. Should one of them block, on a task behind it in the
// same batch say, the rest must not wait for it while another worker
// idles (that deadlocked a pool of 2 whose task waited for the next one:
// TestIdleWorkerTakesHeldTask). So a batch stays open to other workers
// until its owner takes each task, as the runtime's per-P run queues are
// open to runqsteal.
//
// span holds the untaken part jobs[lo:hi] as lo<<32 | hi; the owner (take)
// and other workers (steal) advance lo with a CAS, so each task is taken
// once. filling marks an owner between its pop from a queue and the span
// that publishes what it popped, when the tasks are in no place a look can
// see: a worker about to park or exit counts filling as work held (held).
// ring.pop stores it before the CAS that claims the tasks, so that a look
// that finds them gone from the queue finds filling, or the span, here.
// Both stores are store-releases (internal/release): filling is ordered
// before the claim by the claim's CAS, and the span needs only to follow
// the jobs it publishes. A sequentially consistent store costs as much as
// the CAS, twice a fill; PoolTiny was 16-29% slower with them.
//
// A fill's first task is never published: its owner runs it next, so
// nothing waits behind it. So a fill of one costs no atomic step here at
// all, the common case of a worker keeping up with its submitters.
//
// Invariants:
//   - Only the owner writes jobs and its own fields, and writes jobs only
//     between begin and the store of span that publishes them.
//   - A thief reads jobs[i] only after its CAS took i, and adds to thefts
//     after it copied the task out; begin waits until thefts counts every
//     task of the last fill that the owner did not take, so no fill
//     overwrites a task a thief is still reading.
//   - Whoever takes a task clears its slot: no reference retained.

package pool

import (
	"runtime"
	"sync/atomic"

	"github.com/hoare-go/hoare/internal/release"
)

// filling is span while the owner pops: lo > hi, so nothing to take.
const filling = 1 << 63

// batch is one worker's popped tasks.
type batch struct {
	span   atomic.Uint64 // lo<<32 | hi: jobs[lo:hi] not taken yet; or filling
	thefts atomic.Uint32 // tasks of this fill other workers took and copied out
	jobs   []job         // the owner's buffer
	n      int           // owner only: tasks in this fill
	own    int           // owner only: tasks of this fill the owner took
}

// begin readies an exhausted batch for a fill: it waits for thieves still
// copying out a task of the last one, if that was published. Owner only.
func (b *batch) begin() {
	if b.n > 1 {
		for b.thefts.Load() != uint32(b.n-b.own) { // acquire: their copies are done
			runtime.Gosched() // a thief between its CAS and its copy: nanoseconds, unless preempted
		}
		b.thefts.Store(0)
	}
	b.n, b.own = 0, 0
}

// publish ends a fill of jobs[:n]: from a fill of more than one task, it
// opens them to thieves, and otherwise clears a filling mark ring.pop
// left. Owner only.
func (b *batch) publish(n int) {
	b.n = n
	if n > 1 {
		release.Store(&b.span, 1<<32|uint64(n)) // lo 1, hi n: the jobs are written; the first is the owner's (take)
	} else if b.span.Load() == filling {
		release.Store(&b.span, 0) // a pop that marked and then took one, or none
	}
}

// take removes the next task for the owner. It reports false once every
// task of the fill is taken, by the owner or by thieves. The first task of
// a fill is the owner's without a CAS: publish leaves it out of the span.
func (b *batch) take() (job, bool) {
	if b.own == 0 && b.n > 0 {
		j := b.jobs[0]
		b.jobs[0] = job{}
		b.own = 1
		return j, true
	}
	j, ok := b.claim()
	if ok {
		b.own++
	}
	return j, ok
}

// steal removes the next task for another worker, if any is left.
func (b *batch) steal() (job, bool) {
	j, ok := b.claim()
	if ok {
		b.thefts.Add(1) // release: the slot is free for the owner's next fill
	}
	return j, ok
}

// claim removes the task at lo, if lo < hi, clearing its slot.
func (b *batch) claim() (job, bool) {
	for {
		s := b.span.Load() // acquire: the owner's jobs are visible
		lo, hi := uint32(s>>32), uint32(s)
		if lo >= hi {
			return job{}, false
		}
		if b.span.CompareAndSwap(s, uint64(lo+1)<<32|uint64(hi)) {
			j := b.jobs[lo]
			b.jobs[lo] = job{}
			return j, true
		}
	}
}

// rest takes every task left, for a replacement worker when a task killed
// the owner (runtime.Goexit), and leaves the batch filling: the tasks are
// in no batch a look can see until the replacement publishes them, and a
// worker about to park, exit or expire must count them (found by a
// review: TestGoexitLeftoversStayHeld). Called on the owner's goroutine.
func (b *batch) rest() []job {
	for {
		s := b.span.Load()
		lo, hi := uint32(s>>32), uint32(s)
		if lo >= hi {
			return nil
		}
		if b.span.CompareAndSwap(s, filling) { // held still, until the replacement, listed before this worker is unlisted, publishes them
			rest := make([]job, hi-lo)
			copy(rest, b.jobs[lo:hi])
			clear(b.jobs[lo:hi])
			return rest
		}
	}
}

// held reports whether the batch holds a task nobody has taken, or may be
// about to (filling).
func (b *batch) held() bool {
	s := b.span.Load()
	return s == filling || uint32(s>>32) < uint32(s)
}
