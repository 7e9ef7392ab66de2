package mpmc_test

import (
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestFastPathInlines fails when a function of the lock-free fast path
// stops inlining (in the manner of cespare/xxhash's inlining test): the
// "anybody waiting?" check after every push and pop must stay one inlined
// atomic load, not a call. It compiles a package that instantiates
// Chan[int] and reads the compiler's inlining decisions.
func TestFastPathInlines(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles a package")
	}
	gobin := filepath.Join(runtime.GOROOT(), "bin", "go")
	out, err := exec.Command(gobin, "build", "-o", "/dev/null", "-gcflags=github.com/hoare-go/hoare/mpmc=-m=2",
		"github.com/hoare-go/hoare/internal/workload").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, fn := range []string{
		"mpmc.(*Chan[go.shape.int]).pushed",
		"mpmc.(*Chan[go.shape.int]).popped",
	} {
		if !strings.Contains(string(out), "can inline "+fn) {
			t.Errorf("%s no longer inlines; the compiler said:\n%s", fn, grep(string(out), fn))
		}
	}
}

func grep(s, sub string) string {
	var b strings.Builder
	for _, line := range strings.Split(s, "\n") {
		if strings.Contains(line, sub) {
			b.WriteString(line + "\n")
		}
	}
	return b.String()
}
