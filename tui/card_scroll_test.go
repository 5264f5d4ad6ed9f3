package tui

import (
	"strings"
	"testing"
)

// TestCardOpensAtTop: in small windows the card opens on who the person
// is — name, role, organisation — and j then brings the highlighted event
// into view.
func TestCardOpensAtTop(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {40, 12}} {
		m := press(newModel(t, size[0], size[1]), "jjj", "tab", "j", "enter")
		v := m.View()
		for _, want := range []string{"Kyung Kye-hyun 경계현", "President; CEO of the", "Samsung Electronics · 삼성전자"} {
			if !strings.Contains(v, want) {
				t.Errorf("%v: the opened card lacks %q:\n%s", size, want, v)
			}
		}
		m = press(m, "j")
		if v := m.View(); !strings.Contains(v, "❯ Sat 27 Jan") && !strings.Contains(v, "❯ Fri 26 Jan  ~17:30") {
			t.Errorf("%v: j does not show the highlighted event:\n%s", size, v)
		}
	}
}

// TestFocusedParticipantWhollyInView: moving through the participants
// keeps every wrapped line of the highlighted one on screen.
func TestFocusedParticipantWhollyInView(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {40, 12}, {120, 40}} {
		m := press(newModel(t, size[0], size[1]), "jjj", "tab")
		for k := 0; k < 6; k++ {
			d := &m.det
			from, to := d.partLine[d.part], d.partLine[d.part+1]
			if top, h := d.vp.YOffset, d.vp.Height; from < top || to > top+h {
				t.Errorf("%v participant %d: lines %d–%d, pane shows %d–%d:\n%s", size, k, from, to-1, top, top+h-1, m.View())
			}
			m = press(m, "j")
		}
		m = press(m, "k", "k", "k", "k", "k")
		if d := &m.det; d.partLine[d.part] < d.vp.YOffset {
			t.Errorf("%v: going back up leaves the participant above the pane", size)
		}
	}
}
