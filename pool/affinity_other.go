//go:build !linux

// Affinity elsewhere: the current CPU unknown, and nothing to yield to.
// The pool builds and runs, unpinned (internal/affinity binds nothing
// here), with one node.

package pool

// currentCPU is unknown here.
func currentCPU() int { return -1 }

// threadYield is a no-op: workers are never pinned here.
func threadYield() {}
