// Flow workloads: package flow's combinators as a graph under load.
//
// Each producer sends its values into its own channel; a Pipe per producer
// forwards them to a second channel; Merge joins those; a Pipeline of 1-3
// workers passes them on (identity, in input order) to the output channel
// the consumers drain. Every stage keeps one producer's order, so the
// ledger's order check holds at every consumer. In a third of the rounds
// the graph's context is canceled at a random moment: producers (using
// SendContext) stop, every process must end, and no goroutine may be left
// (the driver's goroutine check); values in flight at the cancel are
// discarded by design and counted as drops (Round.MayDrop), while
// duplicates and reordering still fail.
//
// Invariants: the graph closes out (Pipeline with close == true) once every
// input is closed and drained, or once ctx is done; the round waits for
// Pipeline's done channel before returning.
package main

import (
	"context"
	"sync"

	"github.com/hoare-go/hoare/flow"
	"github.com/hoare-go/hoare/mpmc"
)

func init() {
	hooked["flow"] = true
	register(Workload{Name: "flow/pipe-merge-pipeline", Unbuf: true, Baseline: "native/blocking", Run: flowRound})
}

func flowRound(r *Round) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rng := r.choices()
	ins := make([]*mpmc.Chan[msg], r.Senders)
	mids := make([]*mpmc.Chan[msg], r.Senders)
	for s := range ins {
		ins[s] = mpmc.New[msg](r.Cap)
		mids[s] = flow.Pipe(ctx, ins[s], mpmc.New[msg](r.Cap), true)
	}
	merged := flow.Merge(ctx, mids, r.Cap)
	out := mpmc.New[msg](r.Cap)
	workers := 1 + rng.IntN(3)
	r.Note = "pipeline-workers=" + string(rune('0'+workers))
	done := flow.Pipeline(ctx, workers, out, func(m msg, emit func(msg)) error {
		emit(m)
		return nil
	}, merged, true, nil)

	var senders, receivers sync.WaitGroup
	for s := range r.Senders {
		senders.Go(func() {
			defer ins[s].Close() // the producer owns its input: closing it ends the graph's branch
			for seq := range r.PerSender {
				m := r.message(s, seq)
				if err := ins[s].SendContext(ctx, m); err != nil {
					r.Ledger.Reject(s, seq)
					return
				}
				r.Ledger.Accept(s, seq)
			}
		})
	}
	for range r.Receivers {
		rec, lat := r.Ledger.NewReceiver(), r.NewSamples()
		receivers.Go(func() {
			for m := range out.All() {
				r.got(rec, lat, m)
			}
		})
	}
	r.cancelEarly(cancel)
	senders.Wait()
	receivers.Wait()
	done.Recv() // closed when the Pipeline has finished
}
