package ring_test

import (
	"fmt"

	"github.com/hoare-go/hoare/ring"
)

func ExampleMPMC() {
	r := ring.NewMPMC[string](2)
	fmt.Println(r.TryPush("a"), r.TryPush("b"), r.TryPush("c"))
	v, ok := r.TryPop()
	fmt.Println(v, ok, r.Len(), r.Cap())
	// Output:
	// true true false
	// a true 1 2
}

func ExampleSPSC_PushMany() {
	r := ring.NewSPSC[int](4)
	n := r.PushMany([]int{1, 2, 3, 4, 5, 6})
	buf := make([]int, 8)
	m := r.PopMany(buf)
	fmt.Println(n, buf[:m])
	// Output:
	// 4 [1 2 3 4]
}
