// Package pool is a worker pool that knows the machine: which CPUs the
// process may use, which NUMA node each belongs to, and (optionally) which
// CPU each worker runs on.
//
// Go's scheduler knows nothing of NUMA, and neither do the pools Go
// programmers usually reach for. A Pool reads the topology from sysfs
// (ReadTopology: online CPUs, node cpulists, the cgroup cpuset, L3 sharing),
// intersected with the process's affinity mask, and builds one shard per NUMA
// node when Options.NUMA is set: a node-local lock-free queue and the workers
// placed on that node's CPUs. A task goes to the submitter's node when it is
// known, else round robin; an idle worker takes from its own node first and
// steals from other nodes last (Metrics.Stolen counts it). With Options.Pin
// each worker is locked to an OS thread bound to one CPU.
//
// Compared with the go statement: a Pool reuses a fixed set of goroutines,
// so a task costs a slot in a ring (32 bytes) instead of a goroutine (a 2 KiB
// stack at least), and the number of tasks running at once is bounded.
// Compared with a chan of funcs read by N goroutines: the same shape, but the
// queue is lock-free, idle workers park without burning CPU and wake the way
// the runtime wakes Ps (one spinner at a time), and the pool adds placement,
// Resize, idle expiry, panic recovery, groups, futures and metrics.
//
// Life cycle: New starts the workers. Submit queues a task, blocking while
// the queues are full; TrySubmit returns ErrWouldBlock instead. Close stops
// taking tasks, runs every task already accepted, and returns when every
// worker goroutine has exited. A task accepted with a nil error runs exactly
// once; a task refused with an error never runs.
//
// Results and errors: Go[T] runs a function on the pool and returns a typed
// Future. Pool.Group is errgroup on the pool: the first error cancels the
// group's context and is what Wait returns. A panicking task never kills its
// worker: a plain task's panic goes to Options.PanicHandler (or is counted),
// a Group or Future task's panic becomes a *PanicError (and its
// runtime.Goexit, ErrGoexit).
//
// Errors: ErrClosed and ErrWouldBlock are this package's own values (not
// mpmc's). Bad Options make New return an error naming the field and value.
//
// Platforms: pinning, the affinity mask and the submitter's CPU use Linux
// system calls (affinity_linux.go); elsewhere (affinity_other.go) the pool
// runs unpinned on one node of runtime.NumCPU CPUs.
package pool
