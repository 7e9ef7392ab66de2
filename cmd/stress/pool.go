// Pool workloads: package pool under submitters, with panicking tasks.
//
// A pool of 1-4 workers (pinned in a third of the rounds, NUMA shards in
// another third) with a small queue; each producer submits one task per
// value (Submit, or TrySubmit retried) and each task sends its value into an
// mpmc channel that the consumers drain. About one task in 64 panics on
// purpose instead of sending, and as many call runtime.Goexit, which ends
// their worker (each value is recorded rejected first; Metrics counts both
// as panics). In a third of the rounds the pool is closed while producers still
// submit: Submit then returns ErrClosed and the producer stops, and every
// task accepted before must still run (Close runs what was queued).
//
// Checked beyond the ledger: the pool's Metrics count exactly the panics
// injected, Completed equals Submitted, and the ledger's exactly-once (a
// task that Submit accepted runs exactly once). Tasks run concurrently, so
// no sender order is promised: the consumers' receivers are unordered.
package main

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hoare-go/hoare/mpmc"
	"github.com/hoare-go/hoare/pool"
)

func init() {
	hooked["pool"] = true
	register(Workload{Name: "pool/tasks", Unbuf: true, Run: poolRound})
}

// errInjected is the panic value of the tasks that panic on purpose.
var errInjected = errors.New("stress: injected task panic")

func poolRound(r *Round) {
	rng := r.choices()
	opts := pool.Options{Workers: 1 + rng.IntN(4), QueueSize: 1 + rng.IntN(64)}
	switch rng.IntN(3) {
	case 0:
		opts.Pin = true
	case 1:
		opts.NUMA = true
	}
	r.Note = fmt.Sprintf("pool-workers=%d queue=%d pin=%v numa=%v", opts.Workers, opts.QueueSize, opts.Pin, opts.NUMA)
	p, err := pool.New(opts)
	if err != nil {
		r.Fail(Violation{"pool", fmt.Sprintf("pool.New(%+v): %v", opts, err)})
		return
	}
	c := mpmc.New[msg](r.Cap)
	var injected atomic.Int64
	var senders, receivers sync.WaitGroup
	for s := range r.Senders {
		rng := r.rng(s)
		senders.Go(func() {
			for seq := range r.PerSender {
				m := r.message(s, seq)
				kill := rng.IntN(64) // 0: the task panics; 1: it ends its worker (runtime.Goexit)
				task := func() {
					if kill <= 1 {
						r.Ledger.Reject(s, seq)
						injected.Add(1)
						if kill == 1 {
							runtime.Goexit() // the worker is replaced; the rest of its batch goes to the replacement
						}
						panic(errInjected)
					}
					c.Send(m) // c is closed only after the pool has run every task
					r.Ledger.Accept(s, seq)
				}
				var err error
				if rng.IntN(2) == 0 {
					err = p.Submit(task)
				} else {
					for err = p.TrySubmit(task); err == pool.ErrWouldBlock; err = p.TrySubmit(task) {
						runtime.Gosched()
					}
				}
				if err != nil {
					if err != pool.ErrClosed {
						r.Fail(Violation{"pool", fmt.Sprintf("Submit: %v", err)})
					}
					r.Ledger.Reject(s, seq)
					return
				}
			}
		})
	}
	for range r.Receivers {
		rec, lat := r.Ledger.NewUnorderedReceiver(), r.NewSamples()
		receivers.Go(func() {
			for m := range c.All() {
				r.got(rec, lat, m)
			}
		})
	}
	if r.CloseEarly > 0 {
		time.Sleep(r.CloseEarly)
		if err := p.Close(); err != nil {
			r.Fail(Violation{"pool", fmt.Sprintf("Close: %v", err)})
		}
		senders.Wait()
	} else {
		senders.Wait()
		if err := p.Close(); err != nil {
			r.Fail(Violation{"pool", fmt.Sprintf("Close: %v", err)})
		}
	}
	c.Close()
	receivers.Wait()
	met := p.Metrics()
	r.Panics += injected.Load()
	if met.Panics != uint64(injected.Load()) || met.Completed != met.Submitted {
		r.Fail(Violation{"pool", fmt.Sprintf("metrics after Close: %d panics counted, %d injected; %d completed of %d submitted (options %+v)",
			met.Panics, injected.Load(), met.Completed, met.Submitted, opts)})
	}
}
