package tui

import (
	"reflect"
	"slices"
	"strings"
	"unicode"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
)

// The user's config applied to the view: keys rebound by action name and
// the colours of the roles.

// actionName is a KeyMap field's name in snake_case: PageDown → page_down.
func actionName(field string) string {
	var b strings.Builder
	for i, r := range field {
		if unicode.IsUpper(r) && i > 0 {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// bindings are the KeyMap's bindings by action name, in field order.
func (k *KeyMap) bindings() ([]string, []*key.Binding) {
	v := reflect.ValueOf(k).Elem()
	var names []string
	var bs []*key.Binding
	for f := 0; f < v.NumField(); f++ {
		if b, ok := v.Field(f).Addr().Interface().(*key.Binding); ok {
			names = append(names, actionName(v.Type().Field(f).Name))
			bs = append(bs, b)
		}
	}
	return names, bs
}

// ActionNames are the actions a config file's keys: may rebind: the
// KeyMap's fields in snake_case.
func ActionNames() []string {
	k := DefaultKeyMap()
	names, _ := k.bindings()
	return names
}

// ActionContext is where an action's keys work: the text fields
// ("input"), the help and about pages ("page"), or the rest ("view"). A
// key may be bound to one action a context.
func ActionContext(action string) string {
	switch action {
	case "input_up", "input_down", "accept", "cancel":
		return "input"
	case "close":
		return "page"
	}
	return "view"
}

// Rebind gives the actions of keys their keys, with help that shows them;
// a default binding in the same context loses the keys the user gave to
// another action (and is left without keys when it had no others).
func (k *KeyMap) Rebind(keys map[string][]string) {
	names, bs := k.bindings()
	for n, name := range names {
		ks, ok := keys[name]
		if !ok {
			continue
		}
		bs[n].SetKeys(ks...)
		shown := make([]string, len(ks))
		for i, s := range ks {
			shown[i] = keyName(s)
		}
		bs[n].SetHelp(strings.Join(shown, "/"), bs[n].Help().Desc)
	}
	for n, name := range names {
		if _, ok := keys[name]; ok {
			continue
		}
		var kept []string
		for _, s := range bs[n].Keys() {
			if !takenElsewhere(keys, name, s) {
				kept = append(kept, s)
			}
		}
		if len(kept) < len(bs[n].Keys()) {
			bs[n].SetKeys(kept...)
			if len(kept) == 0 {
				bs[n].SetHelp("", bs[n].Help().Desc)
			} else {
				bs[n].SetHelp(keyName(kept[0]), bs[n].Help().Desc)
			}
		}
	}
}

// takenElsewhere reports whether the user bound key s, of action name's
// context, to another action.
func takenElsewhere(keys map[string][]string, name, s string) bool {
	for other, ks := range keys {
		if other != name && ActionContext(other) == ActionContext(name) && slices.Contains(ks, s) {
			return true
		}
	}
	return false
}

// applyColors sets the colours of the roles a config file names.
func (s *Styles) applyColors(colors map[string]string) {
	for role, c := range colors {
		col := lipgloss.Color(c)
		switch role {
		case "past":
			s.Past = s.Past.Foreground(col)
		case "now":
			s.Now = s.Now.Foreground(col)
		case "cancelled":
			s.Cancelled = s.Cancelled.Foreground(col)
		case "overlap":
			s.Warning = s.Warning.Foreground(col)
		}
	}
}

// orgFallback gives the organisations without a colour of their own the
// config's org colour.
func (m *Model) orgFallback(c string) {
	for i, o := range m.it.Orgs {
		if o.Color == "" && i < len(m.orgStyle) {
			m.orgStyle[i] = m.st.renderer.NewStyle().Foreground(lipgloss.Color(c))
		}
	}
}
