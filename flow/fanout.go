// fanout: delivering each value to every tap of a Mult (or of one Pub
// topic), with no goroutine of its own.
//
// Source: clojure.core.async/mult, which puts each value to every tap with
// put! and a countdown, and takes the next value only when the countdown
// reaches zero. Here a tap that has room gets the value by TrySend (a
// lock-free push, no callback); only a tap that would block gets a
// SendAsync, whose callback counts down. Whoever brings the count to zero
// (the putter, or the goroutine that accepted the last pending send) goes on
// to the next queued value, so delivery needs no goroutine and no parking
// while every tap keeps up.
//
// A fanout holds at most buf values queued plus one in delivery: this is
// the channel core.async puts between a Pub and each topic's mult
// (buffered by buf-fn), and for a Mult buf is 0, so the next value is
// accepted only once every tap has accepted the previous one.
//
// While every tap keeps up, a value costs one CAS to start its delivery,
// one TrySend per tap and one CAS to end it: put and next take mu only
// when values queue up, a put waits, or the fanout closes (the state word
// says which), and pending is touched only when an offer is pending.
//
// Invariants:
//   - stBusy is set from the moment a value is taken for delivery until
//     every tap it was offered to has accepted it (or was found closed);
//     while it is clear the queue is empty and no put waits.
//   - stSlow is set (under mu) before values are queued or a put (or
//     settle) waits, and cleared (under mu) only when neither holds, so the
//     lock-free idle transition of next, a CAS from exactly stBusy, never
//     strands a queued value or a waiting put. stClosed is set under mu, once.
//   - state changes without mu in two places only: put's CAS from exactly
//     0 (idle, open) and next's CAS from exactly stBusy; every other
//     change is made under mu.
//   - pending counts the offers of the value in delivery not yet accepted,
//     plus one while the deliverer is still making offers, so it reaches
//     zero exactly once per value and exactly one goroutine continues. It
//     is set only when a first offer is pending: a value every tap took at
//     once leaves it at zero.
//   - Taps are offered values in the order they were tapped; list is an
//     immutable snapshot of taps, replaced under mu, read without it.
//   - Once closed, put refuses values; the taps with close == true are closed
//     once the queue is delivered (or at once when stop discards it), and a
//     tap added after that is closed at once if it asked to be.
//   - Channels are closed, and callbacks run, outside mu: closing a tap runs
//     its pending SendAsync callbacks, which take mu.
//   - held (putRun, release) is read and written only by the fanout's one
//     putter. While it is set, stBusy is set with no value in delivery and
//     nothing queued, and only stop changes state (it adds stClosed); the
//     putter clears it, and ends the hold with next's transition, before it
//     waits for anything.
package flow

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/hoare-go/hoare/mpmc"
)

// The bits of fanout.state.
const (
	stBusy   = 1 << iota // a value is in delivery
	stClosed             // put refuses; taps are closed when the queue is delivered
	stSlow               // values are queued or a put waits: next must take mu
)

type fanout[T any] struct {
	state     atomic.Uint32 // stBusy | stClosed | stSlow
	mu        sync.Mutex
	queue     []T  // ring of values accepted and not yet taken for delivery; len == buf
	head, n   int  // the oldest queued value, and how many are queued
	closeTaps bool // set by stop: close the taps that asked for it
	finished  bool // the taps that asked for it have been closed
	waiting   bool // a put waits on room
	taps      []*tap[T]
	list      atomic.Pointer[[]*tap[T]] // snapshot of taps for the deliverer
	pending   atomic.Int32              // offers of the value in delivery not yet accepted, +1 while offering
	room      *mpmc.Chan[struct{}]      // capacity 1: a token when a waiting put may retry
	held      bool                      // the putter holds stBusy between two puts (putRun); only the putter touches it
}

// tap is one destination of a fanout.
type tap[T any] struct {
	ch    *mpmc.Chan[T]
	close bool       // close ch when the source closes
	ack   func(bool) // the SendAsync callback, made once per tap
}

func newFanout[T any](buf int) *fanout[T] {
	f := &fanout[T]{queue: make([]T, buf), room: mpmc.New[struct{}](1)}
	f.list.Store(new([]*tap[T]))
	return f
}

// put hands v to the fanout, waiting while it is full; it delivers v itself
// when idle. It returns errStopped once the fanout is closed, or ctx.Err().
func (f *fanout[T]) put(ctx context.Context, v T) error {
	if f.state.CompareAndSwap(0, stBusy) { // idle and open: v is taken at once
		f.deliver(v)
		return nil
	}
	for {
		f.mu.Lock()
		s := f.state.Load()
		switch {
		case s&stClosed != 0:
			f.mu.Unlock()
			return errStopped
		case s&stBusy == 0: // idle, so the queue is empty: v is taken at once
			ok := f.state.CompareAndSwap(s, s|stBusy)
			f.mu.Unlock()
			if ok {
				f.deliver(v)
				return nil
			}
			continue
		case !f.state.CompareAndSwap(s, s|stSlow): // next went idle meanwhile
			f.mu.Unlock()
			continue
		case f.n < len(f.queue): // stSlow is set: next will look at the queue
			f.queue[(f.head+f.n)%len(f.queue)] = v
			f.n++
			f.mu.Unlock()
			return nil
		}
		f.waiting = true
		f.mu.Unlock()
		if _, err := f.room.RecvContext(ctx); err != nil {
			return err
		}
	}
}

// putRun is put for the one putter of a fanout that moves values in runs
// (a Pub's goroutine): when every tap accepts v at once, the fanout stays
// busy, held by the putter, instead of going idle, so that the next value
// of the run to this fanout is offered without the two CASes of going
// idle and busy again. A held fanout looks to everyone else like one
// delivering a value, for the length of a run of offers that never wait.
//
// It reports false when v must go through put, which may wait (f is busy
// delivering, or was stopped under the hold, which putRun then ends): the
// putter must first release every fanout it holds. The putter must release
// f at the end of each run, and before it waits for anything.
func (f *fanout[T]) putRun(v T) bool {
	if !f.hold() {
		return false
	}
	// f is busy with nothing queued, and ours: as deliver, for one value.
	f.held = f.offer(v) // false: an offer is pending, its acceptance continues
	return true
}

// putRunMany is putRun for several values of the fanout, in order, at once:
// when f has one tap (or none), that tap takes as many of vs as it can
// now, with one TrySendMany, and putRunMany returns how many it took (all
// of them with no tap: dropped). It returns 0 when vs must go value by
// value (putRun): f has several taps, its tap took none, or f is busy
// delivering or stopped. Either way f may be held on return.
func (f *fanout[T]) putRunMany(vs []T) int {
	if !f.hold() {
		return 0
	}
	switch l := *f.list.Load(); len(l) {
	case 0:
		return len(vs)
	case 1:
		n, _ := l[0].ch.TrySendMany(vs) // ErrClosed: putRun finds it again, and removes the tap
		return n
	}
	return 0
}

// hold makes the putter hold f, busy with nothing in delivery, if it does
// not already. It reports false if f is busy delivering a value, or was
// stopped under the putter's hold, which hold then ends (put refuses).
func (f *fanout[T]) hold() bool {
	if f.held {
		if f.state.Load() == stBusy {
			return true
		}
		f.release() // stop ran meanwhile
		return false
	}
	f.held = f.state.CompareAndSwap(0, stBusy)
	return f.held
}

// release ends the putter's hold of f (putRun), if it holds f: next's
// transition, as at the end of any delivery.
func (f *fanout[T]) release() {
	if !f.held {
		return
	}
	f.held = false
	if v, ok := f.next(); ok { // nothing queued while held: ok is false, kept for safety
		f.deliver(v)
	}
}

// settle waits until no value is in delivery: every tap has accepted the
// last value put (or was found closed). A Mult calls it before taking the
// next value from its source, as core.async's mult waits for its countdown.
// It returns ctx.Err() if ctx is done first. Only the one goroutine that puts
// may call it: a put between the wake-up and the check could keep it waiting.
func (f *fanout[T]) settle(ctx context.Context) error {
	for f.state.Load()&stBusy != 0 {
		f.mu.Lock()
		s := f.state.Load()
		switch {
		case s&stBusy == 0: // the delivery ended meanwhile
			f.mu.Unlock()
			return nil
		case !f.state.CompareAndSwap(s, s|stSlow): // next went idle meanwhile
			f.mu.Unlock()
			continue
		}
		f.waiting = true // next hands room a token before it goes idle
		f.mu.Unlock()
		if _, err := f.room.RecvContext(ctx); err != nil {
			return err
		}
	}
	return nil
}

// deliver offers v, and then each queued value, to every tap, until an
// offer is pending (its acceptance continues) or the queue is empty.
func (f *fanout[T]) deliver(v T) {
	for f.offer(v) {
		var ok bool
		if v, ok = f.next(); !ok {
			return
		}
	}
}

// offer gives v to every tap; it reports whether all of them have accepted
// it already. Taps that would block get a SendAsync; the last of their
// callbacks continues the delivery.
func (f *fanout[T]) offer(v T) bool {
	async := false
	for _, t := range *f.list.Load() {
		switch t.ch.TrySend(v) {
		case nil:
		case mpmc.ErrClosed:
			f.remove(t.ch, t)
		default: // counted before SendAsync, whose callback may run at once
			if !async {
				async = true
				f.pending.Store(2) // this offer, and the offering guard: no callback reaches zero before the loop ends
			} else {
				f.pending.Add(1)
			}
			if t.ch.TrySendAsync(v, t.ack) != nil {
				// 1024 sends already wait on this channel (it is a tap of
				// as many Mults or topics): wait for room on a goroutine,
				// as a parked send would, rather than panic here.
				go func() { t.ack(t.ch.SendContext(context.Background(), v) == nil) }()
			}
		}
	}
	return !async || f.pending.Add(-1) == 0 // drop the guard; zero: nobody else continues
}

// acked is a tap's SendAsync callback: ok is false when the tap was closed
// before it took the value, and it is then removed.
func (f *fanout[T]) acked(t *tap[T], ok bool) {
	if !ok {
		f.remove(t.ch, t)
	}
	if f.pending.Add(-1) == 0 { // the last acceptance: this goroutine continues
		if v, ok := f.next(); ok {
			f.deliver(v)
		}
	}
}

// next ends the delivery of the current value and takes the next queued
// one, if any; with none the fanout goes idle (and, closed, finishes).
func (f *fanout[T]) next() (v T, ok bool) {
	if f.state.CompareAndSwap(stBusy, 0) { // nothing queued, no put waits, open
		return v, false
	}
	f.mu.Lock()
	if f.waiting { // a slot frees (or the fanout goes idle): let the put retry
		f.waiting = false
		f.room.TrySend(struct{}{})
	}
	if f.n == 0 {
		s := f.state.And(^uint32(stBusy | stSlow))
		var closing []*mpmc.Chan[T]
		if s&stClosed != 0 {
			closing = f.finishLocked()
		}
		f.mu.Unlock()
		closeAll(closing)
		return v, false
	}
	var zero T
	v, f.queue[f.head] = f.queue[f.head], zero // the ring keeps no reference
	f.head = (f.head + 1) % len(f.queue)
	f.n--
	if f.n == 0 { // waiting is false: it was cleared above, under mu
		f.state.And(^uint32(stSlow))
	}
	f.mu.Unlock()
	return v, true
}

// stop closes the fanout: put refuses from now on. With closeTaps the taps
// that asked for it are closed once the queue is delivered; with discard
// the queue is dropped and they are closed at once.
func (f *fanout[T]) stop(closeTaps, discard bool) {
	f.mu.Lock()
	s := f.state.Or(stClosed) // at this instant: busy or idle, next's CAS now fails
	if s&stClosed != 0 {
		f.mu.Unlock()
		return
	}
	f.closeTaps = closeTaps
	if discard {
		clear(f.queue)
		f.n = 0
	}
	var closing []*mpmc.Chan[T]
	if s&stBusy == 0 || discard {
		closing = f.finishLocked()
	}
	f.mu.Unlock()
	closeAll(closing)
}

// finishLocked marks the fanout finished and returns the taps to close.
// Called with mu held, once closed.
func (f *fanout[T]) finishLocked() []*mpmc.Chan[T] {
	if f.finished {
		return nil
	}
	f.finished = true
	if !f.closeTaps {
		return nil
	}
	var cs []*mpmc.Chan[T]
	for _, t := range f.taps {
		if t.close {
			cs = append(cs, t.ch)
		}
	}
	return cs
}

func closeAll[T any](cs []*mpmc.Chan[T]) {
	for _, c := range cs {
		closeQuietly(c) // the consumer may have closed its tap already
	}
}

// add taps ch, or updates its close flag if it is tapped already.
func (f *fanout[T]) add(ch *mpmc.Chan[T], close bool) {
	f.mu.Lock()
	if f.finished && f.closeTaps { // the source has closed already
		f.mu.Unlock()
		if close {
			closeQuietly(ch)
		}
		return
	}
	for _, t := range f.taps {
		if t.ch == ch {
			t.close = close
			f.mu.Unlock()
			return
		}
	}
	t := &tap[T]{ch: ch, close: close}
	t.ack = func(ok bool) { f.acked(t, ok) }
	f.taps = append(f.taps, t)
	f.publishLocked()
	f.mu.Unlock()
}

// remove untaps ch; with t non-nil, only if ch is still tapped as t.
func (f *fanout[T]) remove(ch *mpmc.Chan[T], t *tap[T]) {
	f.mu.Lock()
	for i, u := range f.taps {
		if u.ch == ch && (t == nil || u == t) {
			f.taps = append(f.taps[:i:i], f.taps[i+1:]...) // a new array: list may share the old one
			f.publishLocked()
			break
		}
	}
	f.mu.Unlock()
}

// removeAll untaps every tap.
func (f *fanout[T]) removeAll() {
	f.mu.Lock()
	f.taps = nil
	f.publishLocked()
	f.mu.Unlock()
}

// publishLocked replaces the deliverer's snapshot. Called with mu held.
func (f *fanout[T]) publishLocked() {
	l := append([]*tap[T](nil), f.taps...)
	f.list.Store(&l) // release: the deliverer loads it without mu
}
