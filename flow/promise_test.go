package flow

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/hoare-go/hoare/mpmc"
)

// core.async async_test.clj, test-promise-chan, "put on promise-chan fulfills all
// pending takers", "then puts succeed but are dropped", "then takes succeed with the
// original value", "then after close takes continue returning value".
func TestPromiseDeliver(t *testing.T) {
	noLeaks(t)
	p := NewPromise[string]()
	var wg sync.WaitGroup
	got := make([]string, 2)
	for i := range got {
		wg.Go(func() { got[i], _ = p.Recv() })
	}
	var async string
	p.RecvAsync(func(v string, ok bool) { async = v })
	if !p.Deliver("val") {
		t.Fatal("first Deliver refused")
	}
	wg.Wait()
	eq(t, "pending takers", append(got, async), []string{"val", "val", "val"})
	if p.Deliver("LOST") {
		t.Fatal("second Deliver accepted")
	}
	for range 3 {
		if v, ok := p.Recv(); v != "val" || !ok {
			t.Fatalf("Recv after: %q %v", v, ok)
		}
	}
	p.Close()
	if v, err := p.TryRecv(); v != "val" || err != nil {
		t.Fatalf("TryRecv after close: %q %v", v, err)
	}
	if v, err := p.RecvContext(context.Background()); v != "val" || err != nil {
		t.Fatalf("RecvContext after close: %q %v", v, err)
	}
}

// core.async async_test.clj, test-promise-chan, "close on promise-chan fulfills all
// pending takers", "then takes return nil".
func TestPromiseClose(t *testing.T) {
	noLeaks(t)
	p := NewPromise[int]()
	if _, err := p.TryRecv(); err != mpmc.ErrWouldBlock {
		t.Fatalf("TryRecv empty: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
	defer cancel()
	if _, err := p.RecvContext(ctx); err != context.DeadlineExceeded {
		t.Fatalf("RecvContext empty: %v", err)
	}
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			if _, ok := p.Recv(); ok {
				t.Error("Recv after close gave a value")
			}
		})
	}
	p.Close()
	wg.Wait()
	p.Close() // allowed
	if p.Deliver(1) {
		t.Fatal("Deliver after close accepted")
	}
	if _, err := p.RecvContext(context.Background()); err != mpmc.ErrClosed {
		t.Fatalf("RecvContext closed: %v", err)
	}
	if v, err := p.TryRecv(); v != 0 || err != mpmc.ErrClosed {
		t.Fatalf("TryRecv closed empty: %d %v, want 0 %v", v, err, mpmc.ErrClosed)
	}
	<-p.Done()
}

// RecvAsync on a decided promise calls back at once, on the caller's
// goroutine: with the value once delivered, with ok false once closed
// empty (core.async's take! on a promise-chan that holds a value, or is
// closed, runs its callback on the calling thread by default).
func TestPromiseRecvAsyncDecided(t *testing.T) {
	noLeaks(t)
	delivered := NewPromise[int]()
	delivered.Deliver(42)
	closed := NewPromise[int]()
	closed.Close()
	for _, tc := range []struct {
		name   string
		p      *Promise[int]
		v      int
		wantOK bool
	}{{"delivered", delivered, 42, true}, {"closed empty", closed, 0, false}} {
		calls := 0
		tc.p.RecvAsync(func(v int, ok bool) {
			calls++
			if v != tc.v || ok != tc.wantOK {
				t.Errorf("%s: callback got %d %v, want %d %v", tc.name, v, ok, tc.v, tc.wantOK)
			}
		})
		if calls != 1 { // no goroutine was involved: the call has returned
			t.Fatalf("%s: callback ran %d times before RecvAsync returned, want 1", tc.name, calls)
		}
	}
}

// Many goroutines race to deliver: exactly one wins, and every receiver sees its value.
func TestPromiseRace(t *testing.T) {
	noLeaks(t)
	p := NewPromise[int]()
	var wins sync.WaitGroup
	var won [16]bool
	for i := range won {
		wins.Go(func() { won[i] = p.Deliver(i) })
	}
	wins.Wait()
	n, v := 0, -1
	for i, w := range won {
		if w {
			n, v = n+1, i
		}
	}
	if got, _ := p.Recv(); n != 1 || got != v {
		t.Fatalf("%d winners; value %d, winner %d", n, got, v)
	}
}
