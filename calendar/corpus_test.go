package calendar

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/visitline/visitline/itinerary"
)

// corpusDir holds the real-world calendars of ../shared (from the module
// root), which the project reads in place and never copies.
const corpusDir = "../../shared/calendars"

// maxLoadTime is how long one calendar of the corpus may take to load.
const maxLoadTime = 3 * time.Second

// TestSharedCorpus reads every calendar of the two corpora in ../shared/calendars
// and compares its occurrences (title, and start instant or date) with the
// reference reading of Debian's python3-icalendar and
// python3-recurring-ical-events, run once over all the files. Where the two
// differ, the file must be in corpusDiffers, with the reason; a file there
// that no longer differs fails too, so that the table stays true.
func TestSharedCorpus(t *testing.T) {
	py := "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import icalendar, recurring_ical_events, pytz").Run(); err != nil {
		t.Skip("python3-icalendar and python3-recurring-ical-events (and python3-tz) are not installed (.ci/run installs them)")
	}
	var files []string
	for _, suite := range []string{"icalendar-suite", "other-suites"} {
		fs, _ := filepath.Glob(filepath.Join(corpusDir, suite, "*.ics"))
		files = append(files, fs...)
	}
	if len(files) == 0 {
		t.Skipf("no calendars in %s (the shared corpus is missing)", corpusDir)
	}

	type job struct {
		Path  string `json:"path"`
		Start string `json:"start"`
		End   string `json:"end"`
		Zone  string `json:"zone"`
	}
	mine := map[string][]string{}
	failed := map[string]string{}
	var jobs []job
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		began := time.Now()
		it, err := Load(filepath.Base(f), data)
		if took := time.Since(began); took > maxLoadTime {
			t.Errorf("%s: took %v to load (the bound is %v)", f, took, maxLoadTime)
		}
		// A file visitline refuses is read by the reference over the years
		// calendars use, to see whether it holds events.
		j := job{Path: f, Start: "1970-01-01T00:00:00Z", End: "2040-01-01T00:00:00Z", Zone: "UTC"}
		switch {
		case err != nil:
			failed[f] = err.Error()
			if strings.Contains(err.Error(), "internal error") {
				t.Errorf("%s: %v", f, err)
			}
		default:
			first, end := corpusWindow(it)
			j = job{Path: f, Start: first.UTC().Format(time.RFC3339), End: end.UTC().Format(time.RFC3339), Zone: it.ZoneName()}
			mine[f] = windowOccurrences(it, first, end)
		}
		jobs = append(jobs, j)
	}

	in, _ := json.Marshal(jobs)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, py, "testdata/corpus.py")
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("the reference failed: %v\n%s", err, stderr.String())
	}
	var ref map[string]struct {
		Occurrences [][2]string `json:"occurrences"`
		Error       string      `json:"error"`
	}
	if err := json.Unmarshal(out, &ref); err != nil {
		t.Fatalf("the reference's output: %v", err)
	}

	type tally struct{ files, readable, agree int }
	figures := map[string]*tally{"icalendar-suite": {}, "other-suites": {}}
	for _, f := range files {
		suite := filepath.Base(filepath.Dir(f))
		key := suite + "/" + filepath.Base(f)
		fig := figures[suite]
		fig.files++
		r := ref[f]
		var theirs []string
		for _, o := range r.Occurrences {
			title := cut(itinerary.CleanLine(o[0]), maxLine)
			if title == "" {
				title = "(no title)"
			}
			theirs = append(theirs, title+"\t"+o[1])
		}
		slices.Sort(theirs)
		ours, ok := mine[f]
		// Readable: the reference reads the file, and one of the two finds
		// events in it.
		if r.Error != "" {
			t.Logf("%s: the reference cannot read it: %s", key, r.Error)
		}
		if r.Error != "" || len(theirs) == 0 && len(ours) == 0 {
			if _, listed := corpusDiffers[key]; listed {
				t.Errorf("%s is listed in corpusDiffers but is not compared (reference: %q)", key, r.Error)
			}
			continue
		}
		if os.Getenv("CORPUS_DEBUG") != "" && strings.Contains(key, os.Getenv("CORPUS_DEBUG")) {
			t.Logf("%s: ours %q theirs %q", key, ours, theirs)
		}
		fig.readable++
		why, listed := corpusDiffers[key]
		same := ok && slices.Equal(ours, theirs)
		switch {
		case same && listed:
			t.Errorf("%s: visitline and the reference now agree; remove it from corpusDiffers (%s)", key, why)
		case !same && !listed:
			if !ok {
				t.Errorf("%s: visitline refuses it (%s); the reference reads %d occurrences", key, failed[f], len(theirs))
			} else {
				t.Errorf("%s: %d occurrences, the reference %d\nonly here: %v\nonly in the reference: %v", key, len(ours), len(theirs), clipList(without(ours, theirs)), clipList(without(theirs, ours)))
			}
		}
		if same {
			fig.agree++
		}
	}
	for _, suite := range []string{"icalendar-suite", "other-suites"} {
		fig := figures[suite]
		t.Logf("%s: %d files, %d readable, visitline agrees with the reference on %d (%.1f %%)", suite, fig.files, fig.readable, fig.agree, 100*float64(fig.agree)/float64(max(fig.readable, 1)))
	}
}

// corpusWindow is the span compared: from the first event to a year after
// it, or to the last event's start when that is later.
func corpusWindow(it *itinerary.Itinerary) (first, end time.Time) {
	first, _, ok := it.Span()
	if !ok {
		return time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	end = first.AddDate(1, 0, 0)
	for i := range it.Events {
		if s := it.Events[i].Start.Add(time.Second); s.After(end) {
			end = s
		}
	}
	return first, end
}

// windowOccurrences lists "title\tinstant" (UTC) or "title\tdate" for the
// events starting in [first, end), sorted.
func windowOccurrences(it *itinerary.Itinerary, first, end time.Time) []string {
	var out []string
	for i := range it.Events {
		e := &it.Events[i]
		if e.Start.Before(first) || !e.Start.Before(end) {
			continue
		}
		if e.AllDay {
			out = append(out, e.Title+"\t"+e.Date.Format("2006-01-02"))
		} else {
			out = append(out, e.Title+"\t"+e.Start.UTC().Format(time.RFC3339))
		}
	}
	slices.Sort(out)
	return out
}

// without is a minus b, counting repeats.
func without(a, b []string) []string {
	left := map[string]int{}
	for _, s := range b {
		left[s]++
	}
	var out []string
	for _, s := range a {
		if left[s] > 0 {
			left[s]--
		} else {
			out = append(out, s)
		}
	}
	return out
}

func clipList(s []string) []string {
	if len(s) > 8 {
		return append(s[:8:8], "…")
	}
	return s
}

// corpusDiffers lists the calendars of the corpus where visitline and the
// reference differ, each with the reason.
var corpusDiffers = map[string]string{}
