//go:build hoare_runtime && !race

package park

import (
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestRuntimeHookWaitReason checks the one fragile assumption of the
// runtime hooks: that the wait reason number we pass is still
// "sync.Cond.Wait" in this Go release. A goroutine parked through the hook
// must show under that name in a stack dump.
func TestRuntimeHookWaitReason(t *testing.T) {
	var w Waiter
	done := make(chan int)
	go func() { done <- w.Wait(false, nil, nil) }()
	deadline := time.Now().Add(10 * time.Second)
	for w.state.Load() != parkedG {
		if time.Now().After(deadline) {
			t.Fatal("the waiter never parked through the runtime hook")
		}
		runtime.Gosched()
	}
	buf := make([]byte, 1<<20)
	stacks := string(buf[:runtime.Stack(buf, true)])
	found := false
	for _, g := range strings.Split(stacks, "\n\n") {
		if strings.Contains(g, "park.(*Waiter).block") {
			found = true
			if !strings.Contains(g, "[sync.Cond.Wait") {
				t.Errorf("a goroutine parked by the hook shows as\n%s\nwant the wait reason [sync.Cond.Wait]: runtime.waitReasonSyncCondWait was renumbered; update hook_runtime.go", strings.SplitN(g, "\n", 2)[0])
			}
		}
	}
	if !found {
		t.Fatalf("no goroutine parked in park.(*Waiter).block in:\n%s", stacks)
	}
	if !w.TrySelect(0) {
		t.Fatal("TrySelect failed on an undecided Waiter")
	}
	w.Wake()
	if how := <-done; how != Woken {
		t.Fatalf("Wait = %d, want Woken", how)
	}
}
