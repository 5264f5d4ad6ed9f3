package tui

import tea "github.com/charmbracelet/bubbletea"

// Run opens the interactive view on the terminal and returns when the user
// quits. Bubble Tea restores the terminal on return and on a panic. When
// cfg.Watch names a file, the view reloads it when it changes.
func Run(cfg Config) error {
	if cfg.Watch != "" {
		changes, stop, err := watch(cfg.Watch)
		if err != nil {
			return err
		}
		defer stop()
		cfg.changes = changes
	}
	// 120 frames a second: once View is fast, the frame ticker is most of
	// the time between a key and the screen.
	p := tea.NewProgram(New(cfg, nil), tea.WithAltScreen(), tea.WithMouseCellMotion(), tea.WithFPS(120))
	_, err := p.Run()
	return err
}
