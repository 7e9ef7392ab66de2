// The run: build each benchmark binary once, run every benchmark once per round for
// the given number of interleaved rounds, then hand the output to benchstat and the
// charts and write the results folder.
//
// Invariants: all rounds of a suite run the same binary; a round's output is kept
// whole, headers included (benchstat and benchfmt read repeated headers); the results
// folder is created only after the last round passed, and never overwrites an earlier
// one (a second run the same day on the same host gets a -2 suffix).

package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
)

// suite is one package of benchmarks: runtime_bench, or the peers module.
type suite struct {
	name   string // "runtime_bench" or "peers"
	dir    string // the package folder; the binary runs there, as go test runs it
	raw    string // raw output file in the results folder
	stat   string // benchstat output file
	prefix string // chart file prefix
	title  string // chart title
}

var suites = []suite{
	{name: "runtime_bench", dir: "runtime_bench", raw: "raw.txt", stat: "benchstat.txt", prefix: "", title: ""},
	{name: "peers", dir: "runtime_bench/peers", raw: "peers-raw.txt", stat: "peers-benchstat.txt", prefix: "peers-", title: "peers"},
}

// roundArgs are the test binary's flags for one round: every matching benchmark once.
func roundArgs(cfg config) []string {
	args := []string{"-test.run", "^$", "-test.bench", cfg.bench, "-test.benchtime", cfg.benchtime, "-test.count", "1", "-test.timeout", "10m"}
	if cfg.cpu != "" {
		args = append(args, "-test.cpu", cfg.cpu)
	}
	return args
}

// goTestEquivalent is the `go test` command a round is equivalent to, for people.
func goTestEquivalent(s suite, cfg config) string {
	pkg := "./" + s.dir
	if s.name == "peers" {
		pkg = "(cd " + s.dir + " && go test ."
	} else {
		pkg = "go test " + pkg
	}
	pkg += tagsFlag(cfg.tags)
	cmd := pkg + " -run '^$' -bench " + shellQuote(cfg.bench) + " -benchtime " + cfg.benchtime + " -count 1"
	if cfg.cpu != "" {
		cmd += " -cpu " + cfg.cpu
	}
	if s.name == "peers" {
		cmd += ")"
	}
	return cmd
}

var benchLine = regexp.MustCompile(`(?m)^Benchmark\S*\s+\d+\s+\S+ ns/op`)

func run(root string, cfg config, start time.Time) error {
	active := suites[:1]
	if cfg.peers {
		active = suites[:2]
	}
	tmp, err := os.MkdirTemp("", "hoare-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	bins := make([]string, len(active))
	for i, s := range active {
		bins[i] = filepath.Join(tmp, s.name+".test")
		fmt.Printf("bench: building %s (go test -c)\n", s.name)
		build := []string{"test", "-c", "-o", bins[i]}
		if cfg.tags != "" {
			build = append(build, "-tags", cfg.tags)
		}
		if s.name == "peers" {
			// The nested module replaces hoare with ../..: when hoare's go.mod gains a
			// dependency, peers' go.sum lags until tidied; let the build record it.
			build = append(build, "-mod=mod")
		}
		cmd := exec.Command("go", append(build, ".")...)
		cmd.Dir = filepath.Join(root, s.dir)
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("building %s's benchmarks: %w", s.name, err)
		}
	}

	args := roundArgs(cfg)
	fmt.Printf("bench: %d interleaved rounds, -bench %s, -benchtime %s%s\n", cfg.rounds, shellQuote(cfg.bench), cfg.benchtime, map[bool]string{true: ", -cpu " + cfg.cpu}[cfg.cpu != ""])
	raws := make([]bytes.Buffer, len(active))
	tripBefore := CoreRoundTrip()
	first := time.Now()
	for round := 1; round <= cfg.rounds; round++ {
		t0 := time.Now()
		counts := make([]string, len(active))
		for i, s := range active {
			cmd := exec.Command(bins[i], args...)
			cmd.Dir = filepath.Join(root, s.dir)
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			err := cmd.Run()
			n := len(benchLine.FindAll(out.Bytes(), -1))
			if err != nil {
				os.Stderr.Write(out.Bytes())
				return fmt.Errorf("round %d of %s failed: %w", round, s.name, err)
			}
			if n == 0 && i == 0 {
				return fmt.Errorf("round %d of %s: no benchmark matched -bench %s", round, s.name, shellQuote(cfg.bench))
			}
			if n == 0 {
				counts[i] = s.name + " 0 (none matched -bench)"
				continue // a filter for runtime_bench alone need not match the peers
			}
			raws[i].Write(out.Bytes())
			counts[i] = fmt.Sprintf("%s %d", s.name, n)
		}
		elapsed := time.Since(first)
		left := elapsed / time.Duration(round) * time.Duration(cfg.rounds-round)
		fmt.Printf("round %2d/%d  %s  %.1fs  (elapsed %s, about %s left)\n",
			round, cfg.rounds, strings.Join(counts, ", "), time.Since(t0).Seconds(), elapsed.Round(time.Second), left.Round(time.Second))
	}

	host, _ := os.Hostname()
	dir, err := newResultsDir(abs(root, cfg.out), start, host, cfg.tags)
	if err != nil {
		return err
	}
	for i, s := range active {
		if raws[i].Len() == 0 {
			continue
		}
		if err := os.WriteFile(filepath.Join(dir, s.raw), raws[i].Bytes(), 0o644); err != nil {
			return err
		}
	}
	m := Describe(root, cfg.cpu, start, raws[0].Bytes())
	m.Tags = cfg.tags
	m.CoreTrip = fmt.Sprintf("%s before the rounds, %s after", tripBefore, CoreRoundTrip())
	if err := os.WriteFile(filepath.Join(dir, "machine.txt"), []byte(m.String()), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "command.txt"), []byte(commandText(cfg, active, args)), 0o644); err != nil {
		return err
	}
	return analyse(root, dir, true)
}

// commandText is command.txt: what was typed, and what it ran.
func commandText(cfg config, active []suite, args []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "command: go run ./cmd/bench%s\n", quoteAll(cfg.args))
	fmt.Fprintf(&b, "rounds: %d, interleaved: each round runs every benchmark of every suite once\n", cfg.rounds)
	for _, s := range active {
		fmt.Fprintf(&b, "%s: built once with `go test -c%s -o %s.test .` in %s/, then each round ran `%s.test%s` there\n", s.name, tagsFlag(cfg.tags), s.name, s.dir, s.name, quoteAll(args))
		fmt.Fprintf(&b, "%s: each round is the same as `%s`\n", s.name, goTestEquivalent(s, cfg))
		fmt.Fprintf(&b, "%s: table by `go tool benchstat -col /impl %s` (once per base implementation with -filter when rows differ in base; %s heads each table with its command)\n", s.name, s.raw, s.stat)
	}
	return b.String()
}

// tagsFlag is " -tags T" for build tags T, or "" for the default build.
func tagsFlag(tags string) string {
	if tags == "" {
		return ""
	}
	return " -tags " + shellQuote(tags)
}

// newResultsDir creates parent/<UTC date>-<host>, with -<tags> after it for a build
// with tags, or the first free -2, -3, ... of it.
func newResultsDir(parent string, start time.Time, host, tags string) (string, error) {
	if host == "" {
		host = "unknown-host"
	}
	name := start.UTC().Format("2006-01-02") + "-" + sanitize(host)
	if tags != "" {
		name += "-" + sanitize(tags)
	}
	base := filepath.Join(parent, name)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", err
	}
	dir := base
	for i := 2; ; i++ {
		err := os.Mkdir(dir, 0o755)
		if err == nil {
			return dir, nil
		}
		if !os.IsExist(err) {
			return "", err
		}
		dir = fmt.Sprintf("%s-%d", base, i)
	}
}

// analyse runs benchstat and draws the charts for every suite whose raw output the
// results folder dir holds; the runtime_bench suite's must be there.
func analyse(root, dir string, fresh bool) error {
	var written []string
	for i, s := range suites {
		rawPath := filepath.Join(dir, s.raw)
		raw, err := os.ReadFile(rawPath)
		if err != nil {
			if i == 0 {
				return fmt.Errorf("%s: %w", dir, err)
			}
			continue
		}
		t, err := Parse(bytes.NewReader(raw), s.raw)
		if err != nil {
			return err
		}
		stat, err := benchstatGroups(root, rawPath, t)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, s.stat), stat, 0o644); err != nil {
			return err
		}
		fmt.Printf("\n%s (go tool benchstat -col /impl %s):\n\n%s", s.name, s.raw, stat)
		if tt := TargetsTable(t); tt != "" && s.prefix == "" {
			fmt.Printf("\nissue 2's targets, hoare against native (medians of the rounds):\n\n%s", tt)
		}
		charts, err := DrawCharts(t, dir, s.prefix, s.title)
		if err != nil {
			return err
		}
		written = append(written, s.raw, s.stat)
		written = append(written, charts...)
	}
	if fresh {
		written = append(written, "machine.txt", "command.txt")
	}
	fmt.Printf("\nbench: wrote %s: %s\n", dir, strings.Join(written, " "))
	fmt.Printf("bench: `go run ./cmd/bench -readme` puts the newest results into README.md\n")
	return nil
}

// benchstatGroups runs benchstat once when every row of t has the same base
// implementation, and otherwise once per group of rows sharing a base (filtered by
// benchmark name), so that each table's first column is the base of all its rows
// (native for the channels, plain goroutines for the pool benchmarks).
func benchstatGroups(root, rawPath string, t *Table) ([]byte, error) {
	groups := t.Groups()
	if len(groups) <= 1 {
		return benchstat(root, rawPath)
	}
	var out bytes.Buffer
	for i, g := range groups {
		filter := nameFilter(g)
		stat, err := benchstat(root, rawPath, "-filter", filter)
		if err != nil {
			return nil, err
		}
		if i > 0 {
			out.WriteString("\n")
		}
		fmt.Fprintf(&out, "# against %s: go tool benchstat -col /impl -filter %s %s\n\n", g.Base(), shellQuote(filter), filepath.Base(rawPath))
		out.Write(stat)
	}
	return out.Bytes(), nil
}

// nameFilter is a benchstat -filter matching the benchmark names of g's rows.
func nameFilter(g *Table) string {
	var names []string
	for _, r := range g.Rows {
		name, _, _ := strings.Cut(r.Workload, "/")
		if q := regexp.QuoteMeta(name); !slices.Contains(names, q) {
			names = append(names, q)
		}
	}
	return ".name:/^(" + strings.Join(names, "|") + ")$/"
}

// benchstat runs `go tool benchstat -col /impl` (the tool directive of go.mod) on a
// raw output file and returns its table.
func benchstat(root, rawPath string, extra ...string) ([]byte, error) {
	arg := rawPath
	if rel, err := filepath.Rel(root, rawPath); err == nil && !strings.HasPrefix(rel, "..") {
		arg = rel
	}
	cmd := exec.Command("go", append(append([]string{"tool", "benchstat", "-col", "/impl"}, extra...), arg)...)
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go tool benchstat -col /impl%s %s: %v\n%s", quoteAll(extra), arg, err, stderr.Bytes())
	}
	return out, nil
}

func sanitize(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ' ' || r == ':' {
			return '_'
		}
		return r
	}, s)
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\n'\"\\$`|&;<>()*?[]{}!#~^") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func quoteAll(args []string) string {
	var b strings.Builder
	for _, a := range args {
		b.WriteString(" " + shellQuote(a))
	}
	return b.String()
}
