// The machine description written beside every run (machine.txt): what a reader needs
// to judge the numbers and to rerun them.
//
// Invariants: one "key: value" per line, keys fixed (readme.go reads them back);
// every field is best effort and reads "unknown" rather than failing the run.

package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"
)

// Machine describes where and on what code a run happened.
type Machine struct {
	Date       time.Time // start of the run, UTC
	Host       string
	CPU        string // model name from /proc/cpuinfo
	CPUBrand   string // the "cpu:" line go test printed (the CPUID brand string)
	Cores      int    // runtime.NumCPU: CPUs this process may use
	GOMAXPROCS string // what the benchmarks ran with
	GoVersion  string // the toolchain that built the benchmarks
	OSArch     string
	Kernel     string
	Load       string // /proc/loadavg at the start: a busy machine makes noisy numbers
	CoreTrip   string // a cache line's round trip between two CPUs, before and after the rounds (coretrip.go)
	Commit     string // git HEAD, marked when the work tree had uncommitted changes
	Tags       string // the benchmark binaries' build tags (-tags); "" for the default build
}

// Describe gathers the machine description; cpuFlag is the -cpu list, if any, and raw
// the benchmark output (for its cpu: header).
func Describe(root, cpuFlag string, start time.Time, raw []byte) Machine {
	m := Machine{Date: start.UTC(), Cores: runtime.NumCPU(), OSArch: runtime.GOOS + "/" + runtime.GOARCH, CPUBrand: "unknown"}
	for _, line := range strings.Split(string(raw), "\n") {
		if c, ok := strings.CutPrefix(line, "cpu: "); ok {
			m.CPUBrand = strings.TrimSpace(c)
			break
		}
	}
	m.Host, _ = os.Hostname()
	m.CPU = "unknown"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		if c := cpuModel(string(b)); c != "" {
			m.CPU = c
		}
	}
	switch env := os.Getenv("GOMAXPROCS"); {
	case cpuFlag != "":
		m.GOMAXPROCS = cpuFlag + " (-cpu)"
	case env != "":
		m.GOMAXPROCS = env + " (from the GOMAXPROCS environment variable)"
	default:
		m.GOMAXPROCS = fmt.Sprintf("%d (the default: the CPUs available)", runtime.NumCPU())
	}
	m.GoVersion = output(root, "go", "env", "GOVERSION")
	m.Kernel = firstLine("/proc/sys/kernel/osrelease")
	m.Load = firstLine("/proc/loadavg")
	m.Commit = output(root, "git", "rev-parse", "HEAD")
	if m.Commit != "unknown" {
		if dirty := output(root, "git", "status", "--porcelain", "--untracked-files=no"); dirty != "" && dirty != "unknown" {
			m.Commit += " (with uncommitted changes)"
		}
	}
	return m
}

// String renders m as machine.txt.
func (m Machine) String() string {
	var b strings.Builder
	for _, kv := range [][2]string{
		{"date", m.Date.Format(time.RFC3339)},
		{"host", m.Host},
		{"cpu", m.CPU},
		{"cpu (go test)", m.CPUBrand},
		{"cores", fmt.Sprint(m.Cores)},
		{"gomaxprocs", m.GOMAXPROCS},
		{"go", m.GoVersion},
		{"os/arch", m.OSArch},
		{"kernel", m.Kernel},
		{"loadavg at start", m.Load},
		{"core-to-core round trip", orUnknown(m.CoreTrip)},
		{"commit", m.Commit},
		{"build tags", orNone(m.Tags)},
	} {
		fmt.Fprintf(&b, "%s: %s\n", kv[0], kv[1])
	}
	return b.String()
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// ParseMachine reads machine.txt back into its key: value pairs.
func ParseMachine(text string) map[string]string {
	kv := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), ": "); ok {
			kv[k] = v
		}
	}
	return kv
}

// cpuModel returns the first "model name" of /proc/cpuinfo's text (on arm64, which
// has none, the "Hardware" or "CPU part" line), with runs of spaces squeezed.
func cpuModel(cpuinfo string) string {
	found := ""
	for _, line := range strings.Split(cpuinfo, "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		switch strings.TrimSpace(k) {
		case "model name":
			return strings.Join(strings.Fields(v), " ")
		case "Hardware", "CPU part":
			if found == "" {
				found = strings.Join(strings.Fields(v), " ")
			}
		}
	}
	return found
}

func firstLine(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return "unknown"
	}
	line, _, _ := strings.Cut(string(b), "\n")
	return strings.TrimSpace(line)
}

// output runs a command in dir and returns its trimmed output, "unknown" on failure.
func output(dir, name string, args ...string) string {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	b, err := cmd.Output()
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(b))
}
