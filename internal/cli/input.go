package cli

import (
	"io"

	"github.com/visitline/visitline/internal/source"
	"github.com/visitline/visitline/itinerary"
)

// load opens FILE, standard input for "-", or the built-in visit, through
// source.Open; a large file reports its progress through progress, when
// not nil.
func load(file string, stdin io.Reader, progress source.Progress) (*itinerary.Itinerary, source.Source, error) {
	var files []string
	if file != "" {
		files = []string{file}
	}
	return loadAll(files, stdin, progress)
}

// loadAll opens the SOURCEs files through source.OpenAll; progress may be
// nil.
func loadAll(files []string, stdin io.Reader, progress source.Progress) (*itinerary.Itinerary, source.Source, error) {
	return source.OpenAll(files, stdin, progress)
}

// loadForView is loadAll for the interactive view, which starts a
// subscribed URL from its cached copy and fetches it at once.
func loadForView(files []string, stdin io.Reader, progress source.Progress) (*itinerary.Itinerary, source.Source, error) {
	return source.OpenAllCacheFirst(files, stdin, progress)
}
