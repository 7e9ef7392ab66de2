// Exactly-once with tasks that Submit from inside tasks (blocking,
// on tiny queues, so they block at Close), Close racing, idle expiry and
// NUMA stealing mixed in.

package pool_test

import (
	"errors"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hoare-go/hoare/pool"
)

func TestNestedSubmitRacingClose(t *testing.T) {
	checkLeaks(t)
	for round := range 60 {
		o := pool.Options{Workers: 1 + round%3, QueueSize: 1 + round%4}
		if round%2 == 1 {
			o.NUMA, o.SysfsRoot = true, "testdata/two-nodes"
		}
		if round%3 == 2 {
			o.IdleTimeout = 50 * time.Microsecond
		}
		p := newPool(t, o)
		const max = 20000
		var ran [max]atomic.Int32
		var accepted [max]atomic.Bool
		var next atomic.Int32
		var mk func(depth int) (int, func())
		var submit func(depth int, try bool)
		submit = func(depth int, try bool) {
			id, f := mk(depth)
			if id < 0 {
				return
			}
			var err error
			if try {
				err = p.TrySubmit(f)
			} else {
				err = p.Submit(f)
			}
			switch {
			case err == nil:
				accepted[id].Store(true)
			case errors.Is(err, pool.ErrClosed), errors.Is(err, pool.ErrWouldBlock):
			default:
				t.Error(err)
			}
		}
		mk = func(depth int) (int, func()) {
			id := int(next.Add(1)) - 1
			if id >= max {
				return -1, nil
			}
			return id, func() {
				ran[id].Add(1)
				if depth < 3 {
					submit(depth+1, id%2 == 0)
					submit(depth+1, false)
				}
			}
		}
		var wg sync.WaitGroup
		for range 3 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range 300 {
					submit(0, i%4 == 0)
				}
			}()
		}
		time.Sleep(time.Duration(rand.IntN(3000)) * time.Microsecond)
		closed := make(chan error)
		go func() { closed <- p.Close() }()
		select {
		case err := <-closed:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("round %d %+v: Close hung\n%s", round, o, p.DebugState())
		}
		wg.Wait()
		for id := range min(int(next.Load()), max) {
			want := int32(0)
			if accepted[id].Load() {
				want = 1
			}
			if got := ran[id].Load(); got != want {
				t.Fatalf("round %d %+v: task %d ran %d times; accepted %v", round, o, id, got, accepted[id].Load())
			}
		}
	}
}

// Close called concurrently from several goroutines: exactly one nil, the
// rest ErrClosed, none returns before the workers are gone, and a queued
// backlog (with blocked submitters) is run or refused, never dropped.
func TestConcurrentClose(t *testing.T) {
	checkLeaks(t)
	for round := range 50 {
		p := newPool(t, pool.Options{Workers: 2, QueueSize: 2, NUMA: round%2 == 0, SysfsRoot: "testdata/two-nodes"})
		var ran, acc atomic.Int32
		var wg sync.WaitGroup
		for range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 50 {
					if p.Submit(func() { time.Sleep(time.Microsecond); ran.Add(1) }) == nil {
						acc.Add(1)
					}
				}
			}()
		}
		var nils atomic.Int32
		var cw sync.WaitGroup
		for range 4 {
			cw.Add(1)
			go func() {
				defer cw.Done()
				err := p.Close()
				if err == nil {
					nils.Add(1)
				} else if !errors.Is(err, pool.ErrClosed) {
					t.Error(err)
				}
				if m := p.Metrics(); m.Workers != 0 {
					t.Errorf("Close returned with %d workers", m.Workers)
				}
			}()
		}
		cw.Wait()
		wg.Wait()
		if nils.Load() != 1 || ran.Load() != acc.Load() {
			t.Fatalf("round %d: %d nil Closes; %d accepted, %d ran", round, nils.Load(), acc.Load(), ran.Load())
		}
	}
}
