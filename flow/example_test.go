package flow_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hoare-go/hoare/flow"
	"github.com/hoare-go/hoare/mpmc"
)

var ctx = context.Background()

func ExamplePipe() {
	out := mpmc.New[int](0)
	flow.Pipe(ctx, flow.FromSlice([]int{1, 2, 3}), out, true) // out closes after 3
	for v := range out.All() {
		fmt.Println(v)
	}
	// Output:
	// 1
	// 2
	// 3
}

func ExampleMerge() {
	ins := []*mpmc.Chan[string]{flow.FromSlice([]string{"a1", "a2"}), flow.FromSlice([]string{"b1"})}
	got, _ := flow.Into(ctx, nil, flow.Merge(ctx, ins, 0)) // closes after both inputs
	slices.Sort(got)                                       // the interleaving is not fixed
	fmt.Println(got)
	// Output:
	// [a1 a2 b1]
}

func ExampleSplit() {
	even, odd := flow.Split(ctx, func(v int) bool { return v%2 == 0 }, flow.FromSlice([]int{1, 2, 3, 4, 5, 6}), 3, 3)
	e, _ := flow.Into(ctx, nil, even)
	o, _ := flow.Into(ctx, nil, odd)
	fmt.Println(e, o)
	// Output:
	// [2 4 6] [1 3 5]
}

func ExampleMap() {
	sum := func(vs []int) int { return vs[0] + vs[1] }
	ins := []*mpmc.Chan[int]{flow.FromSlice([]int{1, 2, 3}), flow.FromSlice([]int{10, 20})}
	got, _ := flow.Into(ctx, nil, flow.Map(ctx, sum, ins, 0)) // ends with the shorter input
	fmt.Println(got)
	// Output:
	// [11 22]
}

func ExampleTake() {
	got, _ := flow.Into(ctx, nil, flow.Take(ctx, 2, flow.FromSlice([]string{"x", "y", "z"}), 0))
	fmt.Println(got)
	// Output:
	// [x y]
}

func ExampleNewMult() {
	src := mpmc.New[int](0)
	m := flow.NewMult(ctx, src)
	a := m.Tap(mpmc.New[int](3), true) // closed when src closes
	b := m.Tap(mpmc.New[int](3), true)
	flow.Onto(ctx, src, []int{1, 2, 3}, true)
	ga, _ := flow.Into(ctx, nil, a)
	gb, _ := flow.Into(ctx, nil, b)
	fmt.Println(ga, gb)
	// Output:
	// [1 2 3] [1 2 3]
}

func ExampleMult_Untap() {
	src := mpmc.New[int](0)
	m := flow.NewMult(ctx, src)
	a := m.Tap(mpmc.New[int](4), true)
	b := m.Tap(mpmc.New[int](4), true)
	src.Send(1)
	v, _ := b.Recv() // b has 1, so the Mult is done with it
	m.Untap(b)       // b gets nothing more, and is not closed
	src.Send(2)
	src.Close()
	ga, _ := flow.Into(ctx, nil, a)
	fmt.Println(ga, v, b.Len())
	// Output:
	// [1 2] 1 0
}

func ExampleNewMix() {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // stops the Mix
	out := mpmc.New[string](0)
	mx := flow.NewMix(ctx, out)
	talk, noise := mpmc.New[string](4), mpmc.New[string](4)
	mx.Admix(talk)
	mx.Toggle(noise, flow.Attrs{Mute: true}) // admixed, muted: consumed and dropped
	flow.Onto(ctx, noise, []string{"hiss", "crackle"}, false)
	flow.Onto(ctx, talk, []string{"hello", "world"}, false)
	for range 2 {
		v, _ := out.Recv()
		fmt.Println(v)
	}
	// Output:
	// hello
	// world
}

func ExampleMix_Toggle() {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	out := mpmc.New[string](0)
	mx := flow.NewMix(ctx, out)
	a := mpmc.New[string](4)
	mx.Toggle(a, flow.Attrs{Pause: true}) // paused: not consumed
	a.Send("kept")
	time.Sleep(10 * time.Millisecond)
	fmt.Println(a.Len())
	mx.Toggle(a, flow.Attrs{}) // heard again
	v, _ := out.Recv()
	fmt.Println(v)
	// Output:
	// 1
	// kept
}

func ExampleNewPub() {
	src := mpmc.New[string](0)
	byLetter := func(s string) byte { return s[0] }
	p := flow.NewPub(ctx, src, byLetter, nil)
	apples := p.Sub('a', mpmc.New[string](4), true)
	bananas := p.Sub('b', mpmc.New[string](4), true)
	flow.Onto(ctx, src, []string{"apple", "banana", "cherry", "avocado"}, true) // cherry: no subscriber, dropped
	ga, _ := flow.Into(ctx, nil, apples)
	gb, _ := flow.Into(ctx, nil, bananas)
	fmt.Println(ga, gb)
	// Output:
	// [apple avocado] [banana]
}

func ExamplePipeline() {
	out := mpmc.New[string](0)
	words := flow.FromSlice([]string{"one two", "", "three"})
	split := func(line string, emit func(string)) error { // 0..n outputs per input
		for w := range strings.FieldsSeq(line) {
			emit(strings.ToUpper(w))
		}
		return nil
	}
	flow.Pipeline(ctx, 4, out, split, words, true, nil) // 4 workers, outputs in input order
	got, _ := flow.Into(ctx, nil, out)
	fmt.Println(got)
	// Output:
	// [ONE TWO THREE]
}

func ExamplePipeline_errors() {
	out := mpmc.New[string](0)
	parse := func(s string, emit func(string)) error {
		if s == "bad" {
			return errors.New("cannot parse")
		}
		emit("ok:" + s)
		return nil
	}
	onErr := func(s string, err error, emit func(string)) { emit(s + ": " + err.Error()) }
	flow.Pipeline(ctx, 2, out, parse, flow.FromSlice([]string{"a", "bad", "c"}), true, onErr)
	for v := range out.All() {
		fmt.Println(v)
	}
	// Output:
	// ok:a
	// bad: cannot parse
	// ok:c
}

func ExamplePipelineAsync() {
	out := mpmc.New[int](0)
	square := func(v int, res *mpmc.Chan[int]) { // start the work, return at once
		go func() {
			res.Send(v * v)
			res.Close() // the work closes its channel
		}()
	}
	flow.PipelineAsync(ctx, 3, out, square, flow.FromSlice([]int{1, 2, 3, 4}), true)
	got, _ := flow.Into(ctx, nil, out)
	fmt.Println(got)
	// Output:
	// [1 4 9 16]
}

func ExampleTimeout() {
	start := time.Now()
	t := flow.Timeout(20 * time.Millisecond)
	_, ok := t.Recv() // closed, no value
	fmt.Println(ok, time.Since(start) >= 20*time.Millisecond)
	// Output:
	// false true
}

func ExampleNewPromise() {
	p := flow.NewPromise[string]()
	fmt.Println(p.Deliver("first"), p.Deliver("second")) // the first value wins
	a, _ := p.Recv()
	b, _ := p.Recv() // every receiver gets it, forever
	fmt.Println(a, b)
	// Output:
	// true false
	// first first
}

func ExampleFromSlice() {
	c := flow.FromSlice([]int{1, 2}) // buffered and closed already: no goroutine
	for v := range c.All() {
		fmt.Println(v)
	}
	// Output:
	// 1
	// 2
}

func ExampleFromSeq() {
	c := flow.FromSeq(ctx, strings.SplitSeq("a,b,c", ","), 0)
	got, _ := flow.Into(ctx, nil, c)
	fmt.Println(got)
	// Output:
	// [a b c]
}

func ExampleOnto() {
	c := mpmc.New[int](3)
	err := flow.Onto(ctx, c, []int{7, 8, 9}, true)
	got, _ := flow.Into(ctx, nil, c)
	fmt.Println(err, got)
	// Output:
	// <nil> [7 8 9]
}

func ExampleReduce() {
	sum, err := flow.Reduce(ctx, func(acc, v int) int { return acc + v }, 0, flow.FromSlice([]int{1, 2, 3, 4}))
	fmt.Println(sum, err)
	// Output:
	// 10 <nil>
}

func ExampleInto() {
	got, err := flow.Into(ctx, []string{"start"}, flow.FromSlice([]string{"x", "y"}))
	fmt.Println(got, err)
	// Output:
	// [start x y] <nil>
}

func ExamplePipelineBlocking() {
	out := mpmc.New[int](0)
	slow := func(ms int, emit func(int)) error { // blocking work: sleeps, I/O...
		time.Sleep(time.Duration(ms) * time.Millisecond)
		emit(ms)
		return nil
	}
	flow.PipelineBlocking(ctx, 2, out, slow, flow.FromSlice([]int{20, 1, 10, 2}), true, nil)
	got, _ := flow.Into(ctx, nil, out) // in input order, whatever finished first
	fmt.Println(got)
	// Output:
	// [20 1 10 2]
}

func ExampleMix_SoloMode() {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	out := mpmc.New[string](0)
	mx := flow.NewMix(ctx, out)
	mx.SoloMode(flow.SoloPause) // while an input is soloed, the others are paused
	lead, band := mpmc.New[string](2), mpmc.New[string](2)
	mx.Toggle(lead, flow.Attrs{Solo: true})
	mx.Admix(band)
	band.Send("drums") // paused: stays in band
	lead.Send("solo")
	v, _ := out.Recv()
	fmt.Println(v, band.Len())
	mx.Toggle(lead, flow.Attrs{}) // no solo any more: band is heard
	v, _ = out.Recv()
	fmt.Println(v)
	// Output:
	// solo 1
	// drums
}

func ExamplePub_Unsub() {
	src := mpmc.New[int](0)
	p := flow.NewPub(ctx, src, func(v int) string {
		if v%2 == 0 {
			return "even"
		}
		return "odd"
	}, func(string) int { return 1 }) // each topic buffers one value
	evens := p.Sub("even", mpmc.New[int](4), false)
	src.Send(2)
	v, _ := evens.Recv()
	p.Unsub("even", evens) // evens gets nothing more, and stays open
	src.Send(4)
	src.Close()
	fmt.Println(v, evens.Len())
	// Output:
	// 2 0
}

func ExampleNewMulticast() {
	src := mpmc.New[int](0)
	m := flow.NewMulticast(ctx, src, 8) // taps share one ring of 8 values
	a, b := m.Tap(), m.Tap()
	go flow.Onto(ctx, src, []int{1, 2, 3}, true)
	var ga, gb []int
	for v := range a.All() { // ends when src closes and a has read everything
		ga = append(ga, v)
	}
	for v := range b.All() {
		gb = append(gb, v)
	}
	fmt.Println(ga, gb)
	// Output:
	// [1 2 3] [1 2 3]
}

func ExampleReduceWhile() {
	firstOver := func(acc, v int) (int, bool) { return v, v <= 10 } // stop at the first v > 10
	v, _ := flow.ReduceWhile(ctx, firstOver, 0, flow.FromSlice([]int{3, 8, 12, 20}))
	fmt.Println(v)
	// Output:
	// 12
}
