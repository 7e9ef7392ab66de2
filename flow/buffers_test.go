package flow

import (
	"testing"

	"github.com/hoare-go/hoare/mpmc"
)

// core.async's buffers are mpmc's: a capacity (fixed-buffer), Dropping()
// (dropping-buffer), Sliding() (sliding-buffer); and flow's Promise
// (promise-buffer). These port buffers_test.clj onto them, through the channel
// operations (count is Len, add! a TrySend, remove! a TryRecv).

// core.async buffers_test.clj, fixed-buffer-tests.
func TestFixedBuffer(t *testing.T) {
	noLeaks(t)
	c := mpmc.New[string](2)
	lenIs(t, c, 0)
	must(c.TrySend(":1"))
	lenIs(t, c, 1)
	must(c.TrySend(":2"))
	lenIs(t, c, 2)
	if c.TrySend(":3") != mpmc.ErrWouldBlock { // full?
		t.Fatal("a full fixed buffer took a third value")
	}
	popIs(t, c, ":1")
	lenIs(t, c, 1)
	popIs(t, c, ":2")
	lenIs(t, c, 0)
	if _, err := c.TryRecv(); err != mpmc.ErrWouldBlock {
		t.Fatalf("remove! from empty: %v", err)
	}
}

// core.async buffers_test.clj, dropping-buffer-tests: a third add! succeeds and is
// dropped; the first two come out.
func TestDroppingBuffer(t *testing.T) {
	noLeaks(t)
	c := mpmc.New[string](2, mpmc.Dropping())
	must(c.TrySend(":1"))
	must(c.TrySend(":2"))
	lenIs(t, c, 2)
	must(c.TrySend(":3")) // never blocks (unblocking-buffer?)
	lenIs(t, c, 2)
	popIs(t, c, ":1")
	lenIs(t, c, 1)
	popIs(t, c, ":2")
	lenIs(t, c, 0)
}

// core.async buffers_test.clj, sliding-buffer-tests: a third add! succeeds and drops
// the oldest; :2 and :3 come out.
func TestSlidingBuffer(t *testing.T) {
	noLeaks(t)
	c := mpmc.New[string](2, mpmc.Sliding())
	must(c.TrySend(":1"))
	must(c.TrySend(":2"))
	must(c.TrySend(":3"))
	lenIs(t, c, 2)
	popIs(t, c, ":2")
	lenIs(t, c, 1)
	popIs(t, c, ":3")
	lenIs(t, c, 0)
}

// core.async buffers_test.clj, promise-buffer-tests: the first add! is kept, later
// ones are dropped; every remove! gives it, also after close-buf!.
func TestPromiseBuffer(t *testing.T) {
	noLeaks(t)
	p := NewPromise[string]()
	p.Deliver(":1")
	p.Deliver(":2")
	p.Deliver(":3")
	for range 2 {
		if v, err := p.TryRecv(); v != ":1" || err != nil {
			t.Fatalf("remove!: %q %v", v, err)
		}
	}
	p.Close()
	if v, err := p.TryRecv(); v != ":1" || err != nil {
		t.Fatalf("remove! after close: %q %v", v, err)
	}
}

func lenIs[T any](t *testing.T, c *mpmc.Chan[T], n int) {
	t.Helper()
	if c.Len() != n {
		t.Fatalf("count %d, want %d", c.Len(), n)
	}
}

func popIs[T comparable](t *testing.T, c *mpmc.Chan[T], want T) {
	t.Helper()
	if v, err := c.TryRecv(); v != want || err != nil {
		t.Fatalf("remove!: %v %v, want %v", v, err, want)
	}
}
