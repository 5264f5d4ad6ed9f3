package tui

import (
	"fmt"
	"github.com/visitline/visitline/agenda"
	"strings"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/visitline/visitline/itinerary"
)

// The loading screen: what the view shows from its first frame while the
// itinerary is read, off the UI loop. It is a component of its own (its
// keys, its update, its view); the root (starter) routes to it until the
// itinerary is there, then to the timeline's Model.

// LoadProgress is how far a load has got: the loader's goroutine writes
// it, the view reads it every progressEvery. Its methods make it the
// progress of internal/source (Start, Update and Bytes), which the view
// does not import.
type LoadProgress struct {
	read, size  atomic.Int64 // bytes read of the file's size (-1: unknown)
	done, total atomic.Int64 // events read of the file's events (0: not known yet)
	files, of   atomic.Int64 // files read of those to read (0: one file)
}

// Start is part of the source's Progress: the screen shows the load
// already, so there is nothing to start or stop.
func (p *LoadProgress) Start(string) (stop func()) { return func() {} }

// Update records the events read so far of total.
func (p *LoadProgress) Update(done, total int) {
	p.done.Store(int64(done))
	p.total.Store(int64(total))
}

// Bytes records the bytes read so far of total; Bytes(0, total) begins a
// new load and forgets the events of the last one.
func (p *LoadProgress) Bytes(read, total int64) {
	if read == 0 {
		p.done.Store(0)
		p.total.Store(0)
	}
	p.read.Store(read)
	p.size.Store(total)
}

// Files records the files read so far of total, for a folder or several
// files; Files(0, total) begins a new load.
func (p *LoadProgress) Files(done, total int) {
	if done == 0 {
		p.done.Store(0)
		p.total.Store(0)
	}
	p.files.Store(int64(done))
	p.of.Store(int64(total))
}

// snapshot is LoadProgress read at one moment.
type snapshot struct {
	read, size, done, total, files, of int64
}

func (p *LoadProgress) snapshot() snapshot {
	if p == nil {
		return snapshot{size: -1}
	}
	return snapshot{read: p.read.Load(), size: p.size.Load(), done: p.done.Load(), total: p.total.Load(), files: p.files.Load(), of: p.of.Load()}
}

// percent is the share of the events read, 0 to 100 (of the files read,
// for several files), or -1 while neither count is known.
func (s snapshot) percent() int {
	switch {
	case s.total > 0:
		return int(min(100, s.done*100/s.total))
	case s.of > 0:
		return int(min(100, s.files*100/s.of))
	}
	return -1
}

// progressEvery is how often the loading screen (and the mark of a slow
// reload) is drawn again with the load's progress.
const progressEvery = 100 * time.Millisecond

// progressTickMsg asks for the progress to be read and drawn again.
type progressTickMsg struct{}

func progressTick() tea.Cmd {
	return tea.Tick(progressEvery, func(time.Time) tea.Msg { return progressTickMsg{} })
}

// loadingKeyMap is the loading screen's own keys: quitting, and knowing
// when a search or the person picker is being typed, in which q and esc
// are text and the field's (the timeline gets them in order) and only
// ctrl+c quits. Every key but a quitting one is kept for the timeline.
type loadingKeyMap struct {
	Quit       key.Binding
	QuitTyping key.Binding // ctrl+c
	Type       key.Binding // the keys that open a field: / and p
	Typed      key.Binding // the keys that close it: enter and esc
}

// newLoadingKeyMap takes the key map's quit keys, with esc, and its field
// keys.
func newLoadingKeyMap(km KeyMap) loadingKeyMap {
	keys := append([]string{"esc"}, km.Quit.Keys()...)
	return loadingKeyMap{
		Quit:       key.NewBinding(key.WithKeys(keys...), key.WithHelp("esc/"+km.Quit.Help().Key, "quit")),
		QuitTyping: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")), // as in the timeline's fields
		Type:       key.NewBinding(key.WithKeys(append(km.Search.Keys(), km.People.Keys()...)...)),
		Typed:      key.NewBinding(key.WithKeys(append(km.Accept.Keys(), km.Cancel.Keys()...)...)),
	}
}

// loadingScreen draws the header, a progress bar with the file's name, the
// bytes and the events read, and how to quit.
type loadingScreen struct {
	keys          loadingKeyMap
	st            *Styles
	name          string // the names being read, quoted for a terminal
	typing        bool   // a field is open in the keys kept
	progress      *LoadProgress
	now           snapshot
	width, height int
}

func newLoadingScreen(km KeyMap, st *Styles, name string, p *LoadProgress) loadingScreen {
	return loadingScreen{keys: newLoadingKeyMap(km), st: st, name: quoteNames(name), progress: p, now: p.snapshot()}
}

// quoteNames quotes each of the space-separated names given for a
// terminal (they are file names: untrusted).
func quoteNames(names string) string {
	fields := strings.Fields(names)
	for i, f := range fields {
		fields[i] = itinerary.QuoteName(f)
	}
	return strings.Join(fields, " ")
}

// update takes a tick of the progress or a size; it reports whether msg
// was a quitting key.
func (l loadingScreen) update(msg tea.Msg) (loadingScreen, tea.Cmd, bool) {
	switch msg := msg.(type) {
	case progressTickMsg:
		l.now = l.progress.snapshot()
		return l, progressTick(), false
	case tea.WindowSizeMsg:
		l.width, l.height = msg.Width, msg.Height
	case tea.KeyMsg:
		switch {
		case l.typing && key.Matches(msg, l.keys.QuitTyping), !l.typing && key.Matches(msg, l.keys.Quit):
			return l, tea.Quit, true
		case l.typing && key.Matches(msg, l.keys.Typed):
			l.typing = false
		case !l.typing && key.Matches(msg, l.keys.Type):
			l.typing = true
		}
	}
	return l, nil, false
}

// barWidth is the most cells the bar takes.
const barWidth = 40

func (l loadingScreen) view() string {
	w, h := l.width, l.height
	if w <= 0 || h <= 0 {
		w, h = 80, 24 // the first frame may come before the size
	}
	st := l.st
	pct := l.now.percent()
	bw := max(min(barWidth, w-10), 1)
	filled := 0
	if pct > 0 {
		filled = bw * pct / 100
	}
	bar := st.Accent.Render(strings.Repeat("█", filled)) + st.Faint.Render(strings.Repeat("░", bw-filled))
	label := "   …"
	if pct >= 0 {
		label = fmt.Sprintf("%4d %%", pct)
	}
	lines := []string{
		"reading " + l.name,
		bar + " " + label,
		st.Faint.Render(l.now.words()),
	}
	out := []string{fit(st.Title.Render("visitline")+st.Faint.Render(" · "+l.name), w), fit(st.Faint.Render("loading…"), w), ""}
	for _, s := range lines {
		out = append(out, fit("  "+s, w))
	}
	// The footer on the last line; in a window too short for all, the
	// lines from the top that fit above it.
	out = out[:min(len(out), h-1)]
	for len(out) < h-1 {
		out = append(out, "")
	}
	footer := hint(l.keys.Quit)
	if l.typing {
		footer = hint(l.keys.QuitTyping) + " · typing: kept for the timeline"
	}
	return strings.Join(append(out, fit(st.Accent.Render(footer), w)), "\n")
}

// words says the bytes and events read: "12.3 of 24.6 MiB · 42000 of
// 100000 events".
func (s snapshot) words() string {
	var parts []string
	switch {
	case s.size > 0:
		parts = append(parts, fmt.Sprintf("%s of %s", mib(s.read), mib(s.size)))
	case s.read > 0:
		parts = append(parts, mib(s.read))
	}
	if s.of > 0 {
		parts = append(parts, agenda.CountOf(int(s.files), int(s.of), "file"))
	}
	if s.total > 0 {
		parts = append(parts, agenda.CountOf(int(s.done), int(s.total), "event"))
	} else {
		parts = append(parts, "counting events")
	}
	return strings.Join(parts, " · ")
}

func mib(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d KiB", (n+1023)>>10)
	}
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}
