//go:build !linux

// Affinity elsewhere: no thread binding, every CPU allowed, the current CPU
// unknown. The pool builds and runs, unpinned, with one node.
//
// Invariants:
//   - pinThread does nothing and reports success, so Options.Pin is accepted
//     and ignored (documented on Options.Pin).

package pool

import "runtime"

// pinSupported reports whether Options.Pin has an effect on this platform.
const pinSupported = false

// affinityCPUs returns 0..NumCPU-1: there is no portable affinity mask.
func affinityCPUs() ([]int, error) {
	cpus := make([]int, runtime.NumCPU())
	for i := range cpus {
		cpus[i] = i
	}
	return cpus, nil
}

// pinThread is a no-op: threads are not bound on this platform.
func pinThread(cpu int) error { return nil }

// currentCPU is unknown here.
func currentCPU() int { return -1 }

// threadYield is a no-op: workers are never pinned here.
func threadYield() {}
