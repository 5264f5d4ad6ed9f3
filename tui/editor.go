package tui

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/mattn/go-shellwords"
	"github.com/visitline/visitline/itinerary"
)

// editorDoneMsg says the editor the view was suspended for has returned.
type editorDoneMsg struct {
	editor string // the command's name, for messages
	file   string // the file it edited
	err    error
}

// editorCommand is the user's editor: $VISUAL, else $EDITOR, else vi.
func editorCommand(getenv func(string) string) string {
	for _, v := range []string{"VISUAL", "EDITOR"} {
		if e := strings.TrimSpace(getenv(v)); e != "" {
			return e
		}
	}
	return "vi"
}

// editorLoadedMsg is the file loaded again after the editor returned.
type editorLoadedMsg struct {
	reloadedMsg
	file string // the file edited
}

// editorArgs is the command line that opens file at line (1-based; 0 for
// unknown) with editor, a command and its arguments split as a shell would
// ("code -w", "emacsclient -t"). Editors that take +LINE FILE get that; VS
// Code gets --goto FILE:LINE; any other editor gets the file alone.
func editorArgs(editor, file string, line int) ([]string, error) {
	words, err := shellwords.Parse(editor)
	if err != nil {
		return nil, fmt.Errorf("cannot read the editor command %q: %v", editor, err)
	}
	if len(words) == 0 {
		return nil, errors.New("the editor command is empty")
	}
	if strings.HasPrefix(file, "-") || strings.HasPrefix(file, "+") {
		file = "./" + file // not an option
	}
	if line <= 0 {
		return append(words, file), nil
	}
	switch editorName(words[0]) {
	case "code", "code-insiders", "codium", "vscodium":
		return append(words, "--goto", fmt.Sprintf("%s:%d", file, line)), nil
	case "vi", "vim", "nvim", "gvim", "view", "vim.basic", "vim.tiny", "nano", "emacs", "emacsclient",
		"micro", "kak", "hx", "helix", "mg", "joe", "ne", "jed":
		return append(words, fmt.Sprintf("+%d", line), file), nil
	}
	return append(words, file), nil
}

// editorName is the base name of an editor command, without ".exe".
func editorName(command string) string {
	return strings.TrimSuffix(filepath.Base(command), ".exe")
}

// selectedEvent is the event e edits: the one highlighted on the card when
// the card has the focus, else the timeline's selection; -1 for none.
func (m *Model) selectedEvent() int {
	if m.focus == focusCard {
		return m.card.selected()
	}
	return m.tl.selected()
}

// edit suspends the view and opens the file at the selected event's line
// in the user's editor; the file is loaded again when the editor returns.
// Without a file, or without the editor, it says so in the status line.
func (m *Model) edit() tea.Cmd {
	i := m.selectedEvent()
	if i < 0 {
		return nil
	}
	file := m.fileOf(i)
	if file == "" {
		m.status = m.noFileToEdit(i)
		return nil
	}
	editor := editorCommand(os.Getenv)
	args, err := editorArgs(editor, file, m.it.Events[i].Pos.Line)
	if err != nil {
		m.status = err.Error()
		return nil
	}
	path, err := exec.LookPath(args[0])
	if err != nil {
		m.status = fmt.Sprintf("cannot start the editor %q: not found; set $VISUAL or $EDITOR to one that is installed", itinerary.CleanLine(args[0]))
		return nil
	}
	name := editorName(args[0])
	return tea.ExecProcess(exec.Command(path, args[1:]...), func(err error) tea.Msg {
		return editorDoneMsg{editor: name, file: file, err: err}
	})
}

// fileOf is the file e opens for event i: the event's own file when the
// itinerary gathers several (a folder, several FILEs), else the one file
// the view was opened on; "" when it has none on disk (standard input,
// the built-in itinerary, a read-only calendar).
func (m *Model) fileOf(i int) string {
	if i < 0 || i >= len(m.it.Events) {
		return ""
	}
	e := &m.it.Events[i]
	if e.File == "-" {
		return ""
	}
	if cal := m.it.CalendarOf(e); cal != nil && cal.ReadOnly {
		return ""
	}
	if e.File != "" {
		return e.File
	}
	if cal := m.it.CalendarOf(e); cal != nil && cal.Origin != "" {
		return "" // a gathered calendar that read no file
	}
	return m.cfg.File
}

// noFileToEdit says why e cannot edit event i, which has no file, and how
// to get one.
func (m *Model) noFileToEdit(i int) string {
	var e *itinerary.Event
	if i >= 0 && i < len(m.it.Events) {
		e = &m.it.Events[i]
	}
	if e != nil && e.File != "-" {
		if cal := m.it.CalendarOf(e); cal != nil && (cal.ReadOnly || e.File == "" && cal.Origin != "") {
			return fmt.Sprintf("no file to edit: the calendar %s is read-only here (%s is not a file on disk)",
				itinerary.QuoteName(cal.Name), itinerary.QuoteName(cal.Origin))
		}
	}
	if m.cfg.URL != "" {
		return "read-only: " + itinerary.QuoteName(m.cfg.URL) + " is a subscribed calendar, fetched, not written. " +
			"To edit a copy: visitline --format yaml URL > copy.yaml, then visitline copy.yaml"
	}
	stdin := m.cfg.Stdin || e != nil && e.File == "-"
	if stdin && m.cfg.Calendar {
		return "no file to edit: standard input is not a file on disk. Save the calendar as an itinerary, " +
			"visitline --format yaml < cal.ics > trip.yaml, then open that: visitline trip.yaml"
	}
	if stdin {
		return "no file to edit: standard input is not a file on disk. Save what you piped in to a file, " +
			"then open that: visitline visit.yaml"
	}
	return "no file to edit: the built-in itinerary is not a file on disk. Write it to one with " +
		"visitline --format yaml > visit.yaml, then open it: visitline visit.yaml"
}

// edited handles the editor's return: the file is loaded again (keeping
// the selection and the filters), or the status line says what went wrong.
func (m *Model) edited(msg editorDoneMsg) tea.Cmd {
	if msg.err != nil {
		m.status = fmt.Sprintf("the editor %q failed: %s", itinerary.CleanLine(msg.editor), itinerary.CleanLine(msg.err.Error()))
		return nil
	}
	// The edit is a change of its own: a load the watch started before it is
	// stale when it ends.
	file := msg.file
	if file == "" {
		file = m.cfg.File
	}
	m.reload.gen++
	m.reload.path, m.reload.load = file, m.cfg.loadChanged()
	load := loadFile(m.reload.load, m.reload.gen)
	return func() tea.Msg { return editorLoadedMsg{load().(reloadedMsg), file} }
}
