package export

import (
	"html/template"
	"io"
	"strings"

	"github.com/visitline/visitline/agenda"
	"github.com/visitline/visitline/itinerary"
)

// HTML writes one self-contained page to print (--format html): the
// title, the header line and the summary (or, with exactly one person in
// opt.People, that person's briefing: name, native name, role,
// organisation and note), then a table for each day, each on a page of its
// own when printed, with the day's header repeated on every page the day
// takes. Each event gives its time, badges, title, journey, place,
// participants with native names, roles and organisations, and notes; an
// event is never split between pages. The style sheet is inline and fits
// A4 and US Letter alike (the page size is the printer's); there is no
// script and no external resource, and every text is escaped by
// html/template.
func HTML(w io.Writer, it *itinerary.Itinerary, events []int, opt Options) error {
	l := agenda.New(it, agenda.Options{Filter: opt.Filter(), Shown: events, Zone: opt.Zone, Now: opt.Now})
	h := l.Header()
	page := htmlPage{Title: h.Title, Subtitle: h.Subtitle, Meta: h.MetaLine(), Calendars: h.Calendars}
	if len(opt.People) == 1 {
		page.Person = htmlPersonOf(it, opt.People[0])
	} else if len(opt.People) == 0 {
		page.Summary = htmlParagraphs(it.Summary)
	}
	var day *htmlDay
	for r := 0; r < l.Len(); r++ {
		row := l.Row(r)
		switch row.Kind {
		case agenda.DayHeader:
			d := l.DayText(row)
			page.Days = append(page.Days, htmlDay{Label: d.Label, Count: d.Count})
			day = &page.Days[len(page.Days)-1]
		case agenda.EventRow:
			if day != nil {
				day.Rows = append(day.Rows, htmlEventOf(l, row.Event()))
			}
		case agenda.Continuation:
			if day != nil {
				c := l.ContinuationText(row)
				day.Rows = append(day.Rows, htmlRow{Time: c.Until, Title: "↳ " + c.Title, Line: c.Day, Aside: true})
			}
		case agenda.ZoneChange:
			if day != nil {
				day.Rows = append(day.Rows, htmlRow{Title: l.ZoneChangeText(row), Aside: true})
			}
		case agenda.NowLine:
			if day != nil {
				day.Rows = append(day.Rows, htmlRow{Title: "── " + l.NowText(row) + " ──", Aside: true})
			}
		}
	}
	if len(events) == 0 {
		page.Empty = agenda.EmptyText(it, opt.Filter(), false)
	}
	return htmlTemplate.Execute(w, page)
}

type htmlPage struct {
	Title, Subtitle, Meta string
	Calendars             string // "3 calendars: Work, Home, Team", or ""
	Summary               []string
	Person                *htmlPerson
	Days                  []htmlDay
	Empty                 string
}

type htmlPerson struct {
	Name, Native, Role, Org string
	Note                    []string
	Events                  string
}

type htmlDay struct {
	Label, Count string
	Rows         []htmlRow
}

// htmlRow is an event, or (Aside) a continuation, zone change or now line.
type htmlRow struct {
	Time, Badges, Title, Line string
	// Calendar is the event's calendar when the itinerary gathers several,
	// CalendarColor its colour ("#RRGGBB" or "").
	Calendar, CalendarColor string
	People                  []string
	Notes                   []string
	Aside, Cancelled        bool
}

func htmlPersonOf(it *itinerary.Itinerary, p int) *htmlPerson {
	pp := &it.People[p]
	out := &htmlPerson{Name: pp.Name, Native: pp.Native, Role: pp.Role, Note: htmlParagraphs(pp.Note),
		Events: agenda.Count(len(it.EventsOf(p)), "event")}
	if o := it.OrgOf(p); o != nil {
		out.Org = o.Name
		if o.Native != "" {
			out.Org += " (" + o.Native + ")"
		}
	}
	return out
}

func htmlEventOf(l *agenda.Layout, i int) htmlRow {
	it := l.Itinerary()
	e := &it.Events[i]
	t := l.EventText(i, 0, false)
	var badges []string
	for _, b := range t.Badges {
		badges = append(badges, b.String())
	}
	var line []string
	for _, s := range []string{t.Journey, t.Place, agenda.VenueTime(it, i, l.Options().Zone)} {
		if s != "" {
			line = append(line, s)
		}
	}
	if len(e.Topics) > 0 {
		line = append(line, "topics: "+strings.Join(e.Topics, " · "))
	}
	row := htmlRow{Time: t.Time, Badges: strings.Join(badges, " "), Title: e.Title, Line: strings.Join(line, " · "),
		Notes: htmlParagraphs(e.Notes), Cancelled: t.Cancelled}
	if t.HasCalendar {
		row.Calendar, row.CalendarColor = t.Calendar.Name, t.Calendar.Color
	}
	for _, p := range e.Participants {
		row.People = append(row.People, agenda.PersonLabel(it, p, false))
	}
	for _, o := range it.Overlaps(i) {
		row.Notes = append(row.Notes, "Overlap: "+it.People[o.Person].Name+" is also at "+it.Events[o.Other].Title+
			" ("+agenda.TimeLabel(it, o.Other, l.Options().Zone)+")")
	}
	return row
}

// htmlParagraphs is free text as paragraphs, each a line of its own.
func htmlParagraphs(s string) []string {
	var out []string
	for _, p := range agenda.Paragraphs(s) {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// htmlTemplate is the page. Its style sheet keeps the text inside the
// narrower and the shorter of A4 (210 × 297 mm) and Letter (216 × 279
// mm): 14 mm margins leave a line of 182 mm, and long words wrap rather
// than run past the edge.
var htmlTemplate = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
:root { color-scheme: light; }
body { font-family: "Noto Sans", "NanumGothic", "Nanum Gothic", "Noto Sans CJK KR", "Malgun Gothic", "Apple SD Gothic Neo", sans-serif;
  font-size: 10.5pt; line-height: 1.35; color: #111; margin: 1.5em auto; max-width: 182mm; padding: 0 1em; }
h1 { font-size: 17pt; margin: 0 0 .2em; }
.subtitle { font-style: italic; margin: 0 0 .2em; }
.meta { color: #444; margin: 0 0 1em; }
p { margin: .3em 0; }
table.day { width: 100%; border-collapse: collapse; margin: 1.2em 0 0; table-layout: fixed; }
table.day th { text-align: left; font-size: 12.5pt; padding: .3em 0; border-bottom: 1.5pt solid #111; }
table.day th .count { font-weight: normal; color: #444; font-size: 10pt; }
td { vertical-align: top; padding: .35em .4em .35em 0; border-bottom: .5pt solid #bbb; overflow-wrap: anywhere; }
col.time { width: 30mm; }
td.time { white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.aside td { color: #444; font-style: italic; }
tr.cancelled .title { text-decoration: line-through; }
.title { font-weight: bold; }
.badges { font-weight: normal; color: #7a4b00; }
.calendar { font-weight: normal; color: #444; padding-left: .3em; border-left: .8em solid #999; }
ul.people { margin: .2em 0 0; padding-left: 1.2em; }
.notes { color: #333; font-size: 9.5pt; }
.person { border: .5pt solid #999; padding: .4em .8em; margin: 0 0 1em; }
.person h2 { font-size: 13pt; margin: .2em 0; }
@media print {
  @page { margin: 14mm; }
  body { margin: 0; padding: 0; max-width: none; font-size: 10pt; }
  table.day { break-before: page; margin-top: 0; }
  header + table.day, .person + table.day, .summary + table.day { break-before: auto; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  .summary, .person { break-inside: avoid; }
}
</style>
</head>
<body>
<header>
<h1>{{.Title}}</h1>
{{if .Subtitle}}<p class="subtitle">{{.Subtitle}}</p>{{end}}
<p class="meta">{{.Meta}}</p>
{{if .Calendars}}<p class="meta">{{.Calendars}}</p>
{{end}}</header>
{{with .Person}}<section class="person">
<h2>{{.Name}}{{if .Native}} ({{.Native}}){{end}}</h2>
{{if .Role}}<p>{{.Role}}</p>{{end}}
{{if .Org}}<p>{{.Org}}</p>{{end}}
<p>{{.Events}}</p>
{{range .Note}}<p class="notes">{{.}}</p>
{{end}}</section>
{{end}}{{if .Summary}}<section class="summary">
{{range .Summary}}<p>{{.}}</p>
{{end}}</section>
{{end}}{{range .Days}}<table class="day"><colgroup><col class="time"><col></colgroup>
<thead><tr><th colspan="2">{{.Label}} <span class="count">· {{.Count}}</span></th></tr></thead>
<tbody>
{{range .Rows}}{{if .Aside}}<tr class="aside"><td class="time">{{.Time}}</td><td>{{.Title}}{{if .Line}} · {{.Line}}{{end}}</td></tr>
{{else}}<tr{{if .Cancelled}} class="cancelled"{{end}}><td class="time">{{.Time}}</td><td>
<div>{{if .Badges}}<span class="badges">{{.Badges}}</span> {{end}}{{if .Calendar}}<span class="calendar"{{if .CalendarColor}} style="border-left-color: {{.CalendarColor}}"{{end}}>{{.Calendar}}</span> {{end}}<span class="title">{{.Title}}</span></div>
{{if .Line}}<div>{{.Line}}</div>{{end}}
{{if .People}}<ul class="people">{{range .People}}<li>{{.}}</li>{{end}}</ul>{{end}}
{{range .Notes}}<p class="notes">{{.}}</p>{{end}}
</td></tr>
{{end}}{{end}}</tbody>
</table>
{{end}}{{if .Empty}}<p>{{.Empty}}</p>
{{end}}</body>
</html>
`))
