// The adapter: one channel of int under test, with the per-message loops inside it.
//
// Invariants: an adapter's loops never allocate per message (except where the
// implementation itself does, e.g. a queue of interface{} boxing ints); blocking
// methods block the way the implementation blocks (park for channels, spin-and-yield
// for the peer queues), which is what the benchmarks compare.

package workload

// Chan is a channel of int seen by a workload. Every method is a loop over one kind of
// operation, so that no interface call sits between two operations on the channel.
type Chan interface {
	// SendN sends from, from+1, ..., from+n-1 in that order, blocking while full.
	SendN(from, n int)
	// RecvN receives n values, blocking while empty, and returns their sum.
	RecvN(n int) int
	// SendBatchN sends from, ..., from+n-1 in calls of at most batch values when the
	// implementation has a batch operation, one by one otherwise.
	SendBatchN(from, n, batch int)
	// RecvBatchN receives n values in calls of at most batch values when the
	// implementation has a batch operation, one by one otherwise; it returns their sum.
	RecvBatchN(n, batch int) int
	// TrySendN makes n non-blocking sends and returns how many succeeded.
	TrySendN(n int) int
	// TryRecvN makes n non-blocking receives and returns how many succeeded.
	TryRecvN(n int) int
	// SendRecvN sends 1..n, each followed by one receive, in the calling goroutine;
	// it returns the sum received.
	SendRecvN(n int) int
	// RelayN receives n values from this channel and sends each to out (which has the
	// same implementation); it returns the sum relayed.
	RelayN(out Chan, n int) int
	// AskN sends 1..n on this channel, each followed by one receive from reply (which
	// has the same implementation); it returns the sum of the replies.
	AskN(reply Chan, n int) int
}

// Impl is one implementation under test.
type Impl struct {
	// Name is the value of the benchmark name's impl= key, e.g. "native" or "hoare".
	Name string
	// New makes a channel holding capacity values (0: unbuffered).
	New func(capacity int) Chan
}

// Native is Go's built-in chan. List it first: benchstat takes the first column it
// sees as the base of its comparisons.
var Native = Impl{Name: "native", New: func(capacity int) Chan { return nativeChan(make(chan int, capacity)) }}

// Hoare is github.com/hoare-go/hoare/mpmc's Chan.
var Hoare = Impl{Name: "hoare", New: newHoare}
