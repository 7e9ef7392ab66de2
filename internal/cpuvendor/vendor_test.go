package cpuvendor

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct{ name, text, want string }{
		{"amd", "processor\t: 0\nvendor_id\t: AuthenticAMD\ncpu family\t: 26\n", AMD},
		{"intel", "processor\t: 0\nvendor_id\t: GenuineIntel\nprocessor\t: 1\nvendor_id\t: Other\n", "GenuineIntel"},
		{"arm64, no vendor line", "processor\t: 0\nBogoMIPS\t: 50.00\nCPU implementer\t: 0x41\n", ""},
		{"empty", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.name)
			if err := os.WriteFile(path, []byte(tc.text), 0o600); err != nil {
				t.Fatal(err)
			}
			if got := parse(path); got != tc.want {
				t.Fatalf("parse(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
	if got := parse(filepath.Join(dir, "missing")); got != "" {
		t.Fatalf("parse of a missing file = %q, want \"\"", got)
	}
}

// On an x86 Linux machine the vendor is read, and read the same each time.
func TestGet(t *testing.T) {
	v := Get()
	if v != Get() {
		t.Fatalf("Get changed its answer")
	}
	if runtime.GOOS == "linux" && (runtime.GOARCH == "amd64" || runtime.GOARCH == "386") && v == "" {
		// Some sandboxes (gVisor, say) give a /proc/cpuinfo without it.
		b, _ := os.ReadFile("/proc/cpuinfo")
		if strings.Contains(string(b), "vendor_id") {
			t.Fatalf("no vendor read from a /proc/cpuinfo that has a vendor_id line on %s/%s", runtime.GOOS, runtime.GOARCH)
		}
		t.Skipf("this /proc/cpuinfo has no vendor_id line")
	}
	t.Logf("vendor %q", v)
}
