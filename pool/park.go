// park: the one place a pool goroutine sleeps. Idle workers and submitters
// blocked on a full queue wait here.
//
// Source: the "announce, re-check, sleep" protocol of Go's scheduler
// (runtime/proc.go, findRunnable: drop the spinning state, re-check every
// queue, then stopm) with a channel of capacity one as the semaphore.
//
// Invariants:
//   - A waiter is on at most one waitq at a time, and n == number of waiters
//     on the queue. n is changed under mu but read without it, as a hint.
//   - A wake token is sent to a waiter only by whoever removed it from the
//     queue, and only once per removal, so ch (capacity 1) never blocks a
//     sender and at most one token is outstanding.
//   - Lost wake-ups are excluded by ordering: the sleeper pushes itself, then
//     re-checks the condition; the waker makes the condition true, then
//     reads n. Go's atomics are sequentially consistent, so one of the two
//     sees the other. A sleeper whose re-check succeeds calls cancel, which
//     either removes it or (if a waker got there first) swallows the token.

package pool

import (
	"sync"
	"sync/atomic"
	"time"
)

// testHook, when non-nil, is called at named steps of the park and wake
// protocol ("start", "park", "push", "recheck", "wait" in worker.run;
// "wake", "wake.none" in Pool.wakeSlow; "grow" in Pool.grow), so that a
// test can hold one goroutine between two steps and replay an interleaving
// exactly. It is set only by _test.go files, before New, and cleared after
// Close. In production it is nil: a load and a not-taken branch on the park
// and wake slow paths, nothing on Submit's fast path.
var testHook func(where string)

// waiter is one goroutine's parking spot.
type waiter struct {
	ch   chan bool // the wake token; true hands over a "spinning" slot (see worker.go)
	next *waiter   // next on the waitq's stack, guarded by waitq.mu
	on   bool      // whether on a waitq, guarded by waitq.mu
}

func newWaiter() *waiter { return &waiter{ch: make(chan bool, 1)} }

// waitq is a LIFO stack of parked goroutines: the most recently parked one is
// woken first, as its caches are the warmest.
type waitq struct {
	mu   sync.Mutex
	top  *waiter      // guarded by mu
	n    atomic.Int32 // len of the stack; read without mu as a hint
	also *atomic.Int32
}

// push announces w as about to sleep on q. The caller then re-checks its
// condition and either sleeps (wait) or backs out (cancel).
func (q *waitq) push(w *waiter) {
	q.mu.Lock()
	w.next, q.top, w.on = q.top, w, true
	q.n.Add(1) // under mu; read by wakers as a cheap "anyone here?"
	if q.also != nil {
		q.also.Add(1) // the pool-wide idle count, for the same purpose
	}
	q.mu.Unlock()
}

// remove takes w off q if it is still there and reports whether it was.
func (q *waitq) remove(w *waiter) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	if !w.on {
		return false
	}
	for pp := &q.top; *pp != nil; pp = &(*pp).next {
		if *pp == w {
			*pp = w.next
			break
		}
	}
	q.unlinked(w)
	return true
}

// unlinked does the bookkeeping for a waiter just taken off; mu held.
func (q *waitq) unlinked(w *waiter) {
	w.next, w.on = nil, false
	q.n.Add(-1) // under mu
	if q.also != nil {
		q.also.Add(-1)
	}
}

// cancel backs w out after push: if a waker already took w off the queue,
// its token is coming and is swallowed; the result is that token (false if
// none).
func (q *waitq) cancel(w *waiter) (token, woken bool) {
	if q.remove(w) {
		return false, false
	}
	return <-w.ch, true
}

// wait sleeps until woken, or until timeout (if > 0) passes while w is still
// on q. It reports the token and whether it was woken (false: timed out and
// removed). timer is reused across calls; nil if timeout is 0.
func (q *waitq) wait(w *waiter, timer *time.Timer, timeout time.Duration) (token, woken bool) {
	if timer == nil {
		return <-w.ch, true
	}
	timer.Reset(timeout)
	select {
	case tok := <-w.ch:
		timer.Stop()
		return tok, true
	case <-timer.C:
		return q.cancel(w)
	}
}

// wakeOne wakes the most recent waiter, handing it tok; false if none.
func (q *waitq) wakeOne(tok bool) bool {
	if q.n.Load() == 0 { // fast path: nobody parked (a hint; see Invariants)
		return false
	}
	q.mu.Lock()
	w := q.top
	if w == nil {
		q.mu.Unlock()
		return false
	}
	q.top = w.next
	q.unlinked(w)
	q.mu.Unlock()
	w.ch <- tok
	return true
}

// wakeAll wakes every waiter with a false token.
func (q *waitq) wakeAll() {
	q.mu.Lock()
	var list []*waiter
	for w := q.top; w != nil; {
		next := w.next
		q.unlinked(w)
		list = append(list, w)
		w = next
	}
	q.top = nil
	q.mu.Unlock()
	for _, w := range list {
		w.ch <- false
	}
}
