package affinity_test

import (
	"runtime"
	"slices"
	"testing"

	"github.com/hoare-go/hoare/internal/affinity"
)

// CPUs lists at least one CPU, ascending, no duplicates; binding a locked
// thread to the first one leaves it the only CPU in that thread's mask.
func TestBindFirstCPU(t *testing.T) {
	cpus, err := affinity.CPUs()
	if err != nil {
		t.Fatal(err)
	}
	if len(cpus) == 0 || !slices.IsSorted(cpus) || len(slices.Compact(slices.Clone(cpus))) != len(cpus) {
		t.Fatalf("CPUs() = %v: want a non-empty ascending list without duplicates", cpus)
	}
	done := make(chan error, 1)
	go func() { // its thread is narrowed and dies with it: never unlocked
		runtime.LockOSThread()
		if err := affinity.Bind(cpus[0]); err != nil {
			done <- err
			return
		}
		got, err := affinity.CPUs()
		if err == nil && affinity.Supported && !slices.Equal(got, cpus[:1]) {
			t.Errorf("after Bind(%d) the thread's mask is %v", cpus[0], got)
		}
		done <- err
	}()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// Process keeps the mask of start-up: a thread bound since, asking, gets
// every CPU the process may run on, not its own one. (A pool made from a
// pinned worker's task read its thread's mask and used one CPU; found by
// a review.)
func TestProcessIgnoresBinding(t *testing.T) {
	all, err := affinity.Process()
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan []int, 1)
	go func() { // its thread is narrowed and dies with it: never unlocked
		runtime.LockOSThread()
		if err := affinity.Bind(all[len(all)-1]); err != nil {
			t.Error(err)
		}
		cpus, err := affinity.Process()
		if err != nil {
			t.Error(err)
		}
		got <- cpus
	}()
	if cpus := <-got; !slices.Equal(cpus, all) {
		t.Errorf("Process() from a bound thread = %v, want %v", cpus, all)
	}
}

// Restore puts back the mask Save returned after a Bind narrowed it, so
// that the thread can be unlocked and reused (what pool's pinned workers
// do as they exit).
func TestSaveBindRestore(t *testing.T) {
	done := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		before, err := affinity.CPUs()
		if err != nil {
			done <- err
			return
		}
		saved, err := affinity.Save()
		if err == nil {
			err = affinity.Bind(before[len(before)-1])
		}
		if err == nil {
			err = saved.Restore()
		}
		if err != nil {
			done <- err // the thread may be narrowed: leave it locked, to die with this goroutine
			return
		}
		after, err := affinity.CPUs()
		if err == nil && !slices.Equal(after, before) {
			t.Errorf("after Save, Bind(%d) and Restore the thread's mask is %v; want %v", before[len(before)-1], after, before)
		}
		runtime.UnlockOSThread()
		done <- err
	}()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
