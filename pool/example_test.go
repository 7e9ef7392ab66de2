// Runnable examples of the pool, checked by their // Output: lines.

package pool_test

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/hoare-go/hoare/pool"
)

func Example() {
	p, err := pool.New(pool.Options{}) // GOMAXPROCS workers, unpinned
	if err != nil {
		panic(err)
	}
	var sum atomic.Int64
	for i := 1; i <= 100; i++ {
		p.Submit(func() { sum.Add(int64(i)) })
	}
	p.Close() // runs what was queued, then stops every worker
	fmt.Println(sum.Load())
	fmt.Println(p.Submit(func() {}))
	// Output:
	// 5050
	// pool: closed
}

func ExampleReadTopology() {
	topo, err := pool.ReadTopology("testdata/two-nodes")
	if err != nil {
		panic(err)
	}
	fmt.Println(topo)
	fmt.Println(len(topo.CPUs), "CPUs; CPU 9 is on node", topo.NodeOf(9))

	// A container whose cgroup allows CPUs 4-11 of the same machine.
	topo, _ = pool.ReadTopology("testdata/cpuset")
	fmt.Println(topo)

	// No NUMA information: one node.
	topo, _ = pool.ReadTopology("testdata/no-node")
	fmt.Println(topo, topo.Fallback != "")
	// Output:
	// node0:0-7 node1:8-15
	// 16 CPUs; CPU 9 is on node 1
	// node0:4-7 node1:8-11
	// node0:0-3 true
}

func ExampleNew_numa() {
	// One shard per NUMA node of the described machine, 4 workers spread
	// over them in proportion.
	p, err := pool.New(pool.Options{NUMA: true, Workers: 4, SysfsRoot: "testdata/two-nodes"})
	if err != nil {
		panic(err)
	}
	defer p.Close()
	for _, n := range p.Metrics().Nodes {
		fmt.Printf("node %d: %d workers\n", n.Node, n.Workers)
	}
	// Output:
	// node 0: 2 workers
	// node 1: 2 workers
}

func ExampleNew_badOptions() {
	_, err := pool.New(pool.Options{Workers: -1})
	fmt.Println(err)
	_, err = pool.New(pool.Options{SysfsRoot: "testdata/two-nodes", CPUs: []int{3, 99}})
	fmt.Println(err)
	// Output:
	// pool: Options.Workers is -1; want >= 0 (0: GOMAXPROCS)
	// pool: bad Options.CPUs [3 99]: CPU 99 is not an allowed online CPU (allowed: 0-15)
}

func ExamplePool_TrySubmit() {
	p, _ := pool.New(pool.Options{Workers: 1, QueueSize: 2})
	defer p.Close()
	hold := make(chan struct{})
	started := make(chan struct{})
	p.Submit(func() { close(started); <-hold }) // the worker is busy
	<-started
	for range p.Cap() {
		p.TrySubmit(func() {}) // fill the queue
	}
	err := p.TrySubmit(func() {})
	fmt.Println(errors.Is(err, pool.ErrWouldBlock))
	close(hold)
	// Output:
	// true
}

func ExamplePool_Group() {
	p, _ := pool.New(pool.Options{})
	defer p.Close()
	g, ctx := p.Group(context.Background())
	var found atomic.Int32
	for i := range 10 {
		g.Go(func() error {
			if i == 7 {
				return fmt.Errorf("item %d is bad", i)
			}
			found.Add(1)
			return nil
		})
	}
	fmt.Println(g.Wait())
	fmt.Println(ctx.Err())
	// Output:
	// item 7 is bad
	// context canceled
}

func ExampleGo() {
	p, _ := pool.New(pool.Options{})
	defer p.Close()
	square := pool.Go(p, func() (int, error) { return 12 * 12, nil })
	v, err := square.Wait()
	fmt.Println(v, err)
	_, err = pool.Go(p, func() (int, error) { panic("oops") }).Wait()
	fmt.Println(err)
	// Output:
	// 144 <nil>
	// pool: task panicked: oops
}

func ExamplePool_Metrics() {
	p, _ := pool.New(pool.Options{Workers: 2, PanicHandler: func(v any) { fmt.Println("recovered:", v) }})
	p.Submit(func() {})
	p.Submit(func() { panic("task 2") })
	p.Close()
	m := p.Metrics()
	fmt.Println(m.Submitted, m.Completed, m.Panics, m.Running, m.Queued)
	// Output:
	// recovered: task 2
	// 2 2 1 0 0
}
