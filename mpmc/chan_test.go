package mpmc_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/hoare-go/hoare/mpmc"
)

// TestExactlyOnceQuick: P producers, Q consumers, every capacity flavour;
// every value arrives once and each producer's values in order.
func TestExactlyOnceQuick(t *testing.T) {
	for _, capacity := range []int{0, 1, 3, 64} {
		const P, Q, N = 4, 4, 3000
		c := mpmc.New[int](capacity)
		var wg sync.WaitGroup
		for p := range P {
			wg.Go(func() {
				for i := range N {
					c.Send(p*N + i)
				}
			})
		}
		got := make([][]int, Q)
		var rg sync.WaitGroup
		for q := range Q {
			rg.Go(func() {
				for v := range c.All() {
					got[q] = append(got[q], v)
				}
			})
		}
		wg.Wait()
		c.Close()
		rg.Wait()
		seen := make([]bool, P*N)
		for q := range Q {
			last := make([]int, P)
			for p := range last {
				last[p] = -1
			}
			for _, v := range got[q] {
				if seen[v] {
					t.Fatalf("cap %d: %d received twice", capacity, v)
				}
				seen[v] = true
				if p := v / N; v <= last[p] {
					t.Fatalf("cap %d: producer %d out of order: %d after %d", capacity, p, v, last[p])
				} else {
					last[p] = v
				}
			}
		}
		for v, ok := range seen {
			if !ok {
				t.Fatalf("cap %d: %d never received", capacity, v)
			}
		}
	}
}

func TestContextCancelQuick(t *testing.T) {
	for _, capacity := range []int{0, 1} {
		c := mpmc.New[int](capacity)
		if capacity == 1 {
			c.Send(0)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
		if err := c.SendContext(ctx, 1); err != context.DeadlineExceeded {
			t.Fatalf("cap %d: SendContext = %v, want DeadlineExceeded", capacity, err)
		}
		cancel()
		if capacity == 1 {
			c.Recv()
		}
		ctx, cancel = context.WithTimeout(context.Background(), 10*time.Millisecond)
		if _, err := c.RecvContext(ctx); err != context.DeadlineExceeded {
			t.Fatalf("cap %d: RecvContext = %v, want DeadlineExceeded", capacity, err)
		}
		cancel()
		if _, err := c.TryRecv(); err != mpmc.ErrWouldBlock {
			t.Fatalf("cap %d: TryRecv after cancelled send = %v: the value was delivered", capacity, err)
		}
	}
}

func TestAsyncQuick(t *testing.T) {
	for _, capacity := range []int{0, 2} {
		c := mpmc.New[int](capacity)
		var got []int
		for i := range 5 {
			c.SendAsync(i, nil)
		}
		for range 5 {
			c.RecvAsync(func(v int, ok bool) { got = append(got, v) })
		}
		if len(got) != 5 {
			t.Fatalf("cap %d: got %v", capacity, got)
		}
		for i, v := range got {
			if v != i {
				t.Fatalf("cap %d: got %v, want 0..4 in order", capacity, got)
			}
		}
		var closedOK []bool
		c.RecvAsync(func(v int, ok bool) { closedOK = append(closedOK, ok) })
		c.Close()
		if len(closedOK) != 1 || closedOK[0] {
			t.Fatalf("cap %d: pending RecvAsync at Close got %v", capacity, closedOK)
		}
	}
}
