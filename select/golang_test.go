// golang_test: Go's own select tests, ported to package alt and run, through
// a small adapter, against native select too.
//
// Source: golang/go test/chan/select.go, select2.go, select3.go, select4.go,
// select5.go (as a generated table), select6.go, select7.go,
// doubleselect.go, nonblock.go, sendstmt.go, and src/runtime/chan_test.go
// (TestSelfSelect, TestSelectDuplicateChannel, TestSelectStress,
// TestNonblockRecvRace, TestNonblockSelectRace, TestNonblockSelectRace2,
// TestSelectFairness, TestPseudoRandomSend, TestMultiConsumer), in the
// manner of crossbeam-channel's tests/golang.rs. Each test names the file
// and the test it ports; where the port departs from the original (fewer
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
	"fmt"
	"reflect"
	"runtime"
	"runtime/debug"
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
