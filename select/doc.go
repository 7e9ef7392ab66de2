// Package alt is a multi-way select over mpmc channels, with priority, and
// a fair one like Go's select statement.
//
// The folder is select/, a Go keyword, so the package is named after CSP's
// ALT:
//
//	import alt "github.com/hoare-go/hoare/select"
//
//	switch alt.Priority(
//		alt.Recv(urgent, func(v Job, ok bool) { ... }),
//		alt.Recv(normal, func(v Job, ok bool) { ... }),
//		alt.After(time.Second, func() { ... }),
//	) { ... }
//
// Priority chooses the first ready case in argument order, which Go's
// select cannot express; Fair chooses uniformly among the ready cases, as
// Go's select does. Cases mix element types. A case on a nil channel is
// never ready; a Recv case on a closed, drained channel is ready with
// ok == false; a Send case on a closed channel panics, as in Go.
//
// How it is fast. Native select locks every channel in address order and
// enqueues on all of them even when one is ready at once. alt first polls
// the cases without a lock (each poll is a TrySend or TryRecv); only when
// nothing is ready does it register one Waiter on every channel, park, and
// let the first channel operation to select the Waiter, with one CAS, win.
// A Selector, built once, runs without allocating.
package alt
