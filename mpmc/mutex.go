// mutex: the lock of a wait queue, a sync.Mutex that spins before it queues.
//
// A wait queue's critical sections are a few dozen nanoseconds: link or
// unlink an entry, claim a Waiter. sync.Mutex spins before it parks only
// while the caller's P has nothing else to run, so under oversubscription
// (more runnable goroutines than Ps, the usual state of a channel's users)
// a goroutine that finds the lock held parks on the runtime's semaphore at
// once, and the unlocker readies it: two scheduler trips for a wait of
// nanoseconds. mutex retries TryLock a few times, with a short busy wait
// between tries, first; only then does it queue on the Mutex, which then
// parks as before.
//
// Only a channel whose waiters yield before they park (unbuffered, or a
// buffer of at most spinCap values: spins, in buffered.go) spins for its
// locks; on a larger buffer a waiter parks at once, and so does a Lock
// that finds the lock held. There a waiter is rare and long, and a
// producer that spun instead of parking came back to the ring sooner to
// contend for its tail: with every lock spinning, SelectRecv4 (cap 64)
// was 10% slower and used 21% more CPU, MPSC at cap 1024 up to 27% more.
//
// Measured (results/2026-11-29-vm-12, ab-mutex.txt and ab-mutex-sel.txt,
// 10 interleaved rounds against sync.Mutex): MPMC 4x4 and 16x16 at cap 0
// 17-18% faster, at cap 1 13-15%; SelectBoth 4x4 at cap 0 11%, at cap 1
// 28%; CPU per message down alike; no row of a larger buffer, which does
// not spin, slower. 4 tries gained half as much as 6, 8 no more.
//
// Invariants: it is a sync.Mutex in every respect but Lock's first
// attempts; the spin is bounded (lockSpins tries over about 250 empty
// calls, well under a microsecond), so a holder descheduled mid-section
// costs a spinner no more than that before it parks. With GOMAXPROCS=1
// the holder cannot run while a spinner spins, so a contended Lock there
// wastes that much (sync.Mutex skips its spin in that case; its test is
// not public, and contention needs a holder preempted mid-section).
package mpmc

import (
	"sync"

	"github.com/hoare-go/hoare/internal/spin"
)

// mutex is a sync.Mutex whose Lock spins briefly before it queues, if
// spin is set.
type mutex struct {
	sync.Mutex
	spin bool // set at New, never changed
}

// lockSpins is how many TryLocks Lock makes before it queues, each after a
// busy wait twice the last.
const lockSpins = 6

// Lock locks m.
func (m *mutex) Lock() {
	if m.TryLock() {
		return
	}
	if !m.spin {
		m.Mutex.Lock()
		return
	}
	for i := range lockSpins {
		for range 4 << i {
			spin.Hint()
		}
		if m.TryLock() {
			return
		}
	}
	m.Mutex.Lock()
}
