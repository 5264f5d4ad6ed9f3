package export

import (
	"bufio"
	"io"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/visitline/visitline/agenda"
	"github.com/visitline/visitline/itinerary"
)

// Markdown writes a briefing of events in CommonMark that a delegation's
// staff can print or paste: the title, the summary, a heading per day and
// for each event its time (and the venue's own where the display zone shows
// another clock), status, place, participants with role and organisation,
// topics, notes and sources. With exactly one person in opt.People it opens
// with that person's card. Text from the file is escaped so that it reads
// as written; there are no escape codes. With opt.Compact it writes the
// short form instead (a line an event; see markdownCompact).
func Markdown(w io.Writer, it *itinerary.Itinerary, opt Options) error {
	if opt.Compact {
		return markdownCompact(w, it, opt.Dates.Keep(it, it.Select(opt.Filter()), opt.Zone), opt)
	}
	bw := bufio.NewWriter(w)
	md := mdWriter{w: bw, second: opt.Second}
	l := agenda.New(it, agenda.Options{Filter: opt.Filter(), Dates: opt.Dates, Zone: opt.Zone, Now: opt.Now})

	h := l.Header()
	md.block("# " + mdInline(h.Title))
	if h.Subtitle != "" {
		md.block("*" + mdInline(h.Subtitle) + "*")
	}
	md.block(mdInline(h.MetaLine()))
	if h.Calendars != "" {
		md.block(mdInline(h.Calendars))
	}
	if len(opt.People) == 1 {
		md.personCard(it, opt.People[0])
	}
	if it.Summary != "" && len(opt.People) == 0 {
		md.block("## Summary")
		md.paragraphs(it.Summary)
	}
	for r := 0; r < l.Len(); r++ {
		row := l.Row(r)
		switch row.Kind {
		case agenda.DayHeader:
			md.block("## " + mdInline(agenda.DayLabel(row.Date())))
		case agenda.EventRow:
			md.event(l, row.Event())
		case agenda.Continuation:
			c := l.ContinuationText(row)
			line := "*" + mdInline(c.Title+" continues, "+c.Day) + "*"
			if c.Until != "" {
				line = "*" + mdInline(c.Title+" continues "+c.Until+", "+c.Day) + "*"
			}
			md.block(line)
		case agenda.ZoneChange:
			md.block("*" + mdInline(l.ZoneChangeText(row)) + "*")
		case agenda.NowLine:
			md.block("**── " + mdInline(l.NowText(row)) + " ──**")
		}
	}
	if l.Empty() {
		md.block(mdInline(agenda.EmptyText(it, l.Filter(), false)))
	}
	return bw.Flush()
}

// mdWriter writes Markdown blocks separated by blank lines.
type mdWriter struct {
	w       *bufio.Writer
	started bool
	second  *time.Location // the second clock's zone, or nil
}

// block writes one block (lines already in Markdown).
func (m *mdWriter) block(lines ...string) {
	if m.started {
		m.w.WriteByte('\n')
	}
	m.started = true
	for _, l := range lines {
		m.w.WriteString(l)
		m.w.WriteByte('\n')
	}
}

// paragraphs writes free text as the view shows it: paragraphs, and a
// line of its own for each line that starts with "- ", "* " or "• ". Those
// marks are the file's text, escaped like the rest, so that a reader sees
// "- " as written rather than a bullet of Markdown's; the lines of such a
// run are held apart with hard line breaks.
func (m *mdWriter) paragraphs(text string) { m.paragraphLines(agenda.Paragraphs(text)) }

// paragraphLines writes the paragraphs of free text (see agenda.Paragraphs)
// as paragraphs does.
func (m *mdWriter) paragraphLines(paras []string) {
	var lines []string
	flush := func() {
		if len(lines) > 0 {
			m.block(strings.Join(lines, "\\\n"))
			lines = nil
		}
	}
	for _, p := range paras {
		switch {
		case p == "":
			flush()
		case strings.HasPrefix(p, "- ") || strings.HasPrefix(p, "* ") || strings.HasPrefix(p, "• "):
			lines = append(lines, mdInline(p))
		default:
			flush()
			m.block(mdInline(p))
		}
	}
	flush()
}

// personCard opens a person's briefing: name, native name, role,
// organisation and note.
func (m *mdWriter) personCard(it *itinerary.Itinerary, p int) {
	pp := &it.People[p]
	m.block("## " + mdInline(pp.Name))
	var facts []string
	if pp.Native != "" {
		facts = append(facts, "- **Native name:** "+mdInline(pp.Native))
	}
	if pp.Role != "" {
		facts = append(facts, "- **Role:** "+mdInline(pp.Role))
	}
	if o := it.OrgOf(p); o != nil {
		org := o.Name
		if o.Native != "" {
			org += " (" + o.Native + ")"
		}
		facts = append(facts, "- **Organisation:** "+mdInline(org))
	}
	facts = append(facts, "- **Events:** "+mdInline(agenda.Count(len(it.EventsOf(p)), "event")))
	m.block(facts...)
	if pp.Note != "" {
		m.paragraphs(pp.Note)
	}
}

// event writes an event: a heading with its time and title, then a list of
// its facts (see agenda.EventFacts), then its notes.
func (m *mdWriter) event(l *agenda.Layout, i int) {
	it := l.Itinerary()
	t := l.EventText(i, 0, false)
	f := agenda.EventFacts(it, i, l.Options().Zone, false)
	if m.second != nil {
		if c := agenda.SecondClock(it, i, l.Options().Zone, m.second); c != "" {
			t.Time += " (" + c + ")"
		}
	}
	m.block("### " + mdInline(t.Time+" · "+f.Title))
	var facts []string
	fact := func(name, text string) {
		if text != "" {
			facts = append(facts, "- **"+name+":** "+mdInline(text))
		}
	}
	fact("Journey", f.Journey)
	fact("At the venue", f.Venue)
	fact("Times", f.Floating)
	fact("Times", f.Approximate)
	status := string(f.Status)
	for _, b := range t.Badges {
		if b.Kind != agenda.BadgeStatus {
			status += " " + b.String()
		}
	}
	fact("Status", status)
	fact("Place", f.Place)
	if f.HasCalendar {
		fact("Calendar", f.Calendar.Name)
	}
	if len(f.Participants) > 0 {
		facts = append(facts, "- **Participants:**")
		for _, p := range f.Participants {
			facts = append(facts, "  - "+mdInline(p.String()))
		}
	}
	for _, o := range f.Overlaps {
		fact("Overlap", o)
	}
	fact("Topics", f.Topics)
	if len(f.Sources) > 0 {
		facts = append(facts, "- **Sources:**")
		for _, s := range f.Sources {
			facts = append(facts, "  - "+mdInline(s))
		}
	}
	m.block(facts...)
	if f.Notes != nil {
		m.paragraphLines(f.Notes)
	}
}

// entity is what CommonMark reads as an entity or character reference.
var entity = regexp.MustCompile(`^&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});`)

// blockStart is what would start a block at the start of a line: a list
// item ("1. " "1) " "- " "+ " "* "), a heading ("# "), a quote, a code
// fence, or a line that is all "-", "*", "_" or "=" (a thematic break or a
// setext underline).
var blockStart = regexp.MustCompile("^(\\d{1,9})([.)])(?:[ \t]|$)|^(?:[-+*][ \t]|[-+*]$|#{1,6}(?:[ \t]|$)|>|```|~~~|([-*_=])[-*_= \t]*$)")

// mdInline escapes text from the file so that CommonMark (and GitHub's
// tables and strikethrough) shows it as written, wherever in a line it
// goes — and escapes nothing else, so that a pasted briefing reads
// cleanly: "~17:30", "[! overlap]", "Los_Angeles" and "Org & Co" stay as
// they are. A character is escaped only where it could be read as
// structure: a backslash before punctuation; every backtick; a "*" that
// is not a lone star between spaces; an "_" that is not inside a word; a
// "]" before "(", "[" or ":" (a link or a reference definition); a "<"
// that could open a tag or an autolink; an "&" that would be an entity; a
// "~" that could close a strikethrough; a trailing run of "#" (the end of
// a heading); and what would start a block at the start of the line.
// Leading blanks are dropped, as Markdown would drop them, so that four of
// them cannot start a code block; line breaks become spaces.
func mdInline(s string) string {
	s = strings.TrimLeft(strings.NewReplacer("\n", " ", "\r", " ").Replace(s), " \t")
	var b strings.Builder
	b.Grow(len(s) + 8)
	tilde := false // a "~" came before
	for i := 0; i < len(s); i++ {
		c := s[i]
		prev, next := rune(-1), rune(-1)
		if i > 0 {
			prev, _ = utf8.DecodeLastRuneInString(s[:i])
		}
		if i+1 < len(s) {
			next, _ = utf8.DecodeRuneInString(s[i+1:])
		}
		if mdEscapes(s, i, prev, next, tilde) {
			b.WriteByte('\\')
		}
		tilde = tilde || c == '~'
		b.WriteByte(c)
	}
	return mdEscapeBlockStart(b.String())
}

// mdEscapes reports whether the byte s[i], between the runes prev and next
// (-1 at either end of s), is to be escaped; tilde says a "~" came before
// it. It is mdInline's rule for one character.
func mdEscapes(s string, i int, prev, next rune, tilde bool) bool {
	switch s[i] {
	case '\\':
		return next == -1 || asciiPunct(next)
	case '`':
		return true
	case '*':
		return !(prev == ' ' && next == ' ')
	case '_':
		return !(wordRune(prev) && wordRune(next))
	case ']':
		return next == '(' || next == '[' || next == ':'
	case '<':
		return opensTag(next)
	case '&':
		return entity.MatchString(s[i:])
	case '~':
		return tilde && prev != -1 && !unicode.IsSpace(prev)
	case '#':
		return strings.Trim(s[i:], "#") == "" && (prev == -1 || prev == ' ' || prev == '#')
	}
	return false
}

// asciiPunct reports whether r is ASCII punctuation or an ASCII symbol,
// which a backslash before it would escape.
func asciiPunct(r rune) bool {
	return r < utf8.RuneSelf && (unicode.IsPunct(r) || unicode.IsSymbol(r))
}

// opensTag reports whether a "<" before r could open a tag or an autolink.
func opensTag(r rune) bool {
	return r == '/' || r == '!' || r == '?' || r >= 0 && unicode.IsLetter(r)
}

// mdEscapeBlockStart escapes what would start a block at the start of the
// escaped line s.
func mdEscapeBlockStart(s string) string {
	if m := blockStart.FindStringSubmatchIndex(s); m != nil {
		if m[2] >= 0 { // "1." or "1)": escape the mark after the digits
			return s[:m[4]] + `\` + s[m[4]:]
		}
		if s[0] != '\\' {
			return `\` + s
		}
	}
	return s
}

// wordRune reports whether r is a letter or digit, inside which "_" is
// never emphasis.
func wordRune(r rune) bool { return r >= 0 && (unicode.IsLetter(r) || unicode.IsDigit(r)) }
