// multicast: a Mult whose taps share one ring, each reading it with its own
// cursor; the Disruptor's multicast.
//
// Source: LMAX Disruptor (Thompson et al., 2011): one ring buffer written by
// one producer, each consumer with a sequence of its own; the producer may
// overwrite a slot only once every consumer's sequence has passed it. A Mult
// copies each value into a channel per tap; a Multicast writes it once, and
// a tap reads it where it lies, so a value costs the writer one store and
// each tap one load and one store, and a tap that falls behind reads a whole
// run of values for one wake-up.
//
// Semantics, as a Mult's whose taps each have a buffer of size values: every
// value taken from the source reaches every tap present when it is written,
// in order; the source is read only while the slowest tap is less than size
// values behind; with no taps values are dropped.
//
// Invariants:
//   - tail is the number of values written; slot s%size holds value s for
//     s in [tail-size, tail). The writer stores a slot before publishing it
//     by tail (a seq-cst store), and a tap loads tail before reading slots
//     below it: the tail store and load carry the value.
//   - A tap's pos is the next value it reads, stored only by the tap. The
//     writer writes value s only when every tap in taps has pos > s-size, so
//     no slot is overwritten before every tap has read it.
//   - A tap joins taps at the published tail, and then starts at tail as it
//     is once it is listed. The writer looks at taps after it published
//     its tail; one that did not see the new tap (and so wrote on without
//     regard to it) looked before the tap was listed, and so published a
//     tail no later than where the tap starts: it overwrites no value the
//     tap will read.
//   - A tap reads up to tapRun slots at once into copied and receives them
//     one by one, storing pos after each: pos stays the next value it
//     receives, and the slots from there are held for it as before.
//   - A tap leaves taps only while no read of its is under way: the reader
//     sets pos's reading bit and then looks at left before it reads slots;
//     Untap sets left and then looks at the bit, and if a read is under way
//     leaves the removal to the reader, which looks at left again once its
//     read is done (a Dekker pair; unlist may so run twice, which is
//     harmless). Else a tap untapped in the middle of a read could see its
//     slot overwritten.
//   - A tap waits for the writer by a Dekker pair: it sets its wait flag
//     and then re-reads tail; the writer stores tail and then reads the
//     flags. Bells are channels of capacity 1, so a ring is never lost.
//   - The writer waits for the taps by a Dekker pair whose tap side is
//     cheap. The writer sets need (the pos every tap must reach for room
//     for one value) and then its flag, which stays set for the whole wait,
//     and then reads pos. A tap stores pos, with a store-release when it
//     receives a value it copied before (recheckAfter says why), and then
//     reads the flag; when pos has just reached need it stores pos again,
//     sequentially consistent, and rings the writer's bell: a tap behind
//     rings once per wait, a tap ahead never (Tap and Untap ring whenever
//     the writer waits). That second store is there because the ring may
//     find the bell full and rely on the token in it: the writer, taking
//     that token, must then see pos. The one window left is the moment the
//     writer sets its flag, when a tap's store-release may reach it late
//     and the tap read the flag early, before the flag is set: so the
//     writer reads pos once more recheckAfter into its wait, whatever woke
//     it. The pos stores that move the reading bit stay sequentially
//     consistent (the Dekker pair with Untap needs them).
package flow

import (
	"context"
	"fmt"
	"iter"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hoare-go/hoare/internal/pad"
	"github.com/hoare-go/hoare/internal/release"
	"github.com/hoare-go/hoare/mpmc"
)

// A Multicast copies every value of a source channel to each of its taps,
// as a Mult does, through one shared ring of a fixed size instead of a
// channel per tap. Make one with NewMulticast; join it with Tap.
type Multicast[T any] struct {
	tail    atomic.Uint64 // values written
	_       pad.Line
	buf     []T
	mask    uint64
	mu      sync.Mutex                         // serializes Tap and Untap
	taps    atomic.Pointer[[]*MulticastTap[T]] // immutable snapshot, replaced under mu
	closed  atomic.Bool                        // the source is closed and drained, or ctx is done
	waiting atomic.Bool                        // the writer waits for the slowest tap: set for the whole wait
	need    atomic.Uint64                      // while waiting: the pos every tap must reach; set before waiting
	bell    chan struct{}                      // capacity 1: rung by a tap that reached need, or by Tap and Untap, while the writer waits
	stopped <-chan struct{}                    // ctx.Done()
	timer   *time.Timer                        // the writer's recheck; made by the writer, in its synctest bubble
}

// A MulticastTap reads a Multicast's values, each once, in order. It is
// read by one goroutine at a time (its cursor is its own).
type MulticastTap[T any] struct {
	pos     atomic.Uint64 // the next value this tap reads, and the reading bit
	_       pad.Line
	m       *Multicast[T]
	waiting atomic.Bool   // the tap waits for the writer
	bell    chan struct{} // capacity 1: rung by the writer after it published
	left    atomic.Bool   // Untap was called
	copied  []T           // values read from the ring at pos, pos+1...: copied[next:] not yet received
	next    int
}

// tapRun is the most values a tap reads from the ring at once: one
// announcement (the reading bit) for the run, which it then receives one
// by one, moving pos as it goes, so the writer still sees each value held
// until it is received.
const tapRun = 16

// NewMulticast starts taking values from in and writing them to a ring of
// size values (rounded up to a power of two) that every tap reads. It
// panics if size < 1 or size > 1<<40 (half the largest int where int has
// 32 bits), or if in is nil.
//
// Who closes what: when in is closed and drained, or ctx is done, the
// Multicast is closed: each tap receives what was written and it has not
// read yet, and then ok == false. It never closes in.
func NewMulticast[T any](ctx context.Context, in *mpmc.Chan[T], size int) *Multicast[T] {
	mustChan("NewMulticast", "in", in)
	if size < 1 || size > maxSize {
		panic(fmt.Sprintf("flow: NewMulticast size %d: must be at least 1 and at most %d", size, maxSize))
	}
	n := 1
	for n < size {
		n <<= 1
	}
	m := &Multicast[T]{buf: make([]T, n), mask: uint64(n - 1), bell: make(chan struct{}, 1), stopped: ctx.Done()}
	m.taps.Store(new([]*MulticastTap[T]))
	go m.write(ctx, in)
	return m
}

// reading is the bit of a tap's pos set while the tap reads a slot (see
// the file comment). Positions never reach it: 1<<63 values would take
// centuries.
const reading = 1 << 63

// write is the Multicast's goroutine.
func (m *Multicast[T]) write(ctx context.Context, in *mpmc.Chan[T]) {
	defer m.close()
	size := uint64(len(m.buf))
	tail := m.tail.Load()
	low := tail // a lower bound of every tap's pos (taps only move forward; a new one starts at tail)
	var run [runLen]T
	for {
		if tail-low >= size { // the ring may be full: look again, then wait
			if low = m.minPos(tail); tail-low >= size {
				if low = m.room(tail, size); tail-low >= size {
					return // ctx done
				}
			}
		}
		free := min(size-(tail-low), runLen) // values that fit without waiting
		var n int
		if ctx.Done() == nil {
			n = in.RecvMany(run[:free]) // a run of what the source holds: one publish for it
		} else if v, err := recvCtx(ctx, in); err == nil {
			run[0], n = v, 1
		}
		if n == 0 {
			return
		}
		for i := range n {
			m.buf[(tail+uint64(i))&m.mask] = run[i]
		}
		tail += uint64(n)
		clear(run[:n])
		m.publish(tail)
	}
}

// room publishes what is written and waits until every tap has read value
// tail-size; it returns the taps' lowest pos then, or earlier if ctx is
// done.
func (m *Multicast[T]) room(tail, size uint64) uint64 {
	m.publish(tail)               // taps must see what is written before we wait for them
	m.need.Store(tail - size + 1) // room for one value
	m.waiting.Store(true)         // seq-cst: then read pos; a tap that reaches need rings the bell
	defer m.waiting.Store(false)
	low := m.minPos(tail)
	if tail-low < size {
		return low
	}
	if m.timer == nil {
		m.timer = time.NewTimer(recheckAfter)
	} else {
		m.timer.Reset(recheckAfter)
	}
	defer m.timer.Stop()
	recheck := m.timer.C // the one look of this wait that no tap asked for; nil once taken
	for {
		select {
		case <-m.bell:
		case <-recheck:
			recheck = nil
		case <-m.stopped:
			return low
		}
		if low = m.minPos(tail); tail-low < size {
			return low
		}
	}
}

// recheckAfter is when a waiting writer reads the taps' pos once more
// whatever woke it (see the file comment): long after any store-release a
// tap made around the moment the writer set its flag is visible, which
// takes nanoseconds. It costs a waiting writer one timer per wait, and
// buys the taps a store-release per value instead of a sequentially
// consistent store, which waits for the writer's copy of pos's cache line.
// Together with ringing only on reaching need, and with the sequentially
// consistent store of the tap that reaches need: FlowMult through a
// Multicast 18.6% faster, 17.5% less CPU (10 rounds; either change alone
// made no difference benchstat could tell; results/2026-11-29-vm-11).
const recheckAfter = 50 * time.Microsecond

// minPos returns the lowest pos of the taps, or tail with none.
func (m *Multicast[T]) minPos(tail uint64) uint64 {
	min := tail
	for _, t := range *m.taps.Load() {
		if p := t.pos.Load() &^ reading; p < min {
			min = p
		}
	}
	return min
}

// publish makes the values below tail visible and wakes the taps that wait.
func (m *Multicast[T]) publish(tail uint64) {
	if m.tail.Load() == tail {
		return
	}
	m.tail.Store(tail) // seq-cst: the slots below tail are written; then read the flags
	for _, t := range *m.taps.Load() {
		if t.waiting.Load() {
			t.waiting.Store(false)
			ring(t.bell)
		}
	}
}

// close marks the Multicast closed and wakes every tap.
func (m *Multicast[T]) close() {
	m.closed.Store(true)
	for _, t := range *m.taps.Load() {
		t.waiting.Store(false)
		ring(t.bell)
	}
}

func ring(bell chan struct{}) {
	select {
	case bell <- struct{}{}:
	default: // already rung
	}
}

// Tap joins the Multicast: the new tap receives every value written after
// this call.
//
// Who closes what: a tap is not a channel, and the caller has nothing to
// close: the tap ends (ok == false after the values written before) when
// the Multicast is closed, that is when in is closed and drained or ctx is
// done; a tap made after that ends at once. Tap never closes in. A tap that
// is no longer read should be untapped: else the writer, and so the
// Multicast, waits for it once it is a ring's size behind.
func (m *Multicast[T]) Tap() *MulticastTap[T] {
	t := &MulticastTap[T]{m: m, bell: make(chan struct{}, 1), copied: make([]T, 0, tapRun)}
	m.mu.Lock()
	t.pos.Store(m.tail.Load()) // before it is listed: the writer never sees it behind
	ts := append(append([]*MulticastTap[T](nil), *m.taps.Load()...), t)
	m.taps.Store(&ts) // seq-cst: then look at tail again
	m.mu.Unlock()
	// Start at tail as it is now that t is listed (see the file comment):
	// the writer may have overwritten values from the first look on.
	t.pos.Store(m.tail.Load()) // seq-cst: then read the writer's flag
	if m.waiting.Load() {      // the writer may wait for t at its first pos
		ring(m.bell)
	}
	return t
}

// Untap leaves the Multicast: the tap holds the writer back no more, and its
// receives report ok == false.
//
// Who closes what: Untap ends this tap alone: from then its receives report
// ok == false (a Recv waiting on it returns at once), even if values were
// written that it has not read, which the end of the Multicast would still
// let it read. It closes neither in nor the Multicast, and the other taps
// go on. Untapping twice is allowed.
func (t *MulticastTap[T]) Untap() {
	t.left.Store(true) // seq-cst: then look for a read under way
	if t.pos.Load()&reading == 0 {
		t.unlist()
	} // else the reader unlists t once its read is done
	ring(t.bell)
}

// unlist takes t off the writer's list of taps, and wakes the writer, which
// may have been waiting for t. Untap, or t's reader after Untap, calls it;
// unlisting twice changes nothing.
func (t *MulticastTap[T]) unlist() {
	m := t.m
	m.mu.Lock()
	old := *m.taps.Load()
	ts := make([]*MulticastTap[T], 0, len(old))
	for _, u := range old {
		if u != t {
			ts = append(ts, u)
		}
	}
	m.taps.Store(&ts) // seq-cst: then read the writer's flag
	m.mu.Unlock()
	if m.waiting.Load() {
		ring(m.bell)
	}
}

// Recv receives the tap's next value, waiting for the writer if it has none.
// ok is false once the Multicast is closed and the tap has read every value,
// or after Untap.
func (t *MulticastTap[T]) Recv() (v T, ok bool) {
	v, err := t.recv(nil)
	return v, err == nil
}

// RecvContext is Recv that returns ctx.Err() if ctx is done first, and
// mpmc.ErrClosed where Recv reports ok == false.
func (t *MulticastTap[T]) RecvContext(ctx context.Context) (T, error) {
	v, err := t.recv(ctx.Done())
	if err == errStopped {
		return v, ctx.Err()
	}
	return v, err
}

// All returns an iterator over the tap's values, for use with range.
func (t *MulticastTap[T]) All() iter.Seq[T] {
	return func(yield func(T) bool) {
		for {
			v, ok := t.Recv()
			if !ok || !yield(v) {
				return
			}
		}
	}
}

// received moves the tap's pos to pos, once the value before it is
// received, and wakes the writer if it waits. The store is a
// store-release: see the file comment for how the writer still sees it.
func (t *MulticastTap[T]) received(pos uint64) {
	release.Store(&t.pos, pos)
	if m := t.m; m.waiting.Load() && pos == m.need.Load() {
		// seq-cst, once per wait: ring may find the bell full and leave it
		// to the token there, so pos must be visible before ring looks.
		t.pos.Store(pos)
		ring(m.bell)
	}
}

func (t *MulticastTap[T]) recv(done <-chan struct{}) (T, error) {
	m := t.m
	pos := t.pos.Load()
	var zero T
	for {
		if t.left.Load() {
			return zero, mpmc.ErrClosed
		}
		if t.next < len(t.copied) { // read before, not yet received
			v := t.copied[t.next]
			t.copied[t.next] = zero
			t.next++
			t.received(pos + 1)
			return v, nil
		}
		if tail := m.tail.Load(); pos < tail { // load tail, then the slots it covers
			t.pos.Store(pos | reading) // seq-cst: then look at left (see the file comment)
			if t.left.Load() {
				t.pos.Store(pos)
				t.unlist() // Untap may have seen the bit: the removal may be ours
				return zero, mpmc.ErrClosed
			}
			t.copied = t.copied[:min(tail-pos, uint64(cap(t.copied)))]
			for i := range t.copied {
				t.copied[i] = m.buf[(pos+uint64(i))&m.mask]
			}
			v := t.copied[0]
			t.copied[0] = zero
			t.next = 1
			t.pos.Store(pos + 1) // seq-cst, as the bit's: clears it, the slots are read; then read left and the flag
			if m.waiting.Load() && pos+1 == m.need.Load() {
				ring(m.bell)
			}
			if t.left.Load() {
				t.unlist() // Untap saw the bit and left the removal to us
			}
			return v, nil
		}
		if m.closed.Load() {
			if pos < m.tail.Load() {
				continue // written before the close
			}
			return zero, mpmc.ErrClosed
		}
		t.waiting.Store(true)
		if pos < m.tail.Load() || m.closed.Load() { // re-check after the flag
			t.waiting.Store(false)
			continue
		}
		select {
		case <-t.bell:
		case <-done:
			t.waiting.Store(false)
			return zero, errStopped
		}
	}
}
