// The select benchmarks: Go's select statement against package alt on the
// workloads of issue 3.
//
// Names: BenchmarkSelect<Workload>/impl=<name>/<key>=<value>, with
// impl=native first (benchstat's base column), then impl=hoare (a Selector
// built once, the form for a hot loop) and impl=hoare-plain (alt.Fair or
// alt.Priority called with fresh cases every time; the case funcs are made
// once outside the loop, as a user would hoist them). Keys: cap=N (every
// channel's capacity), procs=PxC (P sending and C receiving goroutines),
// cases=K. Every run moves (or, for Default, tries) b.N messages, so ns/op
// is per message; cpu-ns/msg is process CPU time (user + system, all
// threads) per message; allocs/op should be 0 for native and hoare.
//
// The workloads, and the benchmark of Go's runtime/chan_test.go nearest to
// each:
//
//	SelectRecv2     one goroutine; a 2-way receive select with one case ready,
//	                whose case refills the other channel (BenchmarkSelectUncontended)
//	SelectRecv4     4 producers each feed its own channel; one consumer selects
//	                over the 4 (BenchmarkSelectProdCons-ish)
//	SelectDefault   a 4-way receive select with a default, nothing ready
//	                (BenchmarkSelectNonblock)
//	SelectBoth      crossbeam-channel's select_both: 4 goroutines each select-send
//	                over 4 shared channels, 4 each select-receive over them
//	SelectPriority  2 producers feed hi and lo; one consumer takes hi first: native
//	                with the nested-select-with-default idiom, hoare with Priority
//
// Invariants: native runs first in each configuration; every body checks the
// sum of what it received (each value once) and starts and ends its own
// goroutines, so none outlives a run.
package runtime_bench

import (
	"fmt"
	"sync"
	"testing"

	"github.com/hoare-go/hoare/internal/workload"
	"github.com/hoare-go/hoare/mpmc"
	alt "github.com/hoare-go/hoare/select"
)

// selImpl is one implementation of a select workload: its name and the
// body for a configuration.
type selImpl struct {
	name string
	body workload.Body
}

func runSel(b *testing.B, suffix string, impls ...selImpl) {
	for _, im := range impls {
		b.Run("impl="+im.name+suffix, func(b *testing.B) { workload.Run(b, im.body) })
	}
}

func checkSum(what string, got, n int) error {
	if want := n * (n - 1) / 2; got != want {
		return fmt.Errorf("select bench %s: received sum %d for n=%d, want %d (a value lost or duplicated)", what, got, n, want)
	}
	return nil
}

// ---------------------------------------------------------------------------

// BenchmarkSelectRecv2: a 2-way receive select with exactly one case ready;
// the chosen case sends the next value on the other channel.
func BenchmarkSelectRecv2(b *testing.B) {
	runSel(b, "/cap=1",
		selImpl{"native", func(n int) error {
			c1, c2 := make(chan int, 1), make(chan int, 1)
			c1 <- 0
			sum := 0
			for i := 1; i <= n; i++ {
				select {
				case v := <-c1:
					sum += v
					c2 <- i
				case v := <-c2:
					sum += v
					c1 <- i
				}
			}
			sum += drain1(c1, c2)
			return checkSum("Recv2 native", sum, n+1)
		}},
		selImpl{"hoare", func(n int) error {
			c1, c2 := mpmc.New[int](1), mpmc.New[int](1)
			c1.Send(0)
			sum, next := 0, 1
			s := alt.NewSelector(
				alt.Recv(c1, func(v int, _ bool) { sum += v; c2.Send(next) }),
				alt.Recv(c2, func(v int, _ bool) { sum += v; c1.Send(next) }),
			)
			for ; next <= n; next++ {
				s.Fair()
			}
			sum += drain2(c1, c2)
			return checkSum("Recv2 hoare", sum, n+1)
		}},
		selImpl{"hoare-plain", func(n int) error {
			c1, c2 := mpmc.New[int](1), mpmc.New[int](1)
			c1.Send(0)
			sum, next := 0, 1
			f1 := func(v int, _ bool) { sum += v; c2.Send(next) }
			f2 := func(v int, _ bool) { sum += v; c1.Send(next) }
			for ; next <= n; next++ {
				alt.Fair(alt.Recv(c1, f1), alt.Recv(c2, f2))
			}
			sum += drain2(c1, c2)
			return checkSum("Recv2 hoare-plain", sum, n+1)
		}},
	)
}

func drain1(cs ...chan int) int {
	s := 0
	for _, c := range cs {
		for len(c) > 0 {
			s += <-c
		}
	}
	return s
}

func drain2(cs ...*mpmc.Chan[int]) int {
	s := 0
	for _, c := range cs {
		for c.Len() > 0 {
			v, _ := c.Recv()
			s += v
		}
	}
	return s
}

// ---------------------------------------------------------------------------

// BenchmarkSelectRecv4: 4 producers, each sending its share of n values on
// its own channel; one consumer selects over the 4 channels.
func BenchmarkSelectRecv4(b *testing.B) {
	const P, capacity = 4, 64
	runSel(b, fmt.Sprintf("/procs=%dx1/cap=%d", P, capacity),
		selImpl{"native", func(n int) error {
			var cs [P]chan int
			var wg sync.WaitGroup
			for p := range cs {
				cs[p] = make(chan int, capacity)
				wg.Go(func() {
					from, cnt := workload.Share(p, P, n)
					for i := from; i < from+cnt; i++ {
						cs[p] <- i
					}
				})
			}
			sum := 0
			for range n {
				select {
				case v := <-cs[0]:
					sum += v
				case v := <-cs[1]:
					sum += v
				case v := <-cs[2]:
					sum += v
				case v := <-cs[3]:
					sum += v
				}
			}
			wg.Wait()
			return checkSum("Recv4 native", sum, n)
		}},
		selImpl{"hoare", recv4Hoare(P, capacity, false)},
		selImpl{"hoare-plain", recv4Hoare(P, capacity, true)},
	)
}

func recv4Hoare(P, capacity int, plain bool) workload.Body {
	return func(n int) error {
		cs := make([]*mpmc.Chan[int], P)
		var wg sync.WaitGroup
		for p := range cs {
			cs[p] = mpmc.New[int](capacity)
			wg.Go(func() {
				from, cnt := workload.Share(p, P, n)
				for i := from; i < from+cnt; i++ {
					cs[p].Send(i)
				}
			})
		}
		sum := 0
		f := func(v int, _ bool) { sum += v }
		if plain {
			for range n {
				alt.Fair(alt.Recv(cs[0], f), alt.Recv(cs[1], f), alt.Recv(cs[2], f), alt.Recv(cs[3], f))
			}
		} else {
			s := alt.NewSelector(alt.Recv(cs[0], f), alt.Recv(cs[1], f), alt.Recv(cs[2], f), alt.Recv(cs[3], f))
			for range n {
				s.Fair()
			}
		}
		wg.Wait()
		return checkSum("Recv4 hoare", sum, n)
	}
}

// ---------------------------------------------------------------------------

// BenchmarkSelectDefault: a 4-way receive select with a default case on
// empty channels, nothing ever ready: n tries, all taking default.
func BenchmarkSelectDefault(b *testing.B) {
	for _, capacity := range []int{0, 64} {
		runSel(b, fmt.Sprintf("/cases=4/cap=%d", capacity),
			selImpl{"native", func(n int) error {
				c0, c1, c2, c3 := make(chan int, capacity), make(chan int, capacity), make(chan int, capacity), make(chan int, capacity)
				defaults := 0
				for range n {
					select {
					case <-c0:
					case <-c1:
					case <-c2:
					case <-c3:
					default:
						defaults++
					}
				}
				return checkDefaults(defaults, n)
			}},
			selImpl{"hoare", func(n int) error {
				c := newChans(4, capacity)
				defaults := 0
				s := alt.NewSelector(alt.Recv(c[0], nil), alt.Recv(c[1], nil), alt.Recv(c[2], nil), alt.Recv(c[3], nil),
					alt.Default(func() { defaults++ }))
				for range n {
					s.Fair()
				}
				return checkDefaults(defaults, n)
			}},
			selImpl{"hoare-plain", func(n int) error {
				c := newChans(4, capacity)
				defaults := 0
				f := func() { defaults++ }
				for range n {
					alt.Fair(alt.Recv(c[0], nil), alt.Recv(c[1], nil), alt.Recv(c[2], nil), alt.Recv(c[3], nil), alt.Default(f))
				}
				return checkDefaults(defaults, n)
			}},
		)
	}
}

func newChans(k, capacity int) []*mpmc.Chan[int] {
	cs := make([]*mpmc.Chan[int], k)
	for i := range cs {
		cs[i] = mpmc.New[int](capacity)
	}
	return cs
}

func checkDefaults(got, n int) error {
	if got != n {
		return fmt.Errorf("select bench Default: %d defaults in %d tries on empty channels", got, n)
	}
	return nil
}

// ---------------------------------------------------------------------------

// BenchmarkSelectBoth is crossbeam-channel's select_both: 4 goroutines each
// select-send their share of n values over 4 shared channels, 4 goroutines
// each select-receive their share over the same 4.
func BenchmarkSelectBoth(b *testing.B) {
	const T = 4
	for _, capacity := range []int{0, 1, 64} {
		runSel(b, fmt.Sprintf("/procs=%dx%d/cap=%d", T, T, capacity),
			selImpl{"native", func(n int) error {
				var cs [T]chan int
				for i := range cs {
					cs[i] = make(chan int, capacity)
				}
				var wg sync.WaitGroup
				sums := make([]int, T)
				for g := range T {
					wg.Go(func() {
						from, cnt := workload.Share(g, T, n)
						for v := from; v < from+cnt; v++ {
							select {
							case cs[0] <- v:
							case cs[1] <- v:
							case cs[2] <- v:
							case cs[3] <- v:
							}
						}
					})
					wg.Go(func() {
						_, cnt := workload.Share(g, T, n)
						s := 0
						for range cnt {
							select {
							case v := <-cs[0]:
								s += v
							case v := <-cs[1]:
								s += v
							case v := <-cs[2]:
								s += v
							case v := <-cs[3]:
								s += v
							}
						}
						sums[g] = s
					})
				}
				wg.Wait()
				return checkSum("Both native", total(sums), n)
			}},
			selImpl{"hoare", bothHoare(T, capacity, false)},
			selImpl{"hoare-plain", bothHoare(T, capacity, true)},
		)
	}
}

func bothHoare(T, capacity int, plain bool) workload.Body {
	return func(n int) error {
		cs := newChans(T, capacity)
		var wg sync.WaitGroup
		sums := make([]int, T)
		for g := range T {
			wg.Go(func() {
				from, cnt := workload.Share(g, T, n)
				if plain {
					for v := from; v < from+cnt; v++ {
						alt.Fair(alt.Send(cs[0], v, nil), alt.Send(cs[1], v, nil), alt.Send(cs[2], v, nil), alt.Send(cs[3], v, nil))
					}
					return
				}
				var v int
				s := alt.NewSelector(alt.SendFrom(cs[0], &v, nil), alt.SendFrom(cs[1], &v, nil), alt.SendFrom(cs[2], &v, nil), alt.SendFrom(cs[3], &v, nil))
				for v = from; v < from+cnt; v++ {
					s.Fair()
				}
			})
			wg.Go(func() {
				_, cnt := workload.Share(g, T, n)
				sum := 0
				f := func(v int, _ bool) { sum += v }
				if plain {
					for range cnt {
						alt.Fair(alt.Recv(cs[0], f), alt.Recv(cs[1], f), alt.Recv(cs[2], f), alt.Recv(cs[3], f))
					}
				} else {
					s := alt.NewSelector(alt.Recv(cs[0], f), alt.Recv(cs[1], f), alt.Recv(cs[2], f), alt.Recv(cs[3], f))
					for range cnt {
						s.Fair()
					}
				}
				sums[g] = sum
			})
		}
		wg.Wait()
		return checkSum("Both hoare", total(sums), n)
	}
}

func total(s []int) int {
	t := 0
	for _, v := range s {
		t += v
	}
	return t
}

// ---------------------------------------------------------------------------

// BenchmarkSelectPriority: one producer feeds hi, one feeds lo, each its
// share of n values; one consumer receives all n, taking hi whenever it has
// a value. Native uses the idiom Go programmers write for priority: a select
// on hi with a default, falling back to a select on both.
func BenchmarkSelectPriority(b *testing.B) {
	const capacity = 64
	runSel(b, fmt.Sprintf("/procs=2x1/cap=%d", capacity),
		selImpl{"native", func(n int) error {
			hi, lo := make(chan int, capacity), make(chan int, capacity)
			var wg sync.WaitGroup
			for p, c := range []chan int{hi, lo} {
				wg.Go(func() {
					from, cnt := workload.Share(p, 2, n)
					for i := from; i < from+cnt; i++ {
						c <- i
					}
				})
			}
			sum := 0
			for range n {
				select {
				case v := <-hi:
					sum += v
				default:
					select {
					case v := <-hi:
						sum += v
					case v := <-lo:
						sum += v
					}
				}
			}
			wg.Wait()
			return checkSum("Priority native", sum, n)
		}},
		selImpl{"hoare", priorityHoare(capacity, false)},
		selImpl{"hoare-plain", priorityHoare(capacity, true)},
	)
}

func priorityHoare(capacity int, plain bool) workload.Body {
	return func(n int) error {
		hi, lo := mpmc.New[int](capacity), mpmc.New[int](capacity)
		var wg sync.WaitGroup
		for p, c := range []*mpmc.Chan[int]{hi, lo} {
			wg.Go(func() {
				from, cnt := workload.Share(p, 2, n)
				for i := from; i < from+cnt; i++ {
					c.Send(i)
				}
			})
		}
		sum := 0
		f := func(v int, _ bool) { sum += v }
		if plain {
			for range n {
				alt.Priority(alt.Recv(hi, f), alt.Recv(lo, f))
			}
		} else {
			s := alt.NewSelector(alt.Recv(hi, f), alt.Recv(lo, f))
			for range n {
				s.Priority()
			}
		}
		wg.Wait()
		return checkSum("Priority hoare", sum, n)
	}
}
