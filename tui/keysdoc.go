package tui

import (
	"strings"
)

// KeysMarkdown is docs/keys.md: the sections of the ? page — every key of
// the key map with what it does, the keys of the text fields and the legend
// of glyphs and badges — as Markdown tables. TestKeysDoc keeps the file
// current.
func KeysMarkdown() string {
	var b strings.Builder
	b.WriteString("# Keys of the interactive view\n\n")
	b.WriteString("<!-- Generated from the key map (tui/keys.go) by\n" +
		"     go test ./tui -run TestKeysDoc -update\n" +
		"     Do not edit: TestKeysDoc fails when this file is not current. -->\n\n")
	b.WriteString("The same list as the `?` page and `visitline --help`. The footer shows only\n" +
		"the keys that do something at the moment; their short names there may\n" +
		"differ from the ones below. How the view behaves is in\n" +
		"[The interactive view](view.md); the lanes' keys in more words under\n" +
		"[Lanes](view.md#lanes).\n")
	for _, s := range keySections() {
		b.WriteString("\n## " + s.title + "\n\n| key | does |\n|---|---|\n")
		for _, r := range s.rows {
			var keys []string
			for _, k := range strings.Split(r.keys, ", ") {
				keys = append(keys, mdCode(k))
			}
			if r == mouseRow || r.keys == otherKeys {
				keys = []string{r.keys}
			}
			b.WriteString("| " + strings.Join(keys, ", ") + " | " + mdCell(r.desc) + " |\n")
		}
	}
	b.WriteString("\n## Symbols\n\n| symbol | means |\n|---|---|\n")
	for _, r := range legendRows() {
		b.WriteString("| " + mdCode(r.keys) + " | " + mdCell(r.desc) + " |\n")
	}
	return b.String()
}

// mdCode is s as Markdown inline code in a table cell.
func mdCode(s string) string {
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + strings.ReplaceAll(s, "|", `\|`) + fence
}

// mdCell is plain text in a Markdown table cell.
func mdCell(s string) string {
	for _, c := range []string{`\`, "|", "*", "_", "<", "[", "`"} {
		s = strings.ReplaceAll(s, c, `\`+c)
	}
	return s
}
