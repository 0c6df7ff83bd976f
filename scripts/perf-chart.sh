#!/usr/bin/env bash
# Draws the performance chart of the reference site (SVG, with gnuplot) from
# the output of scripts/bench.sh: the SDK against the libcurl floor, per call
# sequentially (wall and CPU, http and https) and in throughput with threads.
# The docs build runs it on docs/diagrams/bench-sample.txt, a checked-in run,
# so that the site builds without running the benchmarks.
#   bash scripts/perf-chart.sh BENCH_OUTPUT OUT.svg
set -euo pipefail
if [ "$#" -ne 2 ]; then
  echo "usage: $0 BENCH_OUTPUT OUT.svg" >&2
  exit 2
fi
input="$1"
output="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# "| http | floor wall | floor cpu | sdk wall | sdk cpu | ..." (the loopback
# benchmark's sequential table) and "| http, 2 threads | N calls/s | N calls/s | ...".
awk -F'|' -v sequential="$work/sequential.dat" -v threads="$work/threads.dat" '
  function trim(s) { gsub(/^ +| +$/, "", s); return s }
  {
    label = trim($2)
    if (label ~ /^https?$/) {
      printf "\"%s\\nwall\" %s %s\n", label, trim($3), trim($5) > sequential
      printf "\"%s\\nCPU\" %s %s\n", label, trim($4), trim($6) > sequential
    } else if (label ~ /^https?, [0-9]+ threads$/) {
      split(trim($3), floor, " "); split(trim($4), sdk, " ")
      sub(/, [0-9]+ threads$/, "", label)
      printf "\"%s\" %s %s\n", label, floor[1], sdk[1] > threads
    }
  }' "$input"
for table in sequential threads; do
  if [ ! -s "$work/$table.dat" ]; then
    echo "$0: no $table figures of the loopback benchmark in $input" >&2
    exit 1
  fi
done

gnuplot <<GNUPLOT
set terminal svg size 960,420 font "sans,12" background rgb "white"
set output "$output"
set multiplot layout 1,2 title "Loopback CreateSecretEvent: the SDK against a hand-written libcurl client (the floor)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set yrange [0:*]
set grid ytics
set bmargin 4
set key inside top right
set offsets 0, 0, graph 0.3, 0
set title "One thread: time per call (lower is better)"
set ylabel "microseconds per call"
plot "$work/sequential.dat" using 2:xtic(1) title "libcurl floor" linecolor rgb "#999999", \
     "" using 3 title "SDK" linecolor rgb "#2a6fbb"
set title "Two threads: throughput (higher is better)"
set ylabel "calls per second"
plot "$work/threads.dat" using 2:xtic(1) title "libcurl floor" linecolor rgb "#999999", \
     "" using 3 title "SDK (one shared client)" linecolor rgb "#2a6fbb"
unset multiplot
GNUPLOT
