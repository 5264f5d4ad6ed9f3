package itinerary

import (
	"testing"
)

// namesFixture holds people named as reports name them, with the aliases a
// file would give for spellings no rule derives.
const namesFixture = `title: Names
timezone: UTC
orgs:
  - {id: kogyo, name: Tōhoku Kōgyō, native: 東北工業}
people:
  - {id: castillo, name: Sofía Castillo}
  - {id: gutierrez, name: Andrés Gutiérrez}
  - {id: pena, name: José Peña Muñoz}
  - {id: sato, name: Misaki Satō, native: 佐藤美咲, org: kogyo}
  - {id: watanabe, name: Watanabe Ken'ichi, native: 渡辺健一, org: kogyo}
  - {id: ito, name: Itō Shun'ichirō, org: kogyo}
  - {id: lee-sy, name: Lee Seo-yeon, native: 이서연, aliases: [Yi Sŏ-yŏn]}
  - {id: jung-mh, name: Jung Min-ho, native: 정민호, aliases: [Chŏng Min-ho, Chung Min-ho]}
  - {id: park-eh, name: Park Eun-hye, native: 박은혜, aliases: [Pak Ŭn-hye]}
  - {id: kyung, name: Kyung Kye-hyun, native: 경계현}
  - {id: choi, name: Choi Si-young, native: 최시영, aliases: [Ch'oe Si-yŏng]}
  - {id: nguyen, name: Nguyễn Thị Lan}
  - {id: tran, name: Trần Đức Anh}
  - {id: xi, name: Zhang Wei, native: 张伟}
  - {id: wei, name: C. C. Wei, native: 魏哲家}
  - {id: chang, name: Morris Chang}
events:
  - {title: x, start: 2024-01-26}
`

// TestNamesAsReportsWriteThem is the table of typed names and the person
// each must find, from real habits of romanisation: Korean names in the
// Revised Romanization and McCune–Reischauer, hyphenated or run together,
// in either order; Japanese names in Hepburn with and without macrons and
// in either order; Spanish and Vietnamese accents left out; Chinese names
// family name first or last; full-width letters typed by a Japanese IME.
func TestNamesAsReportsWriteThem(t *testing.T) {
	it, err := Load("names.yaml", []byte(namesFixture))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ q, want string }{
		// Spanish accents.
		{"sofia", "castillo"},
		{"Sofia Castillo", "castillo"},
		{"castillo sofia", "castillo"},
		{"SOFÍA", "castillo"},
		{"andres gutierrez", "gutierrez"},
		{"Gutierrez", "gutierrez"},
		{"jose pena", "pena"},
		{"pena munoz", "pena"},
		// Hepburn, with and without macrons, either order.
		{"Misaki Sato", "sato"},
		{"sato misaki", "sato"},
		{"Satō", "sato"},
		{"satou", ""}, // the wāpuro spelling is not derived: an alias would give it
		{"Watanabe Kenichi", "watanabe"},
		{"Kenichi Watanabe", "watanabe"},
		{"ken'ichi", "watanabe"},
		{"Shunichiro Ito", "ito"},
		{"itō shun'ichirō", "ito"},
		{"ｍｉｓａｋｉ", "sato"}, // full-width, as a Japanese IME types it
		{"佐藤美咲", "sato"},
		{"渡辺", "watanabe"},
		// Korean: RR with and without hyphens, either order, native, the
		// romanisation of the native name, McCune–Reischauer by alias.
		{"seoyeon", "lee-sy"},
		{"Seo-yeon Lee", "lee-sy"},
		{"Seoyeon Lee", "lee-sy"},
		{"lee seoyeon", "lee-sy"},
		{"이서연", "lee-sy"},
		{"iseoyeon", "lee-sy"},
		{"Yi Soyon", "lee-sy"},
		{"Sŏ-yŏn Yi", "lee-sy"},
		{"jung minho", "jung-mh"},
		{"Minho Jung", "jung-mh"},
		{"Chong Min-ho", "jung-mh"},
		{"chung minho", "jung-mh"},
		{"jeongminho", "jung-mh"},
		{"정민호", "jung-mh"},
		{"bakeunhye", "park-eh"},
		{"Pak Un-hye", "park-eh"},
		{"eunhye park", "park-eh"},
		{"박은혜", "park-eh"},
		{"gyeonggyehyeon", "kyung"},
		{"Kye-hyun Kyung", "kyung"},
		{"경계현", "kyung"},
		{"choesiyeong", "choi"},
		{"Ch'oe Si-yong", "choi"},
		{"siyoung choi", "choi"},
		// Vietnamese accents and đ.
		{"nguyen thi lan", "nguyen"},
		{"Lan Nguyen", "nguyen"},
		{"tran duc anh", "tran"},
		{"Anh Tran", "tran"},
		// Chinese name order.
		{"Wei Zhang", "xi"},
		{"zhang wei", "xi"},
		{"张伟", "xi"},
		{"CC Wei", "wei"},
		{"wei cc", "wei"},
		{"魏哲家", "wei"},
		{"chang morris", "chang"},
	}
	if len(cases) < 40 {
		t.Fatalf("the table has %d pairs; keep at least 40", len(cases))
	}
	for _, c := range cases {
		p, err := it.ResolvePerson(c.q)
		switch {
		case c.want == "":
			if err == nil {
				t.Errorf("%q found %s; want nobody", c.q, it.People[p].ID)
			}
		case err != nil:
			t.Errorf("%q: %v; want %s", c.q, err, c.want)
		case it.People[p].ID != c.want:
			t.Errorf("%q found %s; want %s", c.q, it.People[p].ID, c.want)
		}
	}
}

// TestNameRankingKept: the levels stay in their order (an id, a whole
// name, a prefix, a part) with the new ways of writing a name.
func TestNameRankingKept(t *testing.T) {
	it, err := Load("names.yaml", []byte(namesFixture))
	if err != nil {
		t.Fatal(err)
	}
	score := func(q, id string) int {
		for _, m := range it.MatchPeople(q) {
			if it.People[m.Person].ID == id {
				return m.Score
			}
		}
		return 0
	}
	for _, c := range []struct {
		q, id string
		want  int
	}{
		{"sato", "sato", scoreID},
		{"misaki sato", "sato", scoreName},
		{"seoyeon lee", "lee-sy", scoreName},
		{"seoy", "lee-sy", scoreWordPrefix},
		{"yeon", "lee-sy", scoreWordPrefix}, // a word after a hyphen
		{"oyeon", "lee-sy", scoreNamePart},
		{"ko", "sato", scoreOrgOrRole}, // Kōgyō, the organisation
	} {
		if got := score(c.q, c.id); got != c.want {
			t.Errorf("%q for %s scores %d; want %d", c.q, c.id, got, c.want)
		}
	}
}

func TestFoldAndRomanize(t *testing.T) {
	for in, want := range map[string]string{
		"Kōgyō":          "kogyo",
		"Nguyễn Thị Lan": "nguyen thi lan",
		"Trần Đức":       "tran duc",
		"Ｓｏｆíａ":          "sofia",
		"Sofi\u0301a":    "sofia", // decomposed
		"경계현":            "경계현",
		"ガ":              "ガ",
		"ｶﾀ":             "カタ", // half-width kana widened
		"Los_Angeles":    "los_angeles",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q; want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"경계현":   "gyeonggyehyeon",
		"박은혜":   "bakeunhye",
		"이서연":   "iseoyeon",
		"정민호":   "jeongminho",
		"최시영":   "choesiyeong",
		"샘 올트먼": "saem olteumeon",
		"닭":     "dak",
		"짜장":    "jjajang",
		"뷔":     "bwi",
	} {
		if got, ok := Romanize(in); !ok || got != want {
			t.Errorf("Romanize(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	if _, ok := Romanize("Sam"); ok {
		t.Error("Romanize of Latin text reports Hangul")
	}
}
