// The native adapter: Go's built-in chan int, the base every other column is
// compared with. A non-blocking operation is a select with a default case, as Go's
// BenchmarkChanNonblocking writes it.
//
// Invariants: one method, one loop, no allocation.

package workload

type nativeChan chan int

func (c nativeChan) SendN(from, n int) {
	for i := from; i < from+n; i++ {
		c <- i
	}
}

func (c nativeChan) RecvN(n int) int {
	s := 0
	for range n {
		s += <-c
	}
	return s
}

// SendBatchN sends one by one: native channels have no batch operation.
func (c nativeChan) SendBatchN(from, n, _ int) { c.SendN(from, n) }

// RecvBatchN receives one by one: native channels have no batch operation.
func (c nativeChan) RecvBatchN(n, _ int) int { return c.RecvN(n) }

func (c nativeChan) TrySendN(n int) int {
	ok := 0
	for i := range n {
		select {
		case c <- i:
			ok++
		default:
		}
	}
	return ok
}

func (c nativeChan) TryRecvN(n int) int {
	ok := 0
	for range n {
		select {
		case <-c:
			ok++
		default:
		}
	}
	return ok
}

func (c nativeChan) SendRecvN(n int) int {
	s := 0
	for i := 1; i <= n; i++ {
		c <- i
		s += <-c
	}
	return s
}

func (c nativeChan) RelayN(out Chan, n int) int {
	o := out.(nativeChan)
	s := 0
	for range n {
		v := <-c
		o <- v
		s += v
	}
	return s
}

func (c nativeChan) AskN(reply Chan, n int) int {
	r := reply.(nativeChan)
	s := 0
	for i := 1; i <= n; i++ {
		c <- i
		s += <-r
	}
	return s
}
