package linear

import (
	"strings"
	"testing"
	"time"

	"github.com/anishathalye/porcupine"
)

// seq builds a sequential history (each operation returns before the next is
// called) from (input, output) pairs.
func seq(pairs ...any) []porcupine.Operation {
	var h []porcupine.Operation
	for i := 0; i+1 < len(pairs); i += 2 {
		t := int64(len(h) * 2)
		h = append(h, porcupine.Operation{Input: pairs[i], Output: pairs[i+1], Call: t, Return: t + 1})
	}
	return h
}

// TestQueueModel: the Queue model accepts what a FIFO does and rejects what
// it does not; every rejected history is one observed kind of bug.
func TestQueueModel(t *testing.T) {
	push := func(v int, ok bool) []any { return []any{Input{Op: Push, V: v}, Output{OK: ok}} }
	pop := func(v int, ok bool) []any { return []any{Input{Op: Pop}, Output{V: v, OK: ok}} }
	send := func(v int, r Res) []any { return []any{Input{Op: Send, V: v}, Output{Res: r}} }
	recv := func(v int, r Res) []any { return []any{Input{Op: Recv}, Output{V: v, Res: r}} }
	cls := func(r Res) []any { return []any{Input{Op: Close}, Output{Res: r}} }
	cat := func(xs ...[]any) []any {
		var out []any
		for _, x := range xs {
			out = append(out, x...)
		}
		return out
	}
	cases := []struct {
		name   string
		cap    int
		policy Policy
		ops    []any
		ok     bool
	}{
		{"fifo", 2, Block, cat(push(1, true), push(2, true), push(3, false), pop(1, true), pop(2, true), pop(0, false)), true},
		{"reordered", 2, Block, cat(push(1, true), push(2, true), pop(2, true)), false},
		{"duplicated", 2, Block, cat(push(1, true), pop(1, true), pop(1, true)), false},
		{"lost", 2, Block, cat(push(1, true), pop(0, false)), false},
		{"full too early", 2, Block, cat(push(1, true), push(2, false)), false},
		{"push after close", 2, Block, cat(cls(OK), push(1, true)), false},
		{"batch", 3, Block, cat([]any{Input{Op: PushMany, Vs: []int{1, 2, 3, 4}}, Output{N: 3}},
			[]any{Input{Op: PopMany, N: 2}, Output{Vs: []int{1, 2}}}, []any{Input{Op: Len}, Output{N: 1}}), true},
		{"empty batch with room", 3, Block, cat([]any{Input{Op: PushMany, Vs: []int{1, 2, 3, 4}}, Output{N: 0}}), false},
		{"batch past full", 3, Block, cat([]any{Input{Op: PushMany, Vs: []int{1, 2, 3, 4}}, Output{N: 4}}), false},
		{"chan drain after close", 1, Block, cat(send(1, OK), cls(OK), recv(1, OK), recv(0, Closed), send(2, Closed)), true},
		{"closed before drained", 1, Block, cat(send(1, OK), cls(OK), recv(0, Closed)), false},
		{"wouldblock with room", 2, Block, cat(send(1, OK), send(2, WouldBlock)), false},
		{"recv canceled with value", 2, Block, cat(send(1, OK), recv(0, Canceled)), false},
		{"close twice", 2, Block, cat(cls(OK), cls(Panicked)), true},
		{"dropping", 1, Drop, cat(send(1, OK), send(2, OK), recv(1, OK)), true},
		{"dropping kept new", 1, Drop, cat(send(1, OK), send(2, OK), recv(2, OK)), false},
		{"sliding", 1, Slide, cat(send(1, OK), send(2, OK), recv(2, OK)), true},
		{"sliding kept old", 1, Slide, cat(send(1, OK), send(2, OK), recv(1, OK)), false},
		{"sliding wouldblock", 1, Slide, cat(send(1, OK), send(2, WouldBlock)), false},
	}
	for _, c := range cases {
		got := porcupine.CheckOperations(Queue(c.cap, c.policy), seq(c.ops...))
		if got != c.ok {
			t.Errorf("%s: linearizable = %v, want %v", c.name, got, c.ok)
		}
	}
	short := seq(Input{Op: PushMany, Vs: []int{1, 2, 3, 4}}, Output{N: 2})
	if !porcupine.CheckOperations(Queue(3, Block), short) || porcupine.CheckOperations(StrictQueue(3, Block), short) {
		t.Errorf("a short PushMany: want accepted by Queue, rejected by StrictQueue")
	}
}

// TestRendezvousModel: the unbuffered model's hand-offs.
func TestRendezvousModel(t *testing.T) {
	op := func(o Op, v, id int) Input { return Input{Op: o, V: v, ID: id} }
	cases := []struct {
		name string
		h    []porcupine.Operation
		ok   bool
	}{
		{"blocking pair", []porcupine.Operation{
			{Input: op(SendBegin, 7, 0), Output: Output{}, Call: 0, Return: 10},
			{Input: op(SendEnd, 7, 0), Output: Output{Res: OK}, Call: 0, Return: 10},
			{Input: op(RecvBegin, 0, 1), Output: Output{}, Call: 1, Return: 9},
			{Input: op(RecvEnd, 0, 1), Output: Output{V: 7, Res: OK}, Call: 1, Return: 9},
		}, true},
		{"received before sent", []porcupine.Operation{
			{Input: op(RecvBegin, 0, 1), Output: Output{}, Call: 0, Return: 1},
			{Input: op(RecvEnd, 0, 1), Output: Output{V: 7, Res: OK}, Call: 0, Return: 1},
			{Input: op(SendBegin, 7, 0), Output: Output{}, Call: 2, Return: 3},
			{Input: op(SendEnd, 7, 0), Output: Output{Res: OK}, Call: 2, Return: 3},
		}, false},
		{"trysend with nobody waiting", seq(op(Send, 1, 0), Output{Res: OK}), false},
		{"trysend to a waiting receiver", []porcupine.Operation{
			{Input: op(RecvBegin, 0, 1), Output: Output{}, Call: 0, Return: 10},
			{Input: op(RecvEnd, 0, 1), Output: Output{V: 3, Res: OK}, Call: 0, Return: 10},
			{Input: op(Send, 3, 0), Output: Output{Res: OK}, Call: 2, Return: 3},
		}, true},
		{"tryrecv after close takes a blocked send", []porcupine.Operation{
			{Input: op(SendBegin, 5, 0), Output: Output{}, Call: 0, Return: 10},
			{Input: op(SendEnd, 5, 0), Output: Output{Res: OK}, Call: 0, Return: 10},
			{Input: op(Close, 0, 0), Output: Output{Res: OK}, Call: 1, Return: 2},
			{Input: op(Recv, 0, 0), Output: Output{V: 5, Res: OK}, Call: 3, Return: 4},
		}, false},
		{"blocked send fails at close", []porcupine.Operation{
			{Input: op(SendBegin, 5, 0), Output: Output{}, Call: 0, Return: 10},
			{Input: op(SendEnd, 5, 0), Output: Output{Res: Closed}, Call: 0, Return: 10},
			{Input: op(Close, 0, 0), Output: Output{Res: OK}, Call: 1, Return: 2},
			{Input: op(Recv, 0, 0), Output: Output{Res: Closed}, Call: 3, Return: 4},
		}, true},
		{"canceled receiver that a trysend served", []porcupine.Operation{
			{Input: op(RecvBegin, 0, 1), Output: Output{}, Call: 0, Return: 10},
			{Input: op(RecvEnd, 0, 1), Output: Output{Res: Canceled}, Call: 0, Return: 10},
			{Input: op(Send, 3, 0), Output: Output{Res: OK}, Call: 2, Return: 3},
		}, false},
		{"wouldblock while a receiver waits", []porcupine.Operation{
			{Input: op(RecvBegin, 0, 1), Output: Output{}, Call: 0, Return: 1},
			{Input: op(RecvEnd, 0, 1), Output: Output{Res: Closed}, Call: 0, Return: 10},
			{Input: op(Send, 3, 0), Output: Output{Res: WouldBlock}, Call: 2, Return: 3},
			{Input: op(Close, 0, 0), Output: Output{Res: OK}, Call: 4, Return: 5},
		}, false},
	}
	for _, c := range cases {
		if got := porcupine.CheckOperations(Rendezvous(), c.h); got != c.ok {
			t.Errorf("%s: linearizable = %v, want %v", c.name, got, c.ok)
		}
	}
}

// TestCulprits: a failure names the one operation whose answer was wrong
// (the shape of the TrySend bug of be11569), and says so when no single
// operation is to blame.
func TestCulprits(t *testing.T) {
	send := func(v int, r Res, form string) []any { return []any{Input{Op: Send, V: v, Form: form}, Output{Res: r}} }
	recv := func(v int) []any { return []any{Input{Op: Recv, Form: "Recv"}, Output{V: v}} }
	var ops []any
	for _, x := range [][]any{send(1, OK, "Send"), send(2, OK, "Send"), recv(1), send(3, WouldBlock, "TrySend"), recv(2)} {
		ops = append(ops, x...)
	}
	got := culprits(Queue(2, Block), seq(ops...), time.Second)
	if !strings.Contains(got, "TrySend: Send(3) -> wouldblock") || strings.Count(got, "\n") != 2 {
		t.Errorf("culprits of a TrySend that failed beside room:\n%swant that TrySend alone", got)
	}
	// Two values received that nobody sent: no one operation explains both.
	ops = nil
	for _, x := range [][]any{send(1, OK, "Send"), recv(5), recv(6)} {
		ops = append(ops, x...)
	}
	got = culprits(Queue(2, Block), seq(ops...), time.Second)
	if !strings.HasPrefix(got, "no single operation") {
		t.Errorf("culprits of two phantom values:\n%s", got)
	}
}

// TestCulpritsOutOfTime: a search with no time left decides nothing and
// says so, rather than calling every operation innocent.
func TestCulpritsOutOfTime(t *testing.T) {
	h := seq(Input{Op: Send, V: 1}, Output{}, Input{Op: Send, V: 2}, Output{Res: WouldBlock})
	got := culprits(Queue(2, Block), h, -time.Second)
	if strings.Contains(got, "no single operation") || !strings.Contains(got, "2 of 2 operations undecided") {
		t.Errorf("culprits with no time:\n%s", got)
	}
}
