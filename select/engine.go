// engine: the one select engine behind Priority, Fair and Selector.
//
// Source: the shape of Go's runtime/select.go (three labelled passes) with
// crossbeam-channel's commit rule (register on every channel, commit with
// one CAS on shared select state, unregister the losers). Priority and
// fairness differ only in the order of the polls: argument order, or a
// fresh random permutation.
//
//	pass 1 - poll every case in order; the first that can complete, does.
//	         With a Default, "nothing ready" must hold at one instant:
//	         each look reads the channel's version first (Op.Peek), the
//	         versions are read again after the polls, and if any moved,
//	         the polls run again. (A Fair select with a Default first
//	         looks without polling, and shuffles only if a case is ready.)
//	         Without one, each look is the case's Poll alone (take).
//	pass 2 - register one park.Waiter on every channel case, in poll
//	         order, each followed at once by a last look at it (Register
//	         does both): if one became ready, register no further, withdraw
//	         (Abort) and go back to pass 1. Otherwise park, after one yield
//	         (park.Spin). Looking at each case right after it is queued,
//	         before the next is, is what keeps Priority's promise while the
//	         select registers: an operation that readies an earlier case
//	         either is seen by that case's look or finds its entry and
//	         commits the select to it, so a later case's partner can never
//	         commit the select beside an earlier case ready all along.
//	pass 3 - unregister from every channel but the winner, then complete
//	         the winner: a rendezvous was handed over through its entry, a
//	         buffer's wake-up means "retry" (if the retry loses to another
//	         goroutine, back to pass 1).
//
// Invariants:
//   - The Waiter is selected at most once per round (its CAS), by a channel
//     operation, an After timer or a Done context, or withdrawn by us.
//   - No lock is held while parked; no goroutine is started per case.
//   - Every Register of a round is matched by one Finish in pass 3 (the
//     cases registered are order[:registered]), and the Waiter is reset
//     only after that, so no waker can touch a recycled Waiter.
package alt

import (
	"context"
	"fmt"
	"time"

	"github.com/hoare-go/hoare/internal/park"
	"github.com/hoare-go/hoare/internal/sel"
)

// scratch is the per-select working memory: a plain call keeps it on the
// stack for up to inline cases, a Selector keeps it for reuse. It is passed
// by value, and what run keeps between calls is in a separate keep, so
// that escape analysis can leave a plain call's arrays on the stack.
type scratch struct {
	order    []int    // the poll order
	tokens   []any    // entries returned by Register, by case index
	versions []uint64 // channel versions, for a select with a Default
}

// keep is what a Selector keeps between runs.
type keep struct {
	plan  plan         // read off its cases once
	w     *park.Waiter // the Selector's own Waiter
	timer *time.Timer  // After's timer
	rand  wyrand       // Fair's random numbers
}

const inline = 8

// plan is what run reads off the cases before its passes. A Selector
// makes it once; a plain call, each time.
type plan struct {
	// order is the poll order in argument order. It holds only the cases
	// that can become ready: not the Default (chosen after the polls) nor
	// the never-ready zero cases, so that the polls' branches stay
	// predictable whatever the shuffle.
	order []int
	// def, after and done index the Default, the earliest After and the
	// first Done case, or are -1.
	def, after, done int
	// ops, for a Selector with a Default whose other cases are all channel
	// cases, are those cases' Ops in order: what quiet reads. Otherwise nil.
	ops []sel.Op
}

// makePlan reads the plan off cases, appending the order to order[:0].
func makePlan(cases []Case, order []int) plan {
	order, def, after, done := readPlan(cases, order)
	return plan{order: order, def: def, after: after, done: done}
}

// readPlan is makePlan in parts, which a plain select's run keeps in
// registers: with a plan struct between, its call was 15-20% slower.
func readPlan(cases []Case, order []int) (_ []int, def, after, done int) {
	order = order[:0]
	def, after, done = -1, -1, -1
	for i := range cases {
		switch c := &cases[i]; c.kind {
		case recvCase, sendCase:
			order = append(order, i)
		case defaultCase:
			if def >= 0 {
				panic(fmt.Sprintf("alt: more than one Default case (cases %d and %d)", def, i))
			}
			def = i
		case afterCase:
			order = append(order, i)
			if after < 0 || c.d < cases[after].d {
				after = i // only the earliest can fire first
			}
		case doneCase:
			order = append(order, i)
			if done < 0 {
				done = i
			}
		}
	}
	return order, def, after, done
}

// run selects among cases and returns the index of the case chosen. k is
// nil for a plain call; order, def, after and done are the plan's (for a
// plain call, readPlan's, with order in s.order). polled says that the
// caller has made the first pass already, with order (shuffled, for Fair),
// and found nothing ready: run then starts at pass 2. plain and Selector
// poll so every select without a Default (a poll is its whole first
// pass), so that a case ready at once costs no more than that poll.
func run(cases []Case, fair bool, s scratch, k *keep, order []int, def, after, done int, polled bool) int {
	var ops []sel.Op
	if k != nil {
		ops = k.plan.ops
	}

	var deadline time.Time // when After fires: set when the select first parks
	for shuffled := !fair || polled; ; polled = false {
		if polled {
			goto register
		}
		// pass 1 - poll. A select with a Default mostly finds nothing ready
		// (that is what the Default is for), and then the order of the looks
		// does not matter: a Fair one first only looks, in argument order,
		// and shuffles only once a case may be ready.
		if !shuffled && ops != nil && quiet(ops, s.versions) {
			call(cases[def].fn)
			return def
		}
		if !shuffled && (def < 0 || poll(cases, order, s.versions, false) >= 0) {
			var r *wyrand // a plain call draws from the runtime's generator
			if k != nil {
				r = &k.rand
				// The Selector's plan keeps its order in argument order,
				// for Priority; Fair shuffles s.order in place, which
				// always holds a permutation of it (Selector.Fair says
				// why that is as random as shuffling a fresh copy).
				order = s.order[:len(order)]
			}
			shuffle(order, r)
			shuffled = true
		}
		if shuffled {
			i := -1
			if def < 0 {
				i = take(cases, order)
			} else {
				i = poll(cases, order, s.versions, true)
			}
			if i >= 0 {
				return i
			}
		}
		if def >= 0 {
			if len(order) == 0 || !versionsMoved(cases, order, s.versions) {
				call(cases[def].fn)
				return def
			}
			continue // the channels moved under the polls: poll again
		}

		// pass 2 - register and park.
	register:
		var w *park.Waiter
		if k != nil {
			w = k.w
		} else {
			w = lend(cases)
		}
		w.Reset()
		ready, registered := register(cases, order, s.tokens, w)
		var extra func() bool // stops AfterFuncs of Done cases beyond the first
		var doneCh <-chan struct{}
		if done >= 0 && !ready {
			doneCh = cases[done].ctx.Done()
			extra = watchDone(cases, done, w)
		}
		how := park.Woken
		if ready {
			if w.Abort() {
				how = -1 // withdrawn: poll again
			} else {
				w.Wait(false, nil, nil) // selected meanwhile: let the waker finish
			}
		} else {
			var timer *time.Timer
			var timerC <-chan time.Time
			if after >= 0 { // armed for what is left: a retry does not restart it
				d := cases[after].d
				if deadline.IsZero() {
					deadline = time.Now().Add(d)
				} else {
					d = time.Until(deadline)
				}
				timer = startTimer(k, d)
				timerC = timer.C
			}
			how = w.Wait(true, doneCh, timerC)
			if how != park.Woken {
				if !w.Abort() {
					w.Finish() // a channel operation won the race
					how = park.Woken
				}
			}
			if timer != nil {
				timer.Stop() // whoever won, the timer is done with
			}
		}
		if extra != nil && !extra() && k != nil {
			k.w = new(park.Waiter) // a late AfterFunc may still touch the old one
		}
		tainted := extra != nil // a borrowed Waiter is not given back then

		// pass 3 - unregister the losers, then complete the winner.
		won := -1
		if how == park.Woken {
			won = w.Selected()
		}
		for _, i := range order[:registered] {
			if c := &cases[i]; (c.kind == sendCase || c.kind == recvCase) && i != won {
				c.op.Finish(s.tokens[i], false, nil, nil)
				s.tokens[i] = nil
			}
		}
		if k == nil && !tainted {
			giveBack(cases, w)
		}
		switch {
		case how == park.Done:
			call(cases[done].fn)
			return done
		case how == park.Timeout:
			call(cases[after].fn)
			return after
		case won < 0:
			continue // withdrawn because a case became ready
		}
		c := &cases[won]
		if c.kind == doneCase { // selected by a Done case's AfterFunc
			call(c.fn)
			return won
		}
		tok := s.tokens[won]
		s.tokens[won] = nil
		if c.op.Finish(tok, true, c.val, c.fn) {
			return won
		}
		// A buffer's wake-up, and another goroutine took the value (or the
		// room) first: poll again.
	}
}

// poll runs pass 1 of a select with a Default: it looks at the cases in
// order, recording each channel case's version, read before its look, and
// returns the index of the first that completes (with commit) or that may
// be ready (without: only a look), or -1.
func poll(cases []Case, order []int, versions []uint64, commit bool) int {
	for _, i := range order {
		switch c := &cases[i]; c.kind {
		case recvCase, sendCase:
			v, ready := c.op.Peek()
			versions[i] = v
			if ready && (!commit || c.op.Poll(c.val, c.fn)) {
				return i
			}
		case doneCase, afterCase:
			if fired(c) {
				if commit {
					call(c.fn)
				}
				return i
			}
		}
	}
	return -1
}

// take is pass 1 of a select without a Default: poll with commit, but
// with no versions to record (only a Default's "nothing ready at one
// instant" needs them), so it skips each case's Peek and lets Poll decide.
// A Peek of a buffered case reads both ends of the ring, and one of them
// is the other side's, a cache line that other cores write; Poll's pop or
// push reads only its own end and the slot when the case is ready. Measured
// against Peek then Poll (20 interleaved rounds): SelectRecv4 -12% time
// and -9% CPU, SelectPriority -11% and -18%, SelectRecv2 no change.
func take(cases []Case, order []int) int {
	for _, i := range order {
		switch c := &cases[i]; c.kind {
		case recvCase, sendCase:
			if c.op.Poll(c.val, c.fn) {
				return i
			}
		case doneCase, afterCase:
			if fired(c) {
				call(c.fn)
				return i
			}
		}
	}
	return -1
}

// fired reports whether a Done or After case is ready now: its context
// done, or its duration not positive (a later After fires only by its
// timer, armed when the select parks).
func fired(c *Case) bool {
	if c.kind == afterCase {
		return c.d <= 0
	}
	select {
	case <-c.ctx.Done():
		return true
	default:
		return false
	}
}

// quiet is pass 1 of a Default select over channel cases alone, when
// nothing is ready: it reports true if, at one instant, no op was ready.
// It reads each op's version with its look (Peek), then the versions again
// but the last, as poll and versionsMoved do, with no Case to decode per
// look. If it reports false, run polls the usual way.
func quiet(ops []sel.Op, versions []uint64) bool {
	versions = versions[:len(ops)]
	for j, op := range ops {
		v, ready := op.Peek()
		if ready {
			return false
		}
		versions[j] = v
	}
	for j, op := range ops[:len(ops)-1] {
		if op.Version() != versions[j] {
			return false
		}
	}
	return true
}

// versionsMoved reports whether any channel case's version differs from
// the one recorded by poll, or a Done case's context is done since. If
// none did, every channel was in the state the polls saw at one instant:
// the last look of the polls, which came after every first read and
// before every second one. So the case polled last needs no second read:
// its look is that instant.
func versionsMoved(cases []Case, order []int, v []uint64) bool {
	for _, i := range order[:len(order)-1] {
		switch c := &cases[i]; c.kind {
		case sendCase, recvCase:
			if c.op.Version() != v[i] {
				return true
			}
		case doneCase:
			if c.ctx.Err() != nil { // done since its poll
				return true
			}
		}
	}
	return false
}

// register is pass 2 up to the park: it registers w on the cases in
// order, each with its last look (a Done case's is its context), and stops
// at the first case that may be ready. It reports whether one was, and how
// many of order it went through (the cases pass 3 must unregister).
func register(cases []Case, order []int, tokens []any, w *park.Waiter) (ready bool, registered int) {
	for n, i := range order { // in poll order: Fair's entries queue in random order too
		switch c := &cases[i]; c.kind {
		case sendCase, recvCase:
			tokens[i], ready = c.op.Register(w, i, c.val)
		case doneCase:
			ready = c.ctx.Err() != nil
		}
		if ready {
			return true, n + 1
		}
	}
	return false, len(order)
}

// lend borrows a Waiter from the first channel case, so that it belongs to
// that channel's synctest bubble; a select with no channel makes one.
func lend(cases []Case) *park.Waiter {
	for i := range cases {
		if c := &cases[i]; c.kind == sendCase || c.kind == recvCase {
			return c.op.Waiter()
		}
	}
	return new(park.Waiter)
}

// giveBack returns a borrowed Waiter to the first channel case.
func giveBack(cases []Case, w *park.Waiter) {
	for i := range cases {
		if c := &cases[i]; c.kind == sendCase || c.kind == recvCase {
			c.op.Return(w)
			return
		}
	}
}

// startTimer arms a timer for d: a Selector's own, or a new one.
func startTimer(k *keep, d time.Duration) *time.Timer {
	if k == nil {
		return time.NewTimer(d)
	}
	if k.timer == nil {
		k.timer = time.NewTimer(d)
	} else {
		k.timer.Reset(d)
	}
	return k.timer
}

// watchDone arms a context.AfterFunc for every Done case after the first
// (the first is waited on directly), each selecting the Waiter for its
// case. It returns a func that stops them all and reports whether every
// one was stopped before it ran; if not, one may still touch the Waiter,
// which must then not be reused. It returns nil when there is none.
func watchDone(cases []Case, first int, w *park.Waiter) func() bool {
	var stops []func() bool
	for i := first + 1; i < len(cases); i++ {
		if c := &cases[i]; c.kind == doneCase {
			idx := i
			stops = append(stops, context.AfterFunc(c.ctx, func() {
				if w.TrySelect(idx) {
					w.Wake()
				}
			}))
		}
	}
	if stops == nil {
		return nil
	}
	return func() bool {
		all := true
		for _, stop := range stops {
			all = stop() && all
		}
		return all
	}
}
