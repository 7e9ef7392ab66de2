// Package ring provides bounded lock-free queues that never block.
//
// [MPMC] takes any number of producers and consumers; [SPSC] exactly one of
// each and is the faster for it. Both fail at once instead of waiting for
// room or a value: TryPush reports false when the ring is full, TryPop when
// it is empty. (An MPMC push or pop that meets another's half done, a slot
// claimed and not yet stamped, waits for that step to finish.) To wait for
// room or a value, use a channel from package mpmc, which is a ring plus
// parking.
//
// Both rings stop referring to a value once it is popped, so a ring holds no
// garbage alive. Batch operations (PushMany, PopMany) move many values for
// the synchronisation cost of one, and are where the largest gains lie.
//
// The memory model: a TryPush that returns true synchronizes before the
// TryPop that returns its value.
package ring
