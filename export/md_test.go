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
  - {id: b, name: "1) Bo Park", role: "    not code", org: o2}
orgs:
  - {id: o, name: "Org & Co | table"}
  - {id: o2, name: "--- not a rule"}
events:
  - title: "# not a heading #"
    start: "2024-01-26 09:00"
    place: "= not an underline"
    topics: ["~not struck~", "**x**"]
    notes: "+ not a list\n\n> not a quote"
    participants: [a, b]
  - title: "block starts"
    start: "2024-01-26 10:00"
    notes: |
      + plus

      - dash para

      * star para
      • bullet para

      1) paren

      > quote

      - not a list
      # not heading

          indented code

      === not an underline

      setext
      ---

      BTBTBT fence
      code
      BTBTBT

      ~~~ tilde fence

      <div>html block</div>

      | a | b |
      |---|---|

      ***

      [ref]: http://x
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
	if err := Markdown(&out, it, Options{Zone: it.Zone}); err != nil {
		t.Fatal(err)
	}
	htm, text := render(t, out.String())
	for _, want := range []string{
		"*Not bold* [not a link](http://x) <b>not html</b> # not a heading", "1. not a list", "a list item with _underscores_",
		"Ann `code` Lee", "- not a list", "Org & Co | table", "# not a heading #", "= not an underline",
		"~not struck~ · **x**", "+ not a list", "> not a quote",
		"1) Bo Park — not code, --- not a rule",
		"+ plus", "- dash para", "* star para\n• bullet para", "1) paren", "> quote", "- not a list # not heading",
		"indented code", "=== not an underline", "setext ---", "``` fence code ```", "~~~ tilde fence",
		"<div>html block</div>", "| a | b | |---|---|", "***", "[ref]: http://x",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the reader does not see %q:\n%s\n---\n%s", want, out.String(), text)
		}
	}
	ours := regexp.MustCompile(`<strong>[A-Z][a-z ]+:</strong>`) // the briefing's own labels
	htm = ours.ReplaceAllString(htm, "")
	for _, tag := range []string{"<em>", "<strong>", "<a ", "<b>", "<code>", "<ol", "<blockquote>", "<del>",
		"<pre>", "<hr", "<div>", "<h4>", "<h5>", "<h6>", "<table>"} {
		if strings.Contains(htm, tag) {
			t.Errorf("the file's text made markup %s:\n%s", tag, htm)
		}
	}
	for tag, want := range map[string]int{"<h1>": 1, "<h2>": 2, "<h3>": 2} { // title; summary, day; events
		if n := strings.Count(htm, tag); n != want {
			t.Errorf("%d %s headings, want %d:\n%s", n, tag, want, htm)
		}
	}
	// Only the briefing's own facts are list items, none of the notes'.
	if n := strings.Count(htm, "<li>"); n != 7 {
		t.Errorf("%d list items, want 7 (the facts of two events and two participants):\n%s", n, htm)
	}
	if strings.ContainsRune(out.String(), '\x1b') {
		t.Error("escape codes in Markdown")
	}
}

// TestMarkdownNoNeedlessEscape: what CommonMark reads as plain text
// carries no backslash — approximate times, badges in brackets, zone
// names with underscores, ampersands, lone stars and angle brackets — and
// still renders as written.
func TestMarkdownNoNeedlessEscape(t *testing.T) {
	for _, s := range []string{
		"~17:30", "~09:00–11:30", "[! overlap]", "[reported] Tour", "America/Los_Angeles", "snake_case_name",
		"Org & Co", "3 < 4 > 2", "a * b", "C# and F#s", "Kyung's", "50% of 2+2=4", "x - y", "a|b", "!important",
		"1.5 hours", "#1 priority", "path\\name",
	} {
		got := mdInline(s)
		if got != s {
			t.Errorf("mdInline(%q) = %q; want it unchanged", s, got)
		}
		if _, text := render(t, got); strings.TrimSpace(text) != s {
			t.Errorf("%q renders as %q", s, strings.TrimSpace(text))
		}
	}
}
