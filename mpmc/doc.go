// Package mpmc provides channels: a lock-free ring plus parking, faster than
// native chan, with the operations native channels lack.
//
// A [Chan] stands in for a native chan T. Where the two share a name they
// share the meaning, panics included, so that replacing a native channel on
// a hot path is mechanical:
//
//	ch := make(chan T, n)    c := mpmc.New[T](n)
//	ch <- v                  c.Send(v)
//	v, ok := <-ch            v, ok := c.Recv()
//	close(ch)                c.Close()
//	len(ch), cap(ch)         c.Len(), c.Cap()
//	for v := range ch        for v := range c.All()
//
// Operations native channels lack return errors and never panic on a
// closed channel: TrySend and TryRecv (a select with default), SendContext
// and RecvContext (a select with ctx.Done()), SendAsync and RecvAsync
// (core.async's put! and take!: a callback, no goroutine), SendMany and
// RecvMany (batches). Dropping and Sliding make a buffered channel that
// never blocks a sender, as core.async's dropping and sliding buffers.
//
// How it is fast. A buffered channel is a lock-free ring (package ring): a
// send or receive that need not wait takes no lock and allocates nothing,
// and checks whether anybody waits on the other side with one atomic load.
// A goroutine that must wait parks, costing no CPU: at once on a buffer of
// more than 4 values, after one yield on a smaller one or a rendezvous
// (buffered.go says why). Whoever then
// makes progress serves the first waiter in place (pops a value for it, or
// pushes its value), so a woken goroutine returns at once.
//
// Memory model: as for native channels, a send synchronizes before the
// receive that gets its value, and Close synchronizes before a receive that
// reports the channel closed.
//
// testing/synctest: a Chan made inside a bubble may be used there, and
// goroutines blocked on it are durably blocked, so fake time advances. A
// Chan made outside a bubble must not be used both inside and outside one
// (native channels allow it): a goroutine parks on a channel it makes
// itself, so one parked inside a bubble counts as durably blocked, and a
// sender outside the bubble may not wake it (the runtime stops the
// process with "send on synctest channel from outside bubble").
package mpmc
