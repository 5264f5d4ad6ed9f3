package tui

import (
	"reflect"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
)

// TestHelpTextListsEveryBinding: --help is made from the key map, and every
// binding of the map (found by reflection, so a new one cannot be missed)
// is in it with each of its keys.
func TestHelpTextListsEveryBinding(t *testing.T) {
	text := HelpText()
	km := DefaultKeyMap()
	v := reflect.ValueOf(km)
	n := 0
	for i := range v.NumField() {
		b, ok := v.Field(i).Interface().(key.Binding)
		if !ok {
			continue
		}
		n++
		if len(b.Keys()) == 0 || b.Help().Desc == "" {
			t.Errorf("%s has no keys or no help", v.Type().Field(i).Name)
		}
		for _, k := range b.Keys() {
			if !strings.Contains(text, keyName(k)) {
				t.Errorf("%s: key %q is not in --help", v.Type().Field(i).Name, keyName(k))
			}
		}
		listed := false
		for _, l := range append(km.all(), km.inputKeys()...) {
			if reflect.DeepEqual(l.Keys(), b.Keys()) {
				listed = true
			}
		}
		if !listed {
			t.Errorf("%s is in the key map but not in the help", v.Type().Field(i).Name)
		}
	}
	if n < 20 {
		t.Errorf("found %d bindings", n)
	}
}
