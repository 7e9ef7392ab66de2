package ring

import (
	"runtime"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// A pop that waits for a producer's stamp while its caller holds a mutex
// (as mpmc's serveRecv holds recvq.mu around TryPop) must finish once the
// stamp lands, also inside a synctest bubble. A backoff that slept with
// time.Sleep failed this (found by a review of the sleeping backoff): the
// sleep is durably blocking there, but a goroutine queued on the
// sync.Mutex is not, so the bubble never went idle, fake time never
// advanced, and the pop slept for ever with the lock held. pause_linux.go
// sleeps with a system call instead.
func TestBackoffInBubbleUnderLock(t *testing.T) {
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		synctest.Test(t, func(t *testing.T) {
			r := NewMPMC[int](4)
			// A producer claims position 0 and is descheduled before its stamp.
			pos := r.tail.Load()
			r.tail.Store(r.next(pos))

			var mu sync.Mutex
			locked := make(chan struct{})
			var got int
			var wg sync.WaitGroup
			wg.Add(2)
			go func() { // consumer under a lock
				defer wg.Done()
				mu.Lock()
				close(locked)
				got, _ = r.TryPop()
				mu.Unlock()
			}()
			<-locked
			for range 20000 { // real time for the pop to reach backoff's sleeps
				runtime.Gosched()
			}
			go func() { // another goroutine wanting the same lock
				defer wg.Done()
				mu.Lock()
				mu.Unlock()
			}()
			for range 20000 {
				runtime.Gosched()
			}
			// The producer comes back and stamps.
			s := r.slot(pos)
			s.val = 42
			s.stamp.Store(pos + 1)
			wg.Wait()
			if got != 42 {
				t.Errorf("popped %d, want 42", got)
			}
		})
	}()
	select {
	case <-finished:
	case <-time.After(10 * time.Second):
		t.Fatal("hung: the pop sleeps in backoff holding the lock; the goroutine queued on it keeps the bubble from going idle, so fake time never advances")
	}
}
