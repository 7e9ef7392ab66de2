//go:build unix

// Process CPU time (user + system, all threads) from getrusage(2), the measure of
// what a workload burns while it waits: a spinning consumer shows up here, a parked
// one does not.
//
// Invariants: monotonic for the life of the process; microsecond resolution.

package workload

import "syscall"

// CPUMeasured reports whether CPUNanos measures anything on this platform.
const CPUMeasured = true

// CPUNanos returns the CPU time this process has used so far, user plus system, in
// nanoseconds.
func CPUNanos() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
