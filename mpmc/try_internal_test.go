package mpmc

import (
	"testing"
	"time"
)

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

// setHook installs testHook for the test's duration.
func setHook(t *testing.T, f func(where string)) {
	testHook = f
	t.Cleanup(func() { testHook = nil })
}

// TestTrySendRefusedByClose: a Close between trySendFull's look at the
// ring and its push. The push fails on the close, not on a full ring, so
// the answer is ErrClosed (the send after the Close), never ErrWouldBlock:
// the ring was empty and open until then. (Found in review of be11569,
// which read every failed push as "full".)
func TestTrySendRefusedByClose(t *testing.T) {
	c := New[int](1)
	setHook(t, func(where string) {
		if where == "trySendFull.push" {
			c.Close()
		}
	})
	if err := c.trySendFull(1); err != ErrClosed {
		t.Fatalf("trySendFull with a Close before its push into an empty ring: %v, want ErrClosed", err)
	}
}

// TestTryRecvSeesPushBeforeClose: a pending RecvAsync, an empty ring, and
// between TryRecv's look at the length and its look at the mark, another
// goroutine pushes 7 and closes. 7 belongs to the RecvAsync, first in
// line; the TryRecv then finds the channel closed and drained. (The slow
// path is called directly: TryRecv's inlined look answers an empty ring
// itself once a pop has found it empty there (ring.KnownEmpty);
// tryRecvEmpty is reached when that look did not, and a concurrent
// receiver may take a value before tryRecvEmpty's first look.)
func TestTryRecvSeesPushBeforeClose(t *testing.T) {
	c := New[int](2)
	got, gotOK := -1, false
	c.RecvAsync(func(v int, ok bool) { got, gotOK = v, ok })
	setHook(t, func(where string) {
		if where == "tryRecvEmpty.closed" && !c.buf.Closed() {
			c.buf.TryPush(7) // the sender's push, before it serves anyone
			c.buf.Close()    // Close's mark, before it serves the callbacks
		}
	})
	v, err := c.tryRecvEmpty()
	if err != ErrClosed || got != 7 || !gotOK {
		t.Fatalf("tryRecvEmpty = %d, %v and RecvAsync got %d, %v; want ErrClosed, and 7 for the RecvAsync", v, err, got, gotOK)
	}
}

// TestTryRecvMidSlide: on a sliding channel with a RecvAsync pending, a
// TryRecv that looks while a slide is between its pop and its push (the
// slide holds sendq's lock) must not see an empty buffer: it waits for
// the slide and serves the RecvAsync first.
func TestTryRecvMidSlide(t *testing.T) {
	c := New[int](1, Sliding())
	var got []int
	c.RecvAsync(func(v int, ok bool) { got = append(got, v) })
	c.buf.TryPush(1) // a value the RecvAsync has not been served yet
	c.sendq.mu.Lock()
	c.buf.TryPop() // mid-slide: the old value out, the new not yet in
	done := make(chan error)
	go func() {
		_, err := c.TryRecv()
		done <- err
	}()
	select {
	case err := <-done:
		t.Fatalf("TryRecv answered %v in the middle of a slide", err)
	case <-time.After(20 * time.Millisecond):
	}
	c.buf.TryPush(2)
	c.sendq.mu.Unlock()
	if err := <-done; err != ErrWouldBlock || len(got) != 1 || got[0] != 2 {
		t.Fatalf("TryRecv after the slide: %v, RecvAsync got %v; want ErrWouldBlock, and [2] for the RecvAsync", err, got)
	}
}

// TestRecvBehindCallbackOnClose: a Recv behind a pending RecvAsync on a
// channel that is closing (its mark set, its callbacks not yet served)
// queues behind the callback rather than taking the value the callback is
// owed: a goroutine's later Recv never overtakes its own RecvAsync. It
// then finds the channel closed and drained. (Recv used to take the value
// once the mark was set; found in review.)
func TestRecvBehindCallbackOnClose(t *testing.T) {
	c := New[int](2)
	got, gotOK := -1, false
	c.RecvAsync(func(v int, ok bool) { got, gotOK = v, ok })
	c.buf.TryPush(7) // a sender's push, before it serves anyone
	c.buf.Close()    // Close's mark, before it serves the callbacks
	v, ok := c.Recv()
	if ok || got != 7 || !gotOK {
		t.Fatalf("Recv = %d, %v and RecvAsync got %d, %v; want closed, and 7 for the RecvAsync", v, ok, got, gotOK)
	}
}
