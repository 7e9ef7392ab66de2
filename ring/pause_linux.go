//go:build linux

// pause: backoff's sleep, as a system call.
//
// The sleep is a nanosleep(2) of the thread, not a time.Sleep of the
// goroutine. Inside a testing/synctest bubble a time.Sleep is durably
// blocking and ends only when fake time moves, which it does only once
// every goroutine of the bubble is durably blocked; a goroutine queued on
// a sync.Mutex that the sleeper holds (mpmc holds a wait queue's lock
// around ring calls) never is, so the sleep would never end
// (TestBackoffInBubbleUnderLock). A system call takes real time in a
// bubble as outside it. It frees the CPU as a time.Sleep does, and a
// sleep of more than ~20 µs lets the runtime hand the P to another thread,
// which can then run the goroutine we wait for.
//
// Invariants: pause returns after about d, or earlier on a signal; it
// never fails in a way the caller must handle (backoff retries anyway).

package ring

import (
	"time"

	"golang.org/x/sys/unix"
)

// pause sleeps the calling thread for about d.
func pause(d time.Duration) {
	ts := unix.NsecToTimespec(int64(d))
	_ = unix.Nanosleep(&ts, nil) // EINTR: return early; backoff looks again
}
