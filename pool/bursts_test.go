// No task stays queued while every worker sleeps: bursts of short
// tasks with NUMA shards, idle expiry and resizing, each burst must finish.

package pool_test

import (
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/hoare-go/hoare/pool"
)

func TestBurstsAlwaysFinish(t *testing.T) {
	checkLeaks(t)
	for _, o := range []pool.Options{
		{Workers: 2, NUMA: true, SysfsRoot: "testdata/two-nodes"},
		{Workers: 3, NUMA: true, SysfsRoot: "testdata/four-nodes-offline", QueueSize: 8, IdleTimeout: 100 * time.Microsecond},
		{Workers: 2, IdleTimeout: 50 * time.Microsecond, QueueSize: 2},
		{Workers: 5, NUMA: true, SysfsRoot: "testdata/two-nodes", IdleTimeout: 20 * time.Microsecond, QueueSize: 4},
	} {
		p := newPool(t, o)
		for round := range 400 {
			if round%50 == 49 {
				p.Resize(1 + rand.IntN(5))
			}
			n := 1 + rand.IntN(20)
			var wg sync.WaitGroup
			wg.Add(n)
			subs := 1 + rand.IntN(3)
			var sw sync.WaitGroup
			for s := range subs {
				sw.Add(1)
				go func() {
					defer sw.Done()
					for i := s; i < n; i += subs {
						if err := p.Submit(func() { wg.Done() }); err != nil {
							t.Error(err)
							wg.Done()
						}
					}
				}()
			}
			done := make(chan struct{})
			go func() { wg.Wait(); close(done) }()
			select {
			case <-done:
			case <-time.After(3 * time.Second):
				t.Fatalf("%+v round %d: burst of %d did not finish\n%s", o, round, n, p.DebugState())
			}
			sw.Wait()
			if rand.IntN(4) == 0 {
				time.Sleep(time.Duration(rand.IntN(300)) * time.Microsecond)
			}
		}
		p.Close()
	}
}
