//go:build linux

// Package affinity is the one place hoare asks which CPUs a thread may
// run on and binds a thread to one: the pool's pinned workers and the
// benchmark's core-to-core round trip use it.
//
// Source: sched_getaffinity(2) and sched_setaffinity(2), through
// golang.org/x/sys/unix. On Linux a pid of 0 names the calling thread, so
// both calls act on one OS thread, not the whole process.
//
// Invariants:
//   - Bind and Restore change only the calling thread's mask. Their caller
//     has locked its goroutine to that thread (runtime.LockOSThread) and
//     unlocks it only after Restore put back the mask Save returned, so no
//     narrowed thread goes back to the scheduler. (A thread whose locked
//     goroutine exits is terminated by the runtime, except the main thread,
//     which it parks for good: the kernel reports the main thread's mask as
//     the process's, so a narrowed one would outlive its goroutine there.)
package affinity

import (
	"fmt"
	"slices"
	"unsafe"

	"golang.org/x/sys/unix"
)

// Supported reports whether Bind has an effect on this platform.
const Supported = true

// process and processErr are the affinity mask at start-up: read by the
// package's initialization, which runs on the main thread before any
// thread was bound, so they are what the process may run on.
var process, processErr = CPUs()

// Process returns the CPUs the process may run on, ascending: the mask at
// start-up. CPUs, called later from a bound thread (a pinned pool worker's
// task, say), would list only that thread's CPU.
func Process() ([]int, error) { return slices.Clone(process), processErr }

// CPUs returns the CPUs in the calling thread's affinity mask, ascending;
// at start-up that is the process's.
func CPUs() ([]int, error) {
	var set unix.CPUSet
	if err := unix.SchedGetaffinity(0, &set); err != nil {
		return nil, fmt.Errorf("sched_getaffinity: %w", err)
	}
	var cpus []int
	for c := 0; c < len(set)*int(unsafe.Sizeof(set[0]))*8; c++ {
		if set.IsSet(c) {
			cpus = append(cpus, c)
		}
	}
	return cpus, nil
}

// Bind binds the calling thread, which the caller has locked, to cpus: it
// may run on those and no others.
func Bind(cpus ...int) error {
	var set unix.CPUSet
	for _, c := range cpus {
		set.Set(c)
	}
	if err := unix.SchedSetaffinity(0, &set); err != nil {
		return fmt.Errorf("sched_setaffinity to CPUs %v: %w", cpus, err)
	}
	return nil
}

// Mask is a thread's affinity mask, saved by Save to be put back by
// Restore.
type Mask struct{ set unix.CPUSet }

// Save returns the calling thread's mask.
func Save() (Mask, error) {
	var m Mask
	if err := unix.SchedGetaffinity(0, &m.set); err != nil {
		return m, fmt.Errorf("sched_getaffinity: %w", err)
	}
	return m, nil
}

// Restore gives the calling thread, which the caller has locked, the mask
// m.
func (m Mask) Restore() error {
	if err := unix.SchedSetaffinity(0, &m.set); err != nil {
		return fmt.Errorf("sched_setaffinity: %w", err)
	}
	return nil
}
