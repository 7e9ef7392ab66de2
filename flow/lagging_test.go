// A channel that lags behind many sources that relay into it: more than
// mpmc's 1024 pending SendAsync operations per channel. A Mult or a Pub
// topic leaves one pending send on a lagging tap; past the limit it waits
// on a goroutine instead (fanout.go's offer), where it used to panic on the
// Pub's goroutine and kill the process (found by a review).

package flow

import (
	"testing"
	"time"

	"github.com/hoare-go/hoare/mpmc"
)

// One channel subscribed to 1100 topics (a catch-all logger, say) that
// reads nothing until every topic has a value for it: each value arrives,
// once.
func TestPubManyTopicsOneLaggingSubscriber(t *testing.T) {
	noLeaks(t)
	ctx := testCtx(t)
	in := mpmc.New[int](0)
	p := NewPub(ctx, in, func(v int) int { return v }, nil)
	sink := mpmc.New[int](0)
	const topics = 1100
	for k := range topics {
		p.Sub(k, sink, false)
	}
	for k := range topics {
		must(in.SendContext(ctx, k))
	}
	time.Sleep(50 * time.Millisecond) // let the Pub offer the last values, past the limit
	receiveEachOnce(t, sink, topics)
}

// 1100 Mults tapping one lagging channel: each Mult's value arrives, once.
func TestMultsIntoOneLaggingChannel(t *testing.T) {
	noLeaks(t)
	ctx := testCtx(t)
	sink := mpmc.New[int](0)
	const n = 1100
	for k := range n {
		in := mpmc.New[int](1)
		NewMult(ctx, in).Tap(sink, false)
		in.Send(k)
	}
	time.Sleep(50 * time.Millisecond)
	receiveEachOnce(t, sink, n)
}

// receiveEachOnce receives n values from sink and checks that they are
// 0..n-1, each once.
func receiveEachOnce(t *testing.T, sink *mpmc.Chan[int], n int) {
	t.Helper()
	got := map[int]int{}
	for range n {
		v, ok := recv(t, sink)
		if !ok {
			t.Fatal("sink closed")
		}
		got[v]++
	}
	for k := range n {
		if got[k] != 1 {
			t.Fatalf("value %d arrived %d times; want once", k, got[k])
		}
	}
}
