package flow

import (
	"context"
	"testing"

	"github.com/hoare-go/hoare/mpmc"
)

// core.async async_test.clj, ops-tests "reduce": (reduce + 0 (to-chan! [])) is 0,
// over (range 10) is 45.
func TestReduce(t *testing.T) {
	noLeaks(t)
	add := func(a, v int) int { return a + v }
	for _, tc := range []struct{ in, want int }{{0, 0}, {10, 45}} {
		got, err := Reduce(context.Background(), add, 0, FromSlice(seqN(tc.in)))
		if err != nil || got != tc.want {
			t.Fatalf("Reduce over %d: %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
}

// Reduce returns what it has folded and ctx.Err() when ctx ends first.
func TestReduceCancel(t *testing.T) {
	noLeaks(t)
	c := mpmc.New[int](4)
	c.Send(1)
	c.Send(2)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for c.Len() > 0 {
		}
		cancel()
	}()
	got, err := Reduce(ctx, func(a, v int) int { return a + v }, 0, c)
	if got != 3 || err != context.Canceled {
		t.Fatalf("Reduce canceled: %d, %v; want 3, context.Canceled", got, err)
	}
}

// core.async async_test.clj, ops-tests (every one ends in (into [] ch)).
func TestInto(t *testing.T) {
	noLeaks(t)
	got, err := Into(context.Background(), []int{-1}, FromSlice(seqN(3)))
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "Into", got, []int{-1, 0, 1, 2})
}

// core.async async_test.clj, ops-tests "reduce": (reduce #(if (= %2 2) (reduced :foo)
// %1) 0 (to-chan! (range 10))) is :foo, and the fold takes nothing after it.
func TestReduceWhile(t *testing.T) {
	noLeaks(t)
	in := FromSlice(seqN(10))
	got, err := ReduceWhile(context.Background(), func(acc string, v int) (string, bool) {
		if v == 2 {
			return ":foo", false
		}
		return acc, true
	}, "0", in)
	if got != ":foo" || err != nil {
		t.Fatalf("ReduceWhile: %q %v", got, err)
	}
	if in.Len() != 7 {
		t.Fatalf("ReduceWhile took %d values after stopping", 7-in.Len())
	}
}
