package flow

import (
	"context"
	"slices"
	"testing"

	"github.com/hoare-go/hoare/mpmc"
)

// core.async async_test.clj, ops-tests "to-chan": (into [] (to-chan! (range 10))) is (range 10).
func TestFromSlice(t *testing.T) {
	noLeaks(t)
	eq(t, "FromSlice", drain(t, FromSlice(seqN(10))), seqN(10))
	eq(t, "FromSlice(nil)", drain(t, FromSlice[int](nil)), nil)
}

func TestFromSeq(t *testing.T) {
	noLeaks(t)
	eq(t, "FromSeq", drain(t, FromSeq(context.Background(), slices.Values(seqN(100)), 0)), seqN(100))
}

// FromSeq stops, closing its channel, when ctx is done, even on an endless sequence.
func TestFromSeqCancel(t *testing.T) {
	noLeaks(t)
	ctx, cancel := context.WithCancel(context.Background())
	c := FromSeq(ctx, func(yield func(int) bool) {
		for i := 0; yield(i); i++ {
		}
	}, 0)
	for i := range 5 {
		if v, _ := recv(t, c); v != i {
			t.Fatalf("got %d, want %d", v, i)
		}
	}
	cancel()
	drain(t, c) // at most the one value in hand, then closed
}

// core.async async_test.clj, ops-tests "onto-chan": onto-chan! (range 10) then into [].
func TestOnto(t *testing.T) {
	noLeaks(t)
	ch := mpmc.New[int](10)
	must(Onto(context.Background(), ch, seqN(10), true))
	eq(t, "Onto", drain(t, ch), seqN(10))

	ch = mpmc.New[int](10)
	must(Onto(context.Background(), ch, seqN(3), false))
	ch.Send(99) // not closed
	ch.Close()
	eq(t, "Onto close=false", drain(t, ch), []int{0, 1, 2, 99})

	ch = mpmc.New[int](1)
	ch.Close()
	if err := Onto(context.Background(), ch, seqN(3), false); err != mpmc.ErrClosed {
		t.Fatalf("Onto on a closed channel: %v, want ErrClosed", err)
	}

	ch = mpmc.New[int](0)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Onto(ctx, ch, seqN(3), true); err != context.Canceled {
		t.Fatalf("Onto canceled: %v", err)
	}
	if _, ok := recv(t, ch); ok {
		t.Fatal("Onto close=true did not close after an error")
	}
}
