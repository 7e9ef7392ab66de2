// pin: binding a worker to its CPU (internal/affinity).
//
// Invariants:
//   - pinThread is called only by a worker goroutine, which it locks to its
//     OS thread (runtime.LockOSThread) and which never unlocks, so the mask
//     it sets stays with that goroutine; when the worker exits the runtime
//     terminates the thread, and no narrowed thread goes back to the
//     scheduler.

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
// thread to cpu.
func pinThread(cpu int) error {
	runtime.LockOSThread()
	return affinity.Bind(cpu)
}
