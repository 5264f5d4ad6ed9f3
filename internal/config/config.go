// Package config reads the user's config file,
// $XDG_CONFIG_HOME/visitline/config.yaml (or --config FILE): key bindings,
// colours, the default view, zones, reminder leads and the first day of
// the week. It walks the yaml.Node tree, as the itinerary's loader does,
// so that every problem is positioned FILE:LINE:COLUMN. What the names
// mean (the actions, the views) is the caller's, given as Known.
package config

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/visitline/visitline/itinerary"
	"gopkg.in/yaml.v3"
)

// maxSize bounds the file read: a config is a few hundred bytes.
const maxSize = 1 << 20

// Known is what the names of a config file may be.
type Known struct {
	// Actions are the key map's actions, snake_case.
	Actions []string
	// Context is the context an action's keys work in: a key may be
	// bound to one action a context.
	Context func(action string) string
	// Views are the names of the views.
	Views []string
}

// Roles are the colour roles colors: takes.
var Roles = []string{"past", "now", "overlap", "cancelled", "org"}

// Config is a config file read and checked.
type Config struct {
	// Keys rebinds actions: each action the file names, with its keys,
	// in the file's order.
	Keys []Binding
	// Colors are the colours of the roles (see Roles), as the file gives
	// them ("#ff8800", "208", "red").
	Colors map[string]string
	// Theme is "light", "dark" or "" (the terminal's).
	Theme string
	// View is the view to start in, "" for the default.
	View string
	// Zones are the default display zones, one or two.
	Zones []*time.Location
	// Remind is the reminders' default leads, for the reminders.
	Remind []time.Duration
	// WeekStart is the first day of the week, nil when not given.
	WeekStart *time.Weekday
	// Refresh is how often a subscribed calendar is fetched again, 0
	// when not given.
	Refresh time.Duration
}

// Binding is an action's keys as the file gives them.
type Binding struct {
	Action string
	Keys   []string
	// Line and Column are the action's place in the file.
	Line, Column int
}

// KeyMap is the bindings as a map of action to keys.
func (c *Config) KeyMap() map[string][]string {
	out := make(map[string][]string, len(c.Keys))
	for _, b := range c.Keys {
		out[b.Action] = b.Keys
	}
	return out
}

// DefaultPath is $XDG_CONFIG_HOME/visitline/config.yaml, else
// ~/.config/visitline/config.yaml; "" when neither can be known.
func DefaultPath() string {
	dir := os.Getenv("XDG_CONFIG_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return ""
		}
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "visitline", "config.yaml")
}

// Error is a config file's problems, each positioned.
type Error struct{ Lines []string }

func (e *Error) Error() string { return strings.Join(e.Lines, "\n") }

// Load reads and checks the config file at path. missingOK lets the
// default path be absent: then it returns an empty Config.
func Load(path string, missingOK bool, known Known) (*Config, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) && missingOK {
		return &Config{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", itinerary.QuoteName(path), unwrapPath(err))
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxSize+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxSize {
		return nil, fmt.Errorf("%s: larger than %d bytes", path, maxSize)
	}
	return Parse(path, b, known)
}

// parser collects the problems of one file.
type parser struct {
	name     string
	known    Known
	problems []string
}

func (p *parser) problem(n *yaml.Node, format string, args ...any) {
	if len(p.problems) < 50 {
		p.problems = append(p.problems, fmt.Sprintf("%s:%d:%d: %s", p.name, n.Line, n.Column, fmt.Sprintf(format, args...)))
	}
}

// didYouMean is the "; did you mean …" of an unknown name.
func didYouMean(s string, candidates []string) string {
	if m := itinerary.Suggest(s, candidates); m != "" {
		return fmt.Sprintf("; did you mean %q?", m)
	}
	return fmt.Sprintf(" (known: %s)", strings.Join(candidates, ", "))
}

// Parse checks the config file content b, read from name.
func Parse(name string, b []byte, known Known) (*Config, error) {
	p := &parser{name: name, known: known}
	c := &Config{}
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return nil, &Error{Lines: []string{name + ": " + strings.TrimPrefix(err.Error(), "yaml: ")}}
	}
	if len(doc.Content) == 0 {
		return c, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		p.problem(root, "the config file is a mapping of settings (keys, colors, theme, view, zones, remind, week_start, refresh)")
		return nil, &Error{Lines: p.problems}
	}
	fields := []string{"keys", "colors", "theme", "view", "zones", "remind", "week_start", "refresh"}
	for k := 0; k+1 < len(root.Content); k += 2 {
		key, val := root.Content[k], root.Content[k+1]
		switch key.Value {
		case "keys":
			p.keys(c, val)
		case "colors":
			p.colors(c, val)
		case "theme":
			if val.Value != "light" && val.Value != "dark" {
				p.problem(val, "theme %q is not light or dark", val.Value)
			}
			c.Theme = val.Value
		case "view":
			if !slices.Contains(known.Views, val.Value) {
				p.problem(val, "unknown view %q%s", val.Value, didYouMean(val.Value, known.Views))
			}
			c.View = val.Value
		case "zones":
			p.zones(c, val)
		case "remind":
			for _, n := range p.list(val, "remind") {
				d, err := time.ParseDuration(n.Value)
				if err != nil || d < 0 {
					p.problem(n, "remind: %q is not a lead such as 10m or 1h30m", n.Value)
					continue
				}
				c.Remind = append(c.Remind, d)
			}
		case "week_start":
			p.weekStart(c, val)
		case "refresh":
			p.refresh(c, val)
		default:
			p.problem(key, "unknown setting %q%s", key.Value, didYouMean(key.Value, fields))
		}
	}
	if len(p.problems) > 0 {
		return nil, &Error{Lines: p.problems}
	}
	return c, nil
}

// list is a sequence's items, or a scalar as one item.
func (p *parser) list(n *yaml.Node, what string) []*yaml.Node {
	switch n.Kind {
	case yaml.ScalarNode:
		return []*yaml.Node{n}
	case yaml.SequenceNode:
		for _, item := range n.Content {
			if item.Kind != yaml.ScalarNode {
				p.problem(item, "%s: each item is a single value", what)
				return nil
			}
		}
		return n.Content
	}
	p.problem(n, "%s is a list", what)
	return nil
}

func (p *parser) keys(c *Config, n *yaml.Node) {
	if n.Kind != yaml.MappingNode {
		p.problem(n, "keys is a mapping of action to keys, such as down: [j, ctrl+n]")
		return
	}
	type owner struct {
		action string
		at     *yaml.Node
	}
	taken := map[string]owner{} // context + key -> the action bound to it
	for k := 0; k+1 < len(n.Content); k += 2 {
		an, kn := n.Content[k], n.Content[k+1]
		if !slices.Contains(p.known.Actions, an.Value) {
			// Every action is listed when none is close: the names are the
			// only way to learn them without the manual.
			hint := didYouMean(an.Value, p.known.Actions)
			if strings.HasPrefix(hint, " (known: ") {
				hint = " (the actions: " + strings.Join(p.known.Actions, ", ") + ")"
			}
			p.problem(an, "unknown action %q%s", an.Value, hint)
			continue
		}
		b := Binding{Action: an.Value, Line: an.Line, Column: an.Column}
		for _, item := range p.list(kn, "keys: "+an.Value) {
			key := item.Value
			if key == "" {
				p.problem(item, "keys: %s: an empty key", an.Value)
				continue
			}
			ctx := ""
			if p.known.Context != nil {
				ctx = p.known.Context(an.Value)
			}
			if o, ok := taken[ctx+"\x00"+key]; ok && o.action != an.Value {
				p.problem(item, "key %q is bound to both %q (line %d) and %q", key, o.action, o.at.Line, an.Value)
				continue
			}
			taken[ctx+"\x00"+key] = owner{an.Value, an}
			b.Keys = append(b.Keys, key)
		}
		c.Keys = append(c.Keys, b)
	}
}

func (p *parser) colors(c *Config, n *yaml.Node) {
	if n.Kind != yaml.MappingNode {
		p.problem(n, "colors is a mapping of role to colour (roles: %s)", strings.Join(Roles, ", "))
		return
	}
	c.Colors = map[string]string{}
	for k := 0; k+1 < len(n.Content); k += 2 {
		rn, cn := n.Content[k], n.Content[k+1]
		if !slices.Contains(Roles, rn.Value) {
			p.problem(rn, "unknown colour role %q%s", rn.Value, didYouMean(rn.Value, Roles))
			continue
		}
		if cn.Kind != yaml.ScalarNode || cn.Value == "" {
			p.problem(cn, "colors: %s: a colour such as \"#ff8800\" or 208", rn.Value)
			continue
		}
		c.Colors[rn.Value] = cn.Value
	}
}

func (p *parser) zones(c *Config, n *yaml.Node) {
	items := p.list(n, "zones")
	if len(items) > 2 {
		p.problem(n, "zones: one or two zones, not %d", len(items))
		return
	}
	for _, z := range items {
		loc, err := time.LoadLocation(z.Value)
		if err != nil || z.Value == "" {
			p.problem(z, "zones: unknown time zone %q", z.Value)
			continue
		}
		c.Zones = append(c.Zones, loc)
	}
}

func (p *parser) weekStart(c *Config, n *yaml.Node) {
	var names []string
	for d := time.Sunday; d <= time.Saturday; d++ {
		names = append(names, strings.ToLower(d.String()))
		if strings.EqualFold(n.Value, d.String()) {
			day := d
			c.WeekStart = &day
			return
		}
	}
	p.problem(n, "week_start %q is not a day%s", n.Value, didYouMean(strings.ToLower(n.Value), names))
}

// DefaultRemind gives it the config's reminder leads when the file gives
// none of its own at the top level (nothing is written back: the YAML
// writer keeps only what the file said).
func (c *Config) DefaultRemind(it *itinerary.Itinerary) {
	// Given again (a subscribed URL's copy, unchanged, which the view
	// shows meanwhile), it is not written again.
	if c != nil && it != nil && !it.RemindSet && len(c.Remind) > 0 && !slices.Equal(it.Remind, c.Remind) {
		it.Remind = c.Remind
	}
}

// Reminding wraps a loader so that what it loads gets the config's default
// reminder leads too; nil stays nil.
func (c *Config) Reminding(load func() (*itinerary.Itinerary, error)) func() (*itinerary.Itinerary, error) {
	if load == nil || c == nil || len(c.Remind) == 0 {
		return load
	}
	return func() (*itinerary.Itinerary, error) {
		it, err := load()
		c.DefaultRemind(it)
		return it, err
	}
}

// unwrapPath drops the path a *os.PathError repeats: "no such file or
// directory", after the name the message already starts with.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// refresh is how often a subscribed calendar is fetched: a duration of a
// minute or more.
func (p *parser) refresh(c *Config, n *yaml.Node) {
	d, err := time.ParseDuration(n.Value)
	if n.Kind != yaml.ScalarNode || err != nil || d < time.Minute {
		p.problem(n, "refresh: %q is not a duration of a minute or more, such as 15m or 1h", n.Value)
		return
	}
	c.Refresh = d
}
