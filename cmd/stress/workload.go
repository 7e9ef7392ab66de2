// Workload: the registry of what the soak runs, and one round's parameters.
//
// Every package's stress lives in one or more Workload entries, registered
// from that package's file here (chan.go for mpmc, native.go for the native
// chan baseline, select.go, pool.go, flow.go as those packages land). A
// round picks one workload and a configuration from the round's seed, runs
// it to completion (every goroutine it started has returned), and hands its
// Ledger to Verify.
//
// Invariants:
//   - A Round is fully determined by (seed, round number): the same -seed
//     replays the same workloads, configurations and per-goroutine choices
//     (only the scheduler's interleaving differs).
//   - Run returns only after every goroutine it started has finished and
//     every callback it registered has run.
package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"sync"
	"time"
)

// Workload is one entry of the registry.
type Workload struct {
	Name     string // "pkg/what": mpmc/blocking, native/blocking, ...
	Policies bool   // may run on Dropping and Sliding channels
	Unbuf    bool   // may run on capacity 0
	Baseline string // for the latency table: the native workload it is compared with
	Run      func(r *Round)
}

var registry []Workload

// register adds workloads; each package's file calls it from init.
func register(ws ...Workload) { registry = append(registry, ws...) }

// selected returns the registered workloads whose name matches re.
func selected(re *regexp.Regexp) []Workload {
	var ws []Workload
	for _, w := range registry {
		if re.MatchString(w.Name) {
			ws = append(ws, w)
		}
	}
	slices.SortFunc(ws, func(a, b Workload) int {
		if a.Name < b.Name {
			return -1
		}
		return 1
	})
	return ws
}

// Policy is a channel's full-buffer policy.
type Policy uint8

// The policies.
const (
	Block Policy = iota
	Dropping
	Sliding
)

func (p Policy) String() string { return [...]string{"block", "dropping", "sliding"}[p] }

// Round is one run of one workload.
type Round struct {
	N          int    // round number
	Seed       uint64 // the run's seed
	Cap        int
	Policy     Policy
	Senders    int
	Receivers  int
	PerSender  int           // values each sender tries to send
	CloseEarly time.Duration // > 0: close that long after the start, senders still sending
	Ledger     *Ledger
	Stamp      func() int64              // the clock senders stamp values with
	Elapsed    func(int64) time.Duration // time since a stamp
	lats       []*Samples                // the receivers' latency samples

	MayDrop bool   // accepted values may be discarded (a canceled flow graph); counted as drops
	Note    string // what else the workload chose, for the violation report
	mu      sync.Mutex
	failed  []Violation // what a workload found beyond the ledger (Fail)

	// Counters a workload may fill.
	Canceled int64 // operations that ended by their context
	Panics   int64 // panics injected and recovered (pool tasks)
}

// rng returns the deterministic generator of goroutine g of the round (g = -1
// for newRound's configuration). g must be below choicesStream.
func (r *Round) rng(g int) *rand.Rand {
	return rand.New(rand.NewPCG(r.Seed, uint64(r.N)<<16|uint64(g+1)))
}

// choicesStream is the rng stream of a workload's own choices for a round.
const choicesStream = 1<<16 - 2

// choices returns the generator of the workload's own choices for the round
// (a tap's capacity, Mult or Pub, ...): a stream apart from newRound's, whose
// draws would otherwise repeat the configuration's (a power-of-two IntN
// keeps the low bits, so Senders would decide them).
func (r *Round) choices() *rand.Rand { return r.rng(choicesStream) }

// stride returns k such that stamping every k-th value gives about 256
// latency samples per sender per round.
func (r *Round) stride() int { return max(1, r.PerSender/256) }

// got records a receipt in rec, and its latency in lat if m is stamped.
func (r *Round) got(rec *Receiver, lat *Samples, m msg) {
	rec.Got(m.id)
	if m.t != 0 {
		lat.Add(r.Elapsed(m.t))
	}
}

// cancelEarly, in a round that closes early, sleeps CloseEarly and then
// cancels a flow graph's context: the values in flight are discarded by
// design, so the round may drop accepted values.
func (r *Round) cancelEarly(cancel context.CancelFunc) {
	if r.CloseEarly > 0 {
		r.MayDrop = true
		time.Sleep(r.CloseEarly)
		cancel()
	}
}

// message returns sender s's value seq, stamped with the clock when seq is
// a multiple of the stride.
func (r *Round) message(s, seq int) msg {
	m := msg{id: id(s, seq)}
	if seq%r.stride() == 0 {
		m.t = r.Stamp()
	}
	return m
}

func (r *Round) String() string {
	s := fmt.Sprintf("cap=%d policy=%v senders=%d receivers=%d per-sender=%d", r.Cap, r.Policy, r.Senders, r.Receivers, r.PerSender)
	if r.CloseEarly > 0 {
		s += fmt.Sprintf(" close-early=%v", r.CloseEarly)
	}
	if r.Note != "" {
		s += " " + r.Note
	}
	return s
}

// capacities are the ones the soak covers.
var capacities = []int{0, 1, 7, 64, 1024}

// newRound draws round n's configuration for workload w.
func newRound(seed uint64, n int, w Workload, stamp func() int64, elapsed func(int64) time.Duration) *Round {
	r := &Round{N: n, Seed: seed, Stamp: stamp, Elapsed: elapsed}
	rng := r.rng(-1)
	for {
		r.Cap = capacities[rng.IntN(len(capacities))]
		if r.Cap > 0 || w.Unbuf {
			break
		}
	}
	if w.Policies && r.Cap > 0 {
		switch k := rng.IntN(5); k {
		case 0:
			r.Policy = Dropping
		case 1:
			r.Policy = Sliding
		}
	}
	r.Senders, r.Receivers = 1+rng.IntN(4), 1+rng.IntN(4)
	r.PerSender = 500 + rng.IntN(4000)
	if r.Cap == 0 {
		r.PerSender /= 4 // a rendezvous per value: keep rounds short
	}
	if rng.IntN(3) == 0 {
		r.CloseEarly = time.Duration(rng.IntN(3000)) * time.Microsecond
	}
	r.Ledger = NewLedger(r.Senders, r.PerSender)
	return r
}

// Fail records a violation a workload found itself (a pool's panic count,
// say); the driver reports it after the round.
func (r *Round) Fail(v Violation) {
	r.mu.Lock()
	r.failed = append(r.failed, v)
	r.mu.Unlock()
}

// NewSamples returns a latency record for one receiver. Call it before the
// round's goroutines start.
func (r *Round) NewSamples() *Samples {
	s := &Samples{}
	r.lats = append(r.lats, s)
	return s
}
