// Idle: goroutines parked on channels cost no CPU.
//
// Source: the issue's requirement "1000 goroutines parked on empty channels
// use (almost) no CPU: process CPU time over an idle second far below one
// core (read it with syscall.Getrusage)"; the API's "A receiver or sender
// that is blocked costs no CPU after a short, bounded spin."
//
// Invariants:
//   - The goroutines are given time to finish their bounded spin before the
//     measured second starts; the measure is user+system time of the whole
//     process, so anything spinning anywhere shows.
//   - The bound (0.2 s of CPU per wall second) is far above what parked
//     goroutines cost (native: ~0) and far below one spinning goroutine
//     (1 s per second).
package mpmc_test

import (
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/hoare-go/hoare/internal/chantest"
	"github.com/hoare-go/hoare/internal/workload"
	"github.com/hoare-go/hoare/mpmc"
)

// idleCPU parks goroutines as park describes, lets them settle, and returns
// the CPU time the process used over one idle second; release unparks them.
func idleCPU(t *testing.T, park func(wg *sync.WaitGroup), release func()) time.Duration {
	t.Helper()
	var wg sync.WaitGroup
	park(&wg)
	time.Sleep(300 * time.Millisecond) // past any bounded spin
	runtime.GC()                       // not during the measured second
	start, t0 := workload.CPUNanos(), time.Now()
	time.Sleep(time.Second)
	used, wall := time.Duration(workload.CPUNanos()-start), time.Since(t0)
	release()
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	chantest.Wait(t, done, "parked goroutines to be released")
	return time.Duration(float64(used) / wall.Seconds())
}

// 1000 goroutines parked in Recv, RecvContext and Send (on full and
// unbuffered channels, each on its own channel or many on one) use far less
// than one core while nothing happens.
func TestIdleParkedUseNoCPU(t *testing.T) {
	if testing.Short() {
		t.Skip("takes over a second; run without -short")
	}
	if !workload.CPUMeasured {
		t.Skip("no getrusage(2) on this platform: process CPU time is not measured")
	}
	chantest.NoLeaks(t)
	const G = 1000
	const limit = 200 * time.Millisecond // CPU per wall second
	shared0, shared16 := mpmc.New[int](0), mpmc.New[int](16)
	chans := []*mpmc.Chan[int]{shared0, shared16}
	park := func(wg *sync.WaitGroup) {
		for i := range G {
			var c *mpmc.Chan[int]
			switch i % 6 {
			case 4: // many receivers on one unbuffered chan (one wait queue)
				wg.Go(func() { shared0.Recv() })
				continue
			case 5: // many receivers on one buffered chan
				wg.Go(func() { shared16.Recv() })
				continue
			case 0: // receivers on an unbuffered chan
				c = mpmc.New[int](0)
				wg.Go(func() { c.Recv() })
			case 1: // receivers on a buffered chan, with a context
				c = mpmc.New[int](8)
				wg.Go(func() { c.RecvContext(t.Context()) })
			case 2: // senders on a full buffered chan
				c = mpmc.New[int](1)
				c.Send(0)
				wg.Go(func() { chantest.PanicMessage(func() { c.Send(1) }) })
			case 3: // senders on an unbuffered chan
				c = mpmc.New[int](0)
				wg.Go(func() { chantest.PanicMessage(func() { c.Send(1) }) })
			}
			chans = append(chans, c)
		}
	}
	release := func() {
		for _, c := range chans {
			c.Close()
		}
	}
	used := idleCPU(t, park, release)
	t.Logf("%d parked goroutines: %v CPU per idle second (GOMAXPROCS=%d)", G, used, runtime.GOMAXPROCS(0))
	if used > limit {
		t.Errorf("%d goroutines parked on mpmc channels used %v of CPU per idle second; want < %v (a parked goroutine must cost no CPU)", G, used, limit)
	}
}
