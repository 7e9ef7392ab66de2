// Tests for the machine description: the CPU model from /proc/cpuinfo's text, and
// machine.txt read back as written.

package main

import (
	"strings"
	"testing"
	"time"
)

func TestCPUModel(t *testing.T) {
	x86 := "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC   9754 128-Core Processor\nflags\t: fpu\n\nprocessor\t: 1\nmodel name\t: AMD EPYC 9754 128-Core Processor\n"
	if got := cpuModel(x86); got != "AMD EPYC 9754 128-Core Processor" {
		t.Errorf("cpuModel(x86) = %q", got)
	}
	arm := "processor\t: 0\nBogoMIPS\t: 50.00\nCPU part\t: 0xd0c\n"
	if got := cpuModel(arm); got != "0xd0c" {
		t.Errorf("cpuModel(arm) = %q", got)
	}
	if got := cpuModel(""); got != "" {
		t.Errorf("cpuModel(empty) = %q", got)
	}
}

func TestMachineRoundTrip(t *testing.T) {
	m := Machine{Date: time.Date(2026, 11, 28, 1, 2, 3, 0, time.UTC), Host: "box", CPU: "X: Y", Cores: 2, GOMAXPROCS: "1,2 (-cpu)", GoVersion: "go1.26.8", Commit: "abc (with uncommitted changes)"}
	kv := ParseMachine(m.String())
	for k, want := range map[string]string{"date": "2026-11-28T01:02:03Z", "host": "box", "cpu": "X: Y", "cores": "2", "gomaxprocs": "1,2 (-cpu)", "go": "go1.26.8", "commit": "abc (with uncommitted changes)"} {
		if kv[k] != want {
			t.Errorf("%s: %q, want %q", k, kv[k], want)
		}
	}
	if d := Describe(".", "", m.Date, []byte("goos: linux\ncpu: Brand X @ 3GHz   \nBenchmarkA 1 1 ns/op\n")); d.Cores < 1 || d.CPUBrand != "Brand X @ 3GHz" || !strings.Contains(d.String(), "date: 2026-11-28T01:02:03Z") {
		t.Errorf("Describe: %+v", d)
	}
}
