// Async: SendAsync and RecvAsync, core.async's put! and take!, checked for
// exactly-once callbacks, completion order, Close, re-entrancy and the
// documented bound on pending operations.
//
// Source: the API contract (/work/shared/API.md, SendAsync/RecvAsync) and
// the lead's decisions: done runs once, on the goroutine that completes the
// operation (the caller when it completes at once), after the channel's
// locks are released; done may be nil; 1024 pending of each kind
// (core.async's MAX-QUEUE-SIZE), the 1025th panics saying so.
//
// Invariants:
//   - A callback's effects are observed only after the operation that must
//     have completed it has returned (so "before it returned" is checked,
//     never "eventually").
//   - Callbacks never block; the ones that touch the channel do so with
//     non-blocking operations, and the test runs them under a deadline so a
//     lock held across a callback shows as a failure, not a hang.
package mpmc_test

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hoare-go/hoare/internal/chantest"
	"github.com/hoare-go/hoare/mpmc"
)

// maxPending is the documented bound on pending operations of each kind.
const maxPending = 1024

// sendLog records SendAsync completions by the index of the call.
type sendLog struct {
	mu    sync.Mutex
	calls []int  // index of each completion, in completion order
	oks   []bool // ok of each completion
}

func (l *sendLog) done(i int) func(bool) {
	return func(ok bool) {
		l.mu.Lock()
		l.calls = append(l.calls, i)
		l.oks = append(l.oks, ok)
		l.mu.Unlock()
	}
}

func (l *sendLog) n() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.calls)
}

// recvLog records RecvAsync completions.
type recvLog struct {
	mu    sync.Mutex
	calls []int // index of each completion, in completion order
	vals  []int
	oks   []bool
}

func (l *recvLog) done(i int) func(int, bool) {
	return func(v int, ok bool) {
		l.mu.Lock()
		l.calls = append(l.calls, i)
		l.vals = append(l.vals, v)
		l.oks = append(l.oks, ok)
		l.mu.Unlock()
	}
}

func (l *recvLog) n() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.calls)
}

// An async operation that can complete at once does so before it returns,
// running done exactly once.
func TestAsyncImmediate(t *testing.T) {
	chantest.NoLeaks(t)
	t.Run("buffered", func(t *testing.T) {
		c := mpmc.New[int](2)
		var s sendLog
		c.SendAsync(1, s.done(0))
		if s.n() != 1 || !s.oks[0] {
			t.Fatalf("SendAsync on a chan with room: done ran %d times (%v) before returning; want once with true", s.n(), s.oks)
		}
		var r recvLog
		c.RecvAsync(r.done(0))
		if r.n() != 1 || r.vals[0] != 1 || !r.oks[0] {
			t.Fatalf("RecvAsync on a chan with a value: done ran %d times %v %v before returning; want once with 1, true", r.n(), r.vals, r.oks)
		}
	})
	t.Run("unbuffered/receiver-waits", func(t *testing.T) {
		// With a receiver parked, SendAsync pairs with it at once. Whether
		// it has parked yet is only known by waiting, so a SendAsync that
		// went pending (and was then taken by the receiver) is a retry.
		c := mpmc.New[int](0)
		for attempt := 1; ; attempt++ {
			got := make(chan int, 1)
			rd := chantest.Go(func() {
				v, _ := c.Recv()
				got <- v
			}, nil)
			time.Sleep(time.Duration(attempt) * chantest.Blocked)
			var s sendLog
			c.SendAsync(5, s.done(0))
			atOnce := s.n() == 1
			chantest.Wait(t, rd, "receiver")
			if v := <-got; v != 5 || s.n() != 1 || !s.oks[0] {
				t.Fatalf("receiver got %d, done ran %d times %v; want 5, once with true", v, s.n(), s.oks)
			}
			if atOnce {
				break
			}
			if attempt == 5 {
				t.Fatalf("SendAsync on cap 0 with a receiver parked for %v did not complete before returning", time.Duration(attempt)*chantest.Blocked)
			}
		}
	})
	t.Run("unbuffered/async-pair", func(t *testing.T) {
		c := mpmc.New[int](0)
		var r recvLog
		c.RecvAsync(r.done(0))
		if r.n() != 0 {
			t.Fatalf("RecvAsync on an empty cap 0 chan completed at once")
		}
		var s sendLog
		c.SendAsync(8, s.done(0))
		if s.n() != 1 || !s.oks[0] || r.n() != 1 || r.vals[0] != 8 || !r.oks[0] {
			t.Fatalf("SendAsync meeting a pending RecvAsync: send done %v, recv done %v %v; want both run before SendAsync returned, with 8", s.oks, r.vals, r.oks)
		}
		// And the other way round.
		c.SendAsync(9, s.done(1))
		if s.n() != 1 {
			t.Fatalf("SendAsync on an empty cap 0 chan completed at once")
		}
		c.RecvAsync(r.done(1))
		if s.n() != 2 || !s.oks[1] || r.n() != 2 || r.vals[1] != 9 {
			t.Fatalf("RecvAsync meeting a pending SendAsync: send done %v, recv done %v; want both run, with 9", s.oks, r.vals)
		}
	})
}

// Pending RecvAsync callbacks complete in the order they were made, each
// once, on the goroutine of the Send that completes it, before that Send
// returns.
func TestAsyncPendingRecvInOrder(t *testing.T) {
	chantest.NoLeaks(t)
	for _, n := range []int{0, 1, 4} {
		t.Run(fmt.Sprintf("cap=%d", n), func(t *testing.T) {
			c := mpmc.New[int](n)
			const N = 100
			var r recvLog
			for i := range N {
				c.RecvAsync(r.done(i))
			}
			if r.n() != 0 {
				t.Fatalf("%d RecvAsync on an empty chan completed", r.n())
			}
			for i := range N {
				if i%2 == 0 {
					c.Send(100 + i)
				} else if err := c.TrySend(100 + i); err != nil {
					t.Fatalf("TrySend with RecvAsync pending = %v; want nil (a receiver waits)", err)
				}
				if r.n() != i+1 {
					t.Fatalf("after send #%d returned, %d RecvAsync callbacks had run; want %d", i, r.n(), i+1)
				}
			}
			for i := range N {
				if r.calls[i] != i || r.vals[i] != 100+i || !r.oks[i] {
					t.Fatalf("completion #%d: RecvAsync #%d got %d, %v; want RecvAsync #%d with %d, true", i, r.calls[i], r.vals[i], r.oks[i], i, 100+i)
				}
			}
			if c.Len() != 0 {
				t.Fatalf("Len() = %d after every value went to a pending RecvAsync", c.Len())
			}
		})
	}
}

// Pending SendAsync operations complete in the order they were made: their
// values arrive in that order and each done runs once, with true, by the
// time the Recv that made room for it (or took it) returns.
func TestAsyncPendingSendInOrder(t *testing.T) {
	chantest.NoLeaks(t)
	for _, n := range []int{0, 1, 4} {
		t.Run(fmt.Sprintf("cap=%d", n), func(t *testing.T) {
			c := mpmc.New[int](n)
			const N = 100
			var s sendLog
			for i := range N {
				c.SendAsync(i, s.done(i))
			}
			if s.n() != n {
				t.Fatalf("%d SendAsync completed at once on a chan of cap %d; want %d", s.n(), n, n)
			}
			for i := range N {
				var v int
				var err error
				if i%2 == 0 {
					var ok bool
					v, ok = c.Recv()
					if !ok {
						err = mpmc.ErrClosed
					}
				} else {
					v, err = c.TryRecv()
				}
				if v != i || err != nil {
					t.Fatalf("receive #%d = %d, %v; want %d, nil", i, v, err, i)
				}
				if want := min(N, i+1+n); s.n() != want {
					t.Fatalf("after receive #%d returned, %d SendAsync callbacks had run; want %d", i, s.n(), want)
				}
			}
			for i := range N {
				if s.calls[i] != i || !s.oks[i] {
					t.Fatalf("completion #%d: SendAsync #%d with %v; want SendAsync #%d with true", i, s.calls[i], s.oks[i], i)
				}
			}
		})
	}
}

// A callback may use the channel (non-blocking operations): it runs after
// the channel's locks are released.
func TestAsyncCallbackReentrant(t *testing.T) {
	chantest.NoLeaks(t)
	for _, n := range []int{0, 2} {
		c := mpmc.New[int](n)
		done := chantest.Go(func() {
			var inner atomic.Int32
			// A pending RecvAsync whose callback sends, asks Len, and
			// queues another RecvAsync.
			c.RecvAsync(func(v int, ok bool) {
				_ = c.Len()
				_ = c.TrySend(v + 1)
				c.RecvAsync(func(int, bool) { inner.Add(1) })
				inner.Add(1)
			})
			// A pending SendAsync whose callback receives.
			c.Send(1)
			c.SendAsync(10, func(ok bool) {
				_, _ = c.TryRecv()
				_ = c.Len()
				inner.Add(1)
			})
			for range 3 {
				c.TryRecv()
				c.TrySend(0)
			}
			c.Close()
			if inner.Load() < 2 {
				t.Errorf("cap %d: callbacks ran %d times; want at least 2", n, inner.Load())
			}
		}, nil)
		chantest.Wait(t, done, fmt.Sprintf("cap %d: callbacks that use the channel (a lock held across a callback deadlocks here)", n))
	}
}

// Close completes pending SendAsync with false and pending RecvAsync with
// (zero, false) before it returns; buffered values are still received,
// also by RecvAsync after Close; SendAsync on a closed channel gets false
// and never panics.
func TestAsyncClose(t *testing.T) {
	chantest.NoLeaks(t)
	for _, n := range []int{0, 2} {
		t.Run(fmt.Sprintf("cap=%d/pending-sends", n), func(t *testing.T) {
			c := mpmc.New[int](n)
			var s sendLog
			for i := range n + 5 {
				c.SendAsync(i, s.done(i))
			}
			c.Close()
			if s.n() != n+5 {
				t.Fatalf("after Close returned, %d of %d SendAsync callbacks had run", s.n(), n+5)
			}
			for i := range n + 5 {
				if want := i < n; s.calls[i] != i || s.oks[i] != want {
					t.Fatalf("completion #%d: SendAsync #%d with %v; want #%d with %v", i, s.calls[i], s.oks[i], i, want)
				}
			}
			for i := range n {
				if v, ok := c.Recv(); v != i || !ok {
					t.Fatalf("Recv after Close = %d, %v; want %d, true (buffered before Close)", v, ok, i)
				}
			}
			if v, ok := c.Recv(); ok {
				t.Fatalf("Recv = %d, true: a SendAsync refused by Close was delivered", v)
			}
		})
		t.Run(fmt.Sprintf("cap=%d/pending-recvs", n), func(t *testing.T) {
			c := mpmc.New[int](n)
			var r recvLog
			for i := range 5 {
				c.RecvAsync(r.done(i))
			}
			c.Close()
			if r.n() != 5 {
				t.Fatalf("after Close returned, %d of 5 RecvAsync callbacks had run", r.n())
			}
			for i := range 5 {
				if r.calls[i] != i || r.vals[i] != 0 || r.oks[i] {
					t.Fatalf("completion #%d: RecvAsync #%d with %d, %v; want #%d with 0, false", i, r.calls[i], r.vals[i], r.oks[i], i)
				}
			}
		})
		t.Run(fmt.Sprintf("cap=%d/after-close", n), func(t *testing.T) {
			c := mpmc.New[int](n)
			for i := range n {
				c.Send(i + 1)
			}
			c.Close()
			var r recvLog
			for i := range n + 2 {
				c.RecvAsync(r.done(i))
				if r.n() != i+1 {
					t.Fatalf("RecvAsync #%d on a closed chan did not complete at once", i)
				}
				if want := i < n; r.oks[i] != want || (want && r.vals[i] != i+1) || (!want && r.vals[i] != 0) {
					t.Fatalf("RecvAsync #%d on a closed chan got %d, %v; want the buffered values 1..%d, then 0, false", i, r.vals[i], r.oks[i], n)
				}
			}
			var s sendLog
			msg, panicked := chantest.PanicMessage(func() {
				c.SendAsync(1, s.done(0))
				c.SendAsync(2, nil)
			})
			if panicked {
				t.Fatalf("SendAsync on a closed chan panicked: %q; want done(false)", msg)
			}
			if s.n() != 1 || s.oks[0] {
				t.Fatalf("SendAsync on a closed chan: done %v; want once with false", s.oks)
			}
		})
	}
}

// done may be nil: the operation still happens (a nil RecvAsync consumes a
// value and drops it).
func TestAsyncNilDone(t *testing.T) {
	chantest.NoLeaks(t)
	for _, n := range []int{0, 2} {
		c := mpmc.New[int](n)
		c.SendAsync(1, nil) // pending when n == 0
		c.RecvAsync(nil)    // takes 1
		if v, err := c.TryRecv(); err != mpmc.ErrWouldBlock {
			t.Fatalf("cap %d: TryRecv after SendAsync(nil) and RecvAsync(nil) = %d, %v; want ErrWouldBlock", n, v, err)
		}
		c.RecvAsync(nil) // pending
		c.Send(2)        // completes it: must not block, even unbuffered
		if v, err := c.TryRecv(); err != mpmc.ErrWouldBlock {
			t.Fatalf("cap %d: TryRecv after Send to a pending RecvAsync(nil) = %d, %v; want ErrWouldBlock", n, v, err)
		}
		c.SendAsync(3, nil)
		if v, ok := c.Recv(); v != 3 || !ok {
			t.Fatalf("cap %d: Recv after SendAsync(3, nil) = %d, %v", n, v, ok)
		}
		c.RecvAsync(nil)
		c.SendAsync(4, nil)
		c.Close()
	}
}

// The pending bound: a channel takes 1024 pending SendAsync (and,
// separately, 1024 pending RecvAsync); the next panics with a message that
// names the limit, without running its callback (TrySendAsync returns
// ErrWouldBlock instead); the channel stays usable and completes the 1024
// in order.
func TestAsyncPendingBound(t *testing.T) {
	chantest.NoLeaks(t)
	for _, n := range []int{0, 1} {
		t.Run(fmt.Sprintf("kind=send/cap=%d", n), func(t *testing.T) {
			c := mpmc.New[int](n)
			var s sendLog
			for i := range n + maxPending {
				if msg, panicked := chantest.PanicMessage(func() { c.SendAsync(i, s.done(i)) }); panicked {
					t.Fatalf("SendAsync #%d (pending #%d) panicked: %q; want at least %d pending accepted", i, i-n, msg, maxPending)
				}
			}
			var extra atomic.Int32
			msg, panicked := chantest.PanicMessage(func() { c.SendAsync(-1, func(bool) { extra.Add(1) }) })
			if !panicked {
				t.Fatalf("SendAsync with %d pending did not panic", maxPending)
			}
			if !strings.Contains(msg, "mpmc") || !strings.Contains(msg, fmt.Sprint(maxPending)) {
				t.Errorf("SendAsync past the bound panicked with %q; want a message naming the package and the limit %d", msg, maxPending)
			}
			if extra.Load() != 0 {
				t.Fatalf("the refused SendAsync's callback ran")
			}
			if err := c.TrySendAsync(-2, func(bool) { extra.Add(1) }); !errors.Is(err, mpmc.ErrWouldBlock) {
				t.Fatalf("TrySendAsync with %d pending = %v; want ErrWouldBlock", maxPending, err)
			}
			for i := range n + maxPending {
				if v, ok := c.Recv(); v != i || !ok {
					t.Fatalf("Recv #%d = %d, %v; want %d, true", i, v, ok, i)
				}
			}
			if s.n() != n+maxPending || extra.Load() != 0 {
				t.Fatalf("%d SendAsync callbacks ran (refused one: %d); want %d", s.n(), extra.Load(), n+maxPending)
			}
			// Usable: a new pending SendAsync (through TrySendAsync, which
			// then takes it), and plain operations.
			if err := c.TrySendAsync(7, s.done(-1)); err != nil {
				t.Fatalf("TrySendAsync below the bound = %v; want nil", err)
			}
			go c.Send(8)
			if v, _ := c.Recv(); v != 7 {
				t.Fatalf("Recv after the bound = %d; want 7", v)
			}
			if v, _ := c.Recv(); v != 8 {
				t.Fatalf("Recv after the bound = %d; want 8", v)
			}
			c.Close()
		})
		t.Run(fmt.Sprintf("kind=recv/cap=%d", n), func(t *testing.T) {
			c := mpmc.New[int](n)
			var r recvLog
			for i := range maxPending {
				if msg, panicked := chantest.PanicMessage(func() { c.RecvAsync(r.done(i)) }); panicked {
					t.Fatalf("RecvAsync #%d panicked: %q; want at least %d pending accepted", i, msg, maxPending)
				}
			}
			var extra atomic.Int32
			msg, panicked := chantest.PanicMessage(func() { c.RecvAsync(func(int, bool) { extra.Add(1) }) })
			if !panicked {
				t.Fatalf("RecvAsync with %d pending did not panic", maxPending)
			}
			if !strings.Contains(msg, "mpmc") || !strings.Contains(msg, fmt.Sprint(maxPending)) {
				t.Errorf("RecvAsync past the bound panicked with %q; want a message naming the package and the limit %d", msg, maxPending)
			}
			for i := range maxPending {
				c.Send(i)
			}
			if r.n() != maxPending || extra.Load() != 0 {
				t.Fatalf("%d RecvAsync callbacks ran (refused one: %d); want %d", r.n(), extra.Load(), maxPending)
			}
			for i := range maxPending {
				if r.calls[i] != i || r.vals[i] != i {
					t.Fatalf("completion #%d: RecvAsync #%d got %d; want #%d with %d", i, r.calls[i], r.vals[i], i, i)
				}
			}
			go c.Send(5)
			if v, _ := c.Recv(); v != 5 {
				t.Fatalf("Recv after the bound = %d; want 5", v)
			}
			c.Close()
		})
	}
}

// Many senders and receivers mixing async and blocking operations, with a
// window of outstanding async operations each (well under the bound):
// every value exactly once, every SendAsync callback once with true, each
// sender's values in order at each receiver (for an async receiver, in the
// order its RecvAsync calls were made).
func TestAsyncStress(t *testing.T) {
	chantest.NoLeaks(t)
	each := raceScale(20000, 2000)
	for _, n := range []int{0, 1, 16} {
		t.Run(fmt.Sprintf("cap=%d", n), func(t *testing.T) {
			const S, R, window = 4, 4, 16
			c := mpmc.New[int](n)
			var calls atomic.Int64
			var wg sync.WaitGroup
			for p := range S {
				wg.Go(func() {
					if p%2 == 1 {
						for i := range each {
							c.Send(enc(p, i))
						}
						return
					}
					sem := make(chan struct{}, window)
					for i := range each {
						sem <- struct{}{}
						c.SendAsync(enc(p, i), func(ok bool) {
							if !ok {
								t.Errorf("SendAsync done(false) before Close")
							}
							calls.Add(1)
							<-sem
						})
					}
					for range window {
						sem <- struct{}{}
					}
				})
			}
			out := make([]received, R)
			var rg sync.WaitGroup
			for r := range R {
				rg.Go(func() {
					if r%2 == 1 {
						for v := range c.All() {
							out[r] = append(out[r], v)
						}
						return
					}
					// An async receiver: slot j holds RecvAsync #j's value.
					var mu sync.Mutex
					var slots []int
					var oks []bool
					sem := make(chan struct{}, window)
					closed := make(chan struct{})
					var once sync.Once
				loop:
					for j := 0; ; j++ {
						select {
						case sem <- struct{}{}:
						case <-closed:
							break loop
						}
						mu.Lock()
						slots = append(slots, 0)
						oks = append(oks, false)
						mu.Unlock()
						c.RecvAsync(func(v int, ok bool) {
							mu.Lock()
							slots[j], oks[j] = v, ok
							mu.Unlock()
							if !ok {
								once.Do(func() { close(closed) })
							}
							<-sem
						})
					}
					for range window {
						sem <- struct{}{}
					}
					for j, ok := range oks {
						if ok {
							out[r] = append(out[r], slots[j])
						} else if j+1 < len(oks) && oks[j+1] {
							t.Errorf("RecvAsync #%d got ok == false but #%d, made later, got a value", j, j+1)
						}
					}
				})
			}
			wg.Wait()
			c.Close()
			rg.Wait()
			if got := calls.Load(); got != int64(S/2*each) {
				t.Fatalf("%d SendAsync callbacks ran; want %d", got, S/2*each)
			}
			checkExactlyOnce(t, out, S, each)
		})
	}
}

// Close racing with pending and arriving SendAsync and RecvAsync: a
// SendAsync whose done got true is received exactly once, one that got
// false never; every RecvAsync completes exactly once; every callback runs
// exactly once even when Close completes it.
func TestAsyncCloseRace(t *testing.T) {
	chantest.NoLeaks(t)
	rounds := raceScale(200, 50)
	for _, n := range []int{0, 1, 8} {
		t.Run(fmt.Sprintf("cap=%d", n), func(t *testing.T) {
			var delivered, refused int
			for round := range rounds {
				d, r := asyncCloseRound(t, n, round)
				delivered, refused = delivered+d, refused+r
				if t.Failed() {
					return
				}
			}
			t.Logf("%d rounds: %d SendAsync delivered, %d refused by Close", rounds, delivered, refused)
		})
	}
}

func asyncCloseRound(t *testing.T, n, round int) (delivered, refused int) {
	const S, each = 4, 30
	c := mpmc.New[int](n)
	var sendCalls [S][each]atomic.Int32
	var sendOK [S][each]atomic.Bool
	var wg sync.WaitGroup
	for p := range S {
		wg.Go(func() {
			for i := range each {
				c.SendAsync(enc(p, i), func(ok bool) {
					sendCalls[p][i].Add(1)
					sendOK[p][i].Store(ok)
				})
			}
		})
	}
	var mu sync.Mutex
	var got received
	var recvCalls, recvIssued atomic.Int32
	var rg sync.WaitGroup
	for r := range 2 {
		rg.Go(func() {
			for k := 0; k < S*each; k++ {
				if r == 0 {
					v, ok := c.Recv()
					if !ok {
						return
					}
					mu.Lock()
					got = append(got, v)
					mu.Unlock()
					continue
				}
				recvIssued.Add(1)
				c.RecvAsync(func(v int, ok bool) {
					recvCalls.Add(1)
					if ok {
						mu.Lock()
						got = append(got, v)
						mu.Unlock()
					}
				})
				if c.Len() == 0 && k%4 == 0 {
					runtime.Gosched()
				}
				if k > 8 && int(recvIssued.Load()-recvCalls.Load()) > 64 {
					return // keep well under the pending bound
				}
			}
		})
	}
	if round%2 == 0 {
		runtime.Gosched()
	} else {
		time.Sleep(time.Duration(round%7) * 20 * time.Microsecond)
	}
	c.Close()
	wg.Wait()
	rg.Wait()
	// Drain what Close left buffered (values of SendAsync that got true).
	for v := range c.All() {
		got = append(got, v)
	}
	if k, want := recvCalls.Load(), recvIssued.Load(); k != want {
		t.Fatalf("cap %d round %d: %d RecvAsync callbacks ran for %d calls after Close", n, round, k, want)
	}
	mu.Lock()
	defer mu.Unlock()
	counts := tally([]received{got}, S, each)
	for p := range S {
		for i := range each {
			calls, ok, k := sendCalls[p][i].Load(), sendOK[p][i].Load(), counts[p][i]
			switch {
			case calls != 1:
				t.Fatalf("cap %d round %d: SendAsync %d/%d: done ran %d times; want once", n, round, p, i, calls)
			case ok && k != 1:
				t.Fatalf("cap %d round %d: SendAsync %d/%d: done(true) but received %d times", n, round, p, i, k)
			case !ok && k != 0:
				t.Fatalf("cap %d round %d: SendAsync %d/%d: done(false) but received %d times", n, round, p, i, k)
			case ok:
				delivered++
			default:
				refused++
			}
		}
	}
	return delivered, refused
}

// The async operations synchronize as their blocking forms do: what a
// sender wrote before SendAsync (or Send) is visible to the receiver,
// whether it receives with Recv or in a RecvAsync callback run on another
// goroutine; the race detector checks the plain accesses.
func TestAsyncMemModel(t *testing.T) {
	chantest.NoLeaks(t)
	type box struct{ a, b int }
	for _, n := range []int{0, 1, 8} {
		c := mpmc.New[*box](n)
		const m = 200
		var wg sync.WaitGroup
		wg.Go(func() {
			for i := range m {
				b := &box{a: i}
				b.b = -i
				if i%2 == 0 {
					c.SendAsync(b, nil)
				} else {
					c.Send(b)
				}
			}
		})
		var bad atomic.Int32
		check := func(b *box, ok bool) {
			if ok && b.a != -b.b {
				bad.Add(1)
			}
		}
		var done sync.WaitGroup
		for i := range m {
			if i%2 == 0 {
				b, ok := c.Recv()
				check(b, ok)
				continue
			}
			done.Add(1)
			c.RecvAsync(func(b *box, ok bool) {
				check(b, ok)
				done.Done()
			})
		}
		wg.Wait()
		done.Wait()
		if bad.Load() != 0 {
			t.Fatalf("cap %d: %d values seen without the sender's writes", n, bad.Load())
		}
	}
}

// One sender mixing SendAsync with Send, TrySend and SendMany: its values still
// arrive in the order it sent them. A SendAsync left pending on a full
// buffer must not be overtaken by the same goroutine's next Send, even
// when a receive frees a slot between the two.
func TestAsyncSenderOrderMixed(t *testing.T) {
	chantest.NoLeaks(t)
	each := raceScale(40000, 10000)
	for _, n := range []int{0, 1, 4} {
		t.Run(fmt.Sprintf("cap=%d", n), func(t *testing.T) {
			const S = 3
			c := mpmc.New[int](n)
			var wg sync.WaitGroup
			var pending [S]atomic.Int32
			for p := range S {
				wg.Go(func() {
					for i := range each {
						v := enc(p, i)
						switch i % 4 {
						case 0:
							// Keep the pending count well under the bound.
							for pending[p].Load() > 64 {
								runtime.Gosched()
							}
							pending[p].Add(1)
							c.SendAsync(v, func(ok bool) {
								if !ok {
									t.Errorf("SendAsync done(false) before Close")
								}
								pending[p].Add(-1)
							})
						case 1:
							c.Send(v)
						case 2:
							if c.TrySend(v) != nil {
								c.Send(v)
							}
						case 3:
							c.SendMany([]int{v})
						}
					}
					for pending[p].Load() > 0 {
						runtime.Gosched()
					}
				})
			}
			const R = 2
			out := make([]received, R)
			var rg sync.WaitGroup
			for r := range R {
				rg.Go(func() {
					for v := range c.All() {
						out[r] = append(out[r], v)
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

// One receiver mixing RecvAsync with Recv: receive operations complete in
// the order the receiver made them, so a single sender's values fill them
// in increasing order. This mirrors core.async (a take! left pending is
// ahead of the same thread's next <!!) and the sender-side rule above; a
// Recv fast path that takes a value before a pending RecvAsync made
// earlier by the same goroutine breaks it.
func TestAsyncReceiverOrderMixed(t *testing.T) {
	chantest.NoLeaks(t)
	each := raceScale(40000, 10000)
	for _, n := range []int{0, 1, 4} {
		t.Run(fmt.Sprintf("cap=%d", n), func(t *testing.T) {
			c := mpmc.New[int](n)
			go func() {
				for i := range each {
					c.Send(i)
				}
				c.Close()
			}()
			// slots[j] is what receive call #j got (-1: closed).
			var mu sync.Mutex
			slots := make([]int, 0, each+2)
			var pending sync.WaitGroup
			var inFlight atomic.Int32
			for j := 0; ; j++ {
				mu.Lock()
				slots = append(slots, -1)
				mu.Unlock()
				if j%2 == 0 && inFlight.Load() < 64 {
					pending.Add(1)
					inFlight.Add(1)
					c.RecvAsync(func(v int, ok bool) {
						if ok {
							mu.Lock()
							slots[j] = v
							mu.Unlock()
						}
						inFlight.Add(-1)
						pending.Done()
					})
					continue
				}
				v, ok := c.Recv()
				if !ok {
					break
				}
				mu.Lock()
				slots[j] = v
				mu.Unlock()
			}
			pending.Wait()
			last, got := -1, 0
			for j, v := range slots {
				if v < 0 {
					continue
				}
				got++
				if v <= last {
					t.Fatalf("receive call #%d got %d, after an earlier call got %d: a later Recv overtook a pending RecvAsync", j, v, last)
				}
				last = v
			}
			if got != each {
				t.Fatalf("received %d values; want %d", got, each)
			}
		})
	}
}
