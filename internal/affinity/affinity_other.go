//go:build !linux

// Elsewhere: every CPU allowed, and no thread binding.

package affinity

import "runtime"

// Supported reports whether Bind has an effect on this platform.
const Supported = false

// CPUs returns 0..NumCPU-1: there is no portable affinity mask.
func CPUs() ([]int, error) {
	cpus := make([]int, runtime.NumCPU())
	for i := range cpus {
		cpus[i] = i
	}
	return cpus, nil
}

// Process is CPUs: there is no thread binding to narrow it.
func Process() ([]int, error) { return CPUs() }

// Bind does nothing: threads are not bound on this platform.
func Bind(cpu int) error { return nil }
