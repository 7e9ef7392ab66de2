// Command stress is the soak run: a seeded, mixed workload over every hoare
// package that exists, checked continuously, with a latency histogram of
// send-to-receive per workload beside native chan's at the end.
//
//	go run ./cmd/stress -d 10m -seed 42
//	go run ./cmd/stress -d 20s                 # CI
//	go run ./cmd/stress -d 1m -run 'mpmc/(try|async)'
//
// Each round draws a workload and a configuration (capacity 0, 1, 7, 64 or
// 1024; blocking, dropping or sliding; 1-4 producers and consumers; a close
// at a random moment in a third of the rounds) from (-seed, round), runs it
// to completion, and checks: every value delivered exactly once (a dropping
// or sliding channel's shortfall is counted, not failed), per-sender order,
// no goroutine left behind, a heap that stays bounded, and (every
// -idle-every) no CPU burned while goroutines are parked with nothing to do.
// The first violation stops the run with exit status 1, printing the seed,
// the round, the workload, its configuration and the invariant; rerunning
// with that -seed replays the same rounds (the interleaving itself is the
// scheduler's). A round that does not finish within -stuck is a liveness
// violation: every goroutine's stack is printed and the exit status is 2.
//
// Invariants:
//   - Rounds run one at a time; between two rounds no goroutine of ours but
//     main (and the progress ticker) runs.
//   - Exit status: 0 clean, 1 a violated invariant, 2 a stuck round, 3 bad flags.
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"regexp"
	"runtime"
	"sync/atomic"
	"time"
)

func main() { os.Exit(run()) }

// tally is what the run counted for one workload.
type tally struct {
	rounds, accepted, received, canceled, panics, early int64
	dropped                                             [3]int64 // by Policy; [Block] is a canceled flow graph's in-flight values
}

func run() int {
	dur := flag.Duration("d", time.Minute, "how long to run")
	seedFlag := flag.Uint64("seed", 0, "seed of the round configurations (0: from the clock; printed)")
	runRe := flag.String("run", ".", "run only workloads whose name matches this regexp")
	clockName := flag.String("clock", "mono", "latency clock: mono, hrtime or tsc")
	every := flag.Duration("progress", 5*time.Second, "interval of the progress line")
	idleEvery := flag.Duration("idle-every", 10*time.Second, "interval of the idle-CPU check (0: only at the end)")
	stuck := flag.Duration("stuck", time.Minute, "a round running longer than this is a liveness violation")
	flag.StringVar(&inject, "inject", "", "self-test: make mpmc consumers lose, dup or reorder their 100th value; the run must fail")
	flag.Parse()
	switch inject {
	case "", "lose", "dup", "reorder":
	default:
		fmt.Fprintf(os.Stderr, "stress: -inject %q: want lose, dup or reorder\n", inject)
		return 3
	}

	re, err := regexp.Compile(*runRe)
	if err != nil {
		fmt.Fprintf(os.Stderr, "stress: -run %q: %v\n", *runRe, err)
		return 3
	}
	workloads := selected(re)
	if len(workloads) == 0 {
		fmt.Fprintf(os.Stderr, "stress: -run %q matches no workload\n", *runRe)
		return 3
	}
	stamp, clockDesc, err := clock(*clockName)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 3
	}
	name := *clockName
	elapsed := func(t int64) time.Duration { return toDuration(name, stamp()-t) }
	seed := *seedFlag
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	names := make([]string, len(workloads))
	for i, w := range workloads {
		names[i] = w.Name
	}
	fmt.Printf("stress: seed %d, %v, GOMAXPROCS %d, %s/%s, %d workloads: %v\n",
		seed, *dur, runtime.GOMAXPROCS(0), runtime.GOOS, runtime.GOARCH, len(workloads), names)
	fmt.Printf("stress: hooks: %s\n", hookStatus())

	tallies := map[string]*tally{}
	lat := map[string]*Reservoir{}
	var messages atomic.Int64
	var rounds atomic.Int64
	baseG := runtime.NumGoroutine()
	var baseHeap uint64
	start := time.Now()
	lastIdle, lastHeap := start, start
	violate := func(r *Round, w string, v Violation) int {
		extra := ""
		if inject != "" {
			extra = " -inject " + inject
		}
		fmt.Fprintf(os.Stderr, "stress: VIOLATION of %s\n  seed %d, round %d, workload %s, %v\n  %s\n  replay: go run ./cmd/stress -seed %d -run '%s' -d %v%s\n",
			v.Invariant, seed, r.N, w, r, v.Detail, seed, *runRe, *dur, extra)
		return 1
	}

	ticker := time.NewTicker(*every)
	defer ticker.Stop()
	stopProgress := make(chan struct{})
	defer close(stopProgress)
	go func() {
		for {
			select {
			case <-stopProgress:
				return
			case <-ticker.C:
				el := time.Since(start)
				m := messages.Load()
				fmt.Printf("stress: %6s rounds %d, messages %d (%.0f/s), goroutines %d, heap %s\n",
					el.Round(time.Second), rounds.Load(), m, float64(m)/el.Seconds(), runtime.NumGoroutine()-1, fmtBytes(currentHeap()))
			}
		}
	}()
	baseG++ // the progress goroutine

	for n := 0; time.Since(start) < *dur; n++ {
		w := workloads[n%len(workloads)]
		if len(workloads) > 1 && n >= len(workloads) { // after one of each, draw from the seed
			w = workloads[rand.New(rand.NewPCG(seed, ^uint64(n))).IntN(len(workloads))]
		}
		r := newRound(seed, n, w, stamp, elapsed)
		done := make(chan struct{})
		go func() {
			defer close(done)
			w.Run(r)
		}()
		select {
		case <-done:
		case <-time.After(*stuck):
			dumpGoroutines()
			violate(r, w.Name, Violation{"liveness", fmt.Sprintf("round did not finish within %v (stacks above)", *stuck)})
			return 2
		}
		res, vs := r.Ledger.Verify(r.Policy != Block || r.MayDrop)
		vs = append(r.failed, vs...)
		if len(vs) > 0 {
			for _, v := range vs[1:] {
				fmt.Fprintf(os.Stderr, "  also: %v\n", v)
			}
			return violate(r, w.Name, vs[0])
		}
		if g := settleGoroutines(baseG, 2*time.Second); g > baseG {
			dumpGoroutines()
			return violate(r, w.Name, Violation{"goroutines", fmt.Sprintf("%d goroutines after the round, %d before the first (stacks above)", g, baseG)})
		}
		t := tallies[w.Name]
		if t == nil {
			t = &tally{}
			tallies[w.Name] = t
			lat[w.Name] = &Reservoir{}
		}
		t.rounds++
		t.accepted += int64(res.Accepted)
		t.received += int64(res.Received)
		t.dropped[r.Policy] += int64(res.Dropped)
		t.canceled += r.Canceled
		t.panics += r.Panics
		if r.CloseEarly > 0 {
			t.early++
		}
		for _, s := range r.lats {
			lat[w.Name].merge(s)
		}
		messages.Add(int64(res.Received))
		rounds.Add(1)

		switch { // the latency reservoirs grow by design up to their bound: not counted
		case baseHeap == 0 && time.Since(start) > min(*dur/10, 5*time.Second):
			baseHeap = heapWithout(reservoirBytes(lat))
		case baseHeap > 0 && time.Since(lastHeap) > time.Second:
			lastHeap = time.Now()
			if live := heapWithout(reservoirBytes(lat)); !heapOK(baseHeap, live) {
				return violate(r, w.Name, Violation{"heap", fmt.Sprintf("live heap %s after GC (latency samples excluded), baseline %s", fmtBytes(live), fmtBytes(baseHeap))})
			}
		}
		if *idleEvery > 0 && time.Since(lastIdle) > *idleEvery {
			lastIdle = time.Now()
			if v, ok := checkIdle(); !ok {
				return violate(r, w.Name, v)
			}
		}
	}
	if v, ok := checkIdle(); !ok {
		return violate(&Round{N: -1}, "idle", v)
	}
	el := time.Since(start)
	m := messages.Load()
	fmt.Printf("\nstress: PASS after %v: %d rounds, %d messages (%.0f/s), seed %d; goroutines back to %d after every round; live heap %s without the latency samples (baseline %s)\n",
		el.Round(time.Millisecond), rounds.Load(), m, float64(m)/el.Seconds(), seed, baseG, fmtBytes(heapWithout(reservoirBytes(lat))), fmtBytes(baseHeap))
	if used, ok := idleCPU(200 * time.Millisecond); ok {
		fmt.Printf("stress: idle: %v of CPU over a 200ms window with 6 goroutines parked and 6 async operations pending (bound %v)\n", used, idleBound(200*time.Millisecond))
	} else {
		fmt.Printf("stress: idle CPU not measured on %s\n", runtime.GOOS)
	}
	fmt.Printf("\ndropping, sliding: values those channels discarded by design, counted apart; canceled-graph: values in\n")
	fmt.Printf("flight when a flow graph was canceled; ctx-ends: operations ended by their context; early: rounds\n")
	fmt.Printf("closed while senders still sent; panics: pool tasks that panicked on purpose\n")
	fmt.Printf("%-24s %7s %10s %10s %9s %9s %14s %9s %7s %6s\n", "workload", "rounds", "accepted", "received", "dropping", "sliding", "canceled-graph", "ctx-ends", "panics", "early")
	for _, w := range workloads {
		if t := tallies[w.Name]; t != nil {
			fmt.Printf("%-24s %7d %10d %10d %9d %9d %14d %9d %7d %6d\n", w.Name, t.rounds, t.accepted, t.received,
				t.dropped[Dropping], t.dropped[Sliding], t.dropped[Block], t.canceled, t.panics, t.early)
		}
	}
	printLatency(os.Stdout, workloads, lat, clockDesc)
	return 0
}

// checkIdle runs the idle-CPU measurement and judges it.
func checkIdle() (Violation, bool) {
	const window = 200 * time.Millisecond
	used, ok := idleCPU(window)
	if !ok || used <= idleBound(window) {
		return Violation{}, true
	}
	// Once more: a goroutine that spins while parked burns the whole window
	// every time; a one-off (the runtime retiring the threads of a pinned
	// pool, say) does not come back.
	again, _ := idleCPU(window)
	if again <= idleBound(window) {
		fmt.Printf("stress: idle check: %v over %v, then %v on the retry: a one-off, not counted\n", used, window, again)
		return Violation{}, true
	}
	return Violation{"idle-cpu", fmt.Sprintf("%v and then %v of CPU over %v idle windows with goroutines parked on mpmc channels (bound %v)", used, again, window, idleBound(window))}, false
}
