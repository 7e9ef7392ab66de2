// Package park is the one place a hoare goroutine sleeps.
//
// A Waiter is a goroutine's ticket while it waits on one or more channels.
// Wakers race to select it with one CAS on sel (TrySelect; or Claim, a
// plain store, where a lock already serializes the wakers and the owner
// never withdraws); the one that wins does its hand-off (writes a value,
// records a result) and then calls Wake, which is its last touch of the
// Waiter. The owner may also withdraw (Abort), racing the wakers through
// the same CAS: exactly one of them wins.
//
// The goroutine polls a bounded number of times (see Spin; none after
// ParkAtOnce) and then blocks on a native channel of capacity 1 that the
// Waiter owns. Blocking on a channel rather than a mutex or a runtime hook
// keeps the default build on public APIs, clean under -race, free of CPU
// use while parked, and visible to testing/synctest as durably blocked:
// the channel is made by the goroutine that first waits with it, so it
// belongs to that goroutine's bubble.
//
// Invariants:
//   - sel moves once from 0: to i+1 by the waker that selected case i
//     (TrySelect, or Claim where no one races it), or to aborted by the
//     owner (Abort). Nothing else writes it until Reset.
//   - state moves 0 (running) -> 1 (parked, owner blocked on ch) by the owner,
//     and 0 or 1 -> 2 (woken) by the selecting waker. A waker sends on ch
//     exactly when it moved state from 1, so ch holds at most one token and
//     the owner drains it before Reset.
//   - Except after ParkAtOnce (now set, until Reset): state stays 0, the
//     selecting waker always sends the token and the owner always takes it.
//   - Only the owner calls Wait, Finish, Abort, Reset, ParkAtOnce; only a
//     waker that won TrySelect (or Claim) calls Wake, once.
package park

import (
	"runtime"
	"sync/atomic"
	"time"

	"github.com/hoare-go/hoare/internal/release"
)

// Waiter is one waiting goroutine. The zero value is ready to use.
type Waiter struct {
	sel   atomic.Int32  // 0 undecided; i+1 when case i was selected; aborted when the owner withdrew
	state atomic.Uint32 // running, parked or woken; see the file comment
	ch    chan struct{} // capacity 1; the one token a waker sends to a parked owner
	g     uintptr       // the owner's runtime g while parkedG (build tag hoare_runtime only)
	now   bool          // set by ParkAtOnce: no state handshake, Wake always sends the token
}

const aborted = -1

// The values of Waiter.state.
const (
	running = iota // the owner is spinning or about to park
	parked         // the owner is blocked on ch (or about to be)
	woken          // a waker has finished with the Waiter
	parkedG        // the owner is parked by the runtime hooks (build tag hoare_runtime), g is set
)

// TrySelect claims the Waiter for case i (i >= 0) and reports whether this
// caller won it. The winner must do its hand-off and then call Wake.
func (w *Waiter) TrySelect(i int) bool {
	return w.sel.CompareAndSwap(0, int32(i)+1) // the one step that commits a select
}

// Claim is TrySelect for a Waiter that only one waker at a time can try
// to select (its wakers serialize on a lock) and whose owner never calls
// Abort: nobody races the claim, so a store-release does, with no CAS.
// It reports true, as a TrySelect that wins.
func (w *Waiter) Claim(i int) bool {
	release.StoreInt32(&w.sel, int32(i)+1)
	return true
}

// Abort withdraws the owner: no waker can select the Waiter after it. It
// reports false if a waker selected it first; the owner must then wait for
// that waker's Wake (Finish), since its hand-off is under way.
func (w *Waiter) Abort() bool {
	return w.sel.CompareAndSwap(0, aborted)
}

// Selected returns the case a waker selected, or -1 when none has (or the
// owner aborted).
func (w *Waiter) Selected() int {
	if s := w.sel.Load(); s > 0 {
		return int(s) - 1
	}
	return -1
}

// Undecided reports whether no waker has selected the Waiter and its owner
// has not withdrawn: whether a TrySelect could still win it.
func (w *Waiter) Undecided() bool { return w.sel.Load() == 0 }

// ParkAtOnce readies w for a wait that will not spin (Wait with spin
// false). The owner calls it before it publishes w to any waker, and the
// wait then skips the state handshake: the owner always blocks on ch and
// the waker always sends the token, two atomic steps fewer per wait than
// the handshake, which only pays when a spin can see the wake first.
// (With the runtime hooks, a wait without done or timer parks through
// them, which needs the handshake; ParkAtOnce is then a no-op.)
func (w *Waiter) ParkAtOnce() {
	if runtimeHooks {
		return
	}
	if w.ch == nil {
		w.ch = make(chan struct{}, 1) // made here, by the owner: in its synctest bubble
	}
	w.now = true
}

// Wake ends the wait of the owner. The selecting waker calls it after its
// hand-off, and touches the Waiter no more after it: the owner may reuse it
// at once.
func (w *Waiter) Wake() {
	if w.now {
		w.ch <- struct{}{} // never blocks: capacity 1, one token per wait
		return
	}
	switch w.state.Swap(woken) { // release: the hand-off before this is visible to the owner
	case parked:
		w.ch <- struct{}{} // never blocks: capacity 1, and only this waker sends
	case parkedG:
		w.unblock() // the runtime's ready (hook_runtime.go)
	}
}

// What ended a Wait.
const (
	Woken   = iota // a waker selected the Waiter and called Wake
	Done           // the done channel closed first
	Timeout        // the timer fired first
)

// Wait blocks until a waker's Wake and returns Woken then. It first spins
// (see Spin) if spin is true. If done closes, or timer fires, first (either
// may be nil) it returns Done or Timeout: the owner must then Abort, and if
// that fails, call Finish, for a waker won the race.
func (w *Waiter) Wait(spin bool, done <-chan struct{}, timer <-chan time.Time) int {
	if w.now {
		return w.waitToken(done, timer)
	}
	for i := 0; spin && Spin(i); i++ {
		if w.state.Load() == woken { // acquire: the waker's hand-off is visible
			return Woken
		}
	}
	if done == nil && timer == nil && runtimeHooks {
		w.block() // the runtime's own park (hook_runtime.go), no channel
		return Woken
	}
	if w.ch == nil {
		w.ch = make(chan struct{}, 1) // made here, by the owner: in its synctest bubble
	}
	if !w.state.CompareAndSwap(running, parked) {
		return Woken // woken between the last look and now
	}
	return w.waitToken(done, timer)
}

// waitToken blocks for the waker's token, or done, or timer.
func (w *Waiter) waitToken(done <-chan struct{}, timer <-chan time.Time) int {
	if done == nil && timer == nil {
		<-w.ch // a plain receive: much cheaper than a select
		return Woken
	}
	select {
	case <-w.ch:
		return Woken
	case <-done:
		return Done
	case <-timer:
		return Timeout
	}
}

// Finish waits for the Wake of the waker that won TrySelect after Wait
// returned Done or Timeout and Abort failed.
func (w *Waiter) Finish() {
	<-w.ch // state was parked (or the wait parks at once), so that waker sends exactly one token
}

// Reset readies the Waiter for another wait. The owner calls it once no
// waker can still touch the Waiter: after Wait or Finish returned, or after
// a successful Abort with no TrySelect possible any more.
//
// Its stores are store-releases, not sequentially consistent (two XCHGs
// on amd64, a tenth of a park-and-wake here): a reset Waiter reaches a
// waker only through a later lock or CAS (linking it into a wait queue),
// which orders the stores before anything the waker does.
func (w *Waiter) Reset() {
	release.StoreInt32(&w.sel, 0)
	release.Store32(&w.state, running)
	w.now = false
}

// Spin is the spinning policy of a wait for a partner, a rendezvous's or a
// select's, or a small buffer's (a wait on a larger buffer parks at once;
// mpmc/buffered.go says why): a
// loop
//
//	for i := 0; park.Spin(i); i++ { if ready() { ... } }
//
// polls a condition a bounded number of times before the caller parks.
// Between polls it yields the processor (runtime.Gosched): the goroutine
// it waits for is most often runnable on its own P (the runtime queues a
// goroutine it readies on the readier's P), and a busy wait would only
// delay it. After Yields polls it says stop, and the caller parks.
//
// There is no busy-wait phase, by measurement: on the 2-core machines this
// project is benchmarked on, a cross-core hand-off of one cache line costs
// about half a microsecond (a busy-polled ping-pong round trip takes ~1
// µs, where native channels, which park at once and keep both goroutines
// on one P, take ~0.4 µs), and every variant with busy polling tried (see
// results/ and the closing note of the core issue) was slower and burned
// more CPU than yielding. A bounded wait still never costs CPU once parked.
func Spin(i int) bool {
	if i < Yields {
		runtime.Gosched()
		return true
	}
	return false
}

// Yields is how many times a waiter yields before it parks.
const Yields = 1
