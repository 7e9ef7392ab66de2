// metrics: a snapshot of what the pool has done, in total and per node.
//
// Invariants:
//   - Counters only grow; a snapshot is not atomic across counters (each is
//     read once), so Running and Queued are estimates while tasks flow and
//     exact once the pool is quiet. Running is derived (submitted - queued -
//     completed), so it needs no per-task write.
//   - Per-worker counters of exited workers are kept in Pool.retired, so
//     totals never go down when idle workers expire or Resize shrinks.

package pool

// Metrics is a snapshot of a pool's counters.
type Metrics struct {
	Workers     int    // workers running now (idle expiry may leave fewer than Workers())
	Idle        int    // workers parked
	Submitted   uint64 // tasks accepted (Submit, TrySubmit, Group.Go, Go)
	Queued      int    // accepted and not yet taken by a worker
	Running     int    // accepted, not queued, not completed: running, or in a worker's batch (an estimate while busy: see Completed)
	Completed   uint64 // finished, successfully or not; a busy worker publishes its count every 64 tasks, an idle one at once
	Failed      uint64 // Panics + Errors
	Panics      uint64 // tasks that panicked (or called runtime.Goexit), and panicking PanicHandlers
	Errors      uint64 // Group and Future tasks that returned a non-nil error, or panicked (the panic is their error)
	Stolen      uint64 // tasks a worker took from another node's queue
	PinFailures uint64 // workers that could not be bound to their CPU (they run unpinned)
	Nodes       []NodeMetrics
}

// NodeMetrics is one shard's share of Metrics: one NUMA node with
// Options.NUMA, else the whole pool (Node 0).
type NodeMetrics struct {
	Node      int    // NUMA node ID
	CPUs      []int  // the node's CPUs in the pool
	Workers   int    // workers homed on the node
	Submitted uint64 // tasks queued on the node
	Queued    int    // tasks in the node's queue now
	Completed uint64 // tasks the node's workers finished
	Panics    uint64 // tasks that panicked on the node's workers
	Stolen    uint64 // tasks the node's workers took from other nodes
}

// Metrics returns a snapshot of the pool's counters.
func (p *Pool) Metrics() Metrics {
	var m Metrics
	p.mu.Lock()
	m.Nodes = make([]NodeMetrics, len(p.shards))
	for i, sh := range p.shards {
		r := p.retired[i]
		n := &m.Nodes[i]
		n.Node, n.CPUs = sh.node, sh.cpus
		n.Submitted = sh.q.pushes()
		n.Queued = sh.q.len()
		n.Completed, n.Panics, n.Stolen = r.done, r.panics, r.stolen
	}
	for w := range p.workers {
		n := &m.Nodes[w.sh.idx]
		n.Workers++
		n.Completed += w.done.Load()
		n.Panics += w.panics.Load()
		n.Stolen += w.stolen.Load()
	}
	p.mu.Unlock()
	for _, n := range m.Nodes {
		m.Workers += n.Workers
		m.Submitted += n.Submitted
		m.Queued += n.Queued
		m.Completed += n.Completed
		m.Panics += n.Panics
		m.Stolen += n.Stolen
	}
	if r := int64(m.Submitted) - int64(m.Queued) - int64(m.Completed); r > 0 {
		m.Running = int(r)
	}
	m.Idle = int(p.idle.Load())
	m.Panics += p.panics.Load()
	m.Errors = p.errs.Load()
	m.Failed = m.Panics + m.Errors
	m.PinFailures = p.pinFailures.Load()
	return m
}
