package flow

import (
	"context"
	"testing"

	"github.com/hoare-go/hoare/mpmc"
)

func sum(vs []int) int {
	s := 0
	for _, v := range vs {
		s += v
	}
	return s
}

// core.async async_test.clj, ops-tests "map": (map + [four (to-chan! (range 4))])
// is [0 4 8 12]; (map + []) is closed at once.
func TestMap(t *testing.T) {
	noLeaks(t)
	ins := make([]*mpmc.Chan[int], 4)
	for i := range ins {
		ins[i] = FromSlice(seqN(4))
	}
	eq(t, "Map", drain(t, Map(context.Background(), sum, ins, 0)), []int{0, 4, 8, 12})
	eq(t, "Map of none", drain(t, Map(context.Background(), sum, nil, 0)), nil)
}

// core.async map docstring: "The channel will close when any of the source channels
// closes": the shortest input decides, and a partial round is discarded.
func TestMapShortest(t *testing.T) {
	noLeaks(t)
	ins := []*mpmc.Chan[int]{FromSlice(seqN(5)), FromSlice(seqN(2)), FromSlice(seqN(9))}
	eq(t, "Map", drain(t, Map(context.Background(), sum, ins, 0)), []int{0, 3})
}

// f gets the values in the order of the inputs.
func TestMapOrder(t *testing.T) {
	noLeaks(t)
	ins := []*mpmc.Chan[string]{FromSlice([]string{"a", "b"}), FromSlice([]string{"x", "y"})}
	cat := func(vs []string) string { return vs[0] + vs[1] }
	eq(t, "Map", drain(t, Map(context.Background(), cat, ins, 1)), []string{"ax", "by"})
}

func TestMapCancel(t *testing.T) {
	noLeaks(t)
	ctx, cancel := context.WithCancel(context.Background())
	out := Map(ctx, sum, []*mpmc.Chan[int]{mpmc.New[int](0)}, 0)
	cancel()
	drain(t, out)
}
