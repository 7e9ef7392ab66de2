// The pool workloads of runtime_bench on ants and pond; see doc.go.
//
// Invariants: benchmark names equal runtime_bench's, only impl differs, so
// `go tool benchstat -col /impl` lines up results of both modules.
package poolpeers

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/alitto/pond/v2"
	"github.com/hoare-go/hoare/internal/workload"
	"github.com/panjf2000/ants/v2"
)

var poolImpls = []workload.PoolImpl{
	{Name: "ants", Start: newAnts},
	{Name: "pond", Start: newPond},
}

type antsRunner struct{ p *ants.Pool }

func newAnts(b *testing.B) workload.Pool {
	p, err := ants.NewPool(runtime.GOMAXPROCS(0))
	if err != nil {
		b.Fatal(err)
	}
	return antsRunner{p}
}
func (r antsRunner) Submit(task func()) {
	if err := r.p.Submit(task); err != nil {
		panic(err)
	}
}
func (r antsRunner) Group(ctx context.Context, fanout int, task func() error) error {
	return workload.WaitGroupGroup(ctx, fanout, task, r.Submit)
}
func (r antsRunner) Close() { r.p.ReleaseTimeout(10 * time.Second) }

type pondRunner struct{ p pond.Pool }

func newPond(b *testing.B) workload.Pool { return pondRunner{pond.NewPool(runtime.GOMAXPROCS(0))} }
func (r pondRunner) Submit(task func()) {
	if err := r.p.Go(task); err != nil {
		panic(err)
	}
}
func (r pondRunner) Group(ctx context.Context, fanout int, task func() error) error {
	g := r.p.NewGroupContext(ctx)
	for range fanout {
		g.SubmitErr(task)
	}
	return g.Wait()
}
func (r pondRunner) Close() { r.p.StopAndWait() }

// The workloads are runtime_bench's, from internal/workload.

func BenchmarkPoolTiny(b *testing.B)  { workload.BenchPoolTiny(b, poolImpls) }
func BenchmarkPoolWork(b *testing.B)  { workload.BenchPoolWork(b, poolImpls) }
func BenchmarkPoolGroup(b *testing.B) { workload.BenchPoolGroup(b, poolImpls) }
