package tui

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/visitline/visitline/agenda"
	"github.com/visitline/visitline/itinerary"
)

// picker is the people picker: a text field that narrows the list of
// everyone in the itinerary, ranked by how well they match.
type picker struct {
	input   textinput.Model
	matches []itinerary.PersonMatch
	cur     int
	offset  int
	width   int
	height  int // rows for the list
	keys    pickerKeyMap
}

func newPicker(k KeyMap) picker {
	in := textinput.New()
	in.Prompt = "person: "
	in.CharLimit = 200
	return picker{input: in, keys: newPickerKeyMap(k)}
}

// pickerKeyMap is the keys of the people picker besides those that type
// into its field. The root acts on Accept and Cancel: they change the
// filter and close the picker.
type pickerKeyMap struct {
	InputUp, InputDown key.Binding
	Accept, Cancel     key.Binding
}

func newPickerKeyMap(k KeyMap) pickerKeyMap {
	km := pickerKeyMap{InputUp: k.InputUp, InputDown: k.InputDown, Accept: k.Accept, Cancel: k.Cancel}
	km.Accept.SetHelp("enter", "add/remove person")
	km.Cancel.SetHelp("esc", "close")
	return km
}

// into puts the keys into the key map of the help.
func (pk pickerKeyMap) into(k *KeyMap) {
	k.InputUp, k.InputDown, k.Accept, k.Cancel = pk.InputUp, pk.InputDown, pk.Accept, pk.Cancel
}

// open empties the field, prompting for what the file's people have, and
// lists everyone.
func (p *picker) open(it *itinerary.Itinerary, w fileWords) tea.Cmd {
	p.input.SetValue("")
	p.input.Placeholder = w.prompt()
	p.refresh(it)
	return p.input.Focus()
}

func (p *picker) close() { p.input.Blur() }

// update moves the highlight on ↑ and ↓, and passes any other key to the
// text field, ranking the people of it again when the text changed.
func (p picker) update(it *itinerary.Itinerary, msg tea.Msg) (picker, tea.Cmd) {
	if msg, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(msg, p.keys.InputUp):
			p.move(-1)
			return p, nil
		case key.Matches(msg, p.keys.InputDown):
			p.move(1)
			return p, nil
		}
	}
	before := p.input.Value()
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	if p.input.Value() != before {
		p.refresh(it)
	}
	return p, cmd
}

// refresh ranks the people for the current text, highlighting the top match.
func (p *picker) refresh(it *itinerary.Itinerary) {
	p.matches = it.MatchPeople(p.input.Value())
	p.cur, p.offset = 0, 0
}

func (p *picker) setSize(w, h int) {
	p.width, p.height = w, max(h, 1)
	p.input.Width = max(w-len(p.input.Prompt)-2, 1)
	p.scrollToCursor()
}

func (p *picker) move(n int) {
	if len(p.matches) == 0 {
		return
	}
	p.cur = min(max(p.cur+n, 0), len(p.matches)-1)
	p.scrollToCursor()
}

func (p *picker) scrollToCursor() {
	if p.cur < p.offset {
		p.offset = p.cur
	}
	if p.cur >= p.offset+p.height {
		p.offset = p.cur - p.height + 1
	}
}

// selected returns the highlighted person, or -1.
func (p *picker) selected() int {
	if p.cur >= len(p.matches) {
		return -1
	}
	return p.matches[p.cur].Person
}

// view renders the field and the visible part of the list; inFilter marks
// the people already in the filter.
func (p *picker) view(c *renderCtx, inFilter []int) string {
	lines := []string{fit(p.input.View(), p.width)}
	if len(p.matches) == 0 {
		lines = append(lines, fit(c.st.Faint.Render("  nobody matches — "+c.cancelHint), p.width))
	}
	for k := p.offset; k < len(p.matches) && k < p.offset+p.height; k++ {
		person := p.matches[k].Person
		mark := "  "
		if k == p.cur {
			mark = "❯ "
		}
		check := "  "
		for _, q := range inFilter {
			if q == person {
				check = "✓ "
			}
		}
		n := len(c.it.EventsOf(person))
		count := " · " + agenda.Count(n, "event")
		if n == 1 {
			count = " · 1 event"
		}
		line := mark + check + personLine(c, person) + c.st.Faint.Render(count)
		if k == p.cur {
			line = c.st.Selected.Render(fit(ansi.Strip(line), p.width))
		}
		lines = append(lines, fit(line, p.width))
	}
	return strings.Join(lines, "\n")
}

// fileWords is what the names of a file hold, for the words of the n key,
// the header and the picker's prompt. It is made once per itinerary.
type fileWords struct {
	native string // the script of the native names in itself ("한글"); "" when no one has one
	orgs   bool   // someone belongs to an organisation
	roles  bool   // someone has a role
}

// scriptWords names scripts in themselves.
var scriptWords = map[string]string{"Hangul": "한글", "Han": "漢字", "Japanese": "日本語", "Cyrillic": "кириллица", "Greek": "ελληνικά"}

// wordsOf reads what its people and organisations have.
func wordsOf(it *itinerary.Itinerary) fileWords {
	var w fileWords
	scripts := map[string]bool{}
	note := func(native string) {
		if native == "" {
			return
		}
		scripts[scriptOf(native)] = true
	}
	for i := range it.People {
		note(it.People[i].Native)
		w.roles = w.roles || it.People[i].Role != ""
		w.orgs = w.orgs || it.People[i].Org >= 0
	}
	for i := range it.Orgs {
		note(it.Orgs[i].Native)
	}
	if scripts["Hiragana"] || scripts["Katakana"] {
		// Japanese names mix kana and kanji.
		delete(scripts, "Hiragana")
		delete(scripts, "Katakana")
		delete(scripts, "Han")
		scripts["Japanese"] = true
	}
	switch len(scripts) {
	case 0:
	case 1:
		for s := range scripts {
			w.native = scriptWords[s]
		}
		if w.native == "" {
			w.native = "native"
		}
	default:
		w.native = "native"
	}
	return w
}

// scriptOf names the script of the first letter of s that has one other
// than Latin and Common ("" for none).
func scriptOf(s string) string {
	for _, r := range s {
		for _, name := range []string{"Hangul", "Han", "Hiragana", "Katakana", "Cyrillic", "Greek", "Arabic", "Hebrew", "Thai", "Devanagari"} {
			if unicode.Is(unicode.Scripts[name], r) {
				return name
			}
		}
	}
	return ""
}

// prompt is the picker's placeholder: what a reader can type to find
// someone in this file.
func (w fileWords) prompt() string {
	parts := []string{"name"}
	if w.native != "" {
		parts = append(parts, w.native)
	}
	if w.orgs {
		parts = append(parts, "organisation")
	}
	if w.roles {
		parts = append(parts, "role")
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " or " + parts[len(parts)-1]
}
