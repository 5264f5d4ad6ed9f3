package tui

import (
	"strings"

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
}

func newPicker() picker {
	in := textinput.New()
	in.Prompt = "person: "
	in.Placeholder = "name, 한글, organisation or role"
	in.CharLimit = 200
	return picker{input: in}
}

// open empties the field and lists everyone.
func (p *picker) open(it *itinerary.Itinerary) tea.Cmd {
	p.input.SetValue("")
	p.refresh(it)
	return p.input.Focus()
}

func (p *picker) close() { p.input.Blur() }

// update passes a key to the text field and re-ranks when the text changed.
func (p *picker) update(it *itinerary.Itinerary, msg tea.Msg) tea.Cmd {
	before := p.input.Value()
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	if p.input.Value() != before {
		p.refresh(it)
	}
	return cmd
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
