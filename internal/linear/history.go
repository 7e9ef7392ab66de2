// History: recording operations with call and return stamps from one logical
// clock, one Client per goroutine so that recording takes no lock.
//
// Invariants:
//   - Every stamp is taken from Log.clock with one atomic add, so all stamps
//     of a Log are distinct and ordered as the adds were.
//   - A Client is used by one goroutine; Log.History is called after they
//     have all finished (a sync.WaitGroup's Wait orders their appends before
//     it) and after Log.Wait.
//   - An operation that completes by callback (Start) is called on its
//     client's goroutine and returns wherever the callback runs; its record
//     goes to Log.async under Log.mu, and Log.pending counts it until then.
package linear

import (
	"sync"
	"sync/atomic"

	"github.com/anishathalye/porcupine"
)

// Log collects the operations of several goroutines on one object.
type Log struct {
	clock   atomic.Int64 // the logical clock; every Call and Return is one Add
	clients []*Client
	pending sync.WaitGroup        // operations started (Start) and not yet finished
	mu      sync.Mutex            // guards async
	async   []porcupine.Operation // operations that finished on another goroutine
}

// Client records the operations of one goroutine.
type Client struct {
	log *Log
	id  int
	ops []porcupine.Operation
}

// Client returns a new recorder for one goroutine. It is not safe to call
// concurrently with itself; make the clients before starting the goroutines.
func (l *Log) Client() *Client {
	c := &Client{log: l, id: len(l.clients)}
	l.clients = append(l.clients, c)
	return c
}

// Do records in as called, runs f, and records f's result as returned.
func (c *Client) Do(in Input, f func() Output) Output {
	call := c.log.clock.Add(1) // before f: anything that returned earlier has a smaller stamp
	out := f()
	ret := c.log.clock.Add(1) // after f: anything called later has a larger stamp
	c.ops = append(c.ops, porcupine.Operation{ClientId: c.id, Input: in, Call: call, Output: out, Return: ret})
	return out
}

// DoSplit records one blocking operation as two model operations over the
// same interval: begin (whose output is ignored) and end (with f's result).
// The Rendezvous model uses it; see rendezvous.go.
func (c *Client) DoSplit(begin, end Input, f func() Output) Output {
	call := c.log.clock.Add(1) // as in Do
	out := f()
	ret := c.log.clock.Add(1) // as in Do
	c.ops = append(c.ops,
		porcupine.Operation{ClientId: c.id, Input: begin, Call: call, Output: Output{}, Return: ret},
		porcupine.Operation{ClientId: c.id, Input: end, Call: call, Output: out, Return: ret})
	return out
}

// Start records in as called by c's goroutine and returns the function that
// records its return, which may run on any goroutine, once: for operations
// that complete by callback (SendAsync, RecvAsync).
func (c *Client) Start(in Input) (finish func(Output)) {
	return c.StartSplit(nil, in)
}

// StartSplit is Start for an operation recorded as two (see DoSplit); begin
// may be nil for one.
func (c *Client) StartSplit(begin *Input, end Input) (finish func(Output)) {
	l := c.log
	l.pending.Add(1)
	call := l.clock.Add(1) // as in Do
	return func(out Output) {
		ret := l.clock.Add(1) // as in Do
		l.mu.Lock()
		if begin != nil {
			l.async = append(l.async, porcupine.Operation{ClientId: c.id, Input: *begin, Call: call, Output: Output{}, Return: ret})
		}
		l.async = append(l.async, porcupine.Operation{ClientId: c.id, Input: end, Call: call, Output: out, Return: ret})
		l.mu.Unlock()
		l.pending.Done()
	}
}

// Wait waits until every operation begun with Start has finished.
func (l *Log) Wait() { l.pending.Wait() }

// History returns every recorded operation. Call it once the clients are
// done and Wait has returned.
func (l *Log) History() []porcupine.Operation {
	l.mu.Lock()
	h := append([]porcupine.Operation(nil), l.async...)
	l.mu.Unlock()
	for _, c := range l.clients {
		h = append(h, c.ops...)
	}
	return h
}

// Len returns how many operations were recorded.
func (l *Log) Len() int {
	l.mu.Lock()
	n := len(l.async)
	l.mu.Unlock()
	for _, c := range l.clients {
		n += len(c.ops)
	}
	return n
}
