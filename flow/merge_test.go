package flow

import (
	"context"
	"sync"
	"testing"

	"github.com/hoare-go/hoare/mpmc"
)

// core.async async_test.clj, ops-tests "merge": merging four (to-chan! (range 4))
// gives each of 0..3 four times, in any order.
func TestMerge(t *testing.T) {
	noLeaks(t)
	ins := make([]*mpmc.Chan[int], 4)
	for i := range ins {
		ins[i] = FromSlice(seqN(4))
	}
	got := counts(drain(t, Merge(context.Background(), ins, 0)))
	for v := range 4 {
		if got[v] != 4 {
			t.Fatalf("merge frequencies %v, want each of 0..3 four times", got)
		}
	}
}

// core.async merge docstring: "The channel will close after all the source channels
// have closed" (so with none, at once).
func TestMergeNone(t *testing.T) {
	noLeaks(t)
	eq(t, "Merge()", drain(t, Merge[int](context.Background(), nil, 0)), nil)
}

// Every value of every input arrives exactly once, each input's in order, under
// concurrent producers; out closes only after the last. Both relays: in runs (a
// context that is never done) and one by one (one that can be).
func TestMergeAccounting(t *testing.T) {
	cancelable, cancel := context.WithCancel(context.Background())
	defer cancel()
	for name, ctx := range map[string]context.Context{"runs": context.Background(), "one by one": cancelable} {
		t.Run(name, func(t *testing.T) { testMergeAccounting(t, ctx) })
	}
}

func testMergeAccounting(t *testing.T, ctx context.Context) {
	noLeaks(t)
	const inputs, per = 8, 5000
	ins := make([]*mpmc.Chan[int], inputs)
	for i := range ins {
		ins[i] = mpmc.New[int](i % 3 * 8) // unbuffered and buffered
		go func() {
			for j := range per {
				ins[i].Send(i*per + j)
			}
			ins[i].Close()
		}()
	}
	next := make([]int, inputs)
	for v := range Merge(ctx, ins, 16).All() {
		i := v / per
		if v != i*per+next[i] {
			t.Fatalf("input %d: got %d, want %d (lost, duplicated or reordered)", i, v, i*per+next[i])
		}
		next[i]++
	}
	for i, n := range next {
		if n != per {
			t.Fatalf("input %d: %d of %d values", i, n, per)
		}
	}
}

// ctx ends Merge: out is closed and every forwarder exits, though no input closes.
func TestMergeCancel(t *testing.T) {
	noLeaks(t)
	ctx, cancel := context.WithCancel(context.Background())
	ins := []*mpmc.Chan[int]{mpmc.New[int](0), mpmc.New[int](1)}
	out := Merge(ctx, ins, 0)
	ins[1].Send(7)
	if v, _ := recv(t, out); v != 7 {
		t.Fatalf("got %d", v)
	}
	var wg sync.WaitGroup
	wg.Go(func() { drain(t, out) })
	cancel()
	wg.Wait()
}
