// Latency: a bounded sample of send-to-receive times per workload, and the
// histogram printed at the end.
//
// A sender stamps every k-th value with the clock (Round.stride: about 256
// per sender per round), the receiver subtracts. Each round keeps at most
// perRound samples, and each workload at most perWorkload over the run
// (reservoir sampling, so a long run stays a uniform sample and bounded in
// memory). hrtime's testing helper allocates a slot per iteration, so it is
// not used; its histogram computes the percentiles.
//
// The clock: both ends must read one clock that is comparable across
// goroutines and cores. "mono" (the default) is Go's monotonic clock
// (time.Since of a fixed start: runtime nanotime, vDSO clock_gettime
// MONOTONIC); "hrtime" is hrtime.Now, which on Linux reads the wall clock
// (time.Now().UnixNano) and so can jump with NTP; "tsc" is hrtime.TSC
// converted with its calibration, comparable across cores only with an
// invariant, synchronised TSC.
//
// Invariants:
//   - A Samples is used by one goroutine at a time (receivers keep their own
//     and the driver merges them after the round).
//   - Reservoir never holds more than perWorkload samples.
package main

import (
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"sync"
	"time"

	"github.com/loov/hrtime"
)

const (
	perReceiver = 2048    // samples one receiver keeps in one round
	perWorkload = 1 << 17 // samples kept per workload over the run
)

// Samples is a bounded slice of latencies.
type Samples struct{ d []time.Duration }

// Add keeps d if there is room.
func (s *Samples) Add(d time.Duration) {
	if len(s.d) < perReceiver {
		s.d = append(s.d, d)
	}
}

// Reservoir is a uniform sample of at most perWorkload latencies of a workload.
type Reservoir struct {
	mu   sync.Mutex
	seen int
	d    []time.Duration
	rng  *rand.Rand
}

func (r *Reservoir) merge(s *Samples) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.rng == nil {
		r.rng = rand.New(rand.NewPCG(1, 2))
	}
	for _, d := range s.d {
		r.seen++
		if len(r.d) < perWorkload {
			r.d = append(r.d, d)
		} else if j := r.rng.IntN(r.seen); j < perWorkload {
			r.d[j] = d
		}
	}
}

// reservoirBytes is the memory the reservoirs' sample slices hold.
func reservoirBytes(lat map[string]*Reservoir) uint64 {
	var n uint64
	for _, r := range lat {
		r.mu.Lock()
		n += uint64(cap(r.d)) * 8
		r.mu.Unlock()
	}
	return n
}

// clock returns the stamping function for name and a sentence saying what it is.
func clock(name string) (func() int64, string, error) {
	switch name {
	case "mono":
		start := time.Now()
		return func() int64 { return int64(time.Since(start)) },
			"mono: Go's monotonic clock (time.Since a fixed start; vDSO clock_gettime)", nil
	case "hrtime":
		return func() int64 { return int64(hrtime.Now()) },
			"hrtime: hrtime.Now, which on Linux is the wall clock (time.Now().UnixNano): may jump", nil
	case "tsc":
		if !hrtime.TSCSupported() {
			return nil, "", fmt.Errorf("stress: -clock tsc: this CPU has no invariant TSC")
		}
		return func() int64 { return int64(hrtime.TSC()) },
			"tsc: hrtime.TSC, converted with hrtime's calibration; assumes a TSC synchronised across cores", nil
	}
	return nil, "", fmt.Errorf("stress: -clock %q: want mono, hrtime or tsc", name)
}

// toDuration converts a difference of two stamps of the named clock.
func toDuration(name string, d int64) time.Duration {
	if name == "tsc" {
		return hrtime.Count(d).ApproxDuration()
	}
	return time.Duration(d)
}

// printLatency writes the table: each workload's percentiles, its native
// baseline on the line below it.
func printLatency(w io.Writer, ws []Workload, lat map[string]*Reservoir, clockDesc string) {
	fmt.Fprintf(w, "\nsend-to-receive latency (clock %s; a uniform sample of at most %d per workload)\n", clockDesc, perWorkload)
	fmt.Fprintf(w, "%-24s %9s %10s %10s %10s %10s %10s\n", "workload", "samples", "p50", "p90", "p99", "p99.9", "max")
	row := func(name string) {
		r := lat[name]
		if r == nil || len(r.d) == 0 {
			fmt.Fprintf(w, "%-24s %9d\n", name, 0)
			return
		}
		h := hrtime.NewDurationHistogram(r.d, &hrtime.HistogramOptions{BinCount: 1, ClampPercentile: 0})
		f := func(ns float64) string { return time.Duration(ns).Round(10 * time.Nanosecond).String() }
		fmt.Fprintf(w, "%-24s %9d %10s %10s %10s %10s %10s\n", name, len(r.d), f(h.P50), f(h.P90), f(h.P99), f(h.P999), f(h.Maximum))
	}
	done := map[string]bool{}
	for _, wl := range ws {
		if done[wl.Name] || lat[wl.Name] == nil {
			continue
		}
		row(wl.Name)
		done[wl.Name] = true
		if b := wl.Baseline; b != "" && !done[b] && lat[b] != nil {
			row(b)
			done[b] = true
		}
	}
	names := make([]string, 0, len(lat))
	for n := range lat {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		if !done[n] {
			row(n)
		}
	}
}
