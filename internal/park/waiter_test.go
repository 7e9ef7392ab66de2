// waiter_test: the Waiter's contract, tested on its own (mpmc and select
// test it through the channels): one winner among wakers and a withdrawing
// owner, every wake seen exactly once by an owner that spins or parks,
// done and timer racing a waker, reuse after Reset, and a parked owner
// durably blocked inside a testing/synctest bubble.
//
// Invariants: every test runs its rounds in both wait modes where they
// apply (a spinning wait, and ParkAtOnce's), ends every goroutine it
// starts, and waits for a waker's goroutine with a watchdog, so that a
// waker that never finishes fails the test instead of hanging it.
package park

import (
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

// rounds is how many waits each race test runs.
func rounds(t *testing.T) int {
	if testing.Short() {
		return 2000
	}
	return 20000
}

// watchdog fails the test if done is not closed within a minute: a lost
// wake-up shows as a failure, not a hang.
func watchdog(t *testing.T, what string, done <-chan struct{}) {
	t.Helper()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatalf("%s: no wake-up within a minute (a lost wake-up)", what)
	}
}

// TestWakeSeenOnce: an owner waits while one waker selects it and wakes
// it, in every interleaving the scheduler finds, spinning first or
// parking at once. Each wait returns Woken exactly once per Wake, with
// the waker's hand-off (a plain write before TrySelect's winner calls
// Wake) visible, and the Waiter is reused after Reset.
func TestWakeSeenOnce(t *testing.T) {
	for _, mode := range []string{"spin", "now"} {
		t.Run(mode, func(t *testing.T) {
			var w Waiter
			var handoff int // written by the waker before Wake, read by the owner after Wait
			ready := make(chan struct{})
			finished := make(chan struct{})
			n := rounds(t)
			go func() {
				defer close(finished)
				for i := range n {
					<-ready // the owner reset w and is about to wait
					if !w.TrySelect(i % 3) {
						t.Errorf("round %d: TrySelect lost with no rival", i)
						return
					}
					handoff = i
					w.Wake()
				}
			}()
			for i := range n {
				w.Reset()
				if mode == "now" {
					w.ParkAtOnce()
				}
				ready <- struct{}{}
				if got := w.Wait(mode == "spin", nil, nil); got != Woken {
					t.Fatalf("round %d: Wait = %d, want Woken", i, got)
				}
				if handoff != i {
					t.Fatalf("round %d: the waker's hand-off reads %d after Wait", i, handoff)
				}
				if s := w.Selected(); s != i%3 {
					t.Fatalf("round %d: Selected = %d, want %d", i, s, i%3)
				}
			}
			watchdog(t, "waker", finished)
		})
	}
}

// TestOneWinner: several wakers race TrySelect against each other and
// against the owner's Abort. Exactly one of them wins each round; when a
// waker wins, the owner's Abort fails and its Wait returns only after that
// waker's Wake; when the owner wins, no waker does.
func TestOneWinner(t *testing.T) {
	const wakers = 4
	n := rounds(t) / 4
	var w Waiter
	var wins, aborts atomic.Int64
	for i := range n {
		w.Reset()
		if i%2 == 0 {
			w.ParkAtOnce() // the token path: Wait must find exactly one token
		}
		var won atomic.Int32
		var woke atomic.Bool
		start := make(chan struct{})
		var wg sync.WaitGroup
		for k := range wakers {
			wg.Go(func() {
				<-start
				if w.TrySelect(k) {
					won.Add(1)
					woke.Store(true)
					w.Wake()
				}
			})
		}
		close(start)
		if i%2 == 0 {
			runtime.Gosched() // vary who tends to come first
		}
		if w.Abort() {
			aborts.Add(1)
			wg.Wait()
			if won.Load() != 0 {
				t.Fatalf("round %d: a waker won TrySelect after the owner's Abort", i)
			}
			if s := w.Selected(); s != -1 {
				t.Fatalf("round %d: after a successful Abort, Selected = %d, want -1", i, s)
			}
			if w.Undecided() {
				t.Fatalf("round %d: after a successful Abort, the Waiter is still undecided", i)
			}
			continue
		}
		// A waker won: let it finish, as a select does whose last look found
		// a case ready and whose Abort lost (Finish is for a Wait that
		// returned Done or Timeout, TestDoneAndTimer's race).
		if got := w.Wait(false, nil, nil); got != Woken {
			t.Fatalf("round %d: Wait after a lost Abort = %d, want Woken", i, got)
		}
		if !woke.Load() {
			t.Fatalf("round %d: Wait returned before the winner's Wake", i)
		}
		wg.Wait()
		if got := won.Load(); got != 1 {
			t.Fatalf("round %d: %d wakers won TrySelect, want 1", i, got)
		}
		wins.Add(1)
	}
	t.Logf("%d rounds: a waker won %d, the owner withdrew in %d", n, wins.Load(), aborts.Load())
}

// TestDoneAndTimer: a wait ends with Done when done closes first and with
// Timeout when the timer fires first; the owner then withdraws (Abort
// succeeds, nobody raced it), and the Waiter serves a plain wait after
// Reset. A waker that wins while done is closing is waited for (Finish).
func TestDoneAndTimer(t *testing.T) {
	var w Waiter
	for _, mode := range []string{"spin", "now"} {
		w.Reset()
		if mode == "now" {
			w.ParkAtOnce()
		}
		done := make(chan struct{})
		close(done)
		if got := w.Wait(mode == "spin", done, nil); got != Done {
			t.Fatalf("%s: Wait with done closed = %d, want Done (%d)", mode, got, Done)
		}
		if !w.Abort() {
			t.Fatalf("%s: Abort after Done failed with no waker", mode)
		}

		w.Reset()
		if mode == "now" {
			w.ParkAtOnce()
		}
		timer := time.NewTimer(time.Millisecond)
		if got := w.Wait(mode == "spin", nil, timer.C); got != Timeout {
			t.Fatalf("%s: Wait with a 1ms timer = %d, want Timeout (%d)", mode, got, Timeout)
		}
		if !w.Abort() {
			t.Fatalf("%s: Abort after Timeout failed with no waker", mode)
		}
	}

	// done racing a waker: whichever wins, the owner ends with a decided
	// Waiter and, if the waker won, its Wake consumed.
	n := rounds(t) / 4
	var byWaker, byDone int
	for i := range n {
		w.Reset()
		if i%2 == 0 {
			w.ParkAtOnce()
		}
		done := make(chan struct{})
		woke := make(chan struct{})
		go func() {
			defer close(woke)
			if w.TrySelect(0) {
				w.Wake()
			}
		}()
		go close(done)
		switch got := w.Wait(i%2 != 0, done, nil); {
		case got == Woken:
			byWaker++
		case got == Done && w.Abort():
			byDone++
		case got == Done:
			w.Finish() // the waker won the race with done
			byWaker++
		default:
			t.Fatalf("round %d: Wait = %d, want Woken or Done", i, got)
		}
		watchdog(t, "waker", woke)
	}
	t.Logf("%d races: the waker won %d, done %d", n, byWaker, byDone)
}

// TestClaim: Claim selects the Waiter without a CAS, as a TrySelect that
// wins, and a plain wait sees it.
func TestClaim(t *testing.T) {
	var w Waiter
	w.Reset()
	w.ParkAtOnce()
	go func() {
		w.Claim(2)
		w.Wake()
	}()
	if got := w.Wait(false, nil, nil); got != Woken {
		t.Fatalf("Wait = %d, want Woken", got)
	}
	if s := w.Selected(); s != 2 {
		t.Fatalf("Selected after Claim(2) = %d, want 2", s)
	}
	if w.TrySelect(0) {
		t.Fatal("TrySelect won a Waiter already claimed")
	}
}

// TestDurablyBlockedInBubble: an owner parked on a Waiter first used
// inside a testing/synctest bubble counts as durably blocked there, so
// synctest.Wait returns while it waits, and the bubble's fake clock can
// end a wait with a timer at once (no real second passes).
func TestDurablyBlockedInBubble(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		for _, mode := range []string{"spin", "now"} {
			var w Waiter
			w.Reset()
			if mode == "now" {
				w.ParkAtOnce()
			}
			got := make(chan int, 1)
			go func() { got <- w.Wait(mode == "spin", nil, nil) }()
			synctest.Wait() // returns only once the owner is durably blocked
			select {
			case g := <-got:
				t.Fatalf("%s: Wait returned %d with no waker", mode, g)
			default:
			}
			if !w.TrySelect(1) {
				t.Fatalf("%s: TrySelect lost with no rival", mode)
			}
			w.Wake()
			if g := <-got; g != Woken {
				t.Fatalf("%s: Wait = %d, want Woken", mode, g)
			}

			w.Reset()
			start := time.Now()
			timer := time.NewTimer(time.Hour)
			if g := w.Wait(mode == "spin", nil, timer.C); g != Timeout {
				t.Fatalf("%s: Wait with an hour's timer = %d, want Timeout", mode, g)
			}
			if d := time.Since(start); d != time.Hour {
				t.Fatalf("%s: fake time moved %v, want exactly 1h", mode, d)
			}
			w.Abort()
		}
	})
}
