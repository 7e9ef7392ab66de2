// Chan: the channel type, its construction, and what every flavour shares.
//
// A Chan is one of two flavours, fixed at New:
//   - buffered (capacity > 0): a lock-free ring (ring.MPMC) plus two wait
//     queues; see buffered.go.
//   - unbuffered (capacity == 0): a rendezvous; two wait queues under one
//     lock, a value handed from sender to receiver; see unbuffered.go.
//
// Invariants:
//   - buf != nil exactly when the channel is buffered; policy != block only
//     then.
//   - An unbuffered channel's closed is set once, by Close, and never
//     cleared. A buffered channel keeps no flag of its own: it is closed
//     when its ring's mark bit is set (ring.MPMC.Closed), the one step that
//     orders Close against pushes.
package mpmc

import (
	"errors"
	"fmt"
	"iter"
	"sync/atomic"

	"github.com/hoare-go/hoare/internal/pad"
	"github.com/hoare-go/hoare/ring"
)

// ErrClosed is returned by the operations native channels lack when the
// channel is closed; for a receive, when it is closed and drained.
var ErrClosed = errors.New("mpmc: channel closed")

// ErrWouldBlock is returned by TrySend and TryRecv when the operation cannot
// complete now.
var ErrWouldBlock = errors.New("mpmc: operation would block")

// Chan is a channel of values of type T, used by any number of goroutines.
// It behaves as a native chan T does wherever the two share a name (Send is
// ch <- v, Recv is v, ok := <-ch, Close is close(ch)), panics included, and
// adds operations native channels lack, which return errors instead.
//
// The zero value is not usable; make one with New. A Chan must not be
// copied after first use.
type Chan[T any] struct {
	buf      *ring.MPMC[T] // the buffer; nil when unbuffered
	blocking *ring.MPMC[T] // buf when policy == block, else nil: TrySend and TryRecv look at one field
	cap      int           // the capacity given to New
	policy   policy        // what a send does when the buffer is full
	closed   atomic.Bool   // set by Close; unbuffered only (a buffer's is the ring's mark)
	recvq    waitq[T]      // receivers waiting: for a value (buffered) or a sender (unbuffered)
	sendq    waitq[T]      // senders waiting: for room (buffered) or a receiver (unbuffered)
	locks    [2]lock       // recvq.mu and sendq.mu point here
	spare    spare         // a Waiter lent to selects (select.go)
}

// lock is a mutex alone on its cache line, so the two queues' locks do not
// share one.
type lock struct {
	mutex
	_ pad.Line
}

// policy is what a send does when the buffer is full.
type policy uint8

const (
	block   policy = iota // wait for room, as native channels do
	dropNew               // discard the value being sent (core.async dropping-buffer)
	dropOld               // discard the oldest buffered value (core.async sliding-buffer)
)

// maxCap is the largest capacity New accepts (ring.MPMC's limit).
const maxCap = 1 << 40

// An Option configures a Chan at New.
type Option func(*options)

type options struct{ policy policy }

// Dropping makes a full channel accept a send at once and discard the value
// sent, as core.async's dropping-buffer. It needs capacity >= 1.
func Dropping() Option { return func(o *options) { o.policy = dropNew } }

// Sliding makes a full channel accept a send at once and discard the oldest
// buffered value, as core.async's sliding-buffer. It needs capacity >= 1.
func Sliding() Option { return func(o *options) { o.policy = dropOld } }

// New returns a channel that buffers exactly capacity values; with capacity
// 0 it is unbuffered, and a send completes only when a receiver takes the
// value, as with make(chan T). New panics if capacity < 0, or if Dropping or
// Sliding is given with capacity 0.
func New[T any](capacity int, opts ...Option) *Chan[T] {
	if capacity < 0 {
		panic(fmt.Sprintf("mpmc: New capacity %d: must not be negative", capacity))
	}
	if uint64(capacity) > maxCap {
		panic(fmt.Sprintf("mpmc: New capacity %d: larger than the largest, %d", capacity, uint64(maxCap)))
	}
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	c := &Chan[T]{cap: capacity, policy: o.policy}
	c.recvq.mu = &c.locks[0].mutex
	c.locks[0].spin, c.locks[1].spin = c.spins(), c.spins() // mutex.go says why
	if capacity == 0 {
		if o.policy != block {
			panic(fmt.Sprintf("mpmc: New capacity 0 with %s: a %s buffer needs capacity >= 1", o.policy, o.policy))
		}
		c.sendq.mu = c.recvq.mu // a rendezvous matches the two queues under one lock
		c.recvq.rendezvous, c.sendq.rendezvous = true, true
		return c
	}
	c.sendq.mu = &c.locks[1].mutex
	c.buf = ring.NewMPMC[T](capacity)
	if o.policy == block {
		c.blocking = c.buf
	}
	return c
}

func (p policy) String() string {
	switch p {
	case dropNew:
		return "Dropping()"
	case dropOld:
		return "Sliding()"
	}
	return "blocking"
}

// Len returns the number of values buffered, as len(ch).
func (c *Chan[T]) Len() int {
	if c.buf == nil {
		return 0
	}
	if c.policy == dropOld { // not in the middle of a slide (see popClosed)
		c.sendq.mu.Lock()
		defer c.sendq.mu.Unlock()
	}
	return c.buf.Len()
}

// Cap returns the capacity given to New, as cap(ch).
func (c *Chan[T]) Cap() int { return c.cap }

// Send sends v, blocking until it is buffered or, when unbuffered, taken by
// a receiver, as ch <- v. It panics if c is closed, also when c is closed
// while Send is blocked.
func (c *Chan[T]) Send(v T) {
	if c.buf != nil && c.policy != dropOld && !c.sendq.pending() && c.buf.TryPush(v) {
		c.pushed() // fast path: room in the ring
		return
	}
	if err := c.send(v, nil); err != nil {
		panic(errSendClosed)
	}
}

// Recv receives a value, blocking until one is available, as v, ok := <-ch.
// ok is false only when c is closed and drained; v is then the zero value.
func (c *Chan[T]) Recv() (v T, ok bool) {
	if c.buf != nil && c.policy != dropOld && !c.recvq.pending() {
		if v, ok = c.buf.TryPop(); ok {
			c.popped() // fast path: a value in the ring, and nobody queued ahead
			return v, true
		}
	}
	v, err := c.recv(nil)
	return v, err == nil
}

// TrySend sends v if it can do so without blocking: it returns nil when v
// was sent, ErrWouldBlock when the buffer is full (or, when unbuffered, no
// receiver is waiting), and ErrClosed when c is closed. It never panics.
func (c *Chan[T]) TrySend(v T) error {
	// A failing TrySend on a full buffer is the usual hot loop of a producer
	// that has something else to do; it is answered inline, by three loads
	// (KnownFull), once a push has found the ring full at this tail. A
	// succeeding one does not read head, the consumers' line, on the way.
	// (Full, two loads, always reads it: with it, BenchmarkTryProdCons's
	// loop of 4 producers on TrySend was 4.5 times slower, and a failing
	// TrySend 14% faster.) KnownFull is false on a closed ring, so a
	// closed channel takes trySend.
	if r := c.blocking; r != nil && r.KnownFull() {
		return ErrWouldBlock
	}
	return c.trySend(v)
}

// trySend is TrySend past its inlined check.
func (c *Chan[T]) trySend(v T) error {
	if c.buf != nil {
		if c.policy != dropOld && !c.sendq.pending() {
			if c.buf.TryPush(v) {
				c.pushed()
				return nil
			}
			if c.policy == block && !c.buf.Closed() {
				return ErrWouldBlock // full, and not closed
			}
		}
		return c.trySendFull(v)
	}
	return c.trySendUnbuffered(v)
}

// TryRecv receives a value if one is available now. It returns
// ErrWouldBlock when none is, and ErrClosed when c is closed and drained.
func (c *Chan[T]) TryRecv() (T, error) {
	// As TrySend: an empty, open buffer answers inline (KnownEmpty), and a
	// value is taken without reading tail, the producers' line, when the
	// slot at head holds one (TryPop). Only a blocking buffer, through the
	// field TrySend reads: a sliding buffer can look empty for an instant
	// in the middle of a slide, and a dropping one takes tryRecv's first
	// look, one call further.
	if r := c.blocking; r != nil && r.KnownEmpty() {
		var zero T
		return zero, ErrWouldBlock
	}
	return c.tryRecv()
}

// tryRecv is TryRecv past its inlined check.
func (c *Chan[T]) tryRecv() (T, error) {
	if c.buf != nil {
		if c.policy != dropOld && !c.recvq.pending() {
			v, ok := c.buf.TryPop()
			if ok {
				c.popped()
				return v, nil
			}
			if !c.buf.Closed() {
				return v, ErrWouldBlock // empty, and not closed: no second look needed
			}
		}
		return c.tryRecvEmpty()
	}
	return c.tryRecvUnbuffered()
}

// Close closes c, as close(ch): receivers drain what is buffered and then
// get ok == false; blocked senders panic; pending SendAsync callbacks get
// false. Close panics if c is already closed.
func (c *Chan[T]) Close() {
	if c.buf == nil {
		c.closeUnbuffered()
		return
	}
	if !c.closeRing() {
		panic(errCloseClosed)
	}
	c.closeBuffered()
}

// closeRing sets the ring's mark, after which no push succeeds, and
// reports false if it was already set. On a sliding channel it does so
// under the lock of sliding sends, never between one's pop and its push.
func (c *Chan[T]) closeRing() bool {
	if c.policy == dropOld {
		c.sendq.mu.Lock()
		defer c.sendq.mu.Unlock()
	}
	return c.buf.Close()
}

// All returns an iterator over the values received from c, for use with
// range: `for v := range c.All()` is `for v := range ch`. It ends when c is
// closed and drained, or when the loop breaks.
func (c *Chan[T]) All() iter.Seq[T] {
	return func(yield func(T) bool) {
		for {
			v, ok := c.Recv()
			if !ok || !yield(v) {
				return
			}
		}
	}
}

// The panics of the native-named operations carry native's words, prefixed
// with the package, so that code that recovers and matches them still
// recognises them.
var (
	errSendClosed  = plainError("mpmc: send on closed channel")
	errCloseClosed = plainError("mpmc: close of closed channel")
)

// plainError is a runtime.Error-like panic value, as the runtime's own
// channel panics are.
type plainError string

func (e plainError) Error() string { return string(e) }
