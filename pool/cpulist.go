// cpulist: the kernel's CPU list format ("0-3,8,10-11"), parsed and printed.
//
// Source: Documentation/admin-guide/cputopology.rst and cpuset(7), "List
// format": comma-separated decimal CPU numbers or inclusive ranges a-b, an
// optional stride a-b:s is not used by sysfs and is rejected.
//
// Invariants:
//   - parseCPUList returns CPUs ascending and without duplicates, or an error
//     that quotes the text and names the bad element; it never panics.
//   - No list may name a CPU at or above maxCPU, so a corrupt file cannot make
//     the parser allocate without bound.

package pool

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// maxCPU bounds CPU numbers: Linux's NR_CPUS is at most 8192 today.
const maxCPU = 1 << 14

// parseCPUList parses a kernel CPU list. Surrounding white space (sysfs files
// end in a newline) is ignored; an empty list is valid and yields no CPUs.
func parseCPUList(s string) ([]int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	var cpus []int
	for elem := range strings.SplitSeq(s, ",") {
		lo, hi, isRange := strings.Cut(elem, "-")
		a, err := parseCPU(lo)
		if err != nil {
			return nil, fmt.Errorf("pool: bad cpulist %q: element %q: %v", s, elem, err)
		}
		b := a
		if isRange {
			if b, err = parseCPU(hi); err != nil {
				return nil, fmt.Errorf("pool: bad cpulist %q: element %q: %v", s, elem, err)
			}
			if b < a {
				return nil, fmt.Errorf("pool: bad cpulist %q: element %q: range ends before it starts", s, elem)
			}
		}
		for c := a; c <= b; c++ {
			cpus = append(cpus, c)
		}
	}
	slices.Sort(cpus)
	return slices.Compact(cpus), nil
}

// parseCPU parses one CPU number in [0, maxCPU).
func parseCPU(s string) (int, error) {
	if s == "" {
		return 0, fmt.Errorf("empty CPU number")
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, fmt.Errorf("%q is not a CPU number", s)
		}
	}
	n, err := strconv.Atoi(s)
	if err != nil || n >= maxCPU {
		return 0, fmt.Errorf("CPU %s is out of range [0, %d)", s, maxCPU)
	}
	return n, nil
}

// formatCPUList prints ascending CPUs in the kernel's list format.
func formatCPUList(cpus []int) string {
	var b strings.Builder
	for i := 0; i < len(cpus); {
		j := i
		for j+1 < len(cpus) && cpus[j+1] == cpus[j]+1 {
			j++
		}
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(cpus[i]))
		if j > i {
			b.WriteByte('-')
			b.WriteString(strconv.Itoa(cpus[j]))
		}
		i = j + 1
	}
	return b.String()
}

// intersect returns the CPUs of a that are also in b; both ascending.
func intersect(a, b []int) []int {
	var out []int
	for _, c := range a {
		if _, ok := slices.BinarySearch(b, c); ok {
			out = append(out, c)
		}
	}
	return out
}
