// Tests that the targets table judges ratios, CPU and allocations as issue 2 states.

package main

import (
	"strings"
	"testing"
)

func TestTargetsTable(t *testing.T) {
	raw := `BenchmarkSPSC/impl=native/cap=1024-2  1  40 ns/op  40 cpu-ns/msg  0 B/op  0 allocs/op
BenchmarkSPSC/impl=hoare/cap=1024-2   1  15 ns/op  30 cpu-ns/msg  0 B/op  0 allocs/op
BenchmarkPingPong/impl=native-2       1  300 ns/op 300 cpu-ns/msg 0 B/op  0 allocs/op
BenchmarkPingPong/impl=hoare-2        1  250 ns/op 400 cpu-ns/msg 0 B/op  0 allocs/op
BenchmarkSendRecv/impl=native/cap=1024-2 1 30 ns/op 30 cpu-ns/msg 0 B/op 0 allocs/op
BenchmarkSendRecv/impl=hoare/cap=1024-2  1 10 ns/op 10 cpu-ns/msg 8 B/op 1 allocs/op
BenchmarkTrySend/impl=native/cap=1024-2  1 4 ns/op 4 cpu-ns/msg 0 B/op 0 allocs/op
BenchmarkTrySend/impl=hoare/cap=1024-2   1 2 ns/op 2 cpu-ns/msg 0 B/op 0 allocs/op
`
	tab, err := Parse(strings.NewReader(raw), "t.txt")
	if err != nil {
		t.Fatal(err)
	}
	got := TargetsTable(tab)
	hasAll(t, "targets table", got,
		"| SPSC/cap=1024 | 0.38 | ≤ 0.40 | 0.75 | 0.00 | yes |",
		"| PingPong | 0.83 | ≤ 1.00 | 1.33 | 0.00 | **no** |",          // fast, but burns CPU
		"| TrySend/cap=1024 | 0.50 | ≤ 0.40 | 0.50 | 0.00 | **no** |",  // not fast enough
		"| SendRecv/cap=1024 | 0.33 | ≤ 0.50 | 0.33 | 1.00 | **no** |", // allocates
	)
	if strings.Index(got, "SPSC/cap=1024") > strings.Index(got, "PingPong") {
		t.Errorf("targets out of the issue's order:\n%s", got)
	}
	if TargetsTable(&Table{}) != "" {
		t.Errorf("a table without hoare rows got a targets table")
	}
}
