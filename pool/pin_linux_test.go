//go:build linux

// Linux-only tests: pinned workers are bound to one CPU each, seen with
// sched_getaffinity from inside a task; an idle pool uses almost no CPU.

package pool_test

import (
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/hoare-go/hoare/pool"
)

// threadCPUs is the calling thread's affinity mask.
func threadCPUs(t *testing.T) []int {
	var set unix.CPUSet
	if err := unix.SchedGetaffinity(0, &set); err != nil {
		t.Error(err)
		return nil
	}
	var cpus []int
	for c := 0; c < 1024; c++ {
		if set.IsSet(c) {
			cpus = append(cpus, c)
		}
	}
	return cpus
}

// A pinned worker's thread is bound to exactly one CPU, seen from inside
// the task with sched_getaffinity, and the workers cover every allowed CPU.
func TestPinnedWorkersAreBound(t *testing.T) {
	checkLeaks(t)
	topo, err := pool.ReadTopology("")
	if err != nil {
		t.Fatal(err)
	}
	n := len(topo.CPUs)
	p := newPool(t, pool.Options{Pin: true, Workers: n})
	var mu sync.Mutex
	seen := map[int]int{}
	var wg sync.WaitGroup
	wg.Add(n)
	hold := make(chan struct{})
	var once sync.Once
	release := func() { once.Do(func() { close(hold) }) }
	// Registered after newPool's Close, so run before it, should a Fatal
	// below skip the release.
	t.Cleanup(release)
	for range n { // n tasks held at once: one per worker
		err := p.Submit(func() {
			cpus := threadCPUs(t)
			mu.Lock()
			if len(cpus) != 1 {
				t.Errorf("pinned worker's thread may run on %v; want one CPU", cpus)
			} else {
				seen[cpus[0]]++
			}
			mu.Unlock()
			wg.Done()
			<-hold
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	all := make(chan struct{})
	go func() { wg.Wait(); close(all) }()
	select {
	case <-all:
	case <-time.After(10 * time.Second): // a lost wake-up: fail with the state, do not hang
		t.Fatalf("%d held tasks did not all start within 10s (a task queued beside a sleeping worker?)\n%s", n, p.DebugState())
	}
	release()
	p.Close()
	if len(seen) != n {
		t.Errorf("workers pinned to %v; want each of %v once", seen, topo.CPUs)
	}
	if m := p.Metrics(); m.PinFailures != 0 {
		t.Errorf("%d pin failures", m.PinFailures)
	}
	// The test goroutine's own thread is untouched.
	if got := threadCPUs(t); len(got) != n {
		t.Errorf("submitter thread mask %v changed", got)
	}
}

func TestPinnedRestrictedCPUs(t *testing.T) {
	checkLeaks(t)
	topo, _ := pool.ReadTopology("")
	last := topo.CPUs[len(topo.CPUs)-1]
	p := newPool(t, pool.Options{Pin: true, Workers: 3, CPUs: []int{last}})
	var mu sync.Mutex
	var bad [][]int
	for range 100 {
		p.Submit(func() {
			if c := threadCPUs(t); len(c) != 1 || c[0] != last {
				mu.Lock()
				bad = append(bad, c)
				mu.Unlock()
			}
		})
	}
	p.Close()
	if len(bad) > 0 {
		t.Errorf("tasks ran on threads bound to %v; want only [%d]", bad[:1], last)
	}
}

// An idle pool, pinned or not, costs (almost) no CPU: its workers park.
func TestIdlePoolUsesNoCPU(t *testing.T) {
	checkLeaks(t)
	for _, pin := range []bool{false, true} {
		p := newPool(t, pool.Options{Workers: 4, Pin: pin})
		for range 100 {
			p.Submit(func() {})
		}
		time.Sleep(20 * time.Millisecond) // let the spinners give up
		before := cpuTime(t)
		time.Sleep(300 * time.Millisecond)
		used := cpuTime(t) - before
		p.Close()
		// A spinning worker would use ~300ms; allow 30ms for the runtime
		// (GC, sysmon) and the test's other goroutines.
		if used > 30*time.Millisecond {
			t.Errorf("pin=%v: an idle pool of 4 used %v of CPU in 300ms", pin, used)
		}
		t.Logf("pin=%v: idle pool used %v of CPU in 300ms", pin, used)
	}
}

func cpuTime(t *testing.T) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// Options.CPUs nil means "every CPU the process may run on", also for New
// called from a task of a pinned pool, on a thread narrowed to one CPU. The
// mask was read from the calling thread, and such a pool had that one CPU
// (found by a review).
func TestNewFromPinnedTaskSeesProcessCPUs(t *testing.T) {
	outer, err := pool.New(pool.Options{})
	if err != nil {
		t.Fatal(err)
	}
	all := outer.Topology().CPUs
	outer.Close()
	if len(all) < 2 {
		t.Skipf("needs 2 allowed CPUs; have %v", all)
	}
	p := newPool(t, pool.Options{Workers: 1, Pin: true, CPUs: all[1:2]})
	type res struct {
		cpus []int
		err  error
	}
	ch := make(chan res, 1)
	p.Submit(func() {
		q, err := pool.New(pool.Options{Workers: 1})
		if err != nil {
			ch <- res{nil, err}
			return
		}
		ch <- res{q.Topology().CPUs, nil}
		q.Close()
	})
	r := <-ch
	p.Close()
	if r.err != nil {
		t.Fatal(r.err)
	}
	if !slices.Equal(r.cpus, all) {
		t.Errorf("pool made from a pinned task uses CPUs %v; the process may run on %v", r.cpus, all)
	}
}
