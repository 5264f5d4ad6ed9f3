// Command visitline shows a visit itinerary as a scrollable timeline in the
// terminal, or prints it as a plain agenda, JSON or iCalendar. The command
// itself is internal/cli; main wires it to the process.
package main

import (
	"os"
	"runtime/debug"
	_ "time/tzdata" // zones resolve on machines without a zone database

	"github.com/charmbracelet/x/term"
	"github.com/mattn/go-isatty"
	"github.com/visitline/visitline/internal/bgquery"
	"github.com/visitline/visitline/internal/cli"
)

// memoryLimit is the soft limit the garbage collector keeps the heap under
// (unless GOMEMLIMIT says otherwise): the load limits keep any input well
// below it, and near it the collector works harder instead of the process
// growing.
const memoryLimit = 600 << 20

func main() {
	bgquery.Restore() // first: see the package's comment
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	cmd := cli.Command{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}
	cmd.Terminal = isatty.IsTerminal(os.Stdout.Fd())
	if cmd.Terminal { // a pipe or a file gets whole lines: width 0
		if w, _, err := term.GetSize(os.Stdout.Fd()); err == nil && w > 0 {
			cmd.Width = w
		}
	}
	os.Exit(cmd.Main(os.Args[1:]))
}
