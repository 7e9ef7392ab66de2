//go:build linux

// Affinity on Linux: asking which CPU the calling thread runs on, and
// yielding it (the allowed CPUs and the binding are internal/affinity's).
//
// Source: getcpu(2) and sched_yield(2), through golang.org/x/sys/unix.

package pool

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// currentCPU returns the CPU the calling thread runs on, or -1. It is a real
// system call (tens of nanoseconds), so it is used only when there is more
// than one shard to choose from.
func currentCPU() int {
	var cpu, node uint32
	_, _, errno := unix.RawSyscall(unix.SYS_GETCPU, uintptr(unsafe.Pointer(&cpu)), uintptr(unsafe.Pointer(&node)), 0)
	if errno != 0 {
		return -1
	}
	return int(cpu)
}

// threadYield gives this CPU to another runnable OS thread, if any, without
// descheduling the calling goroutine from its thread (sched_yield(2)). A
// pinned worker spins with it: runtime.Gosched would hand its locked thread's
// P away, a context switch, while a pure busy loop would keep a submitter
// that the kernel put on the same CPU waiting for a whole time slice.
func threadYield() { unix.RawSyscall(unix.SYS_SCHED_YIELD, 0, 0, 0) }
