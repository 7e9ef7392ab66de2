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
	"sync/atomic"
	"time"
)

// Batch sizes: how many tasks one pop may take (see worker.pop).
const (
	batchUnpinned = 4
	batchPinned   = 16
)

// Spin budgets: how many empty looks at the queues before parking. A
// worker bound to its CPUs (pin.go) spins longer, as parking costs its
// locked thread a context switch, and yields its CPU with sched_yield
// rather than runtime.Gosched (threadYield).
// Not much longer: a spinning worker holds a P, and a goroutine it readied
// (a Group's Wait, say) cannot run until the worker lets go of it. Smoke
// runs of PoolGroup on 2 CPUs: 256 looks ~315 µs per group, 64 ~160, 32 ~130.
const (
	spinUnpinned = 32
	spinPinned   = 64
	yieldEvery   = 4 // spinners yield this often
)

// heldWait is how long a worker parks, at most, while another worker
// holds popped tasks it has not started (batch.go): then it looks whether
// that worker is stuck, and takes one (steal). Parking, not spinning, in
// between: a worker that goes through its batch leaves the CPU to the
// submitters meanwhile (spinning beside such a batch made PoolTiny 40-50%
// slower).
const heldWait = time.Millisecond

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

	pending  []job              // jobs to run first, inherited from a killed worker; moved to b by run
	spinning bool               // started with a spinning role (grow); taken over by run
	clean    bool               // exited through the loop, not killed by Goexit
	seen     map[*worker]uint64 // steal: the spans of the batches that held tasks at the last look

	unflushed uint64 // tasks finished since the last flush to done

	_      [padSize]byte
	b      batch         // the tasks of the last pop not yet taken (batch.go)
	done   atomic.Uint64 // tasks finished, as of the last flush; single writer
	panics atomic.Uint64 // tasks that panicked
	stolen atomic.Uint64 // tasks popped from another shard
	_      [padSize]byte
}

// run is the worker goroutine.
func (w *worker) run() {
	p := w.p
	defer w.killed()
	bound := false // locked to a thread with a narrowed mask
	if cpus := w.binding(); cpus != nil {
		unpin, err := pinThread(cpus)
		if err != nil {
			p.pinFailures.Add(1) // reported in Metrics; the worker runs unbound
		} else {
			bound = true
			defer unpin() // after any task, also one that calls runtime.Goexit
		}
	}
	if testHook != nil {
		testHook("start") // a new worker, before its first look
	}
	var timer *time.Timer // made at the first timed park
	w.b.jobs = make([]job, max(p.batch, len(w.pending)))
	w.b.begin()
	w.b.publish(copy(w.b.jobs, w.pending)) // a killed worker's leftovers run first
	w.pending = nil
	budget := spinUnpinned
	if bound {
		budget = spinPinned
	}
	spinning, spins := w.spinning, 0
	n := w.b.n // tasks popped; at first the leftovers
	for {
		from := w.sh
		if n == 0 {
			from, n = w.find()
		}
		if n > 0 {
			if spinning {
				spinning = false
				if p.spinning.Add(-1) == 0 && p.queued() { // we were the last to look: get another looker
					p.wake(from)
				}
			}
			if from != w.sh {
				w.stolen.Add(uint64(n))
			}
			for i := 0; i < n && p.subq.n.Load() != 0; i++ { // slots freed: wake blocked submitters
				p.subq.wakeOne(false)
			}
			for t, ok := w.b.take(); ok; t, ok = w.b.take() {
				w.exec(t)
				w.unflushed++
			}
			if w.unflushed >= flushEvery {
				w.flush()
			}
			n, spins = 0, 0
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
				if n = w.steal(); n > 0 {
					continue // a task another worker holds: it may be waiting for it
				}
				if !p.held() {
					w.exit(true)
					return
				}
			}
			runtime.Gosched() // a submitter is between claiming a slot and filling it, or a worker is popping
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
				if bound {
					threadYield()
				} else {
					runtime.Gosched()
				}
			}
			continue
		}

		// Before parking, take a task another worker popped and has not
		// started: it may be stuck behind a task that waits for it. Only
		// here, not at every look, so that a busy owner's batch stays in
		// its own cache.
		if n = w.steal(); n > 0 {
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
		held := p.held() // after the push: see batch.go for why a pop's tasks cannot slip past both looks
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
		timeout := p.idleTimeout
		if held && (timeout == 0 || timeout > heldWait) {
			timeout = heldWait // wake to see whether the holder is stuck (steal)
		}
		var t *time.Timer // nil: no timeout (wait's contract)
		if timeout > 0 {
			if timer == nil {
				timer = time.NewTimer(time.Hour)
				timer.Stop()
			}
			t = timer
		}
		tok, woken := w.sh.idle.wait(w.wt, t, timeout)
		if !woken && timeout == p.idleTimeout && w.expire() {
			return
		}
		spinning, spins = tok, 0
	}
}

// binding returns the CPUs this worker's thread is bound to (pin.go): its
// own when pinned, the pool's when Options.CPUs restricts an unpinned
// pool, else nil.
func (w *worker) binding() []int {
	if w.cpu >= 0 {
		return []int{w.cpu}
	}
	return w.p.bindCPUs
}

// find pops a batch into w.buf, from the home shard first, then the others in
// turn; it returns the shard the batch came from and how many tasks it
// popped (0: none, and the shard is nil).
func (w *worker) find() (*shard, int) {
	if n := w.pop(w.sh); n > 0 {
		return w.sh, n
	}
	shards := w.p.shards
	for i := 1; i < len(shards); i++ {
		sh := shards[(w.sh.idx+i)%len(shards)]
		if n := w.pop(sh); n > 0 {
			return sh, n
		}
	}
	return nil, 0
}

// pop takes a batch from sh into w.b, whose tasks are all taken: one task,
// or for batching workers their share of what they see queued, at most
// p.batch. Tasks in a worker's batch wait behind the one it runs unless an
// idle worker takes them (batch.go), so a batch is taken only from a
// backlog that the other workers cannot all be idle beside: with as many
// tasks queued as workers, each worker takes one. The share counts the
// workers the pool is growing back to (target), not only those alive: a
// worker grown after idle expiry must leave the next task to the one grown
// for it a moment later (TestShareCountsWorkersToCome).
func (w *worker) pop(sh *shard) int {
	w.b.begin()
	n := sh.q.pop(w.b.jobs[:w.p.batch], int(max(w.p.live.Load(), w.p.target.Load())), &w.b.span)
	w.b.publish(n)
	return n
}

// steal takes one task that another worker popped and has not started
// into w's batch, and returns how many it took: 0 or 1. It takes only from
// a worker whose batch has not moved since w's last call (seen): one that
// goes through a batch of short tasks is left to it, since taking from it
// would move its batch's line between CPUs at each task, while one that
// runs the same task for as long as w takes to spin again (or to wake from
// a park of heldWait) is stuck, or slow, and its other tasks are better
// run here. Every held batch is looked at, so that one that keeps moving
// does not hide a stuck one behind it (noted by a review).
func (w *worker) steal() int {
	all := *w.p.all.Load()
	if w.seen == nil || len(w.seen) > 2*len(all) {
		w.seen = make(map[*worker]uint64, len(all)) // first use, or workers gone since: forget them
	}
	for _, v := range all {
		if v == w || !v.b.held() {
			delete(w.seen, v)
			continue
		}
		span := v.b.span.Load()
		if last, ok := w.seen[v]; !ok || last != span {
			w.seen[v] = span // look again after the next spin
			continue
		}
		if j, ok := v.b.steal(); ok {
			if testHook != nil {
				testHook("steal") // took a task from another worker's batch
			}
			w.seen[v] = v.b.span.Load() // still stuck at the next call: take the next task at once
			w.b.begin()
			w.b.jobs[0] = j
			w.b.publish(1)
			return 1
		}
	}
	return 0
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
	p.live.Add(-1)              // first, so a submitter that pushes now sees live < target...
	if p.queued() || p.held() { // ...or we see its task; nor leave a stuck worker's batch to nobody
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
	p.relist()
	w.clean = true
	p.mu.Unlock()
}

// retireCounts moves the worker's counters to its shard's total and takes
// it off the worker set; mu held. The caller relists.
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
		rest := w.b.rest()
		w.unflushed++   // the killer, which ran
		w.panics.Add(1) // the killer counts as failed
		w.retireCounts()
		p.live.Add(-1) // under mu
		if !p.closing || len(rest) > 0 || p.live.Load() == 0 {
			p.spawn(rest, false) // which relists: the list never lacks both (rest)
		} else {
			p.relist()
		}
		p.mu.Unlock()
	}
	p.wg.Done()
}
