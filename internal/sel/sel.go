// Package sel is the contract between package alt's select engine and the
// channels it selects over.
//
// The engine never names a channel type: it drives each channel case
// through the small Op interface below (crossbeam-channel's select does
// the same with its SelectHandle), and package mpmc implements Op for its
// Chan. mpmc installs the two constructors, Recv and Send, at init; alt
// calls them with a *mpmc.Chan[T] as an any (a pointer: no allocation).
//
// The protocol, for one select:
//
//	pass 1: Poll each case in the select's order; the first that completes
//	        wins. A select with a Default first Peeks each case, and Polls
//	        only those that might be ready.
//	pass 2: Register a shared park.Waiter on each case in order; each
//	        Register also looks at its case once more, after queuing: at the
//	        first that may be ready, stop and Abort the Waiter (someone may
//	        have selected it first: then that case won).
//	park:   Wait. A channel operation that selects the Waiter for case i
//	        (Waiter.TrySelect) has, for a rendezvous, already done the
//	        hand-off through the entry; for a buffer, it only said "retry".
//	pass 3: Finish every registered case; the selected one completes from its
//	        entry (or retries), the rest just leave their queues.
package sel

import "github.com/hoare-go/hoare/internal/park"

// Op is one channel case: a receive from, or a send to, one channel.
// val is the value to send (nil for a receive); fn is the case's function:
// func(T, bool) for a receive, func() for a send, or nil.
type Op interface {
	// Poll completes the operation if it can without waiting, runs fn, and
	// reports true; otherwise it changes nothing and reports false. A send
	// on a closed channel panics, as in a native select.
	Poll(val, fn any) bool
	// Version changes whenever the operation's readiness may have changed.
	Version() uint64
	// Peek reads Version and then whether Poll might succeed, changing
	// nothing. ready == false means Poll would have failed at an instant
	// after the version was read (and so at every instant up to a later
	// read of the same version); ready == true may be wrong, so Poll
	// decides. It is the first look of a Default select's pass 1, whose
	// "nothing was ready" needs the versions.
	Peek() (version uint64, ready bool)
	// Register queues w on the channel for case idx and returns the entry
	// (for Finish), and whether Poll might succeed now: the last look, made
	// after the entry is queued, so that an operation that makes the case
	// ready either is seen by it or finds the entry. Entries of w itself do
	// not count (a select on both ends of one channel cannot pair with
	// itself). A Register may also leave the entry out of the queue when
	// it reports ready.
	Register(w *park.Waiter, idx int, val any) (entry any, ready bool)
	// Finish takes the entry out of its queue and recycles it. If this case
	// was the one selected, it first completes the operation from the
	// entry (a rendezvous) or retries it (a buffer), runs fn, and reports
	// whether it completed.
	Finish(entry any, selected bool, val, fn any) bool
	// Waiter lends a Waiter made by a goroutine that used this channel, so
	// that it belongs to the same synctest bubble; Return gives it back.
	Waiter() *park.Waiter
	Return(w *park.Waiter)
}

// Recv and Send make the Op of a receive from, or a send to, a channel c.
// Package mpmc sets them at init.
var (
	Recv func(c any) Op
	Send func(c any) Op
)

// From is a send case's value when it is to be read at the moment of the
// send rather than when the case was made: a pointer, boxed without
// allocating (a one-pointer struct fits an interface word).
type From[T any] struct{ P *T }
