// golang_test: Go's own select tests, ported to package alt and run, through
// a small adapter, against native select too.
//
// Source: golang/go test/chan/select.go, select2.go, select3.go, select4.go,
// select5.go (as a generated table), select6.go, select7.go, select8.go,
// doubleselect.go, nonblock.go, sendstmt.go, sieve2.go, powser2.go (whose
// processes meet in selects with cases disabled by nil), and
// src/runtime/chan_test.go (TestSelfSelect, TestSelectDuplicateChannel,
// TestSelectStackAdjust, TestSelectStress, TestNonblockRecvRace,
// TestNonblockSelectRace, TestNonblockSelectRace2, TestSelectFairness,
// TestPseudoRandomSend, TestMultiConsumer), in the manner of
// crossbeam-channel's tests/golang.rs. Each test names the file and the
// test it ports; where the port departs from the original (fewer
// iterations, a release case so that no goroutine is left blocked forever)
// the comment says so.
//
// Invariants:
//   - Every ported test runs its one body against impl=native (Go's own
//     select, through reflect.Select, which is the runtime's selectgo), and
//     against alt.Fair, alt.Priority and a Selector's Fair; native is the reference, so a test
//     that fails only for alt is a finding about alt, never about the test.
//     Priority is a legal refinement of Go's random choice, so it must pass
//     every test that does not measure fairness.
//   - Every test leaves no goroutine behind (noLeak), and a deadlock fails
//     with a goroutine dump (watchdog) instead of hanging.
package alt_test

import (
	"container/heap"
	"fmt"
	"reflect"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hoare-go/hoare/mpmc"
	alt "github.com/hoare-go/hoare/select"
)

// ---------------------------------------------------------------------------
// The adapter: one channel type and one select for every implementation.

// tchan is a channel of int under test: n for impl=native, h for the alt
// impls. The zero tchan is a nil channel in either.
type tchan struct {
	n chan int
	h *mpmc.Chan[int]
}

type tkind uint8

const (
	tRecv tkind = iota
	tSend
	tDefault
)

// tcase is one case of a select under test.
type tcase struct {
	kind tkind
	c    tchan
	v    int             // the value a send case sends
	recv func(int, bool) // run when a receive case is chosen; may be nil
	f    func()          // run when a send or default case is chosen; may be nil
}

func recvCase(c tchan, f func(v int, ok bool)) tcase { return tcase{kind: tRecv, c: c, recv: f} }
func sendCase(c tchan, v int, f func()) tcase        { return tcase{kind: tSend, c: c, v: v, f: f} }
func defaultCase(f func()) tcase                     { return tcase{kind: tDefault, f: f} }

// impl is one implementation of select.
type impl struct {
	name string
	pick func(...alt.Case) int // alt.Fair or alt.Priority; nil for native
}

var (
	native   = impl{name: "native"}
	fair     = impl{name: "fair", pick: alt.Fair}
	priority = impl{name: "priority", pick: alt.Priority}
	// selector runs each select through a fresh Selector: the engine's
	// path with a Selector's own Waiter, spin policy and timer.
	selector = impl{name: "selector", pick: func(cs ...alt.Case) int { return alt.NewSelector(cs...).Fair() }}

	allImpls  = []impl{native, fair, priority, selector}
	fairImpls = []impl{native, fair} // for the tests that measure Go's random choice
)

func (im impl) newChan(capacity int) tchan {
	if im.pick == nil {
		return tchan{n: make(chan int, capacity)}
	}
	return tchan{h: mpmc.New[int](capacity)}
}

func (im impl) send(c tchan, v int) {
	if im.pick == nil {
		c.n <- v
	} else {
		c.h.Send(v)
	}
}

func (im impl) recv(c tchan) (int, bool) {
	if im.pick == nil {
		v, ok := <-c.n
		return v, ok
	}
	return c.h.Recv()
}

func (im impl) close(c tchan) {
	if im.pick == nil {
		close(c.n)
	} else {
		c.h.Close()
	}
}

func (im impl) len(c tchan) int {
	if im.pick == nil {
		return len(c.n)
	}
	return c.h.Len()
}

// sel runs one select over cases and returns the index chosen, having run
// that case's function.
func (im impl) sel(cases ...tcase) int {
	if im.pick == nil {
		rc := make([]reflect.SelectCase, len(cases))
		for i, c := range cases {
			switch c.kind {
			case tRecv:
				rc[i] = reflect.SelectCase{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(c.c.n)}
			case tSend:
				rc[i] = reflect.SelectCase{Dir: reflect.SelectSend, Chan: reflect.ValueOf(c.c.n), Send: reflect.ValueOf(c.v)}
			case tDefault:
				rc[i] = reflect.SelectCase{Dir: reflect.SelectDefault}
			}
		}
		i, v, ok := reflect.Select(rc)
		c := cases[i]
		if c.kind == tRecv {
			if c.recv != nil {
				x := 0
				if ok {
					x = int(v.Int())
				}
				c.recv(x, ok)
			}
		} else if c.f != nil {
			c.f()
		}
		return i
	}
	var buf [8]alt.Case
	ac := buf[:0]
	for _, c := range cases {
		switch c.kind {
		case tRecv:
			ac = append(ac, alt.Recv(c.c.h, c.recv))
		case tSend:
			ac = append(ac, alt.Send(c.c.h, c.v, c.f))
		case tDefault:
			ac = append(ac, alt.Default(c.f))
		}
	}
	return im.pick(ac...)
}

// forImpls runs body once per implementation, each as a subtest that must
// leave no goroutine behind and must not deadlock.
func forImpls(t *testing.T, impls []impl, body func(t *testing.T, im impl)) {
	t.Helper()
	for _, im := range impls {
		t.Run("impl="+im.name, func(t *testing.T) {
			defer noLeak(t)()
			defer watchdog(t, 45*time.Second)()
			body(t, im)
		})
	}
}

// ---------------------------------------------------------------------------
// Helpers shared by every test file of the package.

// raceEnabled reports whether the test binary was built with -race, to size
// the longer tests so that `go test -race ./select` stays short.
var raceEnabled = func() bool {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return false
	}
	for _, s := range bi.Settings {
		if s.Key == "-race" && s.Value == "true" {
			return true
		}
	}
	return false
}()

// scale returns n, or n/div under -race or -short.
func scale(n, div int) int {
	if raceEnabled || testing.Short() {
		return max(n/div, 1)
	}
	return n
}

// stacks returns every goroutine's stack.
func stacks() string {
	buf := make([]byte, 1<<20)
	return string(buf[:runtime.Stack(buf, true)])
}

// noLeak records the number of goroutines; the func it returns fails t if,
// after a settle loop of a few seconds, more are running.
func noLeak(t testing.TB) func() {
	before := runtime.NumGoroutine()
	return func() {
		deadline := time.Now().Add(5 * time.Second)
		for {
			n := runtime.NumGoroutine()
			if n <= before {
				return
			}
			if time.Now().After(deadline) {
				t.Errorf("goroutine leak: %d goroutines before, %d after; stacks:\n%s", before, n, stacks())
				return
			}
			time.Sleep(time.Millisecond)
		}
	}
}

// watchdog makes a test that is still running after d crash the test binary
// with every goroutine's stack, rather than hang until go test's timeout.
// The func it returns disarms it.
func watchdog(t testing.TB, d time.Duration) func() {
	name := t.Name()
	tm := time.AfterFunc(d, func() {
		panic(fmt.Sprintf("%s: still running after %v (deadlock or lost wakeup?); goroutines:\n%s", name, d, stacks()))
	})
	return func() { tm.Stop() }
}

// panicOf runs f and returns the message of its panic, if any.
func panicOf(f func()) (msg string, panicked bool) {
	defer func() {
		if r := recover(); r != nil {
			msg, panicked = fmt.Sprint(r), true
		}
	}()
	f()
	return "", false
}

// finishes runs f in a goroutine and returns a channel that receives f's
// panic message ("" when it returned normally).
func finishes(f func()) <-chan string {
	done := make(chan string, 1)
	go func() {
		msg, _ := panicOf(f)
		done <- msg
	}()
	return done
}

func unreachable() { panic("control flow shouldn't reach here") }

// ---------------------------------------------------------------------------
// test/chan/select.go

// Ports golang/go test/chan/select.go (main, Send): a loop of selects with
// two send cases and a default, each send case disabled (set to nil) once
// it fires; every case's value expression is evaluated on every entry to
// the select, so GetValue runs 10 times in all.
func TestGoSelectSendDefault(t *testing.T) {
	forImpls(t, allImpls, func(t *testing.T, im impl) {
		var counter, shift uint
		getValue := func() int { counter++; return 1 << shift }
		send := func(a, b tchan) int {
			i := 0
			for {
				brk := false
				im.sel(
					sendCase(a, getValue(), func() { i++; a = tchan{} }),
					sendCase(b, getValue(), func() { i++; b = tchan{} }),
					defaultCase(func() { brk = true }),
				)
				if brk {
					return i
				}
				shift++
			}
		}
		a, b := im.newChan(1), im.newChan(1)
		if v := send(a, b); v != 2 {
			t.Fatalf("Send returned %d != 2", v)
		}
		av, _ := im.recv(a)
		bv, _ := im.recv(b)
		if av|bv != 3 {
			t.Fatalf("bad values %d %d", av, bv)
		}
		if v := send(a, tchan{}); v != 1 {
			t.Fatalf("Send returned %d != 1", v)
		}
		if counter != 10 {
			t.Fatalf("counter is %d != 10", counter)
		}
	})
}

// ---------------------------------------------------------------------------
// test/chan/select2.go

// Ports golang/go test/chan/select2.go: selects do not consume undue
// memory. A second run of n selects (a receive from a busy channel and from
// an idle one) must not grow the live heap by more than Go's bound, 1.1e5
// bytes. Go runs 100000 selects; here 50000, or fewer under -race.
func TestGoSelectMemory(t *testing.T) {
	forImpls(t, allImpls, func(t *testing.T, im impl) {
		n := scale(50000, 5)
		c, dummy := im.newChan(0), im.newChan(0)
		run := func() {
			go func() {
				for range n {
					im.send(c, 1)
				}
			}()
			for range n {
				im.sel(recvCase(c, nil), recvCase(dummy, func(int, bool) { panic("dummy") }))
			}
		}
		var ms runtime.MemStats
		run() // warm up
		runtime.GC()
		runtime.ReadMemStats(&ms)
		before := ms.HeapAlloc
		run()
		runtime.GC()
		runtime.ReadMemStats(&ms)
		if ms.HeapAlloc > before && ms.HeapAlloc-before > 1.1e5 {
			t.Fatalf("too much memory for %d selects: live heap grew by %d bytes", n, ms.HeapAlloc-before)
		}
	})
}

// ---------------------------------------------------------------------------
// test/chan/select3.go

// testBlock runs f in a goroutine and checks that it blocks (wantBlock) or
// finishes. f is given a release case to add to every select that should
// block, and must return normally when release is chosen; the original
// leaves the blocked goroutines behind, this port releases them.
func testBlock(t *testing.T, im impl, wantBlock bool, what string, f func(release tcase)) {
	t.Helper()
	rel := im.newChan(0)
	done := finishes(func() { f(recvCase(rel, nil)) })
	if wantBlock {
		select {
		case msg := <-done:
			t.Errorf("%s: did not block (panic: %q)", what, msg)
			return
		case <-time.After(20 * time.Millisecond):
		}
	}
	if wantBlock {
		im.close(rel)
	}
	select {
	case msg := <-done:
		if msg != "" {
			t.Errorf("%s: panicked: %s", what, msg)
		}
	case <-time.After(10 * time.Second):
		t.Errorf("%s: blocked", what)
		if !wantBlock {
			im.close(rel)
			<-done
		}
	}
}

// testPanic checks that f panics (wantPanic) or does not.
func testPanic(t *testing.T, wantPanic bool, what string, f func()) {
	t.Helper()
	msg, panicked := panicOf(f)
	if panicked != wantPanic {
		t.Errorf("%s: panicked %v (%q), want %v", what, panicked, msg, wantPanic)
	}
}

// Ports golang/go test/chan/select3.go (main): the blocking and panicking
// behaviour of selects over nil, closed, ready and idle channels, with and
// without default. The plain (non-select) channel operations of the
// original are mpmc's, and tested there; the empty select is left out, as
// alt.Priority() with no case blocks forever and could not be released.
func TestGoSelectNilClosedDefault(t *testing.T) {
	forImpls(t, allImpls, func(t *testing.T, im impl) {
		const async = 1
		var nilch tchan
		closedch := im.newChan(0)
		im.close(closedch)
		never := func() { unreachable() }
		neverRecv := func(int, bool) { unreachable() }

		// sending/receiving from a nil channel inside a select is never selected
		testPanic(t, false, "nil send with default", func() {
			im.sel(sendCase(nilch, 7, never), defaultCase(nil))
		})
		testPanic(t, false, "nil recv with default", func() {
			im.sel(recvCase(nilch, neverRecv), defaultCase(nil))
		})

		// receiving from a closed channel never blocks
		testBlock(t, im, false, "recv from closed", func(tcase) {
			for range 10 {
				im.sel(recvCase(closedch, func(x int, ok bool) {
					if x != 0 || ok {
						panic(fmt.Sprintf("expected 0, false from closed channel, got %d, %v", x, ok))
					}
				}))
			}
		})

		// selects with only nil channels always block
		testBlock(t, im, true, "select on nil recv", func(rel tcase) {
			im.sel(recvCase(nilch, neverRecv), rel)
		})
		testBlock(t, im, true, "select on nil send", func(rel tcase) {
			im.sel(sendCase(nilch, 7, never), rel)
		})
		testBlock(t, im, true, "select on nil recv and send", func(rel tcase) {
			im.sel(recvCase(nilch, neverRecv), sendCase(nilch, 7, never), rel)
		})

		// selects with non-ready non-nil channels always block
		testBlock(t, im, true, "select on idle channel", func(rel tcase) {
			ch := im.newChan(0)
			im.sel(recvCase(ch, neverRecv), rel)
		})

		// selects with default cases don't block
		testBlock(t, im, false, "default only", func(tcase) { im.sel(defaultCase(nil)) })
		testBlock(t, im, false, "nil recv and default", func(tcase) {
			im.sel(recvCase(nilch, neverRecv), defaultCase(nil))
		})
		testBlock(t, im, false, "nil send and default", func(tcase) {
			im.sel(sendCase(nilch, 7, never), defaultCase(nil))
		})

		// selects with ready channels don't block
		testBlock(t, im, false, "ready send", func(tcase) {
			ch := im.newChan(async)
			im.sel(sendCase(ch, 7, nil), defaultCase(never))
		})
		testBlock(t, im, false, "ready recv", func(tcase) {
			ch := im.newChan(async)
			im.send(ch, 7)
			im.sel(recvCase(ch, nil), defaultCase(never))
		})

		// selects with closed channels behave like ordinary operations
		testBlock(t, im, false, "recv closed in select", func(tcase) {
			im.sel(recvCase(closedch, nil))
		})
		testBlock(t, im, false, "recv closed in select, ok", func(tcase) {
			im.sel(recvCase(closedch, func(x int, ok bool) {
				if x != 0 || ok {
					panic(fmt.Sprintf("got %d, %v from a closed channel", x, ok))
				}
			}))
		})
		testPanic(t, true, "send on closed in select", func() {
			im.sel(sendCase(closedch, 7, nil))
		})

		// select should not get confused if it sees itself
		testBlock(t, im, true, "select sees itself", func(rel tcase) {
			c := im.newChan(0)
			im.sel(sendCase(c, 1, never), recvCase(c, neverRecv), rel)
		})
	})
}

// ---------------------------------------------------------------------------
// test/chan/select4.go

// Ports golang/go test/chan/select4.go (main): a select proceeds when a
// value is ready, and only the chosen case's receive is carried out (in
// Go, its assignment target *f() is not even evaluated).
func TestGoSelectOnlyChosenAssigns(t *testing.T) {
	forImpls(t, allImpls, func(t *testing.T, im impl) {
		var x struct{ a int }
		c, c1 := im.newChan(1), im.newChan(0)
		im.send(c, 42)
		im.sel(
			recvCase(c1, func(int, bool) { t.Error("BUG: the case on c1 ran") }),
			recvCase(c, func(v int, _ bool) { x.a = v }),
		)
		if x.a != 42 {
			t.Fatalf("BUG: x.a = %d, want 42", x.a)
		}
	})
}

// ---------------------------------------------------------------------------
// test/chan/select5.go

// cstate is the state of a generated case's channel.
type cstate uint8

const (
	csNil    cstate = iota // a nil channel: never ready
	csIdle                 // recv: empty; send: full
	csReady                // recv: holds a value; send: has room
	csClosed               // recv: ready with ok == false; send: panics
	numCstates
)

func (s cstate) String() string { return [...]string{"nil", "idle", "ready", "closed"}[s] }

type gencase struct {
	send  bool
	state cstate
}

// Ports golang/go test/chan/select5.go, whose generator writes every
// combination of case kinds and channel states into a program. Here the
// table is generated in the test: every select of 1 to 3 cases, each a
// send or a receive on a channel of capacity 1 that is nil, idle, ready or
// closed, with and without a default. The outcome must be one Go allows: a
// ready case (with its effect on its channel only, and the right value),
// the panic of a closed send case, or default exactly when neither exists.
// Priority must choose exactly the first such case in argument order.
func TestGoSelectGenerated(t *testing.T) {
	forImpls(t, allImpls, func(t *testing.T, im impl) {
		var gen func(prefix []gencase)
		checked := 0
		gen = func(prefix []gencase) {
			if len(prefix) > 0 {
				for _, def := range []bool{false, true} {
					for range 3 { // a random choice may differ between runs
						checkGenerated(t, im, prefix, def)
						checked++
					}
				}
			}
			if len(prefix) == 3 || t.Failed() {
				return
			}
			for _, send := range []bool{false, true} {
				for s := range numCstates {
					gen(append(prefix[:len(prefix):len(prefix)], gencase{send, s}))
				}
			}
		}
		gen(nil)
		if checked < 1000 {
			t.Fatalf("only %d selects checked", checked)
		}
	})
}

// checkGenerated builds and runs one generated select.
func checkGenerated(t *testing.T, im impl, gcs []gencase, def bool) {
	t.Helper()
	name := fmt.Sprintf("%v default=%v", gcs, def)
	chans := make([]tchan, len(gcs))
	var allowed []int // case indices Go may choose; len(gcs) stands for default
	canPanic := false
	first := -2 // Priority's choice; -1 for a panic
	for i, g := range gcs {
		if g.state != csNil {
			chans[i] = im.newChan(1)
		}
		switch {
		case g.state == csClosed:
			im.close(chans[i])
		case !g.send && g.state == csReady, g.send && g.state == csIdle:
			im.send(chans[i], 100+i)
		}
		ready := g.state == csReady || (g.state == csClosed && !g.send)
		if ready {
			allowed = append(allowed, i)
		}
		if g.state == csClosed && g.send {
			canPanic = true
		}
		if first == -2 && (ready || g.state == csClosed) {
			first = i
			if g.send && g.state == csClosed {
				first = -1
			}
		}
	}
	if len(allowed) == 0 && !canPanic {
		if !def {
			return // it would block
		}
		allowed = append(allowed, len(gcs))
		first = len(gcs)
	}

	ran := -1
	cases := make([]tcase, 0, len(gcs)+1)
	for i, g := range gcs {
		if g.send {
			cases = append(cases, sendCase(chans[i], 300+i, func() { ran = i }))
		} else {
			cases = append(cases, recvCase(chans[i], func(v int, ok bool) {
				ran = i
				want, wantOK := 100+i, true
				if g.state == csClosed {
					want, wantOK = 0, false
				}
				if v != want || ok != wantOK {
					t.Errorf("%s: case %d received %d, %v; want %d, %v", name, i, v, ok, want, wantOK)
				}
			}))
		}
	}
	if def {
		cases = append(cases, defaultCase(func() { ran = len(gcs) }))
	}
	var got int
	msg, panicked := panicOf(func() { got = im.sel(cases...) })
	switch {
	case panicked:
		if !canPanic || !strings.Contains(msg, "send on closed channel") {
			t.Fatalf("%s: unexpected panic %q", name, msg)
		}
		if im.name == "priority" && first != -1 {
			t.Fatalf("%s: Priority panicked, want case %d", name, first)
		}
		return
	case got != ran:
		t.Fatalf("%s: select returned %d but case %d ran", name, got, ran)
	case !contains(allowed, got):
		t.Fatalf("%s: chose %d, allowed %v (panic allowed: %v)", name, got, allowed, canPanic)
	case im.name == "priority" && got != first:
		t.Fatalf("%s: Priority chose %d, want %d", name, got, first)
	}
	// Only the chosen case touched its channel.
	for i, g := range gcs {
		if g.state == csNil || g.state == csClosed {
			continue
		}
		wantLen := 0
		if (!g.send && g.state == csReady) || (g.send && g.state == csIdle) {
			wantLen = 1
		}
		if i == got {
			wantLen = 1 - wantLen
		}
		if n := im.len(chans[i]); n != wantLen {
			t.Fatalf("%s: channel of case %d holds %d values, want %d (chosen %d)", name, i, n, wantLen, got)
		}
		if i == got && g.send {
			if v, _ := im.recv(chans[i]); v != 300+i {
				t.Fatalf("%s: case %d sent %d, want %d", name, i, v, 300+i)
			}
		}
	}
}

func contains(s []int, x int) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}

// ---------------------------------------------------------------------------
// test/chan/select6.go

// Ports golang/go test/chan/select6.go (issue 2075): a select that loses on
// c1 must leave c1's queue of waiters intact, so that the receivers still
// queued there (another goroutine's, and this one's next) are woken.
func TestGoSelectFailedCaseQueue(t *testing.T) {
	forImpls(t, allImpls, func(t *testing.T, im impl) {
		for range scale(200, 4) {
			c1, c2, c3 := im.newChan(0), im.newChan(0), im.newChan(0)
			var wg sync.WaitGroup
			wg.Go(func() { im.recv(c1) })
			wg.Go(func() {
				im.sel(
					recvCase(c1, func(int, bool) { panic("dummy") }),
					recvCase(c2, func(int, bool) { im.send(c3, 1) }),
				)
				im.recv(c1)
			})
			wg.Go(func() { im.send(c2, 1) })
			im.recv(c3)
			im.send(c1, 1)
			im.send(c1, 1)
			wg.Wait()
		}
	})
}

// ---------------------------------------------------------------------------
// test/chan/select7.go

// Ports golang/go test/chan/select7.go (main): select when discarding a
// value; every pairing of a sender (plain send, one-case select, select
// with an idle second case) with a receiver of the same three kinds.
func TestGoSelectDiscard(t *testing.T) {
	forImpls(t, allImpls, func(t *testing.T, im impl) {
		recvs := []func(c tchan){
			func(c tchan) { im.recv(c) },
			func(c tchan) { im.sel(recvCase(c, nil)) },
			func(c tchan) { im.sel(recvCase(c, nil), recvCase(im.newChan(0), nil)) },
		}
		sends := []func(c tchan){
			func(c tchan) { im.send(c, 1) },
			func(c tchan) { im.sel(sendCase(c, 1, nil)) },
			func(c tchan) { im.sel(sendCase(c, 1, nil), sendCase(im.newChan(0), 1, nil)) },
		}
		for r, recv := range recvs {
			for s, send := range sends {
				c := im.newChan(0)
				done := make(chan struct{})
				go func() { recv(c); close(done) }()
				runtime.Gosched()
				send(c)
				select {
				case <-done:
				case <-time.After(10 * time.Second):
					t.Fatalf("send%d(recv%d): the receiver never finished", s+1, r+1)
				}
			}
		}
	})
}

// ---------------------------------------------------------------------------
// test/chan/select8.go

// Ports golang/go test/chan/select8.go (main): break statements in one-,
// two- and three-case selects, a gccgo bug; break is the compiler's
// business, and what carries over is the selects themselves, which Go's
// compiler specializes by their number of cases: a one-case receive, a
// lone Default, a receive with a Default, and a receive, a send on the same
// unbuffered channel and a Default, where the send is never chosen (the only
// other party sends too, and a select never meets itself). The original's
// sender never stops; here it also selects a receive on quit, closed at the
// end, and the three-case select runs 100 times instead of once.
func TestGoSelectFewCases(t *testing.T) {
	forImpls(t, allImpls, func(t *testing.T, im impl) {
		ch, quit := im.newChan(0), im.newChan(0)
		stopped := make(chan struct{})
		go func() {
			defer close(stopped)
			for im.sel(sendCase(ch, 5, nil), recvCase(quit, nil)) == 0 {
			}
		}()
		defer func() { im.close(quit); <-stopped }()
		got5 := func(v int, ok bool) {
			if v != 5 || !ok {
				t.Errorf("received %d, %v; want 5, true", v, ok)
			}
		}
		if i := im.sel(recvCase(ch, got5)); i != 0 {
			t.Fatalf("one-case select chose %d", i)
		}
		if i := im.sel(defaultCase(nil)); i != 0 {
			t.Fatalf("lone default chose %d", i)
		}
		im.sel(recvCase(ch, got5), defaultCase(nil)) // either, as in the original
		for range 100 {
			im.sel(recvCase(ch, got5), sendCase(ch, 10, func() { t.Fatal("unreachable: a send with no receiver") }), defaultCase(nil))
		}
	})
}

// ---------------------------------------------------------------------------
// test/chan/doubleselect.go

// Ports golang/go test/chan/doubleselect.go (main): a sender selects over
// four unbuffered channels, four goroutines forward them into one channel,
// and the receiver checks that no value arrives twice (two cases of one
// select must never both run). Go runs 100000 iterations; here 20000, or
// fewer under -race, and the receiver also checks that every value came.
func TestGoDoubleSelect(t *testing.T) {
	forImpls(t, allImpls, func(t *testing.T, im impl) {
		n := scale(20000, 4)
		c := [4]tchan{im.newChan(0), im.newChan(0), im.newChan(0), im.newChan(0)}
		cmux := im.newChan(0)
		go func() {
			for i := range n {
				im.sel(sendCase(c[0], i, nil), sendCase(c[1], i, nil), sendCase(c[2], i, nil), sendCase(c[3], i, nil))
			}
			for _, ch := range c {
				im.close(ch)
			}
		}()
		var muxes sync.WaitGroup
		for _, in := range c {
			muxes.Go(func() {
				for {
					v, ok := im.recv(in)
					if !ok {
						return
					}
					im.send(cmux, v)
				}
			})
		}
		go func() { muxes.Wait(); im.close(cmux) }()
		seen := make([]bool, n)
		count := 0
		for {
			v, ok := im.recv(cmux)
			if !ok {
				break
			}
			if seen[v] {
				t.Fatalf("got duplicate value %d", v)
			}
			seen[v] = true
			count++
		}
		if count != n {
			t.Fatalf("received %d values, want %d", count, n)
		}
	})
}

// ---------------------------------------------------------------------------
// test/chan/nonblock.go

// Ports golang/go test/chan/nonblock.go (main): non-blocking sends and
// receives (a select with a default) succeed once a partner is waiting, on
// unbuffered and buffered channels. The original repeats this for int32,
// int64, bool and string; the adapter is int-only, and mixed element types
// are semantics_test.go's. As in the original, a try that finds no partner
// yet sleeps a little and tries again, up to maxTries.
func TestGoNonblock(t *testing.T) {
	forImpls(t, allImpls, func(t *testing.T, im impl) {
		const maxTries = 10000 // the original's bound, at 10us a try
		sleep := func() { time.Sleep(10 * time.Microsecond); runtime.Gosched() }
		for buffer := range 2 {
			c := im.newChan(buffer)
			strobe := make(chan bool)

			im.sel(recvCase(c, func(int, bool) { t.Fatalf("buffer=%d: blocked sender", buffer) }), defaultCase(nil))

			go func() {
				if v, _ := im.recv(c); v != 123 {
					panic("value")
				}
				strobe <- true
			}()
			for try := 0; ; try++ {
				if im.sel(sendCase(c, 123, nil), defaultCase(nil)) == 0 {
					break
				}
				if try > maxTries {
					t.Fatalf("buffer=%d: a non-blocking send never met the waiting receiver", buffer)
				}
				sleep()
			}
			<-strobe

			go func() { im.send(c, 234); strobe <- true }()
			if buffer > 0 {
				<-strobe
			}
			for try := 0; ; try++ {
				got := -1
				if im.sel(recvCase(c, func(v int, _ bool) { got = v }), defaultCase(nil)) == 0 {
					if got != 234 {
						t.Fatalf("buffer=%d: received %d, want 234", buffer, got)
					}
					break
				}
				if try > maxTries {
					t.Fatalf("buffer=%d: a non-blocking receive never met the waiting sender", buffer)
				}
				sleep()
			}
			if buffer == 0 {
				<-strobe
			}
		}
	})
}

// ---------------------------------------------------------------------------
// test/chan/sendstmt.go

// Ports golang/go test/chan/sendstmt.go (chanchan): a send case whose
// channel is itself received from a channel of channels (case <-cc <- 2).
// In alt the channel expression is an argument, evaluated before the
// select, as Go evaluates it on entry to the select.
func TestGoSendStmtChanChan(t *testing.T) {
	cc := mpmc.New[*mpmc.Chan[int]](1)
	c := mpmc.New[int](1)
	cc.Send(c)
	inner, _ := cc.Recv()
	alt.Priority(alt.Send(inner, 2, nil), alt.Default(func() { t.Fatal("nonblock") }))
	if v, _ := c.Recv(); v != 2 {
		t.Fatalf("bad receive: %d", v)
	}
	// And with a case sending a channel on a channel of channels.
	alt.Priority(alt.Send(cc, c, nil), alt.Default(func() { t.Fatal("send of a channel blocked") }))
	if got, _ := cc.Recv(); got != c {
		t.Fatal("received a different channel")
	}
}

// ---------------------------------------------------------------------------
// test/chan/sieve2.go and test/chan/powser2.go

// quitter makes the never-ending processes of sieve2.go and powser2.go
// stoppable: each blocking operation is a select that also receives from
// quit, and the goroutine whose select takes that case ends
// (runtime.Goexit), where the originals leave their goroutines blocked
// until the program exits. Only the test's own goroutine closes quit, after
// its last operation.
type quitter struct {
	im   impl
	quit tchan
}

func (q quitter) send(c tchan, v int) {
	if q.im.sel(sendCase(c, v, nil), recvCase(q.quit, nil)) != 0 {
		runtime.Goexit()
	}
}

func (q quitter) recv(c tchan) (v int) {
	if q.im.sel(recvCase(c, func(x int, _ bool) { v = x }), recvCase(q.quit, nil)) != 0 {
		runtime.Goexit()
	}
	return v
}

// sieveCh is sieve2.go's PeekCh: a channel of multiples and the value taken
// from it last, its head; sieveHeap orders them by head.
type sieveCh struct {
	head int
	ch   tchan
}

type sieveHeap []*sieveCh

func (h sieveHeap) Len() int           { return len(h) }
func (h sieveHeap) Less(i, j int) bool { return h[i].head < h[j].head }
func (h sieveHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *sieveHeap) Push(x any)        { *h = append(*h, x.(*sieveCh)) }
func (h *sieveHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// Ports golang/go test/chan/sieve2.go: an Eratosthenes sieve over odd
// candidates. A goroutine merges a heap of channels of multiples, one per
// prime found so far, into one increasing channel of composites; the primes
// go back to it through a proxy that buffers without bound, a select of a
// receive and a send whose channel is nil while the buffer is empty. The
// original's container/ring buffer is a slice here, and its processes,
// which never end, stop on quit (see quitter).
func TestGoSieve2(t *testing.T) {
	forImpls(t, allImpls, func(t *testing.T, im impl) {
		q := quitter{im, im.newChan(0)}
		defer im.close(q.quit)
		// odds returns a channel of odd numbers, starting from 5.
		odds := func() tchan {
			out := im.newChan(50)
			go func() {
				for n := 5; ; n += 2 {
					q.send(out, n)
				}
			}()
			return out
		}
		// multiples returns a channel of the odd multiples of the prime p,
		// starting from p*p.
		multiples := func(p int) tchan {
			out := im.newChan(10)
			go func() {
				for n := p * p; ; n += 2 * p {
					q.send(out, n)
				}
			}()
			return out
		}
		// sendproxy returns a channel to serve as a sending proxy to out: a
		// goroutine keeps what it receives in a growing buffer, so that
		// sending to the proxy never blocks.
		sendproxy := func(out tchan) tchan {
			proxy := im.newChan(10)
			go func() {
				var buf []int
				for {
					c, e := out, 0
					if len(buf) == 0 {
						c = tchan{} // buffer empty: disable output
					} else {
						e = buf[0]
					}
					if im.sel(
						recvCase(proxy, func(v int, _ bool) { buf = append(buf, v) }),
						sendCase(c, e, func() { buf = buf[1:] }),
						recvCase(q.quit, nil),
					) == 2 {
						return
					}
				}
			}()
			return proxy
		}

		out := im.newChan(10) // the output values
		im.send(out, 2)
		im.send(out, 3)
		composites := im.newChan(50) // all composites to be eliminated, in increasing order
		primes := im.newChan(10)     // the feedback loop
		im.send(primes, 3)
		go func() { // merge the channels of multiples of primes into composites
			h := &sieveHeap{}
			min := 15
			for {
				m := multiples(q.recv(primes))
				head := q.recv(m)
				for min < head {
					q.send(composites, min)
					minchan := heap.Pop(h).(*sieveCh)
					min = minchan.head
					minchan.head = q.recv(minchan.ch)
					heap.Push(h, minchan)
				}
				for min == head {
					minchan := heap.Pop(h).(*sieveCh)
					min = minchan.head
					minchan.head = q.recv(minchan.ch)
					heap.Push(h, minchan)
				}
				q.send(composites, head)
				heap.Push(h, &sieveCh{q.recv(m), m})
			}
		}()
		go func() { // sieve composites out of the candidates
			// The merger receives primes much more slowly than this
			// goroutine sends them: without the proxy's buffer, this one
			// would block and the sieve deadlock.
			primes := sendproxy(primes)
			candidates := odds()
			p := q.recv(candidates)
			for {
				c := q.recv(composites)
				for p < c {
					q.send(primes, p)
					q.send(out, p)
					p = q.recv(candidates)
				}
				if p == c {
					p = q.recv(candidates)
				}
			}
		}()

		a := []int{2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97}
		for i := range a {
			if x, _ := im.recv(out); x != a[i] {
				t.Fatalf("prime #%d = %d; want %d", i, x, a[i])
			}
		}
	})
}

// prat is powser2.go's rat: a rational in lowest terms, den == 0 the end
// mark (psFinis). Its arithmetic is the original's, int64 throughout.
type prat struct{ num, den int64 }

var (
	psZero  = psItor(0)
	psOne   = psItor(1)
	psFinis = psI2tor(1, 0)
)

func psGcd(u, v int64) int64 {
	if u < 0 {
		return psGcd(-u, v)
	}
	if u == 0 {
		return v
	}
	return psGcd(v%u, u)
}

func psI2tor(u, v int64) prat {
	g := psGcd(u, v)
	if v > 0 {
		return prat{u / g, v / g}
	}
	return prat{-u / g, -v / g}
}

func psItor(u int64) prat { return psI2tor(u, 1) }

func (u prat) end() bool { return u.den == 0 }

func (u prat) add(v prat) prat {
	g := psGcd(u.den, v.den)
	return psI2tor(u.num*(v.den/g)+v.num*(u.den/g), u.den*(v.den/g))
}

func (u prat) mul(v prat) prat {
	g1, g2 := psGcd(u.num, v.den), psGcd(u.den, v.num)
	return prat{(u.num / g1) * (v.num / g2), (u.den / g2) * (v.den / g1)}
}

func (u prat) neg() prat { return psI2tor(-u.num, u.den) }

// pack carries a prat through the adapter's int channels (the original
// sends *rat as an interface item): the numerator in the high 32 bits, the
// denominator in the low 32. It panics if either does not fit.
func (u prat) pack() int {
	if int64(int32(u.num)) != u.num || int64(int32(u.den)) != u.den {
		panic(fmt.Sprintf("powser2: %d/%d does not fit in 32+32 bits", u.num, u.den))
	}
	return int(u.num<<32 | int64(uint32(u.den)))
}

func unpack(x int) prat { return prat{int64(x) >> 32, int64(int32(uint32(x)))} }

// dch is powser2.go's demand channel: a consumer sends on req, then
// receives the item on dat. A power series is a *dch.
type dch struct{ req, dat tchan }

// powser2 holds the series operators of test/chan/powser2.go, over the
// adapter, each blocking operation also receiving from quit. The
// original's seqno, the value sent on req, is unsynchronized and read by
// no one; 0 is sent here.
type powser2 struct{ quitter }

func (p powser2) mkdch() *dch { return &dch{p.im.newChan(0), p.im.newChan(0)} }

func (p powser2) mkdch2() *[2]*dch { return &[2]*dch{p.mkdch(), p.mkdch()} }

// dosplit reads a single demand channel and replicates its output onto
// two, which may be read at different rates: a generation per item, the
// newest serving out[0] (out's two are swapped so that it is), the oldest
// out[1]; a generation that has sent to out[1] signals on release that the
// next newer one may serve out[1]. (The original's comment, shortened.)
func (p powser2) dosplit(in *dch, out *[2]*dch, wait tchan) {
	both := false // do not service both channels
	switch p.im.sel(recvCase(out[0].req, nil), recvCase(wait, nil), recvCase(p.quit, nil)) {
	case 1:
		both = true
		switch p.im.sel(recvCase(out[0].req, nil), recvCase(out[1].req, nil), recvCase(p.quit, nil)) {
		case 1:
			out[0], out[1] = out[1], out[0]
		case 2:
			runtime.Goexit()
		}
	case 2:
		runtime.Goexit()
	}
	p.send(in.req, 0)
	release := p.im.newChan(0)
	go p.dosplit(in, out, release)
	dat := p.recv(in.dat)
	p.send(out[0].dat, dat)
	if !both {
		p.recv(wait)
	}
	p.recv(out[1].req)
	p.send(out[1].dat, dat)
	p.send(release, 0)
}

func (p powser2) split(in *dch, out *[2]*dch) {
	release := p.im.newChan(0)
	go p.dosplit(in, out, release)
	p.send(release, 0)
}

func (p powser2) put(dat prat, out *dch) {
	p.recv(out.req)
	p.send(out.dat, dat.pack())
}

func (p powser2) get(in *dch) prat {
	p.send(in.req, 0)
	return unpack(p.recv(in.dat))
}

// get2 gets one item from each of two demand channels, in whatever order
// they come: a select of two sends and two receives, each case disabled
// (its channel set to nil) once it has run.
func (p powser2) get2(in0, in1 *dch) [2]prat {
	req := [2]tchan{in0.req, in1.req}
	var dat [2]tchan
	var out [2]prat
	for range 4 {
		if p.im.sel(
			sendCase(req[0], 0, func() { dat[0], req[0] = in0.dat, tchan{} }),
			sendCase(req[1], 0, func() { dat[1], req[1] = in1.dat, tchan{} }),
			recvCase(dat[0], func(v int, _ bool) { out[0], dat[0] = unpack(v), tchan{} }),
			recvCase(dat[1], func(v int, _ bool) { out[1], dat[1] = unpack(v), tchan{} }),
			recvCase(p.quit, nil),
		) == 4 {
			runtime.Goexit()
		}
	}
	return out
}

func (p powser2) copy(in, out *dch) {
	for {
		p.recv(out.req)
		p.send(out.dat, p.get(in).pack())
	}
}

// Rep is c, c, c, ...
func (p powser2) Rep(c prat) *dch {
	Z := p.mkdch()
	go func() {
		for {
			p.put(c, Z)
		}
	}()
	return Z
}

// Split makes a pair of power series identical to U.
func (p powser2) Split(U *dch) *[2]*dch {
	UU := p.mkdch2()
	go p.split(U, UU)
	return UU
}

// Add is U + V.
func (p powser2) Add(U, V *dch) *dch {
	Z := p.mkdch()
	go func() {
		for {
			p.recv(Z.req)
			switch uv := p.get2(U, V); {
			case !uv[0].end() && !uv[1].end():
				p.send(Z.dat, uv[0].add(uv[1]).pack())
			case !uv[1].end():
				p.send(Z.dat, uv[1].pack())
				p.copy(V, Z)
			case !uv[0].end():
				p.send(Z.dat, uv[0].pack())
				p.copy(U, Z)
			default:
				p.send(Z.dat, psFinis.pack())
			}
		}
	}()
	return Z
}

// Cmul is c*U.
func (p powser2) Cmul(c prat, U *dch) *dch {
	Z := p.mkdch()
	go func() {
		for {
			p.recv(Z.req)
			u := p.get(U)
			if u.end() {
				break
			}
			p.send(Z.dat, c.mul(u).pack())
		}
		p.send(Z.dat, psFinis.pack())
	}()
	return Z
}

// Sub is U - V.
func (p powser2) Sub(U, V *dch) *dch { return p.Add(U, p.Cmul(psOne.neg(), V)) }

// Mul is U*V: with U = u + x*UU and V = v + x*VV,
// UV = u*v + x*(u*VV+v*UU) + x*x*UU*VV.
func (p powser2) Mul(U, V *dch) *dch {
	Z := p.mkdch()
	go func() {
		p.recv(Z.req)
		uv := p.get2(U, V)
		if uv[0].end() || uv[1].end() {
			p.send(Z.dat, psFinis.pack())
			return
		}
		p.send(Z.dat, uv[0].mul(uv[1]).pack())
		UU, VV := p.Split(U), p.Split(V)
		W := p.Add(p.Cmul(uv[0], VV[0]), p.Cmul(uv[1], UU[0]))
		p.recv(Z.req)
		p.send(Z.dat, p.get(W).pack())
		p.copy(p.Add(W, p.Mul(UU[1], VV[1])), Z)
	}()
	return Z
}

// Diff is dU/dx.
func (p powser2) Diff(U *dch) *dch {
	Z := p.mkdch()
	go func() {
		p.recv(Z.req)
		if u := p.get(U); !u.end() {
			for i := int64(1); ; i++ {
				if u = p.get(U); u.end() {
					break
				}
				p.send(Z.dat, psItor(i).mul(u).pack())
				p.recv(Z.req)
			}
		}
		p.send(Z.dat, psFinis.pack())
	}()
	return Z
}

// Integ is c + the integral of U.
func (p powser2) Integ(c prat, U *dch) *dch {
	Z := p.mkdch()
	go func() {
		p.put(c, Z)
		for i := int64(1); ; i++ {
			p.recv(Z.req)
			u := p.get(U)
			p.send(Z.dat, psI2tor(1, i).mul(u).pack())
			if u.end() {
				break
			}
		}
		p.send(Z.dat, psFinis.pack())
	}()
	return Z
}

// Exp is e^U for U with constant term 0 (the original ignores it): Z =
// exp(U), dZ = Z*dU, integrated; a feedback loop through split.
func (p powser2) Exp(U *dch) *dch {
	ZZ := p.mkdch2()
	p.split(p.Integ(psOne, p.Mul(ZZ[0], p.Diff(U))), ZZ)
	return ZZ[1]
}

// MonSubst is U(c0*x^n): each term of U times c0^i, followed by n-1 zeros.
func (p powser2) MonSubst(U *dch, c0 prat, n int) *dch {
	Z := p.mkdch()
	go func() {
		c := psOne
		for {
			p.recv(Z.req)
			u := p.get(U)
			p.send(Z.dat, u.mul(c).pack())
			c = c.mul(c0)
			if u.end() {
				p.send(Z.dat, psFinis.pack())
				return
			}
			for i := 1; i < n; i++ {
				p.recv(Z.req)
				p.send(Z.dat, psZero.pack())
			}
		}
	}()
	return Z
}

// Ports golang/go test/chan/powser2.go: McIlroy's power series as networks
// of demand channels (a request, then the item), where a product reads its
// two inputs with a select of two sends and two receives whose cases are
// disabled by nil as they run (get2), and a series is split among
// generations of goroutines handing over through nested selects (dosplit),
// with a feedback loop (Exp). Ported: the operators the original checks,
// and its checks, with the same series and values (in a slightly different
// order: CMul and Sub before Diff, Mul before Integ); three of them read 0
// terms there ("Add Ones Ones", "Add Ones Twos", "Sub Ones Twos"), 5 here. The original ends with
// sys.exit to be rid of its waiting goroutines; here they stop on quit.
func TestGoPowser2(t *testing.T) {
	if strconv.IntSize < 64 {
		t.Skip("prat.pack needs a 64-bit int")
	}
	forImpls(t, allImpls, func(t *testing.T, im impl) {
		p := powser2{quitter{im, im.newChan(0)}}
		defer im.close(p.quit)
		check := func(U *dch, c prat, count int, what string) {
			t.Helper()
			for range count {
				if r := p.get(U); r != c {
					t.Fatalf("%s: got %d/%d; want %d/%d", what, r.num, r.den, c.num, c.den)
				}
			}
		}
		checka := func(U *dch, a []prat, what string) {
			t.Helper()
			for _, c := range a {
				check(U, c, 1, what)
			}
		}
		const N = 10
		ones, twos := p.Rep(psOne), p.Rep(psItor(2))
		check(ones, psOne, 5, "Ones")
		check(p.Add(ones, ones), psItor(2), 5, "Add Ones Ones")  // 2 2 2 2 2
		check(p.Add(ones, twos), psItor(3), 5, "Add Ones Twos")  // 3 3 3 3 3
		check(p.Cmul(psOne.neg(), twos), psItor(-2), N, "CMul")  // -2 -2 -2 -2 -2
		check(p.Sub(ones, twos), psItor(-1), 5, "Sub Ones Twos") // -1 -1 -1 -1 -1
		a := make([]prat, N)
		for i := range a {
			a[i] = psItor(int64(i + 1))
		}
		checka(p.Diff(ones), a, "Diff")     // 1 2 3 4 5
		checka(p.Mul(ones, ones), a, "Mul") // 1 2 3 4 5

		a[0] = psZero // integration constant
		for i := 1; i < N; i++ {
			a[i] = psI2tor(1, int64(i))
		}
		checka(p.Integ(psZero, ones), a, "Integ") // 0 1 1/2 1/3 1/4 1/5

		checka(p.Exp(ones), []prat{psItor(1), psItor(1), psI2tor(3, 2), psI2tor(13, 6), psI2tor(73, 24),
			psI2tor(167, 40), psI2tor(4051, 720), psI2tor(37633, 5040), psI2tor(43817, 4480), psI2tor(4596553, 362880)}, "Exp") // 1 1 3/2 13/6 73/24

		for c, i := int64(1), 0; i < N; i++ {
			if i%2 == 0 {
				a[i] = psZero
			} else {
				a[i] = psI2tor(c, int64(i))
				c = -c
			}
		}
		checka(p.Integ(psZero, p.MonSubst(ones, psOne.neg(), 2)), a, "ATan") // 0 1 0 -1/3 0 1/5
	})
}

// ---------------------------------------------------------------------------
// src/runtime/chan_test.go

// Ports golang/go src/runtime/chan_test.go TestSelfSelect: two goroutines
// each select a send and a receive on the same channel; no crash, no
// deadlock, and on an unbuffered channel no goroutine receives its own
// value.
func TestGoSelfSelect(t *testing.T) {
	forImpls(t, allImpls, func(t *testing.T, im impl) {
		for _, chanCap := range []int{0, 10} {
			var wg sync.WaitGroup
			c := im.newChan(chanCap)
			for p := range 2 {
				wg.Go(func() {
					check := func(v int, _ bool) {
						if chanCap == 0 && v == p {
							t.Errorf("cap %d: self receive", chanCap)
						}
					}
					for i := range 1000 {
						if p == 0 || i%2 == 0 {
							im.sel(sendCase(c, p, nil), recvCase(c, check))
						} else {
							im.sel(recvCase(c, check), sendCase(c, p, nil))
						}
					}
				})
			}
			wg.Wait()
		}
	})
}

// Ports golang/go src/runtime/chan_test.go TestSelectDuplicateChannel: one
// select queued twice on the same channel, woken through a third, must
// leave that channel's queue intact for the plain receiver queued after it.
func TestGoSelectDuplicateChannel(t *testing.T) {
	forImpls(t, allImpls, func(t *testing.T, im impl) {
		c, d, e := im.newChan(0), im.newChan(0), im.newChan(0)
		go func() { // goroutine A
			im.sel(recvCase(c, nil), recvCase(c, nil), recvCase(d, nil))
			im.send(e, 9)
		}()
		time.Sleep(time.Millisecond) // make sure goroutine A gets queued first on c
		var b sync.WaitGroup
		b.Go(func() { im.recv(c) })  // goroutine B
		time.Sleep(time.Millisecond) // make sure goroutine B gets queued on c before continuing
		im.send(d, 7)                // wake up A; it dequeues itself from c
		im.recv(e)                   // A tells us it's done
		im.send(c, 8)                // wake up B
		b.Wait()
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

// Ports golang/go src/runtime/chan_test.go TestSelectStackAdjust: two
// goroutines grow their stacks, then wait in a select of four receives
// (for one, two of them on nil channels; for the other, duplicates of the
// first two) while a GC shrinks their stacks; closing d wakes both, and a
// pointer to a local must still point to it. Go checks that the runtime
// adjusts the select's receive slots that point into the stack; a library
// cannot hold such pointers (escape analysis moves what a waiter reaches
// to the heap), but a plain Priority or Fair keeps its scratch arrays on
// the stack (engine.go), so the port checks that a parked alt select, and
// its cases' closures over locals, survive their stack being moved. The
// adapter's channels carry int, so the case on c, never chosen, would
// clobber cx rather than store a received pointer in it.
func TestGoSelectStackAdjust(t *testing.T) {
	forImpls(t, allImpls, func(t *testing.T, im impl) {
		c, d := im.newChan(0), im.newChan(0)
		ready1, ready2 := make(chan bool), make(chan bool)
		f := func(ready chan bool, dup bool) {
			stackGrowthRecursive((10 << 10) / (128 * 8)) // temporarily grow the stack to 10K
			ready <- true                                // ready to trigger GC and stack shrink
			val := 42
			cx := &val
			var c2, d2 tchan
			if dup {
				c2, d2 = c, d
			}
			// Receive from d; cx won't be affected.
			i := im.sel(recvCase(c, func(int, bool) { cx = nil }), recvCase(c2, nil), recvCase(d, nil), recvCase(d2, nil))
			if i != 2 && i != 3 {
				t.Errorf("case %d chosen; want a receive from d", i)
			}
			// Check that cx still points to val.
			if cx != &val {
				t.Error("cx no longer points to val")
			} else if val != 42 {
				t.Error("val changed")
			} else {
				*cx = 43
				if val != 43 {
					t.Error("changing *cx failed to change val")
				}
			}
			ready <- true
		}
		go f(ready1, false)
		go f(ready2, true)
		// Let the goroutines get into the select.
		<-ready1
		<-ready2
		time.Sleep(10 * time.Millisecond)
		runtime.GC() // shrink the stacks
		im.close(d)  // wake the selects
		<-ready1
		<-ready2
	})
}

// Ports golang/go src/runtime/chan_test.go TestSelectStress: on two
// unbuffered and two buffered channels, four goroutines send N values each,
// four receive N each, one sends N on each in a single select and one
// receives N on each in a single select, disabling a channel's case (nil)
// once its N are done. Nothing may deadlock. Go uses N = 1e5 (1e4 with
// -short); here 1e4, or less under -race.
func TestGoSelectStress(t *testing.T) {
	forImpls(t, allImpls, func(t *testing.T, im impl) {
		c := [4]tchan{im.newChan(0), im.newChan(0), im.newChan(2), im.newChan(3)}
		N := scale(10000, 2)
		var wg sync.WaitGroup
		for k := range 4 {
			wg.Go(func() {
				for range N {
					im.send(c[k], 0)
				}
			})
			wg.Go(func() {
				for range N {
					im.recv(c[k])
				}
			})
		}
		wg.Go(func() {
			var n [4]int
			c1 := c
			for range 4 * N {
				done := func(k int) func() {
					return func() {
						if n[k]++; n[k] == N {
							c1[k] = tchan{}
						}
					}
				}
				im.sel(sendCase(c1[3], 0, done(3)), sendCase(c1[2], 0, done(2)),
					sendCase(c1[0], 0, done(0)), sendCase(c1[1], 0, done(1)))
			}
		})
		wg.Go(func() {
			var n [4]int
			c1 := c
			for range 4 * N {
				done := func(k int) func(int, bool) {
					return func(int, bool) {
						if n[k]++; n[k] == N {
							c1[k] = tchan{}
						}
					}
				}
				im.sel(recvCase(c1[0], done(0)), recvCase(c1[1], done(1)),
					recvCase(c1[2], done(2)), recvCase(c1[3], done(3)))
			}
		})
		wg.Wait()
	})
}

// Ports golang/go src/runtime/chan_test.go TestNonblockRecvRace: a
// non-blocking select receive from a buffered channel holding a value must
// not take default while another goroutine closes the channel.
func TestGoNonblockRecvRace(t *testing.T) {
	forImpls(t, allImpls, func(t *testing.T, im impl) {
		for range scale(10000, 5) {
			c := im.newChan(1)
			im.send(c, 1)
			done := finishes(func() {
				im.sel(recvCase(c, nil), defaultCase(func() { panic("chan is not ready") }))
			})
			im.close(c)
			im.recv(c)
			if msg := <-done; msg != "" {
				t.Fatal(msg)
			}
		}
	})
}

// Ports golang/go src/runtime/chan_test.go TestNonblockSelectRace: select
// acts on the state of the channels at one moment, not over a smeared
// window. From the moment the selecting goroutine starts, c1 or c2 is
// ready (c2 is made ready before c1 is drained), so its non-blocking select
// must never take default. Go runs 100000 rounds (1000 with -short); here
// 20000, or fewer under -race.
func TestGoNonblockSelectRace(t *testing.T) {
	forImpls(t, allImpls, func(t *testing.T, im impl) {
		done := make(chan bool, 1)
		for range scale(20000, 5) {
			c1, c2 := im.newChan(1), im.newChan(1)
			im.send(c1, 1)
			go func() {
				done <- im.sel(recvCase(c1, nil), recvCase(c2, nil), defaultCase(nil)) != 2
			}()
			im.send(c2, 1)
			im.sel(recvCase(c1, nil), defaultCase(nil))
			if !<-done {
				t.Fatal("no chan is ready: default taken although c1 or c2 was ready at every instant")
			}
		}
	})
}

// Ports golang/go src/runtime/chan_test.go TestNonblockSelectRace2: as
// TestNonblockSelectRace, with close(c2) (c2 unbuffered) in place of a send
// on c2.
func TestGoNonblockSelectRace2(t *testing.T) {
	forImpls(t, allImpls, func(t *testing.T, im impl) {
		done := make(chan bool, 1)
		for range scale(20000, 5) {
			c1, c2 := im.newChan(1), im.newChan(0)
			im.send(c1, 1)
			go func() {
				done <- im.sel(recvCase(c1, nil), recvCase(c2, nil), defaultCase(nil)) != 2
			}()
			im.close(c2)
			im.sel(recvCase(c1, nil), defaultCase(nil))
			if !<-done {
				t.Fatal("no chan is ready: default taken although c1 or c2 was ready at every instant")
			}
		}
	})
}

// Ports golang/go src/runtime/chan_test.go TestSelectFairness: a goroutine
// selects over two idle unbuffered channels and two buffered channels that
// are always ready; each of the two must win about half of the trials (Go
// allows 10 sigma). Priority is left out: it must choose c1 every time
// (semantics_test.go's TestPriorityFirstReadyAlwaysWins).
func TestGoSelectFairness(t *testing.T) {
	forImpls(t, fairImpls, func(t *testing.T, im impl) {
		const trials = 10000
		c1, c2 := im.newChan(trials+1), im.newChan(trials+1)
		for range trials + 1 {
			im.send(c1, 1)
			im.send(c2, 2)
		}
		c3, c4 := im.newChan(0), im.newChan(0)
		out, done := im.newChan(0), im.newChan(0)
		var wg sync.WaitGroup
		wg.Go(func() {
			for {
				var b int
				set := func(v int, _ bool) { b = v }
				im.sel(recvCase(c3, set), recvCase(c4, set), recvCase(c1, set), recvCase(c2, set))
				if im.sel(sendCase(out, b, nil), recvCase(done, nil)) == 1 {
					return
				}
			}
		})
		cnt1, cnt2 := 0, 0
		for range trials {
			switch b, _ := im.recv(out); b {
			case 1:
				cnt1++
			case 2:
				cnt2++
			default:
				t.Fatalf("unexpected value %d on channel", b)
			}
		}
		// Go's test: more than 10 sigma away from trials/2 is unfair.
		const sigma = 50.0 // sqrt(trials)/2
		if d := float64(cnt1) - trials/2; d > 10*sigma || d < -10*sigma {
			t.Errorf("unfair select: in %d trials, results were %d, %d", trials, cnt1, cnt2)
		}
		im.close(done)
		wg.Wait()
	})
}

// Ports golang/go src/runtime/chan_test.go TestPseudoRandomSend: a select
// with two send cases, both always able to proceed, sends each value a fair
// share of the time, on unbuffered and buffered channels.
func TestGoPseudoRandomSend(t *testing.T) {
	forImpls(t, fairImpls, func(t *testing.T, im impl) {
		const n = 100
		for _, chanCap := range []int{0, n} {
			c := im.newChan(chanCap)
			l := make([]int, n)
			var wg sync.WaitGroup
			wg.Go(func() {
				for i := range n {
					runtime.Gosched()
					l[i], _ = im.recv(c)
				}
			})
			for range n {
				im.sel(sendCase(c, 1, nil), sendCase(c, 0, nil))
			}
			wg.Wait()
			n0, n1 := 0, 0
			for _, i := range l {
				n0 += (i + 1) % 2
				n1 += i
			}
			if n0 <= n/10 || n1 <= n/10 {
				t.Errorf("want pseudorandom, got %d zeros and %d ones (chan cap %d)", n0, n1, chanCap)
			}
		}
	})
}

// Ports golang/go src/runtime/chan_test.go TestMultiConsumer, with every
// channel operation a select: 23 workers take work from q (a select with an
// idle second case), perturbing its FIFO-ish order, and put results on r;
// a feeder fills q and closes it, then closes r when the workers are done;
// the count and the sum of results must match. Go uses 271828 items; here
// 20000, or fewer under -race.
func TestGoMultiConsumer(t *testing.T) {
	forImpls(t, allImpls, func(t *testing.T, im impl) {
		const nwork = 23
		niter := scale(20000, 4)
		pn := []int{2, 3, 7, 11, 13, 17, 19, 23, 27, 31}
		q, r := im.newChan(nwork*3), im.newChan(nwork*3)
		idleIn, idleOut := im.newChan(0), im.newChan(0) // never ready: nobody sends to idleIn or receives from idleOut
		var wg sync.WaitGroup
		for w := range nwork {
			wg.Go(func() {
				for {
					var v int
					var ok bool
					im.sel(recvCase(q, func(x int, o bool) { v, ok = x, o }), recvCase(idleIn, nil))
					if !ok {
						return
					}
					if pn[w%len(pn)] == v {
						runtime.Gosched() // mess with the fifo-ish nature of the queue
					}
					im.sel(sendCase(r, v, nil), sendCase(idleOut, v, nil))
				}
			})
		}
		var expect atomic.Int64
		go func() {
			for i := range niter {
				v := pn[i%len(pn)]
				expect.Add(int64(v))
				im.sel(sendCase(q, v, nil))
			}
			im.close(q)
			wg.Wait()
			im.close(r)
		}()
		n, s := 0, 0
		for {
			var v int
			var ok bool
			im.sel(recvCase(r, func(x int, o bool) { v, ok = x, o }))
			if !ok {
				break
			}
			n++
			s += v
		}
		if n != niter || int64(s) != expect.Load() {
			t.Errorf("expected sum %d (got %d) from %d iter (saw %d)", expect.Load(), s, niter, n)
		}
	})
}
