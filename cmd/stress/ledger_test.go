package main

import (
	"strings"
	"testing"
	"time"
)

// verify runs a tiny round: one sender whose sends of seqs 0..n-1 were
// accepted, and receivers getting the given sequences.
func verify(t *testing.T, n int, mayDrop bool, receipts ...[]int) (Result, []Violation) {
	t.Helper()
	l := NewLedger(1, n)
	for seq := range n {
		l.Accept(0, seq)
	}
	for _, got := range receipts {
		r := l.NewReceiver()
		for _, seq := range got {
			r.Got(id(0, seq))
		}
	}
	return l.Verify(mayDrop)
}

func wantViolation(t *testing.T, vs []Violation, invariant string) {
	t.Helper()
	for _, v := range vs {
		if v.Invariant == invariant {
			return
		}
	}
	t.Fatalf("want a %q violation, got %v", invariant, vs)
}

func TestLedgerClean(t *testing.T) {
	res, vs := verify(t, 4, false, []int{0, 2}, []int{1, 3})
	if len(vs) != 0 || res.Received != 4 || res.Accepted != 4 {
		t.Fatalf("clean round: %+v %v", res, vs)
	}
}

func TestLedgerDetectsDuplicate(t *testing.T) {
	_, vs := verify(t, 3, false, []int{0, 1, 2}, []int{1})
	wantViolation(t, vs, "duplicate")
}

func TestLedgerDetectsOutOfOrder(t *testing.T) {
	_, vs := verify(t, 3, false, []int{0, 2, 1})
	wantViolation(t, vs, "order")
}

func TestLedgerDetectsLoss(t *testing.T) {
	_, vs := verify(t, 3, false, []int{0, 2})
	wantViolation(t, vs, "lost")
	if !strings.Contains(vs[0].Detail, "seq 1") {
		t.Fatalf("loss should name seq 1: %v", vs)
	}
}

func TestLedgerCountsDrops(t *testing.T) {
	res, vs := verify(t, 5, true, []int{0, 4})
	if len(vs) != 0 || res.Dropped != 3 {
		t.Fatalf("dropping channel: want 3 drops and no violation, got %+v %v", res, vs)
	}
	_, vs = verify(t, 5, true, []int{0, 4, 4})
	wantViolation(t, vs, "duplicate") // a dropping channel still never duplicates
}

func TestLedgerDetectsPhantom(t *testing.T) {
	l := NewLedger(1, 3)
	l.Accept(0, 0)
	l.Reject(0, 1)
	r := l.NewReceiver()
	r.Got(id(0, 0))
	r.Got(id(0, 1)) // its send said it failed
	_, vs := l.Verify(false)
	wantViolation(t, vs, "phantom")
	r.Got(id(3, 0)) // a sender that does not exist
	_, vs = l.Verify(false)
	wantViolation(t, vs, "phantom")
}

// TestInjectedFaultsCaught: a real mpmc round whose consumers lose,
// duplicate or reorder one value must end in that violation.
func TestInjectedFaultsCaught(t *testing.T) {
	defer func() { inject = "" }()
	stamp, _, _ := clock("mono")
	elapsed := func(t int64) time.Duration { return time.Duration(stamp() - t) }
	for fault, invariant := range map[string]string{"lose": "lost", "dup": "duplicate", "reorder": "order"} {
		inject = fault
		r := newRound(1, 0, Workload{Name: "t", Unbuf: true}, stamp, elapsed)
		r.Cap, r.Policy, r.CloseEarly, r.Senders, r.Receivers, r.PerSender = 7, Block, 0, 1, 1, 500
		r.Ledger = NewLedger(1, 500)
		chanRound(r, newChan(r), sendBlocking, recvBlocking)
		_, vs := r.Ledger.Verify(false)
		wantViolation(t, vs, invariant)
	}
}
