// options: what New accepts, and how bad values are reported.
//
// Invariants:
//   - validate rejects every value New cannot honour, with an error that
//     names the field and quotes the bad value; New never panics on Options.

package pool

import (
	"fmt"
	"math"
	"time"
)

// Options configures a Pool. The zero value is GOMAXPROCS unpinned workers
// sharing one queue of 1024 tasks on the process's allowed CPUs.
type Options struct {
	// Workers is the number of workers; 0 means runtime.GOMAXPROCS(0).
	// Negative is an error. Resize changes it later.
	Workers int

	// Pin locks each worker to an OS thread bound to one CPU
	// (runtime.LockOSThread + sched_setaffinity). Workers are spread over
	// the CPUs in proportion to each node's share; with more workers than
	// CPUs some CPUs get two. Pinned workers take larger batches (up to 16
	// tasks, never more than their share of the backlog) and spin longer
	// before parking, since waking a locked thread is a kernel context
	// switch (golang/go#18023). Pinning pays when the workers' CPUs are
	// theirs: on a machine where submitters must share those CPUs, it costs
	// (see runtime_bench). A worker's thread gets its own mask back, and
	// is unlocked, when the worker exits. Ignored (workers run unpinned)
	// on platforms other than Linux.
	Pin bool

	// CPUs restricts the pool to these CPUs; nil means every CPU the
	// process may run on. With Pin, the workers are pinned to these CPUs
	// only; without it, unless these are every CPU the process may run
	// on, each worker is locked to an OS thread whose affinity mask is
	// these CPUs (on Linux; elsewhere only the NUMA shards follow them).
	// A CPU that is offline or outside the affinity mask (or the cgroup
	// cpuset) is an error, as are duplicates and a non-nil empty slice.
	CPUs []int

	// NUMA gives each NUMA node its own shard: a queue and the workers on
	// the node's CPUs. Tasks go to the submitter's node when it is known
	// (getcpu(2) on Linux), else round robin; idle workers take from their
	// own node first and steal from other nodes last. Without NUMA there
	// is one shard.
	NUMA bool

	// QueueSize is the number of tasks the pool holds queued, split evenly
	// over the shards and rounded up to a power of two per shard (Cap
	// reports the result); 0 means 1024 per shard. Negative is an error,
	// and so is more than 1<<30 (less where int has 32 bits).
	QueueSize int

	// PanicHandler receives the value of every panic in a task submitted
	// with Submit or TrySubmit, on the worker, after the task unwound. nil:
	// the panic is recovered and counted (Metrics.Panics). Either way the
	// worker lives on. A panic in PanicHandler itself is recovered too.
	// (Group and Future tasks' panics become *PanicError results instead.)
	PanicHandler func(any)

	// SysfsRoot is where the topology is read from; "" means /sys. Tests
	// point it at a fixture tree (see ReadTopology). A root that cannot be
	// read is an error.
	SysfsRoot string

	// IdleTimeout retires a worker that found no work for this long; a
	// later Submit starts workers again, up to Workers. 0: workers never
	// expire. Negative is an error.
	IdleTimeout time.Duration
}

// maxQueue is the largest Options.QueueSize: far beyond any use, and small
// enough that no rounding or split of it overflows, nor its ring's size.
const maxQueue = min(1<<30, math.MaxInt/4)

// validate checks the fields that need no topology.
func (o *Options) validate() error {
	if o.Workers < 0 {
		return fmt.Errorf("pool: Options.Workers is %d; want >= 0 (0: GOMAXPROCS)", o.Workers)
	}
	if o.QueueSize < 0 || o.QueueSize > maxQueue {
		return fmt.Errorf("pool: Options.QueueSize is %d; want 0 (default) to %d", o.QueueSize, maxQueue)
	}
	if o.IdleTimeout < 0 {
		return fmt.Errorf("pool: Options.IdleTimeout is %v; want >= 0 (0: never)", o.IdleTimeout)
	}
	if o.CPUs != nil && len(o.CPUs) == 0 {
		return fmt.Errorf("pool: Options.CPUs is empty; want nil (all allowed CPUs) or some CPUs")
	}
	for _, c := range o.CPUs {
		if c < 0 {
			return fmt.Errorf("pool: Options.CPUs contains %d; CPU numbers are >= 0", c)
		}
	}
	return nil
}
