//go:build !unix

// Process CPU time where getrusage(2) does not exist: not measured.
//
// Invariants: always 0, so cpu-ns/msg reads 0 rather than a wrong number.

package workload

// CPUMeasured reports whether CPUNanos measures anything on this platform.
const CPUMeasured = false

// CPUNanos returns 0: this platform has no getrusage(2).
func CPUNanos() int64 { return 0 }
