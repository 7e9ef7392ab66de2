package flow

import (
	"context"
	"testing"
	"time"

	"github.com/hoare-go/hoare/mpmc"
)

// core.async async_test.clj, ops-tests "pipe": (pipe (to-chan! [1 2 3 4 5]) out) then
// (into [] out) is [1 2 3 4 5]: the destination is closed when the source is.
func TestPipe(t *testing.T) {
	noLeaks(t)
	out := mpmc.New[int](0)
	Pipe(context.Background(), FromSlice([]int{1, 2, 3, 4, 5}), out, true)
	eq(t, "Pipe", drain(t, out), []int{1, 2, 3, 4, 5})
}

// core.async pipe docstring: "If close? is false, the to channel will not be closed".
func TestPipeNoClose(t *testing.T) {
	noLeaks(t)
	out := mpmc.New[int](4)
	Pipe(context.Background(), FromSlice([]int{1, 2}), out, false)
	a, _ := recv(t, out)
	b, _ := recv(t, out)
	if a != 1 || b != 2 {
		t.Fatalf("got %d %d", a, b)
	}
	if !blocked(out, 20*time.Millisecond) {
		t.Fatal("to was closed with close=false")
	}
	out.Close()
}

// core.async pipe docstring: "Will stop consuming the from channel if the to channel
// closes": the values not yet taken stay in from.
func TestPipeStopsWhenToCloses(t *testing.T) {
	noLeaks(t)
	from, to := mpmc.New[int](0), mpmc.New[int](0)
	Pipe(context.Background(), from, to, true)
	from.Send(1)
	if v, _ := recv(t, to); v != 1 {
		t.Fatalf("got %d", v)
	}
	to.Close()
	from.Send(2) // taken by Pipe, which then finds to closed and stops
	for end := time.Now().Add(20 * time.Millisecond); time.Now().Before(end); {
		if from.TrySend(3) == nil {
			t.Fatal("Pipe took a value after its destination closed")
		}
	}
}

// As TestPipeStopsWhenToCloses, with a context that can be done, which
// moves values one at a time (relay) rather than in runs: a to closed while
// Pipe sends to it stops Pipe, which leaves from alone and closes nothing.
func TestPipeCtxStopsWhenToCloses(t *testing.T) {
	noLeaks(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	from, to := mpmc.New[int](0), mpmc.New[int](0)
	Pipe(ctx, from, to, true)
	from.Send(1)
	if v, _ := recv(t, to); v != 1 {
		t.Fatalf("got %d", v)
	}
	from.Send(2) // taken by Pipe, which now waits to send it
	to.Close()   // wakes that send with ErrClosed: Pipe stops
	for end := time.Now().Add(20 * time.Millisecond); time.Now().Before(end); {
		if from.TrySend(3) == nil {
			t.Fatal("Pipe took a value after its destination closed")
		}
	}
	if from.TrySend(3) != mpmc.ErrWouldBlock {
		t.Fatal("Pipe closed from")
	}
}

// ctx ends the Pipe: its goroutine exits (noLeaks) and, with close, to is closed.
func TestPipeCancel(t *testing.T) {
	noLeaks(t)
	ctx, cancel := context.WithCancel(context.Background())
	from, to := mpmc.New[int](0), mpmc.New[int](0)
	Pipe(ctx, from, to, true)
	cancel()
	drain(t, to)
}
