package pool_test

import (
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/hoare-go/hoare/pool"
)

// A randomized net for lost wake-ups, with idle expiry, NUMA, Goexit
// replacement and Resize between rounds: with W workers, W tasks that each
// wait for all W to start must all start; one left queued while a worker
// sleeps is a lost wake-up. It failed within seconds before grown workers
// carried the spinning role (TestGrownWorkerCarriesRole).
func TestBarrierNoLostWake(t *testing.T) {
	for round := range 24 {
		w := 2 + round%3
		o := pool.Options{Workers: w, QueueSize: 8}
		if round%2 == 1 {
			o.NUMA, o.SysfsRoot = true, "testdata/two-nodes"
		}
		if round%4 >= 2 {
			o.IdleTimeout = time.Duration(1+rand.IntN(5)) * 100 * time.Microsecond
		}
		p := newPool(t, o)
		for it := range 200 {
			var started sync.WaitGroup
			started.Add(w)
			all := make(chan struct{})
			var finished sync.WaitGroup
			finished.Add(w)
			for range w {
				if err := p.Submit(func() {
					defer finished.Done()
					started.Done()
					<-all
				}); err != nil {
					t.Fatal(err)
				}
			}
			ok := make(chan struct{})
			go func() { started.Wait(); close(ok) }()
			select {
			case <-ok:
			case <-time.After(5 * time.Second):
				buf := make([]byte, 1<<20)
				buf = buf[:runtime.Stack(buf, true)]
				close(all) // let the tasks end so that Close can finish
				go p.Close()
				t.Fatalf("round %d it %d (%+v): not all %d tasks started: lost wake-up\n%s", round, it, o, w, buf)
			}
			close(all)
			finished.Wait()
			switch rand.IntN(8) {
			case 0:
				time.Sleep(time.Duration(rand.IntN(1500)) * time.Microsecond)
			case 1:
				p.Submit(func() { runtime.Goexit() })
			case 2:
				p.Resize(w + 1)
				p.Resize(w)
			case 3:
				for range rand.IntN(20) {
					p.Submit(func() {})
				}
			}
		}
		p.Close()
	}
}
