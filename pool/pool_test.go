// Tests of the pool: bad options, exactly-once under Submit racing Close and
// Resize, blocking and non-blocking submit, panics and Goexit, stealing,
// placement, Resize, idle expiry, parking, leaks, and a zero-alloc Submit.
//
// Invariants: every test that starts a pool checks for leaked goroutines
// (checkLeaks); timing is never asserted, only outcomes.

package pool_test

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hoare-go/hoare/pool"
)

// checkLeaks fails t if goroutines started during the test outlive it.
func checkLeaks(t *testing.T) {
	t.Helper()
	before := runtime.NumGoroutine()
	t.Cleanup(func() {
		t.Helper()
		var now int
		for range 200 {
			if now = runtime.NumGoroutine(); now <= before {
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
		buf := make([]byte, 1<<16)
		buf = buf[:runtime.Stack(buf, true)]
		t.Errorf("goroutine leak: %d before, %d after\n%s", before, now, buf)
	})
}

func newPool(t *testing.T, o pool.Options) *pool.Pool {
	t.Helper()
	p, err := pool.New(o)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestBadOptions(t *testing.T) {
	cases := []struct {
		o       pool.Options
		mention string
	}{
		{pool.Options{Workers: -3}, "Options.Workers is -3"},
		{pool.Options{QueueSize: -1}, "Options.QueueSize is -1"},
		{pool.Options{QueueSize: math.MaxInt}, fmt.Sprintf("Options.QueueSize is %d", math.MaxInt)},                 // was a makeslice panic
		{pool.Options{QueueSize: math.MaxInt, NUMA: true, SysfsRoot: "testdata/two-nodes"}, "Options.QueueSize is"}, // was an overflow to 4 slots
		{pool.Options{IdleTimeout: -time.Second}, "Options.IdleTimeout is -1s"},
		{pool.Options{CPUs: []int{}}, "Options.CPUs is empty"},
		{pool.Options{CPUs: []int{-2}}, "Options.CPUs contains -2"},
		{pool.Options{CPUs: []int{4096}}, "CPU 4096 is not an allowed online CPU"},
		{pool.Options{CPUs: []int{0, 0}}, "CPU 0 is listed twice"},
		{pool.Options{SysfsRoot: "testdata/nope"}, `SysfsRoot "testdata/nope" is unreadable`},
		{pool.Options{SysfsRoot: "testdata/bad-node"}, `"15-8"`},
		{pool.Options{SysfsRoot: "testdata/two-nodes", CPUs: []int{16}}, "CPU 16 is not an allowed online CPU (allowed: 0-15)"},
	}
	for _, c := range cases {
		p, err := pool.New(c.o)
		if err == nil {
			p.Close()
			t.Errorf("New(%+v) succeeded; want an error mentioning %q", c.o, c.mention)
			continue
		}
		if !strings.HasPrefix(err.Error(), "pool: ") || !strings.Contains(err.Error(), c.mention) {
			t.Errorf("New(%+v) error %q; want it to start with pool: and mention %q", c.o, err, c.mention)
		}
	}
	p := newPool(t, pool.Options{})
	defer p.Close()
	if err := p.Resize(0); err == nil || !strings.Contains(err.Error(), "Resize(0)") {
		t.Errorf("Resize(0) = %v; want an error naming 0", err)
	}
	if err := p.Resize(math.MaxInt32); err == nil || !strings.Contains(err.Error(), "n <= ") {
		t.Errorf("Resize(MaxInt32) = %v; want an error giving the largest n", err)
	}
	if err := p.Submit(nil); err == nil || !strings.Contains(err.Error(), "nil") {
		t.Errorf("Submit(nil) = %v; want an error", err)
	}
}

func TestSubmitRunsAll(t *testing.T) {
	checkLeaks(t)
	for _, o := range []pool.Options{
		{},
		{Workers: 1, QueueSize: 1},
		{Workers: 7, QueueSize: 16},
		{NUMA: true, SysfsRoot: "testdata/two-nodes", Workers: 3},
		{NUMA: true, SysfsRoot: "testdata/four-nodes-offline", Workers: 5, QueueSize: 8},
	} {
		t.Run(fmt.Sprintf("%+v", o), func(t *testing.T) {
			p := newPool(t, o)
			const submitters, per = 4, 2000
			var sum atomic.Int64
			var wg sync.WaitGroup
			for s := range submitters {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := range per {
						v := int64(s*per + i)
						if err := p.Submit(func() { sum.Add(v) }); err != nil {
							t.Error(err)
							return
						}
					}
				}()
			}
			wg.Wait()
			if err := p.Close(); err != nil {
				t.Fatal(err)
			}
			n := int64(submitters * per)
			if got := sum.Load(); got != n*(n-1)/2 {
				t.Fatalf("sum %d; want %d", got, n*(n-1)/2)
			}
			m := p.Metrics()
			if m.Submitted != uint64(n) || m.Completed != uint64(n) || m.Running != 0 || m.Queued != 0 || m.Workers != 0 {
				t.Errorf("metrics after Close: %+v", m)
			}
			if err := p.Submit(func() {}); !errors.Is(err, pool.ErrClosed) {
				t.Errorf("Submit after Close = %v; want ErrClosed", err)
			}
			if err := p.TrySubmit(func() {}); !errors.Is(err, pool.ErrClosed) {
				t.Errorf("TrySubmit after Close = %v; want ErrClosed", err)
			}
			if err := p.Close(); !errors.Is(err, pool.ErrClosed) {
				t.Errorf("second Close = %v; want ErrClosed", err)
			}
			if err := p.Resize(2); !errors.Is(err, pool.ErrClosed) {
				t.Errorf("Resize after Close = %v; want ErrClosed", err)
			}
		})
	}
}

// Every accepted task runs exactly once and every refused one never, with
// Submit racing Close and Resize, and one task in ten calling
// runtime.Goexit and one panicking (each ends its worker, or goes to the
// PanicHandler), which a review found no test had mixed in.
func TestExactlyOnceUnderCloseAndResize(t *testing.T) {
	checkLeaks(t)
	for round := range 20 {
		o := pool.Options{Workers: 1 + round%4, QueueSize: 1 << (round % 6), PanicHandler: func(any) {}}
		if round%2 == 1 {
			o.NUMA, o.SysfsRoot = true, "testdata/two-nodes"
		}
		if round%5 == 4 {
			o.IdleTimeout = time.Millisecond
		}
		p := newPool(t, o)
		const submitters, per = 4, 500
		var ran [submitters * per]atomic.Int32
		var accepted [submitters * per]bool
		var wg sync.WaitGroup
		for s := range submitters {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range per {
					id := s*per + i
					task := func() {
						ran[id].Add(1)
						switch id % 10 {
						case 3:
							runtime.Goexit()
						case 7:
							panic(id)
						}
					}
					var err error
					if i%3 == 0 {
						err = p.TrySubmit(task)
					} else {
						err = p.Submit(task)
					}
					switch {
					case err == nil:
						accepted[id] = true
					case errors.Is(err, pool.ErrClosed), errors.Is(err, pool.ErrWouldBlock):
					default:
						t.Error(err)
					}
				}
			}()
		}
		stop := make(chan struct{})
		var rw sync.WaitGroup
		rw.Add(1)
		go func() {
			defer rw.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				if err := p.Resize(1 + rand.IntN(4)); err != nil && !errors.Is(err, pool.ErrClosed) {
					t.Error(err)
				}
				runtime.Gosched()
			}
		}()
		time.Sleep(time.Duration(rand.IntN(2000)) * time.Microsecond)
		if err := p.Close(); err != nil {
			t.Fatal(err)
		}
		close(stop)
		rw.Wait()
		wg.Wait()
		n, failed := 0, 0
		for id := range accepted {
			want := int32(0)
			if accepted[id] {
				want, n = 1, n+1
				if id%10 == 3 || id%10 == 7 {
					failed++
				}
			}
			if got := ran[id].Load(); got != want {
				t.Fatalf("round %d: task %d ran %d times; accepted %v", round, id, got, accepted[id])
			}
		}
		if m := p.Metrics(); m.Completed != uint64(n) || m.Submitted != uint64(n) || m.Panics != uint64(failed) {
			t.Fatalf("round %d: %d accepted, %d of them failing; metrics %+v", round, n, failed, m)
		}
	}
}

func TestTrySubmitWouldBlockAndSubmitBlocks(t *testing.T) {
	checkLeaks(t)
	p := newPool(t, pool.Options{Workers: 1, QueueSize: 2})
	release := make(chan struct{})
	started := make(chan struct{})
	if err := p.Submit(func() { close(started); <-release }); err != nil {
		t.Fatal(err)
	}
	<-started
	for range p.Cap() {
		if err := p.TrySubmit(func() {}); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.TrySubmit(func() {}); !errors.Is(err, pool.ErrWouldBlock) {
		t.Fatalf("TrySubmit on a full queue = %v; want ErrWouldBlock", err)
	}
	var ran atomic.Bool
	done := make(chan error)
	go func() { done <- p.Submit(func() { ran.Store(true) }) }()
	select {
	case err := <-done:
		t.Fatalf("Submit on a full queue returned %v without blocking", err)
	case <-time.After(20 * time.Millisecond):
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	p.Close()
	if !ran.Load() {
		t.Error("the task that waited for room did not run")
	}
}

// A Submit blocked on a full queue returns ErrClosed when Close begins, and
// its task never runs.
func TestBlockedSubmitSeesClose(t *testing.T) {
	checkLeaks(t)
	p := newPool(t, pool.Options{Workers: 1, QueueSize: 1})
	release := make(chan struct{})
	started := make(chan struct{})
	p.Submit(func() { close(started); <-release })
	<-started
	for range p.Cap() { // fill the queue
		if err := p.TrySubmit(func() {}); err != nil {
			t.Fatal(err)
		}
	}
	var ran atomic.Bool
	done := make(chan error)
	go func() { done <- p.Submit(func() { ran.Store(true) }) }()
	time.Sleep(10 * time.Millisecond)
	closed := make(chan struct{})
	go func() { p.Close(); close(closed) }()
	if err := <-done; !errors.Is(err, pool.ErrClosed) {
		t.Fatalf("blocked Submit = %v; want ErrClosed", err)
	}
	close(release)
	<-closed
	if ran.Load() {
		t.Error("a refused task ran")
	}
}

func TestPanics(t *testing.T) {
	checkLeaks(t)
	var mu sync.Mutex
	var got []any
	p := newPool(t, pool.Options{Workers: 2, PanicHandler: func(v any) {
		mu.Lock()
		got = append(got, v)
		mu.Unlock()
		if v == "handler-too" {
			panic("from the handler")
		}
	}})
	var ok atomic.Int32
	for i := range 100 {
		p.Submit(func() {
			if i%10 == 0 {
				panic(i)
			}
			ok.Add(1)
		})
	}
	p.Submit(func() { panic("handler-too") })
	p.Submit(func() { runtime.Goexit() }) // kills its worker: a replacement takes over
	for range 50 {
		p.Submit(func() { ok.Add(1) })
	}
	p.Close()
	if ok.Load() != 140 {
		t.Errorf("%d tasks ran after the panics; want 140", ok.Load())
	}
	if len(got) != 11 {
		t.Errorf("PanicHandler saw %d panics (%v); want 11", len(got), got)
	}
	m := p.Metrics()
	// 10 + "handler-too" + its handler's panic + Goexit.
	if m.Panics != 13 || m.Failed != 13 || m.Completed != 152 {
		t.Errorf("metrics %+v; want 13 panics, 152 completed", m)
	}

	// Without a handler, panics are counted.
	q := newPool(t, pool.Options{Workers: 1})
	for range 5 {
		q.Submit(func() { panic(errors.New("boom")) })
	}
	q.Close()
	if m := q.Metrics(); m.Panics != 5 {
		t.Errorf("%d panics counted; want 5", m.Panics)
	}
}

// With two NUMA shards and every task submitted to node 0 (this machine's
// CPUs are all node 0 of the fixture), node 1's worker can only get work by
// stealing.
func TestStealing(t *testing.T) {
	checkLeaks(t)
	p := newPool(t, pool.Options{NUMA: true, SysfsRoot: "testdata/two-nodes", Workers: 2})
	if n := len(p.Metrics().Nodes); n != 2 {
		t.Fatalf("%d shards; want 2", n)
	}
	for range 200 {
		p.Submit(func() { time.Sleep(50 * time.Microsecond) })
	}
	p.Close()
	m := p.Metrics()
	if m.Stolen == 0 || m.Nodes[1].Stolen == 0 || m.Nodes[1].Completed == 0 {
		t.Errorf("no stealing: %+v", m)
	}
	if m.Completed != 200 {
		t.Errorf("%d completed; want 200", m.Completed)
	}
	t.Logf("stolen %d of 200; node0 completed %d, node1 %d", m.Stolen, m.Nodes[0].Completed, m.Nodes[1].Completed)
}

// Workers are spread over the nodes in proportion to their CPUs.
func TestPlacement(t *testing.T) {
	checkLeaks(t)
	p := newPool(t, pool.Options{NUMA: true, SysfsRoot: "testdata/four-nodes-offline", Workers: 8})
	defer p.Close()
	m := p.Metrics()
	for _, n := range m.Nodes {
		if n.Workers != 2 {
			t.Errorf("node %d has %d workers; want 2 (%+v)", n.Node, n.Workers, m.Nodes)
		}
	}
	if p.Topology().String() != "node0:0-3,5-7 node1:8-15 node2:17-23 node3:24-29" {
		t.Errorf("topology %v", p.Topology())
	}
}

func TestResize(t *testing.T) {
	checkLeaks(t)
	p := newPool(t, pool.Options{Workers: 2})
	if err := p.Resize(6); err != nil {
		t.Fatal(err)
	}
	if p.Workers() != 6 || p.Metrics().Workers != 6 {
		t.Errorf("after Resize(6): Workers() %d, metrics %d", p.Workers(), p.Metrics().Workers)
	}
	// Six tasks that hold their workers prove six run at once. (A count of
	// the process's goroutines, as this test once made, is not proof: a
	// goroutine of an earlier test still ending made it fail at random.)
	var wg sync.WaitGroup
	wg.Add(6)
	release := make(chan struct{})
	for range 6 {
		p.Submit(func() { wg.Done(); <-release })
	}
	wg.Wait()
	close(release)
	if err := p.Resize(1); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "workers to shrink to 1", func() bool { return p.Metrics().Workers == 1 })
	var n atomic.Int32
	for range 100 {
		p.Submit(func() { n.Add(1) })
	}
	p.Close()
	if n.Load() != 100 {
		t.Errorf("%d of 100 ran after shrinking", n.Load())
	}
}

func TestIdleExpiry(t *testing.T) {
	checkLeaks(t)
	p := newPool(t, pool.Options{Workers: 3, IdleTimeout: 5 * time.Millisecond})
	waitFor(t, "idle workers to expire", func() bool { return p.Metrics().Workers == 0 })
	var n atomic.Int32
	for range 1000 {
		p.Submit(func() { n.Add(1) })
	}
	waitFor(t, "tasks to run on restarted workers", func() bool { return n.Load() == 1000 })
	waitFor(t, "idle workers to expire again", func() bool { return p.Metrics().Workers == 0 })
	p.Submit(func() { n.Add(1) })
	p.Close() // with no live worker when it begins
	if n.Load() != 1001 {
		t.Errorf("%d of 1001 ran", n.Load())
	}
	if m := p.Metrics(); m.Completed != 1001 {
		t.Errorf("completed %d after expiries; want 1001", m.Completed)
	}
}

// An idle pool parks its workers: it burns no CPU.
func TestIdleWorkersPark(t *testing.T) {
	checkLeaks(t)
	p := newPool(t, pool.Options{Workers: 4})
	defer p.Close()
	for range 1000 {
		p.Submit(func() {})
	}
	waitFor(t, "workers to park", func() bool { return p.Metrics().Idle == 4 })
	if s := p.Spinning(); s != 0 {
		t.Errorf("%d spinning with every worker parked", s)
	}
}

func TestCloseWaitsForRunning(t *testing.T) {
	checkLeaks(t)
	p := newPool(t, pool.Options{Workers: 2, QueueSize: 64})
	var n atomic.Int32
	for range 50 {
		p.Submit(func() { time.Sleep(100 * time.Microsecond); n.Add(1) })
	}
	p.Close()
	if n.Load() != 50 {
		t.Errorf("Close returned with %d of 50 tasks run", n.Load())
	}
}

// Submit of a ready-made task allocates nothing.
func TestSubmitAllocs(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("allocations are counted without -race")
	}
	p := newPool(t, pool.Options{QueueSize: 1 << 16})
	defer p.Close()
	task := func() {}
	if a := testing.AllocsPerRun(10000, func() { p.Submit(task) }); a != 0 {
		t.Errorf("Submit allocates %v per call", a)
	}
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}
