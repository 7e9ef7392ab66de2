// Tests of the batch (batch.go): a task popped into a busy worker's batch
// does not wait there while another worker idles, and every task of a
// batch runs exactly once however owner and thieves race for it.

package pool

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// With 2 workers both busy and 4 tasks queued, the first worker to finish
// pops its share, 2 tasks: T1 and T2. T1 waits for T2. The other worker then
// finishes, runs T3 and T4, and would park with T2 still in the first
// worker's batch behind T1: a deadlock that a pool taking one task at a
// time (a chan of funcs) does not have. The idle worker must take T2.
// (Found by a review; it failed every run before batch.go.)
func TestIdleWorkerTakesHeldTask(t *testing.T) {
	for _, o := range []Options{{Workers: 2}, {Workers: 2, Pin: true}} {
		p, gate := twoBusy(t, o)
		t2ran := make(chan struct{})
		result := make(chan bool, 1)
		tasks := []func(){
			func() { // T1: needs T2 to have run
				select {
				case <-t2ran:
					result <- true
				case <-time.After(5 * time.Second):
					result <- false
				}
			},
			func() { close(t2ran) }, // T2
			func() {},               // T3
			func() {},               // T4
		}
		for _, f := range tasks {
			if err := p.Submit(f); err != nil {
				t.Fatal(err)
			}
		}
		close(gate[0]) // one worker finishes and pops its share of the 4
		time.Sleep(20 * time.Millisecond)
		close(gate[1]) // the other finishes, runs what is left, and looks again
		if !<-result {
			t.Fatalf("%+v: T2 did not run within 5s although the other worker was idle: it stayed in the batch of the worker running T1", o)
		}
		// The thief parked with a timeout beside the held batch; parked
		// again without one (no IdleTimeout), it must stay: a timer left
		// armed from the timed park once made it expire at once.
		for deadline := time.Now().Add(5 * time.Second); p.Metrics().Idle != 2; time.Sleep(time.Millisecond) {
			if m := p.Metrics(); m.Workers != 2 || time.Now().After(deadline) {
				t.Fatalf("%+v: after the tasks, %d workers, %d idle; want 2 and 2", o, m.Workers, m.Idle)
			}
		}
		time.Sleep(5 * heldWait)
		if m := p.Metrics(); m.Workers != 2 {
			t.Fatalf("%+v: %d workers a while after all parked; want 2: a worker expired with no IdleTimeout", o, m.Workers)
		}
		if err := p.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// Chains of tasks in which the first waits for the last, submitted one
// chain at a time in a burst, on pools whose workers pop batches, so that
// the chain's last task often lands in the batch of the worker that runs
// its first, and an idle worker must steal it: every task runs exactly
// once and every chain finishes. It fails if no steal happened, so that it
// cannot pass by not testing the steal. (One chain at a time: with every
// worker waiting on a task in its own batch, nobody would be idle to
// steal; see Submit.)
func TestHeldTasksRunOnce(t *testing.T) {
	var steals atomic.Int64
	setHook(t, func(where string) {
		if where == "steal" {
			steals.Add(1)
		}
	})
	for _, o := range []Options{
		{Workers: 2},
		{Workers: 3, QueueSize: 16},
		{Workers: 4, NUMA: true, SysfsRoot: "testdata/two-nodes"},
		{Workers: 2, Pin: true},
	} {
		p, err := New(o)
		if err != nil {
			t.Fatal(err)
		}
		for c := range 200 {
			length := 2 + c%15
			ran := make([]atomic.Int32, length)
			last := make(chan struct{})
			var wg sync.WaitGroup
			wg.Add(length)
			for k := range length {
				task := func() { ran[k].Add(1); wg.Done() }
				switch k {
				case 0: // waits for the chain's last task
					task = func() {
						select {
						case <-last:
						case <-time.After(10 * time.Second):
							t.Errorf("%+v: chain %d: its last task did not run within 10s", o, c)
						}
						ran[k].Add(1)
						wg.Done()
					}
				case length - 1:
					task = func() { close(last); ran[k].Add(1); wg.Done() }
				}
				if err := p.Submit(task); err != nil {
					t.Fatal(err)
				}
			}
			wg.Wait()
			for k := range ran {
				if n := ran[k].Load(); n != 1 {
					t.Fatalf("%+v: chain %d: task %d ran %d times", o, c, k, n)
				}
			}
		}
		if err := p.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if steals.Load() == 0 {
		t.Fatal("no worker stole from another's batch: the test did not test it")
	}
	t.Logf("%d steals", steals.Load())
}

// twoBusy makes a pool of two workers (o.Workers is 2) and keeps both busy
// until their gate closes.
func twoBusy(t *testing.T, o Options) (*Pool, [2]chan struct{}) {
	t.Helper()
	p, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	gates := [2]chan struct{}{make(chan struct{}), make(chan struct{})}
	started := make(chan struct{}, 2)
	for i := range 2 {
		if err := p.Submit(func() { started <- struct{}{}; <-gates[i] }); err != nil {
			t.Fatal(err)
		}
	}
	<-started
	<-started
	return p, gates
}
