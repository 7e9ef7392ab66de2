// Allocations: the steady-state operations allocate nothing.
//
// Source: the target "allocations per op, every workload: 0", pinned
// with testing.AllocsPerRun as cespare/xxhash and uber-go/zap pin theirs.
//
// Invariants:
//   - Each measured function runs against a channel made (and warmed up)
//     outside it, so only the operation itself is counted.
//   - AllocsPerRun counts the mallocs of the whole process, so a helper
//     goroutine's allocations (the echo in the ping-pong case) count too.
package mpmc_test

import (
	"context"
	"testing"

	"github.com/hoare-go/hoare/mpmc"
)

// wantNoAllocs fails t unless f allocates nothing per run.
func wantNoAllocs(t *testing.T, what string, f func()) {
	t.Helper()
	f() // warm up: lazily made state is not steady state
	if n := testing.AllocsPerRun(1000, f); n != 0 {
		t.Errorf("%s: %v allocations per run; want 0", what, n)
	}
}

// Send and Recv on a buffered channel, TrySend and TryRecv succeeding and
// failing, on buffered and unbuffered channels.
func TestZeroAllocsSteadyState(t *testing.T) {
	c := mpmc.New[int](64)
	wantNoAllocs(t, "cap 64 Send+Recv", func() {
		c.Send(1)
		c.Recv()
	})
	wantNoAllocs(t, "cap 64 Send x32 + Recv x32", func() {
		for i := range 32 {
			c.Send(i)
		}
		for range 32 {
			c.Recv()
		}
	})
	wantNoAllocs(t, "cap 64 TrySend+TryRecv succeeding", func() {
		if c.TrySend(1) != nil {
			t.Fatal("TrySend failed")
		}
		if _, err := c.TryRecv(); err != nil {
			t.Fatal("TryRecv failed")
		}
	})
	wantNoAllocs(t, "cap 64 TryRecv failing (empty)", func() {
		if _, err := c.TryRecv(); err != mpmc.ErrWouldBlock {
			t.Fatal("TryRecv did not fail")
		}
	})
	full := mpmc.New[int](1)
	full.Send(0)
	wantNoAllocs(t, "cap 1 TrySend failing (full)", func() {
		if full.TrySend(1) != mpmc.ErrWouldBlock {
			t.Fatal("TrySend did not fail")
		}
	})
	u := mpmc.New[int](0)
	wantNoAllocs(t, "cap 0 TrySend failing (no receiver)", func() {
		if u.TrySend(1) != mpmc.ErrWouldBlock {
			t.Fatal("TrySend did not fail")
		}
	})
	wantNoAllocs(t, "cap 0 TryRecv failing (no sender)", func() {
		if _, err := u.TryRecv(); err != mpmc.ErrWouldBlock {
			t.Fatal("TryRecv did not fail")
		}
	})
	closed := mpmc.New[int](4)
	closed.Close()
	wantNoAllocs(t, "closed TrySend/TryRecv", func() {
		closed.TrySend(1)
		closed.TryRecv()
	})
	for _, opt := range []mpmc.Option{mpmc.Dropping(), mpmc.Sliding()} {
		p := mpmc.New[int](2, opt)
		wantNoAllocs(t, "policy chan Send on full + Recv", func() {
			p.Send(1)
			p.Send(2)
			p.Send(3)
			p.Recv()
			p.Recv()
		})
	}
}

// The context operations on their fast path (the channel ready) allocate
// nothing either.
func TestZeroAllocsContextFastPath(t *testing.T) {
	c := mpmc.New[int](64)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	wantNoAllocs(t, "cap 64 SendContext+RecvContext", func() {
		if c.SendContext(ctx, 1) != nil {
			t.Fatal("SendContext failed")
		}
		if _, err := c.RecvContext(ctx); err != nil {
			t.Fatal("RecvContext failed")
		}
	})
}

// An unbuffered ping-pong round trip: the parking and waking of a steady
// exchange between two goroutines allocates nothing (the issue's "every
// workload: 0 allocations").
func TestZeroAllocsPingPong(t *testing.T) {
	for _, n := range []int{0, 1} {
		ping, pong := mpmc.New[int](n), mpmc.New[int](n)
		go func() {
			for v := range ping.All() {
				pong.Send(v)
			}
			pong.Close()
		}()
		wantNoAllocs(t, "ping-pong round trip", func() {
			ping.Send(1)
			pong.Recv()
		})
		ping.Close()
		pong.Recv()
	}
}

// Async operations that complete at once allocate nothing beyond the
// caller's own closure (none here: the callbacks are made outside).
func TestZeroAllocsAsyncImmediate(t *testing.T) {
	c := mpmc.New[int](64)
	sendDone := func(bool) {}
	recvDone := func(int, bool) {}
	wantNoAllocs(t, "cap 64 SendAsync+RecvAsync completing at once", func() {
		c.SendAsync(1, sendDone)
		c.RecvAsync(recvDone)
	})
}
