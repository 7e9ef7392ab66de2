// Package cpuvendor tells which vendor made the CPU the program runs on, for
// the few layout choices whose best answer was measured to differ between
// vendors (ring's slot layout).
//
// Invariants: Get reads the answer once and returns the same string for the
// life of the process; it never fails and never blocks for long. Where the
// vendor cannot be read (not Linux, no /proc, an unknown format) it returns
// "", which callers treat as "no vendor-specific choice".
package cpuvendor

import (
	"bufio"
	"os"
	"strings"
	"sync"
)

// AMD is the vendor string of AMD's x86 processors (CPUID leaf 0).
const AMD = "AuthenticAMD"

// Get returns the CPU's vendor string as CPUID reports it ("AuthenticAMD",
// "GenuineIntel"), or "" where it cannot be read.
var Get = sync.OnceValue(func() string { return parse("/proc/cpuinfo") })

// parse returns the value of the first vendor_id line of a cpuinfo file,
// or "" if it has none or cannot be read.
func parse(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		key, val, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(key) == "vendor_id" {
			return strings.TrimSpace(val)
		}
	}
	return ""
}
