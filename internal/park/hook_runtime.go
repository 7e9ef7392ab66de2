//go:build hoare_runtime && !race

// hook_runtime: parking through the runtime's own gopark and goready.
//
// Opt-in with `-tags hoare_runtime`; never the default, and not under
// -race: the race detector instruments the atomics of parkCommit, which
// runs on the system stack, and crashes there, so a -race build with the
// tag keeps the channel park (hook_chan.go). A plain wait (no
// context, no timer) then parks with runtime.gopark and is readied with
// runtime.goready, the two calls native channels make, instead of a receive
// and a send on the Waiter's channel, each of which takes the channel's
// lock around those same two calls. Waits with a context or a timer still
// use the channel (they need a select).
//
// The risk, fenced here and nowhere else: both functions are runtime
// internals that Go keeps linkable only because widely used packages pull
// them (gVisor; see go.dev/issue/67401, "Do not remove or change the type
// signature"). The wait reason is a runtime enum whose numbering may change
// between releases: TestRuntimeHookWaitReason checks, in every run, that a
// goroutine parked here shows as "sync.Cond.Wait" in a stack dump, so a
// renumbering fails the tests instead of misreporting. That reason also
// makes testing/synctest count the goroutine as durably blocked, as it does
// for sync.Cond.Wait.
//
// Invariants (beyond waiter.go's):
//   - The owner stores its g before it moves state running -> parkedG, in
//     the unlock function that gopark runs once the goroutine is off its
//     stack; a waker that swaps parkedG -> woken reads g after, and readies
//     it exactly once.
//   - If the waker came first (the CAS fails), the unlock function returns
//     false and gopark returns at once: no ready is owed.

package park

import (
	"sync/atomic"
	"unsafe"
)

const runtimeHooks = true

//go:linkname gopark runtime.gopark
func gopark(unlockf func(gp uintptr, w unsafe.Pointer) bool, w unsafe.Pointer, reason uint8, traceReason uint8, traceskip int)

//go:linkname goready runtime.goready
func goready(gp uintptr, traceskip int)

// waitReasonSyncCondWait is runtime.waitReasonSyncCondWait in Go 1.26
// (checked by TestRuntimeHookWaitReason).
const waitReasonSyncCondWait = 21

// traceBlockSync is runtime.traceBlockSync's place in the trace enum; it
// only labels execution traces.
const traceBlockSync = 0

// block parks the owner until unblock.
func (w *Waiter) block() {
	if w.state.Load() == woken {
		return
	}
	gopark(parkCommit, unsafe.Pointer(w), waitReasonSyncCondWait, traceBlockSync, 1)
}

// parkCommit runs on the system stack once the owner is off its own: it
// records the g and commits to sleeping unless a waker came first.
//
//go:nosplit
func parkCommit(gp uintptr, p unsafe.Pointer) bool {
	w := (*Waiter)(p)
	atomic.StoreUintptr(&w.g, gp)
	return w.state.CompareAndSwap(running, parkedG)
}

// unblock readies the parked owner. Wake calls it after swapping parkedG.
func (w *Waiter) unblock() {
	goready(atomic.LoadUintptr(&w.g), 1)
}
