package mpmc

import (
	"testing"

	"github.com/hoare-go/hoare/internal/sel"
)

// TestUnbufferedVersionMovesWithClose replays closeUnbuffered's steps around
// a select's two looks at a case (Peek, then Version): once another
// goroutine can see the channel closed (TrySend or TryRecv says ErrClosed),
// the case is ready, so its version must have moved, even while Close still
// holds the lock. Otherwise a select with a Default could take the Default
// after the close was observed. (Found in review: the version once read
// only the queue counts, which Close moved after storing the flag.)
func TestUnbufferedVersionMovesWithClose(t *testing.T) {
	for _, tc := range []struct {
		name string
		op   func(c *Chan[int]) sel.Op
		try  func(c *Chan[int]) error
	}{
		{"send", (*Chan[int]).sendOp, func(c *Chan[int]) error { return c.TrySend(1) }},
		{"receive", (*Chan[int]).recvOp, func(c *Chan[int]) error { _, err := c.TryRecv(); return err }},
	} {
		c := New[int](0)
		op := tc.op(c)
		v1, ready := op.Peek()
		if ready {
			t.Fatalf("%s case ready on an open unbuffered channel with nobody waiting", tc.name)
		}
		c.recvq.mu.Lock() // as closeUnbuffered, up to storing the flag
		c.closed.Store(true)
		err := tc.try(c) // what another goroutine sees now
		v2 := op.Version()
		c.recvq.mu.Unlock()
		if err != ErrClosed {
			t.Fatalf("%s on a closed channel: %v, want ErrClosed", tc.name, err)
		}
		if v2 == v1 {
			t.Errorf("%s case ready (closed) but its version %#x did not move", tc.name, v1)
		}
	}
}
