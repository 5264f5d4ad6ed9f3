package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/visitline/visitline/itinerary"
)

// searchBar is the search field of the footer.
type searchBar struct {
	input textinput.Model
	from  int // event selected when the field opened; Esc goes back to it
	keys  searchKeyMap
}

func newSearchBar(k KeyMap) searchBar {
	in := textinput.New()
	in.Prompt = "/"
	in.Placeholder = "words, @person, !exclude"
	in.CharLimit = 500
	return searchBar{input: in, keys: newSearchKeyMap(k)}
}

// searchKeyMap is the keys of the search field besides those that type
// into it. The root acts on them: they keep or take back the search.
type searchKeyMap struct {
	Accept, Cancel key.Binding
}

func newSearchKeyMap(k KeyMap) searchKeyMap {
	km := searchKeyMap{Accept: k.Accept, Cancel: k.Cancel}
	km.Accept.SetHelp("enter", "keep search")
	km.Cancel.SetHelp("esc", "clear search")
	return km
}

// into puts the keys into the key map of the help.
func (sk searchKeyMap) into(k *KeyMap) { k.Accept, k.Cancel = sk.Accept, sk.Cancel }

// update passes a key to the field; the root compares its text.
func (s searchBar) update(msg tea.Msg) (searchBar, tea.Cmd) {
	var cmd tea.Cmd
	s.input, cmd = s.input.Update(msg)
	return s, cmd
}

// highlight renders s in base with every occurrence of the (folded) words
// in match. Matching folds rune by rune (itinerary.FoldRune: case, marks
// and width, as the search text is folded), so offsets stay right for
// Hangul and any other script and "kogyo" marks "Kōgyō".
func highlight(s string, words []string, base, match lipgloss.Style) string {
	if len(words) == 0 || s == "" {
		return base.Render(s)
	}
	runes := []rune(s)
	lower := make([]rune, len(runes))
	for i, r := range runes {
		lower[i] = itinerary.FoldRune(r)
	}
	marked := make([]bool, len(runes))
	any := false
	for _, w := range words {
		wr := []rune(w)
		if len(wr) == 0 {
			continue
		}
		for i := 0; i+len(wr) <= len(lower); i++ {
			if equalRunes(lower[i:i+len(wr)], wr) {
				for k := i; k < i+len(wr); k++ {
					marked[k] = true
				}
				any = true
			}
		}
	}
	if !any {
		return base.Render(s)
	}
	var b strings.Builder
	for i := 0; i < len(runes); {
		j := i
		for j < len(runes) && marked[j] == marked[i] {
			j++
		}
		if marked[i] {
			b.WriteString(match.Render(string(runes[i:j])))
		} else {
			b.WriteString(base.Render(string(runes[i:j])))
		}
		i = j
	}
	return b.String()
}

func equalRunes(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
