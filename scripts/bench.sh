#!/usr/bin/env bash
# bench.sh: the whole-process measurements of docs/performance.md in one
# run, each beside the floor (tools/yamlfloor: yaml.v3's Node parse of the
# same file, one goroutine, nothing else), as medians of RUNS paired runs.
#
#   bash scripts/bench.sh [EVENTS [IDLE_SECONDS [RUNS]]]   # defaults 100000 60 3
#
# Needs: go, /usr/bin/time (Debian: time), tmux (for the first frame and
# the idle CPU). Writes only under a temporary directory.
set -euo pipefail
events=${1:-100000} idle=${2:-60} runs=${3:-3}
cd "$(dirname "$0")/.."
for tool in /usr/bin/time tmux go; do
	command -v "$tool" >/dev/null || { echo "bench.sh: $tool is missing (install: ${tool##*/})" >&2; exit 1; }
done
dir=$(mktemp -d)
sock=visitline-bench-$$
trap 'tmux -L "$sock" kill-server 2>/dev/null || true; rm -rf "$dir"' EXIT
go build -o "$dir/visitline" .
go build -o "$dir/floor" ./tools/yamlfloor
go run ./tools/gen -events "$events" > "$dir/in.yaml"
"$dir/visitline" --format ics "$dir/in.yaml" > "$dir/in.ics"
echo "$events events: $(stat -c %s "$dir/in.yaml") bytes of YAML, $(stat -c %s "$dir/in.ics") of iCalendar; load average $(cut -d' ' -f1-3 /proc/loadavg)"

# one CMD...: prints "seconds peak-KiB" of one run (output thrown away).
one() { /usr/bin/time -f '%e %M' -o "$dir/t" "$@" > /dev/null 2>&1 || true; cat "$dir/t"; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# The floor, and each command paired with it run by run.
printf '%-28s %9s %9s %9s %9s\n' what seconds 'x floor' MiB 'x floor'
row() {
	local name=$1; shift
	[ "$runs" -gt 0 ] || return 0
	: > "$dir/a"; : > "$dir/b"
	for _ in $(seq "$runs"); do
		one "$dir/floor" "$dir/in.yaml" >> "$dir/b"
		one "$@" >> "$dir/a"
	done
	local as am bs bm
	as=$(cut -d' ' -f1 "$dir/a" | median); am=$(cut -d' ' -f2 "$dir/a" | median)
	bs=$(cut -d' ' -f1 "$dir/b" | median); bm=$(cut -d' ' -f2 "$dir/b" | median)
	[ "$name" = floor ] || printf '%-28s %9s %9.2f %9d %9.2f\n' "$name" "$as" "$(echo "$as / $bs" | bc -l)" $((am / 1024)) "$(echo "$am / $bm" | bc -l)"
	[ "$name" != floor ] || printf '%-28s %9s %9s %9d %9s\n' "yaml.v3 Node parse (floor)" "$bs" 1 $((bm / 1024)) 1
	floor_s=$bs
}
row floor "$dir/floor" "$dir/in.yaml"
row "--check" "$dir/visitline" --check "$dir/in.yaml"
row "--print" "$dir/visitline" --print "$dir/in.yaml"
row "--format yaml" "$dir/visitline" --format yaml "$dir/in.yaml"
row "--check of the .ics" "$dir/visitline" --check "$dir/in.ics"

# The view in tmux: its first frame (the loading screen, or the timeline
# when the load is quicker), then the timeline (the time until the pane
# shows the timeline's title), its memory, then its CPU while nothing
# happens. A run with only these: bench.sh EVENTS IDLE 0.
tmux -L "$sock" -f /dev/null new-session -d -s main -x 120 -y 40 \
	"env LANG=C.UTF-8 $dir/visitline $dir/in.yaml; sleep 600"
start=$(date +%s.%N)
pid=
loading=
for _ in $(seq 6000); do
	[ -n "$pid" ] || pid=$(pgrep -P "$(tmux -L "$sock" list-panes -t main -F '#{pane_pid}')" -x visitline || true)
	screen=$(tmux -L "$sock" capture-pane -p -t main)
	if [ -z "$loading" ] && { echo "$screen" | grep -q -e 'esc/q quit' -e 'Timeline ·'; }; then
		loading=$(echo "$(date +%s.%N) - $start" | bc -l)
	fi
	if echo "$screen" | grep -q 'Timeline ·'; then break; fi
	sleep 0.01
done
first=$(echo "$(date +%s.%N) - $start" | bc -l)
printf '%-28s %9.3f\n' "first frame (loading)" "$loading"
ratio=; [ -z "${floor_s:-}" ] || ratio=$(printf '%.2f' "$(echo "$first / $floor_s" | bc -l)")
printf '%-28s %9.2f %9s\n' "timeline of the view" "$first" "$ratio"
# Wait for the load's CPU to stop before measuring the idle.
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
prev=-1
for _ in $(seq 60); do t=$(ticks); [ "$t" = "$prev" ] && break; prev=$t; sleep 0.5; done
printf '%-28s %9s %9s %9d\n' "view, loaded" "" "" $(($(awk '/VmHWM/ {print $2}' "/proc/$pid/status") / 1024))
a=$(ticks); sleep "$idle"; b=$(ticks)
printf '%-28s %8.3f%%\n' "idle CPU over ${idle} s" "$(echo "($b - $a) / $(getconf CLK_TCK) / $idle * 100" | bc -l)"
