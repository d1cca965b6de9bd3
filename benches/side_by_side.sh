#!/usr/bin/env bash
# Whole-process figures for the README, measured side by side in one run: `azegress gate` (release build) and
# Python's `json.load` of the same file, three runs each (median time, largest peak RSS), and Checkov on the
# plan when `checkov` is on PATH (or CHECKOV=path). The files are those `cargo bench --bench gate` and
# `benches/make_plan.py` write to target/bench-data/:
#   cargo bench --bench gate -- zzz   # writes the exports without timing anything
#   python3 benches/make_plan.py 500 50 target/bench-data/plan-pretty.json
#   python3 -c 'import json,sys; json.dump(json.load(open(sys.argv[1])), open(sys.argv[2], "w"))' \
#       target/bench-data/plan-pretty.json target/bench-data/plan-oneline.json
#   benches/side_by_side.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bin=target/release/azegress
[ -x "$bin" ] || cargo build --release
d=target/bench-data
runs=${RUNS:-3}
# the interpreter itself, not a version manager's shim (pyenv's adds 70 ms of shell to every run)
py=${PYTHON:-$(python3 -c 'import sys; print(sys.executable)')}

# prints "median_seconds max_rss_mb" of `runs` runs of the command (MB: 10^6 bytes)
measure() {
  local times=() rss=0 t m
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o /tmp/azegress-bench-time "$@" > /dev/null 2>&1 || true
    read -r t m < <(tail -n 1 /tmp/azegress-bench-time)
    times+=("$t")
    [ -n "$m" ] && [ "$m" -gt "$rss" ] && rss=$m
  done
  # GNU time gives kibibytes; the figures are in megabytes (10^6 bytes), as the file sizes are
  printf '%s %d\n' "$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")" $(( rss * 1024 / 1000000 ))
}

echo "python: $("$py" --version) ($py)"
echo
echo "| file | size | azegress gate | peak memory | python3 json.load | its peak memory | gate ÷ json.load | memory ÷ file |"
echo "|---|---|---|---|---|---|---|---|"
for f in gate-rg-10000-oneline gate-rg-10000-pretty gate-10000-oneline gate-10000-pretty gate-100000-oneline gate-100000-pretty gate-100000-own-nsg gate-rg-100000-oneline plan-oneline plan-pretty; do
  p=$d/$f.json
  [ -f "$p" ] || continue
  size=$(python3 -c "import os,sys; print(f'{os.path.getsize(sys.argv[1]) / 1e6:.1f}')" "$p")
  read -r gt gm < <(measure "$bin" gate "$p")
  read -r pt pm < <(measure "$py" -c 'import json,sys; json.load(open(sys.argv[1]))' "$p")
  echo "| $f | ${size} MB | ${gt} s | ${gm} MB | ${pt} s | ${pm} MB | $(python3 -c "print(f'{$gt/$pt:.1f}×')") | $(python3 -c "print(f'{$gm/$size:.1f}×')") |"
done

ck=${CHECKOV:-$(command -v checkov || true)}
if [ -n "$ck" ] && [ -f "$d/plan-oneline.json" ]; then
  RUNS=1
  runs=1
  read -r ct cm < <(measure "$ck" -f "$d/plan-oneline.json" --framework terraform_plan --quiet --compact)
  echo
  echo "Checkov $("$ck" --version) on plan-oneline.json: ${ct} s, ${cm} MB"
fi
