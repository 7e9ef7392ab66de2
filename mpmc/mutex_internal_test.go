package mpmc

import (
	"fmt"
	"sync"
	"testing"
	"time"
)

// mutex excludes, spinning or not: goroutines that increment a plain
// counter under it, many more than Ps, lose no increment (and -race sees
// no race).
func TestMutexExcludes(t *testing.T) {
	for _, spin := range []bool{false, true} {
		t.Run(fmt.Sprintf("spin=%v", spin), func(t *testing.T) { testMutexExcludes(t, spin) })
	}
}

func testMutexExcludes(t *testing.T, spin bool) {
	m := mutex{spin: spin}
	const goroutines, each = 16, 2000
	n := 0
	var wg sync.WaitGroup
	for range goroutines {
		wg.Go(func() {
			for range each {
				m.Lock()
				n++
				m.Unlock()
			}
		})
	}
	wg.Wait()
	if n != goroutines*each {
		t.Fatalf("counted %d increments, want %d", n, goroutines*each)
	}
}

// A Lock that outlasts its spin queues on the Mutex and gets the lock when
// it is released, however late.
func TestMutexQueuesAfterSpin(t *testing.T) {
	m := mutex{spin: true}
	m.Lock()
	got := make(chan struct{})
	go func() {
		m.Lock()
		close(got)
		m.Unlock()
	}()
	select {
	case <-got:
		t.Fatal("Lock returned while the mutex was held")
	case <-time.After(20 * time.Millisecond):
	}
	m.Unlock()
	<-got
}

// A channel's locks spin exactly when its waiters yield before parking:
// unbuffered, or a buffer of at most spinCap values.
func TestLocksSpinWithWaiters(t *testing.T) {
	for _, capacity := range []int{0, 1, spinCap, spinCap + 1, 1024} {
		c := New[int](capacity)
		want := capacity <= spinCap
		if c.recvq.mu.spin != want || c.sendq.mu.spin != want {
			t.Errorf("cap %d: recvq lock spins %v, sendq lock %v; want %v", capacity, c.recvq.mu.spin, c.sendq.mu.spin, want)
		}
	}
}
