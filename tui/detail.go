package tui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/visitline/visitline/agenda"
	"github.com/visitline/visitline/itinerary"
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

// detailContent lays out event i for a pane width cells wide, marking the
// focused participant; it returns the content and the line of each
// participant, then the line after the last.
func detailContent(c *renderCtx, i, width, focused int) (string, []int) {
	it, st := c.it, c.st
	e := &it.Events[i]
	out := &textLines{width: width}
	add, wrap := out.add, out.wrap
	section := func(name string) {
		add("")
		add(st.Heading.Render(name))
	}

	hang := func(s string) { out.hang("", s, 2) }
	hang(st.Title.Render(e.Title))
	hang(agenda.WhenLabel(it, i, c.zone))
	if venue := agenda.VenueTime(it, i, c.zone); venue != "" {
		hang(st.Faint.Render("at the venue: " + venue))
	}
	if note := agenda.FloatingNote(it, i); note != "" {
		hang(st.Faint.Render(note))
	}
	if e.Approximate {
		hang(st.Badge.Render("~ approximate: the clock times are indicative"))
	}
	status := string(e.Status)
	if e.Status != itinerary.StatusConfirmed {
		status = st.Badge.Render("[" + status + "]")
	}
	facts := []string{status, string(e.Kind)}
	if e.Track != "" {
		facts = append(facts, e.Track)
	}
	hang(strings.Join(facts, " · "))
	if where := agenda.Place(e); where != "" {
		hang("@ " + where)
	}

	var partLines []int
	if len(e.Participants) > 0 {
		section("Participants (" + strconv.Itoa(len(e.Participants)) + ")")
		for k, p := range e.Participants {
			partLines = append(partLines, len(out.lines))
			mark := "  "
			if k == focused {
				mark = "❯ "
			}
			if k != focused {
				out.hang(mark, personLine(c, p), 4)
				continue
			}
			// The focused participant: every line of it highlighted.
			from := len(out.lines)
			out.hang(mark, ansi.Strip(personLine(c, p)), 4)
			for l := from; l < len(out.lines); l++ {
				out.lines[l] = st.Selected.Render(fit(out.lines[l], width))
			}
		}
		partLines = append(partLines, len(out.lines))
	}
	if ov := it.Overlaps(i); len(ov) > 0 {
		section("Overlaps")
		for _, o := range ov {
			out.hang("  ", st.Warning.Render(fmt.Sprintf("! overlaps %s — %s (%s)", it.Events[o.Other].Title, it.Name(o.Person, c.native), agenda.TimeLabel(it, o.Other, c.zone))), 4)
		}
		if more := it.OverlapCount(i) - len(ov); more > 0 {
			wrap(st.Warning.Render(fmt.Sprintf("! and %d more", more)), 2)
		}
	}
	if len(e.Topics) > 0 {
		section("Topics")
		wrap(strings.Join(e.Topics, " · "), 2)
	}
	if e.Notes != "" {
		section("Notes")
		for _, para := range agenda.Paragraphs(e.Notes) {
			wrap(para, 2)
		}
	}
	if len(e.Sources) > 0 {
		section("Sources")
		for _, s := range e.Sources {
			out.hang("  ", agenda.SourceLabel(it.Sources[s]), 4)
		}
	}
	return out.String(), partLines
}

// personLine is "Name 이름 — role, Organisation" with the organisation in
// its colour.
func personLine(c *renderCtx, p int) string {
	it := c.it
	pp := &it.People[p]
	name, other := c.names(p)
	s := c.st.DayHeader.Render(name)
	if other != "" {
		s += " " + other
	}
	var about []string
	if pp.Role != "" {
		about = append(about, pp.Role)
	}
	if o := it.OrgOf(p); o != nil {
		about = append(about, c.orgStyle[pp.Org].Render(agenda.OrgName(o, c.native)))
	}
	if len(about) > 0 {
		s += c.st.Faint.Render(" — ") + strings.Join(about, ", ")
	}
	return s
}

// names returns person p's name in the script the reader chose, then the
// other one ("" when there is none).
func (c *renderCtx) names(p int) (first, second string) {
	pp := &c.it.People[p]
	if c.native && pp.Native != "" {
		return pp.Native, pp.Name
	}
	return pp.Name, pp.Native
}
