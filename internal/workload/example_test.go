// Examples of running a workload outside a benchmark, as the tests do.

package workload_test

import (
	"fmt"

	"github.com/hoare-go/hoare/internal/workload"
)

// A workload is made once (its channels), then moves n messages per call and checks
// that every value arrived exactly once.
func Example() {
	for _, im := range []workload.Impl{workload.Native, workload.Hoare} {
		body := workload.ProdCons(im, 64, 4, 4) // 4 producers, 4 consumers, capacity 64
		fmt.Println(im.Name, body(10000))
	}
	// Output:
	// native <nil>
	// hoare <nil>
}

// A lost value is reported with the workload and the implementation.
func ExampleProdCons_loss() {
	drop := workload.Impl{Name: "drop", New: func(c int) workload.Chan { return dropFirst{workload.Native.New(c)} }}
	fmt.Println(workload.ProdCons(drop, 8, 1, 1)(100))
	// Output:
	// workload: ProdCons 1x1 cap=8 impl=drop: received sum 5049 for n=100, want 5050 (a value was lost or duplicated)
}

// dropFirst wraps a channel and loses the first value each RecvN receives.
type dropFirst struct{ workload.Chan }

func (d dropFirst) RecvN(n int) int {
	if n == 0 {
		return 0
	}
	first := d.Chan.RecvN(1)
	_ = first // lost
	return d.Chan.RecvN(n - 1)
}
