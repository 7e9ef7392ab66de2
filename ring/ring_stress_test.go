// Stress and contract tests for the rings: exactly-once and per-producer
// FIFO under many producers and consumers (MPMC) and one of each (SPSC),
// capacity checks, and release of popped values.
//
// Source: the API contract (/work/shared/API.md, ring): "A ring may round
// its capacity up; Cap reports the real one. Capacity < 1 panics with a
// message that names the bad value. A popped slot no longer references the
// value."
//
// Invariants:
//   - A value encodes its producer and sequence number, so each popped
//     value is traced to exactly one push.
//   - Full and empty rings are waited out with runtime.Gosched, never
//     with sleeps; the only timed waits are the GC loops of the release
//     checks, bounded by a deadline.
package ring_test

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hoare-go/hoare/ring"
)

// stressEach is the number of values per producer.
func stressEach() int {
	if testing.Short() {
		return 2000
	}
	return 20000
}

// stressEnc packs producer p's i-th value (i < 1<<24, so that it fits a
// 32-bit int: CI runs these tests on GOARCH=386); stressDec unpacks it.
func stressEnc(p, i int) int     { return p<<24 | i }
func stressDec(v int) (p, i int) { return v >> 24, v & (1<<24 - 1) }

// stressRing is what both ring kinds offer.
type stressRing interface {
	TryPush(int) bool
	TryPop() (int, bool)
	PushMany([]int) int
	PopMany([]int) int
	Len() int
	Cap() int
}

// produce pushes producer p's values, alternating single and batch pushes.
func produce(r stressRing, p, each int) {
	batch := make([]int, 0, 8)
	for i := 0; i < each; {
		if i%3 == 0 {
			batch = batch[:0]
			for j := i; j < each && len(batch) < cap(batch); j++ {
				batch = append(batch, stressEnc(p, j))
			}
			for off := 0; off < len(batch); {
				k := r.PushMany(batch[off:])
				if k == 0 {
					runtime.Gosched()
				}
				off += k
			}
			i += len(batch)
			continue
		}
		for !r.TryPush(stressEnc(p, i)) {
			runtime.Gosched()
		}
		i++
	}
}

// consume pops until remaining reaches 0, alternating single and batch pops,
// and returns what it popped in order.
func consume(r stressRing, remaining *atomic.Int64) []int {
	var got []int
	buf := make([]int, 5)
	for k := 0; remaining.Load() > 0; k++ {
		if k%2 == 0 {
			if v, ok := r.TryPop(); ok {
				got = append(got, v)
				remaining.Add(-1)
				continue
			}
		} else if n := r.PopMany(buf); n > 0 {
			got = append(got, buf[:n]...)
			remaining.Add(-int64(n))
			continue
		}
		runtime.Gosched()
	}
	return got
}

// checkPopped fails t unless every value of producers x each was popped
// exactly once and, at each consumer, each producer's values in order.
func checkPopped(t *testing.T, outs [][]int, producers, each int) {
	t.Helper()
	count := make([][]int, producers)
	for p := range count {
		count[p] = make([]int, each)
	}
	for c, got := range outs {
		last := make([]int, producers)
		for i := range last {
			last[i] = -1
		}
		for _, v := range got {
			p, i := stressDec(v)
			if p < 0 || p >= producers || i >= each {
				t.Fatalf("consumer %d popped %#x: never pushed", c, v)
			}
			if i <= last[p] {
				t.Fatalf("consumer %d: producer %d's values out of order: #%d after #%d", c, p, i, last[p])
			}
			last[p] = i
			count[p][i]++
		}
	}
	for p := range count {
		for i, k := range count[p] {
			if k != 1 {
				t.Fatalf("producer %d's #%d popped %d times; want exactly once", p, i, k)
			}
		}
	}
}

// TestStressMPMC runs every layout: at cap 1024 the slots are spread on
// AMD, in position order elsewhere, and both are forced here.
func TestStressMPMC(t *testing.T) {
	type layout struct {
		cap    int
		spread bool
	}
	for _, l := range []layout{{1, false}, {3, false}, {64, false}, {1000, false}, {1024, false}, {1024, true}} {
		for _, shape := range [][2]int{{4, 4}, {1, 4}, {4, 1}} {
			t.Run(fmt.Sprintf("cap=%d/spread=%v/procs=%dx%d", l.cap, l.spread, shape[0], shape[1]), func(t *testing.T) {
				P, C := shape[0], shape[1]
				each := stressEach() / P
				restore := ring.ForceSpread(l.spread)
				r := ring.NewMPMC[int](l.cap)
				restore()
				var remaining atomic.Int64
				remaining.Store(int64(P * each))
				var wg sync.WaitGroup
				for p := range P {
					wg.Go(func() { produce(r, p, each) })
				}
				outs := make([][]int, C)
				for c := range C {
					wg.Go(func() { outs[c] = consume(r, &remaining) })
				}
				wg.Wait()
				checkPopped(t, outs, P, each)
				if r.Len() != 0 {
					t.Fatalf("Len() = %d after everything was popped", r.Len())
				}
			})
		}
	}
}

func TestStressSPSC(t *testing.T) {
	for _, n := range []int{1, 3, 64, 1000} {
		t.Run(fmt.Sprintf("cap=%d", n), func(t *testing.T) {
			each := stressEach()
			r := ring.NewSPSC[int](n)
			var remaining atomic.Int64
			remaining.Store(int64(each))
			var wg sync.WaitGroup
			wg.Go(func() { produce(r, 0, each) })
			var got []int
			wg.Go(func() { got = consume(r, &remaining) })
			wg.Wait()
			checkPopped(t, [][]int{got}, 1, each)
			for i, v := range got {
				if v != i {
					t.Fatalf("SPSC popped %d at position %d; want %d (exact FIFO)", v, i, i)
				}
			}
		})
	}
}

// Cap is at least the capacity asked for and is exactly how many values a
// single goroutine can push into an empty ring.
func TestCapacityContract(t *testing.T) {
	for _, n := range []int{1, 2, 3, 5, 7, 8, 63, 64, 65, 1000, 1024} {
		for name, r := range map[string]stressRing{"MPMC": ring.NewMPMC[int](n), "SPSC": ring.NewSPSC[int](n)} {
			if r.Cap() < n {
				t.Errorf("New%s(%d).Cap() = %d; want >= %d", name, n, r.Cap(), n)
			}
			pushed := 0
			for r.TryPush(pushed) {
				pushed++
				if pushed > 4*n+64 {
					t.Fatalf("New%s(%d): TryPush never reported full", name, n)
				}
			}
			if pushed != r.Cap() || r.Len() != r.Cap() {
				t.Errorf("New%s(%d): %d pushes fit, Len() = %d; want Cap() = %d of each", name, n, pushed, r.Len(), r.Cap())
			}
			for i := range pushed {
				if v, ok := r.TryPop(); v != i || !ok {
					t.Fatalf("New%s(%d): TryPop = %d, %v; want %d, true", name, n, v, ok, i)
				}
			}
			if _, ok := r.TryPop(); ok || r.Len() != 0 {
				t.Errorf("New%s(%d): not empty after popping everything", name, n)
			}
		}
	}
}

// Capacity < 1 panics with a message that names the package and the value.
func TestBadCapacityPanics(t *testing.T) {
	for _, n := range []int{0, -1, -42} {
		for name, mk := range map[string]func(){
			"NewMPMC": func() { ring.NewMPMC[int](n) },
			"NewSPSC": func() { ring.NewSPSC[int](n) },
		} {
			func() {
				defer func() {
					r := recover()
					if r == nil {
						t.Errorf("%s(%d) did not panic", name, n)
						return
					}
					msg := fmt.Sprint(r)
					if !strings.Contains(msg, "ring") || !strings.Contains(msg, fmt.Sprint(n)) {
						t.Errorf("%s(%d) panicked with %q; want a message naming the package and %d", name, n, msg, n)
					}
				}()
				mk()
			}()
		}
	}
}

// A popped value is no longer referenced by the ring: a *T popped (by
// TryPop or PopMany) and dropped becomes collectable while the ring lives.
func TestPopReleasesPointer(t *testing.T) {
	type obj struct{ b [64]byte }
	type ptrRing interface {
		TryPush(*obj) bool
		TryPop() (*obj, bool)
		PopMany([]*obj) int
	}
	for name, r := range map[string]ptrRing{"MPMC": ring.NewMPMC[*obj](4), "SPSC": ring.NewSPSC[*obj](4)} {
		for _, batch := range []bool{false, true} {
			p := new(obj)
			freed := make(chan struct{})
			runtime.AddCleanup(p, func(ch chan struct{}) { close(ch) }, freed)
			if !r.TryPush(p) {
				t.Fatalf("%s: TryPush failed", name)
			}
			if batch {
				buf := make([]*obj, 2)
				if r.PopMany(buf) != 1 || buf[0] != p {
					t.Fatalf("%s: PopMany did not return the pushed pointer", name)
				}
			} else if v, ok := r.TryPop(); !ok || v != p {
				t.Fatalf("%s: TryPop did not return the pushed pointer", name)
			}
			p = nil
			deadline := time.Now().Add(10 * time.Second)
			for collected := false; !collected; {
				select {
				case <-freed:
					collected = true
				default:
					if time.Now().After(deadline) {
						t.Fatalf("%s (batch=%v): a popped pointer is still referenced by the ring after 10s of GCs", name, batch)
					}
					runtime.GC()
					time.Sleep(time.Millisecond)
				}
			}
		}
		runtime.KeepAlive(r)
	}
}

// stressWide is too large to copy atomically: a torn copy (a slot read
// while written) shows as words that disagree.
type stressWide [16]int

// Wide values through both rings under contention arrive whole and exactly
// once.
func TestStressWide(t *testing.T) {
	each := stressEach() / 4
	for _, n := range []int{1, 7, 64} {
		for _, kind := range []string{"MPMC", "SPSC"} {
			t.Run(fmt.Sprintf("kind=%s/cap=%d", kind, n), func(t *testing.T) {
				type wideRing interface {
					TryPush(stressWide) bool
					TryPop() (stressWide, bool)
				}
				P, C := 3, 3
				var r wideRing = ring.NewMPMC[stressWide](n)
				if kind == "SPSC" {
					P, C = 1, 1
					r = ring.NewSPSC[stressWide](n)
				}
				var remaining atomic.Int64
				remaining.Store(int64(P * each))
				var wg sync.WaitGroup
				for p := range P {
					wg.Go(func() {
						for i := range each {
							var w stressWide
							for k := range w {
								w[k] = stressEnc(p, i)
							}
							for !r.TryPush(w) {
								runtime.Gosched()
							}
						}
					})
				}
				outs := make([][]int, C)
				for c := range C {
					wg.Go(func() {
						for remaining.Load() > 0 {
							w, ok := r.TryPop()
							if !ok {
								runtime.Gosched()
								continue
							}
							remaining.Add(-1)
							for k := range w {
								if w[k] != w[0] {
									t.Errorf("torn value: word %d = %#x, word 0 = %#x", k, w[k], w[0])
									break
								}
							}
							outs[c] = append(outs[c], w[0])
						}
					})
				}
				wg.Wait()
				checkPopped(t, outs, P, each)
			})
		}
	}
}

// Close racing with producers and consumers (MPMC): every push that
// reported success is popped exactly once (drained after Close), no push
// succeeds after Close returned, and Close reports true exactly once.
func TestStressMPMCClose(t *testing.T) {
	rounds := 200
	if testing.Short() {
		rounds = 50
	}
	for _, n := range []int{1, 4, 64} {
		t.Run(fmt.Sprintf("cap=%d", n), func(t *testing.T) {
			for round := range rounds {
				const P, C, each = 3, 2, 200
				r := ring.NewMPMC[int](n)
				var ok [P][each]bool
				var closed atomic.Bool
				var wg sync.WaitGroup
				for p := range P {
					wg.Go(func() {
						for i := range each {
							for {
								if r.TryPush(stressEnc(p, i)) {
									ok[p][i] = true
									break
								}
								if r.Closed() {
									return
								}
								runtime.Gosched()
							}
						}
					})
				}
				outs := make([][]int, C+1)
				for c := range C {
					wg.Go(func() {
						for !closed.Load() {
							if v, got := r.TryPop(); got {
								outs[c] = append(outs[c], v)
							} else {
								runtime.Gosched()
							}
						}
					})
				}
				time.Sleep(time.Duration(round%5) * 20 * time.Microsecond)
				wins := 0
				for range 2 {
					if r.Close() {
						wins++
					}
				}
				if wins != 1 || !r.Closed() {
					t.Fatalf("Close reported true %d times; want once", wins)
				}
				if r.TryPush(-1) || r.PushMany([]int{-1}) != 0 {
					t.Fatalf("a push succeeded after Close returned")
				}
				closed.Store(true)
				wg.Wait()
				for {
					v, got := r.TryPop()
					if !got {
						break
					}
					outs[C] = append(outs[C], v)
				}
				count := make(map[int]int)
				for c, got := range outs {
					last := make([]int, P)
					for i := range last {
						last[i] = -1
					}
					for _, v := range got {
						p, i := stressDec(v)
						if c < C && i <= last[p] {
							t.Fatalf("consumer %d: producer %d out of order", c, p)
						}
						last[p] = i
						count[v]++
					}
				}
				for p := range P {
					for i := range each {
						k := count[stressEnc(p, i)]
						if ok[p][i] != (k == 1) || k > 1 {
							t.Fatalf("round %d: producer %d's #%d: push ok=%v, popped %d times", round, p, i, ok[p][i], k)
						}
					}
				}
			}
		})
	}
}
