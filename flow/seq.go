// seq: channels from slices and iterators, and onto channels; core.async's
// to-chan! and onto-chan!.
//
// Source: clojure.core.async/to-chan!, onto-chan!.
//
// Invariants:
//   - Values are sent in the order of the slice or sequence, each once.
//   - FromSlice starts no goroutine: its channel holds every value already.
package flow

import (
	"context"
	"iter"

	"github.com/hoare-go/hoare/mpmc"
)

// FromSlice returns a closed channel holding a copy of vs: receivers get
// every value in order, then ok == false. It starts no goroutine (core.async's
// to-chan! starts one; with a buffer as large as the slice there is no need).
//
// Who closes what: the channel is returned closed.
func FromSlice[T any](vs []T) *mpmc.Chan[T] {
	c := mpmc.New[T](max(len(vs), 1))
	c.SendMany(vs)
	c.Close()
	return c
}

// FromSeq returns a channel of the given capacity that receives the values
// of seq, in order, sent by a goroutine of its own.
//
// Who closes what: FromSeq closes the channel when seq ends, or when ctx is
// done (ending seq early). A consumer that closes the channel stops FromSeq
// at its next send.
func FromSeq[T any](ctx context.Context, seq iter.Seq[T], capacity int) *mpmc.Chan[T] {
	mustFunc("FromSeq", "seq", seq == nil)
	mustSize("FromSeq", "capacity", capacity)
	c := mpmc.New[T](capacity)
	go func() {
		defer closeQuietly(c)
		for v := range seq {
			if sendCtx(ctx, c, v) != nil {
				return
			}
		}
	}()
	return c
}

// Onto sends every value of vs to ch, in order, blocking as Send does, and
// returns nil; or ctx.Err() if ctx is done first, or mpmc.ErrClosed if ch
// is closed first (the values not sent are dropped). core.async's onto-chan!
// runs in a go block and returns a channel; Onto blocks, so run it in a
// goroutine for the same effect.
//
// Who closes what: Onto closes ch when it returns if close is true (even
// after an error), and never otherwise.
func Onto[T any](ctx context.Context, ch *mpmc.Chan[T], vs []T, close bool) error {
	mustChan("Onto", "ch", ch)
	if close {
		defer closeQuietly(ch)
	}
	for _, v := range vs {
		if err := sendCtx(ctx, ch, v); err != nil {
			return err
		}
	}
	return nil
}
