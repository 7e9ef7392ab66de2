//go:build !hoare_runtime || race

// hook_chan: the default build, and any -race build. A Waiter parks on its
// native channel only (waiter.go); the runtime hooks are compiled out.

package park

// runtimeHooks reports whether this build parks through the runtime's own
// gopark and goready (build tag hoare_runtime).
const runtimeHooks = false

func (w *Waiter) block()   { panic("park: block without the hoare_runtime build tag") }
func (w *Waiter) unblock() { panic("park: unblock without the hoare_runtime build tag") }
