package mpmc

import "testing"

// TestTryAfterCallbackLeft replays the interleaving TestLinearizable found
// about once in 10,000 histories: TrySend saw a SendAsync pending and
// passed to trySendFull, and before trySendFull looked, the callback was
// served (by its own SendAsync's last look) and left the queue. trySendFull
// then answered ErrWouldBlock without trying the ring, which had room.
// Calling the slow paths with nothing pending is that interleaving, and
// each must then act on the ring as it is.
func TestTryAfterCallbackLeft(t *testing.T) {
	for _, capacity := range []int{1, 2, 4} {
		c := New[int](capacity)
		for i := range capacity {
			if err := c.trySendFull(i); err != nil {
				t.Fatalf("cap %d: trySendFull(%d) into %d of %d values, nothing pending: %v, want nil", capacity, i, i, capacity, err)
			}
		}
		if err := c.trySendFull(capacity); err != ErrWouldBlock {
			t.Fatalf("cap %d: trySendFull on a full ring: %v, want ErrWouldBlock", capacity, err)
		}
		for i := range capacity {
			if v, err := c.tryRecvEmpty(); err != nil || v != i {
				t.Fatalf("cap %d: tryRecvEmpty = %d, %v; want %d, nil", capacity, v, err, i)
			}
		}
		if _, err := c.tryRecvEmpty(); err != ErrWouldBlock {
			t.Fatalf("cap %d: tryRecvEmpty on an empty ring: %v, want ErrWouldBlock", capacity, err)
		}
		c.Close()
		if err := c.trySendFull(0); err != ErrClosed {
			t.Fatalf("cap %d: trySendFull after Close: %v, want ErrClosed", capacity, err)
		}
		if _, err := c.tryRecvEmpty(); err != ErrClosed {
			t.Fatalf("cap %d: tryRecvEmpty after Close: %v, want ErrClosed", capacity, err)
		}
	}
}
