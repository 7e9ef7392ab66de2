// Ledger: the bookkeeping that proves every value was delivered exactly once
// and in each sender's order.
//
// A value names its sender and its sequence number (id = sender<<32 | seq).
// Each sender marks in the ledger whether each send was accepted (the send
// returned success, or a SendAsync callback said ok) or rejected (closed,
// canceled, or the callback said !ok). Each receiver keeps its own list of
// the ids it got, and checks on the spot that, from any one sender, the
// sequence numbers it sees increase. Verify, after every goroutine of the
// round is done, counts receipts per id.
//
// Invariants checked (each a named violation):
//   - order:     from one sender, one receiver sees increasing seq.
//   - duplicate: no id received twice.
//   - phantom:   no id received that its sender never sent or saw rejected.
//   - lost:      every accepted id received, unless the channel may drop
//     (Dropping, Sliding), in which case the shortfall is counted as drops.
//
// Invariants of the ledger itself: status[s][seq] is written by sender s (or
// by the callback of its SendAsync) before the round's WaitGroup is done;
// Verify reads it after, so it sees the final status.
package main

import (
	"fmt"
	"sync/atomic"
)

// Status of one send.
const (
	unsent   = 0
	accepted = 1
	rejected = 2
)

// id packs sender and sequence number.
func id(sender, seq int) uint64 { return uint64(sender)<<32 | uint64(uint32(seq)) }

func split(v uint64) (sender, seq int) { return int(v >> 32), int(uint32(v)) }

// Violation is one broken invariant.
type Violation struct {
	Invariant string // order, duplicate, phantom, lost, goroutines, heap, idle-cpu, liveness
	Detail    string
}

func (v Violation) String() string { return v.Invariant + ": " + v.Detail }

// Ledger records one round's sends and receipts.
type Ledger struct {
	status    [][]atomic.Uint32 // [sender][seq]: unsent, accepted or rejected
	receivers []*Receiver
}

// NewLedger returns a ledger for senders senders of at most perSender values each.
func NewLedger(senders, perSender int) *Ledger {
	l := &Ledger{status: make([][]atomic.Uint32, senders)}
	for s := range l.status {
		l.status[s] = make([]atomic.Uint32, perSender)
	}
	return l
}

// Accept records that sender's send of seq succeeded.
func (l *Ledger) Accept(sender, seq int) {
	l.status[sender][seq].Store(accepted) // read by Verify after the round's Wait
}

// Reject records that sender's send of seq failed (closed, canceled).
func (l *Ledger) Reject(sender, seq int) {
	l.status[sender][seq].CompareAndSwap(unsent, rejected) // a retry may have been accepted already
}

// Receiver is one receiving goroutine's record. It is not safe for
// concurrent use: a callback-driven receiver serialises its callbacks.
type Receiver struct {
	unordered bool // no order to check: values reach it through concurrent tasks
	got       []uint64
	last      []int // last seq seen per sender, -1 before any
	problems  []Violation
}

// NewReceiver returns the record of one more receiver.
func (l *Ledger) NewReceiver() *Receiver {
	r := &Receiver{last: make([]int, len(l.status))}
	for i := range r.last {
		r.last[i] = -1
	}
	l.receivers = append(l.receivers, r)
	return r
}

// NewUnorderedReceiver is NewReceiver for a receiver whose values come
// through concurrent tasks (a pool), where no sender order is promised.
func (l *Ledger) NewUnorderedReceiver() *Receiver {
	r := l.NewReceiver()
	r.unordered = true
	return r
}

// Got records a receipt and checks the sender's order at once.
func (r *Receiver) Got(v uint64) {
	s, seq := split(v)
	if s >= len(r.last) {
		r.problems = append(r.problems, Violation{"phantom", fmt.Sprintf("value %#x names sender %d of %d", v, s, len(r.last))})
		return
	}
	if seq <= r.last[s] && !r.unordered && len(r.problems) < 10 {
		r.problems = append(r.problems, Violation{"order", fmt.Sprintf("sender %d: seq %d received after seq %d", s, seq, r.last[s])})
	}
	r.last[s] = max(r.last[s], seq)
	r.got = append(r.got, v)
}

// Result is what Verify counted.
type Result struct {
	Accepted, Received, Dropped int
}

// Verify checks the round once everyone is done. mayDrop says whether the
// channel's policy may discard accepted values.
func (l *Ledger) Verify(mayDrop bool) (Result, []Violation) {
	var res Result
	var vs []Violation
	add := func(v Violation) {
		if len(vs) < 10 {
			vs = append(vs, v)
		}
	}
	counts := make([][]uint8, len(l.status))
	for s := range counts {
		counts[s] = make([]uint8, len(l.status[s]))
	}
	for _, r := range l.receivers {
		for _, p := range r.problems {
			add(p)
		}
		for _, v := range r.got {
			s, seq := split(v)
			if s >= len(counts) || seq >= len(counts[s]) {
				add(Violation{"phantom", fmt.Sprintf("value sender %d seq %d was never sent", s, seq)})
				continue
			}
			res.Received++
			if counts[s][seq]++; counts[s][seq] == 2 {
				add(Violation{"duplicate", fmt.Sprintf("sender %d seq %d received twice", s, seq)})
			}
		}
	}
	for s := range l.status {
		for seq := range l.status[s] {
			st, n := l.status[s][seq].Load(), counts[s][seq]
			switch {
			case st == accepted:
				res.Accepted++
				if n == 0 {
					if mayDrop {
						res.Dropped++
					} else {
						add(Violation{"lost", fmt.Sprintf("sender %d seq %d was sent (accepted) and never received", s, seq)})
					}
				}
			case n > 0:
				what := "never sent"
				if st == rejected {
					what = "sent, but its send reported failure"
				}
				add(Violation{"phantom", fmt.Sprintf("sender %d seq %d received, yet it was %s", s, seq, what)})
			}
		}
	}
	return res, vs
}
