package main

import (
	"regexp"
	"runtime"
	"sync/atomic"
	"testing"
	"time"
)

// TestIdleMeasureSeesSpin: the idle check's clock must see a goroutine that
// spins, or the check could never fail. The spinner runs until the clock shows
// more than the idle bound of a 200ms window: on a loaded machine it may take
// longer than 200ms to get that much CPU (it once got 14ms in 200ms beside
// other packages' tests), and a clock blind to it fails after 10s.
func TestIdleMeasureSeesSpin(t *testing.T) {
	before, ok := processCPU()
	if !ok {
		t.Skip("no process CPU clock on " + runtime.GOOS)
	}
	var stop atomic.Bool
	done := make(chan struct{})
	go func() {
		defer close(done)
		for !stop.Load() { // a goroutine burning CPU, as a broken parked waiter would
		}
	}()
	defer func() { stop.Store(true); <-done }()
	bound := idleBound(200 * time.Millisecond)
	for deadline := time.Now().Add(10 * time.Second); ; {
		time.Sleep(20 * time.Millisecond)
		after, _ := processCPU()
		if after-before > bound {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("a spinning goroutine used %v in 10s by the process CPU clock, not above the idle bound %v: the idle check cannot fail", after-before, bound)
		}
	}
}

func TestIdleParkedIsCheap(t *testing.T) {
	if testing.Short() {
		t.Skip("measures 200ms")
	}
	used, ok := idleCPU(200 * time.Millisecond)
	if !ok {
		t.Skip("no process CPU clock on " + runtime.GOOS)
	}
	if used > idleBound(200*time.Millisecond) {
		t.Fatalf("goroutines parked on mpmc channels used %v over 200ms", used)
	}
}

func TestHeapBound(t *testing.T) {
	if !heapOK(1<<20, 10<<20) || heapOK(1<<20, 30<<20) {
		t.Fatal("heapOK: want 10MiB within, 30MiB beyond a 1MiB baseline")
	}
}

// TestWorkloadsOneRound runs two small rounds of every registered workload
// and checks the ledger: the harness itself must be clean on every package.
func TestWorkloadsOneRound(t *testing.T) {
	stamp, _, _ := clock("mono")
	elapsed := func(t int64) time.Duration { return time.Duration(stamp() - t) }
	for _, w := range selected(regexp.MustCompile(".")) {
		for n := range 2 {
			r := newRound(7, n, w, stamp, elapsed)
			r.PerSender = min(r.PerSender, 300)
			r.Ledger = NewLedger(r.Senders, r.PerSender)
			done := make(chan struct{})
			go func() {
				defer close(done)
				w.Run(r)
			}()
			select {
			case <-done:
			case <-time.After(30 * time.Second):
				dumpGoroutines()
				t.Fatalf("%s round %d (%v): stuck for 30s", w.Name, n, r)
			}
			_, vs := r.Ledger.Verify(r.Policy != Block || r.MayDrop)
			if vs = append(r.failed, vs...); len(vs) > 0 {
				t.Fatalf("%s round %d (%v): %v", w.Name, n, r, vs)
			}
		}
	}
}

// A workload's own choices come from a stream apart from the configuration's:
// drawn from the same one, they repeated its draws, and with two receivers
// the fan-out workload never chose a Mult. Over many rounds, every receiver
// count must see both of a coin's faces after the workload's first draw.
func TestChoicesIndependentOfConfiguration(t *testing.T) {
	stamp, _, _ := clock("mono")
	elapsed := func(t int64) time.Duration { return time.Duration(stamp() - t) }
	w := Workload{Name: "t", Unbuf: true}
	seen := map[[2]int]bool{}
	for n := range 400 {
		r := newRound(1, n, w, stamp, elapsed)
		rng := r.choices()
		for range r.Receivers {
			rng.IntN(4) // fanoutRound's tap capacities
		}
		seen[[2]int{r.Receivers, rng.IntN(2)}] = true
	}
	for recv := 1; recv <= 4; recv++ {
		if !seen[[2]int{recv, 0}] || !seen[[2]int{recv, 1}] {
			t.Errorf("with %d receivers the coin after the tap draws showed only one face in 400 rounds: %v", recv, seen)
		}
	}
}
