package flow

import (
	"context"
	"testing"

	"github.com/hoare-go/hoare/mpmc"
)

func even(v int) bool { return v%2 == 0 }

// core.async async_test.clj, ops-tests "split": (split even? (to-chan! [1..6]) 5 5)
// gives [2 4 6] and [1 3 5], both closed.
func TestSplit(t *testing.T) {
	noLeaks(t)
	ev, odd := Split(context.Background(), even, FromSlice([]int{1, 2, 3, 4, 5, 6}), 5, 5)
	eq(t, "even", drain(t, ev), []int{2, 4, 6})
	eq(t, "odd", drain(t, odd), []int{1, 3, 5})
}

// A consumer that closes one output stops Split at the next value meant for it; the
// other output is closed, and the rest stays in the input.
func TestSplitConsumerCloses(t *testing.T) {
	noLeaks(t)
	in := mpmc.New[int](10)
	ev, odd := Split(context.Background(), even, in, 0, 10)
	ev.Close()
	for _, v := range []int{1, 2, 3} {
		in.Send(v)
	}
	eq(t, "odd", drain(t, odd), []int{1})
	in.Close()
	eq(t, "left in input", drain(t, in), []int{3})
}

func TestSplitCancel(t *testing.T) {
	noLeaks(t)
	ctx, cancel := context.WithCancel(context.Background())
	a, b := Split(ctx, even, mpmc.New[int](0), 0, 0)
	cancel()
	drain(t, a)
	drain(t, b)
}
