#!/usr/bin/env bash
# Renders the README's screenshots from real runs of visitline in tmux.
#
# Dependencies (not needed by CI, which does not run this script):
#   apt-get install -y tmux librsvg2-bin fonts-jetbrains-mono fonts-nanum
#   go install github.com/charmbracelet/freeze@v0.2.2
# fonts-nanum draws the Hangul; librsvg2-bin's rsvg-convert turns freeze's
# SVG into PNG with the system's font fallback.
#
# Usage: bash scripts/screenshots.sh   (writes docs/screenshots/*.png)
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs/screenshots
mkdir -p "$out"
freeze=$(command -v freeze || echo "$(go env GOPATH)/bin/freeze")
for tool in tmux rsvg-convert "$freeze"; do
  command -v "$tool" >/dev/null || { echo "missing: $tool (see the top of $0)"; exit 1; }
done

work=$(mktemp -d)
socket="visitline-shots-$$"
cleanup() { tmux -L "$socket" kill-server 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
go build -o "$work/visitline" .
printf 'set -g default-terminal "xterm-256color"\nset -g status off\nset -g escape-time 0\n' > "$work/tmux.conf"

# The view during the Pyeongtaek tour, so the now marker and countdowns show.
tmux -f "$work/tmux.conf" -L "$socket" new-session -d -s shots -x 120 -y 34 \
  env LANG=C.UTF-8 COLORTERM=truecolor "$work/visitline" --now 2024-01-26T10:15:00+09:00

# wait_for TEXT: poll the screen until it shows TEXT.
wait_for() {
  for _ in $(seq 100); do
    tmux -L "$socket" capture-pane -p -t shots | grep -qF -- "$1" && return 0
    sleep 0.05
  done
  echo "timed out waiting for: $1"; tmux -L "$socket" capture-pane -p -t shots; exit 1
}

# shot NAME: capture the screen with its colours and render it. freeze
# misreads the "default colour" codes 39 and 49, so they become a reset.
shot() {
  sleep 0.2
  tmux -L "$socket" capture-pane -e -p -t shots | sed -e 's/\x1b\[39m/\x1b[0m/g; s/\x1b\[49m/\x1b[0m/g' > "$work/$1.ansi"
  "$freeze" --language ansi --window --padding 20 --font.family "JetBrains Mono" --font.size 14 \
    -o "$out/$1.png" "$work/$1.ansi" >/dev/null
  echo "wrote $out/$1.png"
}

keys() { tmux -L "$socket" send-keys -t shots "$@"; }

wait_for "[now · 1 h 15 min left]"
shot timeline

keys p; wait_for "Filter by person"
keys -l 경계현; wait_for "❯   Kyung Kye-hyun"
keys Enter; wait_for "[Kyung Kye-hyun] · 3 of 12 events"
shot person-filter

keys Escape; wait_for "Timeline · 12 events"
keys Tab; keys j; wait_for "❯ Kyung Kye-hyun 경계현"
keys Enter; wait_for "Card · Kyung Kye-hyun"
shot participant-card

keys n; wait_for "names: 한글"
shot native-names

# The lanes: back to the timeline, Latin names, v.
keys Escape; keys Escape; keys n; wait_for "names: Latin"
keys v; wait_for "Lanes by person"
shot lanes
keys q
