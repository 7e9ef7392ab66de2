// The rest of a batch whose owner a task killed (runtime.Goexit) goes to
// the replacement worker as pending, and stays held (batch.go's rest) until
// the replacement publishes it: a worker that parks, or exits at Close, in
// that window must count it, or, when the replacement's first pending
// task waits for the second, nobody takes it. (Found by a review of the
// stealable batch; both tests failed every run before.)

package pool

import (
	"runtime"
	"testing"
	"time"
)

func TestGoexitLeftoversStayHeld(t *testing.T) {
	startGate := newGate()
	waited := make(chan struct{}, 16)
	setHook(t, func(where string) {
		switch where {
		case "start":
			startGate.stop() // the replacement worker, not yet publishing its pending tasks
		case "wait":
			signal(waited)
		}
	})
	p, gates, result := goexitBatch(t)
	startGate.arm()
	close(gates[0]) // one worker pops its share, [K A B], and K kills it
	await(t, startGate.reached, "the replacement worker's start", p)
	for len(waited) > 0 {
		<-waited
	}
	close(gates[1]) // the other runs the rest of the queue and parks
	await(t, waited, "the other worker to park", p)
	time.Sleep(20 * time.Millisecond)
	startGate.open() // the replacement publishes [A B] and runs A
	if !<-result {
		t.Errorf("B did not run within 2s: the replacement holds it behind A while the other worker sleeps with no timeout\n%s", p.DebugState())
	}
	p.Close()
}

// The same window at Close: the other worker finds the rings drained and
// nothing held, and exits; the replacement then runs A, which waits for B
// behind it, and Close hangs.
func TestGoexitLeftoversStayHeldAtClose(t *testing.T) {
	startGate := newGate()
	setHook(t, func(where string) {
		if where == "start" {
			startGate.stop()
		}
	})
	p, gates, result := goexitBatch(t)
	startGate.arm()
	close(gates[0])
	await(t, startGate.reached, "the replacement worker's start", p)
	closed := make(chan struct{})
	go func() { p.Close(); close(closed) }()
	awaitState(t, func() bool { return p.closed.Load() }, "Close to begin", p)
	close(gates[1])                   // the other worker drains the ring and, seeing nothing held, exits
	time.Sleep(50 * time.Millisecond) // it exits (live 1), or it stays while something is held
	startGate.open()
	if !<-result {
		t.Errorf("B did not run within 2s: the only other worker exited at Close while the replacement held B behind A")
	}
	<-closed
}

// goexitBatch makes a pool of 2 workers, both busy until their gate
// closes, with K, A, B and three empty tasks queued behind them: K calls
// runtime.Goexit, A waits for B and sends on result whether B ran within
// 2s.
func goexitBatch(t *testing.T) (*Pool, [2]chan struct{}, chan bool) {
	t.Helper()
	p, gates := twoBusy(t, Options{Workers: 2})
	bRan := make(chan struct{})
	result := make(chan bool, 1)
	tasks := []func(){
		func() { runtime.Goexit() }, // K: kills the worker that pops the batch
		func() { // A: needs B
			select {
			case <-bRan:
				result <- true
			case <-time.After(2 * time.Second):
				result <- false
			}
		},
		func() { close(bRan) }, // B
		func() {}, func() {}, func() {},
	}
	for _, f := range tasks {
		if err := p.Submit(f); err != nil {
			t.Fatal(err)
		}
	}
	return p, gates, result
}
