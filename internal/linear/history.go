// History: recording operations with call and return stamps from one logical
// clock, one Client per goroutine so that recording takes no lock.
//
// Invariants:
//   - Every stamp is taken from Log.clock with one atomic add, so all stamps
//     of a Log are distinct and ordered as the adds were.
//   - A Client is used by one goroutine; Log.History is called after they
//     have all finished (a sync.WaitGroup's Wait orders their appends before
//     it).
package linear

import (
	"sync/atomic"

	"github.com/anishathalye/porcupine"
)

// Log collects the operations of several goroutines on one object.
type Log struct {
	clock   atomic.Int64 // the logical clock; every Call and Return is one Add
	clients []*Client
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

// History returns every recorded operation. Call it once the clients are done.
func (l *Log) History() []porcupine.Operation {
	var h []porcupine.Operation
	for _, c := range l.clients {
		h = append(h, c.ops...)
	}
	return h
}

// Len returns how many operations were recorded.
func (l *Log) Len() int {
	n := 0
	for _, c := range l.clients {
		n += len(c.ops)
	}
	return n
}
