// Replays of two lost wake-ups in the submit/park protocol, found with an
// exhaustive model of it: testHook holds one goroutine between two steps, so
// each interleaving happens every run. Each test fails within a few seconds,
// never hangs, if a task stays queued while a worker sleeps.

package pool

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// gate holds the first goroutine that reaches it, once armed, until opened.
type gate struct {
	armed   atomic.Bool
	reached chan struct{} // closed when a goroutine is held here
	opened  chan struct{}
	once    sync.Once
}

func newGate() *gate { return &gate{reached: make(chan struct{}), opened: make(chan struct{})} }

func (g *gate) arm() { g.armed.Store(true) }

// stop holds the caller if the gate is armed and nobody was held yet, and
// reports whether it did.
func (g *gate) stop() bool {
	if !g.armed.CompareAndSwap(true, false) {
		return false
	}
	close(g.reached)
	<-g.opened
	return true
}

func (g *gate) open() { g.once.Do(func() { close(g.opened) }) }

// signal sends on ch if it has room: a hook must never block on a count.
func signal(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}

// wakeTimeout bounds every wait of these tests: the steps take microseconds.
const wakeTimeout = 5 * time.Second

// await fails the test unless ch delivers within wakeTimeout.
func await[T any](t *testing.T, ch <-chan T, what string, p *Pool) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(wakeTimeout):
		t.Fatalf("timed out after %v waiting for %s\n%s", wakeTimeout, what, p.DebugState())
		panic("unreachable")
	}
}

// awaitState fails the test unless the pool reaches the state cond checks
// within wakeTimeout (polled every millisecond).
func awaitState(t *testing.T, cond func() bool, what string, p *Pool) {
	t.Helper()
	for deadline := time.Now().Add(wakeTimeout); !cond(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s\n%s", wakeTimeout, what, p.DebugState())
		}
	}
}

// setHook installs h as testHook until the test ends (after the cleanups
// registered later, such as Close, have run).
func setHook(t *testing.T, h func(string)) {
	testHook = h
	t.Cleanup(func() { testHook = nil })
}

// The spinner that backs out of parking passes the look on: submitters that
// saw it spinning left their tasks to it, and it may take only one of them.
//
// The interleaving (two workers, two tasks that hold their workers): A is
// asleep on the idle stack; B spins, finds nothing, and is about to park,
// still counted in Pool.spinning. The submitter pushes T1 and T2 and each
// time sees idle == 1 and spinning == 1, so leaves the task to the spinner.
// B drops the role, pushes itself, re-checks, sees the tasks, backs out and
// pops T1 (its share: one of two). Without the role it does not run the
// spinner's hand-off (the last spinner to find work wakes the next when more
// is queued), so it runs T1 and nobody wakes A for T2: the hang once seen
// in TestPinnedWorkersAreBound.
func TestSpinnerThatBacksOutWakesNext(t *testing.T) {
	for _, pin := range []bool{false, true} {
		t.Run(map[bool]string{false: "unpinned", true: "pinned"}[pin], func(t *testing.T) {
			held := newGate()
			asleep := make(chan struct{})
			var parks atomic.Int32
			var asleepOnce sync.Once
			setHook(t, func(where string) {
				switch where {
				case "wait":
					asleepOnce.Do(func() { close(asleep) })
				case "park":
					if parks.Add(1) == 2 { // the second worker to give up spinning...
						<-asleep    // ...once the first is asleep
						held.stop() // is held before dropping its role
					}
				}
			})
			held.arm()
			p, err := New(Options{Workers: 2, Pin: pin})
			if err != nil {
				t.Fatal(err)
			}
			release := make(chan struct{})
			t.Cleanup(func() {
				close(release)
				held.open()
				p.Close()
			})

			await(t, held.reached, "a worker to be held before parking", p)
			if s, i := p.spinning.Load(), p.idle.Load(); s != 1 || i != 1 {
				t.Fatalf("set-up: spinning %d, idle %d; want 1 and 1", s, i)
			}
			started := make(chan int, 2)
			for i := range 2 {
				if err := p.Submit(func() { started <- i; <-release }); err != nil {
					t.Fatal(err)
				}
			}
			held.open() // B parks, backs out, takes T1
			for range 2 {
				await(t, started, "both tasks to start (lost wake-up: a task is queued, a worker asleep)", p)
			}
		})
	}
}

// A waker that took the spinning role and found nobody to hand it to
// re-checks the queues after dropping it: a submitter may have seen the role
// and left its task to a spinner that does not exist.
//
// The interleaving (two workers; task A holds its worker): both workers are
// asleep. G submits A, sees idle == 2 and spinning == 0, takes the role
// (spinning = 1) and is held before wakeOne. Meanwhile both workers leave the
// idle stack (here through Resize's wakeAll; in the model, one backed out of
// parking on its own): X runs A, Y spins and is held before parking. G's
// wakeOne finds the stack empty; G is held again before dropping the role.
// Y drops its role, parks, re-checks (nothing queued) and sleeps. The test
// submits T: idle == 1, spinning == 1 (G's unused role), so it wakes nobody.
// G drops the role and returns: T stays queued, Y sleeps, X is in A.
func TestUnusedWakeRoleRechecks(t *testing.T) {
	parkGate, wakeGate, noneGate := newGate(), newGate(), newGate()
	asleep := make(chan struct{}, 64)
	setHook(t, func(where string) {
		switch where {
		case "wait":
			signal(asleep)
		case "park":
			parkGate.stop()
		case "wake":
			wakeGate.stop()
		case "wake.none":
			noneGate.stop()
		}
	})
	p, err := New(Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	release := make(chan struct{})
	gDone := make(chan struct{})
	t.Cleanup(func() {
		close(release)
		for _, g := range []*gate{parkGate, wakeGate, noneGate} {
			g.open()
		}
		<-gDone
		p.Close()
	})

	for range 2 {
		await(t, asleep, "both workers to park", p)
	}
	parkGate.arm()
	wakeGate.arm()
	noneGate.arm()
	started := make(chan string, 2)
	go func() { // G
		defer close(gDone)
		if err := p.Submit(func() { started <- "A"; <-release }); err != nil {
			t.Error(err)
		}
	}()
	await(t, wakeGate.reached, "G to take the spinning role", p)
	if err := p.Resize(2); err != nil { // wakeAll: the idle stack empties
		t.Fatal(err)
	}
	if got := await(t, started, "A to start", p); got != "A" {
		t.Fatalf("started %s; want A", got)
	}
	await(t, parkGate.reached, "the other worker to give up spinning", p)
	wakeGate.open()
	await(t, noneGate.reached, "G to find nobody to wake", p)
	parkGate.open()
	await(t, asleep, "the other worker to park again", p)
	if s, i := p.spinning.Load(), p.idle.Load(); s != 1 || i != 1 {
		t.Fatalf("set-up: spinning %d, idle %d; want 1 (G's) and 1", s, i)
	}
	if err := p.Submit(func() { started <- "T"; <-release }); err != nil {
		t.Fatal(err)
	}
	noneGate.open()
	await(t, gDone, "G's Submit to return", p)
	if got := await(t, started, "T to start (lost wake-up: a task is queued, a worker asleep)", p); got != "T" {
		t.Fatalf("started %s; want T", got)
	}
}

// A spinner that retires instead of parking (Resize down) passes its look on
// with the spinning role: submitters that saw it spinning left their tasks
// to it, and a worker woken without the role takes only its share of them
// and wakes nobody for the rest.
//
// The interleaving (three workers, then Resize(2); two tasks that hold their
// workers): R spins and is held before giving up its role. A and B give up
// theirs, see live == target == 3 (no surplus), and are held before going on
// the idle stack. Resize(2) sets target = 2; its wakeAll finds nobody. A and
// B go on the stack, re-check the queues (empty) and are held before
// comparing live with target. The submitter pushes T1 and T2 and each time
// sees idle == 2 and spinning == 1 (R's), so wakes nobody. R drops its role,
// sees live 3 > target 2, retires (live = 2), sees the tasks and wakes the
// top of the stack. A and B now see live == target and sleep; the woken one
// pops its share (2 queued, live 2: one) and runs T1. Without the role it
// does not wake the other for T2.
func TestRetireHandsOnRole(t *testing.T) {
	parkGate := newGate()
	pushGates := []*gate{newGate(), newGate()}
	recheckGates := []*gate{newGate(), newGate()}
	all := append([]*gate{parkGate}, append(pushGates, recheckGates...)...)
	stopFirst := func(gs []*gate) { // the first gate still armed holds the caller
		for _, g := range gs {
			if g.stop() {
				return
			}
		}
	}
	asleep := make(chan struct{}, 64)
	setHook(t, func(where string) {
		switch where {
		case "wait":
			signal(asleep)
		case "park":
			parkGate.stop()
		case "push":
			stopFirst(pushGates)
		case "recheck":
			stopFirst(recheckGates)
		}
	})
	p, err := New(Options{Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	release := make(chan struct{})
	t.Cleanup(func() {
		close(release)
		for _, g := range all {
			g.open()
		}
		p.Close()
	})

	for range 3 {
		await(t, asleep, "the workers to park", p)
	}
	for _, g := range all {
		g.arm()
	}
	if err := p.Resize(3); err != nil { // wakeAll: the three spin again
		t.Fatal(err)
	}
	await(t, parkGate.reached, "R to be held, still spinning", p)
	for _, g := range pushGates {
		await(t, g.reached, "A and B to be held before announcing", p)
	}
	if s, i := p.spinning.Load(), p.idle.Load(); s != 1 || i != 0 {
		t.Fatalf("set-up: spinning %d, idle %d; want 1 (R's) and 0", s, i)
	}
	if err := p.Resize(2); err != nil { // target 2; its wakeAll finds nobody
		t.Fatal(err)
	}
	for _, g := range pushGates {
		g.open()
	}
	for _, g := range recheckGates {
		await(t, g.reached, "A and B to be held after re-checking the queues", p)
	}
	started := make(chan int, 2)
	for i := range 2 {
		if err := p.Submit(func() { started <- i; <-release }); err != nil {
			t.Fatal(err)
		}
	}
	if s, i := p.spinning.Load(), p.idle.Load(); s != 1 || i != 2 {
		t.Fatalf("set-up: spinning %d, idle %d; want 1 (R's) and 2", s, i)
	}
	parkGate.open() // R retires and wakes one of A and B
	awaitState(t, func() bool { return p.live.Load() == 2 && p.idle.Load() == 1 }, "R to retire and wake one worker", p)
	for _, g := range recheckGates { // both see live == target and wait
		g.open()
	}
	for range 2 {
		await(t, started, "both tasks to start (lost wake-up: a task is queued, a worker asleep)", p)
	}
}

// A worker's share of a backlog counts the workers the pool is growing back
// to, not only those alive at the moment: otherwise the first worker grown
// after idle expiry takes the whole backlog as its batch, and a task waits
// behind a blocking one while a second worker, grown a moment later, finds
// nothing and parks.
//
// The interleaving (two workers, idle timeout; found by the model): both
// workers expire. Submit(T0) grows W1, with the spinning role, held before
// its first look. A second submitter pushes T1 and, seeing the role, leaves
// it to W1. W1 looks: two tasks queued and one worker live, so with a share
// of 1/live it would take both and run T0, which holds it, with T1 behind
// it in its batch and nobody to grow W2. (Before grown workers carried the
// role, the second submitter grew W2 itself, which then found nothing.)
func TestShareCountsWorkersToCome(t *testing.T) {
	startGate := newGate()
	setHook(t, func(where string) {
		if where == "start" {
			startGate.stop()
		}
	})
	p, err := New(Options{Workers: 2, IdleTimeout: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	release := make(chan struct{})
	t.Cleanup(func() {
		close(release)
		startGate.open()
		p.Close()
	})
	awaitState(t, func() bool { return p.live.Load() == 0 }, "the workers to expire (set-up)", p)
	started := make(chan string, 2)
	startGate.arm()
	if err := p.Submit(func() { started <- "T0"; <-release }); err != nil {
		t.Fatal(err)
	}
	await(t, startGate.reached, "W1 to start", p)
	if err := p.Submit(func() { started <- "T1"; <-release }); err != nil {
		t.Fatal(err)
	}
	if s, l := p.spinning.Load(), p.live.Load(); s != 1 || l != 1 {
		t.Fatalf("set-up: spinning %d, live %d; want W1's role, and W1", s, l)
	}
	startGate.open() // W1 looks at T0 and T1 with one worker live
	first := await(t, started, "a task to start", p)
	second := await(t, started, "both tasks to start (one waits behind the other in W1's batch)", p)
	if first == second { // W1 runs T0 and grows W2 for T1, which may start first
		t.Fatalf("started %s twice", first)
	}
}

// A worker started by grow (after idle expiry) carries on the spinning
// hand-off: submitters that saw a spinner left their tasks to it, and the
// chain of "last spinner wakes the next" ended when a waker found no idle
// worker and grew one that was not a spinner (found by a review).
//
// The interleaving (target 4, two workers expired, two H1 H2 parked): the
// submitter pushes T1..T4 (each holds its worker). T1's wake takes the role
// and wakes the top of the idle stack; T2..T4 see idle == 1 and spinning ==
// 1 and leave their tasks to the spinner. The woken worker pops T1 and, as
// the last spinner, wakes the other parked one (role handed over), which pops
// T2 and, finding nobody idle, grows W3 -- without the role. W3 pops T3 and
// wakes nobody: T4 stays queued with live 3 < target 4 and nobody looking.
func TestGrownWorkerCarriesRole(t *testing.T) {
	gates := []*gate{newGate(), newGate()}
	setHook(t, func(where string) {
		if where == "wait" {
			for _, g := range gates {
				if g.stop() {
					return
				}
			}
		}
	})
	for _, g := range gates {
		g.arm()
	}
	p, err := New(Options{Workers: 4, IdleTimeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	release := make(chan struct{})
	t.Cleanup(func() {
		close(release)
		for _, g := range gates {
			g.open()
		}
		p.Close()
	})
	for _, g := range gates {
		await(t, g.reached, "two workers to be held on the idle stack", p)
	}
	awaitState(t, func() bool { return p.live.Load() == 2 }, "the two other workers to expire", p)
	if s, i := p.spinning.Load(), p.idle.Load(); s != 0 || i != 2 {
		t.Fatalf("set-up: spinning %d, idle %d; want 0 and 2", s, i)
	}
	started := make(chan int, 4)
	for i := range 4 {
		if err := p.Submit(func() { started <- i; <-release }); err != nil {
			t.Fatal(err)
		}
	}
	for _, g := range gates {
		g.open()
	}
	for range 4 {
		await(t, started, "all four tasks to start (T4 queued, live < target, nobody grows a worker for it)", p)
	}
}
