package tui

import (
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Run opens the interactive view on the terminal and returns when the user
// quits. Bubble Tea restores the terminal on return, on a panic and on
// SIGINT and SIGTERM; Run adds SIGHUP and SIGQUIT, which would otherwise
// end the process with the terminal left on the alternate screen and
// reporting the mouse. When cfg.Watch names a file, the view reloads it
// when it changes; cfg.Changes, when set, says when instead.
func Run(cfg Config) error {
	if cfg.Changes != nil {
		cfg.changes = cfg.Changes
	} else if cfg.Watch != "" {
		changes, stop, err := watch(cfg.Watch)
		if err != nil {
			return err
		}
		defer stop()
		cfg.changes = changes
	}
	// The background is not asked of the terminal (see internal/bgquery):
	// a terminal that does not answer stalls the start for seconds and eats
	// the keys typed meanwhile.
	lipgloss.SetHasDarkBackground(darkBackground(os.Getenv("COLORFGBG")))
	// 120 frames a second: once View is fast, the frame ticker is most of
	// the time between a key and the screen.
	p := tea.NewProgram(New(cfg, nil), tea.WithAltScreen(), tea.WithMouseCellMotion(), tea.WithFPS(120))
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
	_, err := p.Run()
	return err
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
