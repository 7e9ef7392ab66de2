// Command bench runs hoare's comparison with Go's native channels and writes the
// evidence: `go run ./cmd/bench` (the README's first command).
//
// It builds runtime_bench's test binary once, runs every benchmark once per round for
// -count interleaved rounds (a single long run per benchmark is at the mercy of the
// neighbours; interleaving spreads their noise over every column alike), prints a
// progress line per round, then prints `go tool benchstat -col /impl` of all rounds
// (native, run first, is the base column) and writes results/<UTC date>-<host>/:
//
//	raw.txt        the concatenated `go test -bench` output of every round
//	benchstat.txt  the benchstat table printed
//	machine.txt    date, host, CPU model, cores, GOMAXPROCS, Go version, kernel, load,
//	               a cache line's core-to-core round trip (coretrip.go), git commit
//	command.txt    this command line and the exact per-round and benchstat commands
//	*.svg          the charts (chart.go); peers-* with -peers
//
// Usage:
//
//	go run ./cmd/bench                         # the full comparison, a few minutes
//	go run ./cmd/bench -quick                  # a smoke run for CI: short, 3 rounds
//	go run ./cmd/bench -bench 'SPSC|MPMC' -count 5
//	go run ./cmd/bench -cpu 1,2,4              # plus scaling.svg
//	go run ./cmd/bench -peers                  # plus xsync and Workiva (runtime_bench/peers)
//	go run ./cmd/bench -tags hoare_runtime     # the opt-in build; results/<date>-<host>-hoare_runtime/
//	go run ./cmd/bench -readme                 # README.md's results section from the newest folder
//	go run ./cmd/bench -redraw results/DIR     # benchstat and charts again from DIR/raw.txt
//
// Invariants: the benchmarks of all rounds come from one binary built at the start;
// nothing is written under -out before the last round has passed; a failing round
// stops the run with its output and a non-zero exit status.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// config is the command line.
type config struct {
	rounds    int
	bench     string
	benchtime string
	cpu       string
	quick     bool
	peers     bool
	out       string
	tags      string // go build tags of the benchmark binaries; "" for the default build
	readme    bool
	redraw    string
	args      []string // as typed, for command.txt
}

func main() {
	cfg := config{args: os.Args[1:]}
	flag.IntVar(&cfg.rounds, "count", 10, "interleaved rounds; each round runs every benchmark once")
	flag.StringVar(&cfg.bench, "bench", ".", "regexp of the benchmarks to run (go test -bench)")
	flag.StringVar(&cfg.benchtime, "benchtime", "100ms", "time (or Nx iterations) per benchmark per round (go test -benchtime)")
	flag.StringVar(&cfg.cpu, "cpu", "", "comma-separated GOMAXPROCS values to run each benchmark at (go test -cpu); with two or more, scaling.svg is drawn")
	flag.BoolVar(&cfg.quick, "quick", false, "smoke run for CI: -benchtime 10ms and 3 rounds unless given")
	flag.BoolVar(&cfg.peers, "peers", false, "also run the peers module's benchmarks (runtime_bench/peers: xsync, Workiva)")
	flag.StringVar(&cfg.tags, "tags", "", "build tags for the benchmark binaries (go test -tags), e.g. hoare_runtime; the results folder's name ends with them, and -readme shows such a run only in its build-tags section")
	flag.StringVar(&cfg.out, "out", "results", "folder that holds the results folders")
	flag.BoolVar(&cfg.readme, "readme", false, "only regenerate README.md's generated sections (summary, build tags, results) from the newest folders under -out")
	flag.StringVar(&cfg.redraw, "redraw", "", "only redo benchstat and the charts of an existing results folder from its raw.txt")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: go run ./cmd/bench [flags]\n\nRuns hoare's benchmarks against native chan in interleaved rounds and writes results/<date>-<host>/.\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 {
		fail(fmt.Errorf("unexpected arguments %q (flags only; see -h)", flag.Args()))
	}
	if cfg.quick {
		set := map[string]bool{}
		flag.Visit(func(f *flag.Flag) { set[f.Name] = true })
		if !set["benchtime"] {
			cfg.benchtime = "10ms"
		}
		if !set["count"] {
			cfg.rounds = 3
		}
	}
	if cfg.rounds < 1 {
		fail(fmt.Errorf("-count %d: need at least one round", cfg.rounds))
	}
	root, err := moduleRoot()
	if err != nil {
		fail(err)
	}
	switch {
	case cfg.readme:
		dir, err := UpdateReadme(filepath.Join(root, "README.md"), abs(root, cfg.out))
		if err != nil {
			fail(err)
		}
		fmt.Printf("README.md: results section regenerated from %s\n", dir)
	case cfg.redraw != "":
		if err := analyse(root, abs(root, cfg.redraw), false); err != nil {
			fail(err)
		}
	default:
		if err := run(root, cfg, time.Now()); err != nil {
			fail(err)
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bench:", err)
	os.Exit(1)
}

// moduleRoot is the folder of the main module's go.mod, found by the go command.
func moduleRoot() (string, error) {
	gomod := output(".", "go", "env", "GOMOD")
	if gomod == "unknown" || gomod == "" || gomod == os.DevNull {
		return "", fmt.Errorf("run inside the hoare module (go env GOMOD found no go.mod)")
	}
	b, err := os.ReadFile(gomod)
	if err != nil || !strings.Contains(string(b), "module github.com/hoare-go/hoare\n") {
		return "", fmt.Errorf("%s is not github.com/hoare-go/hoare's go.mod: run inside the hoare module", gomod)
	}
	return filepath.Dir(gomod), nil
}

// abs resolves a relative -out or -redraw path against the module root, so that
// results/ is the module's wherever the command is started.
func abs(root, p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(root, p)
}
