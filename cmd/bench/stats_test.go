// Tests for reading benchmark output: names split into workload, impl and GOMAXPROCS;
// summaries as benchstat makes them; ratios against the base.

package main

import (
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"golang.org/x/perf/benchfmt"
)

// hasAll fails t for each of wants that text lacks, naming text as what, and
// shows text once if it is short enough to read.
func hasAll(t *testing.T, what, text string, wants ...string) {
	t.Helper()
	missing := false
	for _, want := range wants {
		if !strings.Contains(text, want) {
			t.Errorf("%s lacks %q", what, want)
			missing = true
		}
	}
	if missing && len(text) <= 8192 {
		t.Logf("%s:\n%s", what, text)
	}
}

func parseFile(t *testing.T, name string) *Table {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tab, err := Parse(f, name)
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

func TestSplitName(t *testing.T) {
	for _, c := range []struct {
		in, workload, impl string
		procs              int
	}{
		{"BenchmarkMPMC/impl=hoare/procs=4x4/cap=1024-2", "MPMC/procs=4x4/cap=1024", "hoare", 2},
		{"BenchmarkSPSC/impl=native/cap=0", "SPSC/cap=0", "native", 1},
		{"BenchmarkPingPong/impl=xsync-spsc-16", "PingPong", "xsync-spsc", 16},
		{"BenchmarkPool/tasks=1000-2", "Pool/tasks=1000", "", 2},
	} {
		w, im, p, err := splitName(benchfmt.Name(c.in))
		if err != nil || w != c.workload || im != c.impl || p != c.procs {
			t.Errorf("splitName(%q) = %q, %q, %d, %v; want %q, %q, %d", c.in, w, im, p, err, c.workload, c.impl, c.procs)
		}
	}
}

func TestParseFixture(t *testing.T) {
	tab := parseFile(t, "testdata/raw.txt")
	var rows []string
	for _, r := range tab.Rows {
		rows = append(rows, tab.Label(r))
	}
	if want := []string{"SPSC/cap=1024", "PingPong", "TrySend/cap=1024", "PoolTiny/submitters=1"}; !slices.Equal(rows, want) {
		t.Fatalf("rows %q, want %q (order of first appearance)", rows, want)
	}
	if want := []string{"native", "hoare", "goroutines", "chanpool"}; !slices.Equal(tab.Impls, want) {
		t.Fatalf("impls %q, want %q", tab.Impls, want)
	}
	gs := tab.Groups()
	if len(gs) != 2 {
		t.Fatalf("%d groups, want native's and the pool's", len(gs))
	}
	if g := gs[0]; g.Base() != "native" || !slices.Equal(g.Others(), []string{"hoare"}) || len(g.Rows) != 3 || !slices.Equal(g.Procs, []int{2}) {
		t.Fatalf("channel group: base %q others %q rows %d procs %v", g.Base(), g.Others(), len(g.Rows), g.Procs)
	}
	if g := gs[1]; g.Base() != "goroutines" || !slices.Equal(g.Others(), []string{"chanpool", "hoare"}) || len(g.Rows) != 1 {
		t.Fatalf("pool group: base %q others %q rows %d", g.Base(), g.Others(), len(g.Rows))
	}
	pool := tab.Rows[3]
	if q := tab.Ratio(pool, "hoare", unitCPU); math.Abs(q-2.0/11) > 1e-9 {
		t.Fatalf("pool cpu ratio %v, want 0.2/1.1 from cpu-sec/op, against the row's own base", q)
	}
	spsc := tab.Rows[0]
	if got := spsc.Cells["native"][unitTime].Values; !slices.Equal(got, []float64{40, 42, 38}) {
		t.Fatalf("native SPSC ns/op values %v, want the three rounds 40 42 38", got)
	}
	if s := spsc.Cells["native"][unitTime].Summary(); s.Center != 40 || !s.MinMax || s.Lo != 38 || s.Hi != 42 {
		t.Fatalf("summary of 3 rounds %+v, want median 40 and min-max 38..42", s)
	}
	if q := tab.Ratio(spsc, "hoare", unitTime); math.Abs(q-15.0/40) > 1e-12 {
		t.Fatalf("time ratio %v, want 0.375", q)
	}
	if q := tab.Ratio(spsc, "hoare", unitCPU); math.Abs(q-30.0/41) > 1e-12 {
		t.Fatalf("cpu ratio %v, want 30/41", q)
	}
	if q := tab.Ratio(spsc, "nobody", unitTime); !math.IsNaN(q) {
		t.Fatalf("ratio of a missing impl %v, want NaN", q)
	}
}

func TestSummaryUsesConfidenceIntervalWithEnoughRounds(t *testing.T) {
	c := &Cell{Values: []float64{10, 11, 12, 13, 14, 15, 16, 17, 18, 100}}
	s := c.Summary()
	if s.MinMax || s.Center != 14.5 || s.Lo > s.Center || s.Hi < s.Center || s.Hi >= 100 {
		t.Fatalf("summary %+v: want the median 14.5 inside a finite 95%% interval that excludes the outlier", s)
	}
	if s := (*Cell)(nil).Summary(); !math.IsNaN(s.Center) {
		t.Fatalf("summary of no cell %+v, want NaN", s)
	}
}

func TestParseGOMAXPROCSRows(t *testing.T) {
	tab := parseFile(t, "testdata/raw-cpu.txt")
	if !slices.Equal(tab.Procs, []int{1, 2, 4}) {
		t.Fatalf("procs %v, want 1 2 4", tab.Procs)
	}
	if len(tab.Rows) != 6 {
		t.Fatalf("%d rows, want 2 workloads x 3 GOMAXPROCS", len(tab.Rows))
	}
	if got := tab.Label(tab.Rows[1]); got != "SPSC/cap=1024 (P=2)" {
		t.Fatalf("label %q, want the GOMAXPROCS in it", got)
	}
}
