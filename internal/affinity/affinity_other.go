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
func Bind(cpus ...int) error { return nil }

// Mask stands for a thread's affinity mask, which this platform does not
// have.
type Mask struct{}

// Save returns the empty Mask.
func Save() (Mask, error) { return Mask{}, nil }

// Restore does nothing.
func (Mask) Restore() error { return nil }
