package mpmc_test

// Linearizability of mpmc.Chan: a few goroutines run small random mixes of
// Send, Recv, TrySend, TryRecv, SendContext and RecvContext (with contexts
// already canceled or about to time out), SendAsync and RecvAsync (an
// operation from its call to its callback), Len and Close on one channel, and
// porcupine checks the history against a sequential model
// (internal/linear): a bounded FIFO with a closed flag and the channel's
// full-buffer policy for capacities 1, 2 and 4, and a rendezvous for
// capacity 0, where each blocking operation is recorded as an offer and a
// completion. Many seeds, small histories; a rejected history is printed
// with its seed and configuration, each operation named by the call that
// made it (TrySend, SendAsync...), since the model sees only Send or Recv.

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/anishathalye/porcupine"
	"github.com/hoare-go/hoare/internal/linear"
	"github.com/hoare-go/hoare/mpmc"
)

// linConfig is one channel configuration under test.
type linConfig struct {
	cap    int
	policy linear.Policy
}

func (c linConfig) String() string { return fmt.Sprintf("cap=%d policy=%v", c.cap, c.policy) }

func (c linConfig) new() *mpmc.Chan[int] {
	switch c.policy {
	case linear.Drop:
		return mpmc.New[int](c.cap, mpmc.Dropping())
	case linear.Slide:
		return mpmc.New[int](c.cap, mpmc.Sliding())
	}
	return mpmc.New[int](c.cap)
}

func (c linConfig) model() porcupine.Model {
	if c.cap == 0 {
		return linear.Rendezvous()
	}
	return linear.Queue(c.cap, c.policy)
}

// res turns an mpmc error into a recorded outcome.
func res(err error) linear.Res {
	switch err {
	case nil:
		return linear.OK
	case mpmc.ErrClosed:
		return linear.Closed
	case mpmc.ErrWouldBlock:
		return linear.WouldBlock
	case context.Canceled, context.DeadlineExceeded:
		return linear.Canceled
	}
	panic(fmt.Sprintf("mpmc linearizability: unexpected error %v", err))
}

// sendClosed runs a blocking Send and reports Closed if it panicked with
// mpmc's send-on-closed panic.
func sendClosed(f func()) (r linear.Res) {
	defer func() {
		if p := recover(); p != nil {
			if e, ok := p.(error); !ok || e.Error() != "mpmc: send on closed channel" {
				panic(p)
			}
			r = linear.Closed
		}
	}()
	f()
	return linear.OK
}

// chanHistory runs one random history: workers goroutines of opsEach
// operations, and a closer that closes the channel after closeAfter
// operations have completed, or as soon as the workers stop making progress
// (all blocked), or once they are done; it then closes again to see the
// panic.
func chanHistory(cfg linConfig, c *mpmc.Chan[int], seed uint64, workers, opsEach, closeAfter int) *linear.Log {
	var log linear.Log
	clients := make([]*linear.Client, workers)
	for g := range clients {
		clients[g] = log.Client()
	}
	closer := log.Client()
	var completed, finished atomic.Int64 // operations completed; workers finished
	start := linear.NewStartLine(workers)
	var wg sync.WaitGroup
	for g, cl := range clients {
		rng := rand.New(rand.NewPCG(seed, uint64(g)))
		wg.Go(func() {
			defer finished.Add(1) // the closer stops waiting for us
			start.Wait()
			for i := range opsEach {
				linear.Jitter(rng)
				chanOp(cfg, c, cl, rng, g*1000+i)
				completed.Add(1) // progress, for the closer
			}
		})
	}
	wg.Go(func() {
		last, stalled := int64(-1), time.Now()
		for finished.Load() < int64(workers) && completed.Load() < int64(closeAfter) {
			if n := completed.Load(); n != last {
				last, stalled = n, time.Now()
			} else if time.Since(stalled) > time.Millisecond {
				break // everyone left is blocked: only Close can free them
			}
			time.Sleep(20 * time.Microsecond)
		}
		for range 2 {
			closer.Do(linear.Input{Op: linear.Close}, func() (out linear.Output) {
				defer func() {
					if recover() != nil {
						out.Res = linear.Panicked
					}
				}()
				c.Close()
				return linear.Output{Res: linear.OK}
			})
		}
	})
	wg.Wait()
	log.Wait() // every async operation has been called back (Close calls back the pending ones)
	return &log
}

// chanOp runs one random operation; v is the value it sends, and for a
// receiver of an unbuffered channel its ID.
func chanOp(cfg linConfig, c *mpmc.Chan[int], cl *linear.Client, rng *rand.Rand, v int) {
	unbuffered := cfg.cap == 0
	// blocking records a blocking operation: on an unbuffered channel as an
	// offer and a completion (see internal/linear/rendezvous.go).
	blocking := func(form string, send bool, f func() linear.Output) {
		switch {
		case !unbuffered && send:
			cl.Do(linear.Input{Op: linear.Send, V: v, Form: form}, f)
		case !unbuffered:
			cl.Do(linear.Input{Op: linear.Recv, Form: form}, f)
		case send:
			cl.DoSplit(linear.Input{Op: linear.SendBegin, V: v, Form: form}, linear.Input{Op: linear.SendEnd, V: v, Form: form}, f)
		default:
			cl.DoSplit(linear.Input{Op: linear.RecvBegin, ID: v, Form: form}, linear.Input{Op: linear.RecvEnd, ID: v, Form: form}, f)
		}
	}
	ctx := func() (context.Context, context.CancelFunc) {
		if rng.IntN(2) == 0 {
			ctx, cancel := context.WithCancel(context.Background())
			cancel() // already done: the operation may still complete at once
			return ctx, cancel
		}
		return context.WithTimeout(context.Background(), time.Duration(rng.IntN(50))*time.Microsecond)
	}
	switch k := rng.IntN(24); {
	case k < 4:
		blocking("Send", true, func() linear.Output { return linear.Output{Res: sendClosed(func() { c.Send(v) })} })
	case k < 8:
		blocking("Recv", false, func() linear.Output {
			w, ok := c.Recv()
			if !ok {
				return linear.Output{Res: linear.Closed}
			}
			return linear.Output{V: w}
		})
	case k < 11:
		cl.Do(linear.Input{Op: linear.Send, V: v, Form: "TrySend"}, func() linear.Output { return linear.Output{Res: res(c.TrySend(v))} })
	case k < 14:
		cl.Do(linear.Input{Op: linear.Recv, Form: "TryRecv"}, func() linear.Output {
			w, err := c.TryRecv()
			return linear.Output{V: w, Res: res(err)}
		})
	case k < 16:
		ctx, cancel := ctx()
		blocking("SendContext", true, func() linear.Output { return linear.Output{Res: res(c.SendContext(ctx, v))} })
		cancel()
	case k < 18:
		ctx, cancel := ctx()
		blocking("RecvContext", false, func() linear.Output {
			w, err := c.RecvContext(ctx)
			return linear.Output{V: w, Res: res(err)}
		})
		cancel()
	case k < 20:
		if !unbuffered {
			cl.Do(linear.Input{Op: linear.Len}, func() linear.Output { return linear.Output{N: c.Len()} })
		}
	case k < 22: // SendAsync: returns at once; the operation ends when its callback runs
		var finish func(linear.Output)
		if unbuffered {
			finish = cl.StartSplit(&linear.Input{Op: linear.SendBegin, V: v, Form: "SendAsync"}, linear.Input{Op: linear.SendEnd, V: v, Form: "SendAsync"})
		} else {
			finish = cl.Start(linear.Input{Op: linear.Send, V: v, Form: "SendAsync"})
		}
		c.SendAsync(v, func(ok bool) {
			if ok {
				finish(linear.Output{Res: linear.OK})
			} else {
				finish(linear.Output{Res: linear.Closed})
			}
		})
	default: // RecvAsync
		var finish func(linear.Output)
		if unbuffered {
			finish = cl.StartSplit(&linear.Input{Op: linear.RecvBegin, ID: v, Form: "RecvAsync"}, linear.Input{Op: linear.RecvEnd, ID: v, Form: "RecvAsync"})
		} else {
			finish = cl.Start(linear.Input{Op: linear.Recv, Form: "RecvAsync"})
		}
		c.RecvAsync(func(w int, ok bool) {
			if ok {
				finish(linear.Output{V: w, Res: linear.OK})
			} else {
				finish(linear.Output{Res: linear.Closed})
			}
		})
	}
}

// checkLinearizable checks seeded histories of ~100 operations over configs
// in turn: at least minSeeds of them, and more, up to a time budget, until
// enough operations truly overlapped.
func checkLinearizable(t *testing.T, configs []linConfig, minSeeds int, budget time.Duration) {
	if testing.Short() {
		minSeeds, budget = minSeeds/4, 0
	}
	ops, overlapping, seeds := 0, 0, 0
	for begin := time.Now(); seeds < minSeeds || overlapping < 5000 && time.Since(begin) < budget; seeds++ {
		seed := uint64(seeds)
		cfg := configs[seeds%len(configs)]
		closeAfter := 20 + int(seed*7%80)
		h := chanHistory(cfg, cfg.new(), seed, 3, 30, closeAfter).History()
		ops, overlapping = ops+len(h), overlapping+linear.Overlapping(h)
		if !linear.Check(t, fmt.Sprintf("mpmc %v seed=%d", cfg, seed), cfg.model(), h, 10*time.Second) {
			return
		}
	}
	t.Logf("%d histories, %d operations, %d overlapping another goroutine's", seeds, ops, overlapping)
}

// TestLinearizable: buffered channels, blocking and dropping.
func TestLinearizable(t *testing.T) {
	checkLinearizable(t, []linConfig{{1, linear.Block}, {2, linear.Block}, {4, linear.Block},
		{1, linear.Drop}, {2, linear.Drop}}, 100, 2*time.Second)
}

// TestLinearizableUnbuffered: the rendezvous. It failed when written (see
// /tmp/mpmc-findings.md): Close swept the send queue one entry per lock hold
// and receivers still paired with the senders left in it; passes since
// d79ebd0 ("close atomically").
func TestLinearizableUnbuffered(t *testing.T) {
	checkLinearizable(t, []linConfig{{0, linear.Block}}, 60, time.Second)
}

// TestLinearizableSliding: a sliding buffer. It failed when written (see
// /tmp/mpmc-findings.md, "a send that fails on Close can first discard a
// buffered value"): the slide is a pop then a push, and Close can fall
// between them.
func TestLinearizableSliding(t *testing.T) {
	checkLinearizable(t, []linConfig{{1, linear.Slide}, {2, linear.Slide}}, 60, time.Second)
}
