package mpmc_test

import (
	"context"
	"fmt"
	"time"

	"github.com/hoare-go/hoare/mpmc"
)

// Replacing a native channel: the same program with ch := make(chan int, 4).
func Example() {
	c := mpmc.New[int](4)
	go func() {
		for i := range 3 {
			c.Send(i * i)
		}
		c.Close()
	}()
	for v := range c.All() {
		fmt.Println(v)
	}
	// Output:
	// 0
	// 1
	// 4
}

func ExampleChan_TrySend() {
	c := mpmc.New[string](1)
	fmt.Println(c.TrySend("a"))
	fmt.Println(c.TrySend("b"))
	c.Close()
	fmt.Println(c.TrySend("c"))
	// Output:
	// <nil>
	// mpmc: operation would block
	// mpmc: channel closed
}

func ExampleChan_TrySendMany() {
	c := mpmc.New[int](4)
	fmt.Println(c.TrySendMany([]int{1, 2, 3})) // one run: all fit
	fmt.Println(c.TrySendMany([]int{4, 5, 6})) // room for one more
	buf := make([]int, 8)
	fmt.Println(buf[:c.RecvMany(buf)])
	// Output:
	// 3 <nil>
	// 1 mpmc: operation would block
	// [1 2 3 4]
}

func ExampleChan_RecvContext() {
	c := mpmc.New[int](0)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	_, err := c.RecvContext(ctx)
	fmt.Println(err)
	// Output:
	// context deadline exceeded
}

func ExampleSliding() {
	c := mpmc.New[int](2, mpmc.Sliding())
	for i := range 5 {
		c.Send(i) // never blocks: the oldest value makes room
	}
	c.Close()
	for v := range c.All() {
		fmt.Println(v)
	}
	// Output:
	// 3
	// 4
}

func ExampleChan_SendAsync() {
	c := mpmc.New[string](0)
	c.SendAsync("hello", func(ok bool) { fmt.Println("put done:", ok) })
	v, ok := c.Recv() // completes the pending put; its callback runs here
	fmt.Println(v, ok)
	// Output:
	// put done: true
	// hello true
}
