// Check: running porcupine on a recorded history from a test, and saying
// clearly what went wrong when the history is not linearizable.
//
// Invariants:
//   - A history that porcupine rejects fails the test with its name, the
//     operations (sorted by call), the path of an HTML visualisation, and
//     the operations without any one of which it would pass (culprits).
//   - A check that runs out of time is reported as such, never as a pass.
package linear

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/anishathalye/porcupine"
)

// Check reports whether history is linearizable with respect to model, and
// fails t when it is not (or when porcupine ran out of timeout before it
// could tell). name identifies the history in the failure message, e.g.
// "cap=2 policy=block seed=17".
func Check(t testing.TB, name string, model porcupine.Model, history []porcupine.Operation, timeout time.Duration) bool {
	t.Helper()
	res, info := porcupine.CheckOperationsVerbose(model, history, timeout)
	switch res {
	case porcupine.Ok:
		return true
	case porcupine.Unknown:
		t.Errorf("linear: %s: porcupine gave up after %v on %d operations: make the history smaller", name, timeout, len(history))
		return false
	}
	path := filepath.Join(os.TempDir(), "linear-"+sanitize(name)+".html")
	if err := porcupine.VisualizePath(model, info, path); err != nil {
		path = "(visualisation failed: " + err.Error() + ")"
	}
	t.Errorf("linear: %s: history of %d operations is NOT linearizable\nvisualisation: %s\n%s%s%s",
		name, len(history), path, Format(history), stuck(model, info), culprits(model, history, timeout))
	return false
}

// culprits lists the operations without any one of which history would be
// linearizable: where a single wrong answer is the violation, it is named
// (an operation that is not a culprit may still be part of it). The search
// shares timeout; an operation whose check runs out of it is counted as
// undecided, never as innocent, and the answer says how many were.
func culprits(model porcupine.Model, history []porcupine.Operation, timeout time.Duration) string {
	h := slices.Clone(history)
	slices.SortFunc(h, func(a, b porcupine.Operation) int { return int(a.Call - b.Call) })
	var found strings.Builder
	undecided := 0
	deadline := time.Now().Add(timeout)
	for i, op := range h {
		left := time.Until(deadline)
		if left <= 0 {
			undecided += len(h) - i
			break
		}
		switch res, _ := porcupine.CheckOperationsVerbose(model, slices.Concat(h[:i], h[i+1:]), left); res {
		case porcupine.Ok:
			fmt.Fprintf(&found, "  g%d [%4d,%4d] %s\n", op.ClientId, op.Call, op.Return, Describe(op.Input, op.Output))
		case porcupine.Unknown:
			undecided++
		}
	}
	var b strings.Builder
	switch {
	case found.Len() > 0:
		b.WriteString("linearizable without any one of:\n" + found.String())
	case undecided == 0:
		b.WriteString("no single operation is the culprit: dropping any one leaves it non-linearizable\n")
	}
	if undecided > 0 {
		fmt.Fprintf(&b, "(culprit search: %d of %d operations undecided when %v ran out)\n", undecided, len(h), timeout)
	}
	return b.String()
}

// stuck describes where the longest partial linearization porcupine found
// ends: its last operations and the model state there. The violation is
// among the operations that could not be placed next.
func stuck(model porcupine.Model, info porcupine.LinearizationInfo) string {
	var best []porcupine.Operation
	for _, part := range info.PartialLinearizationsOperations() {
		for _, lin := range part {
			if len(lin) > len(best) {
				best = lin
			}
		}
	}
	if len(best) == 0 {
		return ""
	}
	state := model.Init()
	for _, op := range best {
		_, state = model.Step(state, op.Input, op.Output)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "longest linearization: %d operations; its last ones:\n", len(best))
	for _, op := range best[max(0, len(best)-6):] {
		fmt.Fprintf(&b, "  g%d [%4d,%4d] %s\n", op.ClientId, op.Call, op.Return, Describe(op.Input, op.Output))
	}
	describe := model.DescribeState
	if describe == nil {
		describe = func(s any) string { return fmt.Sprint(s) }
	}
	fmt.Fprintf(&b, "state there: %s\n", describe(state))
	return b.String()
}

// Format prints a history, one operation a line, ordered by call.
func Format(history []porcupine.Operation) string {
	h := slices.Clone(history)
	slices.SortFunc(h, func(a, b porcupine.Operation) int { return int(a.Call - b.Call) })
	var b strings.Builder
	for _, op := range h {
		fmt.Fprintf(&b, "  g%d [%4d,%4d] %s\n", op.ClientId, op.Call, op.Return, Describe(op.Input, op.Output))
	}
	return b.String()
}

func sanitize(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' {
			return r
		}
		return '_'
	}, s)
}

// Overlapping counts the operations of history whose interval overlaps that
// of an operation of another client: how concurrent the history really was.
// A test logs it, so that a reader can see whether its histories checked
// interleavings or only sequences (on a loaded machine goroutines often run
// one after another).
func Overlapping(history []porcupine.Operation) int {
	h := slices.Clone(history)
	slices.SortFunc(h, func(a, b porcupine.Operation) int { return int(a.Call - b.Call) })
	n := 0
	for i, a := range h {
		for j := i - 1; j >= 0; j-- { // earlier calls: overlap if they return after a's call
			if b := h[j]; b.ClientId != a.ClientId && b.Return > a.Call {
				n++
				goto next
			}
		}
		for _, b := range h[i+1:] { // later calls: overlap if called before a returns
			if b.Call > a.Return {
				break
			}
			if b.ClientId != a.ClientId {
				n++
				break
			}
		}
	next:
	}
	return n
}
