package flow

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/hoare-go/hoare/mpmc"
)

// core.async async_test.clj, ops-tests "mult": two taps of capacity 4 each get
// [0 1 2 3] and are closed with the source.
func TestMult(t *testing.T) {
	noLeaks(t)
	a, b, src := mpmc.New[int](4), mpmc.New[int](4), mpmc.New[int](0)
	m := NewMult(context.Background(), src)
	m.Tap(a, true)
	m.Tap(b, true)
	Pipe(context.Background(), FromSlice(seqN(4)), src, true)
	eq(t, "tap a", drain(t, a), seqN(4))
	eq(t, "tap b", drain(t, b), seqN(4))
}

// core.async async_test.clj, ops-tests "mult", ASYNC-127: every tap accepts a value
// before the next is taken, and a closed tap is dropped without blocking the others.
func TestMultAllTapsAcceptBeforeNext(t *testing.T) {
	noLeaks(t)
	src := mpmc.New[int](0)
	m := NewMult(context.Background(), src)
	t1, t2, t3 := mpmc.New[int](0), mpmc.New[int](0), mpmc.New[int](0)
	m.Tap(t1, true)
	m.Tap(t2, true)
	m.Tap(t3, true)
	t3.Close()
	go Onto(context.Background(), src, []int{1, 2, 3}, true)
	if v, _ := recv(t, t1); v != 1 {
		t.Fatalf("t1 got %d, want 1", v)
	}
	if _, err := t1.TryRecv(); err != mpmc.ErrWouldBlock {
		t.Fatalf("t1 TryRecv: %v, want ErrWouldBlock (t2 has not taken 1 yet)", err)
	}
	if v, _ := recv(t, t2); v != 1 {
		t.Fatalf("t2 got %d, want 1", v)
	}
	if v, _ := recv(t, t1); v != 2 {
		t.Fatalf("t1 got %d, want 2 (now available)", v)
	}
	if _, err := t1.TryRecv(); err != mpmc.ErrWouldBlock {
		t.Fatalf("t1 TryRecv: %v, want ErrWouldBlock", err)
	}
	if v, _ := recv(t, t2); v != 2 {
		t.Fatalf("t2 got %d, want 2", v)
	}
	if v, _ := recv(t, t2); v != 3 {
		t.Fatalf("t2 got %d, want 3", v)
	}
	if v, _ := recv(t, t1); v != 3 {
		t.Fatalf("t1 got %d, want 3", v)
	}
	drain(t, t1) // closed once every tap has accepted the last value
	drain(t, t2)
}

// core.async mult: the go-loop waits for every tap's put! (its countdown)
// before it takes the next value, so the source sees the slow tap: a send to
// an unbuffered source waits until the tap accepts the value before it.
func TestMultTakesNextOnlyAfterEveryTap(t *testing.T) {
	noLeaks(t)
	src, slow := mpmc.New[int](0), mpmc.New[int](0)
	m := NewMult(context.Background(), src)
	m.Tap(slow, true)
	src.Send(1) // the Mult takes 1 and offers it to slow
	sent := make(chan struct{})
	go func() {
		src.Send(2)
		close(sent)
	}()
	select {
	case <-sent:
		t.Fatal("the source's second Send completed before the tap accepted the first value")
	case <-time.After(20 * time.Millisecond):
	}
	if v, _ := recv(t, slow); v != 1 {
		t.Fatalf("slow got %d, want 1", v)
	}
	if v, _ := recv(t, slow); v != 2 {
		t.Fatalf("slow got %d, want 2", v)
	}
	<-sent
	src.Close()
	drain(t, slow)
}

// core.async mult docstring: "If there are no taps, all received items will be
// dropped", so the source never blocks on a Mult.
func TestMultNoTapsDrops(t *testing.T) {
	noLeaks(t)
	src := mpmc.New[int](0)
	m := NewMult(context.Background(), src)
	for i := range 5 {
		src.Send(i) // completes: the Mult takes and drops
	}
	src.Send(5) // taken once the Mult is done with 4; it may see the tap below
	a := m.Tap(mpmc.New[int](2), true)
	src.Send(99)
	src.Close()
	got := drain(t, a)
	if len(got) > 0 && got[0] == 5 {
		got = got[1:]
	}
	eq(t, "tap after drops", got, []int{99})
}

// A tap that does not read holds the others back by one value (each value is accepted
// by every tap before the next is taken); Untap releases them.
func TestMultSlowTapAndUntap(t *testing.T) {
	noLeaks(t)
	src := mpmc.New[int](8)
	m := NewMult(context.Background(), src)
	slow, fast := mpmc.New[int](0), mpmc.New[int](8)
	m.Tap(slow, false)
	m.Tap(fast, true)
	for i := range 3 {
		src.Send(i)
	}
	if v, _ := recv(t, fast); v != 0 {
		t.Fatalf("fast got %d", v)
	}
	if !blocked(fast, 20*time.Millisecond) {
		t.Fatal("fast tap got value 1 before the slow tap accepted 0")
	}
	if v, _ := recv(t, slow); v != 0 {
		t.Fatalf("slow got %d", v)
	}
	if v, _ := recv(t, fast); v != 1 {
		t.Fatalf("fast got %d", v)
	}
	m.Untap(slow)
	if v, _ := recv(t, slow); v != 1 { // 1 was offered before Untap
		t.Fatalf("slow got %d", v)
	}
	src.Close()
	eq(t, "fast rest", drain(t, fast), []int{2})
	if !blocked(slow, 20*time.Millisecond) {
		t.Fatal("an untapped channel got a value or was closed")
	}
}

// core.async tap docstring: "By default the channel will be closed when the source
// closes, but can be determined by the close? parameter"; UntapAll closes none.
func TestMultCloseFlagAndUntapAll(t *testing.T) {
	noLeaks(t)
	src := mpmc.New[int](0)
	m := NewMult(context.Background(), src)
	keep, shut := mpmc.New[int](4), mpmc.New[int](4)
	m.Tap(keep, false)
	m.Tap(shut, true)
	src.Send(1)
	src.Close()
	eq(t, "close=true tap", drain(t, shut), []int{1})
	if v, _ := recv(t, keep); v != 1 {
		t.Fatalf("keep got %d", v)
	}
	if !blocked(keep, 20*time.Millisecond) {
		t.Fatal("close=false tap was closed")
	}
	late := m.Tap(mpmc.New[int](0), true) // the source has closed: closed at once
	drain(t, late)

	src2 := mpmc.New[int](0)
	m2 := NewMult(context.Background(), src2)
	a := m2.Tap(mpmc.New[int](4), true)
	m2.UntapAll()
	src2.Send(1)
	src2.Close()
	if !blocked(a, 20*time.Millisecond) {
		t.Fatal("UntapAll: the tap got a value or was closed")
	}
}

// Tapping a channel twice keeps one tap, with the second call's close flag
// (core.async's tap adds the channel to the mult's map, keyed by channel):
// each value reaches it once, and the source's close closes it or not as
// the last Tap said.
func TestMultTapTwiceUpdatesCloseFlag(t *testing.T) {
	noLeaks(t)
	for _, last := range []bool{false, true} {
		src := mpmc.New[int](0)
		m := NewMult(context.Background(), src)
		ch := mpmc.New[int](4)
		m.Tap(ch, !last)
		if got := m.Tap(ch, last); got != ch {
			t.Fatalf("Tap returned a channel other than its argument")
		}
		src.Send(1)
		src.Send(2)
		src.Close()
		a, _ := recv(t, ch)
		b, _ := recv(t, ch)
		if a != 1 || b != 2 {
			t.Fatalf("close=%v: the twice-tapped channel got %d, %d, want 1, 2", last, a, b)
		}
		if last {
			if v, ok := recv(t, ch); ok {
				t.Fatalf("close=true last: got a third value %d, want ch closed after two", v)
			}
			continue
		}
		if !blocked(ch, 20*time.Millisecond) {
			t.Fatal("close=false last: the tap got a third value or was closed")
		}
	}
}

// Every value reaches every tap exactly once and in order, with taps of every
// capacity read concurrently; a tap whose reader closes it midway is dropped and
// holds nobody back; an untapped one gets a prefix.
func TestMultAccounting(t *testing.T) {
	noLeaks(t)
	const n = 20000
	src := mpmc.New[int](64)
	m := NewMult(context.Background(), src)
	var full, partial sync.WaitGroup
	check := func(wg *sync.WaitGroup, name string, c *mpmc.Chan[int], want int) {
		wg.Go(func() {
			next := 0
			for v := range c.All() {
				if v != next {
					t.Errorf("%s: got %d, want %d", name, v, next)
					return
				}
				next++
			}
			if want >= 0 && next != want {
				t.Errorf("%s: %d of %d values", name, next, want)
			}
		})
	}
	for _, c := range []int{0, 1, 7, 1024} {
		check(&full, "tap", m.Tap(mpmc.New[int](c), true), n)
	}
	quitter := m.Tap(mpmc.New[int](0), true)
	full.Go(func() {
		for range 100 {
			quitter.Recv()
		}
		quitter.Close() // the reader leaves
	})
	untapped := m.Tap(mpmc.New[int](0), false)
	check(&partial, "untapped", untapped, -1)
	go func() {
		for i := range n {
			src.Send(i)
			if i == n/2 {
				m.Untap(untapped)
			}
		}
		src.Close()
	}()
	full.Wait()
	untapped.Close()
	partial.Wait()
}

// ctx ends a Mult at once: its close=true taps are closed even with a value pending.
func TestMultCancel(t *testing.T) {
	noLeaks(t)
	ctx, cancel := context.WithCancel(context.Background())
	src := mpmc.New[int](1)
	m := NewMult(ctx, src)
	a := m.Tap(mpmc.New[int](0), true)
	src.Send(1) // pending on a, nobody reads
	time.Sleep(5 * time.Millisecond)
	cancel()
	drain(t, a)
}

// A tap closed while a value waits for it (a pending SendAsync) is removed, and the
// Mult goes on with the others: the value is not delivered to it, and nobody waits.
func TestMultTapClosedWhilePending(t *testing.T) {
	noLeaks(t)
	src := mpmc.New[int](0)
	m := NewMult(context.Background(), src)
	stuck, ok := mpmc.New[int](0), mpmc.New[int](8)
	m.Tap(stuck, true)
	m.Tap(ok, true)
	src.Send(1) // offered: ok takes it, stuck's waits as a SendAsync
	if v, _ := recv(t, ok); v != 1 {
		t.Fatalf("got %d", v)
	}
	go func() {
		src.Send(2)
		src.Send(3)
		src.Close()
	}()
	if !blocked(ok, 10*time.Millisecond) {
		t.Fatal("value 2 went out before stuck accepted 1")
	}
	stuck.Close() // the pending send completes with false; stuck is dropped
	eq(t, "ok", drain(t, ok), []int{2, 3})
	eq(t, "stuck", drain(t, stuck), nil)
}

// Taps come and go while values flow: each tap gets a contiguous run of the
// values, in order, none twice (it sees every value offered between its Tap and
// its Untap), and the long-lived tap gets them all.
func TestMultTapUntapWhileFlowing(t *testing.T) {
	noLeaks(t)
	const n = 20000
	src := mpmc.New[int](16)
	m := NewMult(context.Background(), src)
	all := m.Tap(mpmc.New[int](8), true)
	var wg sync.WaitGroup
	wg.Go(func() {
		next := 0
		for v := range all.All() {
			if v != next {
				t.Errorf("all: got %d, want %d", v, next)
				return
			}
			next++
		}
		if next != n {
			t.Errorf("all: %d of %d", next, n)
		}
	})
	go func() {
		for i := range n {
			src.Send(i)
		}
		src.Close()
	}()
	for round := 0; ; round++ {
		c := m.Tap(mpmc.New[int](round%3), false)
		last, got := -1, 0
		for range 50 {
			ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
			v, err := c.RecvContext(ctx)
			cancel()
			if err != nil {
				break
			}
			if last >= 0 && v != last+1 {
				t.Fatalf("round %d: %d after %d", round, v, last)
			}
			last, got = v, got+1
		}
		m.Untap(c)
		for { // what was offered before the Untap must still be accepted
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
			v, err := c.RecvContext(ctx)
			cancel()
			if err != nil {
				break
			}
			if last >= 0 && v != last+1 {
				t.Fatalf("round %d: %d after %d", round, v, last)
			}
			last = v
		}
		if got == 0 {
			break // the source is done
		}
	}
	wg.Wait()
}
