// Package synth writes synthetic itineraries of any size for benchmarks and
// load tests: many days, people with Hangul native names, several zones.
// Only tests and tools/ import it; it is not part of the visitline binary.
package synth

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"time"
)

var (
	zones   = []string{"Asia/Seoul", "Asia/Taipei", "Europe/London", "America/New_York", "Asia/Tokyo"}
	family  = []string{"김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권"}
	given   = []string{"민", "서", "지", "현", "우", "준", "영", "수", "하", "은", "태", "원", "경", "계", "호", "진"}
	romFam  = []string{"Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh", "Seo", "Shin", "Kwon"}
	romGiv  = []string{"Min", "Seo", "Ji", "Hyun", "Woo", "Jun", "Young", "Soo", "Ha", "Eun", "Tae", "Won", "Kyung", "Kye", "Ho", "Jin"}
	kinds   = []string{"arrival", "departure", "travel", "visit", "tour", "meal", "meeting", "talk", "other"}
	status  = []string{"confirmed", "confirmed", "confirmed", "reported", "expected", "planned", "cancelled"}
	verbs   = []string{"Meeting on", "Tour of", "Lunch about", "Briefing on", "Talks on", "Visit to", "Review of", "Dinner on"}
	topics  = []string{"memory chips", "foundry capacity", "AI accelerators", "supply chain", "packaging", "export rules", "data centres", "batteries"}
	places  = []string{"Pyeongtaek Campus", "Icheon Campus", "Seoul HQ", "Hsinchu Fab 12", "Canary Wharf", "Midtown Office", "Shibuya Hall"}
	cities  = []string{"Pyeongtaek", "Icheon", "Seoul", "Hsinchu", "London", "New York", "Tokyo"}
	orgName = []string{"Samsung Electronics", "SK hynix", "TSMC", "Nvidia", "OpenAI", "Arm", "ASML", "Intel"}
)

// Generate returns the YAML of an itinerary with events events and people
// people, the same for the same seed.
func Generate(events, people int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var b bytes.Buffer
	b.Grow(events * 220)
	fmt.Fprintf(&b, "version: 1\ntitle: Synthetic itinerary of %d events\nsubtitle: generated for benchmarks\ntimezone: Asia/Seoul\n", events)
	b.WriteString("sources:\n  - {id: gen, publisher: synth}\norgs:\n")
	for i, o := range orgName {
		fmt.Fprintf(&b, "  - {id: org%d, name: %q, color: \"#%06x\"}\n", i, o, r.IntN(0xffffff))
	}
	b.WriteString("people:\n")
	for p := 0; p < people; p++ {
		f, g1, g2 := r.IntN(len(family)), r.IntN(len(given)), r.IntN(len(given))
		fmt.Fprintf(&b, "  - {id: p%d, name: \"%s %s-%s %d\", native: \"%s%s%s\", org: org%d, role: \"Role %d\"}\n",
			p, romFam[f], romGiv[g1], lower(romGiv[g2]), p, family[f], given[g1], given[g2], r.IntN(len(orgName)), p%50)
	}
	b.WriteString("events:\n")
	start := time.Date(2024, 1, 1, 8, 0, 0, 0, time.UTC)
	for e := 0; e < events; e++ {
		day := e / 8
		slot := e % 8
		t := start.AddDate(0, 0, day).Add(time.Duration(slot)*90*time.Minute + time.Duration(r.IntN(4))*15*time.Minute)
		fmt.Fprintf(&b, "  - id: e%d\n    title: \"%s %s\"\n    start: %s\n    duration: %dm\n",
			e, verbs[r.IntN(len(verbs))], topics[r.IntN(len(topics))], t.Format("2006-01-02 15:04"), 30+15*r.IntN(8))
		if r.IntN(5) == 0 {
			fmt.Fprintf(&b, "    timezone: %s\n", zones[r.IntN(len(zones))])
		}
		if r.IntN(3) == 0 {
			b.WriteString("    approximate: true\n")
		}
		fmt.Fprintf(&b, "    kind: %s\n    status: %s\n    place: %s\n    city: %s\n",
			kinds[r.IntN(len(kinds))], status[r.IntN(len(status))], places[r.IntN(len(places))], cities[r.IntN(len(cities))])
		if people > 0 {
			b.WriteString("    participants: [")
			n := 1 + r.IntN(min(4, people))
			seen := map[int]bool{}
			for k := 0; k < n; k++ {
				p := r.IntN(people)
				if seen[p] {
					continue
				}
				seen[p] = true
				if k > 0 {
					b.WriteString(", ")
				}
				fmt.Fprintf(&b, "p%d", p)
			}
			b.WriteString("]\n")
		}
		fmt.Fprintf(&b, "    topics: [%s]\n    notes: Notes for event %d about %s.\n    sources: [gen]\n", topics[r.IntN(len(topics))], e, topics[r.IntN(len(topics))])
	}
	return b.Bytes()
}

func lower(s string) string {
	if s == "" {
		return s
	}
	return string(s[0]|0x20) + s[1:]
}
