// Rendezvous: the sequential model of an unbuffered channel.
//
// A hand-off on an unbuffered channel is one instant that belongs to two
// operations at once, the send and the receive; a model that runs one
// operation at a time cannot say that directly. So a blocking Send (or
// SendContext) is recorded as two operations with the interval of the call
// (Client.DoSplit): SendBegin, which puts its value on offer, and SendEnd,
// which completes it; likewise a blocking Recv as RecvBegin and RecvEnd,
// named by a receiver ID. A hand-off is then the step in which one side's End
// consumes the other side's standing offer, and the other side's End follows.
// The Try operations are single steps: TrySend succeeds only while some
// receiver waits, TryRecv only while some sender does.
//
// Source: the semantics of Go's unbuffered channels (the Go memory model,
// "Channel communication"), and the offer/complete split used for
// synchronous queues (Scherer, Lea and Scott, "Scalable Synchronous
// Queues", 2006).
//
// Invariants:
//   - offered: values of blocking sends that have begun and were not taken;
//     taken: values a receiver took whose send has not yet completed; every
//     value is in at most one of them.
//   - waiting: IDs of blocking receivers that have begun and not completed;
//     pool: values a TrySend handed to one of them, not yet collected; there
//     are never more pool values than waiting receivers.
//   - After Close nothing is taken from offered: a send blocked at Close
//     fails (panics), as with native channels. Values in pool were handed over
//     before Close and are still received.
package linear

import (
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/anishathalye/porcupine"
)

// rvState is an immutable state of the Rendezvous model; the sets are sorted
// strings of 4-byte values, so that equal sets are equal strings.
type rvState struct {
	closed  bool
	offered string
	taken   string
	waiting string
	pool    string
}

func key(v int) string { return string(binary.BigEndian.AppendUint32(nil, uint32(int32(v)))) }

// setHas reports whether the sorted set s holds v.
func setHas(s string, v int) bool { _, ok := setFind(s, v); return ok }

// setFind returns where v is or would go in s.
func setFind(s string, v int) (int, bool) {
	k := key(v)
	for i := 0; i < len(s); i += 4 {
		switch c := strings.Compare(s[i:i+4], k); {
		case c == 0:
			return i, true
		case c > 0:
			return i, false
		}
	}
	return len(s), false
}

func setAdd(s string, v int) string {
	i, ok := setFind(s, v)
	if ok {
		return s
	}
	return s[:i] + key(v) + s[i:]
}

func setDel(s string, v int) string {
	i, ok := setFind(s, v)
	if !ok {
		return s
	}
	return s[:i] + s[i+4:]
}

// Rendezvous returns the model of an unbuffered channel: blocking operations
// recorded as SendBegin/SendEnd and RecvBegin/RecvEnd pairs, TrySend and
// TryRecv as Send and Recv, and Close.
func Rendezvous() porcupine.Model {
	return porcupine.Model{
		Init: func() any { return rvState{} },
		Step: func(state, input, output any) (bool, any) {
			return rvStep(state.(rvState), input.(Input), output.(Output))
		},
		DescribeOperation: Describe,
		DescribeState: func(state any) string {
			s := state.(rvState)
			return fmt.Sprintf("offered=%v taken=%v waiting=%v pool=%v closed=%v",
				vals(s.offered), vals(s.taken), vals(s.waiting), vals(s.pool), s.closed)
		},
	}
}

func rvStep(s rvState, in Input, out Output) (bool, any) {
	free := len(s.waiting)/4 - len(s.pool)/4 // waiting receivers no TrySend has served
	switch in.Op {
	case SendBegin:
		if setHas(s.offered, in.V) || setHas(s.taken, in.V) {
			return false, s
		}
		s.offered = setAdd(s.offered, in.V)
		return true, s
	case SendEnd:
		switch out.Res {
		case OK:
			if !setHas(s.taken, in.V) {
				return false, s
			}
			s.taken = setDel(s.taken, in.V)
			return true, s
		case Closed, Canceled:
			if !setHas(s.offered, in.V) || out.Res == Closed && !s.closed {
				return false, s
			}
			s.offered = setDel(s.offered, in.V)
			return true, s
		}
	case RecvBegin:
		if setHas(s.waiting, in.ID) {
			return false, s
		}
		s.waiting = setAdd(s.waiting, in.ID)
		return true, s
	case RecvEnd:
		if !setHas(s.waiting, in.ID) {
			return false, s
		}
		switch out.Res {
		case OK:
			switch {
			case setHas(s.pool, out.V):
				s.pool = setDel(s.pool, out.V)
			case !s.closed && setHas(s.offered, out.V):
				s.offered = setDel(s.offered, out.V)
				s.taken = setAdd(s.taken, out.V)
			default:
				return false, s
			}
		case Closed, Canceled:
			if free < 1 || out.Res == Closed && !s.closed {
				return false, s
			}
		default:
			return false, s
		}
		s.waiting = setDel(s.waiting, in.ID)
		return true, s
	case Send: // TrySend
		switch out.Res {
		case OK:
			if s.closed || free < 1 {
				return false, s
			}
			s.pool = setAdd(s.pool, in.V)
			return true, s
		case WouldBlock:
			return !s.closed && free == 0, s
		case Closed:
			return s.closed, s
		}
	case Recv: // TryRecv
		switch out.Res {
		case OK:
			if s.closed || !setHas(s.offered, out.V) {
				return false, s
			}
			s.offered = setDel(s.offered, out.V)
			s.taken = setAdd(s.taken, out.V)
			return true, s
		case WouldBlock:
			return !s.closed && s.offered == "", s
		case Closed:
			return s.closed, s
		}
	case Close:
		if out.Res != OK {
			return s.closed, s
		}
		if s.closed {
			return false, s
		}
		s.closed = true
		return true, s
	}
	return false, s
}
