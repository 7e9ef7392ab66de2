// Fan-out workloads: package flow's Mult, Pub and Multicast. A Mult's or a
// Pub's delivery (flow's fanout) hands each value to every tap with TrySend
// or SendAsync and goes idle and busy without a lock; a Pub whose context
// can never be done routes runs of values, holding a topic between them and
// handing a topic of one subscriber its share with one TrySendMany; a
// Multicast's taps read one ring, announcing their moves with
// store-releases to a writer that waits for the slowest.
//
// Every sender sends into one shared source channel, closed once they are
// all done. In a quarter of the rounds each, a Mult copies it to one tap
// per receiver, each of its own capacity, or a Multicast of a drawn size to
// one MulticastTap per receiver: receiver i checks every sender's order in
// all it gets, and records in the ledger only the values of the senders s
// with s % receivers == i, so each value is counted once while every tap
// still takes every value. In the other half a Pub routes sender s's values
// to topic s % receivers, with a topic buffer drawn per round, and receiver
// i subscribes to topic i: each value reaches exactly one receiver; in half
// of those the Pub's context is never done (it takes runs). In a third of
// the rounds the context is canceled at a random moment, as in flow.go:
// values in flight are discarded (Round.MayDrop), nothing else may be
// lost, duplicated or reordered, and every goroutine must end (the
// senders', and the Mult's, Pub's or Multicast's when its context is the
// canceled one).
//
// Invariants: the round returns once the senders are done, the source is
// closed and every receiver has seen its tap closed (a Mult or Pub closes
// its close == true taps when the source is drained or ctx is done), so
// the Mult's or Pub's own goroutine is at its last step.
package main

import (
	"context"
	"fmt"
	"iter"
	"sync"

	"github.com/hoare-go/hoare/flow"
	"github.com/hoare-go/hoare/mpmc"
)

func init() {
	register(Workload{Name: "flow/mult-pub", Unbuf: true, Baseline: "native/blocking", Run: fanoutRound})
}

// tapCaps are the capacities a tap or subscription is drawn from.
var tapCaps = []int{0, 1, 7, 64}

func fanoutRound(r *Round) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rng := r.choices()
	src := mpmc.New[msg](r.Cap)
	taps := make([]iter.Seq[msg], r.Receivers) // what receiver i ranges over
	chans := func() []*mpmc.Chan[msg] {
		cs := make([]*mpmc.Chan[msg], r.Receivers)
		for i := range cs {
			cs[i] = mpmc.New[msg](tapCaps[rng.IntN(len(tapCaps))])
			taps[i] = cs[i].All()
		}
		return cs
	}
	// owned reports whether receiver i records sender s's values.
	owned := func(i, s int) bool { return s%r.Receivers == i }
	switch mode := rng.IntN(4); mode {
	case 0:
		r.Note = "mult"
		m := flow.NewMult(ctx, src)
		for _, t := range chans() {
			m.Tap(t, true)
		}
	case 1:
		size := []int{1, 4, 64}[rng.IntN(3)]
		r.Note = fmt.Sprintf("multicast size=%d", size)
		m := flow.NewMulticast(ctx, src, size)
		for i := range taps {
			taps[i] = m.Tap().All()
		}
	default:
		buf := rng.IntN(9)
		pctx := ctx
		r.Note = fmt.Sprintf("pub topic-buf=%d", buf)
		if mode == 3 { // a ctx never done: the Pub takes runs
			pctx = context.Background()
			r.Note += " runs"
		}
		p := flow.NewPub(pctx, src, func(m msg) int {
			s, _ := split(m.id)
			return s % r.Receivers
		}, func(int) int { return buf })
		for i, t := range chans() {
			p.Sub(i, t, true)
		}
	}

	var senders, receivers sync.WaitGroup
	for s := range r.Senders {
		senders.Go(func() {
			for seq := range r.PerSender {
				m := r.message(s, seq)
				if err := src.SendContext(ctx, m); err != nil {
					r.Ledger.Reject(s, seq)
					return
				}
				r.Ledger.Accept(s, seq)
			}
		})
	}
	for i, t := range taps {
		rec, lat := r.Ledger.NewReceiver(), r.NewSamples()
		receivers.Go(func() {
			last := make([]int, r.Senders) // every sender's order, owned or not
			for s := range last {
				last[s] = -1
			}
			failed := false
			for m := range t { // drained to the end, even after a failure: the Mult waits for every tap
				s, seq := split(m.id)
				if s < len(last) && seq <= last[s] && !failed {
					failed = true
					r.Fail(Violation{"order", fmt.Sprintf("tap %d: sender %d seq %d after seq %d", i, s, seq, last[s])})
				}
				if s < len(last) {
					last[s] = max(last[s], seq)
				}
				if owned(i, s) {
					r.got(rec, lat, m)
				}
			}
		})
	}
	r.cancelEarly(cancel)
	senders.Wait()
	src.Close()
	receivers.Wait()
}
