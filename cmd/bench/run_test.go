// Tests for the run's bookkeeping: results folders never overwrite one another, and
// command.txt states commands a shell can run.

package main

import (
	"path/filepath"
	"testing"
	"time"
)

func TestNewResultsDirNeverOverwrites(t *testing.T) {
	parent := t.TempDir()
	start := time.Date(2026, 11, 28, 23, 59, 0, 0, time.FixedZone("east", 3600*5))
	a, err := newResultsDir(parent, start, "my host", "")
	if err != nil {
		t.Fatal(err)
	}
	b, err := newResultsDir(parent, start, "my host", "")
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(a) != "2026-11-28-my_host" || filepath.Base(b) != "2026-11-28-my_host-2" {
		t.Fatalf("folders %s and %s, want the UTC date, a safe host name, and a -2 for the second", a, b)
	}
	if c, err := newResultsDir(parent, start, "my host", "hoare_runtime"); err != nil || filepath.Base(c) != "2026-11-28-my_host-hoare_runtime" {
		t.Fatalf("folder %s, %v for a build with tags, want 2026-11-28-my_host-hoare_runtime", c, err)
	}
}

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"100ms":             "100ms",
		".":                 ".",
		"^$":                "'^$'",
		"SPSC/.*/cap=1024$": "'SPSC/.*/cap=1024$'",
		"it's":              `'it'\''s'`,
		"":                  "''",
	} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestCommandText(t *testing.T) {
	cfg := config{rounds: 10, bench: "SPSC|MPMC", benchtime: "100ms", cpu: "1,2", args: []string{"-bench", "SPSC|MPMC", "-cpu", "1,2", "-peers"}}
	text := commandText(cfg, suites, roundArgs(cfg))
	hasAll(t, "command.txt", text,
		"command: go run ./cmd/bench -bench 'SPSC|MPMC' -cpu 1,2 -peers\n",
		"go test ./runtime_bench -run '^$' -bench 'SPSC|MPMC' -benchtime 100ms -count 1 -cpu 1,2`",
		"(cd runtime_bench/peers && go test . -run '^$' -bench 'SPSC|MPMC' -benchtime 100ms -count 1 -cpu 1,2)",
		"go tool benchstat -col /impl peers-raw.txt",
	)
	cfg.tags = "hoare_runtime"
	hasAll(t, "command.txt with -tags", commandText(cfg, suites[:1], roundArgs(cfg)),
		"built once with `go test -c -tags hoare_runtime -o runtime_bench.test .`",
		"go test ./runtime_bench -tags hoare_runtime -run '^$'",
	)
}

func TestNameFilter(t *testing.T) {
	tab := parseFile(t, "testdata/raw.txt")
	gs := tab.Groups()
	if got := nameFilter(gs[0]); got != ".name:/^(SPSC|PingPong|TrySend)$/" {
		t.Errorf("channel group filter %s", got)
	}
	if got := nameFilter(gs[1]); got != ".name:/^(PoolTiny)$/" {
		t.Errorf("pool group filter %s", got)
	}
}
