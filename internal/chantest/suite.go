// The conformance cases: each one a behaviour of Go's native chan, stated as
// a test over Chan, run for several capacities against any implementation.
//
// Source: golang/go src/runtime/chan_test.go TestChan (blocking, FIFO, close,
// len/cap, many senders and receivers), test/chan/select3.go (the parts
// without select: send to closed panics, receive from closed never blocks),
// and the mpmc API contract (/work/shared/API.md) for the operations native
// chan lacks, expressed through the native adapter's select statements.
//
// Invariants:
//   - A case gets a fresh channel from mk for every capacity and must leave
//     no goroutine behind (NoLeaks).
//   - Cases never assert an order that native chan does not guarantee (e.g.
//     which of two ready select cases wins); where both "ready" and "ctx
//     done" hold at once, no outcome is asserted.
package chantest

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// Capacities are the capacities every case runs at: unbuffered, the
// smallest buffers, one not a power of two, and a larger one.
var Capacities = []int{0, 1, 2, 7, 64}

type conformanceCase struct {
	name string
	f    func(t *testing.T, mk func(capacity int) Chan, n int)
}

var cases = []conformanceCase{
	{"LenCap", testLenCap},
	{"FIFO", testFIFO},
	{"RecvEmptyBlocks", testRecvEmptyBlocks},
	{"SendFullBlocks", testSendFullBlocks},
	{"HoldsExactlyCap", testHoldsExactlyCap},
	{"Rendezvous", testRendezvous},
	{"TrySendWhenReceiverWaits", testTrySendWhenReceiverWaits},
	{"TryRecvWhenSenderWaits", testTryRecvWhenSenderWaits},
	{"CloseDrains", testCloseDrains},
	{"CloseWakesReceivers", testCloseWakesReceivers},
	{"CloseWakesSenders", testCloseWakesSenders},
	{"SendOnClosed", testSendOnClosed},
	{"CloseTwice", testCloseTwice},
	{"SendContextCancel", testSendContextCancel},
	{"RecvContextCancel", testRecvContextCancel},
	{"ContextDoneBeforeCall", testContextDoneBeforeCall},
	{"ContextOK", testContextOK},
	{"All", testAll},
	{"ManyToMany", testManyToMany},
	{"ManyToManyMixedOps", testManyToManyMixedOps},
	{"BlockedSenderNotStarved", testBlockedSenderNotStarved},
	{"BlockedReceiverNotStarved", testBlockedReceiverNotStarved},
	{"MemModelSendBeforeRecv", testMemModelSendBeforeRecv},
	{"MemModelCloseBeforeRecv", testMemModelCloseBeforeRecv},
	{"MemModelRecvBeforeSendCompletes", testMemModelRecvBeforeSendCompletes},
	{"MemModelSemaphore", testMemModelSemaphore},
}

// Run runs every conformance case as a subtest "<case>/cap=<n>" for each of
// Capacities, each on fresh channels made by mk.
func Run(t *testing.T, mk func(capacity int) Chan) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, n := range Capacities {
				t.Run(fmt.Sprintf("cap=%d", n), func(t *testing.T) {
					NoLeaks(t)
					c.f(t, mk, n)
				})
			}
		})
	}
}

// skipNativeUnderRace skips a case that closes a native chan while a
// sender is blocked on it, when the race detector is on (see RaceEnabled).
func skipNativeUnderRace(t *testing.T, c any) {
	if _, native := c.(interface{ IsNative() }); native && RaceEnabled {
		t.Skip("native chan under -race: the race detector reports Close concurrent with a blocked send; run without -race to prove this case on native chan")
	}
}

// wantRecv receives one value and fails unless it is (want, true).
func wantRecv(t *testing.T, c Chan, want int) {
	t.Helper()
	if v, ok := c.Recv(); v != want || !ok {
		t.Fatalf("Recv() = %d, %v; want %d, true", v, ok, want)
	}
}

// wantClosed fails unless c is closed and drained, seen by every receive op.
func wantClosed(t *testing.T, c Chan) {
	t.Helper()
	for i := 0; i < 2; i++ {
		if v, ok := c.Recv(); v != 0 || ok {
			t.Fatalf("Recv() on closed, drained = %d, %v; want 0, false", v, ok)
		}
	}
	if v, err := c.TryRecv(); v != 0 || err != ErrClosed {
		t.Fatalf("TryRecv() on closed, drained = %d, %v; want 0, ErrClosed", v, err)
	}
	if v, err := c.RecvContext(context.Background()); v != 0 || err != ErrClosed {
		t.Fatalf("RecvContext() on closed, drained = %d, %v; want 0, ErrClosed", v, err)
	}
	if l := c.Len(); l != 0 {
		t.Fatalf("Len() on closed, drained = %d; want 0", l)
	}
}

// Port of runtime/chan_test.go TestChan "Test len/cap".
func testLenCap(t *testing.T, mk func(int) Chan, n int) {
	c := mk(n)
	if c.Len() != 0 || c.Cap() != n {
		t.Fatalf("new chan: Len, Cap = %d, %d; want 0, %d", c.Len(), c.Cap(), n)
	}
	for i := 0; i < n; i++ {
		c.Send(i)
		if c.Len() != i+1 {
			t.Fatalf("after %d sends: Len() = %d", i+1, c.Len())
		}
	}
	if n > 0 {
		wantRecv(t, c, 0)
		if c.Len() != n-1 || c.Cap() != n {
			t.Fatalf("after one recv: Len, Cap = %d, %d; want %d, %d", c.Len(), c.Cap(), n-1, n)
		}
	}
}

// Port of runtime/chan_test.go TestChan "Send 100 integers, ensure that we
// receive them non-corrupted in FIFO order" (test/chan/fifo.go too).
func testFIFO(t *testing.T, mk func(int) Chan, n int) {
	c := mk(n)
	done := Go(func() {
		for i := 0; i < 100; i++ {
			c.Send(i)
		}
	}, nil)
	for i := 0; i < 100; i++ {
		wantRecv(t, c, i)
	}
	Wait(t, done, "sender")
}

// Port of runtime/chan_test.go TestChan "Ensure that receive from empty
// chan blocks" and "non-blocking receive does not block".
func testRecvEmptyBlocks(t *testing.T, mk func(int) Chan, n int) {
	c := mk(n)
	r1 := Go(func() { c.Recv() }, nil)
	r2 := Go(func() { c.RecvContext(context.Background()) }, nil)
	time.Sleep(Blocked)
	if Done(r1) || Done(r2) {
		t.Fatalf("receive from empty chan returned")
	}
	if _, err := c.TryRecv(); err != ErrWouldBlock {
		t.Fatalf("TryRecv() on empty chan with blocked receivers = %v; want ErrWouldBlock", err)
	}
	c.Send(0)
	c.Send(0)
	Wait(t, r1, "receiver 1 after sends")
	Wait(t, r2, "receiver 2 after sends")
}

// Port of runtime/chan_test.go TestChan "Ensure that send to full chan
// blocks" and "non-blocking send does not block".
func testSendFullBlocks(t *testing.T, mk func(int) Chan, n int) {
	c := mk(n)
	for i := 0; i < n; i++ {
		c.Send(i)
	}
	s := Go(func() { c.Send(-1) }, nil)
	time.Sleep(Blocked)
	if Done(s) {
		t.Fatalf("send to full chan returned")
	}
	if err := c.TrySend(-2); err != ErrWouldBlock {
		t.Fatalf("TrySend() on full chan with a blocked sender = %v; want ErrWouldBlock", err)
	}
	for i := 0; i < n; i++ {
		wantRecv(t, c, i)
	}
	wantRecv(t, c, -1)
	Wait(t, s, "blocked sender after receive")
	if _, err := c.TryRecv(); err != ErrWouldBlock {
		t.Fatalf("TryRecv() after draining = %v; want ErrWouldBlock (a failed TrySend must not deliver)", err)
	}
}

// The API contract: capacity > 0 holds exactly capacity values; TrySend
// fails on the capacity+1-th.
func testHoldsExactlyCap(t *testing.T, mk func(int) Chan, n int) {
	c := mk(n)
	for i := 0; i < n; i++ {
		if err := c.TrySend(i); err != nil {
			t.Fatalf("TrySend #%d on chan of cap %d = %v; want nil", i, n, err)
		}
	}
	if err := c.TrySend(n); err != ErrWouldBlock {
		t.Fatalf("TrySend #%d on full chan of cap %d = %v; want ErrWouldBlock", n, n, err)
	}
	if c.Len() != n {
		t.Fatalf("Len() of full chan = %d; want %d", c.Len(), n)
	}
	for i := 0; i < n; i++ {
		if v, err := c.TryRecv(); v != i || err != nil {
			t.Fatalf("TryRecv() = %d, %v; want %d, nil", v, err, i)
		}
	}
	if _, err := c.TryRecv(); err != ErrWouldBlock {
		t.Fatalf("TryRecv() on empty = %v; want ErrWouldBlock", err)
	}
}

// An unbuffered send completes only when a receiver takes the value; a
// buffered send past the capacity likewise.
func testRendezvous(t *testing.T, mk func(int) Chan, n int) {
	c := mk(n)
	for i := 0; i < n; i++ {
		c.Send(i)
	}
	for round := 0; round < 3; round++ {
		v := 1000 + round
		s := Go(func() { c.Send(v) }, nil)
		time.Sleep(Blocked)
		if Done(s) {
			t.Fatalf("round %d: Send returned with no receiver and a full buffer", round)
		}
		got, ok := c.Recv()
		if !ok {
			t.Fatalf("Recv() not ok")
		}
		want := round // the oldest buffered value comes first
		if round >= n {
			want = 1000 + round - n
		}
		if got != want {
			t.Fatalf("round %d: Recv() = %d; want %d", round, got, want)
		}
		Wait(t, s, "sender after its value was taken")
	}
}

// For cap 0, TrySend succeeds only when a receiver waits (select-default on
// an unbuffered chan); for cap > 0 it succeeds once there is room.
func testTrySendWhenReceiverWaits(t *testing.T, mk func(int) Chan, n int) {
	c := mk(n)
	for i := 0; i < n; i++ {
		c.Send(i)
	}
	if err := c.TrySend(-1); err != ErrWouldBlock {
		t.Fatalf("TrySend with no receiver and a full buffer = %v; want ErrWouldBlock", err)
	}
	got := make(chan int, 1)
	r := Go(func() {
		v, _ := c.Recv()
		got <- v
	}, nil)
	deadline := time.Now().Add(Await)
	for c.TrySend(42) != nil {
		if time.Now().After(deadline) {
			t.Fatalf("TrySend never succeeded while a receiver was waiting")
		}
		time.Sleep(50 * time.Microsecond)
	}
	Wait(t, r, "receiver")
	want := 42
	if n > 0 {
		want = 0
	}
	if v := <-got; v != want {
		t.Fatalf("receiver got %d; want %d", v, want)
	}
	for i := 1; i < n; i++ {
		wantRecv(t, c, i)
	}
	if n > 0 {
		wantRecv(t, c, 42)
	}
}

// TryRecv succeeds once a value is buffered or, for cap 0, a sender waits.
func testTryRecvWhenSenderWaits(t *testing.T, mk func(int) Chan, n int) {
	c := mk(n)
	if _, err := c.TryRecv(); err != ErrWouldBlock {
		t.Fatalf("TryRecv on empty chan = %v; want ErrWouldBlock", err)
	}
	s := Go(func() { c.Send(9) }, nil)
	deadline := time.Now().Add(Await)
	for {
		v, err := c.TryRecv()
		if err == nil {
			if v != 9 {
				t.Fatalf("TryRecv() = %d; want 9", v)
			}
			break
		}
		if err != ErrWouldBlock {
			t.Fatalf("TryRecv() error %v; want ErrWouldBlock", err)
		}
		if time.Now().After(deadline) {
			t.Fatalf("TryRecv never succeeded while a sender was waiting")
		}
		time.Sleep(50 * time.Microsecond)
	}
	Wait(t, s, "sender")
}

// Port of runtime/chan_test.go TestChan "Ensure that we receive 0 from
// closed chan": values buffered before Close are still received, in order,
// by every receive operation; then (0, false) forever.
func testCloseDrains(t *testing.T, mk func(int) Chan, n int) {
	c := mk(n)
	for i := 0; i < n; i++ {
		c.Send(i + 1)
	}
	c.Close()
	if c.Len() != n {
		t.Fatalf("Len() after Close = %d; want %d (nothing buffered is lost)", c.Len(), n)
	}
	for i := 0; i < n; i++ {
		var v int
		var err error
		switch i % 3 {
		case 0:
			var ok bool
			v, ok = c.Recv()
			if !ok {
				err = ErrClosed
			}
		case 1:
			v, err = c.TryRecv()
		case 2:
			v, err = c.RecvContext(context.Background())
		}
		if v != i+1 || err != nil {
			t.Fatalf("receive #%d after Close = %d, %v; want %d, nil", i, v, err, i+1)
		}
	}
	wantClosed(t, c)
}

// Port of runtime/chan_test.go TestChan "Ensure that close unblocks receive".
func testCloseWakesReceivers(t *testing.T, mk func(int) Chan, n int) {
	c := mk(n)
	const k = 4
	var wg sync.WaitGroup
	errs := make(chan string, 2*k)
	for i := 0; i < k; i++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			if v, ok := c.Recv(); v != 0 || ok {
				errs <- fmt.Sprintf("Recv() woken by Close = %d, %v; want 0, false", v, ok)
			}
		}()
		go func() {
			defer wg.Done()
			if v, err := c.RecvContext(context.Background()); v != 0 || err != ErrClosed {
				errs <- fmt.Sprintf("RecvContext() woken by Close = %d, %v; want 0, ErrClosed", v, err)
			}
		}()
	}
	time.Sleep(Blocked)
	c.Close()
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	Wait(t, done, "receivers woken by Close")
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// Senders blocked at Close panic with "send on closed channel" (SendContext
// returns ErrClosed); their values are never delivered; what was buffered
// before Close is.
func testCloseWakesSenders(t *testing.T, mk func(int) Chan, n int) {
	c := mk(n)
	skipNativeUnderRace(t, c)
	for i := 0; i < n; i++ {
		c.Send(i)
	}
	const k = 3
	msgs := make([]string, k)
	var dones []<-chan struct{}
	for i := 0; i < k; i++ {
		dones = append(dones, Go(func() { c.Send(100 + i) }, &msgs[i]))
	}
	ctxErr := make(chan error, 1)
	dones = append(dones, Go(func() { ctxErr <- c.SendContext(context.Background(), 200) }, nil))
	time.Sleep(Blocked)
	for i, d := range dones {
		if Done(d) {
			t.Fatalf("sender %d returned before Close on a full chan", i)
		}
	}
	c.Close()
	for i, d := range dones {
		Wait(t, d, fmt.Sprintf("sender %d woken by Close", i))
	}
	for i, m := range msgs {
		if !strings.Contains(m, "send on closed channel") {
			t.Errorf("sender %d blocked at Close: panic %q; want one containing %q", i, m, "send on closed channel")
		}
	}
	if err := <-ctxErr; err != ErrClosed {
		t.Errorf("SendContext blocked at Close = %v; want ErrClosed", err)
	}
	for i := 0; i < n; i++ {
		wantRecv(t, c, i)
	}
	wantClosed(t, c)
}

// Port of test/chan/select3.go "sending to a closed channel panics", with
// the error-returning operations returning ErrClosed instead.
func testSendOnClosed(t *testing.T, mk func(int) Chan, n int) {
	c := mk(n)
	if n > 0 {
		c.Send(7)
	}
	c.Close()
	msg, panicked := PanicMessage(func() { c.Send(1) })
	if !panicked || !strings.Contains(msg, "send on closed channel") {
		t.Fatalf("Send on closed chan: panicked=%v %q; want a panic containing %q", panicked, msg, "send on closed channel")
	}
	if err := c.TrySend(1); err != ErrClosed {
		t.Fatalf("TrySend on closed chan = %v; want ErrClosed", err)
	}
	if err := c.SendContext(context.Background(), 1); err != ErrClosed {
		t.Fatalf("SendContext on closed chan = %v; want ErrClosed", err)
	}
	if n > 0 {
		if v, err := c.TryRecv(); v != 7 || err != nil {
			t.Fatalf("TryRecv on closed chan with a buffered value = %d, %v; want 7, nil", v, err)
		}
	}
	wantClosed(t, c)
}

// Closing a closed channel panics with "close of closed channel".
func testCloseTwice(t *testing.T, mk func(int) Chan, n int) {
	c := mk(n)
	c.Close()
	msg, panicked := PanicMessage(c.Close)
	if !panicked || !strings.Contains(msg, "close of closed channel") {
		t.Fatalf("second Close: panicked=%v %q; want a panic containing %q", panicked, msg, "close of closed channel")
	}
	wantClosed(t, c)
}

// A SendContext blocked on a full chan returns ctx.Err() when ctx ends, and
// its value is never received afterwards.
func testSendContextCancel(t *testing.T, mk func(int) Chan, n int) {
	c := mk(n)
	for i := 0; i < n; i++ {
		c.Send(i)
	}
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	s := Go(func() { errc <- c.SendContext(ctx, -1) }, nil)
	time.Sleep(Blocked)
	if Done(s) {
		t.Fatalf("SendContext on full chan returned before cancel")
	}
	cancel()
	Wait(t, s, "SendContext after cancel")
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled SendContext = %v; want context.Canceled", err)
	}

	tctx, tcancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
	defer tcancel()
	if err := c.SendContext(tctx, -2); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("SendContext past its deadline = %v; want context.DeadlineExceeded", err)
	}

	for i := 0; i < n; i++ {
		wantRecv(t, c, i)
	}
	if v, err := c.TryRecv(); err != ErrWouldBlock {
		t.Fatalf("TryRecv after draining = %d, %v; want ErrWouldBlock: a cancelled send was delivered", v, err)
	}
	// The cancelled senders must be gone from the channel: a receiver
	// now waits, and a fresh send meets it.
	r := Go(func() { wantRecvAsync(t, c, 5) }, nil)
	c.Send(5)
	Wait(t, r, "receiver")
}

// wantRecvAsync is wantRecv for use off the test goroutine.
func wantRecvAsync(t *testing.T, c Chan, want int) {
	if v, ok := c.Recv(); v != want || !ok {
		t.Errorf("Recv() = %d, %v; want %d, true", v, ok, want)
	}
}

// A RecvContext blocked on an empty chan returns ctx.Err() when ctx ends and
// takes nothing: a later value goes to the next receiver, and for cap 0 a
// TrySend finds no receiver waiting.
func testRecvContextCancel(t *testing.T, mk func(int) Chan, n int) {
	c := mk(n)
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	r := Go(func() {
		_, err := c.RecvContext(ctx)
		errc <- err
	}, nil)
	time.Sleep(Blocked)
	if Done(r) {
		t.Fatalf("RecvContext on empty chan returned before cancel")
	}
	cancel()
	Wait(t, r, "RecvContext after cancel")
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled RecvContext = %v; want context.Canceled", err)
	}
	tctx, tcancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
	defer tcancel()
	if _, err := c.RecvContext(tctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("RecvContext past its deadline = %v; want context.DeadlineExceeded", err)
	}
	if n == 0 {
		if err := c.TrySend(1); err != ErrWouldBlock {
			t.Fatalf("TrySend on cap 0 after the only receiver was cancelled = %v; want ErrWouldBlock", err)
		}
		r := Go(func() { wantRecvAsync(t, c, 3) }, nil)
		c.Send(3)
		Wait(t, r, "receiver")
		return
	}
	c.Send(3)
	if c.Len() != 1 {
		t.Fatalf("Len() after one send past cancelled receivers = %d; want 1", c.Len())
	}
	wantRecv(t, c, 3)
}

// With ctx already done and the operation unable to proceed, the context
// operations return ctx.Err() at once.
func testContextDoneBeforeCall(t *testing.T, mk func(int) Chan, n int) {
	c := mk(n)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.RecvContext(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("RecvContext(done ctx) on empty chan = %v; want context.Canceled", err)
	}
	for i := 0; i < n; i++ {
		c.Send(i)
	}
	if err := c.SendContext(ctx, -1); !errors.Is(err, context.Canceled) {
		t.Fatalf("SendContext(done ctx) on full chan = %v; want context.Canceled", err)
	}
	for i := 0; i < n; i++ {
		wantRecv(t, c, i)
	}
	if _, err := c.TryRecv(); err != ErrWouldBlock {
		t.Fatalf("TryRecv after draining = %v; want ErrWouldBlock", err)
	}
}

// SendContext and RecvContext with a live context behave as Send and Recv.
func testContextOK(t *testing.T, mk func(int) Chan, n int) {
	c := mk(n)
	ctx := context.Background()
	const m = 200
	errc := make(chan error, 1)
	go func() {
		for i := 0; i < m; i++ {
			if err := c.SendContext(ctx, i); err != nil {
				errc <- err
				return
			}
		}
		errc <- nil
	}()
	for i := 0; i < m; i++ {
		v, err := c.RecvContext(ctx)
		if v != i || err != nil {
			t.Fatalf("RecvContext() = %d, %v; want %d, nil", v, err, i)
		}
	}
	if err := <-errc; err != nil {
		t.Fatalf("SendContext: %v", err)
	}
}

// All yields every value, in order, until the channel is closed and
// drained; breaking out of the loop leaves the rest in the channel.
func testAll(t *testing.T, mk func(int) Chan, n int) {
	c := mk(n)
	const m = 50
	s := Go(func() {
		for i := 0; i < m; i++ {
			c.Send(i)
		}
		c.Close()
	}, nil)
	next := 0
	for v := range c.All() {
		if v != next {
			t.Fatalf("All yielded %d; want %d", v, next)
		}
		next++
		if next == m/2 {
			break
		}
	}
	for v := range c.All() {
		if v != next {
			t.Fatalf("second All yielded %d; want %d", v, next)
		}
		next++
	}
	if next != m {
		t.Fatalf("All yielded %d values in total; want %d", next, m)
	}
	Wait(t, s, "sender")
	for range c.All() {
		t.Fatalf("All on a closed, drained chan yielded a value")
	}
	wantClosed(t, c)
}

// Port of runtime/chan_test.go TestChan "Send 1000 integers in 4
// goroutines, ensure that we receive what we send".
func testManyToMany(t *testing.T, mk func(int) Chan, n int) {
	c := mk(n)
	const P, L = 4, 1000
	for p := 0; p < P; p++ {
		go func() {
			for i := 0; i < L; i++ {
				c.Send(i)
			}
		}()
	}
	done := make(chan map[int]int)
	for p := 0; p < P; p++ {
		go func() {
			recv := make(map[int]int)
			for i := 0; i < L; i++ {
				v, _ := c.Recv()
				recv[v]++
			}
			done <- recv
		}()
	}
	recv := make(map[int]int)
	for p := 0; p < P; p++ {
		for k, v := range <-done {
			recv[k] += v
		}
	}
	if len(recv) != L {
		t.Fatalf("received %d distinct values; want %d", len(recv), L)
	}
	for k, v := range recv {
		if v != P {
			t.Fatalf("value %d received %d times; want %d", k, v, P)
		}
	}
}

// As testManyToMany, with every sender and receiver cycling through the
// blocking, Try and Context forms, each sender's values increasing, and each
// receiver checking per-sender order and exactly-once delivery.
func testManyToManyMixedOps(t *testing.T, mk func(int) Chan, n int) {
	c := mk(n)
	const P, L = 4, 500
	ctx := context.Background()
	var wg sync.WaitGroup
	for p := 0; p < P; p++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < L; i++ {
				v := p*L + i
				switch i % 3 {
				case 0:
					c.Send(v)
				case 1:
					// Try a while, then block: with cap 0 a
					// TrySend needs a blocked receiver, and all
					// sides spinning in Try at once would livelock.
					if !trySend(c, v) {
						c.Send(v)
					}
				case 2:
					if err := c.SendContext(ctx, v); err != nil {
						t.Errorf("SendContext: %v", err)
						return
					}
				}
			}
		}()
	}
	results := make(chan []int, P)
	for p := 0; p < P; p++ {
		go func() {
			var got []int
			last := make([]int, P)
			for i := range last {
				last[i] = -1
			}
			for i := 0; i < L; i++ {
				var v int
				switch i % 3 {
				case 0:
					v, _ = c.Recv()
				case 1:
					var ok bool
					if v, ok = tryRecv(c); !ok {
						v, _ = c.Recv()
					}
				case 2:
					var err error
					if v, err = c.RecvContext(ctx); err != nil {
						t.Errorf("RecvContext: %v", err)
					}
				}
				if v < 0 || v >= P*L {
					t.Errorf("received %d, which was never sent", v)
				} else if s := v / L; v <= last[s] {
					t.Errorf("sender %d's values out of order: %d after %d", s, v, last[s])
				} else {
					last[s] = v
				}
				got = append(got, v)
			}
			results <- got
		}()
	}
	wg.Wait()
	seen := make([]int, P*L)
	for p := 0; p < P; p++ {
		for _, v := range <-results {
			if v >= 0 && v < P*L {
				seen[v]++
			}
		}
	}
	for v, k := range seen {
		if k != 1 {
			t.Fatalf("value %d received %d times; want exactly once", v, k)
		}
	}
}

// trySend tries TrySend up to 100 times, yielding in between.
func trySend(c Chan, v int) bool {
	for i := 0; i < 100; i++ {
		if c.TrySend(v) == nil {
			return true
		}
		runtime.Gosched()
	}
	return false
}

// tryRecv tries TryRecv up to 100 times, yielding in between.
func tryRecv(c Chan) (int, bool) {
	for i := 0; i < 100; i++ {
		if v, err := c.TryRecv(); err == nil {
			return v, true
		}
		runtime.Gosched()
	}
	return 0, false
}

// A sender blocked on a full chan is not starved by a goroutine that keeps
// freeing and refilling the buffer with Try operations (yielding between
// them): native chan moves the blocked sender's value into the buffer on
// the very receive that makes room.
func testBlockedSenderNotStarved(t *testing.T, mk func(int) Chan, n int) {
	if n == 0 {
		t.Skip("needs a buffer to keep full")
	}
	c := mk(n)
	for i := 0; i < n; i++ {
		c.Send(i)
	}
	s := Go(func() { c.Send(-1) }, nil)
	time.Sleep(Blocked)
	const tries = 10000
	seen := false
	start := time.Now()
	for i := 0; (i < tries || time.Since(start) < time.Second) && !(seen && Done(s)); i++ {
		if v, err := c.TryRecv(); err == nil && v == -1 {
			seen = true
		}
		runtime.Gosched()
		c.TrySend(n + i)
		runtime.Gosched()
	}
	if !Done(s) || !seen {
		t.Fatalf("a sender blocked on a full chan was starved through %d receive/resend rounds and %v (its value received: %v)", tries, time.Second, seen)
	}
	Wait(t, s, "sender")
}

// A receiver blocked on an empty chan is not starved by a goroutine that
// keeps sending and taking back with Try operations (yielding between
// them): native chan hands a send straight to a waiting receiver. The
// rounds go on for at least a second, so that a receiver whose thread the
// OS has not scheduled yet (a loaded machine) is not taken for a starved one.
func testBlockedReceiverNotStarved(t *testing.T, mk func(int) Chan, n int) {
	c := mk(n)
	got := make(chan int, 1)
	r := Go(func() {
		v, _ := c.Recv()
		got <- v
	}, nil)
	time.Sleep(Blocked)
	const tries = 10000
	start := time.Now()
	for i := 0; (i < tries || time.Since(start) < time.Second) && !Done(r); i++ {
		c.TrySend(i + 1)
		runtime.Gosched()
		c.TryRecv()
		runtime.Gosched()
	}
	if !Done(r) {
		t.Fatalf("a receiver blocked on an empty chan was starved through %d send/take-back rounds and %v", tries, time.Second)
	}
	Wait(t, r, "receiver")
	if v := <-got; v < 1 {
		t.Fatalf("receiver got %d; want one of the values sent", v)
	}
}

// The memory-model cases below need the race detector to fail: each makes
// plain (non-atomic) memory accesses that are ordered only by the channel
// operation under test, as https://go.dev/ref/mem states for channels.

// "A send on a channel is synchronized before the completion of the
// corresponding receive from that channel": a value's pointee written
// before the send is visible after the receive, by every send and receive
// form.
func testMemModelSendBeforeRecv(t *testing.T, mk func(int) Chan, n int) {
	type box struct{ a, b int }
	boxes := make([]*box, 64)
	c := mk(n)
	ctx := context.Background()
	done := Go(func() {
		for i := range boxes {
			boxes[i] = &box{a: i, b: -i}
			switch i % 3 {
			case 0:
				c.Send(i)
			case 1:
				if !trySend(c, i) {
					c.Send(i)
				}
			case 2:
				c.SendContext(ctx, i)
			}
		}
	}, nil)
	for k := range boxes {
		var i int
		switch k % 3 {
		case 0:
			i, _ = c.Recv()
		case 1:
			var ok bool
			if i, ok = tryRecv(c); !ok {
				i, _ = c.Recv()
			}
		case 2:
			i, _ = c.RecvContext(ctx)
		}
		if b := boxes[i]; b == nil || b.a != i || b.b != -i {
			t.Fatalf("after receiving %d: the sender's writes before the send are not visible", i)
		}
	}
	Wait(t, done, "sender")
}

// "The closing of a channel is synchronized before a receive that returns
// because the channel is closed."
func testMemModelCloseBeforeRecv(t *testing.T, mk func(int) Chan, n int) {
	for round := 0; round < 20; round++ {
		c := mk(n)
		var x int
		go func() {
			x = round + 1
			c.Close()
		}()
		switch round % 3 {
		case 0:
			for _, ok := c.Recv(); ok; _, ok = c.Recv() {
			}
		case 1:
			for {
				if _, err := c.TryRecv(); err == ErrClosed {
					break
				}
				runtime.Gosched()
			}
		case 2:
			for {
				if _, err := c.RecvContext(context.Background()); err == ErrClosed {
					break
				}
			}
		}
		if x != round+1 {
			t.Fatalf("a write before Close is not visible after a receive that saw the close")
		}
	}
}

// "A receive from an unbuffered channel is synchronized before the
// completion of the corresponding send on that channel"; for cap > 0, "the
// kth receive on a channel with capacity C is synchronized before the
// completion of the k+Cth send".
func testMemModelRecvBeforeSendCompletes(t *testing.T, mk func(int) Chan, n int) {
	c := mk(n)
	const m = 50
	marks := make([]int, m)
	r := Go(func() {
		for k := 0; k < m; k++ {
			marks[k] = k + 1 // written before the kth receive
			c.Recv()
		}
	}, nil)
	for j := 0; j < m; j++ {
		c.Send(j)
		// The send #j completed, so receive #(j-n) happened before it.
		if k := j - n; k >= 0 && marks[k] != k+1 {
			t.Fatalf("send #%d completed but the write before receive #%d is not visible", j, k)
		}
	}
	Wait(t, r, "receiver")
}

// A buffered channel as a semaphore (the memory model's "limit" example),
// pre-filled with cap-1 values so that it admits one holder at a time: a
// mutex. The counter is guarded by the channel alone, so the race
// detector sees any missing "kth receive before the k+Cth send completes".
func testMemModelSemaphore(t *testing.T, mk func(int) Chan, n int) {
	if n == 0 {
		t.Skip("a semaphore needs a buffer")
	}
	c := mk(n)
	for i := 0; i < n-1; i++ {
		c.Send(-1)
	}
	const G, iters = 4, 200
	counter := 0
	var wg sync.WaitGroup
	for g := 0; g < G; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < iters; i++ {
				c.Send(g) // acquire
				counter++
				c.Recv() // release
			}
		}()
	}
	wg.Wait()
	if counter != G*iters {
		t.Fatalf("counter = %d after %d guarded increments: the channel did not exclude", counter, G*iters)
	}
}
