// Package linear records concurrent histories of ring and channel operations and
// checks them for linearizability against sequential models, with porcupine.
//
// Source: Herlihy and Wing, "Linearizability: A Correctness Condition for
// Concurrent Objects" (1990), and the checker of Anish Athalye's porcupine
// (github.com/anishathalye/porcupine), which searches for a linearization with
// the Wing-Gong-Lowe algorithm. The models here are what a ring or a channel
// means when one operation happens at a time; a history is correct when every
// operation can be placed at one instant between its call and its return so
// that the model, run in that order, gives every result that was observed.
//
// How a history is recorded. A [Log] hands out one [Client] per goroutine; a
// Client stamps the call and the return of each operation from one shared
// logical clock (an atomic counter), so that "A returned before B was called"
// is exactly "A.Return < B.Call". A logical clock is as strong as a wall clock
// for this purpose and cannot tie or go backwards.
//
// The models:
//   - [Queue]: a bounded FIFO with a closed flag: ring.MPMC (TryPush, TryPop,
//     PushMany, PopMany, Len, Close) and a buffered mpmc.Chan (Send, Recv,
//     TrySend, TryRecv, the Context forms, Close, Len), with the blocking,
//     dropping or sliding policy.
//   - [Rendezvous]: an unbuffered channel. A hand-off is one instant shared by a
//     sender and a receiver, which a one-operation-at-a-time model cannot say
//     directly; so a blocking Send or Recv is recorded as two operations over
//     the same interval, Begin (the goroutine offers itself) and End (it
//     completes), and the model pairs an End with an offer that is still
//     standing. See rendezvous.go.
//
// Invariants:
//   - Step functions are pure: a state is an immutable value (queues are
//     strings of 4-byte values), so == compares states and porcupine may cache
//     them.
//   - Values in one history are unique, so a value names the operation that
//     sent it.
package linear
