package flow

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hoare-go/hoare/mpmc"
)

// identity is core.async pipeline_test.clj's identity-mapping.
func identity(v int, emit func(int)) error { emit(v); return nil }

// identityAsync is pipeline_test.clj's identity-async: a thread puts v and closes.
func identityAsync(v int, out *mpmc.Chan[int]) {
	go func() { out.Send(v); out.Close() }()
}

type pipelineFn func(ctx context.Context, n int, to *mpmc.Chan[int], from *mpmc.Chan[int]) *mpmc.Chan[struct{}]

var pipelines = map[string]pipelineFn{
	"Pipeline": func(ctx context.Context, n int, to, from *mpmc.Chan[int]) *mpmc.Chan[struct{}] {
		return Pipeline(ctx, n, to, identity, from, true, nil)
	},
	"PipelineBlocking": func(ctx context.Context, n int, to, from *mpmc.Chan[int]) *mpmc.Chan[struct{}] {
		return PipelineBlocking(ctx, n, to, identity, from, true, nil)
	},
	"PipelineAsync": func(ctx context.Context, n int, to, from *mpmc.Chan[int]) *mpmc.Chan[struct{}] {
		return PipelineAsync(ctx, n, to, identityAsync, from, true)
	},
}

// core.async pipeline_test.clj, test-sizes: for (n, size) in (1,0) (1,10) (10,10)
// (20,10) (5,1000), each pipeline flavour passes (range size) through unchanged,
// in order, into a (chan 1).
func TestPipelineSizes(t *testing.T) {
	noLeaks(t)
	for name, pf := range pipelines {
		for _, tc := range [][2]int{{1, 0}, {1, 10}, {10, 10}, {20, 10}, {5, 1000}} {
			n, size := tc[0], tc[1]
			out := mpmc.New[int](1)
			done := pf(context.Background(), n, out, FromSlice(seqN(size)))
			got := drain(t, out)
			if len(got) == 0 {
				got = nil
			}
			want := seqN(size)
			if size == 0 {
				want = nil
			}
			eq(t, fmt.Sprintf("%s n=%d size=%d", name, n, size), got, want)
			drain(t, done)
		}
	}
}

// core.async pipeline_test.clj, test-close?: with close? true the output is closed
// after the last value; with false it stays open and usable.
func TestPipelineClose(t *testing.T) {
	noLeaks(t)
	for _, pf := range []func(context.Context, int, *mpmc.Chan[int], func(int, func(int)) error, *mpmc.Chan[int], bool, func(int, error, func(int))) *mpmc.Chan[struct{}]{Pipeline[int, int], PipelineBlocking[int, int]} {
		out := mpmc.New[int](1)
		pf(context.Background(), 5, out, identity, FromSlice([]int{1}), true, nil)
		eq(t, "close=true", drain(t, out), []int{1})

		out = mpmc.New[int](1)
		done := pf(context.Background(), 5, out, identity, FromSlice([]int{1}), false, nil)
		if v, _ := recv(t, out); v != 1 {
			t.Fatalf("got %d", v)
		}
		drain(t, done)
		out.Send(42) // still open
		if v, _ := recv(t, out); v != 42 {
			t.Fatalf("got %d", v)
		}
	}
}

// core.async pipeline_test.clj, test-ex-handler: the input 3 throws; the handler
// gets the error and its result (:err) takes 3's place in the output, in order.
func TestPipelineErrorHandler(t *testing.T) {
	noLeaks(t)
	errBad := errors.New("err")
	f := func(v int, emit func(int)) error {
		if v == 3 {
			return fmt.Errorf("data %d: %w", v, errBad)
		}
		emit(v)
		return nil
	}
	var seen atomic.Pointer[error]
	onErr := func(v int, err error, emit func(int)) {
		seen.Store(&err)
		emit(-1) // :err
	}
	out := mpmc.New[int](1)
	Pipeline(context.Background(), 5, out, f, FromSlice([]int{1, 2, 3, 4}), true, onErr)
	eq(t, "with errors", drain(t, out), []int{1, 2, -1, 4})
	if e := seen.Load(); e == nil || !errors.Is(*e, errBad) || !strings.Contains((*e).Error(), "data 3") {
		t.Fatalf("handler saw %v", e)
	}
	// No handler: the failing input gives what it emitted before failing, nothing more.
	out = mpmc.New[int](1)
	Pipeline(context.Background(), 5, out, f, FromSlice([]int{1, 2, 3, 4}), true, nil)
	eq(t, "no handler", drain(t, out), []int{1, 2, 4})
}

// core.async pipeline_test.clj, test-af-multiplier: pipeline-async where input v
// yields 0..v-1 gives [0 0 1 0 1 2 0 1 2 3] for (range 1 5); and the same 0..n
// outputs per input from Pipeline's emit (core.async's expanding transducers).
func TestPipelineManyOutputs(t *testing.T) {
	noLeaks(t)
	want := []int{0, 0, 1, 0, 1, 2, 0, 1, 2, 3}
	out := mpmc.New[int](1)
	PipelineAsync(context.Background(), 2, out, func(v int, ch *mpmc.Chan[int]) {
		go func() {
			for i := range v {
				ch.Send(i)
			}
			ch.Close()
		}()
	}, FromSlice([]int{1, 2, 3, 4}), true)
	eq(t, "PipelineAsync multiplier", drain(t, out), want)

	out = mpmc.New[int](1)
	Pipeline(context.Background(), 2, out, func(v int, emit func(int)) error {
		for i := range v {
			emit(i)
		}
		return nil
	}, FromSlice([]int{1, 0, 2, 0, 3, 4}), true, nil)
	eq(t, "Pipeline 0..n outputs", drain(t, out), want)
}

// core.async pipeline_test.clj, test-blocking: inputs that sleep for [2000 50 1000
// 100] ms come out in input order with 2 workers (here 10x shorter).
func TestPipelineBlockingOrder(t *testing.T) {
	noLeaks(t)
	times := []int{200, 5, 100, 10}
	out := mpmc.New[int](1)
	PipelineBlocking(context.Background(), 2, out, func(v int, emit func(int)) error {
		time.Sleep(time.Duration(v) * time.Millisecond)
		emit(v)
		return nil
	}, FromSlice(times), true, nil)
	eq(t, "sleep order", drain(t, out), times)
}

func slowFib(n int) int {
	if n < 2 {
		return n
	}
	return slowFib(n-1) + slowFib(n-2)
}

// core.async pipeline_test.clj, test-compute: (take 50 (cycle (range 15 38))) through
// slow-fib with 8 workers; the last output is slow-fib of the last input (here a
// smaller range, 10..24, to keep -race fast).
func TestPipelineCompute(t *testing.T) {
	noLeaks(t)
	var in []int
	for i := range 50 {
		in = append(in, 10+i%15)
	}
	out := mpmc.New[int](1)
	Pipeline(context.Background(), 8, out, func(v int, emit func(int)) error { emit(slowFib(v)); return nil },
		FromSlice(in), true, nil)
	got := drain(t, out)
	for i, v := range got {
		if v != slowFib(in[i]) {
			t.Fatalf("output %d: %d, want %d", i, v, slowFib(in[i]))
		}
	}
	if len(got) != len(in) {
		t.Fatalf("%d outputs, want %d", len(got), len(in))
	}
}

// core.async pipeline_test.clj, test-async: (range 100) through pipeline-async with one
// worker whose future puts (inc v) gives (range 1 101).
func TestPipelineAsync(t *testing.T) {
	noLeaks(t)
	out := mpmc.New[int](1)
	PipelineAsync(context.Background(), 1, out, func(v int, ch *mpmc.Chan[int]) {
		go func() { ch.Send(v + 1); ch.Close() }()
	}, FromSlice(seqN(100)), true)
	got := drain(t, out)
	for i, v := range got {
		if v != i+1 {
			t.Fatalf("output %d: %d", i, v)
		}
	}
	if len(got) != 100 {
		t.Fatalf("%d outputs", len(got))
	}
}

// Output order under random worker delays: each input emits 0..2 copies of itself
// after a random sleep, 8 workers, a concurrent producer; the output must be exactly
// the expansion of the inputs in input order.
func TestPipelineOrderRandomDelays(t *testing.T) {
	noLeaks(t)
	const n = 3000
	from, to := mpmc.New[int](0), mpmc.New[int](3)
	go func() {
		for i := range n {
			from.Send(i)
		}
		from.Close()
	}()
	Pipeline(context.Background(), 8, to, func(v int, emit func(int)) error {
		r := rand.New(rand.NewPCG(uint64(v), 7))
		if r.IntN(4) == 0 {
			time.Sleep(time.Duration(r.IntN(200)) * time.Microsecond)
		}
		for range v % 3 {
			emit(v)
		}
		return nil
	}, from, true, nil)
	var want []int
	for v := range n {
		for range v % 3 {
			want = append(want, v)
		}
	}
	eq(t, "order", drain(t, to), want)
}

// A pipeline whose output is closed stops taking inputs (core.async: "will stop
// consuming the from channel if the to channel closes"); ctx ends it too.
func TestPipelineStops(t *testing.T) {
	noLeaks(t)
	from, to := mpmc.New[int](0), mpmc.New[int](0)
	done := Pipeline(context.Background(), 3, to, identity, from, false, nil)
	from.Send(1)
	to.Close()
	for i := 2; ; i++ { // inputs in flight drain into the closed output, then it stops
		if err := from.SendContext(timeoutCtx(t, 50*time.Millisecond), i); err != nil {
			break
		}
		if i > 100 {
			t.Fatal("pipeline still taking inputs after its output closed")
		}
	}
	drain(t, done)

	ctx, cancel := context.WithCancel(context.Background())
	to = mpmc.New[int](0)
	done = Pipeline(ctx, 3, to, identity, mpmc.New[int](0), true, nil)
	cancel()
	drain(t, to)
	drain(t, done)
}

func timeoutCtx(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

func TestPipelineBadN(t *testing.T) {
	noLeaks(t)
	defer func() {
		r := recover()
		if r == nil || !strings.Contains(r.(string), "flow: Pipeline n 0: must be at least 1") {
			t.Fatalf("panic %v", r)
		}
	}()
	Pipeline(context.Background(), 0, mpmc.New[int](0), identity, mpmc.New[int](0), true, nil)
}

// A canceled pipeline takes no more inputs even while its input has them at once
// (mpmc's RecvContext would hand them over regardless of the context).
func TestPipelineCancelStopsTaking(t *testing.T) {
	noLeaks(t)
	ctx, cancel := context.WithCancel(context.Background())
	from := mpmc.New[int](1024)
	for i := range 1024 {
		from.Send(i)
	}
	to := mpmc.New[int](0)
	done := Pipeline(ctx, 4, to, identity, from, true, nil)
	recv(t, to)
	cancel()
	drain(t, done)
	if from.Len() < 1024-4*2-1 {
		t.Fatalf("a canceled pipeline took %d inputs", 1024-from.Len())
	}
}

// The same for a relay (Merge, Pipe) and the other process loops.
func TestCanceledProcessesStopTaking(t *testing.T) {
	noLeaks(t)
	full := func() *mpmc.Chan[int] {
		c := mpmc.New[int](256)
		for i := range 256 {
			c.Send(i)
		}
		return c
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ins := map[string]*mpmc.Chan[int]{}
	ins["Pipe"] = full()
	Pipe(ctx, ins["Pipe"], mpmc.New[int](1024), true)
	ins["Merge"] = full()
	Merge(ctx, []*mpmc.Chan[int]{ins["Merge"]}, 1024)
	ins["Split"] = full()
	Split(ctx, even, ins["Split"], 1024, 1024)
	ins["Take"] = full()
	Take(ctx, 100, ins["Take"], 1024)
	ins["Map"] = full()
	Map(ctx, sum, []*mpmc.Chan[int]{ins["Map"]}, 1024)
	ins["Mult"] = full()
	NewMult(ctx, ins["Mult"]).Tap(mpmc.New[int](1024), true)
	ins["Pub"] = full()
	NewPub(ctx, ins["Pub"], func(v int) int { return 0 }, nil).Sub(0, mpmc.New[int](1024), true)
	ins["Reduce"] = full()
	Reduce(ctx, func(a, v int) int { return a + v }, 0, ins["Reduce"])
	time.Sleep(20 * time.Millisecond)
	for name, c := range ins {
		if c.Len() != 256 {
			t.Errorf("%s took %d values under a canceled context", name, 256-c.Len())
		}
	}
}
