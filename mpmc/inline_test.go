package mpmc_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
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
	// The build cache does not replay the compiler's -m output, so the
	// flags carry a value unique to this run (-D, a directory for local
	// imports, which module code has none of) to make it compile afresh.
	flags := fmt.Sprintf("-gcflags=github.com/hoare-go/hoare/internal/workload=-m=2 -D=/inline-test-%d", time.Now().UnixNano())
	out, err := exec.Command(gobin, "build", "-o", os.DevNull, flags, "github.com/hoare-go/hoare/internal/workload").CombinedOutput()
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
