package export

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/visitline/visitline/agenda"
	"github.com/visitline/visitline/internal/testenv"
	"github.com/visitline/visitline/itinerary"
)

func writeHTML(t *testing.T, it *itinerary.Itinerary, opt Options) string {
	t.Helper()
	var b bytes.Buffer
	if err := HTML(&b, it, it.Select(itinerary.Filter{People: opt.People}), opt); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestHTMLSelfContainedAndEscaped: the page loads nothing and runs
// nothing, and the file's text (markup included) is shown, not obeyed.
func TestHTMLSelfContainedAndEscaped(t *testing.T) {
	it, err := itinerary.Load("h.yaml", []byte(strings.ReplaceAll(hostile, "BT", "`")+
		"  - {title: \"</style><script>alert(1)</script><img src=x onerror=alert(2)>\", start: \"2024-01-26 11:00\"}\n"))
	if err != nil {
		t.Fatal(err)
	}
	page := writeHTML(t, it, Options{Zone: it.Zone})
	for _, bad := range []string{"<script", "<img", "<link", "<iframe", "<object", "url(", "@import", "<b>"} {
		if strings.Contains(strings.ToLower(page), bad) {
			t.Errorf("the page holds %q:\n%s", bad, page)
		}
	}
	if m := regexp.MustCompile(`<[^>]*\b(src|href|on[a-z]+)=`).FindString(page); m != "" {
		t.Errorf("a tag loads or runs something: %s", m)
	}
	for _, want := range []string{"&lt;b&gt;not html&lt;/b&gt;", "&lt;/style&gt;&lt;script&gt;", "Org &amp; Co | table"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page does not show %q escaped", want)
		}
	}
	if strings.Count(page, "<style>") != 1 || !strings.Contains(page, "@media print") || !strings.Contains(page, "break-before: page") {
		t.Error("no inline print style sheet")
	}
}

// TestHTMLPersonBriefing: with one person the page opens with their card.
func TestHTMLPersonBriefing(t *testing.T) {
	it := load(t, "examples/trade-mission.yaml")
	p, err := it.ResolvePerson("park-eh")
	if err != nil {
		t.Fatal(err)
	}
	page := writeHTML(t, it, Options{Zone: it.Zone, People: []int{p}})
	if !strings.Contains(page, `<section class="person">`+"\n<h2>Park Eun-hye (박은혜)</h2>") || !strings.Contains(page, "Head of the Cheongju plant") {
		t.Errorf("no briefing of Park Eun-hye:\n%s", page)
	}
	if strings.Contains(page, "Flight Mexico City to Seoul") {
		t.Error("the briefing lists an event she is not at")
	}
}

// TestHTMLPrints prints the page with Debian's headless chromium on Letter
// (chromium's default) and on A4, and reads the PDF back with pdftotext:
// every title is there, whole on one page; the Hangul is there; every
// word lies inside the page's margins; every day starts a page, and every
// page after the first starts with its day's header (repeated when a day
// takes two pages).
func TestHTMLPrints(t *testing.T) {
	chromium := testenv.Command(t, "chromium", "chromium")
	pdftotext := testenv.Command(t, "pdftotext", "poppler-utils")
	if fc, err := exec.LookPath("fc-list"); err == nil {
		if out, _ := exec.Command(fc, ":lang=ko").Output(); len(bytes.TrimSpace(out)) == 0 {
			testenv.Skip(t, "no Korean font (apt-get install fonts-nanum)")
		}
	}
	for _, name := range []string{"visit.yaml", "examples/trade-mission.yaml"} {
		it := load(t, name)
		page := writeHTML(t, it, Options{Zone: it.Zone})
		for _, paper := range []string{"Letter", "A4"} {
			t.Run(name+"/"+paper, func(t *testing.T) {
				dir := t.TempDir()
				src := strings.Replace(page, "@media print {", "@media print {\n  @page { size: "+paper+"; }", 1)
				file := filepath.Join(dir, "page.html")
				if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
					t.Fatal(err)
				}
				pdf := filepath.Join(dir, "out.pdf")
				ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
				defer cancel()
				cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--user-data-dir="+filepath.Join(dir, "profile"), "--no-pdf-header-footer",
					"--print-to-pdf="+pdf, "file://"+file)
				if out, err := cmd.CombinedOutput(); err != nil {
					t.Fatalf("chromium: %v\n%s", err, out)
				}
				checkPrinted(t, it, pdftotext, pdf, paper)
			})
		}
	}
}

var (
	bboxPage = regexp.MustCompile(`<page width="([0-9.]+)" height="([0-9.]+)">`)
	bboxWord = regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>`)
)

func checkPrinted(t *testing.T, it *itinerary.Itinerary, pdftotext, pdf, paper string) {
	t.Helper()
	text := func(args ...string) string {
		out, err := exec.Command(pdftotext, append(args, pdf, "-")...).Output()
		if err != nil {
			t.Fatalf("pdftotext %v: %v", args, err)
		}
		return string(out)
	}
	squash := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	// Every word inside the page, and inside its margins (14 mm, 39.7 pt).
	bbox := text("-bbox")
	pages := bboxPage.FindAllStringSubmatchIndex(bbox, -1)
	if len(pages) == 0 {
		t.Fatal("no pages in the PDF")
	}
	wantW := map[string]float64{"Letter": 612, "A4": 595.3}[paper]
	for n, pg := range pages {
		w, _ := strconv.ParseFloat(bbox[pg[2]:pg[3]], 64)
		h, _ := strconv.ParseFloat(bbox[pg[4]:pg[5]], 64)
		if w < wantW-2 || w > wantW+2 {
			t.Fatalf("page %d is %.0f pt wide; want %s (%.0f)", n+1, w, paper, wantW)
		}
		end := len(bbox)
		if n+1 < len(pages) {
			end = pages[n+1][0]
		}
		for _, m := range bboxWord.FindAllStringSubmatch(bbox[pg[0]:end], -1) {
			x0, _ := strconv.ParseFloat(m[1], 64)
			y0, _ := strconv.ParseFloat(m[2], 64)
			x1, _ := strconv.ParseFloat(m[3], 64)
			y1, _ := strconv.ParseFloat(m[4], 64)
			if x0 < 36 || y0 < 36 || x1 > w-36 || y1 > h-36 {
				t.Errorf("page %d: %q at (%.0f,%.0f)–(%.0f,%.0f) is outside the margins of a %.0f×%.0f page", n+1, m[5], x0, y0, x1, y1, w, h)
			}
		}
	}
	// Each page's text: titles whole on one page, days on pages of their own.
	var pageText []string
	for n := range pages {
		pageText = append(pageText, squash(text("-layout", "-f", fmt.Sprint(n+1), "-l", fmt.Sprint(n+1))))
	}
	for _, e := range it.Events {
		found := false
		for _, p := range pageText {
			if strings.Contains(p, squash(e.Title)) {
				found = true
			}
		}
		if !found {
			t.Errorf("the title %q is not whole on any page", e.Title)
		}
	}
	// The Hangul names (fonts-nanum has no kana or Japanese kanji such as
	// 咲, so only the Korean names are checked).
	hangul := 0
	for _, p := range it.People {
		if _, ok := itinerary.Romanize(p.Native); !ok {
			continue
		}
		hangul++
		if !strings.Contains(strings.Join(pageText, " "), p.Native) {
			t.Errorf("the native name %q is not printed", p.Native)
		}
	}
	if hangul == 0 {
		t.Error("no Hangul name to print")
	}
	days := 0
	for _, e := range it.Events {
		if e.Index == 0 || agenda.DayLabel(e.Start.In(it.Zone)) != agenda.DayLabel(it.Events[e.Index-1].Start.In(it.Zone)) {
			days++
		}
	}
	dayStart := regexp.MustCompile(`^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2} \d{4} · `)
	for n, p := range pageText[1:] {
		if !dayStart.MatchString(p) {
			t.Errorf("page %d does not start with its day's header: %.80q", n+2, p)
		}
	}
	if len(pageText) < days {
		t.Errorf("%d pages for %d days: a day does not start a page", len(pageText), days)
	}
}
