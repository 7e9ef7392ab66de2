// Health: the checks between rounds that no value count can make: no
// goroutine left behind, a heap that does not grow, and no CPU burned by
// goroutines that are parked on channels with nothing to do.
//
// Invariants:
//   - After a round's Run returns, the process's goroutine count settles
//     back to the baseline taken before the first round (within settle).
//   - The live heap after a GC stays under 4x the baseline taken after the
//     warm-up rounds, plus 16 MiB of slack for the latency reservoirs.
//   - With receivers parked on empty channels, senders parked on a full one
//     and async receives pending, the process uses under 10% of one CPU over
//     the idle window (the API promises no CPU after a short bounded spin).
package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"sync"
	"time"

	"github.com/hoare-go/hoare/mpmc"
)

// settleGoroutines waits up to d for the goroutine count to fall to want
// and returns the last count seen.
func settleGoroutines(want int, d time.Duration) int {
	deadline := time.Now().Add(d)
	for {
		n := runtime.NumGoroutine()
		if n <= want || time.Now().After(deadline) {
			return n
		}
		time.Sleep(time.Millisecond)
	}
}

// dumpGoroutines writes every goroutine's stack to stderr, for a growth or
// liveness violation.
func dumpGoroutines() { pprof.Lookup("goroutine").WriteTo(os.Stderr, 1) }

// liveHeap returns the bytes of live heap objects after a full GC.
func liveHeap() uint64 {
	runtime.GC()
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// currentHeap returns the heap object bytes now, without a GC (for progress lines).
func currentHeap() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// heapOK reports whether live is within the bound around base.
func heapOK(base, live uint64) bool { return live <= 4*base+16<<20 }

// idleCPU parks goroutines on mpmc channels, lets their spin end, and
// measures the process CPU over window. It returns the CPU time used, or
// ok == false when this platform cannot measure it.
func idleCPU(window time.Duration) (used time.Duration, ok bool) {
	if _, ok := processCPU(); !ok {
		return 0, false
	}
	empty0, empty64, full := mpmc.New[msg](0), mpmc.New[msg](64), mpmc.New[msg](1)
	full.Send(msg{})
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() { empty0.Recv() })
		wg.Go(func() { empty64.Recv() })
		wg.Go(func() { sendOrPanic(func() { full.Send(msg{}) }) })
	}
	for range 4 {
		empty64.RecvAsync(func(msg, bool) {})
		empty0.SendAsync(msg{}, nil) // pairs with a parked receiver, or waits
	}
	time.Sleep(20 * time.Millisecond) // past every bounded spin
	runtime.GC()                      // so that no collection of the rounds' garbage falls in the window
	before, _ := processCPU()
	time.Sleep(window)
	after, _ := processCPU()
	empty0.Close()
	empty64.Close()
	full.Close()
	wg.Wait()
	return after - before, true
}

// idleBound is the CPU allowed over an idle window: 10% of one core.
func idleBound(window time.Duration) time.Duration { return window / 10 }

func fmtBytes(b uint64) string {
	switch {
	case b >= 1<<20:
		return fmt.Sprintf("%.1fMiB", float64(b)/(1<<20))
	case b >= 1<<10:
		return fmt.Sprintf("%.1fKiB", float64(b)/(1<<10))
	}
	return fmt.Sprintf("%dB", b)
}

// heapWithout returns the live heap after a GC minus b bytes (never below 0).
func heapWithout(b uint64) uint64 {
	live := liveHeap()
	if b > live {
		return 0
	}
	return live - b
}
