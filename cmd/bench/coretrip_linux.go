//go:build linux

// Binding a thread to a CPU for the round trip, on Linux: sched_getaffinity(2) and
// sched_setaffinity(2) through golang.org/x/sys/unix (pid 0: the calling thread).

package main

import (
	"fmt"
	"unsafe"

	"golang.org/x/sys/unix"
)

// tripCPUs returns the first two CPUs the process may run on.
func tripCPUs() ([2]int, error) {
	var set unix.CPUSet
	if err := unix.SchedGetaffinity(0, &set); err != nil {
		return [2]int{}, fmt.Errorf("sched_getaffinity: %w", err)
	}
	var cpus [2]int
	n := 0
	for c := 0; n < 2 && c < len(set)*int(unsafe.Sizeof(set[0]))*8; c++ {
		if set.IsSet(c) {
			cpus[n], n = c, n+1
		}
	}
	if n < 2 {
		return cpus, fmt.Errorf("the process may run on %d CPU", n)
	}
	return cpus, nil
}

// bindThread binds the calling thread, which the caller has locked, to cpu.
func bindThread(cpu int) error {
	var set unix.CPUSet
	set.Set(cpu)
	if err := unix.SchedSetaffinity(0, &set); err != nil {
		return fmt.Errorf("sched_setaffinity to CPU %d: %w", cpu, err)
	}
	return nil
}
