// stress_test: many goroutines selecting sends and receives across shared
// channels, at every capacity including 0: every value is received exactly
// once, nothing deadlocks (a watchdog fails the test with a goroutine dump
// instead of hanging), no wakeup is lost, and no goroutine is left behind.
//
// Source: issue 3's Tests section; the shape of Go's TestSelectStress and
// crossbeam-channel's select stress tests, with per-value accounting.
//
// Invariants: values are disjoint ranges per sending goroutine, counted in
// one atomic counter each, so a duplicate or a loss names the value; the
// goroutine that receives the last value closes quit, the only way any
// goroutine here ends.
package alt_test

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hoare-go/hoare/mpmc"
	alt "github.com/hoare-go/hoare/select"
)

// TestStress runs, for capacities 0, 1, 4 and 64, on three shared channels:
// four goroutines that only select-send (Fair, Priority in a rotated order,
// and a Selector with SendFrom), three that only select-receive (Fair,
// Priority, a Selector), and two that select-send and select-receive in
// the same select (so they meet each other, and themselves on a buffered
// channel). Every value must arrive exactly once.
func TestStress(t *testing.T) {
	for _, capacity := range []int{0, 1, 4, 64} {
		t.Run(fmt.Sprintf("cap=%d", capacity), func(t *testing.T) {
			defer noLeak(t)()
			defer watchdog(t, 40*time.Second)()
			stress(t, capacity, scale(5000, 2))
		})
	}
}

func stress(t *testing.T, capacity, perSender int) {
	const K, senders, receivers, both = 3, 4, 3, 2
	total := (senders + both) * perSender
	chans := make([]*mpmc.Chan[int], K)
	for i := range chans {
		chans[i] = mpmc.New[int](capacity)
	}
	quit := mpmc.New[struct{}](0)
	counts := make([]atomic.Int32, total)
	var received atomic.Int64
	var closeQuit sync.Once
	got := func(v int) {
		if v < 0 || v >= total {
			t.Errorf("received %d, never sent", v)
			return
		}
		if n := counts[v].Add(1); n > 1 {
			t.Errorf("value %d received %d times", v, n)
		}
		if received.Add(1) == int64(total) {
			closeQuit.Do(quit.Close)
		}
	}
	recvF := func(v int, ok bool) {
		if ok {
			got(v)
		}
	}
	quitCase := alt.Recv(quit, nil)

	var wg sync.WaitGroup
	for s := range senders {
		wg.Go(func() {
			base := s * perSender
			var v int
			sel := alt.NewSelector(alt.SendFrom(chans[0], &v, nil), alt.SendFrom(chans[1], &v, nil), alt.SendFrom(chans[2], &v, nil))
			for i := range perSender {
				v = base + i
				switch s % 3 {
				case 0:
					alt.Fair(alt.Send(chans[0], v, nil), alt.Send(chans[1], v, nil), alt.Send(chans[2], v, nil))
				case 1:
					r := i % K
					alt.Priority(alt.Send(chans[r], v, nil), alt.Send(chans[(r+1)%K], v, nil), alt.Send(chans[(r+2)%K], v, nil))
				case 2:
					if i%2 == 0 {
						sel.Fair()
					} else {
						sel.Priority()
					}
				}
			}
		})
	}
	for r := range receivers {
		wg.Go(func() {
			sel := alt.NewSelector(alt.Recv(chans[0], recvF), alt.Recv(chans[1], recvF), alt.Recv(chans[2], recvF), quitCase)
			for {
				var i int
				switch r {
				case 0:
					i = alt.Fair(alt.Recv(chans[0], recvF), alt.Recv(chans[1], recvF), alt.Recv(chans[2], recvF), quitCase)
				case 1:
					i = alt.Priority(quitCase, alt.Recv(chans[2], recvF), alt.Recv(chans[1], recvF), alt.Recv(chans[0], recvF))
					if i == 0 {
						i = K
					}
				default:
					i = sel.Fair()
				}
				if i == K {
					return
				}
			}
		})
	}
	for b := range both {
		wg.Go(func() {
			base := (senders + b) * perSender
			next := 0
			for {
				cases := make([]alt.Case, 0, 2*K+1)
				if next < perSender {
					v := base + next
					sent := func() { next++ }
					for k := range chans {
						cases = append(cases, alt.Send(chans[k], v, sent))
					}
				}
				for k := range chans {
					cases = append(cases, alt.Recv(chans[k], recvF))
				}
				cases = append(cases, quitCase)
				var i int
				if b == 0 {
					i = alt.Fair(cases...)
				} else {
					i = alt.Priority(cases...)
				}
				if i == len(cases)-1 {
					if next < perSender {
						t.Errorf("quit closed with %d values of goroutine %d unsent", perSender-next, senders+b)
					}
					return
				}
			}
		})
	}
	wg.Wait()
	if n := received.Load(); n != int64(total) {
		t.Fatalf("received %d values, want %d", n, total)
	}
	for v := range counts {
		if n := counts[v].Load(); n != 1 {
			t.Fatalf("value %d received %d times", v, n)
		}
	}
}

// TestNoLostWakeup dribbles values one at a time, each to a random one of
// four shared channels, to eight goroutines all parked in selects over the
// four (and a quit channel), and waits for each value to be acknowledged
// before sending the next: a selector that woke, lost the race and went
// back to sleep without passing the wakeup on would leave a value sitting
// in a channel while every selector sleeps, and the acknowledgement would
// never come. For capacities 0, 1 and 4.
func TestNoLostWakeup(t *testing.T) {
	for _, capacity := range []int{0, 1, 4} {
		t.Run(fmt.Sprintf("cap=%d", capacity), func(t *testing.T) {
			defer noLeak(t)()
			defer watchdog(t, 40*time.Second)()
			const K, G = 4, 8
			n := scale(3000, 5)
			chans := make([]*mpmc.Chan[int], K)
			for i := range chans {
				chans[i] = mpmc.New[int](capacity)
			}
			quit := mpmc.New[int](0)
			ack := make(chan int, 1)
			var wg sync.WaitGroup
			defer func() { quit.Close(); wg.Wait() }() // also after a failure: the test ends its goroutines
			for g := range G {                         // even: a Selector's Fair; odd: plain Priority calls
				wg.Go(func() { selectUntilQuit(chans, quit, ack, g%2 == 0, g%2 == 0) })
			}
			for v := range n {
				chans[rand.IntN(K)].Send(v)
				select {
				case got := <-ack:
					if got != v {
						t.Fatalf("acknowledged %d, want %d", got, v)
					}
				case <-time.After(10 * time.Second):
					t.Fatalf("value %d was never received: a lost wakeup (channel lengths %d %d %d %d)\n%s",
						v, chans[0].Len(), chans[1].Len(), chans[2].Len(), chans[3].Len(), stacks())
				}
			}
		})
	}
}

// TestNoLostWakeupBursts is TestNoLostWakeup with concurrent wakers: each
// round, four goroutines send one value each at once (to random channels
// of four), to eight selectors parked over the four, and every value must
// be acknowledged before the next round; a round that stalls is a value
// left sitting while selectors sleep.
func TestNoLostWakeupBursts(t *testing.T) {
	for _, capacity := range []int{0, 1, 4} {
		t.Run(fmt.Sprintf("cap=%d", capacity), func(t *testing.T) {
			defer noLeak(t)()
			defer watchdog(t, 40*time.Second)()
			const K, G, B = 4, 8, 4
			rounds := scale(1000, 5)
			chans := make([]*mpmc.Chan[int], K)
			for i := range chans {
				chans[i] = mpmc.New[int](capacity)
			}
			quit := mpmc.New[int](0)
			ack := make(chan int, B)
			var wg sync.WaitGroup
			defer func() { quit.Close(); wg.Wait() }()
			for g := range G { // even: a Selector's Priority; odd: plain Fair calls
				wg.Go(func() { selectUntilQuit(chans, quit, ack, g%2 == 0, g%2 != 0) })
			}
			for r := range rounds {
				var senders sync.WaitGroup
				for b := range B {
					senders.Go(func() { chans[rand.IntN(K)].Send(r*B + b) })
				}
				seen := 0
				for range B {
					select {
					case v := <-ack:
						if v/B != r {
							t.Fatalf("round %d: acknowledged %d from another round", r, v)
						}
						seen |= 1 << (v % B)
					case <-time.After(10 * time.Second):
						t.Fatalf("round %d: a value was never received: a lost wakeup (channel lengths %d %d %d %d)\n%s",
							r, chans[0].Len(), chans[1].Len(), chans[2].Len(), chans[3].Len(), stacks())
					}
				}
				if seen != 1<<B-1 {
					t.Fatalf("round %d: values acknowledged %b, want all %d", r, seen, B)
				}
				senders.Wait()
			}
		})
	}
}

// selectUntilQuit receives from chans, acknowledging each value on ack,
// until quit is closed: with a Selector built once, or with plain calls,
// and fair or with priority.
func selectUntilQuit(chans []*mpmc.Chan[int], quit *mpmc.Chan[int], ack chan<- int, selector, fair bool) {
	f := func(v int, _ bool) { ack <- v }
	var cases []alt.Case
	for _, c := range chans {
		cases = append(cases, alt.Recv(c, f))
	}
	cases = append(cases, alt.Recv(quit, nil)) // index len(chans)
	sel := alt.NewSelector(cases...)
	for {
		var i int
		switch {
		case selector && fair:
			i = sel.Fair()
		case selector:
			i = sel.Priority()
		case fair:
			i = alt.Fair(cases...)
		default:
			i = alt.Priority(cases...)
		}
		if i == len(chans) {
			return
		}
	}
}
