// The non-blocking loops: producers or consumers that use TrySend or
// TryRecv, yielding when the operation fails, as a goroutine with other
// work to do writes them. BenchmarkTrySend and BenchmarkTryRecv time only
// the failing operation; these time the loop as a whole, where most
// operations succeed while the other side is busy on the same channel.
//
// Names: BenchmarkTryProdCons/impl=<name>/procs=PxC/cap=N/op=<side>, where
// op=send has the producers use TrySend (the consumers Recv) and op=recv
// has the consumers use TryRecv (the producers Send). impl=native uses a
// select with a default case.
package runtime_bench

import (
	"fmt"
	"runtime"
	"sync"
	"testing"

	"github.com/hoare-go/hoare/internal/workload"
	"github.com/hoare-go/hoare/mpmc"
)

// BenchmarkTryProdCons is MPMC 4x4 at cap 1024 with one side non-blocking.
func BenchmarkTryProdCons(b *testing.B) {
	const P, C, capacity = 4, 4, 1024
	for _, op := range []string{"send", "recv"} {
		trySend, tryRecv := op == "send", op == "recv"
		suffix := fmt.Sprintf("/procs=%dx%d/cap=%d/op=%s", P, C, capacity, op)
		b.Run("impl=native"+suffix, func(b *testing.B) {
			workload.Run(b, func(n int) error {
				c := make(chan int, capacity)
				send := func(v int) {
					if !trySend {
						c <- v
						return
					}
					for {
						select {
						case c <- v:
							return
						default:
							runtime.Gosched()
						}
					}
				}
				recv := func() int {
					if !tryRecv {
						return <-c
					}
					for {
						select {
						case v := <-c:
							return v
						default:
							runtime.Gosched()
						}
					}
				}
				return tryProdCons(P, C, n, send, recv)
			})
		})
		b.Run("impl=hoare"+suffix, func(b *testing.B) {
			workload.Run(b, func(n int) error {
				c := mpmc.New[int](capacity)
				send := func(v int) {
					if !trySend {
						c.Send(v)
						return
					}
					for c.TrySend(v) != nil {
						runtime.Gosched()
					}
				}
				recv := func() int {
					if !tryRecv {
						v, _ := c.Recv()
						return v
					}
					for {
						v, err := c.TryRecv()
						if err == nil {
							return v
						}
						runtime.Gosched()
					}
				}
				return tryProdCons(P, C, n, send, recv)
			})
		})
	}
}

// tryProdCons moves 0..n-1 from P producers to C consumers, each side
// taking its share, and checks the sum received.
func tryProdCons(P, C, n int, send func(int), recv func() int) error {
	var wg sync.WaitGroup
	sums := make([]int, C)
	for p := range P {
		wg.Go(func() {
			from, cnt := workload.Share(p, P, n)
			for v := from; v < from+cnt; v++ {
				send(v)
			}
		})
	}
	for k := range C {
		wg.Go(func() {
			_, cnt := workload.Share(k, C, n)
			s := 0
			for range cnt {
				s += recv()
			}
			sums[k] = s
		})
	}
	wg.Wait()
	return checkSum("TryProdCons", total(sums), n)
}
