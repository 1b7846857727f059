#!/usr/bin/env bash
# bench.sh times hatcheck's Jira reader against the bars of SPEC §8 on a generated export:
#
#   (a) a bare jsontext token pass over the file (cmd/hatchgen/tokenpass),
#   (b) hatcheck lint --no-config -j FILE --now 2026-03-20 -f json, and the same with
#       -c cmd/hatchgen/bench.yaml (the generator's people in their roles, so every Jira
#       rule runs and reports tens of thousands of findings), or, without the CLI,
#       jira.ReadJSON + jira.Merge alone (cmd/hatchgen/readpass; measured in any case),
#   (c) one jq query over the same file.
#
# The commands run R rounds (-runs), each command once a round; the table shows the median wall
# time, the median CPU time (user + system) and the largest peak resident set size.
#
# Usage: cmd/hatchgen/bench.sh [-issues N] [-histories H] [-runs R] [-dir DIR] [-keep]
# Run it from anywhere inside the repository. The export is written to DIR (default: a new
# temporary folder, removed at the end unless -keep).
set -euo pipefail

issues=10000
histories=20
runs=5
dir=""
keep=0
while [ $# -gt 0 ]; do
	case "$1" in
	-issues) issues="$2"; shift 2 ;;
	-histories) histories="$2"; shift 2 ;;
	-runs) runs="$2"; shift 2 ;;
	-dir) dir="$2"; shift 2 ;;
	-keep) keep=1; shift ;;
	*) echo "bench.sh: unknown argument $1" >&2; exit 2 ;;
	esac
done

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
if [ -z "$dir" ]; then
	dir="$(mktemp -d)"
	if [ "$keep" = 0 ]; then
		trap 'rm -rf "$dir"' EXIT
	fi
fi
mkdir -p "$dir"
bin="$dir/bin"
mkdir -p "$bin"

if [ ! -x /usr/bin/time ]; then
	echo "bench.sh: /usr/bin/time is needed for peak memory (apt-get install time)" >&2
	exit 2
fi

echo "building..."
go build -o "$bin/hatchgen" ./cmd/hatchgen
go build -o "$bin/tokenpass" ./cmd/hatchgen/tokenpass
go build -o "$bin/readpass" ./cmd/hatchgen/readpass
have_cli=0
# hatcheck is built as action.yml builds it: static, without cgo (the C resolver and libc
# that net/http would otherwise load add 1.4 MB to every run's memory).
if [ -d cmd/hatcheck ] && CGO_ENABLED=0 go build -trimpath -o "$bin/hatcheck" ./cmd/hatcheck 2>/dev/null; then
	have_cli=1
fi

export_file="$dir/export.json"
echo "generating $issues issues x $histories histories..."
"$bin/hatchgen" -issues "$issues" -histories "$histories" -o "$export_file"
size=$(stat -c %s "$export_file")

have_jq=0
if ! command -v jq >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
	echo "installing jq..."
	apt-get install -y -qq jq >/dev/null 2>&1 || true
fi
if command -v jq >/dev/null 2>&1; then
	have_jq=1
fi

# Each command is added with a name and the highest exit status that is not a failure
# (hatcheck lint exits 1 when it finds something).
names=()
maxstatus=()
cmds=()
add() {
	names+=("$1")
	maxstatus+=("$2")
	shift 2
	cmds+=("$(printf '%q ' "$@")")
}
add "(a) token pass" 0 "$bin/tokenpass" "$export_file"
add "(b) ReadJSON + Merge" 0 "$bin/readpass" "$export_file"
if [ "$have_cli" = 1 ]; then
	add "(b) hatcheck lint -f json" 1 "$bin/hatcheck" lint --no-config -j "$export_file" --now 2026-03-20 -f json
	add "(b') lint, roles set (bench.yaml)" 1 "$bin/hatcheck" lint -c cmd/hatchgen/bench.yaml -j "$export_file" --now 2026-03-20 -f json
fi
if [ "$have_jq" = 1 ]; then
	add "(c) jq Rank items" 0 jq '[.issues[].changelog.histories[].items[] | select(.field=="Rank")] | length' "$export_file"
fi

# Each round runs every command once: a machine whose speed drifts slows them alike, and
# the ratios below hold. Wall time is read from the shell's clock (microseconds; time's %e
# counts hundredths), CPU time and peak memory from time.
rm -f "$dir"/times.*
for _ in $(seq "$runs"); do
	for k in "${!names[@]}"; do
		status=0
		start=$EPOCHREALTIME
		eval "/usr/bin/time -f '%U %S %M' -o \"\$dir/time.out\" ${cmds[$k]}" >/dev/null 2>"$dir/err.out" || status=$?
		end=$EPOCHREALTIME
		if [ "$status" -gt "${maxstatus[$k]}" ]; then
			echo "bench.sh: ${names[$k]} failed with status $status:" >&2
			cat "$dir/err.out" >&2
			exit 1
		fi
		echo "$(echo "$end - $start" | bc) $(tail -1 "$dir/time.out")" >>"$dir/times.$k"
	done
done

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

: >"$dir/results"
echo
echo "export: $export_file, $((size / 1000000)) MB; $runs rounds; $(nproc) CPUs; $(uname -m)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-34s %9s %9s %10s %8s\n' "command" "wall s" "cpu s" "peak MiB" "rss/file"
for k in "${!names[@]}"; do
	wall=$(awk '{printf "%.3f\n", $1}' "$dir/times.$k" | median)
	cpu=$(awk '{printf "%.2f\n", $2 + $3}' "$dir/times.$k" | median)
	peak=$(awk '{print $4}' "$dir/times.$k" | sort -n | tail -1)
	printf '%-34s %9s %9s %10s %8s\n' "${names[$k]}" "$wall" "$cpu" "$((peak / 1024))" \
		"$(echo "scale=3; $peak * 1024 / $size" | bc)"
	echo "${names[$k]} $wall $cpu $peak" >>"$dir/results"
done
if [ "$have_jq" = 0 ]; then
	echo "(c) jq: not installed, column skipped"
fi

# Ratios per round: the lint and the token pass of one round ran minutes apart at most.
per_round() { paste -d' ' "$dir/times.$1" "$dir/times.$2" | awk '{printf "%.3f\n", $1 / $5}' | median; }

echo
awk '
	/^\(a\)/ { tw = $(NF-2); tc = $(NF-1) }
	/^\(b\) ReadJSON/ { rw = $(NF-2); rc = $(NF-1) }
	/^\(b\) hatcheck/ { lw = $(NF-2); lc = $(NF-1) }
	/^\(b.\) lint, roles/ { kw = $(NF-2); kc = $(NF-1) }
	/^\(c\)/ { jw = $(NF-2) }
	END {
		if (tw > 0) printf "ReadJSON + Merge / token pass: %.2fx wall, %.2fx cpu\n", rw / tw, rc / tc
		if (lw > 0) printf "hatcheck lint / token pass:    %.2fx wall, %.2fx cpu (bar: at most 2x)\n", lw / tw, lc / tc
		if (kw > 0) printf "lint with roles / token pass:  %.2fx wall, %.2fx cpu\n", kw / tw, kc / tc
		if (jw > 0 && lw > 0) printf "jq / hatcheck lint:            %.1fx wall (bar: at least 10x)\n", jw / lw
		if (jw > 0 && kw > 0) printf "jq / lint with roles:          %.1fx wall\n", jw / kw
		else if (jw > 0) printf "jq / ReadJSON + Merge:         %.1fx wall (bar: at least 10x)\n", jw / rw
	}' "$dir/results"
if [ "$have_cli" = 1 ]; then
	echo "hatcheck lint / token pass, median of the rounds' ratios: $(per_round 2 0)x wall"
fi
