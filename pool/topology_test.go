// Tests of ReadTopology on the fixture trees under testdata/: 2 nodes x 8
// CPUs with L3, 4 nodes with offline CPUs and a memory-only node, cgroup
// cpusets, no NUMA information (the fallback), and malformed trees.

package pool_test

import (
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/hoare-go/hoare/pool"
)

func fixture(name string) string { return filepath.Join("testdata", name) }

func TestReadTopologyFixtures(t *testing.T) {
	cases := []struct {
		dir      string
		want     string // Topology.String()
		l3       int    // number of L3 groups in all nodes
		fallback bool
	}{
		{"two-nodes", "node0:0-7 node1:8-15", 2, false},
		{"four-nodes-offline", "node0:0-3,5-7 node1:8-15 node2:17-23 node3:24-29", 0, false},
		{"cpuset", "node0:4-7 node1:8-11", 0, false},
		{"cpuset-one-node", "node0:0-3", 0, false},
		{"no-node", "node0:0-3", 0, true},
	}
	for _, c := range cases {
		t.Run(c.dir, func(t *testing.T) {
			topo, err := pool.ReadTopology(fixture(c.dir))
			if err != nil {
				t.Fatal(err)
			}
			if got := topo.String(); got != c.want {
				t.Errorf("topology %q; want %q", got, c.want)
			}
			l3 := 0
			n := 0
			for _, node := range topo.Nodes {
				l3 += len(node.L3)
				n += len(node.CPUs)
				for _, cpu := range node.CPUs {
					if topo.NodeOf(cpu) != node.ID {
						t.Errorf("NodeOf(%d) = %d; want %d", cpu, topo.NodeOf(cpu), node.ID)
					}
				}
			}
			if n != len(topo.CPUs) {
				t.Errorf("nodes hold %d CPUs, Topology.CPUs %d", n, len(topo.CPUs))
			}
			if l3 != c.l3 {
				t.Errorf("%d L3 groups; want %d", l3, c.l3)
			}
			if (topo.Fallback != "") != c.fallback {
				t.Errorf("Fallback %q; want fallback=%v", topo.Fallback, c.fallback)
			}
		})
	}
}

func TestReadTopologyL3(t *testing.T) {
	topo, err := pool.ReadTopology(fixture("two-nodes"))
	if err != nil {
		t.Fatal(err)
	}
	if got := pool.FormatCPUList(topo.Nodes[1].L3[0]); got != "8-15" {
		t.Errorf("node1 L3 group %s; want 8-15", got)
	}
}

func TestReadTopologyErrors(t *testing.T) {
	cases := []struct{ dir, mention string }{
		{"bad-online", `"0-3,x"`},
		{"bad-node", "node1/cpulist"},
		{"bad-cpuset", "cpuset.cpus.effective"},
		{"bad-l3", "shared_cpu_list"},
		{"no-online", "devices/system/cpu/online"},
		{"overlap", "CPU 4 is in more than one node"},
		{"empty-online", "lists no CPU"},
		{"cpuset-disjoint", "no online CPU (0-3) is in the cgroup cpuset (8-9)"},
		{"does-not-exist", "does-not-exist"},
	}
	for _, c := range cases {
		t.Run(c.dir, func(t *testing.T) {
			topo, err := pool.ReadTopology(fixture(c.dir))
			if err == nil {
				t.Fatalf("ReadTopology = %v, nil; want an error", topo)
			}
			if !strings.HasPrefix(err.Error(), "pool: ") || !strings.Contains(err.Error(), c.mention) {
				t.Errorf("error %q; want it to start with pool: and mention %q", err, c.mention)
			}
		})
	}
}

// The machine's own topology: every CPU is in the affinity mask.
func TestReadTopologyOwn(t *testing.T) {
	topo, err := pool.ReadTopology("")
	if err != nil {
		t.Fatal(err)
	}
	if len(topo.CPUs) == 0 || len(topo.CPUs) > runtime.NumCPU() {
		t.Errorf("own topology %v has %d CPUs; NumCPU is %d", topo, len(topo.CPUs), runtime.NumCPU())
	}
	t.Logf("this machine: %v (fallback: %q)", topo, topo.Fallback)
}

func TestRestrict(t *testing.T) {
	topo, err := pool.ReadTopology(fixture("two-nodes"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := topo.Restrict([]int{9, 1, 2})
	if err != nil {
		t.Fatal(err)
	}
	if got := r.String(); got != "node0:1-2 node1:9" {
		t.Errorf("Restrict = %q", got)
	}
	for _, bad := range []struct {
		cpus    []int
		mention string
	}{{[]int{16}, "CPU 16 is not an allowed online CPU (allowed: 0-15)"}, {[]int{1, 1}, "CPU 1 is listed twice"}, {[]int{}, "empty"}} {
		if _, err := topo.Restrict(bad.cpus); err == nil || !strings.Contains(err.Error(), bad.mention) {
			t.Errorf("Restrict(%v) error %v; want one mentioning %q", bad.cpus, err, bad.mention)
		}
	}
}
