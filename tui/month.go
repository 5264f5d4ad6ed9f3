package tui

import (
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/visitline/visitline/agenda"
)

// The month view: the month's grid, a row a week, each day with its count
// of events and as many titles as fit; Enter opens the list on the day.
// The grid is agenda.Month's.

// monthKeyMap is the month view's keys.
type monthKeyMap struct {
	Left, Right            key.Binding // the day before, after
	Up, Down               key.Binding // the week before, after
	PrevPeriod, NextPeriod key.Binding // a month earlier, later
	Open                   key.Binding // the list on the day
}

func newMonthKeyMap(k KeyMap) monthKeyMap {
	m := monthKeyMap{Left: k.Left, Right: k.Right, Up: k.Up, Down: k.Down, PrevPeriod: k.PrevPeriod,
		NextPeriod: k.NextPeriod, Open: k.Open}
	m.Left.SetHelp(m.Left.Help().Key, "day before")
	m.Right.SetHelp(m.Right.Help().Key, "day after")
	m.Up.SetHelp(m.Up.Help().Key, "week before")
	m.Down.SetHelp(m.Down.Help().Key, "week after")
	m.PrevPeriod.SetHelp(m.PrevPeriod.Help().Key, "month before")
	m.NextPeriod.SetHelp(m.NextPeriod.Help().Key, "month after")
	m.Open.SetHelp(m.Open.Help().Key, "list on the day")
	return m
}

// into puts the keys into the key map of the help.
func (m monthKeyMap) into(k *KeyMap) {
	k.Left, k.Right, k.Up, k.Down, k.PrevPeriod, k.NextPeriod = m.Left, m.Right, m.Up, m.Down, m.PrevPeriod, m.NextPeriod
	k.Open = m.Open
}

// monthView is the month on screen and the day of its cursor.
type monthView struct {
	keys      monthKeyMap
	weekStart time.Weekday
	day       time.Time // the cursor's day, midnight UTC
	followed  int
	set       *agenda.MonthSet
	sgr       *sgrCache // the styles' escape codes, made anew with set and shared by its copies
	w, h      int
}

func newMonthView(k KeyMap, start time.Weekday) monthView {
	return monthView{keys: newMonthKeyMap(k), weekStart: start, followed: -2}
}

func (v *monthView) setSize(w, h int) { v.w, v.h = w, h }

// handles reports whether msg is one of the month's keys.
func (v *monthView) handles(msg tea.KeyMsg) bool {
	k := v.keys
	return key.Matches(msg, k.Left, k.Right, k.Up, k.Down, k.PrevPeriod, k.NextPeriod, k.Open)
}

// sync brings the month in line with the layout and the selected event.
func (v *monthView) sync(rows *agenda.Layout, sel int) {
	if rows == nil {
		return
	}
	if sel != v.followed {
		v.followed = sel
		if sel >= 0 {
			v.day = agenda.DayOf(rows, sel)
		} else if v.day.IsZero() {
			today, ok := agenda.Today(rows)
			if !ok {
				today = time.Now().UTC().Truncate(24 * time.Hour)
			}
			v.day = today
		}
	}
	first := time.Date(v.day.Year(), v.day.Month(), 1, 0, 0, 0, 0, time.UTC)
	if v.set == nil || v.set.Layout != rows || !v.set.Month.Equal(first) {
		v.set, v.sgr = agenda.Month(rows, v.day, v.weekStart), &sgrCache{}
	}
}

// cursor is the cursor's day in the grid.
func (v *monthView) cursor() *agenda.MonthDay {
	for w := range v.set.Weeks {
		for k := range v.set.Weeks[w] {
			if v.set.Weeks[w][k].Date.Equal(v.day) {
				return &v.set.Weeks[w][k]
			}
		}
	}
	return nil
}

// update moves the cursor for msg; it returns the event to select (the
// day's first), or -1 to keep the selection, and whether msg asks for the
// list on the day.
func (v *monthView) update(msg tea.KeyMsg) (sel int, open bool) {
	k := v.keys
	switch {
	case key.Matches(msg, k.Open):
		return -1, true
	case key.Matches(msg, k.Left):
		v.day = v.day.AddDate(0, 0, -1)
	case key.Matches(msg, k.Right):
		v.day = v.day.AddDate(0, 0, 1)
	case key.Matches(msg, k.Up):
		v.day = v.day.AddDate(0, 0, -7)
	case key.Matches(msg, k.Down):
		v.day = v.day.AddDate(0, 0, 7)
	case key.Matches(msg, k.PrevPeriod):
		v.day = v.day.AddDate(0, -1, 0)
	case key.Matches(msg, k.NextPeriod):
		v.day = v.day.AddDate(0, 1, 0)
	}
	return v.moveTo(v.day), false
}

// moveTo puts the cursor on day (midnight UTC), building its month when
// it is another; it returns the day's first event to select, or -1 to keep
// the selection.
func (v *monthView) moveTo(day time.Time) int {
	v.day = day
	v.sync(v.set.Layout, v.followed)
	if d := v.cursor(); d != nil && len(d.Events) > 0 {
		v.followed = d.Events[0]
		return d.Events[0]
	}
	return -1
}

// dayAt is the day drawn at column x of line y of the month (line 0 the
// weekday names).
func (v *monthView) dayAt(x, y int) (time.Time, bool) {
	if v.set == nil || y < 1 || y >= v.h || x < 0 {
		return time.Time{}, false
	}
	cw := max(v.w/7, 2)
	per := max((v.h-1)/len(v.set.Weeks), 1)
	w, k := (y-1)/per, x/cw
	if w >= len(v.set.Weeks) || k >= len(v.set.Weeks[w]) {
		return time.Time{}, false
	}
	return v.set.Weeks[w][k].Date, true
}

// view draws the month in w×h cells: a line of weekday names, then the
// weeks, each as many lines as the height shares out.
func (v *monthView) view(c *renderCtx, sel int) string {
	s := v.set
	cw := max(v.w/7, 2)
	inner := cw - 1
	lines := make([]string, 0, v.h)
	head := runLine{c: c, sgr: v.sgr}
	for k := range 7 {
		head.add(cell(agenda.WeekdayLabel(s.Weeks[0][k].Date, inner), inner)+" ", roleDay)
	}
	lines = append(lines, head.String())
	per := max((v.h-1)/len(s.Weeks), 1)
	for _, week := range s.Weeks {
		for r := 0; r < per && len(lines) < v.h; r++ {
			l := runLine{c: c, sgr: v.sgr}
			for k := range week {
				d := &week[k]
				switch {
				case r == 0:
					st := roleFaint
					switch {
					case d.Date.Equal(v.day):
						st = roleSelected
					case d.Today:
						st = roleNow
					case d.Covered && d.InMonth:
						st = roleAccent
					case d.InMonth:
						st = rolePlain
					}
					label := itoa(d.Date.Day())
					if d.Covered {
						label += "•"
					}
					if n := agenda.CountLabel(d.Count, inner-len(label)-1); n != "" && len(label)+1+len(n) <= inner {
						label += " " + n
					}
					l.add(cell(label, inner), st)
				case r-1 < len(d.Events) && (r < per-1 || d.Count == r):
					i := d.Events[r-1]
					c.addBlock(&l, i, c.it.Events[i].Title, inner, sel)
				case r == per-1 && d.Count > r-1:
					l.add(cell("+"+itoa(d.Count-r+1), inner), roleFaint)
				default:
					l.add(cell("", inner), rolePlain)
				}
				l.add(" ", rolePlain)
			}
			lines = append(lines, l.String())
		}
	}
	return strings.Join(lines, "\n")
}

// monthPane is the timeline pane in the month view.
func (m Model) monthPane() string {
	w := m.lay.list.w
	focused := m.focus == focusTimeline && m.mode == modeList
	title := "Month · "
	if m.mo.set != nil {
		title += m.mo.set.Label()
	}
	title += " · " + agenda.CountOf(len(m.visible), len(m.it.Events), "event")
	head := m.paneTitle(title, focused, w)
	if m.mo.set == nil {
		return head + "\n" + fitBlock(m.emptyMessage(), w, m.lay.list.h-1)
	}
	return head + "\n" + fitBlock(m.mo.view(m.ctx(), m.tl.selected()), w, m.lay.list.h-1)
}
