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
//   - Bind changes only the calling thread's mask. Its caller has locked
//     its goroutine to that thread (runtime.LockOSThread), and never
//     unlocks it, so no narrowed thread goes back to the scheduler: the
//     runtime terminates a thread whose locked goroutine exits.
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

// Bind binds the calling thread, which the caller has locked, to cpu.
func Bind(cpu int) error {
	var set unix.CPUSet
	set.Set(cpu)
	if err := unix.SchedSetaffinity(0, &set); err != nil {
		return fmt.Errorf("sched_setaffinity to CPU %d: %w", cpu, err)
	}
	return nil
}
