package tui

import (
	"strings"
	"testing"

	"github.com/muesli/termenv"
	"github.com/visitline/visitline/itinerary"
)

// TestNamesKeyOnlyWithNativeNames: n is offered, and does something, only
// when a person or an organisation has a native name; the header and the
// picker's prompt say what the file has.
func TestNamesKeyOnlyWithNativeNames(t *testing.T) {
	m := sized(New(Config{Itinerary: conferenceTrip(t), Now: beforeVisit}, renderer(termenv.Ascii)), 300, 40)
	if m.keys.Names.Enabled() || strings.Contains(footerOf(m), "names") || strings.Contains(m.View(), "names:") {
		t.Errorf("n offered without native names:\n%s", m.View())
	}
	before := m.View()
	if m = press(m, "n"); m.native || m.View() != before {
		t.Errorf("n changed the view of a file without native names:\n%s", m.View())
	}
	if p := press(m, "p").View(); !strings.Contains(p, "name, organisation or role") || strings.Contains(p, "한글") {
		t.Errorf("picker prompt:\n%s", p)
	}

	m = newModel(t, 300, 40)
	if !m.keys.Names.Enabled() || !strings.Contains(footerOf(m), "n 한글/Latin names") || !strings.Contains(m.View(), "names: Latin") {
		t.Errorf("n not offered on the default visit:\n%s", m.View())
	}
	if v := press(m, "n").View(); !strings.Contains(v, "names: 한글") || !strings.Contains(v, "샘 올트먼") {
		t.Errorf("n on the default visit:\n%s", v)
	}
	if p := press(m, "p").View(); !strings.Contains(p, "name, 한글, organisation or role") {
		t.Errorf("picker prompt:\n%s", p)
	}
}

// TestFileWords: the word for the native names is the script's own name,
// from people's names and organisations' alike.
func TestFileWords(t *testing.T) {
	for _, c := range []struct {
		people, orgs []string
		roles        bool
		native       string
		prompt       string
	}{
		{nil, nil, false, "", "name"},
		{[]string{"경계현", ""}, nil, true, "한글", "name, 한글 or role"},
		{nil, []string{"삼성전자"}, false, "한글", "name, 한글 or organisation"},
		{[]string{"山田太郎", "やまだ"}, nil, false, "日本語", "name or 日本語"},
		{[]string{"王小明"}, nil, false, "漢字", "name or 漢字"},
		{[]string{"Иван"}, nil, false, "кириллица", "name or кириллица"},
		{[]string{"경계현", "Иван"}, nil, false, "native", "name or native"},
		{[]string{"Nguyễn Văn A"}, nil, false, "native", "name or native"},
	} {
		it := &itinerary.Itinerary{}
		for _, n := range c.people {
			p := itinerary.Person{Name: "x", Native: n, Org: -1}
			if c.roles {
				p.Role = "r"
			}
			it.People = append(it.People, p)
		}
		for _, n := range c.orgs {
			it.Orgs = append(it.Orgs, itinerary.Org{Name: "o", Native: n})
			it.People = append(it.People, itinerary.Person{Name: "y", Org: len(it.Orgs) - 1})
		}
		w := wordsOf(it)
		if w.native != c.native || w.prompt() != c.prompt {
			t.Errorf("%v %v: native %q prompt %q, want %q %q", c.people, c.orgs, w.native, w.prompt(), c.native, c.prompt)
		}
	}
}
