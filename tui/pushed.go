package tui

import (
	"github.com/visitline/visitline/itinerary"
)

// readOnlyNotice is what e says in a read-only view.
const readOnlyNotice = "read-only over SSH"

// ItineraryMsg is the itinerary loaded again by someone other than the
// view (visitline serve's one loader for every session), or why it did not
// load. The view takes it as it takes its own reload: a good itinerary
// replaces the shown one keeping the selection, the filters and the zone;
// an error shows in the panel over the last good one. Config.Watch names
// the file in the messages; the view watches nothing itself unless Run
// started the watch.
type ItineraryMsg struct {
	Itinerary *itinerary.Itinerary
	Err       error
}

// reloaded is msg as the view's own reload of file.
func (msg ItineraryMsg) reloaded(r *reloadState, file string) reloadedMsg {
	r.path = file
	return reloadedMsg{it: msg.Itinerary, err: msg.Err, missing: isMissing(msg.Err)}
}

// Watch signals on changes when the file at path changed and then stayed
// quiet for a moment, following it through saves, renames and its
// directory being replaced, as the view's own watch does. stop ends the
// watch and closes changes.
func Watch(path string) (changes <-chan struct{}, stop func(), err error) {
	return watch(path)
}
