// The pool workloads: tasks submitted to a worker pool, written once over a
// small adapter, so that runtime_bench (goroutines, a chan pool, hoare) and
// the nested module runtime_bench/poolpeers (ants, pond) run the same code.
//
// Invariants: names are BenchmarkPool<Workload>/impl=<name>/<key>=<value>,
// the same in both modules; every run executes b.N tasks (PoolGroup: b.N
// groups) and accounts for every one before it ends; cpu-ns/op is process
// CPU time (user + system) per op.

package workload

import (
	"context"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"
)

// Pool is what a pool implementation offers the workloads. Submit may be
// called from many goroutines.
type Pool interface {
	Submit(task func())
	Group(ctx context.Context, fanout int, task func() error) error // one fan-out/fan-in
	Close()
}

// PoolImpl names an implementation and starts one for a benchmark.
type PoolImpl struct {
	Name  string
	Start func(b *testing.B) Pool
}

// WaitGroupGroup is errgroup's shape over a plain submit: fanout tasks,
// the first error wins. For pools that have no group of their own.
func WaitGroupGroup(ctx context.Context, fanout int, task func() error, submit func(func())) error {
	var wg sync.WaitGroup
	var once sync.Once
	var first error
	wg.Add(fanout)
	for range fanout {
		submit(func() {
			defer wg.Done()
			if err := task(); err != nil {
				once.Do(func() { first = err })
			}
		})
	}
	wg.Wait()
	return first
}

// BenchPoolTiny submits tasks that only mark themselves done (the issue's
// "1e6 tiny tasks"), from one submitter and from GOMAXPROCS.
func BenchPoolTiny(b *testing.B, impls []PoolImpl) {
	for _, s := range submitterCounts() {
		for _, im := range impls {
			b.Run("impl="+im.Name+"/submitters="+strconv.Itoa(s), func(b *testing.B) {
				runSubmit(b, im, s, func() {})
			})
		}
	}
}

// BenchPoolWork submits tasks of about 1 µs of arithmetic.
func BenchPoolWork(b *testing.B, impls []PoolImpl) {
	for _, s := range submitterCounts() {
		for _, im := range impls {
			b.Run("impl="+im.Name+"/submitters="+strconv.Itoa(s), func(b *testing.B) {
				runSubmit(b, im, s, work1us)
			})
		}
	}
}

// BenchPoolGroup fans out 64 tiny tasks and waits for them, b.N times.
func BenchPoolGroup(b *testing.B, impls []PoolImpl) {
	const fanout = 64
	for _, im := range impls {
		b.Run("impl="+im.Name+"/fanout="+strconv.Itoa(fanout), func(b *testing.B) {
			r := im.Start(b)
			defer r.Close()
			task := func() error { return nil }
			ctx := context.Background()
			measure(b, func() {
				for range b.N {
					if err := r.Group(ctx, fanout, task); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}

// measure runs body under the timer and reports allocs and cpu-ns/op.
func measure(b *testing.B, body func()) {
	b.ReportAllocs()
	runtime.GC()
	b.ResetTimer()
	cpu0 := CPUNanos()
	body()
	cpu1 := CPUNanos()
	b.StopTimer()
	b.ReportMetric(float64(cpu1-cpu0)/float64(b.N), "cpu-ns/op")
}

// runSubmit submits b.N copies of work from s goroutines and waits for all.
func runSubmit(b *testing.B, im PoolImpl, s int, work func()) {
	r := im.Start(b)
	defer r.Close()
	var wg sync.WaitGroup
	wg.Add(b.N)
	task := func() { work(); wg.Done() } // one closure for all: no allocation per task
	measure(b, func() {
		var subs sync.WaitGroup
		for i := range s {
			_, n := Share(i, s, b.N)
			subs.Go(func() {
				for range n {
					r.Submit(task)
				}
			})
		}
		subs.Wait()
		wg.Wait()
	})
}

// submitterCounts are the S of submitters=S: one, and GOMAXPROCS.
func submitterCounts() []int {
	if p := runtime.GOMAXPROCS(0); p > 1 {
		return []int{1, p}
	}
	return []int{1}
}

// workSink keeps work1us's result alive.
var workSink uint64

// workIters is the loop count that takes about 1 µs, set once: the fastest
// of five probes, so a busy machine at start-up does not shrink the work.
var workIters = sync.OnceValue(func() int {
	const probe = 1 << 16
	best := int64(1 << 62)
	for range 5 {
		t0 := time.Now()
		workSink += spin(probe) // used, so the loop is not optimised away
		best = min(best, time.Since(t0).Nanoseconds())
	}
	return max(1, int(probe*1000/max(best, 1)))
})

// spin does n steps of an xorshift, which the compiler cannot fold away.
func spin(n int) uint64 {
	x := uint64(88172645463325252)
	for range n {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
	}
	return x
}

// work1us is about one microsecond of CPU.
func work1us() {
	if spin(workIters()) == 0 {
		workSink++
	}
}
