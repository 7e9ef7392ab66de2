//go:build linux

// Affinity on Linux: the process's allowed CPUs, binding the calling thread to
// one CPU, and asking which CPU the calling thread runs on.
//
// Source: sched_setaffinity(2), sched_getaffinity(2), getcpu(2), through
// golang.org/x/sys/unix. On Linux a pid of 0 names the calling thread, so
// these calls act on one OS thread, not the whole process.
//
// Invariants:
//   - pinThread is called only by a worker goroutine that has locked itself to
//     its OS thread (runtime.LockOSThread), so the mask it sets stays with that
//     goroutine; the worker never unlocks, so when it exits the runtime
//     terminates the thread and no narrowed thread goes back to the scheduler.

package pool

import (
	"runtime"
	"unsafe"

	"golang.org/x/sys/unix"
)

// pinSupported reports whether Options.Pin has an effect on this platform.
const pinSupported = true

// affinityCPUs returns the CPUs in the calling thread's affinity mask, which
// at start-up is the process's.
func affinityCPUs() ([]int, error) {
	var set unix.CPUSet
	if err := unix.SchedGetaffinity(0, &set); err != nil {
		return nil, err
	}
	return cpuSetList(&set), nil
}

// cpuSetList lists the CPUs in set, ascending.
func cpuSetList(set *unix.CPUSet) []int {
	var cpus []int
	for c := 0; c < len(set)*int(unsafe.Sizeof(set[0]))*8; c++ {
		if set.IsSet(c) {
			cpus = append(cpus, c)
		}
	}
	return cpus
}

// pinThread locks the calling goroutine to its OS thread and binds that
// thread to cpu.
func pinThread(cpu int) error {
	runtime.LockOSThread()
	var set unix.CPUSet
	set.Set(cpu)
	return unix.SchedSetaffinity(0, &set)
}

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
