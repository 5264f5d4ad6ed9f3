package tui

import tea "github.com/charmbracelet/bubbletea"

// Run opens the interactive view on the terminal and returns when the user
// quits. Bubble Tea restores the terminal on return and on a panic.
func Run(cfg Config) error {
	p := tea.NewProgram(New(cfg, nil), tea.WithAltScreen(), tea.WithMouseCellMotion())
	_, err := p.Run()
	return err
}
