// pin: binding a worker's thread to its CPUs (internal/affinity).
//
// Invariants:
//   - pinThread is called only by a worker goroutine, as it starts. It
//     locks the goroutine to its OS thread (runtime.LockOSThread) and
//     narrows that thread's mask: to one CPU for a pinned worker, to the
//     pool's CPUs for an unpinned worker of a pool that Options.CPUs
//     restricts.
//   - The worker defers the unpin pinThread returns, so that it runs on
//     runtime.Goexit too: it puts the thread's own mask back and only then
//     unlocks. No narrowed thread outlives its worker, not even the main
//     thread, which the runtime cannot terminate (it parks it for good,
//     and the kernel reports its mask as the whole process's). A thread
//     whose mask cannot be put back stays locked, and goes with its
//     worker.

package pool

import (
	"runtime"

	"github.com/hoare-go/hoare/internal/affinity"
)

// pinSupported reports whether Options.Pin has an effect on this platform:
// elsewhere than Linux it is accepted and ignored (documented on
// Options.Pin).
const pinSupported = affinity.Supported

// pinThread locks the calling goroutine to its OS thread and binds that
// thread to cpus. On success the caller must defer unpin. On failure the
// goroutine is unlocked again and its thread's mask is unchanged.
func pinThread(cpus []int) (unpin func(), err error) {
	runtime.LockOSThread()
	saved, err := affinity.Save()
	if err == nil {
		err = affinity.Bind(cpus...)
	}
	if err != nil {
		runtime.UnlockOSThread()
		return nil, err
	}
	return func() {
		if saved.Restore() == nil {
			runtime.UnlockOSThread()
		}
	}, nil
}
