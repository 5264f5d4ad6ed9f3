package export

import (
	"bytes"
	"slices"
	"testing"
)

// TestFormatTable: every listed format has a writer that writes the
// default visit; a name not in the table has none; the list is in the
// order --help gives it.
func TestFormatTable(t *testing.T) {
	want := []Format{FormatText, FormatMarkdown, FormatJSON, FormatICS, FormatYAML, FormatCSV, FormatHTML}
	if got := Formats(); !slices.Equal(got, want) {
		t.Fatalf("Formats() = %v, want %v", got, want)
	}
	it := load(t, "visit.yaml")
	sizes := map[int]Format{}
	for _, f := range Formats() {
		w := Writer(f)
		if w == nil {
			t.Fatalf("no writer for %q", f)
		}
		var b bytes.Buffer
		if err := w(&b, it, Options{Zone: it.Zone}); err != nil || b.Len() == 0 {
			t.Errorf("%s: %d bytes, %v", f, b.Len(), err)
		}
		if g, dup := sizes[b.Len()]; dup {
			t.Errorf("%s writes what %s writes", f, g)
		}
		sizes[b.Len()] = f
	}
	for _, f := range []Format{"", "pdf", "TEXT", "markdown"} {
		if Writer(f) != nil {
			t.Errorf("a writer for %q", f)
		}
	}
	if About(FormatMarkdown) != "a Markdown briefing" || About(FormatJSON) != "" || About("pdf") != "" {
		t.Errorf("About: %q %q %q", About(FormatMarkdown), About(FormatJSON), About("pdf"))
	}
}
