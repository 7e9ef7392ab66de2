// Tests of the kernel cpulist parser: good lists, and bad ones whose errors
// quote the text and name the bad element.

package pool_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/hoare-go/hoare/pool"
)

func TestParseCPUList(t *testing.T) {
	good := []struct {
		in   string
		want []int
	}{
		{"", nil},
		{"\n", nil},
		{"0", []int{0}},
		{"0-3\n", []int{0, 1, 2, 3}},
		{"0-3,8,10-11", []int{0, 1, 2, 3, 8, 10, 11}},
		{"8,0-1,1", []int{0, 1, 8}},
		{" 5-5 ", []int{5}},
	}
	for _, c := range good {
		got, err := pool.ParseCPUList(c.in)
		if err != nil || !slices.Equal(got, c.want) {
			t.Errorf("ParseCPUList(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
	bad := []struct{ in, mention string }{
		{"x", `"x"`},
		{"0-", `"0-"`},
		{"-3", `"-3"`},
		{"3-1", "range ends before it starts"},
		{"0,,1", `""`},
		{"0-3:2", `"3:2"`},
		{"99999999999999999999", "out of range"},
		{"0-20000", "out of range"},
		{"1 2", `"1 2"`},
		{"+1", `"+1"`},
	}
	for _, c := range bad {
		got, err := pool.ParseCPUList(c.in)
		if err == nil {
			t.Errorf("ParseCPUList(%q) = %v, nil; want an error", c.in, got)
			continue
		}
		if !strings.HasPrefix(err.Error(), "pool: ") || !strings.Contains(err.Error(), c.mention) {
			t.Errorf("ParseCPUList(%q) error %q; want it to start with pool: and mention %s", c.in, err, c.mention)
		}
	}
}

func TestFormatCPUList(t *testing.T) {
	for _, in := range []string{"0", "0-3", "0-3,8,10-11", "1,3,5"} {
		cpus, err := pool.ParseCPUList(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := pool.FormatCPUList(cpus); got != in {
			t.Errorf("FormatCPUList(ParseCPUList(%q)) = %q", in, got)
		}
	}
}
