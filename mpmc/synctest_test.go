// Synctest: mpmc channels inside Go 1.25's testing/synctest bubbles.
//
// Source: the issue: "a channel made inside a bubble works there, and
// goroutines parked on it count as durably blocked, so a test using
// SendContext/RecvContext with a deadline runs inside synctest.Test and
// finishes at once. (Spinning forever or parking on a mutex breaks this; so
// would sharing one parking object across bubbles.)"
//
// Invariants:
//   - Every bubble runs under a real-time watchdog made outside it: an
//     implementation whose parked goroutines are not durably blocked makes
//     synctest.Wait (or fake time) wait forever, and the watchdog turns
//     that hang into a failure that says why.
//   - Fake time is checked exactly (time.Since inside the bubble), real time
//     only loosely (far below the fake durations).
package mpmc_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/hoare-go/hoare/internal/chantest"
	"github.com/hoare-go/hoare/mpmc"
)

// bubble runs f in synctest.Test under a 30 s real-time watchdog.
func bubble(t *testing.T, f func(t *testing.T)) {
	t.Helper()
	watchdog := time.AfterFunc(30*time.Second, func() {
		panic(fmt.Sprintf("%s: the synctest bubble made no progress for 30s of real time: goroutines parked on mpmc channels are not durably blocked (spinning, or parked on something synctest cannot see)", t.Name()))
	})
	defer watchdog.Stop()
	start := time.Now()
	synctest.Test(t, f)
	if real := time.Since(start); real > 5*time.Second {
		t.Errorf("the bubble took %v of real time; fake-time waits must not cost real time", real)
	}
}

// A channel made inside a bubble moves values between the bubble's
// goroutines, also when a sender sleeps in fake time.
func TestSynctestChanInBubble(t *testing.T) {
	chantest.NoLeaks(t)
	for _, n := range []int{0, 1, 8} {
		t.Run(fmt.Sprintf("cap=%d", n), func(t *testing.T) {
			bubble(t, func(t *testing.T) {
				c := mpmc.New[int](n)
				start := time.Now()
				go func() {
					for i := range 10 {
						time.Sleep(time.Second)
						c.Send(i)
					}
					c.Close()
				}()
				i := 0
				for v := range c.All() {
					if v != i {
						t.Errorf("received %d; want %d", v, i)
					}
					i++
				}
				if i != 10 {
					t.Errorf("received %d values; want 10", i)
				}
				if d := time.Since(start); d != 10*time.Second {
					t.Errorf("fake time passed: %v; want exactly 10s", d)
				}
			})
		})
	}
}

// SendContext and RecvContext with a deadline return DeadlineExceeded at
// the deadline in fake time: the bubble's clock advances because the
// waiting goroutine is durably blocked.
func TestSynctestContextDeadline(t *testing.T) {
	chantest.NoLeaks(t)
	for _, n := range []int{0, 1} {
		t.Run(fmt.Sprintf("cap=%d", n), func(t *testing.T) {
			bubble(t, func(t *testing.T) {
				c := mpmc.New[int](n)
				for i := range n {
					c.Send(i)
				}
				ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
				defer cancel()
				start := time.Now()
				if err := c.SendContext(ctx, -1); !errors.Is(err, context.DeadlineExceeded) {
					t.Errorf("SendContext on a full chan = %v; want DeadlineExceeded", err)
				}
				if d := time.Since(start); d != 5*time.Second {
					t.Errorf("SendContext returned after %v of fake time; want exactly 5s", d)
				}
				for i := range n {
					if v, _ := c.Recv(); v != i {
						t.Errorf("Recv = %d; want %d", v, i)
					}
				}
				ctx2, cancel2 := context.WithTimeout(t.Context(), 3*time.Second)
				defer cancel2()
				start = time.Now()
				if _, err := c.RecvContext(ctx2); !errors.Is(err, context.DeadlineExceeded) {
					t.Errorf("RecvContext on an empty chan = %v; want DeadlineExceeded", err)
				}
				if d := time.Since(start); d != 3*time.Second {
					t.Errorf("RecvContext returned after %v of fake time; want exactly 3s", d)
				}
				// A deadline met by a sender in time: RecvContext wins.
				go func() {
					time.Sleep(time.Second)
					c.Send(42)
				}()
				ctx3, cancel3 := context.WithTimeout(t.Context(), 2*time.Second)
				defer cancel3()
				if v, err := c.RecvContext(ctx3); v != 42 || err != nil {
					t.Errorf("RecvContext with a sender at 1s and a deadline at 2s = %d, %v; want 42, nil", v, err)
				}
			})
		})
	}
}

// synctest.Wait counts goroutines parked in Recv, Send and the context
// forms as durably blocked, and sees them complete once unblocked.
func TestSynctestWaitSeesParked(t *testing.T) {
	chantest.NoLeaks(t)
	for _, n := range []int{0, 1} {
		t.Run(fmt.Sprintf("cap=%d", n), func(t *testing.T) {
			bubble(t, func(t *testing.T) {
				c := mpmc.New[int](n)
				var mu sync.Mutex
				var got []int
				for range 3 {
					go func() {
						v, ok := c.Recv()
						mu.Lock()
						if ok {
							got = append(got, v)
						}
						mu.Unlock()
					}()
				}
				go func() {
					v, err := c.RecvContext(t.Context())
					mu.Lock()
					if err == nil {
						got = append(got, v)
					}
					mu.Unlock()
				}()
				synctest.Wait()
				mu.Lock()
				if len(got) != 0 {
					t.Errorf("receivers on an empty chan got %v", got)
				}
				mu.Unlock()
				for i := range 4 {
					c.Send(i)
				}
				synctest.Wait()
				mu.Lock()
				if len(got) != 4 {
					t.Errorf("after 4 sends and Wait, receivers got %v; want 4 values", got)
				}
				mu.Unlock()

				// Senders parked on a full chan.
				for i := range n {
					c.Send(i)
				}
				var sent sync.WaitGroup
				for i := range 3 {
					sent.Add(1)
					go func() {
						defer sent.Done()
						if i == 0 {
							c.SendContext(t.Context(), 100)
						} else {
							c.Send(100 + i)
						}
					}()
				}
				synctest.Wait()
				if c.Len() != n {
					t.Errorf("Len() = %d with senders parked; want %d", c.Len(), n)
				}
				for range n + 3 {
					c.Recv()
				}
				synctest.Wait()
				sent.Wait()
				if _, err := c.TryRecv(); err != mpmc.ErrWouldBlock {
					t.Errorf("TryRecv after all sends were received = %v; want ErrWouldBlock", err)
				}
			})
		})
	}
}

// Bubbles do not share parking state: the same operations in several
// bubbles, one after another and alongside goroutines outside any bubble
// using channels of their own, all work.
func TestSynctestBubblesIsolated(t *testing.T) {
	chantest.NoLeaks(t)
	outside := mpmc.New[int](0)
	stop := make(chan struct{})
	outDone := chantest.Go(func() {
		for {
			select {
			case <-stop:
				return
			default:
			}
			ctx, cancel := context.WithTimeout(context.Background(), 100*time.Microsecond)
			outside.RecvContext(ctx) // parks and unparks outside any bubble
			cancel()
		}
	}, nil)
	for round := range 4 {
		bubble(t, func(t *testing.T) {
			c := mpmc.New[int](round % 2)
			for i := range 50 {
				go c.Send(i)
				if _, ok := c.Recv(); !ok {
					t.Errorf("Recv not ok")
				}
				if i%10 == 0 {
					ctx, cancel := context.WithTimeout(t.Context(), time.Second)
					if _, err := c.RecvContext(ctx); !errors.Is(err, context.DeadlineExceeded) {
						t.Errorf("RecvContext = %v; want DeadlineExceeded", err)
					}
					cancel()
				}
			}
		})
	}
	close(stop)
	chantest.Wait(t, outDone, "the goroutine outside the bubbles")
}

// sharedWithOutside: a channel made outside a bubble, received from inside
// it and sent to from outside. Native chan allows this (the receiver is
// just not durably blocked); the outside sender must neither panic nor
// crash the process.
func sharedWithOutside(t *testing.T, mk func(int) chantest.Ops[int]) {
	for _, n := range []int{0, 1} {
		c := mk(n)
		var outsideMsg string
		outside := make(chan struct{})
		go func() {
			defer close(outside)
			time.Sleep(20 * time.Millisecond)
			outsideMsg, _ = chantest.PanicMessage(func() { c.Send(7) })
		}()
		synctest.Test(t, func(t *testing.T) {
			got := make(chan int)
			go func() {
				v, _ := c.Recv()
				got <- v
			}()
			if v := <-got; v != 7 {
				t.Errorf("cap %d: the receiver in the bubble got %d; want 7", n, v)
			}
		})
		<-outside
		if outsideMsg != "" {
			t.Errorf("cap %d: the sender outside the bubble panicked: %s", n, outsideMsg)
		}
	}
}

// A channel shared between a bubble and the outside works as a native one
// does. The hoare case runs in a child process: waking a goroutine of a
// bubble through a channel the bubble made is a fatal error (not a panic)
// in the runtime, and must not take the rest of the package's tests down.
func TestSynctestChanSharedWithOutside(t *testing.T) {
	if os.Getenv("HOARE_SYNCTEST_SHARED_CHILD") == "1" {
		sharedWithOutside(t, func(n int) chantest.Ops[int] { return hoareOps[int]{mpmc.New[int](n)} })
		return
	}
	chantest.NoLeaks(t)
	t.Run("impl=native", func(t *testing.T) {
		sharedWithOutside(t, func(n int) chantest.Ops[int] { return chantest.NewNative[int](n) })
	})
	t.Run("impl=hoare", func(t *testing.T) {
		// A known limitation, documented in the package doc: a goroutine
		// parks on a channel made by the goroutine itself, so inside a
		// bubble it counts as durably blocked, and a waker outside the
		// bubble may not send to it. Go offers no way to make that
		// channel in the bubble of the Chan's creator instead. The child
		// run below shows the failure (false deadlock, or a fatal error)
		// with HOARE_SYNCTEST_LIMITATION=show.
		if os.Getenv("HOARE_SYNCTEST_LIMITATION") != "show" {
			t.Skip("known limitation (mpmc package doc): a Chan made outside a synctest bubble must not be used both inside and outside it")
		}
		cmd := exec.Command(os.Args[0], "-test.run=^TestSynctestChanSharedWithOutside$", "-test.count=1", "-test.timeout=60s")
		cmd.Env = append(os.Environ(), "HOARE_SYNCTEST_SHARED_CHILD=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("a chan made outside a bubble, received from inside and sent to from outside: the child test failed (%v):\n%s", err, firstLines(string(out), 12))
		}
	})
}

// firstLines returns at most n lines of s.
func firstLines(s string, n int) string {
	lines := 0
	for i, r := range s {
		if r == '\n' {
			if lines++; lines == n {
				return s[:i] + "\n..."
			}
		}
	}
	return s
}
