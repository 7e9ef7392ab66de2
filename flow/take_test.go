package flow

import (
	"context"
	"strings"
	"testing"

	"github.com/hoare-go/hoare/mpmc"
)

// core.async async_test.clj, ops-tests "mix" (take 6 out): Take closes after n values.
func TestTake(t *testing.T) {
	noLeaks(t)
	eq(t, "Take 3", drain(t, Take(context.Background(), 3, FromSlice(seqN(10)), 0)), []int{0, 1, 2})
	eq(t, "Take 5 of 2", drain(t, Take(context.Background(), 5, FromSlice(seqN(2)), 0)), []int{0, 1})
	eq(t, "Take 0", drain(t, Take(context.Background(), 0, FromSlice(seqN(2)), 0)), nil)
}

// Take takes nothing past the n-th value: the rest stays in the input.
func TestTakeLeavesRest(t *testing.T) {
	noLeaks(t)
	in := FromSlice(seqN(5))
	drain(t, Take(context.Background(), 2, in, 0))
	eq(t, "rest", drain(t, in), []int{2, 3, 4})
}

func TestTakeCancel(t *testing.T) {
	noLeaks(t)
	ctx, cancel := context.WithCancel(context.Background())
	out := Take(ctx, 3, mpmc.New[int](0), 0)
	cancel()
	drain(t, out)
}

func TestTakeNegativePanics(t *testing.T) {
	noLeaks(t)
	defer func() {
		r := recover()
		if r == nil || !strings.Contains(r.(string), "flow: Take n -1") {
			t.Fatalf("panic %v, want one naming flow: Take n -1", r)
		}
	}()
	Take(context.Background(), -1, mpmc.New[int](0), 0)
}
