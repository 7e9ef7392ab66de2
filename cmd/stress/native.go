// Native: the same producers and consumers on a native chan, the baseline
// for the latency table and a check of the checker (native channels do not
// lose values, so a violation here is the harness's fault). Unlike mpmc's
// rounds, these never close while senders send: that is a data race for
// native channels.
//
// Invariants: as chan.go's, with Go's own channel underneath.
package main

import (
	"runtime"
	"sync"
	"time"
)

func init() {
	register(
		Workload{Name: "native/blocking", Unbuf: true, Run: func(r *Round) { nativeRound(r, false) }},
		Workload{Name: "native/try", Run: func(r *Round) { nativeRound(r, true) }},
	)
}

// nativeRound runs the round on a native chan; try selects with default on
// both sides.
func nativeRound(r *Round, try bool) {
	// A native close racing a send is a data race by Go's rules (the race
	// detector reports it, and the send may panic or not): the baseline
	// closes only after its senders are done.
	r.CloseEarly = 0
	ch := make(chan msg, r.Cap)
	var senders, receivers sync.WaitGroup
	for s := range r.Senders {
		senders.Go(func() {
			for seq := range r.PerSender {
				m := r.message(s, seq)
				ok := sendOrPanic(func() {
					if !try {
						ch <- m
						return
					}
					for {
						select {
						case ch <- m:
							return
						default:
							runtime.Gosched()
						}
					}
				})
				if ok {
					r.Ledger.Accept(s, seq)
				} else {
					r.Ledger.Reject(s, seq)
					return
				}
			}
		})
	}
	for range r.Receivers {
		rec, lat := r.Ledger.NewReceiver(), r.NewSamples()
		receivers.Go(func() {
			for {
				var m msg
				var ok bool
				if try {
					select {
					case m, ok = <-ch:
					default:
						runtime.Gosched()
						continue
					}
				} else {
					m, ok = <-ch
				}
				if !ok {
					return
				}
				r.got(rec, lat, m)
			}
		})
	}
	if r.CloseEarly > 0 {
		time.Sleep(r.CloseEarly)
		close(ch)
	} else {
		senders.Wait()
		close(ch)
	}
	senders.Wait()
	receivers.Wait()
}
