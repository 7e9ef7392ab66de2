// Hooks: where the packages that land after mpmc plug into the soak.
//
// Each package adds its workloads from its own file in this directory
// (select.go, pool.go, flow.go), calling register from init, and sets its
// entry below to say so; the run prints the list, so a soak's output says
// what it covered.
//
//   - HOOK(select): package alt (select/): Priority and Fair selects over
//     several mpmc channels, send and receive cases mixed, with Default,
//     After and Done cases; exactly-once through the ledger.
//   - HOOK(pool): package pool: tasks submitted with Submit/TrySubmit that
//     send into a channel, some panicking on purpose (counted, and the pool
//     must keep working); Close must run what was queued.
//   - HOOK(flow): package flow: Pipe, Merge, Pipeline graphs between mpmc
//     channels; every value through exactly once, Pipeline in input order.
package main

import (
	"fmt"
	"strings"
)

// hooked says, per package, whether its workloads are registered.
var hooked = map[string]bool{"mpmc": true, "native": true, "select": false, "pool": false, "flow": false}

func hookStatus() string {
	var on, off []string
	for _, p := range []string{"mpmc", "native", "select", "pool", "flow"} {
		if hooked[p] {
			on = append(on, p)
		} else {
			off = append(off, p)
		}
	}
	s := "covered " + strings.Join(on, ", ")
	if len(off) > 0 {
		s += fmt.Sprintf("; not yet covered (hook in cmd/stress/hooks.go): %s", strings.Join(off, ", "))
	}
	return s
}
