// Package flow is core.async's toolbox of channel combinators over hoare's
// mpmc channels: the joints between the small sequential processes a CSP
// program is made of.
//
// core.async (Clojure's CSP library) names the joints, and flow keeps its
// names and meaning, in Go's conventions:
//
//	Pipe                          pipe: from one channel to another
//	Merge, Split, Map, Take       merge, split, map (a zip), take
//	NewMult: Tap, Untap, UntapAll mult: every value to every tap
//	NewMulticast: Tap, Untap      a mult whose taps share one ring (no channel per tap)
//	NewMix: Admix, Unmix, UnmixAll, Toggle, SoloMode
//	                              mix: many into one, with mute, pause, solo
//	NewPub: Sub, Unsub, UnsubAll, UnsubTopic
//	                              pub/sub: values routed by topic
//	Pipeline, PipelineBlocking, PipelineAsync
//	                              pipeline: n workers, outputs in input order
//	Timeout                       timeout: a channel that closes after d
//	NewPromise                    promise-chan: one value, for every receiver
//	FromSlice, FromSeq, Onto      to-chan!, onto-chan!
//	Reduce, ReduceWhile, Into     reduce (ReduceWhile: with reduced), into
//
// A combinator that moves values runs as goroutines of its own and returns
// at once (as core.async's run as go blocks); Onto, Reduce and Into block
// instead, as Go functions do (run them in a goroutine for core.async's
// asynchronous form). The first argument is a context.Context: when it is
// done, the process stops, and no goroutine of it is left behind. It is
// left behind neither when the inputs close: every process ends once its
// inputs are closed and drained (Mix: once it finds its out closed, at
// its next send).
//
// Bad arguments are refused at the call: a nil channel or function, or a
// size out of range, panics there with a message that names the function
// and the argument, rather than later on one of the process's goroutines.
//
// Who closes what. Every doc comment says it; the rule throughout is that a
// channel a combinator makes (Merge's output, Split's two, a Timeout) is
// closed by that combinator when its process ends, and a channel the caller
// passes in is closed only when the caller asks for it with close == true,
// as core.async's close? arguments. No combinator ever closes its input.
// Sending to a channel found closed stops the process that sends, as in
// core.async (where a put to a closed channel returns false).
//
// How it is fast. Values move with mpmc's lock-free operations and, where a
// process would otherwise need a goroutine per destination, with callbacks
// (mpmc's SendAsync, core.async's put!): a Mult or a Pub topic offers each
// value to every tap with TrySend and leaves a SendAsync only with the taps
// that are full, so it has no goroutine per tap and parks only while a tap
// lags; a Pub hands a topic of one subscriber its share of a run of values
// with one TrySendMany. A Multicast goes further, when the taps need not be channels: the
// Disruptor's multicast, one ring written once per value and read by every
// tap at a cursor of its own. A Pipeline numbers its inputs and lets the worker that completes
// the oldest one send the outputs in order, with no collector goroutine and
// no allocation per value.
//
// A reader who knows core.async should find no surprise beyond those the
// doc comments state; a reader who knows Go's "pipelines and cancellation"
// should find these the functions they would otherwise write by hand.
package flow
