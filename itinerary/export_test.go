package itinerary

// WriteYAMLNodes is the node writer WriteYAML replaced, for the tests of
// package itinerary_test, which read calendars (package calendar imports
// this one).
var WriteYAMLNodes = writeYAMLNodes
