package tui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/visitline/visitline/agenda"
	"github.com/visitline/visitline/itinerary"
)

// card is a person's card: who they are and every event they attend, one of
// which is highlighted and can be jumped to.
type card struct {
	scrollPane
	person    int
	events    []int // the person's events, instant order
	cur       int   // highlighted position in events
	eventLine []int // content line of each event, then the line after the last
	keys      cardKeyMap
}

func newCard(k KeyMap) card {
	return card{scrollPane: newScrollPane(), person: -1, keys: newCardKeyMap(k)}
}

// cardKeyMap is the keys of the card: they move the highlight from event to
// event and act on the person or the highlighted event.
type cardKeyMap struct {
	Up, Down     key.Binding
	Top, Bottom  key.Binding
	Open         key.Binding
	FilterPerson key.Binding
}

func newCardKeyMap(k KeyMap) cardKeyMap {
	km := cardKeyMap{Up: k.Up, Down: k.Down, Top: k.Top, Bottom: k.Bottom, Open: k.Open, FilterPerson: k.FilterPerson}
	km.Open.SetHelp("enter", "go to event")
	return km
}

// into puts the keys into the key map of the help.
func (ck cardKeyMap) into(k *KeyMap) {
	k.Up, k.Down, k.Top, k.Bottom, k.Open, k.FilterPerson = ck.Up, ck.Down, ck.Top, ck.Bottom, ck.Open, ck.FilterPerson
}

// updateKeys enables the keys while the card shows someone.
func (c *card) updateKeys() {
	k := &c.keys
	for _, b := range []*key.Binding{&k.Up, &k.Down, &k.Top, &k.Bottom, &k.Open, &k.FilterPerson} {
		b.SetEnabled(c.person >= 0)
	}
}

// update moves the highlight.
func (c card) update(rc *renderCtx, msg tea.Msg) (card, tea.Cmd) {
	if msg, ok := msg.(tea.KeyMsg); ok {
		switch k := c.keys; {
		case key.Matches(msg, k.Up):
			c.move(rc, -1)
		case key.Matches(msg, k.Down):
			c.move(rc, 1)
		case key.Matches(msg, k.Top):
			c.move(rc, -len(c.events))
		case key.Matches(msg, k.Bottom):
			c.move(rc, len(c.events))
		}
	}
	return c, nil
}

// open shows person p's card with event `at` highlighted when it is theirs.
func (c *card) open(rc *renderCtx, p, at int) {
	c.person = p
	c.events = rc.it.EventsOf(p)
	c.cur = 0
	for k, i := range c.events {
		if i == at {
			c.cur = k
		}
	}
	c.render(rc)
	// A card opens on who the person is, even when the event it was
	// opened from is further down.
	c.vp.GotoTop()
}

// move moves the highlight by n events.
func (c *card) move(rc *renderCtx, n int) {
	if len(c.events) == 0 {
		return
	}
	c.cur = min(max(c.cur+n, 0), len(c.events)-1)
	c.render(rc)
}

// selected returns the highlighted event, or -1.
func (c *card) selected() int {
	if c.cur < 0 || c.cur >= len(c.events) {
		return -1
	}
	return c.events[c.cur]
}

func (c *card) render(rc *renderCtx) {
	if c.person < 0 {
		return
	}
	content, lines := cardContent(rc, c.person, c.events, c.cur, c.vp.Width)
	c.eventLine = lines
	c.set(content)
	c.revealItem(lines, c.cur)
}

// cardContent lays out person p's card; it returns the content and the
// line of each event, then the line after the last.
func cardContent(c *renderCtx, p int, events []int, cur, width int) (string, []int) {
	it, st := c.it, c.st
	pp := &it.People[p]
	out := &textLines{width: width}
	add, wrap := out.add, out.wrap
	who := agenda.Person(it, p, c.native)
	name := st.Title.Render(who.Name)
	if who.Other != "" {
		name += " " + who.Other
	}
	hang := func(s string) { out.hang("", s, 2) }
	hang(name)
	if pp.Group {
		hang(st.Faint.Render("(a group of people)"))
	}
	if pp.Role != "" {
		hang(pp.Role)
	}
	if o := it.OrgOf(p); o != nil {
		org := o.Name
		if o.Native != "" {
			org += " · " + o.Native
		}
		hang(c.orgStyle[pp.Org].Render(org))
	}
	if pp.Note != "" {
		add("")
		for _, para := range agenda.Paragraphs(pp.Note) {
			wrap(para, 0)
		}
	}
	add("")
	add(st.Heading.Render("Events (" + strconv.Itoa(len(events)) + ")"))
	var eventLines []int
	for k, i := range events {
		eventLines = append(eventLines, len(out.lines))
		mark := "  "
		if k == cur {
			mark = "❯ "
		}
		e := &it.Events[i]
		// The badges before the title, as in the timeline, so that no
		// status hides at the end of a long line.
		badge := agenda.Badges(agenda.PersonBadges(it, p, i))
		day, when := agenda.DatedLabel(it, i, c.zone)
		lead := mark + day + "  " + padRight(when, agenda.TimeColumn(c.zone, false, 0))
		// Continuation lines start under the title where that leaves room.
		from := len(out.lines)
		indent := ansi.StringWidth(lead)
		if width-indent < 24 {
			indent = 4
			add(lead)
			lead = strings.Repeat(" ", indent)
		}
		if k == cur {
			text := e.Title
			if badge != "" {
				text = badge + " " + text
			}
			out.hang(lead, text, indent)
			for l := from; l < len(out.lines); l++ {
				out.lines[l] = st.Selected.Render(fit(out.lines[l], width))
			}
			continue
		}
		text := e.Title
		if e.Status == itinerary.StatusCancelled {
			text = st.Cancelled.Render(text)
		}
		if badge != "" {
			text = st.Badge.Render(badge) + " " + text
		}
		out.hang(lead, text, indent)
	}
	eventLines = append(eventLines, len(out.lines))
	if len(events) == 0 {
		add(st.Faint.Render("  no events"))
	}
	return out.String(), eventLines
}
