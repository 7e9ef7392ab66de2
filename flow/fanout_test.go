// Tests of fanout's state word: the lock-free idle transitions of put and
// next racing with queued values, a waiting put and stop.
package flow

import (
	"context"
	"fmt"
	"testing"

	"github.com/hoare-go/hoare/mpmc"
)

// TestFanoutStopRacesDelivery puts values into a fanout while stop runs
// at any moment; whatever the interleaving, the tap is closed (no close is
// stranded by next's lock-free idle transition), it receives an in-order
// prefix of the values put (all of them unless stop discarded the queue),
// and put refuses only after stop.
func TestFanoutStopRacesDelivery(t *testing.T) {
	noLeaks(t)
	for _, buf := range []int{0, 1, 4} {
		for _, tapCap := range []int{0, 1, 8} {
			for _, discard := range []bool{false, true} {
				t.Run(fmt.Sprintf("buf=%d/tap=%d/discard=%v", buf, tapCap, discard), func(t *testing.T) {
					for round := range 200 {
						fanoutStopRound(t, buf, tapCap, discard, round)
					}
				})
			}
		}
	}
}

func fanoutStopRound(t *testing.T, buf, tapCap int, discard bool, round int) {
	f := newFanout[int](buf)
	ch := mpmc.New[int](tapCap)
	f.add(ch, true)
	type result struct {
		vs  []int
		err error
	}
	got := make(chan result, 1)
	go func() {
		vs, err := Into(testCtx(t), []int(nil), ch) // bounded: a tap never closed fails the round
		got <- result{vs, err}
	}()
	stopAfter := round % 17
	put := 0
	for i := range 32 {
		if i == stopAfter {
			go f.stop(true, discard)
		}
		if f.put(context.Background(), i) != nil {
			break
		}
		put++
	}
	r := <-got
	if r.err != nil {
		t.Fatalf("round %d: the tap was not closed after stop (%v); it got %v", round, r.err, r.vs)
	}
	vs := r.vs
	for i, v := range vs {
		if v != i {
			t.Fatalf("round %d: got %v, want an in-order prefix of 0..%d", round, vs, put-1)
		}
	}
	if !discard && len(vs) != put {
		t.Fatalf("round %d: tap got %d values, %d were put and nothing was discarded", round, len(vs), put)
	}
	if put < stopAfter {
		t.Fatalf("round %d: put refused value %d before stop was called", round, put)
	}
}

// A fanout stopped while its putter holds it (putRun, putRunMany) refuses the
// putter's next values and is finished once the hold ends: the stop that a Pub's
// UnsubTopic makes between the Pub's lookup of a topic and its next offer there.
// With close == true (stop as at the source's end) the tap is closed then, not
// before, and got only the value put before the stop.
func TestFanoutStopUnderHold(t *testing.T) {
	noLeaks(t)
	for _, many := range []bool{false, true} {
		t.Run(fmt.Sprintf("many=%v", many), func(t *testing.T) {
			f := newFanout[int](0)
			ch := mpmc.New[int](8)
			f.add(ch, true)
			if !f.putRun(1) || !f.held {
				t.Fatal("putRun on an idle fanout whose tap has room did not hold it")
			}
			f.stop(true, false)
			if v, err := ch.TryRecv(); v != 1 || err != nil {
				t.Fatalf("tap: %d, %v; want 1", v, err)
			}
			if _, err := ch.TryRecv(); err != mpmc.ErrWouldBlock {
				t.Fatalf("tap: %v while the hold lasts, want it open and empty", err)
			}
			if many {
				if n := f.putRunMany([]int{2, 3}); n != 0 {
					t.Fatalf("putRunMany after stop sent %d values", n)
				}
			} else if f.putRun(2) {
				t.Fatal("putRun after stop took a value")
			}
			if f.held {
				t.Fatal("the hold outlived the stop")
			}
			if err := f.put(context.Background(), 4); err != errStopped {
				t.Fatalf("put after stop: %v, want errStopped", err)
			}
			if v, err := ch.TryRecv(); err != mpmc.ErrClosed {
				t.Fatalf("tap: %d, %v once the hold ended, want closed and empty", v, err)
			}
		})
	}
}
