// The targets of issue 2 ("Core: lock-free rings and parking MPMC channels that beat
// native chan"): per workload, the most hoare's median time per message may be as a
// fraction of native's; in every workload, hoare's CPU time per message at most 10%
// above native's, and no allocation.
//
// Invariants: targets are keyed by the workload names runtime_bench prints (without
// -GOMAXPROCS); the verdict is computed from the medians of the rounds, as benchstat's
// centre column, never from a single run.

package main

import (
	"fmt"
	"math"
	"strings"
)

// timeTargets are issue 2's "hoare / native" column.
var timeTargets = []struct {
	workload string
	max      float64
}{
	{"SPSC/cap=1024", 0.40},
	{"SPSCBatch/cap=1024/batch=64", 0.15},
	{"MPSC/procs=4x1/cap=1024", 0.40},
	{"MPMC/procs=4x4/cap=1024", 0.35},
	{"MPMC/procs=16x16/cap=1024", 0.35},
	{"Pipeline/stages=4/cap=1", 1.0},
	{"PingPong", 1.0},
	{"MPMC/procs=4x4/cap=0", 1.0},
	{"TrySend/cap=1024", 0.40},
	{"TryRecv/cap=1024", 0.40},
	{"SendRecv/cap=1024", 0.50},
}

// cpuTarget is the most hoare's CPU time per message may be over native's.
const cpuTarget = 1.10

// TargetsTable is a Markdown table of issue 2's targets for hoare against native in
// t, one line per target workload present, or "" when t has no hoare and native rows.
func TargetsTable(t *Table) string {
	var b strings.Builder
	lines := 0
	b.WriteString("| workload | hoare/native time | target | hoare/native CPU (target ≤ 1.10) | hoare allocs/op | met |\n| --- | ---: | ---: | ---: | ---: | :---: |\n")
	for _, tg := range timeTargets {
		for _, r := range t.Rows {
			if r.Workload != tg.workload || r.Base() != "native" || r.Cells["hoare"] == nil {
				continue
			}
			q, c := t.Ratio(r, "hoare", unitTime), t.Ratio(r, "hoare", unitCPU)
			allocs := r.Cell("hoare", "allocs/op").Summary().Center
			met := q <= tg.max && (math.IsNaN(c) || c <= cpuTarget) && (math.IsNaN(allocs) || allocs == 0)
			verdict := "yes"
			if math.IsNaN(q) || !met {
				verdict = "**no**"
			}
			fmt.Fprintf(&b, "| %s | %s | ≤ %.2f | %s | %s | %s |\n", t.Label(r), ratio(q), tg.max, ratio(c), num(allocs), verdict)
			lines++
		}
	}
	if lines == 0 {
		return ""
	}
	return b.String()
}
