// The last look of SendAsync and RecvAsync on a buffer: it serves the
// queue from its head while the ring allows, not once. One serve could go
// to a goroutine queued ahead of the callback, whose own last look then saw
// itself served and stopped, leaving the callback pending beside a value
// (or room) with nobody to serve it (found by a review).
package mpmc

import (
	"runtime"
	"testing"
	"time"
)

// forceLastLookRace drives, on one P, the interleaving below with the real
// public operations, using sync.Mutex's starvation hand-off (an Unlock in
// starvation mode yields at once to the waiter it hands the lock to):
//
//  1. goroutine P (a Recv, or a Send) finds the ring empty (full) and
//     blocks on the queue's lock in enqueue; goroutine A (a RecvAsync, or
//     a SendAsync) does the same before addCallback.
//  2. two values are pushed (popped) while nobody is linked, so no serve.
//  3. P links and unlocks; the starving lock is handed to A at once: A
//     links its callback behind P, and A's one "last look" serves the head,
//     P, and returns.
//  4. P's own last look sees itself decided and stops.
//
// Left: one value (one free slot) in the ring and A's callback pending,
// with nobody left to serve it: a lost wake-up.
func forceLastLookRace(t *testing.T, mu *mutex, startP, startA, between func()) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	mu.Lock()
	startP()
	time.Sleep(3 * time.Millisecond) // P blocks on mu, first in its queue
	startA()
	time.Sleep(3 * time.Millisecond) // A blocks on mu behind P
	between()
	mu.Unlock()                      // normal mode: P is readied, but we run on
	mu.Lock()                        // take it back before P runs
	time.Sleep(3 * time.Millisecond) // P wakes, finds it locked, has starved: starvation mode
	mu.Unlock()                      // hand-off to P; P's Unlock in enqueue hands off to A
	time.Sleep(20 * time.Millisecond)
}

func TestRecvAsyncLastLookServesOnToItself(t *testing.T) {
	for iter := 0; iter < 20; iter++ {
		c := New[int](2)
		gotP := make(chan int, 1)
		gotA := make(chan int, 1)
		forceLastLookRace(t, c.recvq.mu,
			func() { go func() { v, _ := c.Recv(); gotP <- v }() },
			func() { go c.RecvAsync(func(v int, ok bool) { gotA <- v }) },
			func() {
				// nobody is linked yet: these pushes serve nobody
				if c.TrySend(1) != nil || c.TrySend(2) != nil {
					t.Fatal("TrySend into an empty cap-2 channel failed")
				}
			})
		select {
		case <-gotP:
		case <-time.After(2 * time.Second):
			t.Fatal("Recv never returned")
		}
		select {
		case <-gotA:
		case <-time.After(2 * time.Second):
			t.Fatalf("iteration %d: RecvAsync's callback never ran, with Len() = %d value(s) in the buffer (lost wake-up)", iter, c.Len())
		}
	}
}

func TestSendAsyncLastLookServesOnToItself(t *testing.T) {
	for iter := 0; iter < 20; iter++ {
		c := New[int](2)
		c.Send(1)
		c.Send(2)
		doneP := make(chan struct{})
		doneA := make(chan bool, 1)
		forceLastLookRace(t, c.sendq.mu,
			func() { go func() { c.Send(3); close(doneP) }() },
			func() { go c.SendAsync(4, func(ok bool) { doneA <- ok }) },
			func() {
				// nobody is linked yet: these pops serve nobody
				if _, err := c.TryRecv(); err != nil {
					t.Fatal(err)
				}
				if _, err := c.TryRecv(); err != nil {
					t.Fatal(err)
				}
			})
		select {
		case <-doneP:
		case <-time.After(2 * time.Second):
			t.Fatal("Send never returned")
		}
		select {
		case <-doneA:
		case <-time.After(2 * time.Second):
			t.Fatalf("iteration %d: SendAsync's callback never ran, with Len() = %d of Cap() = 2 (room for it; lost wake-up)", iter, c.Len())
		}
	}
}
