// Select workloads: package alt (select/) under producers and consumers.
//
// K = 3 channels of the round's capacity. Producer s sends all its values on
// channel s%K, each through a select: alt.Fair or alt.Priority of the Send
// case and an alt.After (or, on a buffered channel, alt.Default) case that,
// when chosen, makes it retry. Consumers receive through selects over the
// Recv cases of all K channels, Priority or Fair at random, turning a case's
// channel nil once it reports closed, until all are. So a select-send meets
// a select-recv on unbuffered channels, priority and fairness both run, and
// every value still goes through the ledger: one sender uses one FIFO
// channel, so its order holds at every consumer.
//
// Invariants: as chan.go's; a Send case chosen on a closed channel panics,
// and the producer records that value rejected and stops.
package main

import (
	"sync"
	"time"

	"github.com/hoare-go/hoare/mpmc"
	alt "github.com/hoare-go/hoare/select"
)

func init() {
	hooked["select"] = true
	register(Workload{Name: "select/fair-priority", Unbuf: true, Baseline: "native/blocking", Run: selectRound})
}

func selectRound(r *Round) {
	const k = 3
	chans := make([]*mpmc.Chan[msg], k)
	for i := range chans {
		chans[i] = mpmc.New[msg](r.Cap)
	}
	var senders, receivers sync.WaitGroup
	for s := range r.Senders {
		rng := r.rng(s)
		c := chans[s%k]
		senders.Go(func() {
			for seq := range r.PerSender {
				m := r.message(s, seq)
				sent := false
				ok := sendOrPanic(func() {
					for !sent {
						other := alt.After(time.Duration(rng.IntN(50))*time.Microsecond, nil)
						if r.Cap > 0 && rng.IntN(2) == 0 {
							other = alt.Default(nil)
						}
						cases := []alt.Case{alt.Send(c, m, func() { sent = true }), other}
						if rng.IntN(2) == 0 {
							alt.Priority(cases...)
						} else {
							alt.Fair(cases...)
						}
					}
				})
				if !mark(&producer{r: r, s: s}, seq, ok) {
					continue
				}
				return
			}
		})
	}
	for g := range r.Receivers {
		rec, lat, rng := r.Ledger.NewReceiver(), r.NewSamples(), r.rng(100+g)
		receivers.Go(func() {
			live := append([]*mpmc.Chan[msg](nil), chans...)
			open := k
			for open > 0 {
				cases := make([]alt.Case, k)
				for i := range k {
					cases[i] = alt.Recv(live[i], func(m msg, ok bool) {
						if !ok {
							live[i] = nil // closed and drained: never ready again
							open--
							return
						}
						r.got(rec, lat, m)
					})
				}
				if rng.IntN(2) == 0 {
					alt.Priority(cases...)
				} else {
					alt.Fair(cases...)
				}
			}
		})
	}
	closeAll := func() {
		for _, c := range chans {
			c.Close()
		}
	}
	if r.CloseEarly > 0 {
		time.Sleep(r.CloseEarly)
		closeAll()
		senders.Wait()
	} else {
		senders.Wait()
		closeAll()
	}
	receivers.Wait()
}
