// Batch: the run waiter of a blocked SendMany (batch.go), step by step.
package mpmc_test

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/hoare-go/hoare/internal/chantest"
	"github.com/hoare-go/hoare/mpmc"
	alt "github.com/hoare-go/hoare/select"
)

// spawn runs f on a new goroutine and returns a channel closed when f
// returns.
func spawn(f func()) chan struct{} {
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	return done
}

// returned reports, for each channel, whether it is closed.
func returned(chs ...chan struct{}) string {
	s := ""
	for _, ch := range chs {
		select {
		case <-ch:
			s += "y"
		default:
			s += "n"
		}
	}
	return s
}

// fullChan returns a channel of capacity n holding 0..n-1.
func fullChan(n int) *mpmc.Chan[int] {
	c := mpmc.New[int](n)
	for i := range n {
		c.Send(i)
	}
	return c
}

// recvStep receives want from c, lets the bubble settle, and checks which
// of the goroutines behind chs have returned ("y") and which wait ("n").
func recvStep(t *testing.T, c *mpmc.Chan[int], want int, wantReturned string, chs ...chan struct{}) {
	t.Helper()
	if v, ok := c.Recv(); v != want || !ok {
		t.Fatalf("Recv = %d, %v; want %d, true", v, ok, want)
	}
	synctest.Wait()
	if got := returned(chs...); got != wantReturned {
		t.Fatalf("after receiving %d: returned %s, want %s (Len %d)", want, got, wantReturned, c.Len())
	}
}

// drain receives len(want) values and checks them in order.
func drain(t *testing.T, c *mpmc.Chan[int], want ...int) {
	t.Helper()
	var got []int
	for range want {
		v, _ := c.Recv()
		got = append(got, v)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) || c.Len() != 0 {
		t.Fatalf("drained %v with %d left, want %v and 0", got, c.Len(), want)
	}
}

// A SendMany blocked on a full buffer, with no other sender waiting, is
// served once its run fits (here 2 values, in a buffer of 4), not before,
// and then in one step; receivers pass it by without the lock meanwhile.
func TestRunWaiterAlone(t *testing.T) {
	bubble(t, func(t *testing.T) {
		c := fullChan(4)
		run := spawn(func() { c.SendMany([]int{4, 5}) })
		synctest.Wait()
		recvStep(t, c, 0, "n", run) // one slot free: the run of two does not fit
		recvStep(t, c, 1, "y", run) // two: the run is pushed
		drain(t, c, 2, 3, 4, 5)
	})
}

// A run waiter holds up no one queued behind it: a Send behind a SendMany
// waiting for room for its run gets the first slot that frees after its
// turn, as with a loop of native sends. (Before, the Sends here stayed
// asleep beside free slots until the run fit, and a receiver that waited
// for them deadlocked.)
func TestRunWaiterThenSends(t *testing.T) {
	bubble(t, func(t *testing.T) {
		c := fullChan(4)
		run := spawn(func() { c.SendMany([]int{4, 5}) })
		synctest.Wait()
		six := spawn(func() { c.Send(6) })
		synctest.Wait()
		seven := spawn(func() { c.Send(7) })
		synctest.Wait()
		// The run is first: it gets the first slot for 4, and queues again
		// behind the Sends for 5.
		recvStep(t, c, 0, "nnn", run, six, seven)
		recvStep(t, c, 1, "nyn", run, six, seven)
		recvStep(t, c, 2, "nyy", run, six, seven)
		recvStep(t, c, 3, "yyy", run, six, seven)
		drain(t, c, 4, 6, 7, 5)
	})
}

// Run waiters among every other kind of blocked sender, under load: two
// senders send runs with SendMany, one runs with TrySendMany (retrying
// what did not fit), and one each sends by Send (and its Try and Context
// forms), by SendAsync (waiting for its callback), and through a select,
// into small buffers that stay full, while receivers
// take values one at a time and in batches. Every value arrives exactly
// once and each sender's in order, whichever kind of waiter is first in
// line, and the run ends: a stall is reported by a watchdog rather than
// hanging the test binary.
func TestStressRunWaitersMixed(t *testing.T) {
	chantest.NoLeaks(t)
	each := raceScale(20000, 2000)
	for _, n := range []int{1, 4, 7, 64} {
		t.Run(fmt.Sprintf("cap=%d", n), func(t *testing.T) {
			const S, R = 6, 3
			c := mpmc.New[int](n)
			watchdog := time.AfterFunc(60*time.Second, func() {
				panic(fmt.Sprintf("%s: no end after 60s, %d values buffered: a sender was left asleep beside room", t.Name(), c.Len()))
			})
			defer watchdog.Stop()
			var wg sync.WaitGroup
			for p := range S {
				wg.Go(func() {
					rng := rand.New(rand.NewPCG(uint64(p), 11))
					buf := make([]int, 0, 16)
					acked := make(chan bool, 1)
					for i := 0; i < each; {
						switch p {
						case 0, 1: // runs
							k := min(1+rng.IntN(16), each-i)
							c.SendMany(runOf(buf, p, i, k))
							i += k
							continue
						case 2:
							if err := sendMixed(c, enc(p, i), i); err != nil {
								t.Errorf("sender %d: %v", p, err)
								return
							}
						case 3:
							c.SendAsync(enc(p, i), func(ok bool) { acked <- ok })
							if !<-acked {
								t.Errorf("sender %d: SendAsync on an open channel reported false", p)
								return
							}
						case 4:
							alt.Priority(alt.Send(c, enc(p, i), nil))
						case 5: // TrySendMany, retrying what the buffer did not take
							k := min(1+rng.IntN(16), each-i)
							sent, err := c.TrySendMany(runOf(buf, p, i, k))
							if err != nil && err != mpmc.ErrWouldBlock || err == nil && sent != k || sent > k {
								t.Errorf("sender %d: TrySendMany of %d sent %d, %v", p, k, sent, err)
								return
							}
							if sent == 0 {
								runtime.Gosched()
							}
							i += sent
							continue
						}
						i++
					}
				})
			}
			received := receiveRuns(c, R, func(r int) int { return 1 + r*7 }, func(r, k int) bool { return r != 1 || k%3 == 0 })
			wg.Wait()
			c.Close()
			checkExactlyOnce(t, received(), S, each)
		})
	}
}

// A RecvAsync callback runs on the sending goroutine, inside the send that
// serves it; one that closes the channel sees, from TrySendMany, what it sees
// from a loop of TrySend: it gets 1 and closes c before 2 is tried, so
// TrySendMany sends 1 and leaves nothing in c (a run pushed ahead of the
// callback sent 2 and left it in the closed channel).
func TestTrySendManyServesCallbacksAsALoop(t *testing.T) {
	run := func(many bool) string {
		c := mpmc.New[int](2)
		var got []int
		c.RecvAsync(func(v int, ok bool) {
			got = append(got, v)
			c.Close()
		})
		vs := []int{1, 2, 3}
		var n int
		var err error
		if many {
			n, err = c.TrySendMany(vs)
		} else {
			for _, v := range vs {
				if err = c.TrySend(v); err != nil {
					break
				}
				n++
			}
		}
		var rest []int
		for {
			v, err := c.TryRecv()
			if err != nil {
				break
			}
			rest = append(rest, v)
		}
		return fmt.Sprintf("sent %d, %v; callback got %v; left in c %v", n, err, got, rest)
	}
	loop, many := run(false), run(true)
	if loop != many {
		t.Fatalf("TrySendMany is not a loop of TrySend here:\n  loop of TrySend: %s\n  TrySendMany:     %s", loop, many)
	}
}
