// The core-to-core round trip: how long one cache line takes to go from one CPU to
// another and back, measured beside every run (machine.txt).
//
// Why. Every buffered workload here is bound by cache lines crossing between the
// two cores, and on the shared VMs the project is measured on that crossing is not
// a constant: the same binary measured ~130 ns and ~500-1200 ns round trips in
// different hours, and the ratios against native move with it (hoare's buffered
// paths gained more than native's from a near placement: SPSC at cap 1024 read 0.40
// of native in one and 0.52 in the other). A reader comparing two results folders
// needs it.
//
// How. Two goroutines, each locked to its own OS thread and (on Linux) bound to one
// of the first two CPUs this process may use, pass a counter back and forth through
// one padded atomic word, busy-waiting, for a fixed number of round trips. Both
// goroutines exit still locked, so the runtime discards their bound threads.
//
// Invariants: CoreRoundTrip never hangs (each wait gives up after a deadline) and
// never fails the run: it reports "unknown" and why instead.

package main

import (
	"errors"
	"fmt"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/hoare-go/hoare/internal/affinity"
	"github.com/hoare-go/hoare/internal/pad"
)

const (
	tripRounds  = 20000           // round trips per measurement
	tripTimeout = 5 * time.Second // the whole measurement's deadline
)

// errNoAnswer is coreRoundTrip's error when a side did not answer in time: on
// a machine whose CPUs other processes keep busy, the OS can hold one side off.
var errNoAnswer = fmt.Errorf("no answer within %s", tripTimeout)

// CoreRoundTrip measures one cache line's round trip between two CPUs and returns
// it as text for machine.txt: "540 ns", or "unknown (why)".
func CoreRoundTrip() string {
	d, err := coreRoundTrip()
	if err != nil {
		return "unknown (" + err.Error() + ")"
	}
	return fmt.Sprintf("%d ns", d.Nanoseconds())
}

// line is the word the two goroutines pass, alone on its cache lines.
type line struct {
	_ pad.Line
	n atomic.Int64
	_ pad.Line
}

func coreRoundTrip() (time.Duration, error) {
	if runtime.GOMAXPROCS(0) < 2 {
		return 0, errors.New("GOMAXPROCS < 2: the two sides cannot run at once")
	}
	all, err := affinity.Process()
	if err != nil {
		return 0, err
	}
	if len(all) < 2 {
		return 0, fmt.Errorf("the process may run on %d CPU", len(all))
	}
	cpus := all[:2] // the first two the process may run on
	var l line
	var abort atomic.Bool
	deadline := time.Now().Add(tripTimeout)
	// wait spins until the counter reads want; false if it gave up.
	wait := func(want int64) bool {
		for spins := 0; l.n.Load() != want; spins++ {
			if abort.Load() {
				return false
			}
			if spins&0xfff == 0xfff && time.Now().After(deadline) {
				abort.Store(true)
				return false
			}
		}
		return true
	}
	echo := make(chan error, 1)
	go func() { // the far side: answers each odd count with the next even one
		runtime.LockOSThread() // never unlocked: the thread dies with the goroutine
		if err := affinity.Bind(cpus[1]); err != nil {
			abort.Store(true)
			echo <- err
			return
		}
		for i := int64(1); i <= tripRounds; i++ {
			if !wait(2*i - 1) {
				break
			}
			l.n.Store(2 * i)
		}
		echo <- nil
	}()
	type result struct {
		d   time.Duration
		err error
	}
	near := make(chan result, 1)
	go func() { // the near side: starts each round trip and times them all
		runtime.LockOSThread()
		if err := affinity.Bind(cpus[0]); err != nil {
			abort.Store(true)
			near <- result{err: err}
			return
		}
		start := time.Now()
		for i := int64(1); i <= tripRounds; i++ {
			l.n.Store(2*i - 1)
			if !wait(2 * i) {
				break
			}
		}
		near <- result{d: time.Since(start) / tripRounds}
	}()
	r, farErr := <-near, <-echo
	switch {
	case r.err != nil:
		return 0, r.err
	case farErr != nil:
		return 0, farErr
	case abort.Load():
		return 0, errNoAnswer
	}
	return r.d, nil
}
