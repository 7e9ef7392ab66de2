package ring_test

// Linearizability of ring.MPMC: a few goroutines run small random mixes of
// TryPush, TryPop, PushMany, PopMany, Len and Close on one ring; the
// history, stamped by one logical clock, must be explainable by a
// sequential bounded FIFO with a closed flag (internal/linear.Queue),
// checked by porcupine. Many seeds, small histories: a rare interleaving
// bug shows up as one rejected history, printed with its seed.

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/anishathalye/porcupine"
	"github.com/hoare-go/hoare/internal/linear"
	"github.com/hoare-go/hoare/ring"
)

// ringOps is what the history driver calls: ring.MPMC, or a broken ring
// that shows the check can fail.
type ringOps interface {
	TryPush(int) bool
	TryPop() (int, bool)
	PushMany([]int) int
	PopMany([]int) int
	Len() int
	Close() bool
}

// ringHistory runs one random history on r and returns its log.
func ringHistory(r ringOps, seed uint64, goroutines, opsEach int) *linear.Log {
	var log linear.Log
	clients := make([]*linear.Client, goroutines)
	for g := range clients {
		clients[g] = log.Client()
	}
	closeAt := -1 // goroutine 0 closes the ring at this step, in a quarter of the seeds
	if seed%4 == 0 {
		closeAt = int(seed/4) % opsEach
	}
	start := linear.NewStartLine(goroutines)
	var wg sync.WaitGroup
	for g, c := range clients {
		rng := rand.New(rand.NewPCG(seed, uint64(g)))
		wg.Go(func() {
			start.Wait()
			for i := range opsEach {
				linear.Jitter(rng)
				v := g*1000 + i
				if g == 0 && i == closeAt {
					c.Do(linear.Input{Op: linear.Close}, func() linear.Output {
						if r.Close() {
							return linear.Output{Res: linear.OK}
						}
						return linear.Output{Res: linear.Closed}
					})
					continue
				}
				switch k := rng.IntN(20); {
				case k < 8:
					c.Do(linear.Input{Op: linear.Push, V: v}, func() linear.Output {
						return linear.Output{OK: r.TryPush(v)}
					})
				case k < 16:
					c.Do(linear.Input{Op: linear.Pop}, func() linear.Output {
						v, ok := r.TryPop()
						return linear.Output{V: v, OK: ok}
					})
				case k < 17:
					vs := []int{v, v + 100, v + 200}[:1+rng.IntN(3)]
					c.Do(linear.Input{Op: linear.PushMany, Vs: vs}, func() linear.Output {
						return linear.Output{N: r.PushMany(vs)}
					})
				case k < 18:
					n := 1 + rng.IntN(3)
					c.Do(linear.Input{Op: linear.PopMany, N: n}, func() linear.Output {
						buf := make([]int, n)
						return linear.Output{Vs: buf[:r.PopMany(buf)]}
					})
				default:
					c.Do(linear.Input{Op: linear.Len}, func() linear.Output {
						return linear.Output{N: r.Len()}
					})
				}
			}
		})
	}
	wg.Wait()
	return &log
}

// TestLinearizableMPMC checks seeded histories of ~120 operations over
// capacities 1..4: at least 300 of them, and more, up to a time budget,
// until enough operations truly overlapped (on a loaded machine the
// goroutines rarely run at once).
func TestLinearizableMPMC(t *testing.T) {
	minSeeds, budget := 300, 2*time.Second
	if testing.Short() {
		minSeeds, budget = 60, 0
	}
	ops, overlapping, seeds := 0, 0, 0
	for begin := time.Now(); seeds < minSeeds || overlapping < 5000 && time.Since(begin) < budget; seeds++ {
		seed := uint64(seeds)
		capacity := 1 + int(seed%4)
		h := ringHistory(ring.NewMPMC[int](capacity), seed, 3, 40).History()
		ops, overlapping = ops+len(h), overlapping+linear.Overlapping(h)
		name := fmt.Sprintf("ring.MPMC cap=%d seed=%d", capacity, seed)
		if !linear.Check(t, name, linear.Queue(capacity, linear.Block), h, 10*time.Second) {
			return
		}
	}
	t.Logf("%d histories, %d operations, %d overlapping another goroutine's", seeds, ops, overlapping)
}

// leaky is a ring that loses a value now and then: TryPop takes it and
// reports empty. The check must reject its histories.
type leaky struct {
	*ring.MPMC[int]
	n int
}

func (l *leaky) TryPop() (int, bool) {
	v, ok := l.MPMC.TryPop()
	if l.n++; ok && l.n%7 == 0 {
		return 0, false
	}
	return v, ok
}

// TestLinearizableDetectsLoss: the same driver on a ring that drops values
// must produce a history porcupine rejects.
func TestLinearizableDetectsLoss(t *testing.T) {
	for seed := range uint64(50) {
		h := ringHistory(&leaky{MPMC: ring.NewMPMC[int](2)}, seed+1, 1, 60).History()
		if !porcupine.CheckOperations(linear.Queue(2, linear.Block), h) {
			return // rejected, as it must be
		}
	}
	t.Fatal("50 histories of a ring that loses every 7th popped value all passed the check")
}
