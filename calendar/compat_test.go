package calendar

import (
	"slices"
	"strings"
	"testing"

	"github.com/visitline/visitline/itinerary"
)

// brasilia is Outlook's VTIMEZONE for "(UTC-03:00) Brasília" as written
// before Brazil dropped daylight saving: observances from 1601, DST from
// the second Saturday of October to the third Saturday of February.
const brasilia = "BEGIN:VTIMEZONE\nTZID:(UTC-03:00) Brasília\n" +
	"BEGIN:STANDARD\nDTSTART:16010101T235959\nTZOFFSETFROM:-0200\nTZOFFSETTO:-0300\nRRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=3SA;BYMONTH=2\nEND:STANDARD\n" +
	"BEGIN:DAYLIGHT\nDTSTART:16010101T235959\nTZOFFSETFROM:-0300\nTZOFFSETTO:-0200\nRRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=2SA;BYMONTH=10\nEND:DAYLIGHT\n" +
	"END:VTIMEZONE\n"

// usEastern is Outlook's VTIMEZONE for US Eastern time as it writes it
// today: the rules of 2007 on, from 1601.
func usEastern(tzid string) string {
	return "BEGIN:VTIMEZONE\nTZID:" + tzid + "\n" +
		"BEGIN:STANDARD\nDTSTART:16011104T020000\nRRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11\nTZOFFSETFROM:-0400\nTZOFFSETTO:-0500\nEND:STANDARD\n" +
		"BEGIN:DAYLIGHT\nDTSTART:16010311T020000\nRRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3\nTZOFFSETFROM:-0500\nTZOFFSETTO:-0400\nEND:DAYLIGHT\n" +
		"END:VTIMEZONE\n"
}

// TestOtherPrograms: what other programs write, from the causes of issue
// 19, each read as RFC 5545 says (or, where the file breaks it, as other
// readers do, with a warning at its line).
func TestOtherPrograms(t *testing.T) {
	const cal = "BEGIN:VCALENDAR\nVERSION:2.0\n"
	tests := []struct {
		name, data string
		want       []string // occurrences, "title|instant" or "title|date"
		warnings   []string
		zone       string // the first event's, when given
	}{
		{"the highest SEQUENCE wins", cal +
			"BEGIN:VEVENT\nUID:a\nSEQUENCE:1\nSUMMARY:Old\nDTSTART:20240101T100000Z\nRRULE:FREQ=DAILY;COUNT=2\nEND:VEVENT\n" +
			"BEGIN:VEVENT\nUID:a\nSEQUENCE:2\nSUMMARY:New\nDTSTART:20240101T110000Z\nRRULE:FREQ=DAILY;COUNT=3\nEND:VEVENT\n" +
			"BEGIN:VEVENT\nUID:a\nSEQUENCE:5\nRECURRENCE-ID:20240102T110000Z\nSUMMARY:Moved (5)\nDTSTART:20240102T150000Z\nEND:VEVENT\n" +
			"BEGIN:VEVENT\nUID:a\nSEQUENCE:3\nRECURRENCE-ID:20240102T110000Z\nSUMMARY:Moved (3)\nDTSTART:20240102T140000Z\nEND:VEVENT\n" +
			"END:VCALENDAR\n",
			[]string{"New|2024-01-01T11:00:00Z", "Moved (5)|2024-01-02T15:00:00Z", "New|2024-01-03T11:00:00Z"}, nil, ""},
		{"one SEQUENCE twice: both", cal +
			"BEGIN:VEVENT\nUID:b\nSUMMARY:One\nDTSTART:20240101T100000Z\nEND:VEVENT\n" +
			"BEGIN:VEVENT\nUID:b\nSUMMARY:Two\nDTSTART:20240101T100000Z\nEND:VEVENT\nEND:VCALENDAR\n",
			[]string{"One|2024-01-01T10:00:00Z", "Two|2024-01-01T10:00:00Z"}, nil, ""},
		{"an escaped comma in a VTIMEZONE's TZID", cal +
			"BEGIN:VTIMEZONE\nTZID:Kuala Lumpur\\, Singapore\nBEGIN:STANDARD\nDTSTART:16010101T000000\nTZOFFSETFROM:+0800\nTZOFFSETTO:+0800\nEND:STANDARD\nEND:VTIMEZONE\n" +
			"BEGIN:VEVENT\nSUMMARY:KL\nDTSTART;TZID=\"Kuala Lumpur, Singapore\":20081031T093000\nEND:VEVENT\nEND:VCALENDAR\n",
			[]string{"KL|2008-10-31T01:30:00Z"}, nil, ""},
		{"an escaped comma in an unquoted TZID", cal +
			"BEGIN:VTIMEZONE\nTZID:Kuala Lumpur\\, Singapore\nBEGIN:STANDARD\nDTSTART:16010101T000000\nTZOFFSETFROM:+0800\nTZOFFSETTO:+0800\nEND:STANDARD\nEND:VTIMEZONE\n" +
			"BEGIN:VEVENT\nSUMMARY:KL\nDTSTART;TZID=Kuala Lumpur\\, Singapore;VALUE=DATE-TIME:20081031T093000\nEND:VEVENT\nEND:VCALENDAR\n",
			[]string{"KL|2008-10-31T01:30:00Z"},
			[]string{`x.ics:13: warning: DTSTART: TZID "Kuala Lumpur\\, Singapore" escapes a comma, which parameters do not; read as "Kuala Lumpur, Singapore" (quote the name instead)`}, ""},
		{"a VTIMEZONE from 1601 in May", cal + brasilia +
			"BEGIN:VEVENT\nSUMMARY:May\nDTSTART;TZID=\"(UTC-03:00) Brasília\":20170511T133000\nEND:VEVENT\n" +
			"BEGIN:VEVENT\nSUMMARY:December\nDTSTART;TZID=\"(UTC-03:00) Brasília\":20171211T133000\nEND:VEVENT\nEND:VCALENDAR\n",
			// Brazil's rules of 2017 are not America/Sao_Paulo's (which
			// began DST a day later), so the VTIMEZONE's own are used.
			[]string{"May|2017-05-11T16:30:00Z", "December|2017-12-11T15:30:00Z"},
			[]string{`x.ics:20: warning: time zone "(UTC-03:00) Brasília" matches no IANA zone; its times are read with its own rules and shown in Etc/GMT+3`}, ""},
		{"a Windows name whose VTIMEZONE keeps its IANA zone's rules", cal + usEastern("Eastern Standard Time") +
			"BEGIN:VEVENT\nSUMMARY:Review\nDTSTART;TZID=Eastern Standard Time:20250304T100000\nEND:VEVENT\nEND:VCALENDAR\n",
			[]string{"Review|2025-03-04T15:00:00Z"}, nil, "America/New_York"},
		{"a VTIMEZONE that agrees with its IANA zone only since 2007", cal + usEastern("(UTC-05:00) Eastern Time (US & Canada)") +
			"BEGIN:VEVENT\nSUMMARY:Old review\nDTSTART;TZID=\"(UTC-05:00) Eastern Time (US & Canada)\":20050320T100000\nEND:VEVENT\nEND:VCALENDAR\n",
			[]string{"Old review|2005-03-20T14:00:00Z"},
			[]string{`x.ics:20: warning: time zone "(UTC-05:00) Eastern Time (US & Canada)" matches no IANA zone; its times are read with its own rules and shown in Etc/GMT+5`}, ""},
		{"Outlook's display names without a VTIMEZONE", cal +
			"BEGIN:VEVENT\nSUMMARY:NY\nDTSTART;TZID=\"(UTC-05:00) Eastern Time (US & Canada)\":20200702T133000\nEND:VEVENT\n" +
			"BEGIN:VEVENT\nSUMMARY:Berlin\nDTSTART;TZID=\"Western/Central Europe\":20211101T160000\nEND:VEVENT\n" +
			"BEGIN:VEVENT\nSUMMARY:Sydney\nDTSTART;TZID=\"(GMT+10:00) Canberra, Melbourne, Sydney\":20201028T133000\nEND:VEVENT\nEND:VCALENDAR\n",
			[]string{"NY|2020-07-02T17:30:00Z", "Sydney|2020-10-28T02:30:00Z", "Berlin|2021-11-01T15:00:00Z"}, nil, ""},
		{"two RRULEs", cal +
			"BEGIN:VEVENT\nSUMMARY:Both\nDTSTART:20240101T100000Z\nRRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=2\nRRULE:FREQ=WEEKLY;BYDAY=WE;COUNT=2\nEND:VEVENT\nEND:VCALENDAR\n",
			[]string{"Both|2024-01-01T10:00:00Z", "Both|2024-01-03T10:00:00Z", "Both|2024-01-08T10:00:00Z", "Both|2024-01-10T10:00:00Z"}, nil, ""},
		{"VALUE=DATE with a date-time, VALUE=DATE-TIME with a date", cal +
			"BEGIN:VEVENT\nSUMMARY:Festival\nDTSTART;VALUE=DATE:20110804T120000Z\nEND:VEVENT\n" +
			"BEGIN:VEVENT\nSUMMARY:Summit\nDTSTART;VALUE=DATE-TIME;TZID=America/New_York:20061007\nEND:VEVENT\nEND:VCALENDAR\n",
			[]string{"Summit|2006-10-07T04:00:00Z", "Festival|2011-08-04T12:00:00Z"},
			[]string{`x.ics:5: warning: DTSTART says VALUE=DATE but holds the date-time "20110804T120000Z"; read as a date-time`,
				`x.ics:9: warning: DTSTART says VALUE=DATE-TIME but holds the date "20061007"; read as its midnight`}, ""},
		{"an ambiguous time in a custom zone: the first offset", cal +
			"BEGIN:VTIMEZONE\nTZID:Ship time\nBEGIN:DAYLIGHT\nDTSTART:20240310T020000\nTZOFFSETFROM:-0530\nTZOFFSETTO:-0430\nEND:DAYLIGHT\n" +
			"BEGIN:STANDARD\nDTSTART:20241103T020000\nTZOFFSETFROM:-0430\nTZOFFSETTO:-0530\nEND:STANDARD\nEND:VTIMEZONE\n" +
			"BEGIN:VEVENT\nSUMMARY:Twice\nDTSTART;TZID=Ship time:20241103T013000\nEND:VEVENT\nEND:VCALENDAR\n",
			[]string{"Twice|2024-11-03T06:00:00Z"},
			[]string{`x.ics:18: warning: time zone "Ship time" matches no IANA zone; its times are read with its own rules and shown in UTC`}, ""},
		{"spaces in an RRULE, and parts that are none", cal +
			"BEGIN:VEVENT\nSUMMARY:Standup\nDTSTART:20150703T080000Z\nRRULE:FREQ=DAILY;COUNT=3;BYDAY=MO, TU, WE, TH, FR\nEND:VEVENT\n" +
			"BEGIN:VEVENT\nSUMMARY:Academic\nDTSTART:20200904T155000Z\nRRULE:RRULE:AnythingRandom;FREQ=DAILY;COUNT=2\nEND:VEVENT\nEND:VCALENDAR\n",
			[]string{"Standup|2015-07-03T08:00:00Z", "Standup|2015-07-06T08:00:00Z", "Standup|2015-07-07T08:00:00Z",
				"Academic|2020-09-04T15:50:00Z", "Academic|2020-09-05T15:50:00Z"},
			[]string{`x.ics:6: warning: event "Standup": RRULE "FREQ=DAILY;COUNT=3;BYDAY=MO, TU, WE, TH, FR" has spaces in it; read as "FREQ=DAILY;COUNT=3;BYDAY=MO,TU,WE,TH,FR"`,
				`x.ics:11: warning: event "Academic": RRULE "RRULE:AnythingRandom;FREQ=DAILY;COUNT=2" has parts that are not rule parts; read as "FREQ=DAILY;COUNT=2"`}, ""},
		{"bare VEVENTs", "BEGIN:VEVENT\nSUMMARY:An Event\nDTSTART;VALUE=DATE:20140409\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:Another\nDTSTART:20140410T100000Z\nEND:VEVENT\n",
			[]string{"An Event|2014-04-09", "Another|2014-04-10T10:00:00Z"},
			[]string{"x.ics:1: warning: BEGIN:VEVENT without BEGIN:VCALENDAR; the file is read as a calendar of its bare components"}, ""},
		{"a component left open, a calendar in a calendar", "BEGIN:VCALENDAR\nBEGIN:VCALENDAR\nBEGIN:VTODO\nUID:t\nEND:VTOOD\n" +
			"BEGIN:VEVENT\nSUMMARY:After\nDTSTART:20000101T000000Z\nEND:VEVENT\nEND:VCALENDAR\nEND:VCALENDAR\n",
			[]string{"After|2000-01-01T00:00:00Z"},
			[]string{"x.ics:2: warning: BEGIN:VCALENDAR inside a calendar; read as a calendar of its own",
				"x.ics:3: warning: BEGIN:VTODO is not closed before BEGIN:VEVENT at line 6; closed there",
				"x.ics:5: warning: END:VTOOD without a matching BEGIN; ignored"}, ""},
		{"UTF-8 with a broken byte", cal + "BEGIN:VEVENT\nSUMMARY:2005年日本\xe5?覧会\nDTSTART;VALUE=DATE:20050325\nEND:VEVENT\nEND:VCALENDAR\n",
			[]string{"2005年日本\uFFFD?覧会|2005-03-25"},
			[]string{"x.ics:4: warning: 1 bytes of the file are not UTF-8; each run of them is read as U+FFFD (\uFFFD)"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it, err := Load("x.ics", []byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			if got := occurrences(it); !slices.Equal(got, tt.want) {
				t.Errorf("events:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if got := itinerary.FormatProblems("x.ics", it.Warnings); !slices.Equal(got, tt.warnings) {
				t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.warnings, "\n"))
			}
			if tt.zone != "" && it.Events[0].Zone.String() != tt.zone {
				t.Errorf("zone %s, want %s", it.Events[0].Zone, tt.zone)
			}
		})
	}
}

// TestSniffBare: a file of bare events is a calendar to the loader's
// sniffing (the top level's too, which asks Sniff), not a YAML file.
func TestSniffBare(t *testing.T) {
	for data, want := range map[string]bool{
		"BEGIN:VEVENT\r\nSUMMARY:x\r\n":     true,
		"\ufeff\nbegin:vtimezone\nTZID:x\n": true,
		"BEGIN:VCALENDAR\n":                 true,
		"BEGIN:VEVENTS\n":                   false,
		"BEGIN:VEVENT\n X\n":                false,
		"title: BEGIN:VEVENT\n":             false,
	} {
		if got := Sniff([]byte(data)); got != want {
			t.Errorf("Sniff(%q) = %v, want %v", data, got, want)
		}
	}
}

// TestWindowsDisplayNames: Outlook's display names, in every wording the
// table has and some it has not, map to the zones of CLDR's table.
func TestWindowsDisplayNames(t *testing.T) {
	tests := map[string]string{
		"(UTC-05:00) Eastern Time (US & Canada)":                          "America/New_York",
		"(UTC-05:00) Eastern Time (US and Canada)":                        "America/New_York",
		"(GMT-08:00) Pacific Time (US & Canada); Tijuana":                 "America/Los_Angeles",
		"Pacific Time (US & Canada), Tijuana":                             "America/Los_Angeles",
		"Western/Central Europe":                                          "Europe/Berlin",
		"(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna":    "Europe/Berlin",
		"(UTC-03:00) Brasília":                                            "America/Sao_Paulo",
		"(UTC+08:00) Kuala Lumpur, Singapore":                             "Asia/Singapore",
		"(UTC) Coordinated Universal Time":                                "Etc/UTC",
		"(GMT) Greenwich Mean Time : Dublin, Edinburgh, Lisbon, London":   "Europe/London",
		"(UTC+01:00) Oslo":                                                "Europe/Oslo", // not in the table: by its city
		"(UTC+09:00) Seoul":                                               "Asia/Seoul",
		"Tokyo Standard Time":                                             "Asia/Tokyo",
		"(UTC+02:00) Oslo":                                                "", // the city's zone has another offset
		"(UTC+01:00) Atlantis":                                            "",
		"Eastern Time":                                                    "",
		"(UTC-05:00 Eastern Time (US & Canada)":                           "",
		"(UTC+99:00) Eastern Time (US & Canada)":                          "",
		"(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi":                 "Asia/Calcutta",
		"(UTC+05:45) Kathmandu":                                           "Asia/Katmandu",
		"(UTC+13:00) Nuku'alofa":                                          "Pacific/Tongatapu",
		"(UTC-08:00) Baja California":                                     "America/Tijuana",
		"(UTC+10:00) Canberra,  Melbourne ,Sydney":                        "Australia/Sydney",
		"(UTC-08:00) PACIFIC TIME (US & CANADA)":                          "America/Los_Angeles",
		"(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna   ": "Europe/Berlin",
	}
	for name, want := range tests {
		got, _ := windowsZone(name)
		if got != want {
			t.Errorf("windowsZone(%q) = %q, want %q", name, got, want)
		}
	}
	for name, id := range windowsDisplayNames {
		if _, ok := windowsZones[id]; !ok {
			t.Errorf("display name %q: %q is not in windowsZones", name, id)
		}
	}
}
