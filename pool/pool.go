// pool: the Pool, its shards, and the submit side: where a task goes and who
// is woken for it.
//
// Source: the wake-up policy is Go's scheduler's (runtime/proc.go, wakep and
// resetspinning): wake an idle worker only when no worker is already
// spinning, hand the woken one the spinning role, and let a spinner that
// finds work wake the next. This keeps a burst of submits from waking every
// worker, and a steady stream from waking any.
//
// Invariants:
//   - A task accepted by Submit/TrySubmit (nil error) runs exactly once; a
//     task refused (error) never runs. The seal of each ring (Close) is the
//     single point that decides which: pushes before it are drained by the
//     workers, pushes after it fail with ErrClosed.
//   - After a successful push the submitter runs wake, which leaves at least
//     one worker that will look at the queues again: a spinner, a woken idle
//     worker, a new worker, or a busy one (which always looks before parking).
//     A submitter that sees spinning != 0 leaves its task to a spinner, so
//     whoever holds a spinning role must, on giving it up, re-check the
//     queues after the decrement: a spinner that finds work wakes the next
//     worker if it was the last spinner and more is queued; a spinner that
//     parks re-checks, and backs out still a spinner; a waker that took the
//     role and found nobody to hand it to (no idle worker to wake, none to
//     start) re-checks and tries again, unless nobody is idle, when every
//     worker is busy and looks before it parks; a
//     spinner that retires instead of parking (Resize down) re-checks and
//     passes the role on through wake, never as a bare wake-up.
//     (Tasks may block for ever, so "a busy worker will look" is not enough
//     for a task that a parked worker could run now.)
//   - live counts started, not yet exited workers; it is >= 1 from Close
//     until the rings are drained. It changes only under mu, except for the
//     CAS in worker.retire, which never takes it below target (>= 1).
//   - Workers are spawned and exit under mu; wg counts them. After closing
//     is set, only Close itself spawns, before it waits on wg.

package pool

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// defaultQueue is the queue size per shard when Options.QueueSize is 0.
const defaultQueue = 1024

// Pool runs tasks on a set of worker goroutines placed on the machine's CPUs
// and NUMA nodes. Make one with New; all methods are safe for concurrent use.
type Pool struct {
	// Hot words, by who writes them. spinning changes whenever a worker
	// finds work or gives up; the next line changes only when workers park,
	// wake, start or exit, and is read by every submit; rr is written by
	// submits that do not know their node.
	_        [padSize]byte
	spinning atomic.Int32 // workers awake and looking for work
	_        [padSize - 4]byte
	idle     atomic.Int32 // workers parked, over all shards; a wake-up hint
	live     atomic.Int32 // workers started and not exited
	target   atomic.Int32 // Workers, as last set by New or Resize
	closed   atomic.Bool  // set once by Close, before the rings are sealed
	_        [padSize - 13]byte
	rr       atomic.Uint32 // round robin over shards
	_        [padSize - 4]byte

	shards      []*shard
	cpuShard    []int32 // CPU number -> index in shards, -1 if not ours
	topo        *Topology
	pin         bool
	bindCPUs    []int // Options.CPUs, when they restrict an unpinned pool: its workers' threads' mask
	batch       int
	idleTimeout time.Duration
	onPanic     func(any)
	subq        waitq // submitters blocked on full queues

	panics      atomic.Uint64 // tasks that panicked, plus panicking PanicHandlers
	errs        atomic.Uint64 // Group and Future tasks that returned an error
	pinFailures atomic.Uint64 // workers whose sched_setaffinity failed

	mu      sync.Mutex
	closing bool                      // guarded by mu; Close has begun
	workers map[*worker]struct{}      // guarded by mu
	all     atomic.Pointer[[]*worker] // the keys of workers, for lock-free readers (held, steal); written under mu
	slots   []cpuSlot                 // guarded by mu; where the next worker goes
	retired []counts                  // guarded by mu; per shard, counters of exited workers
	wg      sync.WaitGroup            // one per worker goroutine
	done    chan struct{}             // closed when Close has finished
}

// shard is one NUMA node's part of the pool: its queue and parked workers.
type shard struct {
	q    *ring
	idle waitq // this shard's parked workers
	node int   // NUMA node ID (0 without NUMA)
	idx  int   // index in Pool.shards
	cpus []int // the node's CPUs in the pool
}

// cpuSlot is a CPU a worker can be placed on, with how many are there.
type cpuSlot struct {
	cpu   int
	shard int
	key   float64 // interleaving order: position within the node, as a fraction
	n     int     // workers on it
}

// New makes a pool and starts its workers. Bad options give an error naming
// the field and the value.
func New(o Options) (*Pool, error) {
	if err := o.validate(); err != nil {
		return nil, err
	}
	topo, err := ReadTopology(o.SysfsRoot)
	if err != nil {
		return nil, err
	}
	allowed := topo.CPUs // before Options.CPUs restricts them
	if o.CPUs != nil {
		if topo, err = topo.Restrict(o.CPUs); err != nil {
			return nil, fmt.Errorf("pool: bad Options.CPUs %v: %s", o.CPUs, strings.TrimPrefix(err.Error(), "pool: "))
		}
	}
	workers := o.Workers
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if workers > math.MaxInt32/2 {
		return nil, fmt.Errorf("pool: Options.Workers is %d; too many", o.Workers)
	}
	p := &Pool{
		topo:        topo,
		pin:         o.Pin && pinSupported,
		batch:       batchUnpinned,
		idleTimeout: o.IdleTimeout,
		onPanic:     o.PanicHandler,
		workers:     map[*worker]struct{}{},
		done:        make(chan struct{}),
	}
	if p.pin {
		p.batch = batchPinned
	} else if pinSupported && !slices.Equal(topo.CPUs, allowed) {
		p.bindCPUs = topo.CPUs // Options.CPUs restricts: the workers' threads may run there only
	}
	nodes := []Node{{ID: 0, CPUs: topo.CPUs}}
	if o.NUMA {
		nodes = topo.Nodes
	}
	perShard := defaultQueue
	if o.QueueSize > 0 {
		perShard = (o.QueueSize + len(nodes) - 1) / len(nodes)
	}
	p.cpuShard = make([]int32, slices.Max(topo.CPUs)+1)
	for i := range p.cpuShard {
		p.cpuShard[i] = -1
	}
	for i, n := range nodes {
		sh := &shard{q: newRing(perShard), node: n.ID, idx: i, cpus: n.CPUs}
		sh.idle.also = &p.idle
		p.shards = append(p.shards, sh)
		for j, c := range n.CPUs {
			p.cpuShard[c] = int32(i)
			p.slots = append(p.slots, cpuSlot{cpu: c, shard: i, key: (float64(j) + 0.5) / float64(len(n.CPUs))})
		}
	}
	// Interleave the nodes' CPUs in proportion, so that k workers land on
	// the nodes as k/len(CPUs) of each.
	slices.SortStableFunc(p.slots, func(a, b cpuSlot) int {
		switch {
		case a.key < b.key:
			return -1
		case a.key > b.key:
			return 1
		}
		return a.shard - b.shard
	})
	p.retired = make([]counts, len(p.shards))
	p.target.Store(int32(workers))
	p.mu.Lock()
	for range workers {
		p.spawn(nil, false)
	}
	p.mu.Unlock()
	return p, nil
}

// Submit queues task to run on a worker. It blocks while every queue is full
// and returns ErrClosed once Close has begun (the task then never runs). A
// nil error means the task will run exactly once, even if Close follows at
// once. Submitting from inside a task while the queues are full can deadlock
// the pool, as with any bounded pool: use TrySubmit there.
//
// Tasks run in about the order they were submitted, but a worker takes its
// share of a backlog in one go (up to 4 tasks, 16 when pinned). A task
// that waits for a later one is safe while another worker can run it: the
// tasks a busy worker holds are taken over by a worker that goes idle,
// within about a millisecond. As in any pool of bounded size, if every
// worker waits on a task that none of them can start, the pool deadlocks.
func (p *Pool) Submit(task func()) error {
	if task == nil {
		return errNilTask
	}
	sh := p.shards[0]
	if len(p.shards) > 1 {
		sh = p.home()
	}
	switch sh.q.push(job{fn: task}) {
	case pushed:
		if p.mayNeedWake() {
			p.wakeSlow(sh)
		}
		return nil
	case pushClose:
		return ErrClosed
	}
	return p.submitSlow(sh, job{fn: task}, true)
}

// TrySubmit is Submit without blocking: ErrWouldBlock when every queue is full.
func (p *Pool) TrySubmit(task func()) error {
	if task == nil {
		return errNilTask
	}
	return p.submitJob(job{fn: task}, false)
}

// submitJob queues j: Submit's path for Group tasks, and TrySubmit's.
func (p *Pool) submitJob(j job, block bool) error {
	sh := p.shards[0]
	if len(p.shards) > 1 {
		sh = p.home()
	}
	switch sh.q.push(j) {
	case pushed:
		if p.mayNeedWake() {
			p.wakeSlow(sh)
		}
		return nil
	case pushClose:
		return ErrClosed
	}
	return p.submitSlow(sh, j, block)
}

// home picks the shard for a submit when there are several: the
// submitter's node if known, else round robin.
func (p *Pool) home() *shard {
	if c := currentCPU(); c >= 0 && c < len(p.cpuShard) && p.cpuShard[c] >= 0 {
		return p.shards[p.cpuShard[c]]
	}
	return p.shards[p.rr.Add(1)%uint32(len(p.shards))] // spreads submitters from unknown CPUs
}

// submitSlow is the path when the home queue is full: try the others, then
// (if block) park until a worker frees a slot or Close begins.
func (p *Pool) submitSlow(home *shard, j job, block bool) error {
	var w *waiter
	for {
		if err, ok := p.pushAny(home, j); ok {
			return err
		}
		if !block {
			return ErrWouldBlock
		}
		if w == nil {
			w = newWaiter()
		}
		p.subq.push(w)
		// Re-check after announcing: a worker that popped before our push
		// did not see us; Close wakes everyone on subq after sealing.
		if err, ok := p.pushAny(home, j); ok {
			p.subq.cancel(w)
			return err
		}
		p.subq.wait(w, nil, 0)
	}
}

// pushAny tries every shard's queue, home first. ok reports a final outcome:
// pushed (nil) or closed (ErrClosed).
func (p *Pool) pushAny(home *shard, j job) (err error, ok bool) {
	for i := range p.shards {
		sh := p.shards[(home.idx+i)%len(p.shards)]
		switch sh.q.push(j) {
		case pushed:
			p.wake(sh)
			return nil, true
		case pushClose:
			return ErrClosed, true
		}
	}
	return nil, false
}

// wake makes sure some worker will look at the queues after a push to sh.
func (p *Pool) wake(sh *shard) {
	if p.mayNeedWake() {
		p.wakeSlow(sh)
	}
}

// mayNeedWake is wake's fast path, inlined into Submit: it reads one rarely
// written cache line. False means every worker is awake, and each looks at
// the queues again before it parks.
func (p *Pool) mayNeedWake() bool {
	return p.idle.Load() != 0 || p.live.Load() < p.target.Load()
}

// wakeSlow hands the spinning role to an idle worker, or to a new one
// when idle workers expired (live < target), unless a worker is spinning
// already.
//
// A new worker gets the role as a woken one does (the runtime's
// startm(spinning)): started without it, it took one task and woke nobody,
// though submitters that had seen the role left theirs to it, and a task
// stayed queued with room for another worker (found by a review:
// TestGrownWorkerCarriesRole).
func (p *Pool) wakeSlow(sh *shard) {
	for {
		if p.spinning.Load() != 0 { // a spinner will find the task
			return
		}
		if !p.spinning.CompareAndSwap(0, 1) { // the role; someone else took it
			return
		}
		if testHook != nil {
			testHook("wake") // holds the role, has woken nobody yet
		}
		if sh.idle.wakeOne(true) {
			return
		}
		for _, o := range p.shards {
			if o != sh && o.idle.wakeOne(true) {
				return
			}
		}
		if p.grow() { // the role goes to the new worker
			return
		}
		if testHook != nil {
			testHook("wake.none") // holds a role nobody will use
		}
		p.spinning.Add(-1) // nobody to hand the role to
		// While we held the role, a submitter may have seen spinning != 0
		// and left its task to a spinner that does not exist, and a worker
		// may have parked since our wakeOne. Re-check after the decrement,
		// as a parking spinner does: that submitter pushed before reading
		// the role, so we see its task (TestUnusedWakeRoleRechecks). With
		// nobody idle and no worker to start, every worker is busy and
		// looks at the queues before it parks. The loop ends: a turn that
		// wakes nobody ends with idle != 0 after every idle stack was found
		// empty, which takes another goroutine's wake or back-out in
		// between.
		if !p.queued() || p.idle.Load() == 0 {
			return
		}
	}
}

// queued reports whether any ring has a task claimed by a producer and not
// yet by a worker.
func (p *Pool) queued() bool {
	for _, sh := range p.shards {
		if sh.q.len() > 0 {
			return true
		}
	}
	return false
}

// held reports whether some worker holds tasks it popped and nobody has
// taken yet, or is popping some (batch.go).
func (p *Pool) held() bool {
	for _, w := range *p.all.Load() {
		if w.b.held() {
			return true
		}
	}
	return false
}

// relist publishes the workers for held and steal; mu held.
func (p *Pool) relist() {
	all := make([]*worker, 0, len(p.workers))
	for w := range p.workers {
		all = append(all, w)
	}
	p.all.Store(&all)
}

// drained reports whether Close has sealed every ring and all were emptied.
func (p *Pool) drained() bool {
	for _, sh := range p.shards {
		if !sh.q.drained() {
			return false
		}
	}
	return true
}

// grow starts one worker if there are fewer than target (after idle expiry).
func (p *Pool) grow() bool {
	if p.live.Load() >= p.target.Load() {
		return false // the one load, when no worker expired
	}
	if testHook != nil {
		testHook("grow") // about to start a worker if live < target
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closing || p.live.Load() >= p.target.Load() {
		return false
	}
	p.spawn(nil, true)
	return true
}

// spawn starts a worker on the least used CPU slot; mu held. pending are
// tasks the new worker runs first (those of a worker a task killed); with
// spinning, the worker takes over the caller's spinning role.
func (p *Pool) spawn(pending []job, spinning bool) {
	best := 0
	for i := range p.slots {
		if p.slots[i].n < p.slots[best].n {
			best = i
		}
	}
	s := &p.slots[best]
	s.n++
	w := &worker{p: p, sh: p.shards[s.shard], slot: best, cpu: -1, wt: newWaiter(), pending: pending, spinning: spinning}
	if p.pin {
		w.cpu = s.cpu
	}
	if len(pending) > 1 {
		w.b.span.Store(filling) // held (batch.go) until run publishes them
	}
	p.workers[w] = struct{}{}
	p.relist()
	p.live.Add(1) // under mu
	p.wg.Add(1)
	go w.run()
}

// Resize sets the number of workers to n (>= 1). Extra workers are started
// at once; surplus ones exit after their current task, or when idle. It
// returns ErrClosed once Close has begun.
func (p *Pool) Resize(n int) error {
	if n < 1 || n > math.MaxInt32/2 {
		return fmt.Errorf("pool: Resize(%d): want 1 <= n <= %d", n, math.MaxInt32/2)
	}
	p.mu.Lock()
	if p.closing {
		p.mu.Unlock()
		return ErrClosed
	}
	p.target.Store(int32(n))
	for p.live.Load() < int32(n) {
		p.spawn(nil, false)
	}
	p.mu.Unlock()
	for _, sh := range p.shards {
		sh.idle.wakeAll() // surplus parked workers see live > target and exit
	}
	return nil
}

// Workers returns the number of workers the pool is sized for (New or the
// last Resize); idle expiry may have retired some of them for now.
func (p *Pool) Workers() int { return int(p.target.Load()) }

// Cap returns how many tasks the queues hold in all.
func (p *Pool) Cap() int {
	n := 0
	for _, sh := range p.shards {
		n += int(sh.q.size)
	}
	return n
}

// Topology returns the CPUs and nodes the pool uses (after Options.CPUs).
// The caller must not modify it.
func (p *Pool) Topology() *Topology { return p.topo }

// Close stops accepting tasks (Submit returns ErrClosed from now on), runs
// every task already accepted, and returns when all workers have exited: no
// goroutine of the pool is left. A second Close waits for the first and
// returns ErrClosed. Close must not be called from inside a task: it would
// wait for its own worker.
func (p *Pool) Close() error {
	p.mu.Lock()
	if p.closing {
		p.mu.Unlock()
		<-p.done
		return ErrClosed
	}
	p.closing = true
	p.closed.Store(true) // parking workers and blocked submitters re-check this
	for _, sh := range p.shards {
		sh.q.seal()
	}
	if p.live.Load() == 0 { // all expired: someone must drain
		p.spawn(nil, false)
	}
	p.mu.Unlock()
	p.subq.wakeAll()
	for _, sh := range p.shards {
		sh.idle.wakeAll()
	}
	p.wg.Wait()
	close(p.done)
	return nil
}
