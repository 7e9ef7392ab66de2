// The pool benchmarks: hoare's pool against `go func()` and a fixed chan
// pool on the workloads of issue 4, which internal/workload (pool.go)
// writes once; the nested module runtime_bench/poolpeers runs them on ants
// and pond.
//
// Names: BenchmarkPool<Workload>/impl=<name>/<key>=<value>, with
// impl=goroutines first (benchstat's base column), then chanpool, hoare and
// hoare-pinned. Keys: submitters=S (goroutines submitting), fanout=F (tasks
// per group). Every run executes b.N tasks (PoolGroup: b.N groups), so ns/op
// is per task. cpu-ns/op is process CPU time (user + system, all threads,
// from getrusage) per op, in nanoseconds (CPU seconds per op scaled by 1e9:
// the testing package prints too few digits of seconds): spinning shows up
// there, parking does not.
//
// Workloads:
//
//	PoolTiny   a task that only marks itself done (the "1e6 tiny tasks")
//	PoolWork   a task of about 1 µs of arithmetic
//	PoolGroup  fan-out of F tiny tasks then fan-in (Group.Wait / WaitGroup)
//	PoolQueuedMemory  bytes per task waiting to run (B/task)
//
// Invariants: each impl is run with every feature of its own switched on
// that a user would (hoare: panic recovery, metrics, stealing; nothing is
// disabled for speed); every task is accounted for before an op ends.
package runtime_bench

import (
	"context"
	"runtime"
	"sync"
	"testing"

	"github.com/hoare-go/hoare/internal/workload"
	"github.com/hoare-go/hoare/pool"
)

var poolImpls = []workload.PoolImpl{
	{Name: "goroutines", Start: func(b *testing.B) workload.Pool { return goRunner{} }},
	{Name: "chanpool", Start: func(b *testing.B) workload.Pool { return newChanRunner(runtime.GOMAXPROCS(0), 1024) }},
	{Name: "hoare", Start: func(b *testing.B) workload.Pool { return newHoareRunner(b, pool.Options{}) }},
	{Name: "hoare-pinned", Start: func(b *testing.B) workload.Pool { return newHoareRunner(b, pool.Options{Pin: true}) }},
}

// goRunner starts a goroutine per task.
type goRunner struct{}

func (goRunner) Submit(task func()) { go task() }
func (goRunner) Group(ctx context.Context, fanout int, task func() error) error {
	return workload.WaitGroupGroup(ctx, fanout, task, func(f func()) { go f() })
}
func (goRunner) Close() {}

// chanRunner is the pool everyone writes first: n goroutines reading one chan.
type chanRunner struct {
	ch chan func()
	wg sync.WaitGroup
}

func newChanRunner(n, size int) *chanRunner {
	r := &chanRunner{ch: make(chan func(), size)}
	r.wg.Add(n)
	for range n {
		go func() {
			defer r.wg.Done()
			for f := range r.ch {
				f()
			}
		}()
	}
	return r
}
func (r *chanRunner) Submit(task func()) { r.ch <- task }
func (r *chanRunner) Group(ctx context.Context, fanout int, task func() error) error {
	return workload.WaitGroupGroup(ctx, fanout, task, r.Submit)
}
func (r *chanRunner) Close() { close(r.ch); r.wg.Wait() }

// hoareRunner is pool.Pool.
type hoareRunner struct{ p *pool.Pool }

func newHoareRunner(b *testing.B, o pool.Options) hoareRunner {
	p, err := pool.New(o)
	if err != nil {
		b.Fatal(err)
	}
	return hoareRunner{p}
}
func (r hoareRunner) Submit(task func()) {
	if err := r.p.Submit(task); err != nil {
		panic(err)
	}
}
func (r hoareRunner) Group(ctx context.Context, fanout int, task func() error) error {
	g, _ := r.p.Group(ctx)
	for range fanout {
		g.Go(task)
	}
	return g.Wait()
}
func (r hoareRunner) Close() {
	if err := r.p.Close(); err != nil {
		panic(err)
	}
}

func BenchmarkPoolTiny(b *testing.B)  { workload.BenchPoolTiny(b, poolImpls) }
func BenchmarkPoolWork(b *testing.B)  { workload.BenchPoolWork(b, poolImpls) }
func BenchmarkPoolGroup(b *testing.B) { workload.BenchPoolGroup(b, poolImpls) }

// BenchmarkPoolQueuedMemory measures what a task waiting to run costs in
// memory: heap plus goroutine stacks, measured with runtime.ReadMemStats
// while queuedTasks tasks wait behind a busy pool (or, for goroutines, are
// goroutines blocked before their work). The task is one shared closure, so
// only the mechanism's own memory counts; for the pools it includes the
// queue, allocated when the pool is made. Reported as B/task.
func BenchmarkPoolQueuedMemory(b *testing.B) {
	const queuedTasks = 10000
	for _, name := range []string{"goroutines", "chanpool", "hoare"} {
		b.Run("impl="+name, func(b *testing.B) {
			var total float64
			for range b.N {
				gate := make(chan struct{})
				var wg sync.WaitGroup
				wg.Add(queuedTasks)
				task := func() { wg.Done() }
				before := memInUse()
				var release func()
				switch name {
				case "goroutines":
					var started sync.WaitGroup
					started.Add(queuedTasks)
					for range queuedTasks {
						go func() { started.Done(); <-gate; task() }()
					}
					started.Wait()
					release = func() { close(gate) }
				case "chanpool":
					r := newChanRunner(1, queuedTasks)
					r.Submit(func() { <-gate })
					for range queuedTasks {
						r.Submit(task)
					}
					release = func() { close(gate); r.Close() }
				case "hoare":
					p, err := pool.New(pool.Options{Workers: 1, QueueSize: queuedTasks + 1})
					if err != nil {
						b.Fatal(err)
					}
					p.Submit(func() { <-gate })
					for range queuedTasks {
						p.Submit(task)
					}
					release = func() { close(gate); p.Close() }
				}
				total += float64(memInUse()-before) / queuedTasks
				release()
				wg.Wait()
			}
			b.ReportMetric(total/float64(b.N), "B/task")
		})
	}
}

// memInUse is heap plus stack memory in use, after a GC.
func memInUse() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc + m.StackInuse)
}
