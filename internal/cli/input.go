package cli

import (
	"io"

	"github.com/visitline/visitline/internal/source"
	"github.com/visitline/visitline/itinerary"
)

// load opens FILE, standard input for "-", or the built-in visit, through
// source.Open; a large file reports its progress through progress, when
// not nil.
func load(file string, stdin io.Reader, progress *progressLine) (*itinerary.Itinerary, source.Source, error) {
	var files []string
	if file != "" {
		files = []string{file}
	}
	return loadAll(files, stdin, progress)
}

// loadAll opens the SOURCEs files through source.OpenAll.
func loadAll(files []string, stdin io.Reader, progress *progressLine) (*itinerary.Itinerary, source.Source, error) {
	var p source.Progress
	if progress != nil {
		p = progress
	}
	return source.OpenAll(files, stdin, p)
}

// loadForView is loadAll for the interactive view, which starts a
// subscribed URL from its cached copy and fetches it at once.
func loadForView(files []string, stdin io.Reader, progress *progressLine) (*itinerary.Itinerary, source.Source, error) {
	var p source.Progress
	if progress != nil {
		p = progress
	}
	return source.OpenAllCacheFirst(files, stdin, p)
}
