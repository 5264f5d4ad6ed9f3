// Package tui is the interactive timeline of visitline: a Bubble Tea
// program that draws the rows the agenda package lays out, as a list or as
// lanes on a time axis, with the detail pane, participant cards, the people
// picker, search, the help and about pages, and live reload of the file.
package tui
