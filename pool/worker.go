// worker: one worker goroutine's loop: take from its shard, steal from the
// others, spin briefly, park.
//
// Source: the find-spin-park cycle of Go's scheduler (runtime/proc.go,
// findRunnable and stopm): look in the home shard, then steal from the
// others (node-local first, as Go's runqsteal and work-stealing schedulers
// after Blumofe and Leiserson do); batched pops, each worker taking its share
// of the backlog with one CAS, larger for pinned workers, whose wake-up is a
// kernel context switch (golang/go#18023).
//
// Invariants:
//   - spinning (the local flag) is true exactly when this worker is counted
//     in Pool.spinning. A worker drops the role before it parks or exits and
//     re-checks every queue after dropping it (the other half of wake's
//     argument in pool.go); if the re-check finds work, it takes the role
//     back before it looks, so that finding work runs the hand-off.
//   - A worker runs every task it popped before doing anything else; a task
//     that kills it with runtime.Goexit leaves the rest of the batch to the
//     replacement worker (pending).
//   - Counters are written only by the owning worker and read by Metrics.
//     done lags by at most flushEvery-1 tasks while the worker is busy and is
//     exact whenever it is idle, parked or gone.

package pool

import (
	"runtime"
	"slices"
	"sync/atomic"
	"time"
)

// Batch sizes: how many tasks one pop may take (see worker.pop).
const (
	batchUnpinned = 4
	batchPinned   = 16
)

// Spin budgets: how many empty looks at the queues before parking. A
// pinned worker spins longer, as parking costs it a context switch, and
// yields its CPU with sched_yield rather than runtime.Gosched (threadYield).
// Not much longer: a spinning worker holds a P, and a goroutine it readied
// (a Group's Wait, say) cannot run until the worker lets go of it. Smoke
// runs of PoolGroup on 2 CPUs: 256 looks ~315 µs per group, 64 ~160, 32 ~130.
const (
	spinUnpinned = 32
	spinPinned   = 64
	yieldEvery   = 4 // spinners yield this often
)

// flushEvery is how many finished tasks a busy worker counts locally before
// publishing them: an atomic add per task would cost more than a tiny task.
const flushEvery = 64

// counts are one worker's statistics.
type counts struct {
	done, panics, stolen uint64
}

// worker is one worker goroutine's state.
type worker struct {
	p    *Pool
	sh   *shard // home shard
	slot int    // index in Pool.slots
	cpu  int    // pinned CPU, -1 if not pinned
	wt   *waiter

	pending  []job // jobs to run first, inherited from a killed worker; moved to buf by run
	spinning bool  // started with a spinning role (grow); taken over by run
	buf      []job // the current batch; pops use the first Pool.batch slots
	next     int   // index of the next task in buf to run
	n        int   // number of tasks in buf
	clean    bool  // exited through the loop, not killed by Goexit

	unflushed uint64 // tasks finished since the last flush to done

	_      [padSize]byte
	done   atomic.Uint64 // tasks finished, as of the last flush; single writer
	panics atomic.Uint64 // tasks that panicked
	stolen atomic.Uint64 // tasks popped from another shard
	_      [padSize]byte
}

// run is the worker goroutine.
func (w *worker) run() {
	p := w.p
	defer w.killed()
	if w.cpu >= 0 {
		if err := pinThread(w.cpu); err != nil {
			p.pinFailures.Add(1) // reported in Metrics; the worker runs unpinned
		}
	}
	if testHook != nil {
		testHook("start") // a new worker, before its first look
	}
	var timer *time.Timer
	if p.idleTimeout > 0 {
		timer = time.NewTimer(time.Hour)
		timer.Stop()
	}
	w.buf = make([]job, max(p.batch, len(w.pending)))
	w.n = copy(w.buf, w.pending) // a killed worker's leftovers run first
	w.pending = nil
	budget := spinUnpinned
	if w.cpu >= 0 {
		budget = spinPinned
	}
	spinning, spins := w.spinning, 0
	for {
		from := w.sh
		if w.n == 0 {
			from = w.find()
		}
		if w.n > 0 {
			if spinning {
				spinning = false
				if p.spinning.Add(-1) == 0 && p.queued() { // we were the last to look: get another looker
					p.wake(from)
				}
			}
			if from != w.sh {
				w.stolen.Add(uint64(w.n))
			}
			for i := 0; i < w.n && p.subq.n.Load() != 0; i++ { // slots freed: wake blocked submitters
				p.subq.wakeOne(false)
			}
			for w.next < w.n {
				t := w.buf[w.next]
				w.buf[w.next] = job{}
				w.next++
				w.exec(t)
			}
			if w.unflushed += uint64(w.n); w.unflushed >= flushEvery {
				w.flush()
			}
			w.n, w.next = 0, 0
			spins = 0
			if p.live.Load() > p.target.Load() && w.retire() {
				return
			}
			continue
		}

		// Nothing found.
		if w.unflushed != 0 {
			w.flush() // going idle: make Metrics exact
		}
		if p.closed.Load() {
			if spinning {
				spinning = false
				p.spinning.Add(-1)
			}
			if p.drained() {
				w.exit(true)
				return
			}
			runtime.Gosched() // a submitter is between claiming a slot and filling it
			continue
		}
		if !spinning { // every worker spins a little: a worker that parks at once makes Pool.idle flicker, and submitters read it on every push
			spinning = true
			p.spinning.Add(1) // submitters now need not wake anyone
			spins = 0
		}
		if spinning && spins < budget {
			spins++
			if spins%yieldEvery == 0 {
				if w.cpu < 0 {
					runtime.Gosched()
				} else {
					threadYield()
				}
			}
			continue
		}

		// Park: drop the spinning role, announce, re-check, sleep.
		if testHook != nil {
			testHook("park") // still spinning; its last look found nothing
		}
		if spinning {
			spinning = false
			p.spinning.Add(-1) // from here on submitters wake a parked worker
		}
		if p.live.Load() > p.target.Load() && w.retire() {
			return
		}
		if testHook != nil {
			testHook("push") // gave up the role, not retiring: about to announce
		}
		w.sh.idle.push(w.wt)
		backOut := p.queued() || p.closed.Load()
		if testHook != nil {
			testHook("recheck") // announced, queues re-checked; live against target next
		}
		if backOut || p.live.Load() > p.target.Load() {
			// Back out as a spinner, taking the role back unless a waker's
			// token just handed it to us (Go's findRunnable does the same,
			// becomeSpinning, when its re-check succeeds). A submitter that
			// saw us spinning left its task to us, and our pop takes only our
			// share of what is queued; only a spinner's find wakes the next
			// worker for the rest (above). Without the role, a second task
			// could stay queued beside a parked worker for as long as ours
			// runs (TestSpinnerThatBacksOutWakesNext).
			if tok, _ := w.sh.idle.cancel(w.wt); !tok {
				p.spinning.Add(1)
			}
			spinning, spins = true, 0
			continue
		}
		if testHook != nil {
			testHook("wait") // on the idle stack, re-check done: committed to sleep
		}
		tok, woken := w.sh.idle.wait(w.wt, timer, p.idleTimeout)
		if !woken && w.expire() {
			return
		}
		spinning, spins = tok, 0
	}
}

// find pops a batch into w.buf, from the home shard first, then the others in
// turn; it returns the shard the batch came from (w.n == 0: none).
func (w *worker) find() *shard {
	if w.n = w.pop(w.sh); w.n > 0 {
		return w.sh
	}
	shards := w.p.shards
	for i := 1; i < len(shards); i++ {
		sh := shards[(w.sh.idx+i)%len(shards)]
		if w.n = w.pop(sh); w.n > 0 {
			return sh
		}
	}
	return nil
}

// pop takes a batch from sh into w.buf: one task, or for batching workers
// their share of what they see queued, at most p.batch. Tasks in a
// worker's batch wait behind the one it runs, so a batch is taken only from
// a backlog that the other workers cannot all be idle beside: with as many
// tasks queued as workers, each worker takes one. The share counts the
// workers the pool is growing back to (target), not only those alive: a
// worker grown after idle expiry must leave the next task to the one grown
// for it a moment later (TestShareCountsWorkersToCome).
func (w *worker) pop(sh *shard) int {
	return sh.q.pop(w.buf[:w.p.batch], int(max(w.p.live.Load(), w.p.target.Load())))
}

// flush publishes the locally counted finished tasks.
func (w *worker) flush() {
	w.done.Add(w.unflushed) // single writer; atomic for Metrics
	w.unflushed = 0
}

// exec runs one job, catching a plain task's panic (a Group task turns its
// own into an error).
func (w *worker) exec(j job) {
	if j.g != nil {
		j.g.run(j.efn)
		return
	}
	defer func() {
		if r := recover(); r != nil {
			w.panics.Add(1) // Metrics
			w.p.handlePanic(r)
		}
	}()
	j.fn()
}

// handlePanic gives r to the PanicHandler, catching a panic there too.
func (p *Pool) handlePanic(r any) {
	if p.onPanic == nil {
		return
	}
	defer func() {
		if recover() != nil {
			p.panics.Add(1) // the handler's own panic, counted
		}
	}()
	p.onPanic(r)
}

// retire makes this worker exit if there are more than target (Resize down).
// It never takes live below target, so some worker remains to drain.
func (w *worker) retire() bool {
	p := w.p
	for {
		l := p.live.Load()
		if l <= p.target.Load() {
			return false
		}
		if p.live.CompareAndSwap(l, l-1) { // claim one surplus place
			break
		}
	}
	// A submitter that saw us spinning left its task to us. Pass the look on
	// as that submitter would have: wake hands the woken worker the spinning
	// role, so that its find wakes the next worker if more is queued. A bare
	// wake-up takes only its share of a backlog and wakes nobody for the
	// rest, which could then wait beside a parked worker for as long as the
	// woken one's task runs (TestRetireHandsOnRole).
	if p.queued() {
		p.wake(w.sh)
	}
	w.exit(false)
	return true
}

// expire makes an idle-timed-out worker exit, unless there is work or Close
// has begun. See pool.go's Invariants on why under mu.
func (w *worker) expire() bool {
	p := w.p
	p.mu.Lock()
	if p.closing {
		p.mu.Unlock()
		return false
	}
	p.live.Add(-1)  // first, so a submitter that pushes now sees live < target...
	if p.queued() { // ...or we see its task
		p.live.Add(1)
		p.mu.Unlock()
		return false
	}
	p.mu.Unlock()
	w.exit(false)
	return true
}

// exit does the bookkeeping of a worker leaving; decLive if live still
// counts it.
func (w *worker) exit(decLive bool) {
	p := w.p
	p.mu.Lock()
	if decLive {
		p.live.Add(-1) // under mu
	}
	w.retireCounts()
	w.clean = true
	p.mu.Unlock()
}

// retireCounts moves the worker's counters to its shard's total; mu held.
func (w *worker) retireCounts() {
	r := &w.p.retired[w.sh.idx]
	r.done += w.done.Load() + w.unflushed
	r.panics += w.panics.Load()
	r.stolen += w.stolen.Load()
	w.p.slots[w.slot].n--
	delete(w.p.workers, w)
}

// killed runs when the worker goroutine ends. If a task called
// runtime.Goexit, the worker did not leave through its loop: count the task
// as failed, replace the worker, and give the replacement the rest of the
// batch.
func (w *worker) killed() {
	p := w.p
	if !w.clean {
		p.mu.Lock()
		rest := w.buf[w.next:w.n]
		w.unflushed += uint64(w.next) // this batch's tasks that ran, the killer included
		w.panics.Add(1)               // the killer counts as failed
		w.retireCounts()
		p.live.Add(-1) // under mu
		if !p.closing || len(rest) > 0 || p.live.Load() == 0 {
			p.spawn(slices.Clone(rest), false)
		}
		p.mu.Unlock()
	}
	p.wg.Done()
}
