// Ports of Go's own channel tests to mpmc.Chan, each run on native chan
// (impl=native, through chantest.Native) and on mpmc (impl=hoare).
//
// Source: golang/go test/chan/*.go and src/runtime/chan_test.go; each test
// names the file and function it ports, in the manner of crossbeam-channel's
// tests/golang.rs. select statements become the Try operations where the
// test's point survives the change (a select with default is a Try); tests
// whose point is select itself (select*.go, TestSelfSelect,
// TestSelectStress, TestSelectFairness, TestPseudoRandomSend,
// TestSelectDuplicateChannel, TestSelectStackAdjust) belong to the alt
// package, and so do sieve2.go and powser2.go, whose processes meet in
// selects with cases disabled by nil (sieve1.go and powser1.go are here).
// test/chan/perm.go checks directional channel types at compile time; mpmc
// has no directional types, so there is nothing to port. Infinite
// generators of the originals are made to stop (by Close or by a context),
// so every port can check that no goroutine leaks.
//
// Invariants:
//   - Every port runs through forImpls, so it passes on native chan first.
//   - Sizes are cut where the race detector would make a port slow; the
//     shapes (goroutine graphs, capacities) are the originals'.
package mpmc_test

import (
	"context"
	"fmt"
	"math/big"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hoare-go/hoare/internal/chantest"
)

// raceScale returns full without the race detector and cut with it.
func raceScale(full, cut int) int {
	if chantest.RaceEnabled || testing.Short() {
		return cut
	}
	return full
}

// Port of test/chan/fifo.go AsynchFifo: a buffered channel is a FIFO.
func TestGoFifoAsynch(t *testing.T) {
	forImpls(t, func(t *testing.T, mk func(int) chantest.Ops[int]) {
		const N = 10
		ch := mk(N)
		for i := 0; i < N; i++ {
			ch.Send(i)
		}
		for i := 0; i < N; i++ {
			if v, _ := ch.Recv(); v != i {
				t.Fatalf("bad receive: %d, want %d", v, i)
			}
		}
	})
}

// Port of test/chan/fifo.go SynchFifo: a daisy chain of goroutines, each
// released by its predecessor, reads an unbuffered channel in sequence.
func TestGoFifoSynch(t *testing.T) {
	forImpls(t, func(t *testing.T, mk func(int) chantest.Ops[int]) {
		const N = 10
		ch := mk(0)
		in := mk(0)
		start := in
		for i := 0; i < N; i++ {
			out := mk(0)
			go func(val int, in, out chantest.Ops[int]) {
				in.Recv()
				if v, _ := ch.Recv(); v != val {
					t.Errorf("chain %d received %d", val, v)
				}
				out.Send(1)
			}(i, in, out)
			in = out
		}
		start.Send(0)
		for i := 0; i < N; i++ {
			ch.Send(i)
		}
		in.Recv()
	})
}

// nonblockPair is one step of test/chan/nonblock.go for one element type:
// a polling TrySend meets a blocking receiver, and a polling TryRecv meets
// a blocking sender.
func nonblockPair[T comparable](t *testing.T, mk func(int) chantest.Ops[T], buffer int, toRecv, toSend T) {
	t.Helper()
	const maxTries = 10000
	sleep := func() {
		time.Sleep(10 * time.Microsecond)
		runtime.Gosched()
	}
	c := mk(buffer)
	sync := make(chan bool)
	if _, err := c.TryRecv(); err != chantest.ErrWouldBlock {
		t.Fatalf("buffer=%d: TryRecv on a new chan = %v; want ErrWouldBlock", buffer, err)
	}
	go func() {
		if v, _ := c.Recv(); v != toRecv {
			t.Errorf("receiver got %v; want %v", v, toRecv)
		}
		sync <- true
	}()
	for try := 0; c.TrySend(toRecv) != nil; try++ {
		if try > maxTries {
			t.Fatalf("buffer=%d: TrySend never met the receiver", buffer)
		}
		sleep()
	}
	<-sync

	go func() {
		c.Send(toSend)
		sync <- true
	}()
	if buffer > 0 {
		<-sync
	}
	for try := 0; ; try++ {
		v, err := c.TryRecv()
		if err == nil {
			if v != toSend {
				t.Fatalf("buffer=%d: TryRecv = %v; want %v", buffer, v, toSend)
			}
			break
		}
		if try > maxTries {
			t.Fatalf("buffer=%d: TryRecv never met the sender", buffer)
		}
		sleep()
	}
	if buffer == 0 {
		<-sync
	}
}

// Port of test/chan/nonblock.go: operations that test for blocking, for
// several sizes and types of operand, unbuffered and buffered.
func TestGoNonblock(t *testing.T) {
	for buffer := 0; buffer < 2; buffer++ {
		t.Run(fmt.Sprintf("buffer=%d", buffer), func(t *testing.T) {
			t.Run("T=int32", func(t *testing.T) {
				forImpls(t, func(t *testing.T, mk func(int) chantest.Ops[int32]) {
					nonblockPair(t, mk, buffer, 123, 234)
				})
			})
			t.Run("T=int64", func(t *testing.T) {
				forImpls(t, func(t *testing.T, mk func(int) chantest.Ops[int64]) {
					nonblockPair(t, mk, buffer, 123456, 234567)
				})
			})
			t.Run("T=bool", func(t *testing.T) {
				forImpls(t, func(t *testing.T, mk func(int) chantest.Ops[bool]) {
					nonblockPair(t, mk, buffer, true, true)
				})
			})
			t.Run("T=string", func(t *testing.T) {
				forImpls(t, func(t *testing.T, mk func(int) chantest.Ops[string]) {
					nonblockPair(t, mk, buffer, "hello", "hello again")
				})
			})
		})
	}
}

// Port of test/chan/doubleselect.go: a sender hands each counter value to
// one of four unbuffered channels; four muxes forward them to one channel;
// no value may arrive twice. The original's select over four sends is a
// round of TrySend over the four channels here, which still can deliver a
// value twice only if a TrySend both fails and delivers.
func TestGoDoubleSelect(t *testing.T) {
	forImpls(t, func(t *testing.T, mk func(int) chantest.Ops[int]) {
		n := raceScale(20000, 2000)
		cs := []chantest.Ops[int]{mk(0), mk(0), mk(0), mk(0)}
		go func() {
			defer func() {
				for _, c := range cs {
					c.Close()
				}
			}()
			for i := 0; i < n; i++ {
			send:
				for {
					for _, c := range cs {
						if c.TrySend(i) == nil {
							break send
						}
					}
					runtime.Gosched()
				}
			}
		}()
		cmux := mk(0)
		done := mk(0)
		for _, c := range cs {
			go func() {
				for v := range c.All() {
					cmux.Send(v)
				}
				done.Send(0)
			}()
		}
		go func() {
			for range cs {
				done.Recv()
			}
			cmux.Close()
		}()
		seen := make([]bool, n)
		count := 0
		for v := range cmux.All() {
			if v < 0 || v >= n {
				t.Fatalf("got a value never sent: %d", v)
			}
			if seen[v] {
				t.Fatalf("got duplicate value: %d", v)
			}
			seen[v] = true
			count++
		}
		if count != n {
			t.Fatalf("got %d values; want %d", count, n)
		}
	})
}

// Port of test/chan/sieve1.go: the classical concurrent prime sieve, a
// daisy chain of unbuffered filters. The generator stops at 100 and closes,
// and each filter closes its output when its input is drained, so the whole
// chain winds down.
func TestGoSieve1(t *testing.T) {
	forImpls(t, func(t *testing.T, mk func(int) chantest.Ops[int]) {
		const limit = 100
		generate := func(ch chantest.Ops[int]) {
			for i := 2; i <= limit; i++ {
				ch.Send(i)
			}
			ch.Close()
		}
		filter := func(in, out chantest.Ops[int], prime int) {
			for i := range in.All() {
				if i%prime != 0 {
					out.Send(i)
				}
			}
			out.Close()
		}
		primes := mk(0)
		go func() {
			ch := mk(0)
			go generate(ch)
			for {
				prime, ok := ch.Recv()
				if !ok {
					primes.Close()
					return
				}
				primes.Send(prime)
				ch1 := mk(0)
				go filter(ch, ch1, prime)
				ch = ch1
			}
		}()
		a := []int{2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97}
		i := 0
		for x := range primes.All() {
			if i >= len(a) || x != a[i] {
				t.Fatalf("prime #%d = %d; want %v", i, x, a)
			}
			i++
		}
		if i != len(a) {
			t.Fatalf("got %d primes; want %d", i, len(a))
		}
	})
}

// powser is the power-series network of test/chan/powser1.go in a smaller
// form: a series is a channel of coefficients; stages are goroutines that
// stop when ctx ends (blocked SendContext/RecvContext return ctx.Err()).
type powser struct {
	ctx context.Context
	mk  func(int) chantest.Ops[*big.Rat]
}

func (p powser) send(c chantest.Ops[*big.Rat], v *big.Rat) bool {
	return c.SendContext(p.ctx, v) == nil
}

func (p powser) recv(c chantest.Ops[*big.Rat]) (*big.Rat, bool) {
	v, err := p.RecvContext(c)
	return v, err == nil
}

// RecvContext is a method so recv reads as the original's get.
func (p powser) RecvContext(c chantest.Ops[*big.Rat]) (*big.Rat, error) {
	return c.RecvContext(p.ctx)
}

// ones is 1 + x + x^2 + ...
func (p powser) ones() chantest.Ops[*big.Rat] {
	out := p.mk(0)
	go func() {
		for p.send(out, big.NewRat(1, 1)) {
		}
	}()
	return out
}

// split copies in to two outputs, as the original's split (here in lock
// step: the consumers in these tests read both at the same pace).
func (p powser) split(in chantest.Ops[*big.Rat], a, b chantest.Ops[*big.Rat]) {
	go func() {
		for {
			v, ok := p.recv(in)
			if !ok || !p.send(a, v) || !p.send(b, v) {
				return
			}
		}
	}()
}

// integ is c0 + the integral of in.
func (p powser) integ(c0 *big.Rat, in chantest.Ops[*big.Rat], out chantest.Ops[*big.Rat]) {
	go func() {
		if !p.send(out, c0) {
			return
		}
		for n := int64(1); ; n++ {
			v, ok := p.recv(in)
			if !ok || !p.send(out, new(big.Rat).Quo(v, big.NewRat(n, 1))) {
				return
			}
		}
	}()
}

// mul is the Cauchy product of f and g.
func (p powser) mul(f, g chantest.Ops[*big.Rat]) chantest.Ops[*big.Rat] {
	out := p.mk(0)
	go func() {
		var fs, gs []*big.Rat
		for {
			a, ok1 := p.recv(f)
			b, ok2 := p.recv(g)
			if !ok1 || !ok2 {
				return
			}
			fs, gs = append(fs, a), append(gs, b)
			s := new(big.Rat)
			for k := range fs {
				s.Add(s, new(big.Rat).Mul(fs[k], gs[len(fs)-1-k]))
			}
			if !p.send(out, s) {
				return
			}
		}
	}()
	return out
}

// exp is e^x, defined by feedback as the original's Exp: e = 1 + integral(e).
func (p powser) exp() chantest.Ops[*big.Rat] {
	x, a, b := p.mk(0), p.mk(0), p.mk(0)
	p.integ(big.NewRat(1, 1), b, x)
	p.split(x, a, b)
	return a
}

// Port (abridged) of test/chan/powser1.go: McIlroy's power series as
// networks of unbuffered channels, with a feedback loop (exp), and a
// product fed by two series at once; coefficients checked exactly.
func TestGoPowser(t *testing.T) {
	forImpls(t, func(t *testing.T, mk func(int) chantest.Ops[*big.Rat]) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		p := powser{ctx: ctx, mk: mk}
		const terms = 12
		fact := func(n int64) int64 {
			f := int64(1)
			for i := int64(2); i <= n; i++ {
				f *= i
			}
			return f
		}
		check := func(name string, s chantest.Ops[*big.Rat], want func(n int64) *big.Rat) {
			for n := int64(0); n < terms; n++ {
				v, ok := p.recv(s)
				if !ok {
					t.Fatalf("%s: series ended at term %d", name, n)
				}
				if w := want(n); v.Cmp(w) != 0 {
					t.Fatalf("%s: term %d = %v; want %v", name, n, v, w)
				}
			}
		}
		// (1/(1-x))^2 = sum (n+1) x^n
		check("ones*ones", p.mul(p.ones(), p.ones()), func(n int64) *big.Rat { return big.NewRat(n+1, 1) })
		// e^x = sum x^n/n!
		check("exp", p.exp(), func(n int64) *big.Rat { return big.NewRat(1, fact(n)) })
		// e^x * e^x = e^2x = sum 2^n x^n/n!
		check("exp*exp", p.mul(p.exp(), p.exp()), func(n int64) *big.Rat { return big.NewRat(1<<n, fact(n)) })
		cancel()
	})
}

// Port of test/chan/zerosize.go: channels of a zero-sized element type,
// unbuffered and buffered (the original only makes them; these also move
// values and close).
func TestGoZeroSize(t *testing.T) {
	t.Run("T=[0]byte", zeroSize[[0]byte])
	t.Run("T=struct{}", zeroSize[struct{}])
}

func zeroSize[T any](t *testing.T) {
	forImpls(t, func(t *testing.T, mk func(int) chantest.Ops[T]) {
		for _, n := range []int{0, 1, 3} {
			c := mk(n)
			var zero T
			go func() {
				for i := 0; i < 10; i++ {
					c.Send(zero)
				}
				c.Close()
			}()
			got := 0
			for range c.All() {
				got++
			}
			if got != 10 {
				t.Fatalf("cap %d: received %d zero-size values; want 10", n, got)
			}
		}
	})
}

// Port of test/chan/goroutines.go: a long chain of goroutines, each passing
// one value from its right to its left channel, torn down cleanly.
func TestGoGoroutines(t *testing.T) {
	forImpls(t, func(t *testing.T, mk func(int) chantest.Ops[int]) {
		n := raceScale(10000, 1000)
		leftmost := mk(0)
		right := leftmost
		left := leftmost
		for i := 0; i < n; i++ {
			right = mk(0)
			go func(left, right chantest.Ops[int]) {
				v, _ := right.Recv()
				left.Send(v)
			}(left, right)
			left = right
		}
		go func(c chantest.Ops[int]) { c.Send(1) }(right)
		if v, _ := leftmost.Recv(); v != 1 {
			t.Fatalf("leftmost received %d; want 1", v)
		}
	})
}

// Port of test/chan/sendstmt.go chanchan: a channel of channels; a value
// sent on the channel received from another.
func TestGoSendStmt(t *testing.T) {
	forImpls(t, func(t *testing.T, mk func(int) chantest.Ops[chantest.Ops[int]]) {
		cc := mk(1)
		var c chantest.Ops[int]
		for _, im := range implsFor[int]() {
			if strings.HasSuffix(t.Name(), im.name) {
				c = im.mk(1) // the inner channel of the same implementation
			}
		}
		cc.Send(c)
		got, err := cc.TryRecv()
		if err != nil {
			t.Fatalf("TryRecv on a chan of chans = %v", err)
		}
		if err := got.TrySend(2); err != nil {
			t.Fatalf("nonblock: %v", err)
		}
		if v, _ := c.Recv(); v != 2 {
			t.Fatalf("bad receive: %d", v)
		}
	})
}

// Port of test/chan/select3.go, the cases without select: testBlock and
// testPanic over channel operations.
func TestGoSelect3(t *testing.T) {
	forImpls(t, func(t *testing.T, mk func(int) chantest.Ops[int]) {
		closedch := mk(0)
		closedch.Close()

		// sending to an async channel with free buffer space never blocks
		done := chantest.Go(func() { mk(1).Send(7) }, nil)
		chantest.Wait(t, done, "send to a chan with free buffer space")

		// receiving from a closed channel never blocks
		done = chantest.Go(func() {
			for i := 0; i < 10; i++ {
				if v, _ := closedch.Recv(); v != 0 {
					t.Errorf("expected zero value when reading from closed channel")
				}
				if x, ok := closedch.Recv(); x != 0 || ok {
					t.Errorf("closedch: %d %v; expected 0, false from closed channel", x, ok)
				}
			}
		}, nil)
		chantest.Wait(t, done, "receive from closed chan")

		// sending to a closed channel panics.
		if _, panicked := chantest.PanicMessage(func() { closedch.Send(7) }); !panicked {
			t.Errorf("send to closed chan did not panic")
		}

		// receiving from a non-ready channel always blocks
		for _, n := range []int{0, 1} {
			ch := mk(n)
			done = chantest.Go(func() { ch.Recv() }, nil)
			time.Sleep(10 * time.Millisecond)
			if chantest.Done(done) {
				t.Errorf("cap %d: receive from a non-ready chan did not block", n)
			}
			ch.Close()
			chantest.Wait(t, done, "receiver released by close")
		}
	})
}

// Port of runtime/chan_test.go TestChan, every block, for capacities
// 0..N-1 (N = 200 in the original; cut here to keep -race quick).
func TestGoChan(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	forImpls(t, func(t *testing.T, mk func(int) chantest.Ops[int]) {
		N := raceScale(200, 20)
		for chanCap := 0; chanCap < N; chanCap++ {
			{
				// Ensure that receive from empty chan blocks.
				c := mk(chanCap)
				var recv1, recv2 atomic.Bool
				go func() {
					c.Recv()
					recv1.Store(true)
				}()
				go func() {
					c.Recv()
					recv2.Store(true)
				}()
				time.Sleep(time.Millisecond)
				if recv1.Load() || recv2.Load() {
					t.Fatalf("chan[%d]: receive from empty chan", chanCap)
				}
				// Ensure that non-blocking receive does not block.
				if _, err := c.TryRecv(); err == nil {
					t.Fatalf("chan[%d]: receive from empty chan", chanCap)
				}
				c.Send(0)
				c.Send(0)
			}

			{
				// Ensure that send to full chan blocks.
				c := mk(chanCap)
				for i := 0; i < chanCap; i++ {
					c.Send(i)
				}
				var sent atomic.Uint32
				go func() {
					c.Send(0)
					sent.Store(1)
				}()
				time.Sleep(time.Millisecond)
				if sent.Load() != 0 {
					t.Fatalf("chan[%d]: send to full chan", chanCap)
				}
				// Ensure that non-blocking send does not block.
				if err := c.TrySend(0); err == nil {
					t.Fatalf("chan[%d]: send to full chan", chanCap)
				}
				c.Recv()
			}

			{
				// Ensure that we receive 0 from closed chan.
				c := mk(chanCap)
				for i := 0; i < chanCap; i++ {
					c.Send(i)
				}
				c.Close()
				for i := 0; i < chanCap; i++ {
					if v, _ := c.Recv(); v != i {
						t.Fatalf("chan[%d]: received %v, expected %v", chanCap, v, i)
					}
				}
				if v, _ := c.Recv(); v != 0 {
					t.Fatalf("chan[%d]: received %v, expected %v", chanCap, v, 0)
				}
				if v, ok := c.Recv(); v != 0 || ok {
					t.Fatalf("chan[%d]: received %v/%v, expected %v/%v", chanCap, v, ok, 0, false)
				}
			}

			{
				// Ensure that close unblocks receive.
				c := mk(chanCap)
				done := make(chan bool)
				go func() {
					v, ok := c.Recv()
					done <- v == 0 && !ok
				}()
				time.Sleep(time.Millisecond)
				c.Close()
				if !<-done {
					t.Fatalf("chan[%d]: received non zero from closed chan", chanCap)
				}
			}

			{
				// Send 100 integers,
				// ensure that we receive them non-corrupted in FIFO order.
				c := mk(chanCap)
				go func() {
					for i := 0; i < 100; i++ {
						c.Send(i)
					}
				}()
				for i := 0; i < 100; i++ {
					if v, _ := c.Recv(); v != i {
						t.Fatalf("chan[%d]: received %v, expected %v", chanCap, v, i)
					}
				}

				// Same, but using recv2.
				go func() {
					for i := 0; i < 100; i++ {
						c.Send(i)
					}
				}()
				for i := 0; i < 100; i++ {
					v, ok := c.Recv()
					if !ok {
						t.Fatalf("chan[%d]: receive failed, expected %v", chanCap, i)
					}
					if v != i {
						t.Fatalf("chan[%d]: received %v, expected %v", chanCap, v, i)
					}
				}

				// Send 1000 integers in 4 goroutines,
				// ensure that we receive what we send.
				const P = 4
				const L = 1000
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
							recv[v] = recv[v] + 1
						}
						done <- recv
					}()
				}
				recv := make(map[int]int)
				for p := 0; p < P; p++ {
					for k, v := range <-done {
						recv[k] = recv[k] + v
					}
				}
				if len(recv) != L {
					t.Fatalf("chan[%d]: received %v values, expected %v", chanCap, len(recv), L)
				}
				for _, v := range recv {
					if v != P {
						t.Fatalf("chan[%d]: received %v values, expected %v", chanCap, v, P)
					}
				}
			}

			{
				// Test len/cap.
				c := mk(chanCap)
				if c.Len() != 0 || c.Cap() != chanCap {
					t.Fatalf("chan[%d]: bad len/cap, expect %v/%v, got %v/%v", chanCap, 0, chanCap, c.Len(), c.Cap())
				}
				for i := 0; i < chanCap; i++ {
					c.Send(i)
				}
				if c.Len() != chanCap || c.Cap() != chanCap {
					t.Fatalf("chan[%d]: bad len/cap, expect %v/%v, got %v/%v", chanCap, chanCap, chanCap, c.Len(), c.Cap())
				}
			}
		}
	})
}

// Port of runtime/chan_test.go TestNonblockRecvRace: a TryRecv on a chan
// with a buffered value, racing with Close and a Recv, must never say
// ErrWouldBlock: at every instant the chan holds a value or is closed.
func TestGoNonblockRecvRace(t *testing.T) {
	forImpls(t, func(t *testing.T, mk func(int) chantest.Ops[int]) {
		n := raceScale(10000, 1000)
		for i := 0; i < n; i++ {
			c := mk(1)
			c.Send(1)
			done := make(chan struct{})
			go func() {
				defer close(done)
				// Ready means a value or closed-and-drained: either
				// way the original's select takes the case.
				if _, err := c.TryRecv(); err == chantest.ErrWouldBlock {
					t.Errorf("chan is not ready: %v", err)
				}
			}()
			c.Close()
			c.Recv()
			<-done
			if t.Failed() {
				return
			}
		}
	})
}

// Port of runtime/chan_test.go TestChanSendInterface: non-blocking sends of
// interface values (pointers to a zero-size type) on a full chan.
func TestGoChanSendInterface(t *testing.T) {
	forImpls(t, func(t *testing.T, mk func(int) chantest.Ops[any]) {
		type mt struct{}
		m := &mt{}
		c := mk(1)
		c.Send(m)
		if err := c.TrySend(m); err != chantest.ErrWouldBlock {
			t.Fatalf("TrySend on full chan = %v", err)
		}
		if c.TrySend(m) == nil || c.TrySend(&mt{}) == nil {
			t.Fatalf("TrySend on full chan succeeded")
		}
		if v, _ := c.Recv(); v != any(m) {
			t.Fatalf("received %v; want %v", v, m)
		}
	})
}

// Port of runtime/chan_test.go TestMultiConsumer: 23 workers range over a
// work channel, poke the scheduler at chosen values, and forward to a
// result channel; the feeder closes work, waits for the workers, closes
// results; the sum and count must match.
func TestGoMultiConsumer(t *testing.T) {
	forImpls(t, func(t *testing.T, mk func(int) chantest.Ops[int]) {
		const nwork = 23
		niter := raceScale(271828, 27182)
		pn := []int{2, 3, 7, 11, 13, 17, 19, 23, 27, 31}
		q := mk(nwork * 3)
		r := mk(nwork * 3)

		// workers
		var wg sync.WaitGroup
		for i := 0; i < nwork; i++ {
			wg.Add(1)
			go func(w int) {
				for v := range q.All() {
					// mess with the fifo-ish nature of range
					if pn[w%len(pn)] == v {
						runtime.Gosched()
					}
					r.Send(v)
				}
				wg.Done()
			}(i)
		}

		// feeder & closer
		expect := 0
		go func() {
			for i := 0; i < niter; i++ {
				v := pn[i%len(pn)]
				expect += v
				q.Send(v)
			}
			q.Close() // no more work
			wg.Wait() // workers done
			r.Close() // ... so there can be no more results
		}()

		// consume & check
		n := 0
		s := 0
		for v := range r.All() {
			n++
			s += v
		}
		if n != niter || s != expect {
			t.Errorf("Expected sum %d (got %d) from %d iter (saw %d)", expect, s, niter, n)
		}
	})
}

// stackGrowthRecursive uses about 1 KiB of stack per level, as the
// runtime's helper of the same name (runtime/stack_test.go).
//
//go:noinline
func stackGrowthRecursive(i int) {
	var pad [128]uint64
	if i != 0 && pad[0] == 0 {
		stackGrowthRecursive(i - 1)
	}
}

// Port of runtime/chan_test.go TestShrinkStackDuringBlockedSend: channel
// operations still work when the GC shrinks the stack of a goroutine
// blocked in a send (the value it sends may live on that stack).
func TestGoShrinkStackDuringBlockedSend(t *testing.T) {
	forImpls(t, func(t *testing.T, mk func(int) chantest.Ops[int]) {
		const n = 10
		c := mk(0)
		done := make(chan struct{})
		go func() {
			for i := 0; i < n; i++ {
				c.Send(i)
				// use lots of stack, briefly.
				stackGrowthRecursive(20)
			}
			done <- struct{}{}
		}()
		for i := 0; i < n; i++ {
			if x, _ := c.Recv(); x != i {
				t.Errorf("bad channel read: want %d, got %d", i, x)
			}
			// Waste some time so sender can finish using lots of stack
			// and block in channel send.
			time.Sleep(1 * time.Millisecond)
			// trigger GC which will shrink the stack of the sender.
			runtime.GC()
		}
		<-done
	})
}

// Port of runtime/chan_test.go TestNoShrinkStackWhileParking: a sender
// grows its stack then fully blocks, often, while GCs try to shrink it
// (Go issue 40641: the window between becoming preemptible and parking).
func TestGoNoShrinkStackWhileParking(t *testing.T) {
	forImpls(t, func(t *testing.T, mk func(int) chantest.Ops[int]) {
		const n = 10
		send := func(c chantest.Ops[int], done chan struct{}) {
			for i := 0; i < n; i++ {
				c.Send(i)
				stackGrowthRecursive(20)
			}
			done <- struct{}{}
		}
		recv := func(c chantest.Ops[int], done chan struct{}) {
			for i := 0; i < n; i++ {
				// Sleep here so that the sender always fully blocks.
				time.Sleep(10 * time.Microsecond)
				if v, _ := c.Recv(); v != i {
					t.Errorf("received %d; want %d", v, i)
				}
			}
			done <- struct{}{}
		}
		for i := 0; i < raceScale(n*20, n*5); i++ {
			c := mk(0)
			done := make(chan struct{})
			go recv(c, done)
			go send(c, done)
			time.Sleep(50 * time.Microsecond)
			runtime.GC()
			<-done
			<-done
		}
	})
}

// barrierResp and barrierErr are the payload of the chanbarrier port.
type barrierResp struct{}

type barrierErr struct{}

func (barrierErr) Error() string { return "" }

type barrierAsync struct {
	resp *barrierResp
	err  error
}

//go:noinline
func barrierGarbage() []byte { return make([]byte, 1<<10) }

// Port of runtime/chanbarrier_test.go TestChanSendBarrier and
// TestChanSendSelectBarrier (the select of a send and a done channel is
// SendContext with a live context here): pointers handed through fresh
// unbuffered channels while the GC runs, so that a missing write barrier
// on the hand-off shows as a corrupt interface value.
func TestGoChanSendBarrier(t *testing.T) {
	for _, useCtx := range []bool{false, true} {
		t.Run(fmt.Sprintf("ctx=%v", useCtx), func(t *testing.T) {
			forImpls(t, func(t *testing.T, mk func(int) chantest.Ops[*barrierAsync]) {
				doRequest := func() (*barrierResp, error) {
					ch := mk(0)
					if useCtx {
						ctx, cancel := context.WithCancel(context.Background())
						go func() {
							defer cancel()
							ch.SendContext(ctx, &barrierAsync{resp: nil, err: barrierErr{}})
						}()
					} else {
						go func() { ch.Send(&barrierAsync{resp: nil, err: barrierErr{}}) }()
					}
					r, _ := ch.Recv()
					runtime.Gosched()
					return r.resp, r.err
				}
				outer, inner := 10, raceScale(100000, 500)
				if !chantest.RaceEnabled && !testing.Short() {
					outer = 100
					inner = 2000 // the original's 100x100000 takes minutes
				}
				var wg sync.WaitGroup
				for range outer {
					wg.Go(func() {
						var garbage []byte
						for range inner {
							_, err := doRequest()
							if _, ok := err.(barrierErr); !ok {
								t.Errorf("received a corrupt error value: %#v", err)
								return
							}
							garbage = barrierGarbage()
						}
						_ = garbage
					})
				}
				wg.Wait()
			})
		})
	}
}
