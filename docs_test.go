package main

import (
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/visitline/visitline/itinerary"
)

// markdownLink matches the target of an inline Markdown link or image.
var markdownLink = regexp.MustCompile(`\]\(([^)\s]+)\)`)

// TestRelativeLinksResolve: every relative link in the README and the docs
// names a file of the repository (and, with a #fragment, a heading of it).
func TestRelativeLinksResolve(t *testing.T) {
	for _, doc := range []string{"README.md", "docs/itinerary-format.md"} {
		b, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, m := range markdownLink.FindAllStringSubmatch(string(b), -1) {
			target := m[1]
			if u, err := url.Parse(target); err != nil || u.Scheme != "" {
				continue
			}
			n++
			path, frag, _ := strings.Cut(target, "#")
			file := doc
			if path != "" {
				file = filepath.Join(filepath.Dir(doc), path)
			}
			content, err := os.ReadFile(file)
			if err != nil {
				t.Errorf("%s: link %q: %v", doc, target, err)
				continue
			}
			if frag != "" && !hasAnchor(string(content), frag) {
				t.Errorf("%s: link %q: no heading %q in %s", doc, target, frag, file)
			}
		}
		if n == 0 {
			t.Errorf("%s: no relative links found; is the pattern right?", doc)
		}
	}
}

// hasAnchor reports whether a heading of md gets the anchor frag the way
// GitHub makes them: lower case, spaces to "-", punctuation dropped.
func hasAnchor(md, frag string) bool {
	for _, line := range strings.Split(md, "\n") {
		if !strings.HasPrefix(line, "#") {
			continue
		}
		h := strings.ToLower(strings.TrimSpace(strings.TrimLeft(line, "#")))
		var b strings.Builder
		for _, r := range h {
			switch {
			case r == ' ':
				b.WriteByte('-')
			case r == '-' || r == '_' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
				b.WriteRune(r)
			}
		}
		if b.String() == frag {
			return true
		}
	}
	return false
}

// TestFormatDocExampleLoads: the complete example of the format page is a
// valid itinerary, with no warnings.
func TestFormatDocExampleLoads(t *testing.T) {
	b, err := os.ReadFile("docs/itinerary-format.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	_, after, ok := strings.Cut(doc, "## A complete example")
	if !ok {
		t.Fatal("no complete example")
	}
	_, after, _ = strings.Cut(after, "```yaml\n")
	example, _, _ := strings.Cut(after, "```")
	it, err := itinerary.Load("example.yaml", []byte(example))
	if err != nil {
		t.Fatal(err)
	}
	if len(it.Events) != 6 || it.ID != "sf-summit-2026" || len(it.Warnings) != 0 {
		t.Errorf("%d events, id %q, warnings %v", len(it.Events), it.ID, it.Warnings)
	}
	if d := it.Events[0].Duration().String(); d != "11h35m0s" {
		t.Errorf("the flight out lasts %s, want 11h35m0s", d)
	}
}
