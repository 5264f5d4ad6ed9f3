// Package data holds the itineraries shipped with visitline: the default
// visit, shown when no file is given, and examples of the format.
package data

import "embed"

// DefaultName is the name the default itinerary goes by in messages: its
// path in the repository.
const DefaultName = "data/visit.yaml"

// Default is the default itinerary, Sam Altman's visit to Korea in January
// 2024.
//
//go:embed visit.yaml
var Default []byte

// Files holds the default itinerary and the examples, for tests.
//
//go:embed visit.yaml examples/*.yaml
var Files embed.FS
