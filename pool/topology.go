// Topology: which CPUs this process may use, grouped by NUMA node, read from
// sysfs.
//
// Source: the kernel's sysfs ABI (Documentation/ABI/stable/sysfs-devices-node,
// sysfs-devices-system-cpu): devices/system/cpu/online,
// devices/system/node/node<N>/cpulist, devices/system/cpu/cpu<N>/cache/index3/
// shared_cpu_list; and cgroup v2's fs/cgroup/cpuset.cpus.effective.
//
// Invariants:
//   - Every CPU in a Topology is online, allowed (cgroup cpuset and, for the
//     machine's own /sys, the process's affinity mask) and in exactly one Node.
//   - Nodes are ascending by ID and none is empty; CPUs lists are ascending.
//   - A malformed file is an error naming the file and its text; a missing
//     node directory is the documented one-node fallback; nothing panics.

package pool

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/hoare-go/hoare/internal/affinity"
)

// Topology is the part of the machine a Pool places its workers on: the
// allowed online CPUs, grouped by NUMA node. Read one with ReadTopology to see
// what New would use.
type Topology struct {
	CPUs     []int  // allowed online CPUs, ascending
	Nodes    []Node // NUMA nodes with at least one allowed CPU, ascending by ID
	Fallback string // non-empty when no NUMA information was found: why one node was assumed
}

// Node is one NUMA node of a Topology.
type Node struct {
	ID   int     // the kernel's node number (node<ID> in sysfs)
	CPUs []int   // the node's allowed CPUs, ascending
	L3   [][]int // groups of the node's CPUs that share a last-level (L3) cache, where sysfs says; informational
}

// String prints the topology in cpulist notation, for example
// "node0:0-7 node1:8-15".
func (t *Topology) String() string {
	var b strings.Builder
	for i, n := range t.Nodes {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "node%d:%s", n.ID, formatCPUList(n.CPUs))
	}
	return b.String()
}

// NodeOf returns the ID of the node holding cpu, or -1 if cpu is not in t.
func (t *Topology) NodeOf(cpu int) int {
	for _, n := range t.Nodes {
		if _, ok := slices.BinarySearch(n.CPUs, cpu); ok {
			return n.ID
		}
	}
	return -1
}

// Restrict returns the topology limited to cpus (any order, no duplicates),
// with empty nodes dropped. It is an error if a CPU is not in t, or if cpus
// is empty.
func (t *Topology) Restrict(cpus []int) (*Topology, error) {
	if len(cpus) == 0 {
		return nil, errors.New("pool: CPU set is empty")
	}
	want := slices.Clone(cpus)
	slices.Sort(want)
	for i, c := range want {
		if i > 0 && want[i-1] == c {
			return nil, fmt.Errorf("pool: CPU %d is listed twice", c)
		}
		if _, ok := slices.BinarySearch(t.CPUs, c); !ok {
			return nil, fmt.Errorf("pool: CPU %d is not an allowed online CPU (allowed: %s)", c, formatCPUList(t.CPUs))
		}
	}
	r := &Topology{CPUs: want, Fallback: t.Fallback}
	for _, n := range t.Nodes {
		nc := intersect(n.CPUs, want)
		if len(nc) == 0 {
			continue
		}
		var l3 [][]int
		for _, g := range n.L3 {
			if gc := intersect(g, want); len(gc) > 0 {
				l3 = append(l3, gc)
			}
		}
		r.Nodes = append(r.Nodes, Node{ID: n.ID, CPUs: nc, L3: l3})
	}
	return r, nil
}

// ReadTopology reads the machine's CPUs and NUMA nodes from the sysfs tree at
// root ("" means "/sys").
//
// What is read, under root:
//   - devices/system/cpu/online: the online CPUs. Required.
//   - devices/system/node/node<N>/cpulist: each node's CPUs. If the directory
//     devices/system/node or every node<N> in it is missing (kernels built
//     without NUMA, some containers), the fallback is one node, ID 0, holding
//     all allowed CPUs, and Topology.Fallback says why.
//   - fs/cgroup/cpuset.cpus.effective, if present: the cgroup's allowed CPUs.
//   - devices/system/cpu/cpu<N>/cache/index3/shared_cpu_list, if present: L3
//     sharing, reported in Node.L3 only.
//
// When root is the machine's own /sys, the result is also intersected with
// this process's affinity mask at start-up (sched_getaffinity on Linux),
// whatever thread asks; a fixture tree describes some other machine, so no
// mask is applied to it. If the own /sys
// has no devices/system/cpu/online (other systems, sysfs-less containers),
// the fallback is one node of the CPUs in the affinity mask.
//
// Errors name the file and quote its content. ReadTopology never panics.
func ReadTopology(root string) (*Topology, error) {
	own := root == "" || filepath.Clean(root) == "/sys"
	if root == "" {
		root = "/sys"
	}
	var mask []int
	if own {
		var err error
		if mask, err = affinity.Process(); err != nil {
			return nil, fmt.Errorf("pool: reading the process's CPU affinity: %w", err)
		}
		if _, err := os.Stat(filepath.Join(root, "devices/system/cpu/online")); errors.Is(err, fs.ErrNotExist) {
			// Not Linux, or a container without sysfs: the affinity
			// mask is all there is to know.
			return &Topology{
				CPUs:     mask,
				Nodes:    []Node{{ID: 0, CPUs: slices.Clone(mask)}},
				Fallback: "no sysfs CPU information at " + root + ": one node of the allowed CPUs assumed",
			}, nil
		}
	}
	t, err := readSysfs(root)
	if err != nil {
		return nil, err
	}
	if !own {
		return t, nil
	}
	allowed := intersect(t.CPUs, mask)
	if len(allowed) == 0 {
		return nil, fmt.Errorf("pool: no online CPU (%s) is in the affinity mask (%s)", formatCPUList(t.CPUs), formatCPUList(mask))
	}
	return t.Restrict(allowed)
}

// readSysfs reads a sysfs tree without consulting the affinity mask.
func readSysfs(root string) (*Topology, error) {
	if st, err := os.Stat(root); err != nil {
		return nil, fmt.Errorf("pool: SysfsRoot %q is unreadable: %w", root, err)
	} else if !st.IsDir() {
		return nil, fmt.Errorf("pool: SysfsRoot %q is not a directory", root)
	}
	online, err := readList(root, "devices/system/cpu/online", true)
	if err != nil {
		return nil, err
	}
	if len(online) == 0 {
		return nil, fmt.Errorf("pool: %s lists no CPU", filepath.Join(root, "devices/system/cpu/online"))
	}
	cpus := online
	if cg, err := readList(root, "fs/cgroup/cpuset.cpus.effective", false); err != nil {
		return nil, err
	} else if cg != nil {
		cpus = intersect(cpus, cg)
		if len(cpus) == 0 {
			return nil, fmt.Errorf("pool: no online CPU (%s) is in the cgroup cpuset (%s)", formatCPUList(online), formatCPUList(cg))
		}
	}
	t := &Topology{CPUs: cpus}

	nodeDir := filepath.Join(root, "devices/system/node")
	ents, err := os.ReadDir(nodeDir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("pool: reading %s: %w", nodeDir, err)
	}
	placed := map[int]bool{}
	for _, e := range ents {
		id, ok := nodeID(e.Name())
		if !ok {
			continue
		}
		list, err := readList(root, filepath.Join("devices/system/node", e.Name(), "cpulist"), true)
		if err != nil {
			return nil, err
		}
		nc := intersect(list, cpus)
		for _, c := range nc {
			if placed[c] {
				return nil, fmt.Errorf("pool: CPU %d is in more than one node under %s", c, nodeDir)
			}
			placed[c] = true
		}
		if len(nc) > 0 {
			t.Nodes = append(t.Nodes, Node{ID: id, CPUs: nc})
		}
	}
	slices.SortFunc(t.Nodes, func(a, b Node) int { return a.ID - b.ID })
	switch {
	case len(t.Nodes) == 0 && len(placed) == 0:
		t.Fallback = fmt.Sprintf("no NUMA node information under %s: one node assumed", nodeDir)
		t.Nodes = []Node{{ID: 0, CPUs: slices.Clone(cpus)}}
	case len(placed) < len(cpus):
		// Online CPUs that no node lists: give them to the first node
		// rather than lose them.
		for _, c := range cpus {
			if !placed[c] {
				if len(t.Nodes) == 0 {
					t.Nodes = []Node{{ID: 0}}
				}
				t.Nodes[0].CPUs = append(t.Nodes[0].CPUs, c)
			}
		}
		slices.Sort(t.Nodes[0].CPUs)
	}
	for i := range t.Nodes {
		l3, err := readL3(root, t.Nodes[i].CPUs)
		if err != nil {
			return nil, err
		}
		t.Nodes[i].L3 = l3
	}
	return t, nil
}

// readL3 groups cpus by their shared_cpu_list of cache index3, where present.
func readL3(root string, cpus []int) ([][]int, error) {
	var groups [][]int
	seen := map[int]bool{}
	for _, c := range cpus {
		if seen[c] {
			continue
		}
		dir := fmt.Sprintf("devices/system/cpu/cpu%d/cache/index3", c)
		if lvl, err := os.ReadFile(filepath.Join(root, dir, "level")); err == nil && strings.TrimSpace(string(lvl)) != "3" {
			continue
		}
		list, err := readList(root, filepath.Join(dir, "shared_cpu_list"), false)
		if err != nil {
			return nil, err
		}
		g := intersect(list, cpus)
		if len(g) == 0 {
			continue
		}
		for _, x := range g {
			seen[x] = true
		}
		groups = append(groups, g)
	}
	return groups, nil
}

// readList reads and parses the cpulist file rel under root. A missing file
// is an error if required, else (nil, nil).
func readList(root, rel string, required bool) ([]int, error) {
	path := filepath.Join(root, rel)
	b, err := os.ReadFile(path)
	if err != nil {
		if !required && errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, fmt.Errorf("pool: reading %s: %w", path, err)
	}
	list, err := parseCPUList(string(b))
	if err != nil {
		return nil, fmt.Errorf("%w (in %s)", err, path)
	}
	return list, nil
}

// nodeID parses "node<N>" directory names.
func nodeID(name string) (int, bool) {
	s, ok := strings.CutPrefix(name, "node")
	if !ok || s == "" {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || strconv.Itoa(n) != s {
		return 0, false
	}
	return n, true
}
