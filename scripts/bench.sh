#!/usr/bin/env bash
# bench.sh: the whole-process measurements of docs/performance.md in one
# run, each beside the floor (tools/yamlfloor: yaml.v3's Node parse of the
# same file, one goroutine, nothing else), as medians of RUNS paired runs.
#
#   bash scripts/bench.sh [EVENTS [IDLE_SECONDS [RUNS]]]   # defaults 100000 60 3
#   BASE=main bash scripts/bench.sh 100000 60 0   # the view's idle CPU, this tree's beside main's
#
# BASE names a git revision, built from `git archive` under the temporary
# directory; its view is measured idle over the same seconds as this
# tree's.
# Needs: go, /usr/bin/time (Debian: time), tmux (for the first frame and
# the idle CPU). Writes only under a temporary directory.
set -euo pipefail
events=${1:-100000} idle=${2:-60} runs=${3:-3} base=${BASE:-}
cd "$(dirname "$0")/.."
for tool in /usr/bin/time tmux go; do
	command -v "$tool" >/dev/null || { echo "bench.sh: $tool is missing (install: ${tool##*/})" >&2; exit 1; }
done
dir=$(mktemp -d)
sock=visitline-bench-$$
trap 'tmux -L "$sock" kill-server 2>/dev/null || true; rm -rf "$dir"' EXIT
go build -o "$dir/visitline" .
if [ -n "$base" ]; then
	mkdir "$dir/base"
	git archive "$base" | tar -x -C "$dir/base"
	(cd "$dir/base" && go build -o visitline .)
fi
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
# happens.
# A run with only these: bench.sh EVENTS IDLE 0. With BASE set, the view
# of that revision too, for the idle CPU of both over the same seconds.
# view SESSION BINARY starts BINARY on the file in a tmux session of its own.
view() {
	tmux -L "$sock" -f /dev/null new-session -d -s "$1" -x 120 -y 40 \
		"env LANG=C.UTF-8 $2 $dir/in.yaml; sleep 600"
}
# first_frame SESSION waits for the view's first frame and its timeline,
# then for the load's CPU to stop; sets pid to the view's process, loading
# and shown to the seconds from start to each frame.
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
first_frame() {
	pid= loading= shown=
	local screen
	for _ in $(seq 6000); do
		[ -n "$pid" ] || pid=$(pgrep -P "$(tmux -L "$sock" list-panes -t "$1" -F '#{pane_pid}')" -x visitline || true)
		screen=$(tmux -L "$sock" capture-pane -p -t "$1")
		if [ -z "$loading" ] && { echo "$screen" | grep -q -e 'esc/q quit' -e 'Timeline ·'; }; then
			loading=$(echo "$(date +%s.%N) - $start" | bc -l)
		fi
		if echo "$screen" | grep -q 'Timeline ·'; then break; fi
		sleep 0.01
	done
	shown=$(echo "$(date +%s.%N) - $start" | bc -l)
	[ -n "$pid" ] || { echo "bench.sh: the view in tmux session $1 did not start" >&2; exit 1; }
	local prev=-1 t
	for _ in $(seq 60); do t=$(ticks "$pid"); [ "$t" = "$prev" ] && break; prev=$t; sleep 0.5; done
}
view main "$dir/visitline"
start=$(date +%s.%N)
first_frame main
printf '%-28s %9.3f\n' "first frame (loading)" "$loading"
ratio=; [ -z "${floor_s:-}" ] || ratio=$(printf '%.2f' "$(echo "$shown / $floor_s" | bc -l)")
printf '%-28s %9.2f %9s\n' "timeline of the view" "$shown" "$ratio"
printf '%-28s %9s %9s %9d\n' "view, loaded" "" "" $(($(awk '/VmHWM/ {print $2}' "/proc/$pid/status") / 1024))
pids=$pid names="this tree"
if [ -n "$base" ]; then
	view base "$dir/base/visitline"
	first_frame base
	pids="$pids $pid" names="$names|$base"
fi
# The idle CPU (utime + stime) of each view over the same seconds.
declare -a before
k=0; for p in $pids; do before[k]=$(ticks "$p"); k=$((k + 1)); done
sleep "$idle"
k=0
for p in $pids; do
	name=$(echo "$names" | cut -d'|' -f$((k + 1)))
	printf '%-28s %8.3f%%\n' "idle CPU over ${idle} s, $name" "$(echo "($(ticks "$p") - ${before[k]}) / $(getconf CLK_TCK) / $idle * 100" | bc -l)"
	k=$((k + 1))
done
