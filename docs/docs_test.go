package docs_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/visitline/visitline/itinerary"
)

// root is the module root, where the README is; go test runs in docs/.
const root = ".."

// pages are the Markdown files whose links are checked: the README,
// ARCHITECTURE.md and every page of docs/, as paths from the module root.
func pages(t *testing.T) []string {
	t.Helper()
	docs, err := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	if err != nil || len(docs) == 0 {
		t.Fatalf("no pages in docs/: %v", err)
	}
	out := []string{"README.md", "ARCHITECTURE.md"}
	for _, d := range docs {
		rel, _ := filepath.Rel(root, d)
		out = append(out, filepath.ToSlash(rel))
	}
	return out
}

// read is the text of a file named from the module root.
func read(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// markdownLink matches the target of an inline Markdown link or image.
var markdownLink = regexp.MustCompile(`\]\(([^)\s]+)\)`)

// prose is md without its fenced code blocks, where a "# comment" is no
// heading and "](x)" no link.
func prose(md string) string {
	var b strings.Builder
	fenced := false
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			fenced = !fenced
			continue
		}
		if !fenced {
			b.WriteString(line + "\n")
		}
	}
	return b.String()
}

// TestRelativeLinksResolve: every relative link in the README,
// ARCHITECTURE.md and the pages of docs/ names a file or folder of the
// repository, and with a #fragment a heading of that file.
func TestRelativeLinksResolve(t *testing.T) {
	for _, doc := range pages(t) {
		n := 0
		for _, m := range markdownLink.FindAllStringSubmatch(prose(read(t, doc)), -1) {
			target := m[1]
			if u, err := url.Parse(target); err != nil || u.Scheme != "" {
				continue
			}
			n++
			path, frag, _ := strings.Cut(target, "#")
			file := doc
			if path != "" {
				file = filepath.ToSlash(filepath.Join(filepath.Dir(doc), path))
			}
			st, err := os.Stat(filepath.Join(root, file))
			if err != nil {
				t.Errorf("%s: link %q: %v", doc, target, err)
				continue
			}
			if frag == "" {
				continue
			}
			if st.IsDir() || !strings.HasSuffix(file, ".md") {
				t.Errorf("%s: link %q: a #fragment on %s, which has no headings", doc, target, file)
				continue
			}
			if !hasAnchor(read(t, file), frag) {
				t.Errorf("%s: link %q: no heading %q in %s", doc, target, frag, file)
			}
		}
		if n == 0 {
			t.Errorf("%s: no relative links found; is the pattern right?", doc)
		}
	}
}

// hasAnchor reports whether a heading of md gets the anchor frag.
func hasAnchor(md, frag string) bool {
	for _, line := range strings.Split(prose(md), "\n") {
		if strings.HasPrefix(line, "#") && anchor(line) == frag {
			return true
		}
	}
	return false
}

// anchor is the fragment GitHub gives a heading line: lower case, spaces
// to "-", punctuation other than "-" and "_" dropped, letters of every
// script kept.
func anchor(heading string) string {
	h := strings.ToLower(strings.TrimSpace(strings.TrimLeft(heading, "#")))
	var b strings.Builder
	for _, r := range h {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

func TestAnchor(t *testing.T) {
	for heading, want := range map[string]string{
		"## Exit codes":                  "exit-codes",
		"### Editing the file (`e`)":     "editing-the-file-e",
		"## Time zones, now, overlaps":   "time-zones-now-overlaps",
		"# Keys of the interactive view": "keys-of-the-interactive-view",
		"## `--check` and `--print`":     "--check-and---print",
		"## 한글 names":                    "한글-names",
	} {
		if got := anchor(heading); got != want {
			t.Errorf("anchor(%q) = %q, want %q", heading, got, want)
		}
	}
	if hasAnchor("```sh\n# not a heading\n```\n", "not-a-heading") {
		t.Error("a comment in a code block counted as a heading")
	}
}

// TestReadmeIsAFrontDoor: the README stays short, starts with the two
// commands a newcomer runs, and links every page of the manual.
func TestReadmeIsAFrontDoor(t *testing.T) {
	readme := read(t, "README.md")
	if n := len(readme); n > 15*1024 {
		t.Errorf("README.md is %d bytes, over 15 KiB: move the detail into docs/", n)
	}
	for _, cmd := range []string{"go run .", "go test ./..."} {
		if !strings.Contains(readme, "\n"+cmd+" ") {
			t.Errorf("README.md does not give %q at the start of a line", cmd)
		}
	}
	if i, j := strings.Index(readme, "go run ."), strings.Index(readme, "\n## "); i < 0 || j < i {
		t.Error("the set-up commands are not before the first section")
	}
	for _, p := range append(pages(t)[2:], "ARCHITECTURE.md") {
		rel := strings.TrimPrefix(p, "./")
		if !strings.Contains(readme, "]("+rel+")") && !strings.Contains(readme, "]("+rel+"#") {
			t.Errorf("README.md does not link %s", rel)
		}
	}
}

// TestFormatDocExampleLoads: the complete example of the format page is a
// valid itinerary, with no warnings.
func TestFormatDocExampleLoads(t *testing.T) {
	doc := read(t, "docs/itinerary-format.md")
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

// TestEveryPackageSaysItsJob: every package of the module has a package
// comment that starts the way go doc expects ("Package NAME ...", or
// "Command NAME ..." for a program), so its job can be read from go doc and
// the top of its folder. third_party/ holds other modules (see its
// README), not packages of this one.
func TestEveryPackageSaysItsJob(t *testing.T) {
	dirs := map[string]bool{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "third_party") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, ".go") {
			dirs[filepath.Dir(path)] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) < 5 {
		t.Fatalf("found only %d packages; is the root right?", len(dirs))
	}
	for dir := range dirs {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		var name, doc string
		for _, e := range entries {
			if !strings.HasSuffix(e.Name(), ".go") {
				continue
			}
			f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(dir, e.Name()), nil, parser.PackageClauseOnly|parser.ParseComments)
			if err != nil {
				t.Fatal(err)
			}
			pkg := strings.TrimSuffix(f.Name.Name, "_test")
			if name == "" || !strings.HasSuffix(e.Name(), "_test.go") {
				name = pkg
			}
			if f.Doc != nil && doc == "" {
				doc = f.Doc.Text()
			}
		}
		rel, _ := filepath.Rel(root, dir)
		want := "Package " + name + " "
		if name == "main" {
			want = "Command "
		}
		if !strings.HasPrefix(doc, want) {
			t.Errorf("%s: the package comment does not start with %q: %.60q", rel, want, doc)
		}
	}
}
