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
// Measured (results/2026-11-29-vm-12/ab-mutex.txt, 10 rounds): MPMC
// 16x16 at cap 0 and 1 and 4x4 at cap 0 14-15% faster, SelectBoth 4x4 at
// cap 0 and 1 15% and 21%, CPU per message down alike; 4 tries gained
// half as much, 8 no more than 6. The cost: in MPSC at cap 1024, where
// producers that find the ring full queue for room, producers that spin
// instead of parking on the lock come back to the ring sooner and contend
// for its tail; CPU per message rose 27% there (ab-mutex-buffered.txt),
// still under half of native's.
//
// Invariants: it is a sync.Mutex in every respect but Lock's first
// attempts; the spin is bounded (lockSpins tries over about 250 empty
// calls, well under a microsecond), so a holder descheduled mid-section
// costs a spinner no more than that before it parks. With GOMAXPROCS=1
// the holder cannot run while a spinner spins, so a contended Lock there
// wastes that much (sync.Mutex skips its spin in that case; its test is
// not public, and contention needs a holder preempted mid-section).
package mpmc

import "sync"

// mutex is a sync.Mutex whose Lock spins briefly before it queues.
type mutex struct{ sync.Mutex }

// lockSpins is how many TryLocks Lock makes before it queues, each after a
// busy wait twice the last.
const lockSpins = 6

// Lock locks m.
func (m *mutex) Lock() {
	if m.TryLock() {
		return
	}
	for i := range lockSpins {
		for range 4 << i {
			spinHint()
		}
		if m.TryLock() {
			return
		}
	}
	m.Mutex.Lock()
}

// spinHint is one iteration of a busy wait: an empty call the compiler
// cannot remove.
//
//go:noinline
func spinHint() {}
