// semantics_test: the promises of API.md's select section, one test each:
// priority order, fairness (a chi-square test), closed and nil channels,
// Default, mixed element types, unbuffered channels in both directions and
// on both ends of one channel, and After and Done (no leaks, fake time in a
// testing/synctest bubble, a context cancelled while the select is parked).
//
// Source: API.md and issue 3; the native behaviour each promise copies is
// checked alongside where Go has it (a select statement).
//
// Invariants: no test depends on timing for its verdict except where it
// says so, and then with margins of orders of magnitude; every test leaves
// no goroutine behind.
package alt_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/hoare-go/hoare/internal/workload"
	"github.com/hoare-go/hoare/mpmc"
	alt "github.com/hoare-go/hoare/select"
)

// ---------------------------------------------------------------------------
// Priority

// With several cases ready, Priority always chooses the first ready one in
// argument order: all ready, or a random subset ready (receive cases with a
// value, send cases with room, the rest idle or nil), for thousands of
// trials, as a plain call and through a Selector.
func TestPriorityFirstReadyAlwaysWins(t *testing.T) {
	defer noLeak(t)()
	const k, trials = 4, 5000
	chans := make([]*mpmc.Chan[int], k)
	for i := range chans {
		chans[i] = mpmc.New[int](1)
		chans[i].Send(i)
	}
	got := -1
	f := func(v int, ok bool) { got = v }
	cases := make([]alt.Case, k)
	for i := range cases {
		cases[i] = alt.Recv(chans[i], f)
	}
	s := alt.NewSelector(cases...)
	for trial := range trials {
		var i int
		if trial%2 == 0 {
			i = alt.Priority(cases...)
		} else {
			i = s.Priority()
		}
		if i != 0 || got != 0 {
			t.Fatalf("trial %d: Priority chose case %d (value %d) with all %d ready", trial, i, got, k)
		}
		chans[0].Send(0)
	}

	// A random subset ready, mixing receive and send cases and nil channels.
	const n = 6
	for trial := range trials {
		mask := int(uint32(trial)*2654435761) + trial>>3 // varied, reproducible (and 32-bit safe)
		cs := make([]alt.Case, n)
		want := -1
		for i := range n {
			bits := (mask >> (2 * i)) & 3
			send := i%2 == 1
			var c *mpmc.Chan[int]
			ready := false
			switch bits {
			case 0: // nil channel
			case 1: // idle
				c = mpmc.New[int](1)
				if send {
					c.Send(-1)
				}
			default: // ready
				c = mpmc.New[int](1)
				if !send {
					c.Send(i)
				}
				ready = true
			}
			if ready && want < 0 {
				want = i
			}
			if send {
				cs[i] = alt.Send(c, i, nil)
			} else {
				cs[i] = alt.Recv(c, nil)
			}
		}
		if want < 0 {
			continue
		}
		if i := alt.Priority(cs...); i != want {
			t.Fatalf("trial %d: Priority chose %d, want the first ready, %d", trial, i, want)
		}
	}
}

// ---------------------------------------------------------------------------
// Fair: a chi-square test of uniformity.

// chiSquareP returns the p-value of the chi-square statistic of counts
// against the uniform distribution over len(counts) outcomes: the
// probability that a fair chooser gives a statistic at least this large.
func chiSquareP(counts []int) (stat, p float64) {
	total := 0
	for _, c := range counts {
		total += c
	}
	e := float64(total) / float64(len(counts))
	for _, c := range counts {
		d := float64(c) - e
		stat += d * d / e
	}
	return stat, gammaQ(float64(len(counts)-1)/2, stat/2)
}

// gammaQ is the regularized upper incomplete gamma function Q(a, x) for a
// a positive multiple of 1/2 (a chi-square with 2a degrees of freedom),
// from Q(1/2, x) = erfc(sqrt x), Q(1, x) = exp(-x) and
// Q(a+1, x) = Q(a, x) + x^a exp(-x) / Gamma(a+1).
func gammaQ(a, x float64) float64 {
	var q, s float64
	if math.Mod(a, 1) != 0 {
		q, s = math.Erfc(math.Sqrt(x)), 0.5
	} else {
		q, s = math.Exp(-x), 1
	}
	for ; s < a; s++ {
		lg, _ := math.Lgamma(s + 1)
		q += math.Exp(s*math.Log(x) - x - lg)
	}
	return q
}

// pFail is the significance level of the fairness tests: a fair chooser
// fails one with probability 1e-6 per test run.
const pFail = 1e-6

func TestChiSquareP(t *testing.T) {
	// Known quantiles: chi2(1) 10.828 and chi2(3) 16.266 at p = 0.001;
	// chi2(7) 14.067 at p = 0.05.
	for _, c := range []struct {
		df   int
		x, p float64
	}{{1, 10.828, 0.001}, {3, 16.266, 0.001}, {7, 14.067, 0.05}, {2, 2 * math.Ln2, 0.5}} {
		if got := gammaQ(float64(c.df)/2, c.x/2); math.Abs(got-c.p)/c.p > 1e-3 {
			t.Errorf("chi2(%d) survival at %v = %v, want %v", c.df, c.x, got, c.p)
		}
	}
}

// fairTrials runs trials selects with every case of cases ready (refill
// readies the case that won) and returns how often each case won.
func fairTrials(t *testing.T, n, trials int, sel func() int, refill func(i int)) []int {
	t.Helper()
	wins := make([]int, n)
	for range trials {
		i := sel()
		if i < 0 || i >= n {
			t.Fatalf("chose %d of %d cases", i, n)
		}
		wins[i]++
		refill(i)
	}
	return wins
}

func checkUniform(t *testing.T, what string, wins []int) {
	t.Helper()
	stat, p := chiSquareP(wins)
	t.Logf("%s: wins %v, chi2 = %.2f, p = %.3g", what, wins, stat, p)
	if p < pFail {
		t.Errorf("%s: not uniform: wins %v, chi2 = %.2f with %d degrees of freedom, p = %.3g < %g", what, wins, stat, len(wins)-1, p, pFail)
	}
}

// Fair chooses each of k ready cases with equal probability, for k = 2, 3,
// 4, 8, mixing receive and send cases, as a plain call and through a
// Selector; a native select statement passes the same test.
func TestFairChiSquare(t *testing.T) {
	defer noLeak(t)()
	for _, k := range []int{2, 3, 4, 8} {
		trials := 3000 * k
		chans := make([]*mpmc.Chan[int], k)
		cases := make([]alt.Case, k)
		for i := range chans {
			chans[i] = mpmc.New[int](1)
			if i%2 == 0 {
				chans[i].Send(i) // a ready receive
				cases[i] = alt.Recv(chans[i], nil)
			} else {
				cases[i] = alt.Send(chans[i], i, nil) // a ready send: room
			}
		}
		refill := func(i int) {
			if i%2 == 0 {
				chans[i].Send(i)
			} else {
				chans[i].Recv()
			}
		}
		checkUniform(t, fmt.Sprintf("Fair k=%d", k), fairTrials(t, k, trials, func() int { return alt.Fair(cases...) }, refill))
		s := alt.NewSelector(cases...)
		checkUniform(t, fmt.Sprintf("Selector.Fair k=%d", k), fairTrials(t, k, trials, s.Fair, refill))
	}

	// Some cases idle or nil: they never win, the ready ones share evenly.
	a, b, c := mpmc.New[int](1), mpmc.New[int](1), mpmc.New[int](1)
	idle := mpmc.New[int](0)
	var nilc *mpmc.Chan[int]
	a.Send(1)
	b.Send(2)
	cases := []alt.Case{alt.Recv(idle, nil), alt.Recv(a, nil), alt.Send(nilc, 0, nil), alt.Recv(b, nil), alt.Send(idle, 0, nil), alt.Send(c, 3, nil)}
	refill := func(i int) {
		switch i {
		case 1:
			a.Send(1)
		case 3:
			b.Send(2)
		case 5:
			c.Recv()
		}
	}
	wins := fairTrials(t, len(cases), 9000, func() int { return alt.Fair(cases...) }, refill)
	if wins[0]+wins[2]+wins[4] != 0 {
		t.Fatalf("an idle or nil case won: %v", wins)
	}
	checkUniform(t, "Fair, 3 ready of 6", []int{wins[1], wins[3], wins[5]})

	// With a Default, which makes Fair look in argument order before it
	// shuffles: the same shares, and the Default never wins.
	withDefault := append(cases[:len(cases):len(cases)], alt.Default(nil))
	wins = fairTrials(t, len(withDefault), 9000, func() int { return alt.Fair(withDefault...) }, refill)
	if wins[0]+wins[2]+wins[4]+wins[6] != 0 {
		t.Fatalf("with a Default: an idle or nil case, or the Default, won: %v", wins)
	}
	checkUniform(t, "Fair with a Default, 3 ready of 6", []int{wins[1], wins[3], wins[5]})
	// The same through a Selector, which shuffles its order in place.
	sd := alt.NewSelector(withDefault...)
	wins = fairTrials(t, len(withDefault), 9000, sd.Fair, refill)
	if wins[0]+wins[2]+wins[4]+wins[6] != 0 {
		t.Fatalf("Selector with a Default: an idle or nil case, or the Default, won: %v", wins)
	}
	checkUniform(t, "Selector.Fair with a Default, 3 ready of 6", []int{wins[1], wins[3], wins[5]})

	// The reference: Go's select statement passes the same test.
	n1, n2, n3 := make(chan int, 1), make(chan int, 1), make(chan int, 1)
	n1 <- 1
	n3 <- 3
	nwins := fairTrials(t, 3, 9000, func() int {
		select {
		case <-n1:
			n1 <- 1
			return 0
		case n2 <- 2:
			<-n2
			return 1
		case <-n3:
			n3 <- 3
			return 2
		}
	}, func(int) {})
	checkUniform(t, "native select", nwins)
}

// Fair is fair also when the select parks first: k send cases on one
// unbuffered channel, and a receiver that arrives only once the select is
// durably blocked (synctest.Wait), must find each case equally likely, as
// with native select (Go's runtime test TestPseudoRandomSend, here with a
// deterministic schedule).
func TestFairWhenParked(t *testing.T) {
	defer noLeak(t)()
	defer watchdog(t, 30*time.Second)()
	for _, k := range []int{2, 3} {
		trials := 500 * k
		var wins, nwins []int
		synctest.Test(t, func(t *testing.T) {
			c := mpmc.New[int](0)
			cases := make([]alt.Case, k)
			for i := range cases {
				cases[i] = alt.Send(c, i, nil)
			}
			wins = make([]int, k)
			for range trials {
				done := make(chan int, 1)
				go func() { done <- alt.Fair(cases...) }()
				synctest.Wait() // the select is parked on c
				v, _ := c.Recv()
				if i := <-done; i != v {
					t.Fatalf("Fair returned %d but case %d's value was received", i, v)
				}
				wins[v]++
			}
			// The native reference, same schedule.
			nc := make(chan int)
			nwins = make([]int, k)
			for range trials {
				go func() {
					switch k {
					case 2:
						select {
						case nc <- 0:
						case nc <- 1:
						}
					case 3:
						select {
						case nc <- 0:
						case nc <- 1:
						case nc <- 2:
						}
					}
				}()
				synctest.Wait()
				nwins[<-nc]++
			}
		})
		checkUniform(t, fmt.Sprintf("native select parked k=%d", k), nwins)
		checkUniform(t, fmt.Sprintf("Fair parked k=%d", k), wins)
	}
}

// ---------------------------------------------------------------------------
// Closed and nil channels

// A Send case on a closed channel panics, as in native select, with "send on
// closed channel" in the message: when the select finds it closed, and when
// the channel is closed while the select is parked on it; for capacities 0
// and 1 (full), through Priority, Fair and a Selector.
func TestSendOnClosedPanics(t *testing.T) {
	defer noLeak(t)()
	const want = "send on closed channel"

	nc := make(chan int)
	close(nc)
	native, _ := panicOf(func() {
		select {
		case nc <- 1:
		}
	})
	if !strings.Contains(native, want) {
		t.Fatalf("native select panicked with %q", native)
	}

	for _, capacity := range []int{0, 1} {
		c := mpmc.New[int](capacity)
		c.Close()
		idle := mpmc.New[int](0)
		for name, sel := range map[string]func() int{
			"Priority": func() int { return alt.Priority(alt.Recv(idle, nil), alt.Send(c, 1, nil)) },
			"Fair":     func() int { return alt.Fair(alt.Send(c, 1, nil), alt.Recv(idle, nil)) },
			"Selector": alt.NewSelector(alt.Send(c, 1, nil)).Priority,
			"Default":  func() int { return alt.Priority(alt.Send(c, 1, nil), alt.Default(nil)) },
		} {
			msg, panicked := panicOf(func() { sel() })
			if !panicked || !strings.Contains(msg, want) {
				t.Errorf("cap %d, %s: send case on a closed channel: panicked %v with %q, want a panic with %q", capacity, name, panicked, msg, want)
			}
		}

		// Closed while the select is parked on it: native panics in the
		// selecting goroutine, and so must alt. (The race detector reports
		// a native send racing a close as a data race, by design, so the
		// native reference runs only without -race.)
		for _, impl := range []string{"native", "alt"} {
			if impl == "native" && raceEnabled {
				continue
			}
			var done <-chan string
			if impl == "native" {
				nc := make(chan int, capacity)
				for range capacity {
					nc <- 0
				}
				done = finishes(func() {
					select {
					case nc <- 1:
					}
				})
				time.Sleep(5 * time.Millisecond)
				close(nc)
			} else {
				c := mpmc.New[int](capacity)
				for range capacity {
					c.Send(0)
				}
				done = finishes(func() { alt.Priority(alt.Recv(idle, nil), alt.Send(c, 1, nil)) })
				time.Sleep(5 * time.Millisecond)
				c.Close()
			}
			select {
			case msg := <-done:
				if !strings.Contains(msg, want) {
					t.Errorf("cap %d, %s: channel closed under a parked send case: got %q, want a panic with %q", capacity, impl, msg, want)
				}
			case <-time.After(10 * time.Second):
				t.Fatalf("cap %d, %s: the parked send case never woke when its channel closed", capacity, impl)
			}
		}
	}
}

// A Recv case on a closed channel receives what was buffered before the
// close, then is ready with ok == false every time (so Default is not
// taken), and a select parked on a channel that closes wakes with
// ok == false.
func TestRecvOnClosedDrained(t *testing.T) {
	defer noLeak(t)()
	for _, capacity := range []int{0, 1, 4} {
		c := mpmc.New[string](capacity)
		for i := range min(capacity, 2) {
			c.Send(fmt.Sprint(i))
		}
		c.Close()
		idle := mpmc.New[int](0)
		for i := range min(capacity, 2) {
			var v string
			var ok bool
			if got := alt.Priority(alt.Recv(idle, nil), alt.Recv(c, func(x string, o bool) { v, ok = x, o }), alt.Default(nil)); got != 1 || v != fmt.Sprint(i) || !ok {
				t.Fatalf("cap %d: buffered value %d after close: case %d, %q, %v", capacity, i, got, v, ok)
			}
		}
		for range 3 {
			v, ok := "x", true
			if got := alt.Fair(alt.Recv(c, func(x string, o bool) { v, ok = x, o }), alt.Default(nil)); got != 0 || v != "" || ok {
				t.Fatalf("cap %d: closed and drained: case %d, %q, %v; want 0, \"\", false", capacity, got, v, ok)
			}
		}

		// Closed while parked.
		c2 := mpmc.New[int](capacity)
		type res struct {
			i, v int
			ok   bool
		}
		done := make(chan res, 1)
		go func() {
			var r res
			r.i = alt.Priority(alt.Recv(idle, nil), alt.Recv(c2, func(x int, o bool) { r.v, r.ok = x, o }))
			done <- r
		}()
		time.Sleep(5 * time.Millisecond)
		c2.Close()
		if r := <-done; r.i != 1 || r.v != 0 || r.ok {
			t.Fatalf("cap %d: closed while parked: %+v, want case 1, 0, false", capacity, r)
		}
	}
}

// A case on a nil channel is never ready, whatever else is there; so is the
// zero Case. A select of nothing but nil cases and an After waits for After.
func TestNilCasesNeverFire(t *testing.T) {
	defer noLeak(t)()
	var nilc *mpmc.Chan[int]
	fail := func() { t.Error("a nil-channel case ran") }
	failRecv := func(int, bool) { t.Error("a nil-channel case ran") }
	if i := alt.Priority(alt.Recv(nilc, failRecv), alt.Send(nilc, 1, fail), alt.Case{}, alt.Default(nil)); i != 3 {
		t.Fatalf("nil cases and Default: chose %d, want Default (3)", i)
	}
	if i := alt.Fair(alt.Recv(nilc, failRecv), alt.Send(nilc, 1, fail), alt.After(time.Millisecond, nil)); i != 2 {
		t.Fatalf("nil cases and After: chose %d, want After (2)", i)
	}
	ready := mpmc.New[int](1)
	for trial := range 1000 {
		ready.Send(trial)
		var i int
		if trial%2 == 0 {
			i = alt.Priority(alt.Recv(nilc, failRecv), alt.Send(nilc, 1, fail), alt.Case{}, alt.Recv(ready, nil))
		} else {
			i = alt.Fair(alt.Recv(nilc, failRecv), alt.Send(nilc, 1, fail), alt.Case{}, alt.Recv(ready, nil))
		}
		if i != 3 {
			t.Fatalf("trial %d: chose %d, want the one non-nil case (3)", trial, i)
		}
	}
	// Parked with nil cases among the others: only the real channel wakes it.
	c := mpmc.New[int](0)
	done := finishes(func() {
		if i := alt.Priority(alt.Recv(nilc, failRecv), alt.Recv(c, nil), alt.Send(nilc, 1, fail)); i != 1 {
			panic(fmt.Sprintf("chose %d, want 1", i))
		}
	})
	time.Sleep(2 * time.Millisecond)
	c.Send(1)
	if msg := <-done; msg != "" {
		t.Fatal(msg)
	}
}

// ---------------------------------------------------------------------------
// Default

// Default is chosen only when no other case is ready, wherever it stands in
// the argument list; a ready partner parked on an unbuffered channel (a
// plain Recv, or another select) makes the case ready; two Defaults panic
// with a message that names the package.
func TestDefaultOnlyWhenNothingReady(t *testing.T) {
	defer noLeak(t)()
	defer watchdog(t, 30*time.Second)()
	ready := mpmc.New[int](1)
	idle := mpmc.New[int](0)
	for trial := range 1000 {
		ready.Send(trial)
		if i := alt.Priority(alt.Default(func() { t.Error("default ran") }), alt.Recv(idle, nil), alt.Recv(ready, nil)); i != 2 {
			t.Fatalf("trial %d: Priority with Default first chose %d, want the ready case 2", trial, i)
		}
	}
	if i := alt.Priority(alt.Recv(idle, nil), alt.Default(nil), alt.Send(idle, 1, nil)); i != 1 {
		t.Fatalf("nothing ready: chose %d, want Default", i)
	}

	// A partner parked on an unbuffered channel makes a case ready at once:
	// with synctest.Wait the partner is durably blocked before the select.
	synctest.Test(t, func(t *testing.T) {
		c := mpmc.New[int](0)
		got := make(chan int, 1)
		go func() { v, _ := c.Recv(); got <- v }()
		synctest.Wait()
		if i := alt.Priority(alt.Send(c, 7, nil), alt.Default(nil)); i != 0 {
			t.Fatalf("a receiver is parked: chose %d, want the send", i)
		}
		if v := <-got; v != 7 {
			t.Fatalf("receiver got %d", v)
		}

		go func() { c.Send(8) }()
		synctest.Wait()
		v := 0
		if i := alt.Fair(alt.Default(nil), alt.Recv(c, func(x int, _ bool) { v = x })); i != 1 || v != 8 {
			t.Fatalf("a sender is parked: chose %d (%d), want the receive of 8", i, v)
		}

		// The partner is itself a select.
		go func() {
			alt.Priority(alt.Recv(c, func(x int, _ bool) { got <- x }), alt.Recv(mpmc.New[int](0), nil))
		}()
		synctest.Wait()
		if i := alt.Priority(alt.Default(nil), alt.Send(c, 9, nil)); i != 1 {
			t.Fatalf("a select-receive is parked: chose %d, want the send", i)
		}
		if v := <-got; v != 9 {
			t.Fatalf("select-receiver got %d", v)
		}
	})

	msg, panicked := panicOf(func() { alt.Priority(alt.Default(nil), alt.Recv(idle, nil), alt.Default(nil)) })
	if !panicked || !strings.Contains(msg, "alt") {
		t.Fatalf("two Defaults: panicked %v, %q; want a panic naming package alt", panicked, msg)
	}
}

// ---------------------------------------------------------------------------
// Mixed element types

type big struct {
	a [16]int64
	s string
}

// One select mixes channels of int, string, a large struct, a pointer, a
// slice, an interface and struct{}; each case moves its own type's value.
func TestMixedElementTypes(t *testing.T) {
	defer noLeak(t)()
	ci := mpmc.New[int](1)
	cs := mpmc.New[string](1)
	cb := mpmc.New[big](1)
	cp := mpmc.New[*big](1)
	cl := mpmc.New[[]byte](1)
	ce := mpmc.New[error](1)
	cz := mpmc.New[struct{}](1)
	want := big{s: "big"}
	want.a[15] = 15
	ptr := &big{s: "ptr"}
	errX := errors.New("x")

	// Send them all through one Priority, then receive them all through one
	// Fair: each select moves exactly one value.
	sends := []alt.Case{
		alt.Send(ci, 42, nil), alt.Send(cs, "s", nil), alt.Send(cb, want, nil), alt.Send(cp, ptr, nil),
		alt.Send(cl, []byte("bytes"), nil), alt.Send(ce, errX, nil), alt.Send(cz, struct{}{}, nil),
	}
	for k := range sends {
		if i := alt.Priority(sends...); i != k {
			t.Fatalf("send round %d chose %d", k, i)
		}
	}
	got := map[int]bool{}
	recvs := []alt.Case{
		alt.Recv(ci, func(v int, ok bool) {
			if v != 42 || !ok {
				t.Errorf("int: %v %v", v, ok)
			}
		}),
		alt.Recv(cs, func(v string, ok bool) {
			if v != "s" || !ok {
				t.Errorf("string: %q %v", v, ok)
			}
		}),
		alt.Recv(cb, func(v big, ok bool) {
			if v != want || !ok {
				t.Errorf("big: %+v %v", v, ok)
			}
		}),
		alt.Recv(cp, func(v *big, ok bool) {
			if v != ptr || !ok {
				t.Errorf("pointer: %p %v", v, ok)
			}
		}),
		alt.Recv(cl, func(v []byte, ok bool) {
			if string(v) != "bytes" || !ok {
				t.Errorf("slice: %q %v", v, ok)
			}
		}),
		alt.Recv(ce, func(v error, ok bool) {
			if v != errX || !ok {
				t.Errorf("error: %v %v", v, ok)
			}
		}),
		alt.Recv(cz, func(v struct{}, ok bool) {
			if !ok {
				t.Errorf("struct{}: %v", ok)
			}
		}),
	}
	for range recvs {
		i := alt.Fair(recvs...)
		if got[i] {
			t.Fatalf("case %d chosen twice: its channel held one value", i)
		}
		got[i] = true
	}
	if i := alt.Priority(append(recvs, alt.Default(nil))...); i != len(recvs) {
		t.Fatalf("all drained, yet case %d was chosen", i)
	}

	// The same across goroutines, unbuffered: a mixed select-send meets
	// mixed select-receives.
	us, ub := mpmc.New[string](0), mpmc.New[big](0)
	done := finishes(func() {
		for range 2 {
			alt.Fair(alt.Recv(us, func(v string, _ bool) {
				if v != "u" {
					panic("string " + v)
				}
			}), alt.Recv(ub, func(v big, _ bool) {
				if v != want {
					panic("big")
				}
			}))
		}
	})
	alt.Priority(alt.Send(us, "u", nil))
	alt.Priority(alt.Send(ub, want, nil))
	if msg := <-done; msg != "" {
		t.Fatal(msg)
	}
}

// ---------------------------------------------------------------------------
// Unbuffered channels in both directions

// A select-send meets a select-receive on an unbuffered channel, both
// parked in turn (each side also waits on an idle channel); one sender,
// so the values arrive in order.
func TestSelectSendMeetsSelectRecv(t *testing.T) {
	defer noLeak(t)()
	defer watchdog(t, 45*time.Second)()
	n := scale(20000, 5)
	c := mpmc.New[int](0)
	idleA, idleB := mpmc.New[int](0), mpmc.New[int](0)
	done := finishes(func() {
		v := 0
		s := alt.NewSelector(alt.SendFrom(c, &v, nil), alt.Recv(idleA, nil))
		for i := range n {
			v = i
			switch i % 3 {
			case 0:
				alt.Priority(alt.Send(c, i, nil), alt.Recv(idleA, nil))
			case 1:
				alt.Fair(alt.Recv(idleA, nil), alt.Send(c, i, nil))
			case 2:
				s.Priority()
			}
		}
	})
	for i := range n {
		got := -1
		var idx int
		if i%2 == 0 {
			idx = alt.Fair(alt.Recv(idleB, nil), alt.Recv(c, func(v int, _ bool) { got = v }))
		} else {
			idx = alt.Priority(alt.Recv(c, func(v int, _ bool) { got = v }), alt.Send(idleB, 0, nil))
		}
		if got != i || (idx != 1 && i%2 == 0) || (idx != 0 && i%2 == 1) {
			t.Fatalf("receive %d: case %d, value %d", i, idx, got)
		}
	}
	if msg := <-done; msg != "" {
		t.Fatal(msg)
	}
}

// Two goroutines each select a send on one channel and a receive on the
// other (unbuffered); every round one value crosses, in one direction or
// the other, and both sides agree which.
func TestSelectExchangeBothDirections(t *testing.T) {
	defer noLeak(t)()
	defer watchdog(t, 45*time.Second)()
	n := scale(20000, 5)
	ab, ba := mpmc.New[int](0), mpmc.New[int](0)
	type op struct {
		sent bool
		v    int
	}
	side := func(out, in *mpmc.Chan[int], base int, fairSel bool) []op {
		log := make([]op, n)
		for i := range n {
			var o op
			cases := []alt.Case{
				alt.Send(out, base+i, func() { o = op{true, base + i} }),
				alt.Recv(in, func(v int, _ bool) { o = op{false, v} }),
			}
			if fairSel {
				alt.Fair(cases...)
			} else {
				alt.Priority(cases...)
			}
			log[i] = o
		}
		return log
	}
	var a []op
	var wg sync.WaitGroup
	wg.Go(func() { a = side(ab, ba, 0, true) })
	b := side(ba, ab, 1<<20, false)
	wg.Wait()
	crossed := [2]int{}
	for i := range n {
		if a[i].sent == b[i].sent || a[i].v != b[i].v {
			t.Fatalf("round %d: a %+v, b %+v: the two sides disagree", i, a[i], b[i])
		}
		if a[i].sent {
			crossed[0]++
		} else {
			crossed[1]++
		}
	}
	t.Logf("a->b %d, b->a %d", crossed[0], crossed[1])
}

// A goroutine selecting on both ends of one unbuffered channel: alone, it
// must block without matching itself and without burning CPU (native
// select parks; a blocked hoare waiter costs no CPU after a short spin, as
// API.md says); a partner's plain Recv takes its send, a partner's plain
// Send fills its receive. The CPU check is the only timed verdict here: a
// parked goroutine uses well under a millisecond in 200 ms, a spinning one
// tens of milliseconds; the bar is 40 ms.
func TestSelectBothEndsOfOneChannel(t *testing.T) {
	defer noLeak(t)()
	defer watchdog(t, 45*time.Second)()
	for _, impl := range []string{"native", "alt"} {
		var done <-chan string
		var release func()
		if impl == "native" {
			c, rel := make(chan int), make(chan int)
			done = finishes(func() {
				select {
				case c <- 1:
					panic("matched itself")
				case <-c:
					panic("matched itself")
				case <-rel:
				}
			})
			release = func() { close(rel) }
		} else {
			c, rel := mpmc.New[int](0), mpmc.New[int](0)
			done = finishes(func() {
				if i := alt.Priority(alt.Send(c, 1, nil), alt.Recv(c, nil), alt.Recv(rel, nil)); i != 2 {
					panic(fmt.Sprintf("matched itself: case %d", i))
				}
			})
			release = rel.Close
		}
		time.Sleep(20 * time.Millisecond) // past any spin
		cpu0 := workload.CPUNanos()
		time.Sleep(200 * time.Millisecond)
		burnt := time.Duration(workload.CPUNanos() - cpu0) // 0 where not measured
		release()
		if msg := <-done; msg != "" {
			t.Fatalf("%s: %s", impl, msg)
		}
		t.Logf("%s: CPU used in 200ms blocked on both ends of one channel: %v", impl, burnt)
		if burnt > 40*time.Millisecond {
			t.Errorf("%s: a select blocked on both ends of one channel used %v of CPU in 200ms: it spins instead of parking", impl, burnt)
		}
	}

	// With a partner on the other end.
	for trial := range 200 {
		c := mpmc.New[int](0)
		res := make(chan [2]int, 1)
		go func() {
			v := -1
			i := alt.Fair(alt.Send(c, 5, nil), alt.Recv(c, func(x int, _ bool) { v = x }))
			res <- [2]int{i, v}
		}()
		if trial%2 == 0 {
			if v, _ := c.Recv(); v != 5 {
				t.Fatalf("partner received %d", v)
			}
			if r := <-res; r[0] != 0 {
				t.Fatalf("the select chose %v, want its send", r)
			}
		} else {
			c.Send(6)
			if r := <-res; r != [2]int{1, 6} {
				t.Fatalf("the select chose %v, want its receive of 6", r)
			}
		}
	}
}

// ---------------------------------------------------------------------------
// After and Done

// After fires once its duration has passed, not before; a Selector's After
// fires again on every run.
func TestAfterFires(t *testing.T) {
	defer noLeak(t)()
	idle := mpmc.New[int](0)
	ran := 0
	start := time.Now()
	if i := alt.Priority(alt.Recv(idle, nil), alt.After(10*time.Millisecond, func() { ran++ })); i != 1 || ran != 1 {
		t.Fatalf("chose %d, After's func ran %d times", i, ran)
	}
	if d := time.Since(start); d < 10*time.Millisecond {
		t.Fatalf("After(10ms) fired after %v", d)
	}
	s := alt.NewSelector(alt.Recv(idle, nil), alt.After(time.Millisecond, func() { ran++ }))
	for range 5 {
		if i := s.Fair(); i != 1 {
			t.Fatalf("Selector chose %d", i)
		}
	}
	if ran != 6 {
		t.Fatalf("After's func ran %d times, want 6", ran)
	}
	// A non-positive duration is ready at once, and a ready channel still
	// comes first for Priority.
	ready := mpmc.New[int](1)
	ready.Send(1)
	if i := alt.Priority(alt.Recv(ready, nil), alt.After(0, nil)); i != 0 {
		t.Fatalf("ready channel before After(0): chose %d", i)
	}
	if i := alt.Priority(alt.Recv(idle, nil), alt.After(-time.Second, nil)); i != 1 {
		t.Fatalf("After(-1s): chose %d", i)
	}
}

// After inside a testing/synctest bubble runs on fake time: an hour-long
// After finishes at once (in wall time) at exactly one fake hour, with a
// plain call, a Selector and no channel case at all; a channel that becomes
// ready at one fake minute wins over it.
func TestAfterSynctest(t *testing.T) {
	defer noLeak(t)()
	defer watchdog(t, 30*time.Second)()
	wall := time.Now()
	synctest.Test(t, func(t *testing.T) {
		c := mpmc.New[int](0)
		start := time.Now()
		if i := alt.Priority(alt.Recv(c, nil), alt.After(time.Hour, nil)); i != 1 {
			t.Fatalf("chose %d, want After", i)
		}
		if d := time.Since(start); d != time.Hour {
			t.Fatalf("After(1h) returned after %v of fake time", d)
		}
		s := alt.NewSelector(alt.Recv(c, nil), alt.After(time.Hour, nil))
		for range 3 {
			if i := s.Fair(); i != 1 {
				t.Fatalf("Selector chose %d", i)
			}
		}
		if i := alt.Fair(alt.After(2*time.Hour, nil), alt.After(time.Hour, nil)); i != 1 {
			t.Fatalf("two Afters: chose %d, want the earlier", i)
		}
		if d := time.Since(start); d != 5*time.Hour {
			t.Fatalf("fake time %v, want 5h (1h + 3 x 1h + the earlier of 1h and 2h)", d)
		}

		go func() {
			time.Sleep(time.Minute)
			c.Send(1)
		}()
		afterRan := false
		start = time.Now()
		if i := alt.Priority(alt.Recv(c, nil), alt.After(time.Hour, func() { afterRan = true })); i != 0 {
			t.Fatalf("chose %d, want the channel ready at 1m", i)
		}
		if d := time.Since(start); d != time.Minute {
			t.Fatalf("channel case won after %v, want 1m", d)
		}
		time.Sleep(2 * time.Hour) // the stopped After must not fire later
		if afterRan {
			t.Fatal("After's func ran after the channel case won")
		}
	})
	if d := time.Since(wall); d > 20*time.Second {
		t.Fatalf("the synctest bubble took %v of wall time", d)
	}
}

// Done fires when its context is cancelled while the select is parked: the
// first Done case, a second one (on another context), and a Selector's on
// its second run; an already-cancelled context is ready at once, and a
// nil context is never done.
func TestDoneCancelledWhileParked(t *testing.T) {
	defer noLeak(t)()
	defer watchdog(t, 30*time.Second)()
	synctest.Test(t, func(t *testing.T) {
		idle := mpmc.New[int](0)
		for _, which := range []int{1, 2} {
			ctx1, cancel1 := context.WithCancel(context.Background())
			ctx2, cancel2 := context.WithCancel(context.Background())
			ran := 0
			res := make(chan int, 1)
			go func() {
				res <- alt.Priority(alt.Recv(idle, nil), alt.Done(ctx1, func() { ran = 1 }), alt.Done(ctx2, func() { ran = 2 }))
			}()
			synctest.Wait() // parked
			if which == 1 {
				cancel1()
			} else {
				cancel2()
			}
			if i := <-res; i != which || ran != which {
				t.Fatalf("cancelled Done %d: chose %d, ran %d", which, i, ran)
			}
			cancel1()
			cancel2()
		}

		ctx, cancel := context.WithCancel(context.Background())
		s := alt.NewSelector(alt.Recv(idle, nil), alt.Done(ctx, nil), alt.After(time.Hour, nil))
		if i := s.Priority(); i != 2 {
			t.Fatalf("first run: chose %d, want After", i)
		}
		res := make(chan int, 1)
		go func() { res <- s.Priority() }()
		synctest.Wait()
		cancel()
		if i := <-res; i != 1 {
			t.Fatalf("second run, context cancelled while parked: chose %d", i)
		}
		if i := s.Priority(); i != 1 {
			t.Fatalf("third run, context already cancelled: chose %d", i)
		}
		var nilCtx context.Context // documented as never done
		if i := alt.Priority(alt.Done(nilCtx, nil), alt.After(time.Second, nil)); i != 1 {
			t.Fatalf("nil context: chose %d", i)
		}
	})

	// The same, on real time, outside a bubble.
	ctx, cancel := context.WithCancel(context.Background())
	idle := mpmc.New[int](0)
	go func() {
		time.Sleep(5 * time.Millisecond)
		cancel()
	}()
	if i := alt.Fair(alt.Recv(idle, nil), alt.Done(ctx, nil)); i != 1 {
		t.Fatalf("real time: chose %d", i)
	}
}

// After and Done leak no goroutine and no memory when another case wins,
// after the select has parked (so the timer was armed and the contexts
// watched): many rounds, plain calls and Selectors, two Done cases (the
// second is watched through context.AfterFunc, which a long-lived context
// would keep forever if it were not stopped). Since Go 1.23 an unstopped
// timer no longer pins memory, so for After the observable is the live
// heap and the goroutine count, and a stopped After never running its func.
func TestAfterDoneNoLeak(t *testing.T) {
	defer noLeak(t)()
	defer watchdog(t, 45*time.Second)()
	ctxA, cancelA := context.WithCancel(context.Background())
	defer cancelA()
	ctxB, cancelB := context.WithCancel(context.Background())
	defer cancelB()
	c := mpmc.New[int](0)
	afterRan := 0
	fail := func() { afterRan++ }
	s := alt.NewSelector(alt.Recv(c, nil), alt.After(time.Hour, fail), alt.Done(ctxA, fail), alt.Done(ctxB, fail))
	n := scale(5000, 5)
	round := func() {
		var wg sync.WaitGroup
		wg.Go(func() {
			for i := range n {
				if i%8 == 0 {
					time.Sleep(50 * time.Microsecond) // let the select park
				}
				c.Send(i)
			}
		})
		for i := range n {
			var got int
			if i%2 == 0 {
				got = alt.Priority(alt.Recv(c, nil), alt.After(time.Hour, fail), alt.Done(ctxA, fail), alt.Done(ctxB, fail))
			} else {
				got = s.Fair()
			}
			if got != 0 {
				t.Fatalf("chose %d, want the channel", got)
			}
		}
		wg.Wait()
	}
	round() // warm up
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	before, goroutines := ms.HeapAlloc, runtime.NumGoroutine()
	for range 3 {
		round()
	}
	runtime.GC()
	runtime.ReadMemStats(&ms)
	if grown := int64(ms.HeapAlloc) - int64(before); grown > 64*1024 {
		t.Errorf("live heap grew by %d bytes over %d selects with After and Done cases that lost: a leak", grown, 3*n)
	}
	if g := runtime.NumGoroutine(); g > goroutines {
		t.Errorf("%d goroutines after, %d before", g, goroutines)
	}
	if afterRan != 0 {
		t.Errorf("a losing After or Done ran its func %d times", afterRan)
	}
}

// A Done or After case racing a channel operation commits exactly one of
// them: when Done (or After) wins, the value is still there for someone
// else (buffered) or the sender was not matched (unbuffered: the sender's
// own select gives up through its Done); when the channel wins, the value
// was taken exactly once. Many rounds, the cancel, the timer and the send
// all let go at about the same instant.
func TestDoneAndAfterRaceAChannel(t *testing.T) {
	defer noLeak(t)()
	defer watchdog(t, 45*time.Second)()
	rounds := scale(3000, 5)
	for _, capacity := range []int{0, 1} {
		wins := map[string]int{}
		for r := range rounds {
			c := mpmc.New[int](capacity)
			ctx, cancel := context.WithCancel(context.Background())
			stopSender, stop := context.WithCancel(context.Background())
			sent := make(chan bool, 1)
			yield := func(n int) {
				for range n {
					runtime.Gosched()
				}
			}
			go func() {
				yield(r % 3)
				sent <- alt.Priority(alt.Send(c, 1, nil), alt.Done(stopSender, nil)) == 0
			}()
			go func() { yield(r % 2); cancel() }()
			got := -1
			var i int
			if r%2 == 0 {
				i = alt.Fair(alt.Recv(c, func(v int, _ bool) { got = v }), alt.Done(ctx, nil))
			} else {
				i = alt.Priority(alt.Recv(c, func(v int, _ bool) { got = v }), alt.After(time.Microsecond, nil))
			}
			stop()
			wasSent := <-sent
			left := c.Len()
			switch {
			case i == 0 && (got != 1 || !wasSent || left != 0):
				t.Fatalf("cap %d round %d: channel won, but got %d, sent %v, %d left", capacity, r, got, wasSent, left)
			case i == 1 && got != -1:
				t.Fatalf("cap %d round %d: Done/After won, but the receive func ran", capacity, r)
			case i == 1 && capacity == 0 && wasSent:
				t.Fatalf("cap %d round %d: Done/After won, yet the unbuffered sender was matched: a value lost", capacity, r)
			case i == 1 && capacity == 1 && wasSent && left != 1:
				t.Fatalf("cap %d round %d: Done/After won, the value was buffered, and now %d are left: a value lost", capacity, r, left)
			}
			wins[fmt.Sprint(i)]++
			cancel()
		}
		t.Logf("cap %d: wins %v", capacity, wins)
	}
}

// More cases than a plain call keeps on its stack (8): Priority still
// chooses the first ready, Fair is still uniform, and a parked select of
// many cases is woken by its last one.
func TestManyCases(t *testing.T) {
	defer noLeak(t)()
	defer watchdog(t, 30*time.Second)()
	const k = 12
	chans := newIntChans(k, 1)
	cases := make([]alt.Case, k)
	for i := range cases {
		cases[i] = alt.Recv(chans[i], nil)
	}
	for i := k - 1; i >= 0; i-- {
		chans[i].Send(i)
		if got := alt.Priority(cases...); got != i {
			t.Fatalf("only case %d (and later ones) ready: Priority chose %d", i, got)
		}
		chans[i].Send(i)
	}
	wins := fairTrials(t, k, 24000, func() int { return alt.Fair(cases...) }, func(i int) { chans[i].Send(i) })
	checkUniform(t, "Fair k=12", wins)

	idle := newIntChans(k, 0)
	many := make([]alt.Case, k)
	for i := range many {
		many[i] = alt.Recv(idle[i], nil)
	}
	for _, sel := range []func() int{func() int { return alt.Priority(many...) }, alt.NewSelector(many...).Fair} {
		done := make(chan int, 1)
		go func() { done <- sel() }()
		time.Sleep(time.Millisecond)
		idle[k-1].Send(1)
		if i := <-done; i != k-1 {
			t.Fatalf("parked on %d cases, woken by the last: chose %d", k, i)
		}
	}
}

func newIntChans(k, capacity int) []*mpmc.Chan[int] {
	cs := make([]*mpmc.Chan[int], k)
	for i := range cs {
		cs[i] = mpmc.New[int](capacity)
	}
	return cs
}

// A case's function runs after the select has left every other channel: it
// may itself select on those channels, blocking, and a partner's operation
// on them reaches the new select, not a stale registration of the old one.
func TestCaseFuncMaySelectAgain(t *testing.T) {
	defer noLeak(t)()
	defer watchdog(t, 30*time.Second)()
	for round := range scale(500, 5) {
		c1, c2 := mpmc.New[int](0), mpmc.New[int](0)
		go func() {
			if round%2 == 0 {
				time.Sleep(20 * time.Microsecond) // let the first select park
			}
			c1.Send(1)
			c2.Send(2)
		}()
		second := -1
		first := alt.Fair(
			alt.Recv(c1, func(v int, _ bool) {
				alt.Priority(alt.Recv(c2, func(v int, _ bool) { second = v }), alt.Recv(c1, nil))
			}),
			alt.Recv(c2, func(int, bool) { t.Error("c2 was sent to first") }),
		)
		if first != 0 || second != 2 {
			t.Fatalf("round %d: first select chose %d, nested select received %d", round, first, second)
		}
	}
}

// A case function that panics unwinds out of the select, as a panic in a
// native select's case body does; the operation it belongs to has happened,
// and the channels and the Selector stay usable.
func TestPanicInCaseFunc(t *testing.T) {
	defer noLeak(t)()
	defer watchdog(t, 30*time.Second)()
	c := mpmc.New[int](1)
	u := mpmc.New[int](0)
	boom := func(int, bool) { panic("boom") }
	s := alt.NewSelector(alt.Recv(c, boom), alt.Recv(u, boom), alt.After(time.Hour, nil))
	for round := range 50 {
		if round%2 == 0 {
			c.Send(round)
		} else {
			go func() { time.Sleep(50 * time.Microsecond); u.Send(round) }()
		}
		msg, panicked := panicOf(func() {
			if round%4 < 2 {
				s.Priority()
			} else {
				alt.Fair(alt.Recv(c, boom), alt.Recv(u, boom))
			}
		})
		if !panicked || msg != "boom" {
			t.Fatalf("round %d: panicked %v with %q", round, panicked, msg)
		}
		if c.Len() != 0 {
			t.Fatalf("round %d: the value is still buffered after its case ran", round)
		}
	}
	// Still usable.
	c.Send(7)
	v := 0
	if i := alt.Priority(alt.Recv(c, func(x int, _ bool) { v = x }), alt.Default(nil)); i != 0 || v != 7 {
		t.Fatalf("after the panics: chose %d, value %d", i, v)
	}
	go u.Send(8)
	if i := alt.Priority(alt.Recv(u, func(x int, _ bool) { v = x })); i != 0 || v != 8 {
		t.Fatalf("after the panics, unbuffered: chose %d, value %d", i, v)
	}
}

// With a Default, an After that has not yet expired is not ready: Default
// is taken, as in native select with time.After.
func TestAfterWithDefault(t *testing.T) {
	defer noLeak(t)()
	idle := mpmc.New[int](0)
	if i := alt.Priority(alt.Recv(idle, nil), alt.After(time.Hour, nil), alt.Default(nil)); i != 2 {
		t.Fatalf("After(1h) with Default: chose %d, want Default", i)
	}
	select {
	case <-time.After(time.Hour):
		t.Fatal("native: time.After ready at once")
	default:
	}
}

// A Done case whose context is already done, or an After of no positive
// duration, is ready at once, so a select with a Default chooses it (and
// runs its func) rather than the Default, as a native select chooses
// case <-ctx.Done() over default for a cancelled ctx: in either poll order,
// as a plain call and through a Selector, behind a channel case with
// nothing for it. A ready channel case ahead of it in Priority's order
// still wins.
func TestFiredCaseBeatsDefault(t *testing.T) {
	defer noLeak(t)()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	select {
	case <-ctx.Done():
	default:
		t.Fatal("native: default chosen over a cancelled context's Done")
	}
	idle := mpmc.New[int](0)
	for _, tc := range []struct {
		name string
		c    func(f func()) alt.Case
	}{
		{"Done(cancelled)", func(f func()) alt.Case { return alt.Done(ctx, f) }},
		{"After(0)", func(f func()) alt.Case { return alt.After(0, f) }},
		{"After(-1s)", func(f func()) alt.Case { return alt.After(-time.Second, f) }},
	} {
		for _, form := range []string{"Priority", "Fair", "Selector.Priority", "Selector.Fair"} {
			ran, def := 0, false
			cases := []alt.Case{alt.Recv(idle, func(int, bool) { t.Errorf("%s %s: the idle Recv ran", form, tc.name) }), tc.c(func() { ran++ }), alt.Default(func() { def = true })}
			var i int
			switch form {
			case "Priority":
				i = alt.Priority(cases...)
			case "Fair":
				i = alt.Fair(cases...)
			case "Selector.Priority":
				i = alt.NewSelector(cases...).Priority()
			case "Selector.Fair":
				i = alt.NewSelector(cases...).Fair()
			}
			if i != 1 || ran != 1 || def {
				t.Errorf("%s with %s and a Default: chose %d (its func ran %d times, Default's ran: %v), want 1, once, false", form, tc.name, i, ran, def)
			}
		}
	}
	full := mpmc.New[int](1)
	full.Send(7)
	got := 0
	if i := alt.Priority(alt.Recv(full, func(v int, _ bool) { got = v }), alt.Done(ctx, nil), alt.Default(nil)); i != 0 || got != 7 {
		t.Fatalf("Priority(ready Recv, Done(cancelled), Default): chose %d with %d, want 0 with 7", i, got)
	}
}

// Select cases meet mpmc's other operations: a Send case on a full Dropping
// or Sliding channel is ready (the channel's policy drops a value), and
// pending SendAsync and RecvAsync operations are partners for select cases
// on an unbuffered channel, whether they come before the select or while
// it is parked.
func TestSelectWithAsyncAndPolicies(t *testing.T) {
	defer noLeak(t)()
	defer watchdog(t, 30*time.Second)()
	d := mpmc.New[int](1, mpmc.Dropping())
	d.Send(1)
	if i := alt.Priority(alt.Send(d, 2, nil), alt.Default(nil)); i != 0 {
		t.Fatalf("send case on a full Dropping channel: chose %d, want the send", i)
	}
	if v, _ := d.Recv(); v != 1 {
		t.Fatalf("Dropping kept %d, want 1", v)
	}
	s := mpmc.New[int](1, mpmc.Sliding())
	s.Send(1)
	if i := alt.Fair(alt.Send(s, 2, nil), alt.Default(nil)); i != 0 {
		t.Fatalf("send case on a full Sliding channel: chose %d, want the send", i)
	}
	if v, _ := s.Recv(); v != 2 {
		t.Fatalf("Sliding kept %d, want 2", v)
	}

	u := mpmc.New[int](0)
	got := make(chan int, 1)
	u.RecvAsync(func(v int, _ bool) { got <- v })
	if i := alt.Priority(alt.Send(u, 5, nil), alt.Default(nil)); i != 0 || <-got != 5 {
		t.Fatalf("send case with a pending RecvAsync: chose %d", i)
	}
	u.SendAsync(6, nil)
	x := 0
	if i := alt.Priority(alt.Recv(u, func(v int, _ bool) { x = v }), alt.Default(nil)); i != 0 || x != 6 {
		t.Fatalf("receive case with a pending SendAsync: chose %d, got %d", i, x)
	}

	res := make(chan int, 1)
	go func() { res <- alt.Priority(alt.Recv(u, func(v int, _ bool) { x = v })) }()
	time.Sleep(2 * time.Millisecond)
	u.SendAsync(7, nil)
	if i := <-res; i != 0 || x != 7 {
		t.Fatalf("parked receive case, then SendAsync: chose %d, got %d", i, x)
	}
	go func() { res <- alt.Priority(alt.Send(u, 8, nil)) }()
	time.Sleep(2 * time.Millisecond)
	u.RecvAsync(func(v int, _ bool) { got <- v })
	if i := <-res; i != 0 || <-got != 8 {
		t.Fatalf("parked send case, then RecvAsync: chose %d", i)
	}
}

// Close wakes every select parked on the channel, as it wakes every native
// receiver: receive cases with ok == false, send cases with the panic of a
// send on a closed channel; a select parked on several channels wakes
// once, on the closed one.
func TestCloseWakesEverySelect(t *testing.T) {
	defer noLeak(t)()
	defer watchdog(t, 30*time.Second)()
	for _, capacity := range []int{0, 4} {
		c := mpmc.New[int](capacity)
		for range capacity {
			c.Send(0) // full: send cases park too
		}
		r := mpmc.New[int](capacity)
		idle := mpmc.New[int](0)
		const G = 8
		results := make(chan string, 2*G)
		for g := range G {
			go func() {
				ok := true
				var i int
				if g%2 == 0 {
					i = alt.Priority(alt.Recv(idle, nil), alt.Recv(r, func(_ int, o bool) { ok = o }))
				} else {
					i = alt.NewSelector(alt.Recv(r, func(_ int, o bool) { ok = o }), alt.Recv(idle, nil)).Fair()
				}
				results <- fmt.Sprintf("recv case %d ok=%v", i, ok)
			}()
			go func() {
				msg, _ := panicOf(func() { alt.Fair(alt.Send(c, 1, nil), alt.Recv(idle, nil)) })
				results <- msg
			}()
		}
		time.Sleep(5 * time.Millisecond)
		r.Close()
		c.Close()
		recvs, panics := 0, 0
		for range 2 * G {
			switch msg := <-results; {
			case msg == "recv case 1 ok=false" || msg == "recv case 0 ok=false":
				recvs++
			case strings.Contains(msg, "send on closed channel"):
				panics++
			default:
				t.Errorf("cap %d: a parked select ended with %q", capacity, msg)
			}
		}
		if recvs != G || panics != G {
			t.Fatalf("cap %d: %d receive selects woke with ok=false, %d send selects panicked; want %d each", capacity, recvs, panics, G)
		}
	}
}

// A Selector with two Done cases (the second watched through
// context.AfterFunc) whose context is cancelled just as a channel case
// wins, then run again at once: the late AfterFunc must not disturb the
// next run (the race detector watches the Waiter), and the next run sees
// the cancelled context.
func TestSelectorDoneRace(t *testing.T) {
	defer noLeak(t)()
	defer watchdog(t, 45*time.Second)()
	never := context.Background()
	var wins [3]int
	defer func() { t.Logf("channel won %d, Done won %d", wins[0], wins[2]) }()
	for r := range scale(2000, 4) {
		ctx, cancel := context.WithCancel(context.Background())
		c := mpmc.New[int](r % 2) // unbuffered and buffered in turn
		got := 0
		s := alt.NewSelector(alt.Recv(c, func(v int, _ bool) { got += v }), alt.Done(never, nil), alt.Done(ctx, nil))
		var wg sync.WaitGroup
		wg.Go(func() { c.Send(1) })
		wg.Go(cancel)
		first := s.Fair()
		wins[first%3]++
		switch first {
		case 0:
			if got != 1 {
				t.Fatalf("round %d: the channel won but got %d", r, got)
			}
		case 2:
			if v, _ := c.Recv(); v != 1 || got != 0 { // the value is still there for us
				t.Fatalf("round %d: Done won; then received %d (the case's func saw %d)", r, v, got)
			}
		default:
			t.Fatalf("round %d: chose %d", r, first)
		}
		wg.Wait()
		if i := s.Priority(); i != 2 {
			t.Fatalf("round %d: second run chose %d, want the cancelled Done", r, i)
		}
	}
}
