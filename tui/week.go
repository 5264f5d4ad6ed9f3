package tui

import (
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/visitline/visitline/agenda"
)

// The week view's state and navigation: the week on screen, the day
// column of the cursor and the event of the timeline it follows. The week
// itself (which events are in which column and band) is agenda.Week's.

// weekKeyMap is the week view's keys.
type weekKeyMap struct {
	Left, Right            key.Binding // the day before, after
	Up, Down               key.Binding // the event before, after in the day
	PrevPeriod, NextPeriod key.Binding // a week earlier, later
}

func newWeekKeyMap(k KeyMap) weekKeyMap {
	w := weekKeyMap{Left: k.Left, Right: k.Right, Up: k.Up, Down: k.Down, PrevPeriod: k.PrevPeriod, NextPeriod: k.NextPeriod}
	w.Left.SetHelp(w.Left.Help().Key, "day before")
	w.Right.SetHelp(w.Right.Help().Key, "day after")
	w.PrevPeriod.SetHelp(w.PrevPeriod.Help().Key, "week before")
	w.NextPeriod.SetHelp(w.NextPeriod.Help().Key, "week after")
	return w
}

// into puts the keys into the key map of the help.
func (w weekKeyMap) into(k *KeyMap) {
	k.Left, k.Right, k.Up, k.Down, k.PrevPeriod, k.NextPeriod = w.Left, w.Right, w.Up, w.Down, w.PrevPeriod, w.NextPeriod
}

// weekView is the week on screen. set is made by agenda.Week from the
// layout and week it names, and rebuilt when either changes.
type weekView struct {
	keys      weekKeyMap
	weekStart time.Weekday
	start     time.Time // the first day of the week on screen
	day       int       // the cursor's column
	followed  int       // the timeline's event the week last moved to, or -2 for none yet
	set       *agenda.WeekSet
	sgr       *sgrCache // the styles' escape codes, made anew with set and shared by its copies
	w, h      int
}

func newWeekView(k KeyMap, start time.Weekday) weekView {
	return weekView{keys: newWeekKeyMap(k), weekStart: start, followed: -2}
}

func (v *weekView) setSize(w, h int) { v.w, v.h = w, h }

// handles reports whether msg is one of the week's keys.
func (v *weekView) handles(msg tea.KeyMsg) bool {
	k := v.keys
	return key.Matches(msg, k.Left, k.Right, k.Up, k.Down, k.PrevPeriod, k.NextPeriod)
}

// sync brings the week in line with the layout and the selected event:
// when the selection moved elsewhere, the week goes to its day.
func (v *weekView) sync(rows *agenda.Layout, sel int) {
	if rows == nil {
		return
	}
	if sel != v.followed {
		v.followed = sel
		if sel >= 0 {
			day := agenda.DayOf(rows, sel)
			v.start = agenda.WeekStart(day, v.weekStart)
			v.day = int(day.Sub(v.start).Hours() / 24)
		} else if v.start.IsZero() {
			today, ok := agenda.Today(rows)
			if !ok {
				today = time.Now().UTC().Truncate(24 * time.Hour)
			}
			v.start = agenda.WeekStart(today, v.weekStart)
		}
	}
	if v.set == nil || v.set.Layout != rows || !v.set.Days[0].Date.Equal(v.start) {
		v.set, v.sgr = agenda.Week(rows, v.start), &sgrCache{}
	}
}

// dayEvents is the events of the cursor's day in the order j and k step
// through them: the band, then the blocks by start.
func (v *weekView) dayEvents() []int {
	d := &v.set.Days[v.day]
	out := append([]int(nil), d.Band...)
	for _, b := range d.Blocks {
		out = append(out, b.Event)
	}
	return out
}

// update moves the cursor for msg; it returns the event to select, or -1
// to keep the selection.
func (v *weekView) update(msg tea.KeyMsg, sel int) int {
	k := v.keys
	switch {
	case key.Matches(msg, k.Left):
		v.moveDay(-1)
	case key.Matches(msg, k.Right):
		v.moveDay(1)
	case key.Matches(msg, k.PrevPeriod):
		v.moveDay(-7)
	case key.Matches(msg, k.NextPeriod):
		v.moveDay(7)
	case key.Matches(msg, k.Up, k.Down):
		evs := v.dayEvents()
		p := -1
		for n, i := range evs {
			if i == sel {
				p = n
			}
		}
		if key.Matches(msg, k.Up) {
			p--
		} else {
			p++
		}
		if p < 0 || p >= len(evs) {
			return -1
		}
		v.followed = evs[p]
		return evs[p]
	}
	if evs := v.dayEvents(); len(evs) > 0 {
		v.followed = evs[0]
		return evs[0]
	}
	return -1
}

// moveDay moves the cursor by n days, into another week when it leaves
// this one.
func (v *weekView) moveDay(n int) {
	day := v.start.AddDate(0, 0, v.day+n)
	v.start = agenda.WeekStart(day, v.weekStart)
	v.day = int(day.Sub(v.start).Hours() / 24)
	if v.set != nil && !v.set.Days[0].Date.Equal(v.start) {
		v.set, v.sgr = agenda.Week(v.set.Layout, v.start), &sgrCache{}
	}
}

// updateKeys enables the keys that do something.
func (v *weekView) updateKeys() {
	has := v.set != nil && len(v.dayEvents()) > 1
	v.keys.Up.SetEnabled(has)
	v.keys.Down.SetEnabled(has)
}
