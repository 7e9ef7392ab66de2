// The window of pass 2: between a select's poll of a channel and its entry
// being queued there, other goroutines act on the channel. These tests stop
// the select in that window (where a preemption could stop it too), through
// a Done case whose context's Done method blocks, and check that what
// happens there cannot break a channel's rules. Each was a defect, found by
// a review, in which the select registered without looking:
//   - after Close had swept a rendezvous's queues, so that a receive begun
//     after Close took the select's value;
//   - on a rendezvous beside a pending SendAsync (RecvAsync), so that the
//     same goroutine's later Send (Recv) paired with the select ahead of its
//     own callback;
//   - on a later case of a Priority select while an earlier case had been
//     ready since before it registered, so that the later case's partner
//     committed the select to the later case.
package alt_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hoare-go/hoare/mpmc"
	alt "github.com/hoare-go/hoare/select"
)

// gate is a context that is never done, whose Done method stops the select
// calling it at each of its first stops calls, until the test resumes it.
// The engine calls Done when its poll reaches a Done case (pass 1) and,
// when it will wait, once it has registered (pass 2).
type gate struct {
	context.Context
	stop   chan struct{} // a value at each stop
	resume chan struct{}
	stops  int // the Done calls left that stop; only the select calls Done
}

func newGate(stops int) *gate {
	return &gate{Context: context.Background(), stop: make(chan struct{}), resume: make(chan struct{}), stops: stops}
}

func (g *gate) Done() <-chan struct{} {
	if g.stops > 0 {
		g.stops--
		g.stop <- struct{}{}
		<-g.resume
	}
	return nil
}

// gated runs sel with g on a goroutine of its own and returns what it
// chose, or the panic it raised, as a string, on a channel of capacity 1
// (stopped may put the result back).
func gated(g *gate, sel func(ctx context.Context) int) chan string {
	res := make(chan string, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				res <- fmt.Sprint("panic: ", r)
			}
		}()
		res <- fmt.Sprint("case ", sel(g))
	}()
	return res
}

// stopped waits until the select stops at g (true) or ends (false; its
// result is put back for the caller).
func (g *gate) stopped(t *testing.T, res chan string) bool {
	t.Helper()
	select {
	case <-g.stop:
		return true
	case r := <-res:
		res <- r
		return false
	case <-time.After(10 * time.Second):
		t.Fatal("the select neither stopped nor ended in 10s")
	}
	return false
}

func TestSelectSendRegisteringAfterClose(t *testing.T) {
	c := mpmc.New[int](0)
	g := newGate(2)
	res := gated(g, func(ctx context.Context) int {
		return alt.Priority(alt.Send(c, 42, nil), alt.Done(ctx, nil))
	})
	if !g.stopped(t, res) {
		t.Fatalf("the select ended before its poll reached the Done case: %s", <-res)
	}
	c.Close() // the select has polled c while open; it registers next
	g.resume <- struct{}{}
	if g.stopped(t, res) { // registered, about to wait: a receive begun now must see the close
		v, ok := c.Recv()
		g.resume <- struct{}{}
		if ok {
			t.Errorf("a Recv begun after Close got (%d, true): a select's send registered after Close", v)
		}
	}
	if r := <-res; !strings.Contains(r, "send on closed channel") {
		t.Errorf("a select sending on a channel closed before it registered: %s, want the panic", r)
	}
	if v, ok := c.Recv(); ok {
		t.Errorf("after the select: Recv got (%d, true)", v)
	}
}

func TestSelectRecvRegisteringBesideSendAsync(t *testing.T) {
	c := mpmc.New[int](0)
	got := make(chan int, 1)
	g := newGate(2)
	res := gated(g, func(ctx context.Context) int {
		return alt.Priority(alt.Recv(c, func(v int, _ bool) { got <- v }), alt.Done(ctx, nil))
	})
	if !g.stopped(t, res) {
		t.Fatalf("the select ended before its poll reached the Done case: %s", <-res)
	}
	// One goroutine, this one, does SendAsync(1) and then Send(2): the
	// receivers must get 1 and then 2.
	c.SendAsync(1, nil) // nobody receives yet: pending
	g.resume <- struct{}{}
	sent := make(chan struct{})
	if g.stopped(t, res) { // registered beside the pending SendAsync
		go func() { c.Send(2); close(sent) }()
		select {
		case <-sent: // paired with the select, ahead of the SendAsync
		case <-time.After(50 * time.Millisecond): // waits behind it, as it must
		}
		g.resume <- struct{}{}
	} else {
		go func() { c.Send(2); close(sent) }()
	}
	if r := <-res; r != "case 0" {
		t.Fatalf("select: %s, want case 0", r)
	}
	second, _ := c.Recv()
	<-sent
	if first := <-got; first != 1 || second != 2 {
		t.Errorf("SendAsync(1) then Send(2) from one goroutine: received %d then %d", first, second)
	}
}

func TestSelectSendRegisteringBesideRecvAsync(t *testing.T) {
	c := mpmc.New[int](0)
	g := newGate(2)
	res := gated(g, func(ctx context.Context) int {
		return alt.Priority(alt.Send(c, 1, nil), alt.Done(ctx, nil))
	})
	if !g.stopped(t, res) {
		t.Fatalf("the select ended before its poll reached the Done case: %s", <-res)
	}
	// One goroutine, this one, does RecvAsync and then Recv: the RecvAsync
	// must get the first value sent, the select's 1.
	async := make(chan int, 1)
	c.RecvAsync(func(v int, _ bool) { async <- v }) // nobody sends yet: pending
	g.resume <- struct{}{}
	recvd := make(chan int, 1)
	if g.stopped(t, res) { // registered beside the pending RecvAsync
		go func() { v, _ := c.Recv(); recvd <- v }()
		select {
		case <-recvd:
		case <-time.After(50 * time.Millisecond):
		}
		g.resume <- struct{}{}
	} else {
		go func() { v, _ := c.Recv(); recvd <- v }()
	}
	if r := <-res; r != "case 0" {
		t.Fatalf("select: %s, want case 0", r)
	}
	select {
	case v := <-async:
		if v != 1 {
			t.Errorf("RecvAsync then Recv from one goroutine: the RecvAsync got %d, want the select's 1", v)
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("RecvAsync then Recv from one goroutine: the Recv took the select's 1, and the RecvAsync nothing")
	}
	c.Send(2)
	if v := <-recvd; v != 2 {
		t.Errorf("the Recv got %d, want 2", v)
	}
}

func TestPriorityRegisteringSeesEarlierCase(t *testing.T) {
	a := mpmc.New[int](1)
	c := mpmc.New[int](0)
	g := newGate(2)
	res := gated(g, func(ctx context.Context) int {
		return alt.Priority(alt.Recv(a, nil), alt.Recv(c, nil), alt.Done(ctx, nil))
	})
	if !g.stopped(t, res) {
		t.Fatalf("the select ended before its poll reached the Done case: %s", <-res)
	}
	a.Send(10) // the select polled a empty and has not registered: no wake-up is owed
	g.resume <- struct{}{}
	sent := false
	if g.stopped(t, res) { // registered on a and c; a has held 10 since before
		sent = c.TrySend(20) == nil
		g.resume <- struct{}{}
	}
	if r := <-res; r != "case 0" {
		t.Errorf("Priority chose %s (c's TrySend succeeded: %v) while case 0 had a value since before it registered", r, sent)
	}
}

// TestSendFromNilPointer: a nil SendFrom pointer is refused when the case
// is made, as native Go reads `case c <- *p` before it touches a channel.
// Read in the middle of the registrations, it panicked with earlier cases
// queued, whose dead entries then took values sent later.
func TestSendFromNilPointer(t *testing.T) {
	defer func() {
		if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "alt: SendFrom with a nil pointer") {
			t.Errorf("panic %v", r)
		}
	}()
	alt.SendFrom(mpmc.New[int](0), (*int)(nil), nil)
}
