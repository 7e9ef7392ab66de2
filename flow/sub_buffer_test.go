// What a subscriber that joins a topic late gets (Pub.Sub's doc, which a
// review found wrong: it said only values routed after the Sub).

package flow

import (
	"context"
	"testing"

	"github.com/hoare-go/hoare/mpmc"
)

// A channel subscribed to a topic after values were routed to it, while
// the topic's first subscriber lags, gets the values the topic still holds
// in its buffer, then the later ones: core.async's behaviour, where the
// new tap sees what the topic's mult has not yet taken.
func TestSubGetsValuesTheTopicHolds(t *testing.T) {
	noLeaks(t)
	src := mpmc.New[string](0)
	p := NewPub(context.Background(), src, func(s string) byte { return s[0] },
		func(byte) int { return 4 })
	a := p.Sub('a', mpmc.New[string](0), true) // lags: nobody reads yet
	b := p.Sub('b', mpmc.New[string](0), true)
	for _, v := range []string{"a1", "a2", "a3"} {
		src.Send(v)
	}
	src.Send("b1")
	if v, _ := recv(t, b); v != "b1" { // so a2 and a3 are routed: a1 waits for a, they in topic a's buffer
		t.Fatalf("b got %q", v)
	}
	c := p.Sub('a', mpmc.New[string](4), true)
	src.Send("a4")
	src.Close()
	eq(t, "a", drain(t, a), []string{"a1", "a2", "a3", "a4"})
	drain(t, b)
	eq(t, "c (subscribed while topic a held a2 and a3)", drain(t, c), []string{"a2", "a3", "a4"})
}
