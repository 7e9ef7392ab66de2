package mpmc

import (
	"sync"
	"testing"
	"time"
)

// mutex excludes: goroutines that increment a plain counter under it, many
// more than Ps, lose no increment (and -race sees no race).
func TestMutexExcludes(t *testing.T) {
	var m mutex
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
	var m mutex
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
