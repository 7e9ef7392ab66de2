// Queue: the sequential model of a bounded FIFO with a closed flag, for
// ring.MPMC and for a buffered mpmc.Chan under each full-buffer policy.
//
// Source: the specification in /work/shared/API.md and mpmc's doc comments,
// written as one step function; core.async's dropping and sliding buffers for
// the policies.
//
// Invariants:
//   - A state is (q, closed): q holds at most cap values, oldest first, each
//     as 4 bytes; closed is never cleared.
//   - A receive that reports "closed" happens only when closed and q is
//     empty; one that reports "would block" or "canceled" only when q is
//     empty and not closed. Symmetrically a send reports "would block" or
//     "canceled" only when q is full, not closed, and the policy blocks.
package linear

import (
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/anishathalye/porcupine"
)

// Policy is what a send to a full buffered channel does.
type Policy uint8

// The policies of mpmc.New.
const (
	Block Policy = iota // wait (the default)
	Drop                // mpmc.Dropping: discard the value sent
	Slide               // mpmc.Sliding: discard the oldest buffered value
)

func (p Policy) String() string {
	return [...]string{"block", "dropping", "sliding"}[p]
}

// queueState is an immutable state of the Queue model.
type queueState struct {
	q      string // the values, oldest first, 4 bytes each
	closed bool
}

func (s queueState) len() int     { return len(s.q) / 4 }
func (s queueState) head() int    { return int(int32(binary.BigEndian.Uint32([]byte(s.q[:4])))) }
func (s queueState) drop() string { return s.q[4:] }

// appendVals returns q with vs appended.
func appendVals(q string, vs ...int) string {
	b := []byte(q)
	for _, v := range vs {
		b = binary.BigEndian.AppendUint32(b, uint32(int32(v)))
	}
	return string(b)
}

// vals decodes q.
func vals(q string) []int {
	vs := make([]int, 0, len(q)/4)
	for i := 0; i+4 <= len(q); i += 4 {
		vs = append(vs, int(int32(binary.BigEndian.Uint32([]byte(q[i:i+4])))))
	}
	return vs
}

// Queue returns the model of a FIFO holding at most capacity values, whose
// sends follow policy when full. The same model serves ring.MPMC (Push, Pop,
// PushMany, PopMany, Len, Close) and a buffered channel (Send, Recv, Len,
// Close). A Close is recorded with Res OK when it closed the object, and
// Closed (ring Close() == false) or Panicked (a channel's panic) when it was
// closed already.
//
// A batch (PushMany, PopMany) may come up short: it moves at least one
// value when it can move any, and never more than fit (or are buffered); see
// StrictQueue for "exactly as many as fit".
func Queue(capacity int, policy Policy) porcupine.Model {
	return queueModel(capacity, policy, false)
}

// StrictQueue is Queue with batches held to "a prefix of as many values as
// fit" and "as many values as are buffered, up to the buffer's length",
// exactly, as ring's doc comments read when taken literally. ring.MPMC does
// not meet it under concurrency: a PushMany stops at a slot whose consumer
// has claimed it but not yet released it, though by then that pop has
// happened and the slot counts as free (found by TestLinearizableMPMC; see
// ring/linearizability_test.go).
func StrictQueue(capacity int, policy Policy) porcupine.Model {
	return queueModel(capacity, policy, true)
}

func queueModel(capacity int, policy Policy, strict bool) porcupine.Model {
	if capacity < 1 {
		panic(fmt.Sprintf("linear: Queue capacity %d: must be at least 1", capacity))
	}
	return porcupine.Model{
		Init: func() any { return queueState{} },
		Step: func(state, input, output any) (bool, any) {
			return queueStep(capacity, policy, strict, state.(queueState), input.(Input), output.(Output))
		},
		DescribeOperation: Describe,
		DescribeState: func(state any) string {
			s := state.(queueState)
			return fmt.Sprintf("%v closed=%v", vals(s.q), s.closed)
		},
	}
}

// batchOK reports whether a batch that moved got values, where up to most
// could move, is allowed: exactly most when strict, else at least one of them.
func batchOK(got, most int, strict bool) bool {
	if strict || most == 0 {
		return got == most
	}
	return got >= 1 && got <= most
}

func queueStep(capacity int, policy Policy, strict bool, s queueState, in Input, out Output) (bool, any) {
	n, full := s.len(), s.len() == capacity
	switch in.Op {
	case Push:
		if !out.OK {
			return s.closed || full, s
		}
		if s.closed || full {
			return false, s
		}
		return true, queueState{appendVals(s.q, in.V), false}
	case Pop:
		if !out.OK {
			return n == 0, s
		}
		if n == 0 || s.head() != out.V {
			return false, s
		}
		return true, queueState{s.drop(), s.closed}
	case PushMany:
		fit := min(len(in.Vs), capacity-n)
		if s.closed {
			fit = 0
		}
		if !batchOK(out.N, fit, strict) {
			return false, s
		}
		return true, queueState{appendVals(s.q, in.Vs[:out.N]...), s.closed}
	case PopMany:
		take := len(out.Vs)
		if !batchOK(take, min(in.N, n), strict) || !strings.HasPrefix(s.q, appendVals("", out.Vs...)) {
			return false, s
		}
		return true, queueState{s.q[4*take:], s.closed}
	case Len:
		return out.N == n, s
	case Close:
		if out.Res != OK { // ring Close() == false, or a channel's panic
			return s.closed, s
		}
		if s.closed {
			return false, s
		}
		return true, queueState{s.q, true}
	case Send:
		switch out.Res {
		case OK:
			switch {
			case s.closed:
				return false, s
			case !full:
				return true, queueState{appendVals(s.q, in.V), false}
			case policy == Drop:
				return true, s
			case policy == Slide:
				return true, queueState{appendVals(s.drop(), in.V), false}
			}
			return false, s
		case Closed:
			return s.closed, s
		case WouldBlock, Canceled:
			return !s.closed && full && policy == Block, s
		}
	case Recv:
		switch out.Res {
		case OK:
			if n == 0 || s.head() != out.V {
				return false, s
			}
			return true, queueState{s.drop(), s.closed}
		case Closed:
			return s.closed && n == 0, s
		case WouldBlock, Canceled:
			return !s.closed && n == 0, s
		}
	}
	return false, s
}
