// Bad input: the panics of misuse name the package and the bad value, and
// the native-named ones carry native's words.
//
// Source: the issue ("negative capacity, a policy with capacity 0, Close
// twice: a panic whose message names the package and the bad value") and
// the API's rule that an operation named like a native one panics like it
// ("send on closed channel", "close of closed channel", with native's text
// checked against native chan here first).
//
// Invariants:
//   - Each expected text is a substring check, so a message may say more.
//   - After a refused call the channel (where there is one) still works.
package mpmc_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/hoare-go/hoare/internal/chantest"
	"github.com/hoare-go/hoare/mpmc"
)

// wantPanic fails t unless f panics with a message containing every one of
// wants.
func wantPanic(t *testing.T, what string, f func(), wants ...string) {
	t.Helper()
	msg, panicked := chantest.PanicMessage(f)
	if !panicked {
		t.Errorf("%s: no panic; want one containing %q", what, wants)
		return
	}
	for _, w := range wants {
		if !strings.Contains(msg, w) {
			t.Errorf("%s: panic %q; want it to contain %q", what, msg, w)
		}
	}
}

func TestBadCapacity(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want string
	}{{-1, "-1"}, {-7, "-7"}, {math.MinInt, fmt.Sprint(math.MinInt)}} {
		wantPanic(t, "New(negative)", func() { mpmc.New[int](tc.n) }, "mpmc", tc.want)
		wantPanic(t, "New(negative, Dropping())", func() { mpmc.New[int](tc.n, mpmc.Dropping()) }, "mpmc", tc.want)
	}
}

// A capacity too large to allocate: native panics "makechan: size out of
// range"; mpmc must panic too (not try to allocate), naming itself and the
// value.
func TestHugeCapacity(t *testing.T) {
	if math.MaxInt < 1<<62 {
		t.Skip("32-bit int: no capacity is both representable and surely unallocatable")
	}
	huge := math.MaxInt/2 + 1 // 1<<62 on 64-bit platforms
	wantPanic(t, "native make(chan, 1<<62)", func() { _ = make(chan int, huge) }, "size out of range")
	wantPanic(t, "New(1<<62)", func() { mpmc.New[int](huge) }, "mpmc", fmt.Sprint(huge))
}

func TestBadPolicyCapacity(t *testing.T) {
	wantPanic(t, "New(0, Dropping())", func() { mpmc.New[int](0, mpmc.Dropping()) }, "mpmc", "0", "Dropping")
	wantPanic(t, "New(0, Sliding())", func() { mpmc.New[int](0, mpmc.Sliding()) }, "mpmc", "0", "Sliding")
	// capacity 1 is fine for both.
	for _, opt := range []mpmc.Option{mpmc.Dropping(), mpmc.Sliding()} {
		c := mpmc.New[int](1, opt)
		c.Send(1)
		c.Send(2)
		if c.Len() != 1 || c.Cap() != 1 {
			t.Errorf("policy chan of cap 1: Len, Cap = %d, %d; want 1, 1", c.Len(), c.Cap())
		}
	}
}

// Close twice: native says "close of closed channel"; mpmc says that too,
// and names itself.
func TestCloseTwice(t *testing.T) {
	native := make(chan int)
	close(native)
	wantPanic(t, "native close twice", func() { close(native) }, "close of closed channel")
	for _, n := range []int{0, 1} {
		c := mpmc.New[int](n)
		c.Close()
		wantPanic(t, "mpmc Close twice", c.Close, "mpmc", "close of closed channel")
		if _, ok := c.Recv(); ok {
			t.Errorf("Recv after a refused second Close: ok")
		}
	}
}

// Send on closed: native says "send on closed channel"; mpmc says that
// too, and names itself; the error-returning forms return ErrClosed.
func TestSendOnClosed(t *testing.T) {
	native := make(chan int, 1)
	close(native)
	wantPanic(t, "native send on closed", func() { native <- 1 }, "send on closed channel")
	for _, n := range []int{0, 1} {
		c := mpmc.New[int](n)
		c.Close()
		wantPanic(t, "mpmc Send on closed", func() { c.Send(1) }, "mpmc", "send on closed channel")
		if err := c.TrySend(1); err != mpmc.ErrClosed {
			t.Errorf("TrySend on closed = %v; want ErrClosed", err)
		}
		if err := c.SendContext(t.Context(), 1); err != mpmc.ErrClosed {
			t.Errorf("SendContext on closed = %v; want ErrClosed", err)
		}
	}
}

// The sentinels say where they come from.
func TestErrorTexts(t *testing.T) {
	for _, err := range []error{mpmc.ErrClosed, mpmc.ErrWouldBlock} {
		if !strings.HasPrefix(err.Error(), "mpmc: ") {
			t.Errorf("error %q does not name the package", err)
		}
	}
}
