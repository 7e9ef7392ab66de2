//go:build !linux

// Elsewhere the round trip's threads are not bound: the OS places them, usually on
// two CPUs when both are busy.

package main

// tripCPUs names no particular CPUs.
func tripCPUs() ([2]int, error) { return [2]int{0, 1}, nil }

// bindThread does nothing.
func bindThread(int) error { return nil }
