// The flow benchmarks: core.async's combinators in package flow against what a Go
// programmer writes by hand with goroutines, native channels and select (issue 5).
//
//	FlowMerge     8 producers, 8 inputs merged into one output, 1 consumer
//	FlowMult      1 producer, a Mult to 4 taps, 4 consumers (each gets every value);
//	              impl=multicast is flow.Multicast, one ring read by 4 cursors
//	FlowPubSub    1 producer, 8 topics (v % 8), 1 subscriber each
//	FlowPipeline  1 producer, 4 workers (v -> 2v), outputs in input order, 1 consumer
//
// Every run moves b.N values from the producers, as workloads of 1e5 values (issue 5:
// "over 1e5 items"; fewer when b.N is smaller), each set up and torn down inside the
// timing, so ns/op is ns per value produced; cpu-ns/msg is the process CPU time per
// value (see doc.go). Channels between the processes hold cap values in both
// implementations; the native versions take a context and select on ctx.Done()
// wherever flow's do, so both can be stopped.
//
// Invariants: impl=native runs first (benchstat's base column); each body checks what
// its consumers received (a sum, or the exact order for Pipeline) and fails the run
// otherwise.

package runtime_bench

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/hoare-go/hoare/flow"
	"github.com/hoare-go/hoare/internal/workload"
	"github.com/hoare-go/hoare/mpmc"
)

const flowCap = 64

// flowBench runs each implementation's body under workload.Run, native first,
// in workloads of at most items values.
func flowBench(b *testing.B, suffix string, native, hoare workload.Body) {
	b.Run("impl=native"+suffix, func(b *testing.B) { workload.Run(b, inRuns(native)) })
	b.Run("impl=hoare"+suffix, func(b *testing.B) { workload.Run(b, inRuns(hoare)) })
}

// items is the size of one flow workload, as issue 5 sets it ("over 1e5 items").
const items = 100_000

// inRuns moves n values as successive workloads of at most items values, each
// with its own goroutines and channels, set up and torn down inside the timing.
func inRuns(body workload.Body) workload.Body {
	return func(n int) error {
		for n > 0 {
			k := min(n, items)
			if err := body(k); err != nil {
				return err
			}
			n -= k
		}
		return nil
	}
}

// share splits n values into parts: part i sends values i+1, i+1+parts, ...
func share(n, parts, i int) (first, count int) {
	count = n / parts
	if i < n%parts {
		count++
	}
	return i + 1, count
}

func sumCheck(name string, got, n, copies int) error {
	if want := copies * n * (n + 1) / 2; got != want {
		return fmt.Errorf("%s: sum %d, want %d (values lost or duplicated)", name, got, want)
	}
	return nil
}

func BenchmarkFlowMerge(b *testing.B) {
	const inputs = 8
	suffix := fmt.Sprintf("/inputs=%d/cap=%d", inputs, flowCap)
	native := func(n int) error {
		ctx := context.Background()
		ins := make([]chan int, inputs)
		out := make(chan int, flowCap)
		var fwd sync.WaitGroup
		for i := range ins {
			ins[i] = make(chan int, flowCap)
			go func() {
				first, count := share(n, inputs, i)
				for k := range count {
					ins[i] <- first + k*inputs
				}
				close(ins[i])
			}()
			fwd.Go(func() {
				for v := range ins[i] {
					select {
					case out <- v:
					case <-ctx.Done():
						return
					}
				}
			})
		}
		go func() { fwd.Wait(); close(out) }()
		sum := 0
		for v := range out {
			sum += v
		}
		return sumCheck("FlowMerge native", sum, n, 1)
	}
	hoare := func(n int) error {
		ins := make([]*mpmc.Chan[int], inputs)
		for i := range ins {
			ins[i] = mpmc.New[int](flowCap)
			go func() {
				first, count := share(n, inputs, i)
				for k := range count {
					ins[i].Send(first + k*inputs)
				}
				ins[i].Close()
			}()
		}
		sum := 0
		for v := range flow.Merge(context.Background(), ins, flowCap).All() {
			sum += v
		}
		return sumCheck("FlowMerge hoare", sum, n, 1)
	}
	flowBench(b, suffix, native, hoare)
}

func BenchmarkFlowMult(b *testing.B) {
	const taps = 4
	suffix := fmt.Sprintf("/taps=%d/cap=%d", taps, flowCap)
	native := func(n int) error {
		ctx := context.Background()
		src := make(chan int, flowCap)
		var tapList atomic.Pointer[[]chan int] // Tap/Untap would replace it
		ts := make([]chan int, taps)
		for i := range ts {
			ts[i] = make(chan int, flowCap)
		}
		tapList.Store(&ts)
		go func() {
			for i := 1; i <= n; i++ {
				src <- i
			}
			close(src)
		}()
		go func() { // the mult: every tap accepts a value before the next is taken
			defer func() {
				for _, t := range *tapList.Load() {
					close(t)
				}
			}()
			for v := range src {
				for _, t := range *tapList.Load() {
					select {
					case t <- v:
					case <-ctx.Done():
						return
					}
				}
			}
		}()
		return consumeAll("FlowMult native", n, taps, taps, func(i int) int {
			s := 0
			for v := range ts[i] {
				s += v
			}
			return s
		})
	}
	hoare := func(n int) error {
		src := mpmc.New[int](flowCap)
		m := flow.NewMult(context.Background(), src)
		ts := make([]*mpmc.Chan[int], taps)
		for i := range ts {
			ts[i] = m.Tap(mpmc.New[int](flowCap), true)
		}
		go func() {
			for i := 1; i <= n; i++ {
				src.Send(i)
			}
			src.Close()
		}()
		return consumeAll("FlowMult hoare", n, taps, taps, func(i int) int {
			s := 0
			for v := range ts[i].All() {
				s += v
			}
			return s
		})
	}
	multicast := func(n int) error { // flow.Multicast: one ring, a cursor per tap
		src := mpmc.New[int](flowCap)
		m := flow.NewMulticast(context.Background(), src, flowCap)
		ts := make([]*flow.MulticastTap[int], taps)
		for i := range ts {
			ts[i] = m.Tap()
		}
		go func() {
			for i := 1; i <= n; i++ {
				src.Send(i)
			}
			src.Close()
		}()
		return consumeAll("FlowMult multicast", n, taps, taps, func(i int) int {
			s := 0
			for v := range ts[i].All() {
				s += v
			}
			return s
		})
	}
	flowBench(b, suffix, native, hoare)
	b.Run("impl=multicast"+suffix, func(b *testing.B) { workload.Run(b, inRuns(multicast)) })
}

// consumeAll runs consumers goroutines and checks that together they received
// copies x the values 1..n.
func consumeAll(name string, n, consumers, copies int, consume func(i int) int) error {
	sums := make([]int, consumers)
	var wg sync.WaitGroup
	for i := range consumers {
		wg.Go(func() { sums[i] = consume(i) })
	}
	wg.Wait()
	total := 0
	for _, s := range sums {
		total += s
	}
	return sumCheck(name, total, n, copies)
}

func BenchmarkFlowPubSub(b *testing.B) {
	const topics = 8
	suffix := fmt.Sprintf("/topics=%d/cap=%d", topics, flowCap)
	native := func(n int) error {
		ctx := context.Background()
		src := make(chan int, flowCap)
		subs := make([]chan int, topics)
		var mu sync.RWMutex // Sub/Unsub would take it to change routes
		routes := map[int][]chan int{}
		for k := range subs {
			subs[k] = make(chan int, flowCap)
			routes[k] = []chan int{subs[k]}
		}
		go func() {
			for i := 1; i <= n; i++ {
				src <- i
			}
			close(src)
		}()
		go func() {
			defer func() {
				for _, s := range subs {
					close(s)
				}
			}()
			for v := range src {
				mu.RLock()
				rs := routes[v%topics]
				mu.RUnlock()
				for _, s := range rs {
					select {
					case s <- v:
					case <-ctx.Done():
						return
					}
				}
			}
		}()
		return consumeAll("FlowPubSub native", n, topics, 1, func(i int) int {
			s := 0
			for v := range subs[i] {
				s += v
			}
			return s
		})
	}
	hoare := func(n int) error {
		src := mpmc.New[int](flowCap)
		p := flow.NewPub(context.Background(), src, func(v int) int { return v % topics }, nil)
		subs := make([]*mpmc.Chan[int], topics)
		for k := range subs {
			subs[k] = p.Sub(k, mpmc.New[int](flowCap), true)
		}
		go func() {
			for i := 1; i <= n; i++ {
				src.Send(i)
			}
			src.Close()
		}()
		return consumeAll("FlowPubSub hoare", n, topics, 1, func(i int) int {
			s := 0
			for v := range subs[i].All() {
				s += v
			}
			return s
		})
	}
	flowBench(b, suffix, native, hoare)
}

func BenchmarkFlowPipeline(b *testing.B) {
	const workers = 4
	suffix := fmt.Sprintf("/workers=%d/cap=%d", workers, flowCap)
	work := func(v int) int { return 2 * v }
	check := func(name string, next func() (int, bool), n int) error {
		for i := 1; i <= n; i++ {
			v, ok := next()
			if !ok || v != work(i) {
				return fmt.Errorf("%s: output %d is %d (ok %v), want %d", name, i, v, ok, work(i))
			}
		}
		if _, ok := next(); ok {
			return fmt.Errorf("%s: more than %d outputs", name, n)
		}
		return nil
	}
	native := func(n int) error { // core.async's design, by hand: a result channel per input
		ctx := context.Background()
		type job struct {
			v   int
			res chan int
		}
		from, out := make(chan int, flowCap), make(chan int, flowCap)
		jobs, order := make(chan job, workers), make(chan chan int, workers)
		go func() {
			for i := 1; i <= n; i++ {
				from <- i
			}
			close(from)
		}()
		go func() { // dispatcher
			defer close(jobs)
			defer close(order)
			for v := range from {
				res := make(chan int, 1)
				select {
				case order <- res:
				case <-ctx.Done():
					return
				}
				select {
				case jobs <- job{v, res}:
				case <-ctx.Done():
					return
				}
			}
		}()
		for range workers {
			go func() {
				for j := range jobs {
					j.res <- work(j.v)
				}
			}()
		}
		go func() { // collector
			defer close(out)
			for res := range order {
				select {
				case out <- <-res:
				case <-ctx.Done():
					return
				}
			}
		}()
		return check("FlowPipeline native", func() (int, bool) { v, ok := <-out; return v, ok }, n)
	}
	hoare := func(n int) error {
		from, out := mpmc.New[int](flowCap), mpmc.New[int](flowCap)
		go func() {
			for i := 1; i <= n; i++ {
				from.Send(i)
			}
			from.Close()
		}()
		flow.Pipeline(context.Background(), workers, out, func(v int, emit func(int)) error {
			emit(work(v))
			return nil
		}, from, true, nil)
		return check("FlowPipeline hoare", out.Recv, n)
	}
	flowBench(b, suffix, native, hoare)
}
