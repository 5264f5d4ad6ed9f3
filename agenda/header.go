package agenda

import (
	"strings"
	"time"

	"github.com/visitline/visitline/itinerary"
)

// HeaderText is what an agenda says above its rows: the title, the
// subtitle, and a line of which days, which zone, how many events and
// which filter ("18–26 Jan 2024 · 8 d 11 h · times: Asia/Seoul (KST) · 9
// of 42 events · with Kyung Kye-hyun").
type HeaderText struct {
	Title, Subtitle string
	Meta            []string
	// Calendars names the calendars when there are several, on a line of
	// its own: "3 calendars: Work, Home, Team", cut to HeaderWidth cells
	// (see CalendarsLabel); "" for one calendar or none.
	Calendars string
}

// HeaderWidth is the width a printed header's calendar line is shortened to.
const HeaderWidth = 80

// Header returns the words of the layout's header, with the names of the
// filter in the Latin script.
func (l *Layout) Header() HeaderText {
	it, opt := l.it, l.opt
	h := HeaderText{Title: TitleText(it, HeaderWidth), Subtitle: it.Subtitle}
	if !NamedByCalendars(it) {
		h.Calendars = CalendarsLabel(it, HeaderWidth)
	}
	at, _, _ := it.Span()
	if !opt.Now.IsZero() {
		at = opt.Now
	}
	h.Meta = []string{SpanLabel(it, opt.Zone), "times: " + ZoneName(opt.Zone, at)}
	if len(it.Events) > 0 {
		// Without events the span already says "no events".
		h.Meta = append(h.Meta, CountOf(l.Events(), len(it.Events), "event"))
	}
	if what := FilterLabel(it, opt.Filter, false); what != "" {
		h.Meta = append(h.Meta, what)
	}
	return h
}

// TitleText is the itinerary's title as a header gives it, width cells at
// most: the calendars' names when the title only counted them (a folder's
// "3 calendars": "3 calendars: Work, Home, Team").
func TitleText(it *itinerary.Itinerary, width int) string {
	if NamedByCalendars(it) {
		return CalendarsLabel(it, width)
	}
	return it.Title
}

// NamedByCalendars reports whether the itinerary's title is the one a
// gathering of several calendars is given ("3 calendars") and no more: a
// header then names the calendars in its place.
func NamedByCalendars(it *itinerary.Itinerary) bool {
	return ShowsCalendars(it) && it.Title == Count(len(it.Calendars), "calendar") && it.Subtitle == ""
}

// MetaLine is the header's line of facts, joined with " · ".
func (h HeaderText) MetaLine() string { return strings.Join(h.Meta, " · ") }

// ClockZone is the zone a clock outside the events is told in: zone, or
// when each venue shows its own (zone nil), the zone the itinerary is in
// at now (see itinerary.ZoneAt). The now line and a view's clock both
// follow it.
func ClockZone(it *itinerary.Itinerary, zone *time.Location, now time.Time) *time.Location {
	if zone == nil {
		return it.ZoneAt(now)
	}
	return zone
}

// The time column of an agenda: wide enough for "~09:00–11:30 " (and
// with each venue's own zone "~19:00–21:00 CST "), or in a compact one
// for the start time alone and "all day ".
const (
	timeColumn        = 14
	ownZoneTimeColumn = 19
	compactTimeColumn = 8
)

// TimeColumn is the width of the time column for a display zone (nil:
// each venue's own) and the widest time label on screen (0 when none is
// known): the column of the common labels, or one cell past the widest
// label when that is wider, so that every label has a space after it and
// what follows stays in one column. compact is the column of start times
// alone.
func TimeColumn(zone *time.Location, compact bool, widest int) int {
	col := timeColumn
	switch {
	case compact:
		col = compactTimeColumn
	case zone == nil:
		col = ownZoneTimeColumn
	}
	return max(col, widest+1)
}

// PersonText is the words that name a person: the name in the script the
// reader chose, the other name ("" when there is none), and the role and
// organisation ("" each when there is none).
type PersonText struct {
	Name, Other string
	Role, Org   string
}

// Person returns the words that name person p; native picks the names
// (the person's and the organisation's) in their own script.
func Person(it *itinerary.Itinerary, p int, native bool) PersonText {
	pp := &it.People[p]
	t := PersonText{Name: pp.Name, Other: pp.Native, Role: pp.Role}
	if native && pp.Native != "" {
		t.Name, t.Other = pp.Native, pp.Name
	}
	if o := it.OrgOf(p); o != nil {
		t.Org = OrgName(o, native)
	}
	return t
}

// Names is "Kyung Kye-hyun 경계현", or the name alone.
func (t PersonText) Names() string {
	if t.Other != "" {
		return t.Name + " " + t.Other
	}
	return t.Name
}

// About is "President, Samsung Electronics": the role and the
// organisation, either of them, or "".
func (t PersonText) About() string {
	switch {
	case t.Role == "":
		return t.Org
	case t.Org == "":
		return t.Role
	}
	return t.Role + ", " + t.Org
}

// String is the person's label (see PersonLabel).
func (t PersonText) String() string {
	if a := t.About(); a != "" {
		return t.Names() + " — " + a
	}
	return t.Names()
}

// PersonLabel is "Kyung Kye-hyun 경계현 — President, Samsung Electronics":
// the name (with the name in the other script after it, when there is
// one), then role and organisation. native puts the names in their own
// script first: "경계현 Kyung Kye-hyun — President, 삼성전자".
func PersonLabel(it *itinerary.Itinerary, p int, native bool) string {
	return Person(it, p, native).String()
}
