package tui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/visitline/visitline/agenda"
)

// detail is the pane with everything about the selected event. Its
// participants can take the focus, one at a time.
type detail struct {
	scrollPane
	event    int
	part     int   // focused participant (position in the event's list); -1 when the pane has no focus
	partLine []int // content line of each participant, then the line after the last
	keys     detailKeyMap
}

func newDetail(k KeyMap) detail {
	return detail{scrollPane: newScrollPane(), event: -1, part: -1, keys: newDetailKeyMap(k)}
}

// detailKeyMap is the keys of the detail pane: J and K scroll it from the
// timeline; with the focus on the participants, the others move from one
// to the next and act on the one focused.
type detailKeyMap struct {
	Up, Down             key.Binding
	PageUp, PageDown     key.Binding
	DetailUp, DetailDown key.Binding
	Open                 key.Binding
	FilterPerson         key.Binding
}

func newDetailKeyMap(k KeyMap) detailKeyMap {
	km := detailKeyMap{Up: k.Up, Down: k.Down, PageUp: k.PageUp, PageDown: k.PageDown, DetailUp: k.DetailUp,
		DetailDown: k.DetailDown, Open: k.Open, FilterPerson: k.FilterPerson}
	km.Open.SetHelp("enter", "open card")
	return km
}

// into puts the keys into the key map of the help.
func (dk detailKeyMap) into(k *KeyMap) {
	k.Up, k.Down, k.PageUp, k.PageDown, k.DetailUp, k.DetailDown = dk.Up, dk.Down, dk.PageUp, dk.PageDown, dk.DetailUp, dk.DetailDown
	k.Open, k.FilterPerson = dk.Open, dk.FilterPerson
}

// updateKeys enables the keys while the pane shows an event.
func (d *detail) updateKeys() {
	k := &d.keys
	for _, b := range []*key.Binding{&k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.DetailUp, &k.DetailDown, &k.Open, &k.FilterPerson} {
		b.SetEnabled(d.event >= 0)
	}
}

// update scrolls the pane (by three lines from the timeline, by half a
// page with the focus on the participants) and moves the focus from
// participant to participant. Any other key brings the focused participant
// back into view.
func (d detail) update(c *renderCtx, msg tea.Msg) (detail, tea.Cmd) {
	focused := d.part >= 0
	switch msg := msg.(type) {
	case tea.MouseMsg:
		switch msg.Button {
		case tea.MouseButtonWheelUp:
			d.vp.ScrollUp(3)
		case tea.MouseButtonWheelDown:
			d.vp.ScrollDown(3)
		}
		return d, nil
	case tea.KeyMsg:
		k := d.keys
		switch {
		case !focused && key.Matches(msg, k.DetailUp):
			d.vp.ScrollUp(3)
			return d, nil
		case !focused && key.Matches(msg, k.DetailDown):
			d.vp.ScrollDown(3)
			return d, nil
		case !focused:
			return d, nil
		case key.Matches(msg, k.Up):
			d.part = max(d.part-1, 0)
		case key.Matches(msg, k.Down):
			d.part = min(d.part+1, len(c.it.Events[d.event].Participants)-1)
		case key.Matches(msg, k.PageUp, k.DetailUp):
			d.vp.HalfPageUp()
			return d, nil
		case key.Matches(msg, k.PageDown, k.DetailDown):
			d.vp.HalfPageDown()
			return d, nil
		}
		d.show(c, d.event)
	}
	return d, nil
}

// show renders event i (or nothing for -1) into the viewport, keeping the
// scroll position when the event is the same and the focused participant in
// view.
func (d *detail) show(c *renderCtx, i int) {
	if i != d.event {
		d.vp.GotoTop()
	}
	d.event = i
	if i < 0 {
		d.partLine = nil
		d.set("")
		return
	}
	content, lines := detailContent(c, i, d.vp.Width, d.part)
	d.partLine = lines
	d.set(content)
	if d.part >= 0 {
		d.revealItem(lines, d.part)
	}
}

// detailContent lays out event i's facts (see agenda.EventFacts) for a
// pane width cells wide, marking the focused participant; it returns the
// content and the line of each participant, then the line after the last.
func detailContent(c *renderCtx, i, width, focused int) (string, []int) {
	it, st := c.it, c.st
	e := &it.Events[i]
	f := agenda.EventFacts(it, i, c.zone, c.native)
	out := &textLines{width: width}
	add, wrap := out.add, out.wrap
	section := func(name string) {
		add("")
		add(st.Heading.Render(name))
	}

	hang := func(s string) { out.hang("", s, 2) }
	hang(st.Title.Render(f.Title))
	hang(f.When)
	if f.Venue != "" {
		hang(st.Faint.Render("at the venue: " + f.Venue))
	}
	if f.Floating != "" {
		hang(st.Faint.Render(f.Floating))
	}
	if f.Approximate != "" {
		hang(st.Badge.Render("~ " + f.Approximate))
	}
	status := string(f.Status)
	if !f.Confirmed {
		status = st.Badge.Render(agenda.Badge{Kind: agenda.BadgeStatus, Text: status}.String())
	}
	facts := []string{status, f.Kind}
	if f.Track != "" {
		facts = append(facts, f.Track)
	}
	hang(strings.Join(facts, " · "))
	if f.Place != "" {
		hang("@ " + f.Place)
	}
	if f.HasCalendar {
		hang(c.calendarMark(f.Calendar, true) + " calendar " + f.Calendar.Name)
	}

	var partLines []int
	if len(f.Participants) > 0 {
		section("Participants (" + strconv.Itoa(len(f.Participants)) + ")")
		for k, p := range f.Participants {
			partLines = append(partLines, len(out.lines))
			mark := "  "
			if k == focused {
				mark = "❯ "
			}
			if k != focused {
				out.hang(mark, personLine(c, e.Participants[k]), 4)
				continue
			}
			// The focused participant: every line of it highlighted.
			from := len(out.lines)
			out.hang(mark, p.String(), 4)
			for l := from; l < len(out.lines); l++ {
				out.lines[l] = st.Selected.Render(fit(out.lines[l], width))
			}
		}
		partLines = append(partLines, len(out.lines))
	}
	if len(f.Overlaps) > 0 {
		section("Overlaps")
		for k, o := range f.Overlaps {
			if k < len(f.Overlaps)-1 || !f.MoreOverlaps {
				out.hang("  ", st.Warning.Render("! overlaps "+o), 4)
			} else {
				wrap(st.Warning.Render("! "+o), 2)
			}
		}
	}
	if f.Topics != "" {
		section("Topics")
		wrap(f.Topics, 2)
	}
	if len(f.Notes) > 0 {
		section("Notes")
		for _, para := range f.Notes {
			wrap(para, 2)
		}
	}
	if len(f.Sources) > 0 {
		section("Sources")
		for _, s := range f.Sources {
			out.hang("  ", s, 4)
		}
	}
	return out.String(), partLines
}

// personLine is person p's label (see agenda.PersonLabel), "Name 이름 —
// role, Organisation", with the name and the organisation in their
// colours.
func personLine(c *renderCtx, p int) string {
	t := agenda.Person(c.it, p, c.native)
	s := c.st.DayHeader.Render(t.Name)
	if t.Other != "" {
		s += " " + t.Other
	}
	org := t.Org
	if org != "" {
		org = c.orgStyle[c.it.People[p].Org].Render(org)
	}
	switch {
	case t.Role != "" && org != "":
		s += c.st.Faint.Render(" — ") + t.Role + ", " + org
	case t.Role != "" || org != "":
		s += c.st.Faint.Render(" — ") + t.Role + org
	}
	return s
}
