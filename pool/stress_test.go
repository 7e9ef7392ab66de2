package pool_test

import (
	"errors"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hoare-go/hoare/pool"
)

// Mixed stress (from a review): Goexit and panicking tasks, idle expiry,
// Resize, NUMA, tiny queues (blocked submitters), Close in the middle.
// Every accepted task runs exactly once, and nothing hangs.
func TestStressMixed(t *testing.T) {
	for round := range 100 {
		o := pool.Options{Workers: 1 + round%3, QueueSize: 1 << (round % 3), PanicHandler: func(any) {}}
		if round%2 == 1 {
			o.NUMA, o.SysfsRoot = true, "testdata/two-nodes"
		}
		if round%3 != 0 {
			o.IdleTimeout = time.Duration(1+round%5) * 50 * time.Microsecond
		}
		p := newPool(t, o)
		const submitters, per = 3, 200
		var ran [submitters * per]atomic.Int32
		var accepted [submitters * per]bool
		var wg sync.WaitGroup
		for s := range submitters {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range per {
					id := s*per + i
					kind := rand.IntN(10)
					task := func() {
						ran[id].Add(1)
						switch kind {
						case 0:
							runtime.Goexit()
						case 1:
							panic(id)
						}
					}
					var err error
					if i%3 == 0 {
						err = p.TrySubmit(task)
					} else {
						err = p.Submit(task)
					}
					switch {
					case err == nil:
						accepted[id] = true
					case errors.Is(err, pool.ErrClosed), errors.Is(err, pool.ErrWouldBlock):
					default:
						t.Error(err)
					}
					if i%50 == 0 {
						time.Sleep(time.Duration(rand.IntN(300)) * time.Microsecond)
					}
				}
			}()
		}
		stop := make(chan struct{})
		var rw sync.WaitGroup
		rw.Add(1)
		go func() {
			defer rw.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				p.Resize(1 + rand.IntN(3))
				time.Sleep(time.Duration(rand.IntN(200)) * time.Microsecond)
			}
		}()
		time.Sleep(time.Duration(rand.IntN(3000)) * time.Microsecond)
		closed := make(chan struct{})
		go func() { p.Close(); close(closed) }()
		select {
		case <-closed:
		case <-time.After(10 * time.Second):
			buf := make([]byte, 1<<20)
			buf = buf[:runtime.Stack(buf, true)]
			t.Fatalf("round %d: Close hung\n%s", round, buf)
		}
		close(stop)
		rw.Wait()
		wg.Wait()
		for id := range accepted {
			want := int32(0)
			if accepted[id] {
				want = 1
			}
			if got := ran[id].Load(); got != want {
				t.Fatalf("round %d: task %d ran %d times; accepted %v", round, id, got, accepted[id])
			}
		}
	}
}
