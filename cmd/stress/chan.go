// Channel workloads: mpmc.Chan under producers and consumers that use every
// form of send and receive, with closes and context cancels injected.
//
// One harness (chanRound) runs Senders producers and Receivers consumers on
// one channel; a workload is the pair of styles they use: blocking
// Send/Recv, TrySend/TryRecv, SendContext/RecvContext with random cancels,
// SendAsync/RecvAsync, SendMany/RecvMany, or a random mix per operation.
// The channel is closed either after every producer has finished, or, in a
// third of the rounds, at a random moment while they are still sending
// (Round.CloseEarly): producers then see the close (a panic recovered,
// ErrClosed, or done(false)) and stop, and consumers drain what was
// accepted.
//
// Invariants:
//   - A producer marks each value accepted or rejected in the Ledger exactly
//     as its send reported; an async send is marked by its callback.
//   - A producer never has an async send pending when it starts a
//     synchronous one, so "values from one sender arrive in the order it
//     sent them" is unambiguous.
//   - A consumer returns only when the channel is closed and drained.
package main

import (
	"context"
	"errors"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hoare-go/hoare/mpmc"
)

// msg is what flows through every workload's channels.
type msg struct {
	id uint64 // sender<<32 | seq
	t  int64  // the clock at send, or 0 when this value is not sampled
}

func init() {
	both := func(name string, s sendStyle, rv recvStyle, unbuf bool) Workload {
		return Workload{Name: "mpmc/" + name, Policies: true, Unbuf: unbuf, Baseline: "native/blocking",
			Run: func(r *Round) { chanRound(r, newChan(r), s, rv) }}
	}
	register(
		both("blocking", sendBlocking, recvBlocking, true),
		both("range", sendBlocking, recvAll, true),
		both("try", sendTry, recvTry, false),
		both("try-unbuffered", sendTry, recvBlocking, true),
		both("context", sendContext, recvContext, true),
		both("async", sendAsync, recvAsync, true),
		both("mixed", sendMixed, recvMixed, true),
		Workload{Name: "mpmc/batch", Policies: true, Unbuf: true, Baseline: "native/blocking", Run: func(r *Round) {
			r.CloseEarly = 0 // a SendMany cut by Close cannot say which of its values went
			chanRound(r, newChan(r), nil, recvMany)
		}},
	)
}

func newChan(r *Round) *mpmc.Chan[msg] {
	switch r.Policy {
	case Dropping:
		return mpmc.New[msg](r.Cap, mpmc.Dropping())
	case Sliding:
		return mpmc.New[msg](r.Cap, mpmc.Sliding())
	}
	return mpmc.New[msg](r.Cap)
}

// producer is one sending goroutine's state.
type producer struct {
	r       *Round
	c       *mpmc.Chan[msg]
	s       int
	rng     *rand.Rand
	pending atomic.Int64 // async sends not yet called back
	closed  atomic.Bool  // a callback saw the channel closed
	done    sync.WaitGroup
}

// consumer is one receiving goroutine's state.
type consumer struct {
	r   *Round
	c   *mpmc.Chan[msg]
	rec *Receiver
	lat *Samples
	rng *rand.Rand
	buf []msg
	sig chan bool // RecvAsync's callback to its consumer: ok

	faults atomic.Int64 // values seen, for -inject
}

// inject is the -inject flag: a fault the consumers of the mpmc workloads
// introduce on purpose ("lose", "dup" or "reorder" their 100th value), to
// show that the run catches it and exits non-zero.
var inject string

func (q *consumer) got(m msg) {
	if inject != "" && q.faults.Add(1) == 100 { // the 100th value a consumer gets
		switch inject {
		case "lose":
			return
		case "dup":
			q.rec.Got(m.id)
		case "reorder":
			q.rec.Got(m.id)
			m.id--
		}
	}
	q.rec.Got(m.id)
	if m.t != 0 {
		q.lat.Add(q.r.Elapsed(m.t))
	}
}

// sendStyle sends m (value seq of the producer), marks the ledger, and
// reports whether the producer should stop (the channel is closed).
type sendStyle func(p *producer, m msg, seq int) (stop bool)

// recvStyle receives at least one value or learns that the channel is
// closed and drained, which it reports.
type recvStyle func(q *consumer) (drained bool)

// chanRound runs the round on c. send == nil means batches (SendMany).
func chanRound(r *Round, c *mpmc.Chan[msg], send sendStyle, recv recvStyle) {
	var senders, receivers sync.WaitGroup
	for s := range r.Senders {
		p := &producer{r: r, c: c, s: s, rng: r.rng(s)}
		senders.Go(func() {
			if send == nil {
				sendBatches(p)
				return
			}
			for seq := range r.PerSender {
				m := r.message(s, seq)
				if send(p, m, seq) || p.closed.Load() {
					break
				}
			}
			p.done.Wait() // every async callback has run
		})
	}
	for g := range r.Receivers {
		q := &consumer{r: r, c: c, rec: r.Ledger.NewReceiver(), lat: r.NewSamples(), rng: r.rng(100 + g), sig: make(chan bool, 1)}
		receivers.Go(func() {
			for !recv(q) {
			}
		})
	}
	if r.CloseEarly > 0 {
		time.Sleep(r.CloseEarly)
		c.Close()
		senders.Wait()
	} else {
		senders.Wait()
		c.Close()
	}
	receivers.Wait()
}

// sendOrPanic runs a blocking send; it reports false if the send panicked
// because the channel was closed.
func sendOrPanic(f func()) (ok bool) {
	defer func() {
		if p := recover(); p != nil {
			if e, isErr := p.(error); !isErr || e.Error() != "mpmc: send on closed channel" && e.Error() != "send on closed channel" {
				panic(p) // not the close we injected: a real failure
			}
			ok = false
		}
	}()
	f()
	return true
}

func mark(p *producer, seq int, ok bool) (stop bool) {
	if ok {
		p.r.Ledger.Accept(p.s, seq)
		return false
	}
	p.r.Ledger.Reject(p.s, seq)
	return true
}

func sendBlocking(p *producer, m msg, seq int) bool {
	return mark(p, seq, sendOrPanic(func() { p.c.Send(m) }))
}

func sendTry(p *producer, m msg, seq int) bool {
	for i := 0; ; i++ {
		switch err := p.c.TrySend(m); err {
		case nil:
			return mark(p, seq, true)
		case mpmc.ErrClosed:
			return mark(p, seq, false)
		case mpmc.ErrWouldBlock:
			runtime.Gosched()
		default:
			panic("stress: TrySend returned " + err.Error())
		}
	}
}

// randCtx is a context that is already canceled, times out within 300µs,
// or never ends.
func randCtx(rng *rand.Rand) (context.Context, context.CancelFunc) {
	switch rng.IntN(4) {
	case 0:
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		return ctx, cancel
	case 1, 2:
		return context.WithTimeout(context.Background(), time.Duration(1+rng.IntN(300))*time.Microsecond)
	}
	return context.Background(), func() {}
}

func sendContext(p *producer, m msg, seq int) bool {
	for {
		ctx, cancel := randCtx(p.rng)
		err := p.c.SendContext(ctx, m)
		cancel()
		switch {
		case err == nil:
			return mark(p, seq, true)
		case err == mpmc.ErrClosed:
			return mark(p, seq, false)
		case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
			atomic.AddInt64(&p.r.Canceled, 1) // then retry the same value
		default:
			panic("stress: SendContext returned " + err.Error())
		}
	}
}

func sendAsync(p *producer, m msg, seq int) bool {
	for p.pending.Load() >= 256 { // well below the channel's 1024 limit
		runtime.Gosched()
	}
	p.pending.Add(1)
	p.done.Add(1)
	p.c.SendAsync(m, func(ok bool) {
		if mark(p, seq, ok) {
			p.closed.Store(true) // the producer stops at its next value
		}
		p.pending.Add(-1)
		p.done.Done()
	})
	return false
}

func sendMixed(p *producer, m msg, seq int) bool {
	k := p.rng.IntN(4)
	if k != 3 {
		for p.pending.Load() > 0 { // no async send pending under a synchronous one
			runtime.Gosched()
		}
	}
	switch k {
	case 0:
		return sendBlocking(p, m, seq)
	case 1:
		if p.c.Cap() == 0 {
			return sendBlocking(p, m, seq) // try against try on a rendezvous would never meet
		}
		return sendTry(p, m, seq)
	case 2:
		return sendContext(p, m, seq)
	}
	return sendAsync(p, m, seq)
}

// sendBatches sends the producer's values in runs of 1..32 with SendMany.
func sendBatches(p *producer) {
	r := p.r
	stride := r.stride()
	batch := make([]msg, 0, 32)
	for seq := 0; seq < r.PerSender; {
		n := min(1+p.rng.IntN(32), r.PerSender-seq)
		batch = batch[:0]
		for i := range n {
			m := msg{id: id(p.s, seq+i)}
			if (seq+i)%stride == 0 {
				m.t = r.Stamp()
			}
			batch = append(batch, m)
		}
		p.c.SendMany(batch)
		for i := range n {
			r.Ledger.Accept(p.s, seq+i)
		}
		seq += n
	}
}

func recvBlocking(q *consumer) bool {
	m, ok := q.c.Recv()
	if ok {
		q.got(m)
	}
	return !ok
}

func recvAll(q *consumer) bool {
	for m := range q.c.All() {
		q.got(m)
	}
	return true
}

func recvTry(q *consumer) bool {
	for {
		switch m, err := q.c.TryRecv(); err {
		case nil:
			q.got(m)
			return false
		case mpmc.ErrClosed:
			return true
		case mpmc.ErrWouldBlock:
			runtime.Gosched()
		default:
			panic("stress: TryRecv returned " + err.Error())
		}
	}
}

func recvContext(q *consumer) bool {
	ctx, cancel := randCtx(q.rng)
	m, err := q.c.RecvContext(ctx)
	cancel()
	switch {
	case err == nil:
		q.got(m)
	case err == mpmc.ErrClosed:
		return true
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		atomic.AddInt64(&q.r.Canceled, 1)
	default:
		panic("stress: RecvContext returned " + err.Error())
	}
	return false
}

// recvAsync makes one RecvAsync and waits for its callback, which may run on
// a sender's goroutine.
func recvAsync(q *consumer) bool {
	q.c.RecvAsync(func(m msg, ok bool) {
		if ok {
			q.got(m) // the consumer is blocked on sig: the record is ours now
		}
		q.sig <- ok
	})
	return !<-q.sig
}

func recvMany(q *consumer) bool {
	if q.buf == nil {
		q.buf = make([]msg, 32)
	}
	n := q.c.RecvMany(q.buf[:1+q.rng.IntN(32)])
	for _, m := range q.buf[:n] {
		q.got(m)
	}
	return n == 0
}

func recvMixed(q *consumer) bool {
	switch q.rng.IntN(5) {
	case 0:
		return recvBlocking(q)
	case 1:
		if q.c.Cap() == 0 {
			return recvBlocking(q)
		}
		return recvTry(q)
	case 2:
		return recvContext(q)
	case 3:
		return recvMany(q)
	}
	return recvAsync(q)
}
