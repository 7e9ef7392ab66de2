// Out-of-range capacities panic at the call, naming the function and
// the argument.

package flow

import (
	"context"
	"iter"
	"strings"
	"testing"

	"github.com/hoare-go/hoare/mpmc"
)

// doc.go promises that "a size out
// of range, panics there with a message that names the function and the
// argument". A negative capacity given to Merge, Split, Take, FromSeq or
// Map panics with a message that names them (mustSize; before, mpmc.New's,
// naming neither: found by a review).
func TestNegativeCapacityNamesFunction(t *testing.T) {
	noLeaks(t)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	c := func() *mpmc.Chan[int] { return mpmc.New[int](1) }
	var empty iter.Seq[int] = func(func(int) bool) {}
	cases := []struct {
		want string
		call func()
	}{
		{"flow: Merge capacity", func() { Merge(ctx, []*mpmc.Chan[int]{c()}, -1) }},
		{"flow: Split tcap", func() { Split(ctx, func(int) bool { return true }, c(), -1, 1) }},
		{"flow: Split fcap", func() { Split(ctx, func(int) bool { return true }, c(), 1, -1) }},
		{"flow: Take capacity", func() { Take(ctx, 1, c(), -1) }},
		{"flow: FromSeq capacity", func() { FromSeq(ctx, empty, -1) }},
		{"flow: Map capacity", func() { Map(ctx, func(vs []int) int { return 0 }, []*mpmc.Chan[int]{c()}, -1) }},
	}
	for _, tc := range cases {
		func() {
			defer func() {
				r := recover()
				if s, _ := r.(string); !strings.Contains(s, tc.want) {
					t.Errorf("want a panic with %q, got %v", tc.want, r)
				}
			}()
			tc.call()
		}()
	}
}
