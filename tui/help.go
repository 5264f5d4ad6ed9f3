package tui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/visitline/visitline/itinerary"
)

// helpSection is one titled group of the key reference: a column of
// FullHelp, the keys of the text fields, or the legend.
type helpSection struct {
	title string
	rows  []keyRow
}

// keySections are every key of the key map, grouped as FullHelp groups
// them, with what it does, then the keys of the text fields: the ? page and
// docs/keys.md both list these.
func keySections() []helpSection { return keySectionsOf(DefaultKeyMap()) }

// keySectionsOf is keySections for the key map km (the user's, on the ?
// page).
func keySectionsOf(km KeyMap) []helpSection {
	var out []helpSection
	for i, col := range km.reference() {
		out = append(out, helpSection{helpGroups[i], referenceRows(col, longHelp)})
	}
	last := &out[len(out)-1]
	last.rows = append(last.rows, mouseRow)
	return append(out, helpSection{"In the people picker (p) and the search field (/)", inputRows()})
}

// helpContent is the ? page for a screen width cells wide: every key of the
// key map, grouped as FullHelp groups them (see KeyMap.reference), with what it does, then the
// keys of the text fields, then a legend of the glyphs and badges.
func helpContent(st *Styles, width int) string { return helpContentOf(DefaultKeyMap(), st, width) }

// helpContentOf is helpContent for the key map km.
func helpContentOf(km KeyMap, st *Styles, width int) string {
	out := &textLines{width: width}
	sections := keySectionsOf(km)
	col := 0
	for _, s := range sections {
		for _, r := range s.rows {
			col = max(col, ansi.StringWidth(r.keys))
		}
	}
	col = min(col+2, max(width/3, 8))
	for k, s := range sections {
		if k > 0 {
			out.add("")
		}
		out.add(" " + st.Heading.Render(s.title))
		for _, r := range s.rows {
			keyCol := padRight(r.keys, col)
			out.hang("  "+st.Accent.Render(keyCol), r.desc, 2+max(col, ansi.StringWidth(keyCol)))
		}
	}

	out.add("")
	out.add(" " + st.Heading.Render("Symbols"))
	for _, r := range legendRows() {
		// Symbols before their meaning; long badges take a line of their own.
		if w := ansi.StringWidth(r.keys); w >= col {
			out.add("  " + st.Accent.Render(r.keys))
			out.hang(strings.Repeat(" ", 2+col), r.desc, 2+col)
			continue
		}
		out.hang("  "+st.Accent.Render(padRight(r.keys, col)), r.desc, 2+col)
	}
	return out.String()
}

// legendRows say what the glyphs and badges of the view mean, for the ? page
// and docs/keys.md.
func legendRows() []keyRow {
	legend := []keyRow{{"❯", "the selected row; the pane with the focus"}}
	for _, kind := range itinerary.Kinds {
		legend = append(legend, keyRow{kindGlyph[kind], string(kind)})
	}
	legend = append(legend, keyRow{strings.Join(calendarGlyphs[:4], " ") + " …",
		"with several calendars: the row's calendar, in its colour; past " + strconv.Itoa(len(calendarGlyphs)) + " calendars the glyphs repeat"})
	legend = append(legend,
		keyRow{"~09:00", "an approximate time"},
		keyRow{"[now · 35 min left]", "the event under way, and the time it has left"},
		keyRow{"[in 1 h 20 min]", "the next event, and the time until it starts"},
	)
	var statuses []string
	for _, s := range itinerary.Statuses {
		if s != itinerary.StatusConfirmed && s != itinerary.StatusCancelled {
			statuses = append(statuses, "["+string(s)+"]")
		}
	}
	legend = append(legend,
		keyRow{strings.Join(statuses, " "), "the event's status when it is not confirmed"},
		keyRow{"[" + string(itinerary.StatusCancelled) + "]", "cancelled: the title is struck through"},
		keyRow{"[! overlap]", "someone is due at two events at once"},
		keyRow{"── now 12:10", "now, between past and future events"},
		keyRow{"⟶ venue in …", "the venue's time zone changes"},
		keyRow{"┄ free 2 h", "free time between events (b)"},
		keyRow{"[Title──]", "lanes: an event from its start to its end; ◂ ▸ where it runs past the edge"},
		keyRow{"~ ? × !", "lanes: approximate, not confirmed, cancelled, an overlap"},
		keyRow{"│ ┊", "lanes: now; midnight"},
		keyRow{"▼", "lanes: now, on the hour axis, where no hour label is in the way"},
	)
	return legend
}
