package calendar

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/visitline/visitline/itinerary"
	"golang.org/x/text/unicode/norm"
)

// partstatWords and roleWords say an attendee's PARTSTAT and ROLE in the
// words of the event's invitation line; the defaults (REQ-PARTICIPANT, an
// unknown value) say nothing.
var (
	partstatWords = map[string]string{"ACCEPTED": "accepted", "DECLINED": "declined", "TENTATIVE": "tentative",
		"DELEGATED": "delegated", "NEEDS-ACTION": "no reply yet"}
	roleWords = map[string]string{"CHAIR": "chair", "OPT-PARTICIPANT": "optional", "NON-PARTICIPANT": "for information"}
)

// attendees maps ORGANIZER and ATTENDEE to participants, and describes
// their roles and replies for the notes.
func (b *builder) attendees(c *component) ([]personRef, string) {
	var ids []personRef
	var parts []string
	var partDetail [][]string
	partOf := map[string]int{}
	listed := map[string]bool{}
	tooMany := false
	k := -1
	for _, p := range c.Props {
		if p.Name != "ORGANIZER" && p.Name != "ATTENDEE" {
			continue
		}
		k++
		var addr, name string
		if c.pre != nil && k < len(c.pre.names) {
			addr, name = c.pre.names[k].addr, c.pre.names[k].name
		} else {
			addr, name = attendeeName(p)
		}
		if name == "" {
			continue
		}
		cutype := strings.ToUpper(p.param("CUTYPE"))
		if detail := attendeeDetail(p, cutype); len(detail) > 0 {
			key := strings.ToLower(addr + "\x00" + name)
			if i, ok := partOf[key]; ok {
				for _, d := range detail {
					if !slices.Contains(partDetail[i], d) {
						partDetail[i] = append(partDetail[i], d)
					}
				}
			} else {
				partOf[key] = len(parts)
				parts = append(parts, name)
				partDetail = append(partDetail, detail)
			}
		}
		if cutype == "ROOM" || cutype == "RESOURCE" {
			continue
		}
		id := b.person(name, addr, p.param(IDParameter), cutype == "GROUP", p.Line)
		if id == "" || listed[id] {
			continue
		}
		if len(ids) == maxPerEvent {
			if !tooMany {
				b.r.warn(p.Line, "more than %d attendees in one event; the rest are not its participants", maxPerEvent)
			}
			tooMany = true
			continue
		}
		listed[id] = true
		ids = append(ids, personRef{id, p.Line})
	}
	if len(parts) == 0 {
		return ids, ""
	}
	for i := range parts {
		parts[i] = fmt.Sprintf("%s (%s)", parts[i], strings.Join(partDetail[i], ", "))
	}
	return ids, "Invitation: " + strings.Join(parts, " · ")
}

// personRef is a participant of an event: the person's id and the line
// that lists them. Their node is made for each occurrence as it is loaded
// (a node costs seven times as much).
type personRef struct {
	id   string
	line int
}

// attendeeName is the address of an ORGANIZER or ATTENDEE (without
// mailto:) and the name it is shown by: CN, else the address's local part.
func attendeeName(p *property) (addr, name string) {
	addr = strings.TrimSpace(p.Value)
	if len(addr) >= 7 && strings.EqualFold(addr[:7], "mailto:") {
		addr = addr[7:]
	}
	addr = cut(itinerary.CleanLine(addr), maxLine)
	name = cut(itinerary.CleanLine(p.param("CN")), maxLine)
	if name == "" {
		name = addr
		if i := strings.IndexByte(addr, '@'); i > 0 {
			name = addr[:i]
		}
	}
	return addr, name
}

// attendeeDetail is what the invitation line says of p: organizer, its
// reply, its role, a room or resource.
func attendeeDetail(p *property, cutype string) []string {
	var detail []string
	if p.Name == "ORGANIZER" {
		detail = append(detail, "organizer")
	}
	for _, w := range []string{partstatWords[strings.ToUpper(p.param("PARTSTAT"))], roleWords[strings.ToUpper(p.param("ROLE"))]} {
		if w != "" {
			detail = append(detail, w)
		}
	}
	if cutype == "ROOM" || cutype == "RESOURCE" {
		detail = append(detail, strings.ToLower(cutype))
	}
	return detail
}

// person returns the id of the person with this address (or, without
// one, this name), adding them at their first mention, with the id own
// when visitline's export gave one.
func (b *builder) person(name, addr, own string, group bool, line int) string {
	key := "name:" + strings.ToLower(name)
	if addr != "" && addr != name {
		key = "addr:" + strings.ToLower(addr)
	}
	if i, ok := b.people[key]; ok {
		return b.personNodes[i].Content[1].Value
	}
	if len(b.personNodes) == maxPeople {
		b.r.warn(line, "more than %d people; the rest are left out", maxPeople)
	}
	if len(b.personNodes) >= maxPeople {
		return ""
	}
	local := addr
	if i := strings.IndexByte(addr, '@'); i > 0 {
		local = addr[:i]
	}
	made := slugOf(name, slugOf(local, "person"))
	base := made
	if urn := personID(addr); urn != "" {
		// visitline's own export: the person's id comes back, and the
		// address is no note.
		base, addr = urn, ""
	} else if own = cut(itinerary.CleanLine(own), maxLine); own != "" {
		base = own
	}
	if base != made && !ownID(base) {
		// An id the format would refuse costs the person their id, not
		// the calendar its load.
		b.r.warn(line, "person %q: id %q is not a slug of at most %d bytes (letters, digits, \"-\", \"_\" and \".\", starting with a letter or digit); the id is made from the name", clip(name), clip(base), maxID)
		base = made
	}
	id := uniqueSlug(base, b.slugs)
	if len(id) > maxID {
		id = uniqueSlug(made, b.slugs) // an own id of 64 bytes, taken: its "-2" is too long
	}
	cost := len(id) + len(name) + len(addr)
	if b.text+cost > maxTextBudget {
		return ""
	}
	b.text += cost
	b.nameBytes[id] = len(name)
	m := mapping(line)
	m.add("id", scalar(id, line))
	m.add("name", scalar(name, line))
	if group {
		m.add("group", boolScalar(line))
	}
	if addr != "" && addr != name {
		m.add("note", scalar(addr, line))
	}
	b.people[key] = len(b.personNodes)
	b.personNodes = append(b.personNodes, m.Node)
	return id
}

// maxID is the longest id the format takes.
const maxID = 64

// idPattern is an id the format takes (itinerary's slug).
var idPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// ownID reports whether an id given by the file can be the person's id.
func ownID(id string) bool {
	return len(id) <= maxID && idPattern.MatchString(id)
}

// personID is the id in an address that starts with PersonURN, or "".
func personID(addr string) string {
	if len(addr) <= len(PersonURN) || !strings.EqualFold(addr[:len(PersonURN)], PersonURN) {
		return ""
	}
	id, err := url.PathUnescape(addr[len(PersonURN):])
	if err != nil {
		return ""
	}
	return cut(itinerary.CleanLine(id), maxLine)
}

// source returns the id of the source for a URL property.
func (b *builder) source(p *property) string {
	raw := cut(itinerary.CleanLine(p.Value), maxLine)
	if raw == "" {
		return ""
	}
	if i, ok := b.sources[raw]; ok {
		return b.sourceIDs[i]
	}
	if len(b.sourceIDs) >= maxPeople {
		return ""
	}
	publisher := raw
	if u, err := url.Parse(raw); err == nil && u.Host != "" {
		publisher = strings.TrimPrefix(u.Hostname(), "www.")
	}
	id := uniqueSlug(slugOf(publisher, "link"), b.sourceSlugs)
	m := mapping(p.Line)
	m.add("id", scalar(id, p.Line))
	m.add("publisher", scalar(publisher, p.Line))
	m.add("url", scalar(raw, p.Line))
	b.sources[raw] = len(b.sourceIDs)
	b.sourceIDs = append(b.sourceIDs, id)
	b.sourceNodes = append(b.sourceNodes, m.Node)
	return id
}

// slugOf makes an id from a name: accents dropped, lower case, runs of
// anything else as one "-"; fallback when nothing is left (a name in
// Hangul, say).
func slugOf(name, fallback string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(strings.ToLower(name)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
		if b.Len() >= 40 {
			break
		}
	}
	if b.Len() == 0 {
		return fallback
	}
	return b.String()
}

// uniqueSlug returns s, or s-2, s-3, ... when taken; taken also records
// the next number to try for each base, so that many people with the same
// base cost no more than one each.
func uniqueSlug(s string, taken map[string]int) string {
	id := s
	n := max(taken["\x00"+s], 2)
	for ; taken[id] > 0; n++ {
		id = fmt.Sprintf("%s-%d", s, n)
	}
	taken["\x00"+s] = n
	taken[id] = 1
	return id
}
