// Tests of the sealed Vyukov ring: sizes, full/empty/seal, and every pushed
// task popped exactly once with producers, consumers and a seal racing.

package pool_test

import (
	"sync"
	"sync/atomic"
	"testing"

	"github.com/hoare-go/hoare/pool"
)

func TestRingSizes(t *testing.T) {
	for _, c := range []struct{ n, size int }{{1, 2}, {2, 2}, {3, 4}, {1000, 1024}, {1024, 1024}} {
		if got := pool.NewRing(c.n).Size(); got != c.size {
			t.Errorf("newRing(%d) size %d; want %d", c.n, got, c.size)
		}
	}
}

func TestRingFullEmptySeal(t *testing.T) {
	r := pool.NewRing(4)
	buf := make([]func(), 8)
	if n := r.Pop(buf); n != 0 {
		t.Fatalf("pop on empty = %d", n)
	}
	f := func() {}
	for i := range 4 {
		if got := r.Push(f); got != "ok" {
			t.Fatalf("push %d = %s", i, got)
		}
	}
	if got := r.Push(f); got != "full" {
		t.Fatalf("push on full = %s", got)
	}
	if n := r.Pop(buf[:3]); n != 3 {
		t.Fatalf("pop 3 = %d", n)
	}
	for i := range 3 {
		if r.SlotTask(i) {
			t.Errorf("slot %d still references its popped task", i)
		}
	}
	r.Seal()
	if got := r.Push(f); got != "closed" {
		t.Fatalf("push after seal = %s", got)
	}
	if r.Drained() {
		t.Fatal("drained with one task left")
	}
	if n := r.Pop(buf); n != 1 || !r.Drained() || r.Len() != 0 {
		t.Fatalf("pop after seal = %d, drained %v, len %d", n, r.Drained(), r.Len())
	}
}

// Every pushed task is popped exactly once, with producers and consumers
// racing and a seal in the middle.
func TestRingExactlyOnce(t *testing.T) {
	const producers, consumers, per = 4, 4, 4000
	r := pool.NewRing(64)
	var ran [producers * per]atomic.Int32
	var accepted [producers * per]bool
	var wg sync.WaitGroup
	var stop atomic.Bool
	for p := range producers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range per {
				id := p*per + i
				for {
					res := r.Push(func() { ran[id].Add(1) })
					if res == "ok" {
						accepted[id] = true
						break
					}
					if res == "closed" {
						break
					}
				}
				if p == 0 && i == per/2 {
					r.Seal()
				}
			}
		}()
	}
	var cw sync.WaitGroup
	for range consumers {
		cw.Add(1)
		go func() {
			defer cw.Done()
			buf := make([]func(), 5)
			for {
				n := r.Pop(buf)
				for i := range n {
					buf[i]()
				}
				if n == 0 && stop.Load() && r.Drained() {
					return
				}
			}
		}()
	}
	wg.Wait()
	stop.Store(true)
	cw.Wait()
	n := 0
	for id := range accepted {
		want := int32(0)
		if accepted[id] {
			want = 1
			n++
		}
		if got := ran[id].Load(); got != want {
			t.Fatalf("task %d ran %d times; accepted %v", id, got, accepted[id])
		}
	}
	if n < per/2 || n == producers*per {
		t.Errorf("%d tasks accepted; the seal should cut the stream", n)
	}
}
