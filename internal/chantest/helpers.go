// Helpers shared by the conformance suite and the mpmc/ring tests: catching
// a panic's message, checking that no goroutine leaks, and waiting for a
// goroutine to be (observably) blocked.
//
// Invariants:
//   - NoLeaks compares runtime.NumGoroutine before and after with a settle
//     loop, so a goroutine that is still on its way out is not a leak but one
//     that stays blocked is; it is only sound in tests that do not run in
//     parallel with others.
//   - Blocking is never proven by timing alone in the positive direction: a
//     "still blocked after d" check can only pass wrongly on a machine so slow
//     that the operation has not started; a "completed" check always waits
//     for the completion itself, with a generous deadline.
package chantest

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
)

// PanicMessage runs f and returns the text of its panic (fmt.Sprint of the
// recovered value) and whether it panicked at all.
func PanicMessage(f func()) (msg string, panicked bool) {
	defer func() {
		if r := recover(); r != nil {
			msg, panicked = fmt.Sprint(r), true
		}
	}()
	f()
	return "", false
}

// NoLeaks records the number of goroutines now and registers a cleanup that
// fails t if, after a settle period of up to 5s, more goroutines are alive
// than at the start. The failure shows the goroutines' stacks.
func NoLeaks(t testing.TB) {
	t.Helper()
	before := runtime.NumGoroutine()
	t.Cleanup(func() {
		deadline := time.Now().Add(5 * time.Second)
		for {
			n := runtime.NumGoroutine()
			if n <= before {
				return
			}
			if time.Now().After(deadline) {
				buf := make([]byte, 1<<20)
				buf = buf[:runtime.Stack(buf, true)]
				t.Errorf("goroutine leak: %d goroutines before, %d after 5s\n%s", before, n, filterStacks(string(buf)))
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
	})
}

// filterStacks drops the testing framework's own goroutines from a dump.
func filterStacks(dump string) string {
	var keep []string
	for _, g := range strings.Split(dump, "\n\n") {
		if strings.Contains(g, "testing.(*T).Run(") || strings.Contains(g, "testing.(*M).") || strings.Contains(g, "testing.runTests") {
			continue // a test runner waiting for its subtests
		}
		keep = append(keep, g)
	}
	return strings.Join(keep, "\n\n")
}

// Blocked is how long a goroutine must stay put before a test takes it as
// blocked. Operations that should complete at once do so in microseconds.
const Blocked = 20 * time.Millisecond

// Await is how long a test waits for something that must happen before it
// declares a hang.
const Await = 10 * time.Second

// Done reports whether ch is closed (or has a value) right now.
func Done(ch <-chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

// Wait waits up to Await for ch, failing t with what if it does not come.
func Wait(t testing.TB, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(Await):
		t.Fatalf("timed out after %v waiting for %s", Await, what)
	}
}

// Go runs f in a new goroutine and returns a channel closed when f returns
// (also when it panics: the panic is recovered and stored in *panicMsg when
// panicMsg is not nil, else re-raised).
func Go(f func(), panicMsg *string) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		if panicMsg == nil {
			f()
			return
		}
		if msg, ok := PanicMessage(f); ok {
			*panicMsg = msg
		}
	}()
	return done
}
