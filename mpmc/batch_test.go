// Batch: the run waiter of a blocked SendMany (batch.go), step by step.
package mpmc_test

import (
	"testing"
	"testing/synctest"

	"github.com/hoare-go/hoare/mpmc"
)

// A SendMany blocked on a full buffer waits as a run waiter, served only
// once its run fits, and an ordinary Send behind it waits its turn. While
// the run waiter is first in line, receivers pass the senders by without
// taking the lock (waitq.need); once it is served, the Send is first, and
// the next receive that frees a slot must serve it.
func TestRunWaiterThenSend(t *testing.T) {
	bubble(t, func(t *testing.T) {
		c := mpmc.New[int](4)
		for i := range 4 {
			c.Send(i)
		}
		runDone, sendDone := make(chan struct{}), make(chan struct{})
		go func() { c.SendMany([]int{4, 5}); close(runDone) }() // waits for 2 free slots
		synctest.Wait()
		go func() { c.Send(6); close(sendDone) }() // queued behind the run
		synctest.Wait()

		step := func(want int, runReturned, sendReturned bool) {
			t.Helper()
			if v, ok := c.Recv(); v != want || !ok {
				t.Fatalf("Recv = %d, %v; want %d, true", v, ok, want)
			}
			synctest.Wait()
			if got := closed(runDone); got != runReturned {
				t.Fatalf("after receiving %d: SendMany returned = %v, want %v (Len %d)", want, got, runReturned, c.Len())
			}
			if got := closed(sendDone); got != sendReturned {
				t.Fatalf("after receiving %d: Send returned = %v, want %v (Len %d)", want, got, sendReturned, c.Len())
			}
		}
		step(0, false, false) // one slot free: the run of two does not fit
		step(1, true, false)  // two: the run is pushed, the buffer is full again
		step(2, true, true)   // one: the Send, first in line now, is served
		for want := 3; want <= 6; want++ {
			if v, _ := c.Recv(); v != want {
				t.Fatalf("drain: Recv = %d, want %d (values out of order)", v, want)
			}
		}
		if n := c.Len(); n != 0 {
			t.Fatalf("Len after the drain = %d, want 0", n)
		}
	})
}

func closed(ch chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}
