// Tests that the charts are drawn from a small fixture of benchmark output: the files
// exist, are SVG, and name the workloads and implementations.

package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestDrawChartsFromFixture(t *testing.T) {
	dir := t.TempDir()
	files, err := DrawCharts(parseFile(t, "testdata/raw.txt"), dir, "", "hoare vs native")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"ns-per-msg.svg", "ratio.svg", "cpu-ratio.svg", "vs-goroutines-ns-per-msg.svg", "vs-goroutines-ratio.svg", "vs-goroutines-cpu-ratio.svg"}
	if !slices.Equal(files, want) {
		t.Fatalf("wrote %q, want %q (no scaling chart at one GOMAXPROCS)", files, want)
	}
	for _, f := range files[:3] {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		hasAll(t, f, string(b), "<svg", "</svg>", "SPSC/cap=1024", "PingPong", "hoare", "Arial")
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "ratio.svg")); !strings.Contains(string(b), "0.38") || strings.Contains(string(b), "PoolTiny") {
		t.Errorf("ratio.svg lacks the SPSC ratio label 0.38, or shows the pool row")
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "vs-goroutines-ratio.svg")); !strings.Contains(string(b), "PoolTiny/submitters=1") || !strings.Contains(string(b), "chanpool") {
		t.Errorf("vs-goroutines-ratio.svg lacks the pool row or its chanpool column")
	}
}

func TestScalingChartFromFixture(t *testing.T) {
	dir := t.TempDir()
	files, err := DrawCharts(parseFile(t, "testdata/raw-cpu.txt"), dir, "peers-", "scaling")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(files, "peers-scaling.svg") {
		t.Fatalf("wrote %q, want peers-scaling.svg for three GOMAXPROCS", files)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "peers-scaling.svg"))
	hasAll(t, "peers-scaling.svg", string(b), "<svg", "GOMAXPROCS", "MPMC/procs=4x4/cap=64", "native", "hoare")
}

func TestNoRatioChartWithoutSecondImpl(t *testing.T) {
	raw := "BenchmarkSPSC/impl=native/cap=1-2 \t 100 \t 10.0 ns/op\n"
	tab, err := Parse(strings.NewReader(raw), "one.txt")
	if err != nil {
		t.Fatal(err)
	}
	files, err := DrawCharts(tab, t.TempDir(), "", "one")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(files, []string{"ns-per-msg.svg"}) {
		t.Fatalf("wrote %q, want only ns-per-msg.svg (nothing to compare)", files)
	}
}
