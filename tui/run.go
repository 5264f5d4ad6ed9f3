package tui

import (
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// RunLoading opens the interactive view on the terminal and returns when
// the user quits. The view shows the loading screen from its first frame
// while s.Load runs, then the timeline, with the keys typed meanwhile. It
// returns s.Load's error as it is, or ErrQuit when the view ended before
// the timeline was there (esc or q while loading, a signal), without
// waiting for the load. When the Config loaded names Changes, they say
// when the source changed; else Watch names a file the view watches.
//
// Bubble Tea restores the terminal on return, on a panic and on SIGINT
// and SIGTERM; RunLoading adds SIGHUP and SIGQUIT, which would otherwise
// end the process with the terminal left on the alternate screen and
// reporting the mouse.
func RunLoading(s Start) error {
	var stopWatch atomic.Pointer[func()]
	var ended atomic.Bool
	run := func() tea.Msg {
		cfg, err := s.Load()
		if err == nil && cfg.Changes != nil {
			cfg.changes = cfg.Changes
		} else if err == nil && cfg.Watch != "" && !ended.Load() {
			changes, stop, werr := watch(cfg.Watch)
			if err = werr; err == nil {
				cfg.changes = changes
				stopWatch.Store(&stop)
			}
		}
		return loadedMsg{cfg: cfg, err: err}
	}
	final, err := runProgram(func() tea.Model { return newStarter(s, nil, run) })
	ended.Store(true)
	if stop := stopWatch.Load(); stop != nil {
		(*stop)()
	}
	if err != nil {
		return err
	}
	if st, ok := final.(starter); ok { // still starting: the load failed or the view was quit
		if st.err != nil {
			return st.err
		}
		return ErrQuit
	}
	return nil
}

// runProgram runs model on the terminal until it quits.
func runProgram(model func() tea.Model) (tea.Model, error) {
	// The background is not asked of the terminal (see internal/bgquery):
	// a terminal that does not answer stalls the start for seconds and eats
	// the keys typed meanwhile. It is set before the model is made, whose
	// config may say otherwise.
	lipgloss.SetHasDarkBackground(darkBackground(os.Getenv("COLORFGBG")))
	// 120 frames a second: once View is fast, the frame ticker is most of
	// the time between a key and the screen.
	p := tea.NewProgram(model(), tea.WithAltScreen(), tea.WithMouseCellMotion(), tea.WithFPS(120))
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGHUP, syscall.SIGQUIT)
	defer signal.Stop(signals)
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-signals:
			// A second signal takes the default action: a program too stuck
			// to quit still dies, and SIGQUIT still dumps its goroutines.
			signal.Stop(signals)
			p.Quit()
		case <-done:
		}
	}()
	return p.Run()
}

// darkBackground tells from COLORFGBG ("foreground;background", set by
// rxvt, Konsole and others; "15;0" is light text on black) whether the
// terminal's background is dark. Without it the background is taken to be
// dark.
func darkBackground(colorfgbg string) bool {
	fields := strings.Split(colorfgbg, ";")
	bg, err := strconv.Atoi(fields[len(fields)-1])
	if len(fields) < 2 || err != nil || bg < 0 || bg > 255 {
		return true
	}
	_, _, l := termenv.ConvertToRGB(termenv.ANSI256Color(bg)).Hsl()
	return l < 0.5
}
