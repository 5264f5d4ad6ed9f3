package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/visitline/visitline/itinerary"
)

// helpContent is the ? page for a screen width cells wide: every key of the
// key map, grouped as FullHelp groups them (see KeyMap.reference), with what it does, then the
// keys of the text fields, then a legend of the glyphs and badges.
func helpContent(st *Styles, width int) string {
	km := DefaultKeyMap()
	out := &textLines{width: width}
	var groups [][]keyRow
	for _, col := range km.reference() {
		groups = append(groups, referenceRows(col, longHelp))
	}
	groups[len(groups)-1] = append(groups[len(groups)-1], mouseRow)
	names := append(helpGroups[:len(groups):len(groups)], "In the people picker (p) and the search field (/)")
	groups = append(groups, inputRows())

	col := 0
	for _, g := range groups {
		for _, r := range g {
			col = max(col, ansi.StringWidth(r.keys))
		}
	}
	col = min(col+2, max(width/3, 8))
	for k, g := range groups {
		if k > 0 {
			out.add("")
		}
		out.add(" " + st.Heading.Render(names[k]))
		for _, r := range g {
			keyCol := padRight(r.keys, col)
			out.hang("  "+st.Accent.Render(keyCol), r.desc, 2+max(col, ansi.StringWidth(keyCol)))
		}
	}

	out.add("")
	out.add(" " + st.Heading.Render("Symbols"))
	legend := []keyRow{{"❯", "the selected row; the pane with the focus"}}
	for _, kind := range itinerary.Kinds {
		legend = append(legend, keyRow{kindGlyph[kind], string(kind)})
	}
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
	for _, r := range legend {
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
