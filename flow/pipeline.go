// pipeline: core.async's pipeline, n workers between two channels, with
// the outputs in the order of the inputs.
//
// Source: clojure.core.async/pipeline, pipeline-blocking, pipeline-async.
// core.async gives every input a result channel, queues the result channels
// in input order, and lets one go block drain them in turn. Here the inputs
// get sequence numbers and a ring of 2n slots holds their outputs; there is
// no collector goroutine: the worker that completes the oldest outstanding
// input sends its outputs, and those of every later input already
// complete, to the output channel (combining), while the other workers go
// on. No allocation per input (PipelineAsync's per-input channel aside).
//
// Invariants:
//   - Sequence numbers are taken under recvMu together with the receive, so
//     seq order is the order in which values left from.
//   - A worker receives input seq only when seq < emitted + len(slots): slot
//     seq % len(slots) is then free, owned by that worker until it marks it
//     ready, then by the emitter until emitted passes seq.
//   - At most one goroutine emits at a time (emitting, under mu); a slot
//     marked ready while nobody emits is emitted by its own worker, so no
//     ready slot is left behind.
//   - Outputs reach to in input order, each input's in the order emitted.
//   - The last worker to exit has seen every emission end; it closes to (if
//     asked) and then done.
package flow

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/hoare-go/hoare/mpmc"
)

// Pipeline takes values from from, has n goroutines call f on them, and
// sends what f emits to to, in the order of the inputs: all outputs of an
// input come before any output of a later input. f may call emit any
// number of times (0..n outputs per input, as a core.async transducer);
// emit must not be used after f returns. When f returns an error, the
// outputs it emitted stand, and onErr (if not nil) is called with the input
// and the error and may emit more, as core.async's ex-handler. Up to 2n
// inputs are in flight at once.
//
// Who closes what: when from is closed and drained and every output has
// been sent, Pipeline closes to if close is true, and then the returned
// channel, which carries no values. If ctx is done, or to is found closed,
// Pipeline stops taking inputs, drops the outputs not yet sent, and closes
// the same way. It never closes from. It panics if n < 1 or n > 1<<39
// (less where int has 32 bits), or if to, from or f is nil.
func Pipeline[T, R any](ctx context.Context, n int, to *mpmc.Chan[R], f func(v T, emit func(R)) error, from *mpmc.Chan[T], close bool, onErr func(v T, err error, emit func(R))) *mpmc.Chan[struct{}] {
	mustFunc("Pipeline", "f", f == nil)
	return startPipeline(ctx, "Pipeline", n, to, from, close, func(_ context.Context, v T, emit func(R)) {
		if err := f(v, emit); err != nil && onErr != nil {
			onErr(v, err, emit)
		}
	})
}

// PipelineBlocking is Pipeline for f that blocks (on I/O, say). core.async
// needs it to keep such work off its go-block threads; goroutines may block,
// so here it is Pipeline itself, kept for the name.
func PipelineBlocking[T, R any](ctx context.Context, n int, to *mpmc.Chan[R], f func(v T, emit func(R)) error, from *mpmc.Chan[T], close bool, onErr func(v T, err error, emit func(R))) *mpmc.Chan[struct{}] {
	return Pipeline(ctx, n, to, f, from, close, onErr)
}

// PipelineAsync is Pipeline for asynchronous work, as core.async's
// pipeline-async: for each input, af is called with it and a new channel,
// should start the work and return at once; the work sends the input's
// outputs on that channel and closes it (af owns it). The outputs reach to
// in input order; at most n inputs are worked on at once. Closing is as
// for Pipeline. When the pipeline stops early (ctx done, to closed) it no
// longer receives from the per-input channels, so the work should not block
// sending on them: give it the same ctx (SendContext), or send with
// SendAsync.
func PipelineAsync[T, R any](ctx context.Context, n int, to *mpmc.Chan[R], af func(v T, out *mpmc.Chan[R]), from *mpmc.Chan[T], close bool) *mpmc.Chan[struct{}] {
	mustFunc("PipelineAsync", "af", af == nil)
	return startPipeline(ctx, "PipelineAsync", n, to, from, close, func(ctx context.Context, v T, emit func(R)) {
		out := mpmc.New[R](1)
		af(v, out)
		for {
			r, err := recvCtx(ctx, out)
			if err != nil {
				return // closed by the work, or stopping
			}
			emit(r)
		}
	})
}

// pipeline is the state the workers of one Pipeline share.
type pipeline[T, R any] struct {
	ctx      context.Context
	stop     context.CancelFunc // ends the pipeline early (to found closed)
	from     *mpmc.Chan[T]
	to       *mpmc.Chan[R]
	work     func(ctx context.Context, v T, emit func(R))
	recvMu   sync.Mutex           // serializes receive and numbering
	next     uint64               // the next sequence number (guarded by recvMu)
	mu       sync.Mutex           // guards emitting and the slots' ready flags
	emitting bool                 // a worker is sending outputs to to
	emitted  atomic.Uint64        // inputs whose outputs are all sent (or dropped)
	waiting  atomic.Bool          // the receiving worker waits for a free slot
	room     *mpmc.Chan[struct{}] // capacity 1: a token when a slot frees
	slots    []pslot[R]
	live     atomic.Int32 // workers still running
	close    bool
	done     *mpmc.Chan[struct{}]
}

// pslot holds one input's outputs from its worker to the emitter.
type pslot[R any] struct {
	out   []R
	ready bool    // the worker is finished (guarded by mu)
	emit  func(R) // appends to out; made once
}

func startPipeline[T, R any](ctx context.Context, name string, n int, to *mpmc.Chan[R], from *mpmc.Chan[T], close bool, work func(context.Context, T, func(R))) *mpmc.Chan[struct{}] {
	if n < 1 || n > maxSize/2 { // 2n slots
		panic(fmt.Sprintf("flow: %s n %d: must be at least 1 and at most %d", name, n, maxSize/2))
	}
	mustChan(name, "to", to)
	mustChan(name, "from", from)
	p := &pipeline[T, R]{from: from, to: to, work: work, close: close,
		room: mpmc.New[struct{}](1), slots: make([]pslot[R], 2*n), done: mpmc.New[struct{}](0)}
	p.ctx, p.stop = context.WithCancel(ctx)
	for i := range p.slots {
		s := &p.slots[i]
		s.emit = func(r R) { s.out = append(s.out, r) }
	}
	p.live.Store(int32(n))
	for range n {
		go p.worker()
	}
	return p.done
}

func (p *pipeline[T, R]) worker() {
	defer func() {
		if p.live.Add(-1) == 0 { // the last worker: every emission has ended
			p.stop()
			if p.close {
				closeQuietly(p.to)
			}
			p.done.Close()
		}
	}()
	w := uint64(len(p.slots))
	for {
		p.recvMu.Lock()
		seq := p.next
		for seq >= p.emitted.Load()+w { // the ring is full: wait for the emitter
			p.waiting.Store(true) // seq-cst, then re-check: pairs with the emitter's Add then Load
			if seq < p.emitted.Load()+w {
				break
			}
			if _, err := p.room.RecvContext(p.ctx); err != nil {
				p.recvMu.Unlock()
				return
			}
		}
		v, err := recvCtx(p.ctx, p.from)
		if err != nil {
			p.recvMu.Unlock()
			return
		}
		p.next++
		p.recvMu.Unlock()

		s := &p.slots[seq%w]
		p.work(p.ctx, v, s.emit)
		p.complete(seq)
	}
}

// complete marks input seq's outputs ready and, unless another worker is
// emitting, emits every ready input from the oldest outstanding one on.
func (p *pipeline[T, R]) complete(seq uint64) {
	w := uint64(len(p.slots))
	p.mu.Lock()
	p.slots[seq%w].ready = true
	if p.emitting {
		p.mu.Unlock() // the emitter will find it
		return
	}
	p.emitting = true
	for {
		s := &p.slots[p.emitted.Load()%w]
		if !s.ready {
			p.emitting = false
			p.mu.Unlock()
			return
		}
		s.ready = false
		p.mu.Unlock()
		for _, r := range s.out {
			if p.ctx.Err() != nil {
				break // stopping: the rest is dropped
			}
			if p.to.SendContext(p.ctx, r) == mpmc.ErrClosed {
				p.stop() // to closed: stop taking inputs, as core.async does
			}
		}
		clear(s.out) // the slot keeps no reference
		s.out = s.out[:0]
		p.emitted.Add(1)      // hands the slot back to the receiving worker
		if p.waiting.Load() { // seq-cst after the Add: see the worker's wait loop
			p.waiting.Store(false)
			p.room.TrySend(struct{}{})
		}
		p.mu.Lock()
	}
}
