// The pool benchmarks: hoare's pool against `go func()` and a fixed chan
// pool on the workloads of issue 4. The nested module runtime_bench/poolpeers
// runs the same workloads (a copy of poolWorkloads) on ants and pond.
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
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/hoare-go/hoare/pool"
)

// poolImpl is the adapter every implementation provides.
type poolImpl struct {
	name  string
	start func(b *testing.B) poolRunner
}

// poolRunner runs tasks; submit may be called from many goroutines.
type poolRunner interface {
	submit(task func())
	group(ctx context.Context, fanout int, task func() error) error // one fan-out/fan-in
	close()
}

var poolImpls = []poolImpl{
	{"goroutines", func(b *testing.B) poolRunner { return goRunner{} }},
	{"chanpool", func(b *testing.B) poolRunner { return newChanRunner(runtime.GOMAXPROCS(0), 1024) }},
	{"hoare", func(b *testing.B) poolRunner { return newHoareRunner(b, pool.Options{}) }},
	{"hoare-pinned", func(b *testing.B) poolRunner { return newHoareRunner(b, pool.Options{Pin: true}) }},
}

// goRunner starts a goroutine per task.
type goRunner struct{}

func (goRunner) submit(task func()) { go task() }
func (goRunner) group(ctx context.Context, fanout int, task func() error) error {
	return wgGroup(ctx, fanout, task, func(f func()) { go f() })
}
func (goRunner) close() {}

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
func (r *chanRunner) submit(task func()) { r.ch <- task }
func (r *chanRunner) group(ctx context.Context, fanout int, task func() error) error {
	return wgGroup(ctx, fanout, task, r.submit)
}
func (r *chanRunner) close() { close(r.ch); r.wg.Wait() }

// wgGroup is errgroup's shape over a plain submit: first error wins.
func wgGroup(ctx context.Context, fanout int, task func() error, submit func(func())) error {
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

// hoareRunner is pool.Pool.
type hoareRunner struct{ p *pool.Pool }

func newHoareRunner(b *testing.B, o pool.Options) hoareRunner {
	p, err := pool.New(o)
	if err != nil {
		b.Fatal(err)
	}
	return hoareRunner{p}
}
func (r hoareRunner) submit(task func()) {
	if err := r.p.Submit(task); err != nil {
		panic(err)
	}
}
func (r hoareRunner) group(ctx context.Context, fanout int, task func() error) error {
	g, _ := r.p.Group(ctx)
	for range fanout {
		g.Go(task)
	}
	return g.Wait()
}
func (r hoareRunner) close() {
	if err := r.p.Close(); err != nil {
		panic(err)
	}
}

// cpuTime is the process's user+system CPU time so far.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// measure runs body under the timer and reports allocs and cpu-ns/op.
func measure(b *testing.B, body func()) {
	b.ReportAllocs()
	runtime.GC()
	b.ResetTimer()
	cpu0 := cpuTime(b)
	body()
	cpu1 := cpuTime(b)
	b.StopTimer()
	b.ReportMetric(float64((cpu1-cpu0).Nanoseconds())/float64(b.N), "cpu-ns/op")
}

// runSubmit submits b.N copies of task from s goroutines and waits for all.
func runSubmit(b *testing.B, im poolImpl, s int, work func()) {
	r := im.start(b)
	defer r.close()
	var wg sync.WaitGroup
	wg.Add(b.N)
	task := func() { work(); wg.Done() } // one closure for all: no allocation per task
	measure(b, func() {
		var subs sync.WaitGroup
		for i := range s {
			n := b.N/s + btoi(i < b.N%s)
			subs.Add(1)
			go func() {
				defer subs.Done()
				for range n {
					r.submit(task)
				}
			}()
		}
		subs.Wait()
		wg.Wait()
	})
}

func btoi(c bool) int {
	if c {
		return 1
	}
	return 0
}

// submitterCounts are the S of submitters=S: one, and GOMAXPROCS.
func submitterCounts() []int {
	if p := runtime.GOMAXPROCS(0); p > 1 {
		return []int{1, p}
	}
	return []int{1}
}

func BenchmarkPoolTiny(b *testing.B) {
	for _, s := range submitterCounts() {
		for _, im := range poolImpls {
			b.Run("impl="+im.name+"/submitters="+strconv.Itoa(s), func(b *testing.B) {
				runSubmit(b, im, s, func() {})
			})
		}
	}
}

func BenchmarkPoolWork(b *testing.B) {
	for _, s := range submitterCounts() {
		for _, im := range poolImpls {
			b.Run("impl="+im.name+"/submitters="+strconv.Itoa(s), func(b *testing.B) {
				runSubmit(b, im, s, work1us)
			})
		}
	}
}

func BenchmarkPoolGroup(b *testing.B) {
	const fanout = 64
	for _, im := range poolImpls {
		b.Run("impl="+im.name+"/fanout="+strconv.Itoa(fanout), func(b *testing.B) {
			r := im.start(b)
			defer r.close()
			task := func() error { return nil }
			ctx := context.Background()
			measure(b, func() {
				for range b.N {
					if err := r.group(ctx, fanout, task); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}

// workSink keeps work1us's result alive.
var workSink uint64

// workIters is the loop count that takes about 1 µs, set once.
// The fastest of five probes, so a busy machine at start-up does not shrink
// the work.
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
					r.submit(func() { <-gate })
					for range queuedTasks {
						r.submit(task)
					}
					release = func() { close(gate); r.close() }
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
