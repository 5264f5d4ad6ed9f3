package tui

import (
	"github.com/charmbracelet/lipgloss"
	"github.com/visitline/visitline/itinerary"
)

// Styles are every style of the view, built once, with semantic names. The
// colours adapt to light and dark terminals; everything they say is also
// said by a glyph or a word, so the view reads the same without colour.
type Styles struct {
	Title    lipgloss.Style
	Subtitle lipgloss.Style
	Faint    lipgloss.Style
	Accent   lipgloss.Style
	Warning  lipgloss.Style
	Error    lipgloss.Style

	PaneTitle        lipgloss.Style
	PaneTitleFocused lipgloss.Style
	Separator        lipgloss.Style

	DayHeader lipgloss.Style
	Selected  lipgloss.Style
	Past      lipgloss.Style
	Cancelled lipgloss.Style
	Badge     lipgloss.Style
	Now       lipgloss.Style
	Match     lipgloss.Style

	Heading lipgloss.Style

	renderer *lipgloss.Renderer
}

// DefaultStyles builds the styles for renderer r (which knows the colour
// profile and the background).
func DefaultStyles(r *lipgloss.Renderer) Styles {
	accent := lipgloss.AdaptiveColor{Light: "#5a3fc0", Dark: "#b7a6ff"}
	faint := lipgloss.AdaptiveColor{Light: "#6b6b6b", Dark: "#8a8a8a"}
	selBg := lipgloss.AdaptiveColor{Light: "#dcd3ff", Dark: "#3b3266"}
	return Styles{
		Title:    r.NewStyle().Bold(true).Foreground(accent),
		Subtitle: r.NewStyle().Foreground(faint),
		Faint:    r.NewStyle().Foreground(faint),
		Accent:   r.NewStyle().Foreground(accent),
		Warning:  r.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: "#9a5b00", Dark: "#f0b35a"}),
		Error:    r.NewStyle().Bold(true).Foreground(lipgloss.AdaptiveColor{Light: "#b00020", Dark: "#ff6b81"}),

		PaneTitle:        r.NewStyle().Foreground(faint),
		PaneTitleFocused: r.NewStyle().Bold(true).Foreground(accent).Underline(true),
		Separator:        r.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: "#c8c8c8", Dark: "#444444"}),

		DayHeader: r.NewStyle().Bold(true),
		Selected:  r.NewStyle().Bold(true).Background(selBg).Foreground(lipgloss.AdaptiveColor{Light: "#000000", Dark: "#ffffff"}),
		Past:      r.NewStyle().Foreground(faint),
		Cancelled: r.NewStyle().Foreground(faint).Strikethrough(true),
		Badge:     r.NewStyle().Italic(true).Foreground(lipgloss.AdaptiveColor{Light: "#8a5a00", Dark: "#e0b060"}),
		Now:       r.NewStyle().Bold(true).Foreground(lipgloss.AdaptiveColor{Light: "#b00020", Dark: "#ff6b81"}),
		Match:     r.NewStyle().Underline(true).Bold(true),

		Heading: r.NewStyle().Bold(true).Foreground(accent),

		renderer: r,
	}
}

// orgStyles builds one style per organisation from its colour, once per
// itinerary; people without an organisation colour get the accent.
func (s Styles) orgStyles(it *itinerary.Itinerary) []lipgloss.Style {
	out := make([]lipgloss.Style, len(it.Orgs))
	for i, o := range it.Orgs {
		out[i] = s.colorStyle(o.Color)
	}
	return out
}

// colorStyle is text in colour hex ("#RRGGBB"), or the accent for none.
func (s Styles) colorStyle(hex string) lipgloss.Style {
	if hex == "" {
		return s.Accent
	}
	return s.renderer.NewStyle().Foreground(lipgloss.Color(hex))
}

// kindGlyph marks each kind of event with a symbol one cell wide that
// common programming fonts (JetBrains Mono, DejaVu Sans Mono) draw, so
// nothing falls back to another font's widths.
var kindGlyph = map[itinerary.Kind]string{
	itinerary.KindArrival:   "↘",
	itinerary.KindDeparture: "↗",
	itinerary.KindTravel:    "→",
	itinerary.KindVisit:     "⌂",
	itinerary.KindTour:      "◎",
	itinerary.KindMeal:      "⊙",
	itinerary.KindMeeting:   "●",
	itinerary.KindTalk:      "►",
	itinerary.KindOther:     "◇",
}

// calendarGlyphs mark the rows of each calendar when the itinerary gathers
// several, cycled by the calendar's index: one cell each, from the
// geometric shapes the fonts of kindGlyph draw, none of them a kind's or
// the lanes' glyph, so that without colour (NO_COLOR) the first eight
// calendars are still told apart; the colour is the calendar's own.
var calendarGlyphs = []string{"■", "▲", "◆", "◐", "◑", "▣", "◈", "◩"}

// calendarGlyph is the mark of the calendar with index k.
func calendarGlyph(k int) string {
	if k < 0 {
		return " "
	}
	return calendarGlyphs[k%len(calendarGlyphs)]
}

// calendarStyles are the styles of the itinerary's calendars, in its
// colour each (the accent for a calendar without one).
func (s Styles) calendarStyles(it *itinerary.Itinerary) []lipgloss.Style {
	out := make([]lipgloss.Style, len(it.Calendars))
	for i, c := range it.Calendars {
		out[i] = s.colorStyle(c.Color)
	}
	return out
}
