//go:build linux

// No OS thread of the process keeps a worker's narrowed affinity mask
// after Close; Options.CPUs binds unpinned workers to its CPUs.

package pool_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hoare-go/hoare/pool"
)

// narrowedThreads lists the threads whose Cpus_allowed_list differs from want.
func narrowedThreads(t *testing.T, want string) []string {
	t.Helper()
	dirs, err := filepath.Glob("/proc/self/task/*/status")
	if err != nil {
		t.Fatal(err)
	}
	var bad []string
	for _, d := range dirs {
		b, err := os.ReadFile(d)
		if err != nil {
			continue // thread exited meanwhile
		}
		for _, l := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(l, "Cpus_allowed_list:"); ok && strings.TrimSpace(v) != want {
				bad = append(bad, d+": "+strings.TrimSpace(v))
			}
		}
	}
	return bad
}

// A pinned worker goroutine that the scheduler happens to start on the
// main thread (m0) binds m0 to one CPU. Had the worker exited locked, the
// runtime, which cannot terminate m0, would have parked it for good with
// that mask: and the main thread's mask is what /proc/<pid>/status,
// taskset -p and sched_getaffinity(pid) report for the whole process. A
// worker puts its thread's mask back before it unlocks (pin.go). (Found by
// a review: it failed every run before.) Runs in a fresh process, so that
// no earlier test's thread is counted.
func TestPinnedThreadsGetTheirMaskBack(t *testing.T) {
	if os.Getenv("HOARE_PIN_CHILD") == "" {
		cmd := exec.Command(os.Args[0], "-test.run=^TestPinnedThreadsGetTheirMaskBack$", "-test.count=1", "-test.v")
		cmd.Env = append(os.Environ(), "HOARE_PIN_CHILD=1")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("fresh process: %v\n%s", err, out)
		}
		return
	}
	topo, err := pool.ReadTopology("")
	if err != nil {
		t.Fatal(err)
	}
	want := pool.FormatCPUList(topo.CPUs)
	if bad := narrowedThreads(t, want); len(bad) > 0 {
		t.Fatalf("threads narrowed before any pool: %v", bad)
	}
	for range 20 {
		p := newPool(t, pool.Options{Pin: true, Workers: len(topo.CPUs)})
		for range 100 {
			if err := p.Submit(func() {}); err != nil {
				t.Fatal(err)
			}
		}
		if err := p.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if bad := narrowedThreads(t, want); len(bad) > 0 {
		t.Fatalf("after Close, threads still bound to one CPU (process mask %s, main thread = tid %d): %v", want, os.Getpid(), bad)
	}
}

// Options.CPUs restricts the pool to its CPUs (API.md: "restrict to these
// CPUs") without Pin too: a task of a pool restricted to one CPU runs on a
// thread allowed on that CPU only. (Found by a review: before, the CPUs
// only chose the shards.)
func TestCPUsBindUnpinnedWorkers(t *testing.T) {
	topo, err := pool.ReadTopology("")
	if err != nil {
		t.Fatal(err)
	}
	if len(topo.CPUs) < 2 {
		t.Skip("needs 2 CPUs")
	}
	only := topo.CPUs[len(topo.CPUs)-1]
	p := newPool(t, pool.Options{CPUs: []int{only}, Workers: 1})
	defer p.Close()
	got := make(chan []int, 1)
	p.Submit(func() { got <- threadCPUs(t) })
	if cpus := <-got; len(cpus) != 1 || cpus[0] != only {
		t.Fatalf("pool with Options.CPUs = [%d] ran a task on a thread allowed on CPUs %v", only, cpus)
	}
}
