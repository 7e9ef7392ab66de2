// wait: the blocking operations' entry points, with and without a context.
//
// Send and Recv (chan.go) try their lock-free fast path inline and call
// send or recv here only when they must wait; SendContext and RecvContext
// do the same with the context's Done channel as a second way out.
package mpmc

import (
	"context"
	"errors"
)

// errCanceled is how the waiting paths say "done closed first"; the
// exported operations turn it into the context's own error.
var errCanceled = errors.New("mpmc: wait canceled")

// send waits until v is sent. done may be nil (wait forever).
func (c *Chan[T]) send(v T, done <-chan struct{}) error {
	if c.buf != nil {
		return c.sendBuffered(v, done)
	}
	return c.sendUnbuffered(v, done)
}

// recv waits for a value. done may be nil (wait forever).
func (c *Chan[T]) recv(done <-chan struct{}) (T, error) {
	if c.buf != nil {
		return c.recvBuffered(done)
	}
	return c.recvUnbuffered(done)
}

// SendContext sends v, waiting as Send does, but returns ctx.Err() if ctx is
// done first, and ErrClosed instead of panicking if c is closed. A send that
// returns an error never delivers v, then or later. If the send can complete
// at once it does, even when ctx is already done.
func (c *Chan[T]) SendContext(ctx context.Context, v T) error {
	if c.buf != nil && c.policy != dropOld && !c.sendq.pending() && c.buf.TryPush(v) {
		c.pushed()
		return nil
	}
	err := c.send(v, ctx.Done())
	if err == errCanceled {
		return ctx.Err()
	}
	return err
}

// RecvContext receives a value, waiting as Recv does, but returns ctx.Err()
// if ctx is done first (having taken nothing), and ErrClosed when c is
// closed and drained. If a value is available at once it is returned, even
// when ctx is already done.
func (c *Chan[T]) RecvContext(ctx context.Context) (T, error) {
	if c.buf != nil && c.policy != dropOld && !c.recvq.pending() {
		if v, ok := c.buf.TryPop(); ok {
			c.popped()
			return v, nil
		}
	}
	v, err := c.recv(ctx.Done())
	if err == errCanceled {
		return v, ctx.Err()
	}
	return v, err
}
