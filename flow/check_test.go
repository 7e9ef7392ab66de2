package flow

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/hoare-go/hoare/mpmc"
)

// TestNilArgumentsRefused: a nil channel or function is refused at the call,
// with a panic naming flow, the function and the argument. Before, the call
// returned and one of the process's goroutines later died of a nil
// dereference that no caller could recover (found by a review). A missing
// check still fails this test: loudly, by that crash.
func TestNilArgumentsRefused(t *testing.T) {
	noLeaks(t)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel) // before noLeaks looks: ends the processes the valid arguments started
	c := func() *mpmc.Chan[int] { return mpmc.New[int](1) }
	var nilc *mpmc.Chan[int]
	id := func(v int, emit func(int)) error { emit(v); return nil }
	cases := []struct {
		want string
		call func()
	}{
		{"Pipe from is nil", func() { Pipe(ctx, nilc, c(), true) }},
		{"Pipe to is nil", func() { Pipe(ctx, c(), nilc, true) }},
		{"Merge ins[1] is nil", func() { Merge(ctx, []*mpmc.Chan[int]{c(), nil}, 1) }},
		{"Map f is nil", func() { Map[int, int](ctx, nil, []*mpmc.Chan[int]{c()}, 1) }},
		{"Map ins[0] is nil", func() { Map(ctx, func([]int) int { return 0 }, []*mpmc.Chan[int]{nil}, 1) }},
		{"Split pred is nil", func() { Split(ctx, nil, c(), 1, 1) }},
		{"Split in is nil", func() { Split(ctx, func(int) bool { return true }, nilc, 1, 1) }},
		{"Take in is nil", func() { Take(ctx, 1, nilc, 1) }},
		{"NewMult in is nil", func() { NewMult(ctx, nilc) }},
		{"Mult.Tap ch is nil", func() { NewMult(ctx, c()).Tap(nil, false) }},
		{"NewMix out is nil", func() { NewMix(ctx, nilc) }},
		{"Mix.Admix in is nil", func() { NewMix(ctx, c()).Admix(nil) }},
		{"Mix.Toggle in is nil", func() { NewMix(ctx, c()).Toggle(nil, Attrs{}) }},
		{"NewPub in is nil", func() { NewPub(ctx, nilc, func(v int) int { return v }, nil) }},
		{"NewPub topic is nil", func() { NewPub[int, int](ctx, c(), nil, nil) }},
		{"Pub.Sub ch is nil", func() { NewPub(ctx, c(), func(v int) int { return v }, nil).Sub(1, nil, false) }},
		{"Pipeline f is nil", func() { Pipeline[int, int](ctx, 1, c(), nil, c(), true, nil) }},
		{"Pipeline to is nil", func() { Pipeline(ctx, 1, nilc, id, c(), true, nil) }},
		{"Pipeline from is nil", func() { Pipeline(ctx, 1, c(), id, nilc, true, nil) }},
		{"PipelineAsync af is nil", func() { PipelineAsync[int, int](ctx, 1, c(), nil, c(), true) }},
		{"NewMulticast in is nil", func() { NewMulticast(ctx, nilc, 4) }},
		{"Reduce f is nil", func() { Reduce[int, int](ctx, nil, 0, c()) }},
		{"ReduceWhile ch is nil", func() { ReduceWhile(ctx, func(a, v int) (int, bool) { return a, true }, 0, nilc) }},
		{"Into ch is nil", func() { Into(ctx, nil, nilc) }},
		{"FromSeq seq is nil", func() { FromSeq[int](ctx, nil, 1) }},
		{"Onto ch is nil", func() { Onto(ctx, nilc, []int{1}, false) }},
	}
	for _, tc := range cases {
		func() {
			defer func() {
				r := recover()
				if s, _ := r.(string); !strings.Contains(s, "flow: "+tc.want) {
					t.Errorf("want a panic with %q, got %v", "flow: "+tc.want, r)
				}
			}()
			tc.call()
		}()
	}
}

// TestSizesOutOfRange: a Pipeline's n and a Pub topic's buffer above the
// largest size are refused with a message naming them, not met by an
// overflow or an allocation that fails.
func TestSizesOutOfRange(t *testing.T) {
	noLeaks(t)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	expect := func(want string, call func()) {
		t.Helper()
		defer func() {
			if s, _ := recover().(string); !strings.Contains(s, want) {
				t.Errorf("want a panic with %q, got %q", want, s)
			}
		}()
		call()
	}
	id := func(v int, emit func(int)) error { emit(v); return nil }
	expect(fmt.Sprintf("flow: Pipeline n %d", math.MaxInt), func() { // 2n overflowed
		Pipeline(ctx, math.MaxInt, mpmc.New[int](1), id, mpmc.New[int](1), true, nil)
	})
	expect(fmt.Sprintf("flow: Pub buffer for topic 3 is %d", maxSize+1), func() {
		NewPub(ctx, mpmc.New[int](1), func(v int) int { return v }, func(int) int { return maxSize + 1 }).Sub(3, mpmc.New[int](1), false)
	})
}
