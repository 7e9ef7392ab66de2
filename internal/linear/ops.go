// Ops: the inputs and outputs of recorded operations, shared by the models.
//
// One Input and one Output type serve every model, so that a history is a
// plain []porcupine.Operation and a failure prints readably.
//
// Invariants:
//   - Input.V and the values in Input.Vs and Output.V/Vs are the values moved;
//     in a history they are unique (a value names the send that made it).
package linear

import "fmt"

// Op names an operation.
type Op uint8

// The operations. Push/Pop are ring.MPMC's TryPush/TryPop; Send/Recv stand for
// every form of a channel send or receive (Send, TrySend, SendContext...),
// told apart by the result they may give; Begin/End split an unbuffered
// channel's blocking operations (see rendezvous.go).
const (
	Push      Op = iota // ring TryPush(V) -> OK
	Pop                 // ring TryPop() -> V, OK
	PushMany            // ring PushMany(Vs) -> N
	PopMany             // ring PopMany(buf of N) -> Vs
	Close               // Close -> Res: OK, or Closed/Panicked when already closed
	Len                 // Len() -> N
	Send                // channel send of V -> Res
	Recv                // channel receive -> V, Res
	SendBegin           // unbuffered: a blocking send of V offers itself
	SendEnd             // unbuffered: that send completes -> Res
	RecvBegin           // unbuffered: blocking receiver ID offers itself
	RecvEnd             // unbuffered: receiver ID completes -> V, Res
)

var opNames = [...]string{"Push", "Pop", "PushMany", "PopMany", "Close", "Len", "Send", "Recv",
	"SendBegin", "SendEnd", "RecvBegin", "RecvEnd"}

func (o Op) String() string {
	if int(o) < len(opNames) {
		return opNames[o]
	}
	return fmt.Sprintf("Op(%d)", uint8(o))
}

// Res is a channel operation's outcome.
type Res uint8

// The outcomes. A blocking Send that panicked on a closed channel is recorded
// as Closed, as is an ErrClosed; a Recv's ok == false is Closed too.
const (
	OK         Res = iota // completed: sent, or received V
	Closed                // ErrClosed, ok == false, or a send's panic on a closed channel
	WouldBlock            // ErrWouldBlock from TrySend/TryRecv
	Canceled              // ctx.Err() from SendContext/RecvContext
	Panicked              // Close of a closed channel
)

var resNames = [...]string{"ok", "closed", "wouldblock", "canceled", "panicked"}

func (r Res) String() string {
	if int(r) < len(resNames) {
		return resNames[r]
	}
	return fmt.Sprintf("Res(%d)", uint8(r))
}

// Input is what an operation was called with.
type Input struct {
	Op Op
	V  int   // the value sent (Push, Send, SendBegin, SendEnd)
	Vs []int // the values offered (PushMany)
	N  int   // the buffer length (PopMany)
	ID int   // the receiver (RecvBegin, RecvEnd)
	// Form is the call that made the operation, when Op stands for several
	// (TrySend, SendAsync...): printed in failures, ignored by the models.
	Form string
}

// Output is what an operation returned.
type Output struct {
	OK  bool  // ring results: TryPush, TryPop
	V   int   // the value received
	Vs  []int // the values popped (PopMany)
	N   int   // PushMany's count, Len's length
	Res Res   // a channel operation's outcome
}

// Describe prints an operation for failure messages and porcupine's
// visualisation.
func Describe(in, out any) string {
	i, o := in.(Input), out.(Output)
	s := describe(i, o)
	if i.Form != "" {
		s = i.Form + ": " + s
	}
	return s
}

// describe is Describe without the form.
func describe(i Input, o Output) string {
	switch i.Op {
	case Push:
		return fmt.Sprintf("TryPush(%d) -> %v", i.V, o.OK)
	case Pop:
		return fmt.Sprintf("TryPop() -> %d, %v", o.V, o.OK)
	case PushMany:
		return fmt.Sprintf("PushMany(%v) -> %d", i.Vs, o.N)
	case PopMany:
		return fmt.Sprintf("PopMany([%d]) -> %v", i.N, o.Vs)
	case Close:
		return fmt.Sprintf("Close() -> %v", o.Res)
	case Len:
		return fmt.Sprintf("Len() -> %d", o.N)
	case Send, SendEnd:
		return fmt.Sprintf("%v(%d) -> %v", i.Op, i.V, o.Res)
	case SendBegin:
		return fmt.Sprintf("SendBegin(%d)", i.V)
	case Recv:
		return fmt.Sprintf("Recv() -> %d, %v", o.V, o.Res)
	case RecvBegin:
		return fmt.Sprintf("RecvBegin(r%d)", i.ID)
	case RecvEnd:
		return fmt.Sprintf("RecvEnd(r%d) -> %d, %v", i.ID, o.V, o.Res)
	}
	return fmt.Sprintf("%v %+v -> %+v", i.Op, i, o)
}
