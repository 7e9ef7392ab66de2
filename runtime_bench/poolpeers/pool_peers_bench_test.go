// The pool workloads of runtime_bench on ants and pond; see doc.go.
//
// Invariants: benchmark names equal runtime_bench's, only impl differs, so
// `go tool benchstat -col /impl` lines up results of both modules.
package poolpeers

import (
	"context"
	"runtime"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/alitto/pond/v2"
	"github.com/panjf2000/ants/v2"
)

type poolImpl struct {
	name  string
	start func(b *testing.B) poolRunner
}

type poolRunner interface {
	submit(task func())
	group(ctx context.Context, fanout int, task func() error) error
	close()
}

var poolImpls = []poolImpl{
	{"ants", newAnts},
	{"pond", newPond},
}

type antsRunner struct{ p *ants.Pool }

func newAnts(b *testing.B) poolRunner {
	p, err := ants.NewPool(runtime.GOMAXPROCS(0))
	if err != nil {
		b.Fatal(err)
	}
	return antsRunner{p}
}
func (r antsRunner) submit(task func()) {
	if err := r.p.Submit(task); err != nil {
		panic(err)
	}
}
func (r antsRunner) group(ctx context.Context, fanout int, task func() error) error {
	return wgGroup(ctx, fanout, task, r.submit)
}
func (r antsRunner) close() { r.p.ReleaseTimeout(10 * time.Second) }

type pondRunner struct{ p pond.Pool }

func newPond(b *testing.B) poolRunner { return pondRunner{pond.NewPool(runtime.GOMAXPROCS(0))} }
func (r pondRunner) submit(task func()) {
	if err := r.p.Go(task); err != nil {
		panic(err)
	}
}
func (r pondRunner) group(ctx context.Context, fanout int, task func() error) error {
	g := r.p.NewGroupContext(ctx)
	for range fanout {
		g.SubmitErr(task)
	}
	return g.Wait()
}
func (r pondRunner) close() { r.p.StopAndWait() }

// --- below: a copy of runtime_bench/pool_bench_test.go's workload code ---

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

func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

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

func runSubmit(b *testing.B, im poolImpl, s int, work func()) {
	r := im.start(b)
	defer r.close()
	var wg sync.WaitGroup
	wg.Add(b.N)
	task := func() { work(); wg.Done() }
	measure(b, func() {
		var subs sync.WaitGroup
		for i := range s {
			n := b.N / s
			if i < b.N%s {
				n++
			}
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

var workSink uint64

// workIters: the fastest of five probes, so a busy machine at start-up does
// not shrink the work.
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

func spin(n int) uint64 {
	x := uint64(88172645463325252)
	for range n {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
	}
	return x
}

func work1us() {
	if spin(workIters()) == 0 {
		workSink++
	}
}
