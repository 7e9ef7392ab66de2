package flow

import (
	"context"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hoare-go/hoare/mpmc"
)

// core.async async_test.clj, ops-tests "mix": two admixed inputs; (take 6 out) is
// the set 1..6.
func TestMix(t *testing.T) {
	noLeaks(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := mpmc.New[int](0)
	mx := NewMix(ctx, out)
	mx.Admix(FromSlice([]int{1, 2, 3}))
	mx.Admix(FromSlice([]int{4, 5, 6}))
	got := counts(drain(t, Take(ctx, 6, out, 0)))
	for v := 1; v <= 6; v++ {
		if got[v] != 1 {
			t.Fatalf("mix gave %v, want 1..6 once each", got)
		}
	}
	deadline := time.Now().Add(wait)
	for mx.Len() > 0 { // closed and drained inputs leave the mix
		if time.Now().After(deadline) {
			t.Fatalf("%d inputs still in the mix after they closed", mx.Len())
		}
		time.Sleep(time.Millisecond)
	}
}

// core.async async_test.clj, ops-tests "mix", ASYNC-145: a mix with 2048 inputs, each
// holding one put!, delivers all 2048 values.
func TestMix2048Inputs(t *testing.T) {
	noLeaks(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := mpmc.New[int](2500)
	mx := NewMix(ctx, out)
	for i := range 2048 {
		c := mpmc.New[int](0)
		mx.Admix(c)
		c.SendAsync(i, nil)
	}
	got := counts(drain(t, Take(ctx, 2048, out, 0)))
	for i := range 2048 {
		if got[i] != 1 {
			t.Fatalf("value %d arrived %d times", i, got[i])
		}
	}
}

// mixCase runs two inputs a and b with values a: 1, 3 and b: 2 through a mix set up
// by setup, and returns what reached out and how many of b's values were not taken.
func mixCase(t *testing.T, setup func(mx *Mix[int], a, b *mpmc.Chan[int])) (got []int, bLeft int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := mpmc.New[int](10)
	mx := NewMix(ctx, out)
	a, b := mpmc.New[int](10), mpmc.New[int](10)
	setup(mx, a, b)
	a.Send(1)
	b.Send(2)
	a.Send(3)
	time.Sleep(20 * time.Millisecond) // as core.async's tests, (<!! (timeout 20))
	mx.UnmixAll()
	for out.Len() > 0 {
		v, _ := out.Recv()
		got = append(got, v)
	}
	return got, b.Len()
}

// The attribute tests of core.async's mix docstring, each as the ports of its tests
// do (toggle, put, wait, unmix-all, read out):
// "muted channels will have their contents consumed but not included in the mix",
// "paused channels will not have their contents consumed (and thus also not
// included in the mix)", "soloed channels will be included in the mix, and the
// other channels will be muted or paused as per solo-mode".
func TestMixAttributes(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(mx *Mix[int], a, b *mpmc.Chan[int])
		want  []int
		bLeft int
	}{
		{"plain", func(mx *Mix[int], a, b *mpmc.Chan[int]) { mx.Admix(a); mx.Admix(b) }, []int{1, 2, 3}, 0},
		{"mute", func(mx *Mix[int], a, b *mpmc.Chan[int]) { mx.Admix(a); mx.Toggle(b, Attrs{Mute: true}) }, []int{1, 3}, 0},
		{"pause", func(mx *Mix[int], a, b *mpmc.Chan[int]) { mx.Admix(a); mx.Toggle(b, Attrs{Pause: true}) }, []int{1, 3}, 1},
		{"solo mutes", func(mx *Mix[int], a, b *mpmc.Chan[int]) { mx.Toggle(a, Attrs{Solo: true}); mx.Admix(b) }, []int{1, 3}, 0},
		{"solo pauses", func(mx *Mix[int], a, b *mpmc.Chan[int]) {
			mx.SoloMode(SoloPause)
			mx.Toggle(a, Attrs{Solo: true})
			mx.Admix(b)
		}, []int{1, 3}, 1},
		{"soloed and muted is heard", func(mx *Mix[int], a, b *mpmc.Chan[int]) {
			mx.Toggle(a, Attrs{Solo: true, Mute: true})
			mx.Admix(b)
		}, []int{1, 3}, 0},
		{"soloed and paused, solo mode pause, is read", func(mx *Mix[int], a, b *mpmc.Chan[int]) {
			mx.SoloMode(SoloPause)
			mx.Toggle(a, Attrs{Solo: true, Pause: true})
			mx.Admix(b)
		}, []int{1, 3}, 1},
		{"soloed and paused, solo mode mute, is not read", func(mx *Mix[int], a, b *mpmc.Chan[int]) {
			mx.Toggle(b, Attrs{Solo: true, Pause: true})
			mx.Admix(a)
		}, nil, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			noLeaks(t)
			got, bLeft := mixCase(t, tc.setup)
			if tc.name == "plain" {
				got = sortInts(got)
			}
			eq(t, "out", got, tc.want)
			if bLeft != tc.bLeft {
				t.Fatalf("b holds %d values, want %d", bLeft, tc.bLeft)
			}
		})
	}
}

func sortInts(vs []int) []int {
	for i := range vs {
		for j := i + 1; j < len(vs); j++ {
			if vs[j] < vs[i] {
				vs[i], vs[j] = vs[j], vs[i]
			}
		}
	}
	return vs
}

// A paused input becomes heard when unpaused, and what it held comes out; Unmix takes
// nothing more from an input.
func TestMixUnpauseAndUnmix(t *testing.T) {
	noLeaks(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := mpmc.New[int](0)
	mx := NewMix(ctx, out)
	a := mpmc.New[int](4)
	mx.Toggle(a, Attrs{Pause: true})
	a.Send(1)
	a.Send(2)
	if !blocked(out, 20*time.Millisecond) {
		t.Fatal("a paused input was heard")
	}
	mx.Toggle(a, Attrs{})
	if v, _ := recv(t, out); v != 1 {
		t.Fatalf("got %d", v)
	}
	if v, _ := recv(t, out); v != 2 {
		t.Fatalf("got %d", v)
	}
	mx.Unmix(a)
	a.Send(3)
	time.Sleep(10 * time.Millisecond)
	if a.Len() != 1 {
		t.Fatal("Unmix: a value was taken from an unmixed input")
	}
	if _, in := mx.Attrs(a); in {
		t.Fatal("Attrs: a still in the mix")
	}
}

// The Mix ends when its output is closed: every input's goroutine exits.
func TestMixStopsWhenOutCloses(t *testing.T) {
	noLeaks(t)
	out := mpmc.New[int](0)
	mx := NewMix(context.Background(), out)
	ins := make([]*mpmc.Chan[int], 8)
	for i := range ins {
		ins[i] = mpmc.New[int](1)
		mx.Admix(ins[i])
	}
	ins[0].Send(1)
	out.Close()
	for _, in := range ins {
		in.SendAsync(2, nil)
	}
}

// Attributes changing while values flow: with pause and solo (in solo mode pause)
// nothing is dropped, so every value must come out exactly once, each input's in
// order, however the attributes change under it.
func TestMixTogglesWhileFlowing(t *testing.T) {
	noLeaks(t)
	const inputs, per = 8, 1000
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := mpmc.New[int](8)
	mx := NewMix(ctx, out)
	mx.SoloMode(SoloPause)
	ins := make([]*mpmc.Chan[int], inputs)
	for i := range ins {
		ins[i] = mpmc.New[int](i % 4)
		mx.Admix(ins[i])
		go func() {
			for j := range per {
				ins[i].Send(i*per + j)
			}
		}()
	}
	stop := make(chan struct{})
	var toggler sync.WaitGroup
	toggler.Go(func() {
		r := rand.New(rand.NewPCG(1, 2))
		for {
			select {
			case <-stop:
				for _, in := range ins {
					mx.Toggle(in, Attrs{})
				}
				return
			default:
			}
			mx.Toggle(ins[r.IntN(inputs)], Attrs{Pause: r.IntN(2) == 0, Solo: r.IntN(4) == 0})
			time.Sleep(time.Duration(r.IntN(50)) * time.Microsecond)
		}
	})
	next := make([]int, inputs)
	for k := range inputs * per {
		if k == inputs*per/2 {
			close(stop)
			toggler.Wait()
		}
		v, ok := recv(t, out)
		if !ok {
			t.Fatal("out closed")
		}
		i := v / per
		if v != i*per+next[i] {
			t.Fatalf("input %d: got %d, want %d", i, v, i*per+next[i])
		}
		next[i]++
	}
}

// With mute toggled while values flow, what comes out has no duplicate and keeps
// each input's order (muted values are dropped, so some may be missing).
func TestMixMuteWhileFlowing(t *testing.T) {
	noLeaks(t)
	const inputs, per = 8, 2000
	ctx, cancel := context.WithCancel(context.Background())
	out := mpmc.New[int](8)
	mx := NewMix(ctx, out)
	ins := make([]*mpmc.Chan[int], inputs)
	var producers sync.WaitGroup
	for i := range ins {
		ins[i] = mpmc.New[int](2)
		mx.Admix(ins[i])
		producers.Go(func() {
			for j := range per {
				ins[i].Send(i*per + j)
			}
		})
	}
	go func() {
		r := rand.New(rand.NewPCG(3, 4))
		for ctx.Err() == nil {
			mx.Toggle(ins[r.IntN(inputs)], Attrs{Mute: r.IntN(2) == 0, Solo: r.IntN(8) == 0})
			time.Sleep(time.Duration(r.IntN(50)) * time.Microsecond)
		}
	}()
	last := make([]int, inputs)
	for i := range last {
		last[i] = -1
	}
	done := make(chan struct{})
	go func() { producers.Wait(); close(done) }()
	for {
		var v int
		select {
		case <-done:
			cancel()
			return
		default:
		}
		c, cancelRecv := context.WithTimeout(ctx, time.Millisecond)
		v, err := out.RecvContext(c)
		cancelRecv()
		if err != nil {
			continue
		}
		i := v / per
		if v%per <= last[i] {
			t.Fatalf("input %d: %d after %d (duplicate or reordered)", i, v%per, last[i])
		}
		last[i] = v % per
	}
}

func TestMixSoloModePanics(t *testing.T) {
	noLeaks(t)
	mx := NewMix(context.Background(), mpmc.New[int](0))
	defer func() {
		r := recover()
		if r == nil || !strings.Contains(r.(string), "flow: Mix SoloMode SoloMode(7)") {
			t.Fatalf("panic %v", r)
		}
	}()
	mx.SoloMode(7)
}
