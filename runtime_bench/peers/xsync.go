// Adapters for github.com/puzpuzpuz/xsync/v4's bounded queues. Blocking is emulated
// the way xsync's README advises: retry the Try operation, runtime.Gosched() between
// attempts.
//
// Invariants: one method, one loop, no allocation; capacity 0 is run as 1 (a queue has
// no rendezvous); xsync-spsc is used only with one producer and one consumer. The two
// adapters are written out twice on purpose: a generic one would call the queue
// through a dictionary (an indirect call per operation), which the adapters of the
// other implementations do not pay.

package peers

import (
	"runtime"

	"github.com/hoare-go/hoare/internal/workload"
	"github.com/puzpuzpuz/xsync/v4"
)

// XsyncMPMC is xsync's MPMCQueue.
var XsyncMPMC = workload.Impl{Name: "xsync-mpmc", New: func(c int) workload.Chan {
	return xsyncMPMC{xsync.NewMPMCQueue[int](max(c, 1))}
}}

// XsyncSPSC is xsync's SPSCQueue: one producer goroutine, one consumer goroutine.
var XsyncSPSC = workload.Impl{Name: "xsync-spsc", New: func(c int) workload.Chan {
	return xsyncSPSC{xsync.NewSPSCQueue[int](max(c, 1))}
}}

// xsyncMPMC adapts xsync.MPMCQueue[int].
type xsyncMPMC struct{ q *xsync.MPMCQueue[int] }

func (x xsyncMPMC) send(v int) {
	for !x.q.TryEnqueue(v) {
		runtime.Gosched()
	}
}

func (x xsyncMPMC) recv() int {
	for {
		if v, ok := x.q.TryDequeue(); ok {
			return v
		}
		runtime.Gosched()
	}
}

func (x xsyncMPMC) SendN(from, n int) {
	for i := from; i < from+n; i++ {
		x.send(i)
	}
}

func (x xsyncMPMC) RecvN(n int) int {
	s := 0
	for range n {
		s += x.recv()
	}
	return s
}

func (x xsyncMPMC) SendBatchN(from, n, _ int) { x.SendN(from, n) }

func (x xsyncMPMC) RecvBatchN(n, _ int) int { return x.RecvN(n) }

func (x xsyncMPMC) TrySendN(n int) int {
	ok := 0
	for i := range n {
		if x.q.TryEnqueue(i) {
			ok++
		}
	}
	return ok
}

func (x xsyncMPMC) TryRecvN(n int) int {
	ok := 0
	for range n {
		if _, got := x.q.TryDequeue(); got {
			ok++
		}
	}
	return ok
}

func (x xsyncMPMC) SendRecvN(n int) int {
	s := 0
	for i := 1; i <= n; i++ {
		x.send(i)
		s += x.recv()
	}
	return s
}

func (x xsyncMPMC) RelayN(out workload.Chan, n int) int {
	o, s := out.(xsyncMPMC), 0
	for range n {
		v := x.recv()
		o.send(v)
		s += v
	}
	return s
}

func (x xsyncMPMC) AskN(reply workload.Chan, n int) int {
	r, s := reply.(xsyncMPMC), 0
	for i := 1; i <= n; i++ {
		x.send(i)
		s += r.recv()
	}
	return s
}

// xsyncSPSC adapts xsync.SPSCQueue[int].
type xsyncSPSC struct{ q *xsync.SPSCQueue[int] }

func (x xsyncSPSC) send(v int) {
	for !x.q.TryEnqueue(v) {
		runtime.Gosched()
	}
}

func (x xsyncSPSC) recv() int {
	for {
		if v, ok := x.q.TryDequeue(); ok {
			return v
		}
		runtime.Gosched()
	}
}

func (x xsyncSPSC) SendN(from, n int) {
	for i := from; i < from+n; i++ {
		x.send(i)
	}
}

func (x xsyncSPSC) RecvN(n int) int {
	s := 0
	for range n {
		s += x.recv()
	}
	return s
}

func (x xsyncSPSC) SendBatchN(from, n, _ int) { x.SendN(from, n) }

func (x xsyncSPSC) RecvBatchN(n, _ int) int { return x.RecvN(n) }

func (x xsyncSPSC) TrySendN(n int) int {
	ok := 0
	for i := range n {
		if x.q.TryEnqueue(i) {
			ok++
		}
	}
	return ok
}

func (x xsyncSPSC) TryRecvN(n int) int {
	ok := 0
	for range n {
		if _, got := x.q.TryDequeue(); got {
			ok++
		}
	}
	return ok
}

func (x xsyncSPSC) SendRecvN(n int) int {
	s := 0
	for i := 1; i <= n; i++ {
		x.send(i)
		s += x.recv()
	}
	return s
}

func (x xsyncSPSC) RelayN(out workload.Chan, n int) int {
	o, s := out.(xsyncSPSC), 0
	for range n {
		v := x.recv()
		o.send(v)
		s += v
	}
	return s
}

func (x xsyncSPSC) AskN(reply workload.Chan, n int) int {
	r, s := reply.(xsyncSPSC), 0
	for i := 1; i <= n; i++ {
		x.send(i)
		s += r.recv()
	}
	return s
}
