// Package spin is one iteration of a busy wait, for the bounded spins of
// package ring's backoff and mpmc's lock.
//
// Go has no public PAUSE instruction. An empty call that the compiler may
// not inline keeps a spin loop from being optimised away; it costs a few
// cycles, so a spin's length is counted in calls (backoff doubles them,
// mpmc's lock makes about 250 in all).
package spin

// Hint is one iteration of a busy wait.
//
//go:noinline
func Hint() {}
