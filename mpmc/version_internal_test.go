package mpmc

import "testing"

// TestUnbufferedVersionMovesWithClose replays closeUnbuffered's steps around
// a select's two looks at a case (Peek, then Version): once another
// goroutine can see the channel closed (TrySend or TryRecv says ErrClosed),
// the case is ready, so its version must have moved, even while Close still
// holds the lock. Otherwise a select with a Default could take the Default
// after the close was observed. (Found in review: the version once read
// only the queue counts, which Close moved after storing the flag.)
func TestUnbufferedVersionMovesWithClose(t *testing.T) {
	c := New[int](0)
	send := c.sendOp()
	v1, ready := send.Peek()
	if ready {
		t.Fatal("send case ready on an open unbuffered channel with no receiver")
	}
	c.recvq.mu.Lock() // as closeUnbuffered, up to storing the flag
	c.closed.Store(true)
	err := c.TrySend(1) // what another goroutine sees now
	v2 := send.Version()
	c.recvq.mu.Unlock()
	if err != ErrClosed {
		t.Fatalf("TrySend on a closed channel: %v, want ErrClosed", err)
	}
	if v2 == v1 {
		t.Errorf("send case ready (closed) but its version %#x did not move", v1)
	}

	d := New[int](0)
	recv := d.recvOp()
	w1, ready := recv.Peek()
	if ready {
		t.Fatal("receive case ready on an open unbuffered channel with no sender")
	}
	d.recvq.mu.Lock()
	d.closed.Store(true)
	_, err = d.TryRecv()
	w2 := recv.Version()
	d.recvq.mu.Unlock()
	if err != ErrClosed {
		t.Fatalf("TryRecv on a closed channel: %v, want ErrClosed", err)
	}
	if w2 == w1 {
		t.Errorf("receive case ready (closed) but its version %#x did not move", w1)
	}
}
