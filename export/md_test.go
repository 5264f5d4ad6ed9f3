package export

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/visitline/visitline/itinerary"
	"github.com/yuin/goldmark"
)

// hostile has text that means something to Markdown in every field the
// briefing prints.
const hostile = `version: 1
title: "*Not bold* [not a link](http://x) <b>not html</b> # not a heading"
timezone: Asia/Seoul
summary: |
  1. not a list
  - a list item with _underscores_
people:
  - {id: a, name: "Ann BTcodeBT Lee", role: "- not a list", org: o}
orgs:
  - {id: o, name: "Org & Co | table"}
events:
  - title: "# not a heading #"
    start: "2024-01-26 09:00"
    place: "= not an underline"
    topics: ["~not struck~", "**x**"]
    notes: "+ not a list\n\n> not a quote"
    participants: [a]
`

// render turns Markdown into HTML with a CommonMark parser, and the HTML
// into the text a reader sees.
func render(t *testing.T, md string) (htm, text string) {
	t.Helper()
	var b bytes.Buffer
	if err := goldmark.Convert([]byte(md), &b); err != nil {
		t.Fatal(err)
	}
	htm = b.String()
	return htm, html.UnescapeString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(htm, ""))
}

// TestMarkdownShowsTextAsWritten: Markdown-significant characters in the
// file reach the reader as written, and make no markup of their own.
func TestMarkdownShowsTextAsWritten(t *testing.T) {
	it, err := itinerary.Load("h.yaml", []byte(strings.ReplaceAll(hostile, "BT", "`")))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := Markdown(&out, it, it.Select(itinerary.Filter{}), Options{Zone: it.Zone}); err != nil {
		t.Fatal(err)
	}
	htm, text := render(t, out.String())
	for _, want := range []string{
		"*Not bold* [not a link](http://x) <b>not html</b> # not a heading", "1. not a list", "a list item with _underscores_",
		"Ann `code` Lee", "- not a list", "Org & Co | table", "# not a heading #", "= not an underline",
		"~not struck~ · **x**", "+ not a list", "> not a quote",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the reader does not see %q:\n%s\n---\n%s", want, out.String(), text)
		}
	}
	ours := regexp.MustCompile(`<strong>[A-Z][a-z ]+:</strong>`) // the briefing's own labels
	htm = ours.ReplaceAllString(htm, "")
	for _, tag := range []string{"<em>", "<strong>", "<a ", "<b>", "<code>", "<ol>", "<blockquote>", "<del>"} {
		if strings.Contains(htm, tag) {
			t.Errorf("the file's text made markup %s:\n%s", tag, htm)
		}
	}
	if n := strings.Count(htm, "<h1>"); n != 1 {
		t.Errorf("%d h1 headings, want 1:\n%s", n, htm)
	}
	if strings.ContainsRune(out.String(), '\x1b') {
		t.Error("escape codes in Markdown")
	}
}
