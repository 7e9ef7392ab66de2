// Stress: the channel's guarantees under many producers and consumers, for
// every capacity and policy, with Close and context cancellation racing the
// operations they interrupt.
//
// Source: the API's guarantees (/work/shared/API.md, "Guarantees"): every
// value sent is received at most once, and exactly once unless dropped by a
// policy; values from one sender arrive in the order it sent them; a value
// buffered before Close is still received after it; a cancelled send never
// delivers later; a cancelled receive takes nothing.
//
// Invariants:
//   - A value encodes its sender and sequence number (see enc), so every
//     received value can be traced to exactly one send.
//   - Every sender records the outcome of each send (delivered, panicked,
//     ErrClosed, ctx.Err()), every receiver what it got; the checks are made
//     only from those records, after all goroutines are done.
//   - Every test checks that no goroutine outlives it.
package mpmc_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hoare-go/hoare/internal/chantest"
	"github.com/hoare-go/hoare/mpmc"
)

// enc packs sender p's i-th value (i < 1<<24, so that it fits a 32-bit
// int too: CI runs these tests on GOARCH=386); dec unpacks it.
func enc(p, i int) int     { return p<<24 | i }
func dec(v int) (p, i int) { return v >> 24, v & (1<<24 - 1) }

// received is what one receiver got, in order.
type received []int

// checkOrder fails t unless, in what one receiver got, each sender's values
// are strictly increasing and every value was one some sender could send.
func checkOrder(t *testing.T, got received, senders, each int) {
	t.Helper()
	last := make([]int, senders)
	for i := range last {
		last[i] = -1
	}
	for _, v := range got {
		p, i := dec(v)
		if p < 0 || p >= senders || i >= each {
			t.Fatalf("received %#x (sender %d, #%d): never sent", v, p, i)
		}
		if i <= last[p] {
			t.Fatalf("sender %d's values out of order at one receiver: #%d after #%d", p, i, last[p])
		}
		last[p] = i
	}
}

// checkExactlyOnce fails t unless every receiver got each sender's values
// in order (checkOrder) and every value sent was received exactly once.
func checkExactlyOnce(t *testing.T, out []received, senders, each int) {
	t.Helper()
	for _, got := range out {
		checkOrder(t, got, senders, each)
	}
	for p, counts := range tally(out, senders, each) {
		for i, k := range counts {
			if k != 1 {
				t.Fatalf("sender %d's #%d received %d times; want exactly once", p, i, k)
			}
		}
	}
}

// tally counts how often each (sender, seq) was received over all receivers.
func tally(all []received, senders, each int) [][]int {
	n := make([][]int, senders)
	for p := range n {
		n[p] = make([]int, each)
	}
	for _, got := range all {
		for _, v := range got {
			p, i := dec(v)
			n[p][i]++
		}
	}
	return n
}

// sendMixed sends v by one of the four send forms, chosen by k; with cap 0
// a TrySend that finds no receiver falls back to Send, so that all sides
// spinning in Try at once cannot livelock.
func sendMixed(c *mpmc.Chan[int], v, k int) error {
	switch k % 4 {
	case 0:
		c.Send(v)
	case 1:
		for range 50 {
			if err := c.TrySend(v); err != mpmc.ErrWouldBlock {
				return err
			}
			runtime.Gosched()
		}
		c.Send(v)
	case 2:
		return c.SendContext(context.Background(), v)
	case 3:
		// A context that never ends but can: the slow path's select on
		// ctx.Done() is exercised, not skipped.
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		return c.SendContext(ctx, v)
	}
	return nil
}

// recvMixed receives by one of the four receive forms, chosen by k; ok is
// false once the channel is closed and drained.
func recvMixed(c *mpmc.Chan[int], k int) (int, bool) {
	switch k % 4 {
	case 0:
		return c.Recv()
	case 1:
		for range 50 {
			v, err := c.TryRecv()
			if err == nil {
				return v, true
			}
			if err == mpmc.ErrClosed {
				return 0, false
			}
			runtime.Gosched()
		}
		return c.Recv()
	case 2:
		v, err := c.RecvContext(context.Background())
		return v, err == nil
	default:
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		v, err := c.RecvContext(ctx)
		return v, err == nil
	}
}

// runProdCons runs senders x each values through c with the mixed forms,
// closes c when all are sent, and returns what each receiver got. With
// yield, senders yield the processor every few sends, so that receivers of
// a never-blocking (Dropping, Sliding) channel get a share of the values.
func runProdCons(t *testing.T, c *mpmc.Chan[int], senders, receivers, each int, yield bool) []received {
	t.Helper()
	var wg sync.WaitGroup
	for p := range senders {
		wg.Go(func() {
			for i := range each {
				if err := sendMixed(c, enc(p, i), p+i); err != nil {
					t.Errorf("sender %d: send #%d: %v", p, i, err)
					return
				}
				if yield && i%4 == 0 {
					runtime.Gosched()
				}
			}
		})
	}
	out := make([]received, receivers)
	var rg sync.WaitGroup
	for r := range receivers {
		rg.Go(func() {
			for k := r; ; k++ {
				v, ok := recvMixed(c, k)
				if !ok {
					return
				}
				out[r] = append(out[r], v)
			}
		})
	}
	// An observer: Len stays within [0, Cap] at every instant it is read.
	stop := make(chan struct{})
	observed := chantest.Go(func() {
		for {
			select {
			case <-stop:
				return
			default:
			}
			if l := c.Len(); l < 0 || l > c.Cap() {
				t.Errorf("Len() = %d during traffic; want within [0, %d]", l, c.Cap())
				return
			}
			runtime.Gosched()
		}
	}, nil)
	wg.Wait()
	c.Close()
	rg.Wait()
	close(stop)
	<-observed
	return out
}

// Exactly once and per-sender FIFO, many senders and receivers, every
// capacity, every send and receive form mixed.
func TestStressExactlyOnce(t *testing.T) {
	chantest.NoLeaks(t)
	total := raceScale(40000, 4000)
	for _, n := range []int{0, 1, 7, 64, 1024} {
		for _, shape := range [][2]int{{4, 4}, {8, 1}, {1, 8}} {
			t.Run(fmt.Sprintf("cap=%d/procs=%dx%d", n, shape[0], shape[1]), func(t *testing.T) {
				c := mpmc.New[int](n)
				each := total / shape[0]
				out := runProdCons(t, c, shape[0], shape[1], each, false)
				for _, got := range out {
					checkOrder(t, got, shape[0], each)
				}
				for p, counts := range tally(out, shape[0], each) {
					for i, k := range counts {
						if k != 1 {
							t.Fatalf("sender %d's #%d received %d times; want exactly once", p, i, k)
						}
					}
				}
			})
		}
	}
}

// Cap is exactly the capacity given, never rounded, and exactly that many
// values fit (the ring underneath may be larger).
func TestCapExact(t *testing.T) {
	for _, n := range []int{0, 1, 2, 3, 5, 100, 1000, 1023, 1025} {
		for _, opts := range [][]mpmc.Option{nil, {mpmc.Dropping()}, {mpmc.Sliding()}} {
			if n == 0 && opts != nil {
				continue
			}
			c := mpmc.New[int](n, opts...)
			if c.Cap() != n {
				t.Fatalf("New(%d).Cap() = %d", n, c.Cap())
			}
			if opts != nil {
				continue
			}
			fit := 0
			for c.TrySend(fit) == nil {
				fit++
			}
			if fit != n || c.Len() != n {
				t.Fatalf("New(%d): %d values fit, Len() = %d; want exactly %d", n, fit, c.Len(), n)
			}
		}
	}
}

// Dropping and Sliding under many senders and receivers: sends never block,
// every value received is unique, was sent, and keeps its sender's order.
func TestStressPolicies(t *testing.T) {
	chantest.NoLeaks(t)
	each := raceScale(20000, 2000)
	for _, pol := range []struct {
		name string
		opt  mpmc.Option
	}{{"Dropping", mpmc.Dropping()}, {"Sliding", mpmc.Sliding()}} {
		for _, n := range []int{1, 7, 64, 1024} {
			t.Run(fmt.Sprintf("policy=%s/cap=%d", pol.name, n), func(t *testing.T) {
				const P, R = 4, 3
				c := mpmc.New[int](n, pol.opt)
				out := runProdCons(t, c, P, R, each, true)
				total := 0
				for _, got := range out {
					checkOrder(t, got, P, each)
					total += len(got)
				}
				for p, counts := range tally(out, P, each) {
					for i, k := range counts {
						if k > 1 {
							t.Fatalf("sender %d's #%d received %d times; want at most once", p, i, k)
						}
					}
				}
				if total == 0 {
					t.Fatalf("nothing received")
				}
				t.Logf("received %d of %d values", total, P*each)
			})
		}
	}
}

// With nobody receiving, Dropping keeps the first cap values sent and
// Sliding the last cap, in order; every send form succeeds at once.
func TestPolicySemantics(t *testing.T) {
	chantest.NoLeaks(t)
	for _, n := range []int{1, 3, 64} {
		for _, sliding := range []bool{false, true} {
			name := fmt.Sprintf("policy=Dropping/cap=%d", n)
			opt := mpmc.Dropping()
			if sliding {
				name, opt = fmt.Sprintf("policy=Sliding/cap=%d", n), mpmc.Sliding()
			}
			t.Run(name, func(t *testing.T) {
				c := mpmc.New[int](n, opt)
				if c.Cap() != n {
					t.Fatalf("Cap() = %d; want %d", c.Cap(), n)
				}
				const m = 200
				done := chantest.Go(func() {
					for i := range m {
						switch i % 4 {
						case 0:
							c.Send(i)
						case 1:
							if err := c.TrySend(i); err != nil {
								t.Errorf("TrySend(%d) on a %s chan = %v; want nil", i, name, err)
							}
						case 2:
							if err := c.SendContext(context.Background(), i); err != nil {
								t.Errorf("SendContext(%d) on a %s chan = %v; want nil", i, name, err)
							}
						case 3:
							var got, calls int
							var okv bool
							c.SendAsync(i, func(ok bool) { calls++; okv = ok })
							if got = calls; got != 1 || !okv {
								t.Errorf("SendAsync(%d) on a full %s chan: done ran %d times with %v before returning; want once with true", i, name, got, okv)
							}
						}
					}
				}, nil)
				chantest.Wait(t, done, "sends on a full "+name+" chan (they must not block)")
				if c.Len() != n {
					t.Fatalf("Len() = %d; want %d", c.Len(), n)
				}
				c.Close()
				// Closed (and full): every send form refuses, none drops
				// silently.
				if err := c.TrySend(-1); err != mpmc.ErrClosed {
					t.Errorf("TrySend on a closed, full %s chan = %v; want ErrClosed", name, err)
				}
				if err := c.SendContext(context.Background(), -1); err != mpmc.ErrClosed {
					t.Errorf("SendContext on a closed, full %s chan = %v; want ErrClosed", name, err)
				}
				if _, panicked := chantest.PanicMessage(func() { c.Send(-1) }); !panicked {
					t.Errorf("Send on a closed, full %s chan did not panic", name)
				}
				var asyncOK []bool
				c.SendAsync(-1, func(ok bool) { asyncOK = append(asyncOK, ok) })
				if len(asyncOK) != 1 || asyncOK[0] {
					t.Errorf("SendAsync on a closed, full %s chan: done %v; want once with false", name, asyncOK)
				}
				first := 0
				if sliding {
					first = m - n
				}
				for i := range n {
					if v, ok := c.Recv(); v != first+i || !ok {
						t.Fatalf("Recv #%d = %d, %v; want %d, true", i, v, ok, first+i)
					}
				}
				if _, ok := c.Recv(); ok {
					t.Fatalf("Recv after draining: ok")
				}
			})
		}
	}
}

// A receiver blocked on an empty Dropping/Sliding chan gets the next value:
// the policy applies only when full.
func TestPolicyWakesReceiver(t *testing.T) {
	chantest.NoLeaks(t)
	for _, opt := range []mpmc.Option{mpmc.Dropping(), mpmc.Sliding()} {
		c := mpmc.New[int](1, opt)
		got := make(chan int, 1)
		go func() {
			v, _ := c.Recv()
			got <- v
		}()
		time.Sleep(chantest.Blocked)
		c.Send(1)
		select {
		case v := <-got:
			if v != 1 {
				t.Fatalf("receiver got %d; want 1", v)
			}
		case <-time.After(chantest.Await):
			t.Fatalf("receiver blocked on an empty policy chan never woke")
		}
		// A pending RecvAsync likewise gets the next value, by the time
		// the Send that completes it returns.
		var v int
		var calls int
		c.RecvAsync(func(x int, ok bool) { v, calls = x, calls+1 })
		c.Send(2)
		if calls != 1 || v != 2 {
			t.Fatalf("pending RecvAsync on a policy chan: %d calls, value %d after Send(2) returned; want 1 call with 2", calls, v)
		}
		if c.Len() != 0 {
			t.Fatalf("Len() = %d after the value went to a pending RecvAsync", c.Len())
		}
	}
}

// Close races with senders (blocked or not) and receivers: a Send that
// returned was received exactly once, a Send that panicked did so with
// "send on closed channel" and its value was never received, SendContext's
// ErrClosed likewise; every receiver ends with ok == false; nothing
// buffered before Close is lost.
func TestStressCloseRace(t *testing.T) {
	chantest.NoLeaks(t)
	rounds := raceScale(300, 60)
	for _, n := range []int{0, 1, 7, 64} {
		t.Run(fmt.Sprintf("cap=%d", n), func(t *testing.T) {
			var delivered, refused int
			for round := range rounds {
				d, r := closeRaceRound(t, n, round)
				delivered, refused = delivered+d, refused+r
				if t.Failed() {
					return
				}
			}
			t.Logf("%d rounds: %d sends delivered, %d refused by Close", rounds, delivered, refused)
			if refused == 0 {
				t.Errorf("no send was ever refused by Close: the race was not exercised")
			}
		})
	}
}

// closeRaceRound runs one round and returns how many sends were delivered
// and how many refused by Close.
func closeRaceRound(t *testing.T, n, round int) (delivered, refused int) {
	const S, R, each = 6, 3, 20
	c := mpmc.New[int](n)
	rng := rand.New(rand.NewPCG(uint64(n), uint64(round)))
	// outcome[p][i]: 1 delivered (Send returned / nil), 2 refused (panic or ErrClosed), 0 not attempted
	outcome := make([][]int, S)
	var wg sync.WaitGroup
	for p := range S {
		outcome[p] = make([]int, each)
		wg.Go(func() {
			for i := range each {
				v := enc(p, i)
				if p%2 == 0 {
					msg, panicked := chantest.PanicMessage(func() { c.Send(v) })
					if panicked {
						if !strings.Contains(msg, "send on closed channel") {
							t.Errorf("Send racing Close panicked with %q; want %q", msg, "send on closed channel")
						}
						outcome[p][i] = 2
						return
					}
				} else {
					err := c.SendContext(context.Background(), v)
					if err == mpmc.ErrClosed {
						outcome[p][i] = 2
						return
					}
					if err != nil {
						t.Errorf("SendContext racing Close = %v; want nil or ErrClosed", err)
						return
					}
				}
				outcome[p][i] = 1
			}
		})
	}
	out := make([]received, R)
	var rg sync.WaitGroup
	for r := range R {
		rg.Go(func() {
			// A slow start, sometimes, so that senders block first.
			if (round+r)%3 == 0 {
				time.Sleep(50 * time.Microsecond)
			}
			for k := r; ; k++ {
				v, ok := recvMixed(c, k)
				if !ok {
					return
				}
				out[r] = append(out[r], v)
			}
		})
	}
	// Close at a random point: at once, after a yield, or after a pause.
	switch rng.IntN(3) {
	case 1:
		runtime.Gosched()
	case 2:
		time.Sleep(time.Duration(rng.IntN(200)) * time.Microsecond)
	}
	c.Close()
	wg.Wait()
	rg.Wait()
	for _, got := range out {
		checkOrder(t, got, S, each)
	}
	counts := tally(out, S, each)
	for p := range S {
		for i := range each {
			k, o := counts[p][i], outcome[p][i]
			switch {
			case o == 1 && k != 1:
				t.Fatalf("cap %d round %d: sender %d's #%d: send returned normally but received %d times", n, round, p, i, k)
			case o != 1 && k != 0:
				t.Fatalf("cap %d round %d: sender %d's #%d: send refused by Close (or never made) but received %d times", n, round, p, i, k)
			case o == 1:
				delivered++
			case o == 2:
				refused++
			}
		}
	}
	if v, ok := c.Recv(); ok {
		t.Fatalf("Recv after everything drained = %d, true", v)
	}
	return delivered, refused
}

// SendContext and RecvContext with deadlines that expire while they race
// matching operations: a send that returned ctx.Err() is never received; a
// send that returned nil is received exactly once (so a receive that
// returned ctx.Err() took nothing).
func TestStressContextCancel(t *testing.T) {
	chantest.NoLeaks(t)
	each := raceScale(5000, 1000)
	for _, n := range []int{0, 1, 7, 64} {
		t.Run(fmt.Sprintf("cap=%d", n), func(t *testing.T) {
			const S, R = 3, 3
			c := mpmc.New[int](n)
			sent := make([][]bool, S)
			var wg sync.WaitGroup
			for p := range S {
				sent[p] = make([]bool, each)
				wg.Go(func() {
					rng := rand.New(rand.NewPCG(uint64(p), 1))
					for i := range each {
						var err error
						if i%5 == 4 {
							// A TrySend meeting receivers whose deadlines
							// are expiring: nil only if one took it.
							if err = c.TrySend(enc(p, i)); err == mpmc.ErrWouldBlock {
								err = context.DeadlineExceeded
							}
						} else {
							ctx, cancel := context.WithTimeout(context.Background(), time.Duration(rng.IntN(30))*time.Microsecond)
							err = c.SendContext(ctx, enc(p, i))
							cancel()
						}
						switch {
						case err == nil:
							sent[p][i] = true
						case errors.Is(err, context.DeadlineExceeded):
						default:
							t.Errorf("SendContext = %v; want nil or DeadlineExceeded", err)
							return
						}
					}
				})
			}
			out := make([]received, R)
			var rg sync.WaitGroup
			for r := range R {
				rg.Go(func() {
					rng := rand.New(rand.NewPCG(uint64(r), 2))
					for {
						ctx, cancel := context.WithTimeout(context.Background(), time.Duration(rng.IntN(30))*time.Microsecond)
						v, err := c.RecvContext(ctx)
						cancel()
						switch {
						case err == nil:
							out[r] = append(out[r], v)
						case err == mpmc.ErrClosed:
							return
						case errors.Is(err, context.DeadlineExceeded):
						default:
							t.Errorf("RecvContext = %v; want nil, ErrClosed or DeadlineExceeded", err)
							return
						}
					}
				})
			}
			wg.Wait()
			c.Close()
			rg.Wait()
			for _, got := range out {
				checkOrder(t, got, S, each)
			}
			delivered, cancelled := 0, 0
			for p, counts := range tally(out, S, each) {
				for i, k := range counts {
					switch {
					case sent[p][i] && k != 1:
						t.Fatalf("sender %d's #%d: SendContext returned nil but the value was received %d times", p, i, k)
					case !sent[p][i] && k != 0:
						t.Fatalf("sender %d's #%d: SendContext returned DeadlineExceeded but the value was received %d times", p, i, k)
					}
					if sent[p][i] {
						delivered++
					} else {
						cancelled++
					}
				}
			}
			t.Logf("%d delivered, %d cancelled", delivered, cancelled)
		})
	}
}

// A value received from the channel, or slid out of a Sliding buffer, is
// no longer referenced by the channel: it becomes collectable.
func TestRecvReleasesValue(t *testing.T) {
	chantest.NoLeaks(t)
	type big struct{ b [64]byte }
	collectable := func(t *testing.T, what string, f func(p *big)) {
		t.Helper()
		p := new(big)
		freed := make(chan struct{})
		runtime.AddCleanup(p, func(ch chan struct{}) { close(ch) }, freed)
		f(p)
		p = nil
		deadline := time.Now().Add(chantest.Await)
		for !chantest.Done(freed) {
			if time.Now().After(deadline) {
				t.Fatalf("%s: the value is still referenced after %v of GCs", what, chantest.Await)
			}
			runtime.GC()
			time.Sleep(time.Millisecond)
		}
	}
	for _, n := range []int{1, 4} {
		c := mpmc.New[*big](n)
		collectable(t, fmt.Sprintf("cap %d Recv", n), func(p *big) {
			c.Send(p)
			if v, _ := c.Recv(); v != p {
				t.Fatalf("received a different pointer")
			}
		})
		collectable(t, fmt.Sprintf("cap %d TryRecv", n), func(p *big) {
			c.Send(p)
			if v, _ := c.TryRecv(); v != p {
				t.Fatalf("received a different pointer")
			}
		})
		// Keep the channel alive and in use past the checks.
		c.Send(nil)
		c.Recv()
	}
	c0 := mpmc.New[*big](0)
	collectable(t, "cap 0 Send/Recv", func(p *big) {
		done := chantest.Go(func() { c0.Send(p) }, nil)
		c0.Recv()
		<-done
	})
	s := mpmc.New[*big](2, mpmc.Sliding())
	collectable(t, "slid out of a Sliding buffer", func(p *big) {
		s.Send(p)
		s.Send(new(big))
		s.Send(new(big)) // slides p out
	})
	s.Recv()
	s.Recv()
	runtime.KeepAlive(c0)
	runtime.KeepAlive(s)
}

// runOf fills buf with sender p's values #i to #i+k-1, for a SendMany.
func runOf(buf []int, p, i, k int) []int {
	buf = buf[:0]
	for j := range k {
		buf = append(buf, enc(p, i+j))
	}
	return buf
}

// recvRuns receives from c until it is closed and drained: its kth
// receive is a Recv where one(k) says so, a RecvMany into buf elsewhere.
func recvRuns(c *mpmc.Chan[int], buf []int, one func(k int) bool) received {
	var got received
	for k := 0; ; k++ {
		if one(k) {
			v, ok := c.Recv()
			if !ok {
				return got
			}
			got = append(got, v)
			continue
		}
		m := c.RecvMany(buf)
		if m == 0 {
			return got
		}
		got = append(got, buf[:m]...)
	}
}

// receiveRuns starts R receivers of c, receiver r running recvRuns with a
// buffer of bufLen(r) values and one(r, k). The func it returns waits for
// them (c must be closed by then, or about to be) and returns what each got.
func receiveRuns(c *mpmc.Chan[int], R int, bufLen func(r int) int, one func(r, k int) bool) func() []received {
	out := make([]received, R)
	var rg sync.WaitGroup
	for r := range R {
		rg.Go(func() {
			out[r] = recvRuns(c, make([]int, bufLen(r)), func(k int) bool { return one(r, k) })
		})
	}
	return func() []received {
		rg.Wait()
		return out
	}
}

// The batch extras, SendMany and RecvMany, mixed with Send and Recv: every
// value exactly once, each sender's in order, for every capacity.
func TestStressBatch(t *testing.T) {
	chantest.NoLeaks(t)
	each := raceScale(20000, 2000)
	for _, n := range []int{0, 1, 7, 64, 1024} {
		t.Run(fmt.Sprintf("cap=%d", n), func(t *testing.T) {
			const S, R = 4, 4
			c := mpmc.New[int](n)
			var wg sync.WaitGroup
			for p := range S {
				wg.Go(func() {
					rng := rand.New(rand.NewPCG(uint64(p), 3))
					buf := make([]int, 0, 16)
					for i := 0; i < each; {
						k := min(1+rng.IntN(16), each-i)
						if p == 0 && i%2 == 0 {
							c.Send(enc(p, i))
							i++
							continue
						}
						buf = runOf(buf, p, i, k)
						c.SendMany(buf)
						i += k
					}
				})
			}
			received := receiveRuns(c, R, func(r int) int { return 1 + r*5 }, func(r, k int) bool { return r == 0 && k%2 == 0 })
			wg.Wait()
			c.Close()
			checkExactlyOnce(t, received(), S, each)
		})
	}
}

// SendMany waiting for room for a run (a run waiter, batch.go) while
// receivers take values one at a time, and Close racing with it. A
// SendMany that Close interrupts panics as Send does, after the values it
// sent; so what each sender got delivered is a prefix of what it meant to
// send, each value exactly once and in order at every receiver.
func TestStressSendManyClose(t *testing.T) {
	chantest.NoLeaks(t)
	rounds := raceScale(40, 10)
	for _, n := range []int{1, 2, 7, 64, 1024} {
		t.Run(fmt.Sprintf("cap=%d", n), func(t *testing.T) {
			for round := range rounds {
				const S, R = 4, 2
				each := 4 * n
				c := mpmc.New[int](n)
				var wg sync.WaitGroup
				for p := range S {
					wg.Go(func() {
						defer func() {
							if r := recover(); r != nil && fmt.Sprint(r) != "mpmc: send on closed channel" {
								t.Errorf("SendMany panicked with %v", r)
							}
						}()
						rng := rand.New(rand.NewPCG(uint64(p), uint64(round)))
						buf := make([]int, 0, 2*n)
						for i := 0; i < each; {
							k := min(1+rng.IntN(2*n), each-i)
							buf = runOf(buf, p, i, k)
							c.SendMany(buf)
							i += k
						}
					})
				}
				// Mostly one at a time, so that runs wait for room.
				received := receiveRuns(c, R, func(int) int { return 3 }, func(r, k int) bool { return r == 0 || k%3 != 0 })
				if round%2 == 0 {
					time.Sleep(time.Duration(rand.IntN(200)) * time.Microsecond)
				} else {
					wg.Wait() // every SendMany completes: nothing may be missing
				}
				c.Close()
				wg.Wait()
				out := received()
				for _, got := range out {
					checkOrder(t, got, S, each)
				}
				for p, counts := range tally(out, S, each) {
					seen := 0
					for seen < each && counts[seen] == 1 {
						seen++
					}
					for i := seen; i < each; i++ {
						if counts[i] != 0 {
							t.Fatalf("round %d: sender %d's #%d received %d times after #%d was not: not a prefix, or duplicated", round, p, i, counts[i], seen)
						}
					}
					if round%2 == 1 && seen != each {
						t.Fatalf("round %d: sender %d: %d of %d values received, with every SendMany completed before Close", round, p, seen, each)
					}
				}
			}
		})
	}
}

// Close, deadlines and matching operations all racing: SendContext's nil
// means received exactly once; DeadlineExceeded or ErrClosed means never.
func TestStressContextCloseRace(t *testing.T) {
	chantest.NoLeaks(t)
	rounds := raceScale(100, 25)
	for _, n := range []int{0, 1, 7} {
		t.Run(fmt.Sprintf("cap=%d", n), func(t *testing.T) {
			for round := range rounds {
				const S, R, each = 3, 3, 40
				c := mpmc.New[int](n)
				var sent [S][each]bool
				var wg sync.WaitGroup
				for p := range S {
					wg.Go(func() {
						rng := rand.New(rand.NewPCG(uint64(p), uint64(round)))
						for i := range each {
							ctx, cancel := context.WithTimeout(context.Background(), time.Duration(rng.IntN(20))*time.Microsecond)
							err := c.SendContext(ctx, enc(p, i))
							cancel()
							switch {
							case err == nil:
								sent[p][i] = true
							case err == mpmc.ErrClosed:
								return
							case !errors.Is(err, context.DeadlineExceeded):
								t.Errorf("SendContext = %v", err)
								return
							}
						}
					})
				}
				out := make([]received, R)
				for r := range R {
					wg.Go(func() {
						rng := rand.New(rand.NewPCG(uint64(r), uint64(round)+100))
						for {
							ctx, cancel := context.WithTimeout(context.Background(), time.Duration(rng.IntN(20))*time.Microsecond)
							v, err := c.RecvContext(ctx)
							cancel()
							switch {
							case err == nil:
								out[r] = append(out[r], v)
							case err == mpmc.ErrClosed:
								return
							case !errors.Is(err, context.DeadlineExceeded):
								t.Errorf("RecvContext = %v", err)
								return
							}
						}
					})
				}
				time.Sleep(time.Duration(round%5) * 50 * time.Microsecond)
				c.Close()
				wg.Wait()
				for _, got := range out {
					checkOrder(t, got, S, each)
				}
				for p, counts := range tally(out, S, each) {
					for i, k := range counts {
						if sent[p][i] != (k == 1) || k > 1 {
							t.Fatalf("round %d: sender %d's #%d: SendContext nil=%v but received %d times", round, p, i, sent[p][i], k)
						}
					}
				}
			}
		})
	}
}

// Goroutines that wait on one channel, give up (deadline), and then wait
// on another must not be woken on the second by the first's late hand-off
// (a parking object reused across channels): a receive on an open channel
// never reports ErrClosed, and every value delivered is received exactly
// once, on the channel it was sent to.
func TestStressStaleWakeup(t *testing.T) {
	chantest.NoLeaks(t)
	each := raceScale(3000, 600)
	for _, n := range []int{0, 1} {
		t.Run(fmt.Sprintf("cap=%d", n), func(t *testing.T) {
			const S, R = 4, 4
			chans := [2]*mpmc.Chan[int]{mpmc.New[int](n), mpmc.New[int](n)}
			// sent[p][i] is set when value i of sender p was accepted; sender
			// p writes to chans[p%2] (with an occasional deadline).
			sent := make([][]bool, S)
			var wg sync.WaitGroup
			for p := range S {
				sent[p] = make([]bool, each)
				wg.Go(func() {
					c := chans[p%2]
					rng := rand.New(rand.NewPCG(uint64(p), 7))
					for i := range each {
						if rng.IntN(2) == 0 {
							c.Send(enc(p, i))
							sent[p][i] = true
							continue
						}
						ctx, cancel := context.WithTimeout(context.Background(), time.Duration(rng.IntN(20))*time.Microsecond)
						if c.SendContext(ctx, enc(p, i)) == nil {
							sent[p][i] = true
						}
						cancel()
					}
				})
			}
			// Receivers alternate: a short RecvContext on one channel, then a
			// longer one on the other. The channels close only after the
			// receivers stop, so ErrClosed here is a spurious wake-up.
			outs := [2][]received{make([]received, R), make([]received, R)}
			stop := make(chan struct{})
			var rg sync.WaitGroup
			for r := range R {
				rg.Go(func() {
					rng := rand.New(rand.NewPCG(uint64(r), 8))
					for k := 0; ; k++ {
						a, b := k%2, 1-k%2
						ctx, cancel := context.WithTimeout(context.Background(), time.Duration(rng.IntN(20))*time.Microsecond)
						v, err := chans[a].RecvContext(ctx)
						cancel()
						if err == nil {
							outs[a][r] = append(outs[a][r], v)
						} else if err == mpmc.ErrClosed {
							t.Errorf("RecvContext on an open chan = ErrClosed")
							return
						}
						ctx, cancel = context.WithTimeout(context.Background(), time.Millisecond)
						v, err = chans[b].RecvContext(ctx)
						cancel()
						if err == nil {
							outs[b][r] = append(outs[b][r], v)
						} else if err == mpmc.ErrClosed {
							t.Errorf("RecvContext on an open chan = ErrClosed")
							return
						}
						select {
						case <-stop:
							return
						default:
						}
					}
				})
			}
			wg.Wait()
			close(stop)
			rg.Wait()
			// Drain what is left (buffered values of accepted sends).
			for ci, c := range chans {
				c.Close()
				for v := range c.All() {
					outs[ci][0] = append(outs[ci][0], v)
				}
			}
			for ci := range chans {
				for _, got := range outs[ci] {
					for _, v := range got {
						if p, _ := dec(v); p%2 != ci {
							t.Fatalf("value %#x of sender %d received on chan %d; it was sent to chan %d", v, p, ci, p%2)
						}
					}
				}
			}
			all := append(append([]received{}, outs[0]...), outs[1]...)
			for p, counts := range tally(all, S, each) {
				for i, k := range counts {
					if sent[p][i] != (k == 1) || k > 1 {
						t.Fatalf("sender %d's #%d: accepted=%v but received %d times", p, i, sent[p][i], k)
					}
				}
			}
		})
	}
}

// wide is a value too large to be copied atomically: a torn copy (a slot
// read while written) shows as words that disagree.
type wide [16]int

// Many senders and receivers moving wide values: each arrives whole, exactly
// once.
func TestStressWideValues(t *testing.T) {
	chantest.NoLeaks(t)
	each := raceScale(10000, 1000)
	for _, n := range []int{0, 1, 7, 64} {
		t.Run(fmt.Sprintf("cap=%d", n), func(t *testing.T) {
			const S, R = 4, 4
			c := mpmc.New[wide](n)
			var wg sync.WaitGroup
			for p := range S {
				wg.Go(func() {
					for i := range each {
						var w wide
						for k := range w {
							w[k] = enc(p, i)
						}
						if i%2 == 0 {
							c.Send(w)
						} else if c.TrySend(w) != nil {
							c.Send(w)
						}
					}
				})
			}
			out := make([]received, R)
			var rg sync.WaitGroup
			for r := range R {
				rg.Go(func() {
					for w := range c.All() {
						for k := range w {
							if w[k] != w[0] {
								t.Errorf("torn value: word %d = %#x, word 0 = %#x", k, w[k], w[0])
								return
							}
						}
						out[r] = append(out[r], w[0])
					}
				})
			}
			wg.Wait()
			c.Close()
			rg.Wait()
			checkExactlyOnce(t, out, S, each)
		})
	}
}

// Close racing with a Sliding sender: after Close, the buffer holds exactly
// the last min(cap, k) values of the k sends that returned normally (a send
// that slid a value out and then lost to Close would leave a gap), and a
// Dropping buffer the first min(cap, k).
func TestPolicyCloseRace(t *testing.T) {
	chantest.NoLeaks(t)
	rounds := raceScale(500, 40)
	for _, sliding := range []bool{false, true} {
		for _, n := range []int{1, 3} {
			name := fmt.Sprintf("policy=Dropping/cap=%d", n)
			opt := mpmc.Dropping()
			if sliding {
				name, opt = fmt.Sprintf("policy=Sliding/cap=%d", n), mpmc.Sliding()
			}
			t.Run(name, func(t *testing.T) {
				for round := range rounds {
					c := mpmc.New[int](n, opt)
					var k int // sends that returned normally
					done := chantest.Go(func() {
						for i := 0; ; i++ {
							var err error
							if i%2 == 0 {
								if _, panicked := chantest.PanicMessage(func() { c.Send(i) }); panicked {
									return
								}
							} else if err = c.TrySend(i); err == mpmc.ErrClosed {
								return
							} else if err != nil {
								t.Errorf("TrySend on a %s chan = %v", name, err)
								return
							}
							k = i + 1
						}
					}, nil)
					time.Sleep(time.Duration(round%10) * 10 * time.Microsecond)
					c.Close()
					<-done
					var got []int
					for v := range c.All() {
						got = append(got, v)
					}
					m := min(n, k)
					first := 0
					if sliding {
						first = k - m
					}
					if len(got) != m {
						t.Fatalf("round %d: %d sends returned, then Close; drained %v; want %d values", round, k, got, m)
					}
					for i, v := range got {
						if v != first+i {
							t.Fatalf("round %d: %d sends returned, then Close; drained %v; want %d..%d", round, k, got, first, first+m-1)
						}
					}
				}
			})
		}
	}
}

// Close racing senders that send until refused, by every send form
// (SendMany included): what arrives from each sender is exactly a prefix
// 0..k-1 of what it tried to send, each once: a refused value never
// arrives, and no value accepted before the refusal is lost.
func TestStressClosePrefix(t *testing.T) {
	chantest.NoLeaks(t)
	rounds := raceScale(200, 40)
	for _, n := range []int{0, 1, 7, 64} {
		t.Run(fmt.Sprintf("cap=%d", n), func(t *testing.T) {
			for round := range rounds {
				const S, R = 4, 2
				c := mpmc.New[int](n)
				var wg sync.WaitGroup
				for p := range S {
					wg.Go(func() {
						defer func() {
							if r := recover(); r != nil && !strings.Contains(fmt.Sprint(r), "send on closed channel") {
								t.Errorf("sender %d panicked with %v", p, r)
							}
						}()
						batch := make([]int, 0, 8)
						for i := 0; ; {
							switch p {
							case 0:
								c.Send(enc(p, i))
								i++
							case 1:
								batch = batch[:0]
								for j := range 1 + (i/8)%8 {
									batch = append(batch, enc(p, i+j))
								}
								c.SendMany(batch)
								i += len(batch)
							case 2:
								if err := c.SendContext(context.Background(), enc(p, i)); err != nil {
									if err != mpmc.ErrClosed {
										t.Errorf("SendContext = %v", err)
									}
									return
								}
								i++
							case 3:
								err := c.TrySend(enc(p, i))
								if err == mpmc.ErrClosed {
									return
								}
								if err != nil {
									c.Send(enc(p, i))
								}
								i++
							}
							if i >= 1<<23 {
								t.Errorf("sender %d: Close never refused a send", p)
								return
							}
						}
					})
				}
				out := make([]received, R)
				for r := range R {
					wg.Go(func() {
						for v := range c.All() {
							out[r] = append(out[r], v)
						}
					})
				}
				time.Sleep(time.Duration(round%8) * 25 * time.Microsecond)
				c.Close()
				wg.Wait()
				seen := make([]map[int]int, S)
				for p := range seen {
					seen[p] = map[int]int{}
				}
				for _, got := range out {
					last := [S]int{-1, -1, -1, -1}
					for _, v := range got {
						p, i := dec(v)
						if p < 0 || p >= S {
							t.Fatalf("received %#x: never sent", v)
						}
						if i <= last[p] {
							t.Fatalf("round %d: sender %d out of order: #%d after #%d", round, p, i, last[p])
						}
						last[p] = i
						seen[p][i]++
					}
				}
				for p := range S {
					k := len(seen[p])
					for i := range k {
						if seen[p][i] != 1 {
							t.Fatalf("round %d: sender %d: received %d distinct values but #%d %d times; want exactly the prefix 0..%d once each", round, p, k, i, seen[p][i], k-1)
						}
					}
				}
			}
		})
	}
}

// SendContext and RecvContext complete an operation that can complete at
// once even when ctx is already done (mpmc's documented choice; native
// select would pick at random): a buffered value is taken, room is used,
// and, unbuffered, a parked partner is met.
func TestContextDoneButReady(t *testing.T) {
	chantest.NoLeaks(t)
	done, cancel := context.WithCancel(context.Background())
	cancel()
	c := mpmc.New[int](1)
	if err := c.SendContext(done, 1); err != nil {
		t.Fatalf("SendContext(done ctx) with room = %v; want nil (completes at once)", err)
	}
	if v, err := c.RecvContext(done); v != 1 || err != nil {
		t.Fatalf("RecvContext(done ctx) with a value = %d, %v; want 1, nil", v, err)
	}
	u := mpmc.New[int](0)
	for attempt := 1; ; attempt++ {
		got := make(chan int, 1)
		r := chantest.Go(func() {
			v, _ := u.Recv()
			got <- v
		}, nil)
		time.Sleep(time.Duration(attempt) * chantest.Blocked)
		err := u.SendContext(done, 2)
		if err == nil {
			chantest.Wait(t, r, "receiver")
			if v := <-got; v != 2 {
				t.Fatalf("receiver got %d; want 2", v)
			}
			break
		}
		u.Send(3) // release the receiver
		chantest.Wait(t, r, "receiver")
		if attempt == 5 {
			t.Fatalf("SendContext(done ctx) on cap 0 with a receiver parked for %v = %v; want nil (completes at once)", time.Duration(attempt)*chantest.Blocked, err)
		}
	}
	for attempt := 1; ; attempt++ {
		s := chantest.Go(func() { u.Send(4) }, nil)
		time.Sleep(time.Duration(attempt) * chantest.Blocked)
		v, err := u.RecvContext(done)
		if err == nil {
			if v != 4 {
				t.Fatalf("RecvContext = %d; want 4", v)
			}
			chantest.Wait(t, s, "sender")
			break
		}
		u.Recv() // release the sender
		chantest.Wait(t, s, "sender")
		if attempt == 5 {
			t.Fatalf("RecvContext(done ctx) on cap 0 with a sender parked = %v; want 4, nil (completes at once)", err)
		}
	}
}
