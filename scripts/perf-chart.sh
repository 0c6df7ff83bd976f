#!/usr/bin/env bash
# Draws the performance chart of the reference site (SVG, with gnuplot) from
# the output of scripts/bench.sh: the SDK against the libcurl floor, per call
# sequentially (wall and CPU, http and https) and in throughput with threads;
# and, when the input also holds the last table of scripts/bench-official.sh,
# a third panel: the SDK against the official SDK, per call (wall and CPU).
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
# benchmark's sequential table), "| http, 2 threads | N calls/s | N calls/s | ..."
# and, optional, "| official python http | sdk wall | sdk cpu | official wall |
# official cpu | ..." with its "load average (1 min) ..." line, which goes
# into the panel's title: those figures are often taken on a busy machine
# (scripts/bench-official.sh).
awk -F'|' -v sequential="$work/sequential.dat" -v threads="$work/threads.dat" \
  -v official="$work/official.dat" -v note="$work/official.note" '
  function trim(s) { gsub(/^ +| +$/, "", s); return s }
  /^load average \(1 min\) / { print > note }
  {
    label = trim($2)
    if (label ~ /^https?$/) {
      printf "\"%s\\nwall\" %s %s\n", label, trim($3), trim($5) > sequential
      printf "\"%s\\nCPU\" %s %s\n", label, trim($4), trim($6) > sequential
    } else if (label ~ /^https?, [0-9]+ threads$/) {
      split(trim($3), floor, " "); split(trim($4), sdk, " ")
      sub(/, [0-9]+ threads$/, "", label)
      printf "\"%s\" %s %s\n", label, floor[1], sdk[1] > threads
    } else if (label ~ /^official [a-z]+ https?$/) {
      split(label, words, " ")
      printf "\"%s, %s\\nwall\" %s %s\n", words[2], words[3], trim($3), trim($5) > official
      printf "\"%s, %s\\nCPU\" %s %s\n", words[2], words[3], trim($4), trim($6) > official
    }
  }' "$input"
for table in sequential threads; do
  if [ ! -s "$work/$table.dat" ]; then
    echo "$0: no $table figures of the loopback benchmark in $input" >&2
    exit 1
  fi
done

# The third panel only when the input has the official SDK's figures.
panels=2
width=960
title="Loopback CreateSecretEvent: the SDK against a hand-written libcurl client (the floor)"
official_plot=""
if [ -s "$work/official.dat" ]; then
  panels=3
  width=1440
  title="Loopback: the SDK against a hand-written libcurl client (the floor) and against the official SDK"
  load="$(head -n1 "$work/official.note" 2>/dev/null || true)"
  official_plot="set title \"ShowSecretEvent against the emulator, one thread (lower is better)\\n${load:-load average not recorded}\"
plot \"$work/official.dat\" using 2:xtic(1) title \"SDK\" linecolor rgb \"#2a6fbb\", \\
     \"\" using 3 title \"official SDK\" linecolor rgb \"#d08c2a\""
fi

gnuplot <<GNUPLOT
set terminal svg size $width,420 font "sans,12" background rgb "white"
set output "$output"
set multiplot layout 1,$panels title "$title"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set yrange [0:*]
set grid ytics
set bmargin 4
set key inside top right
set offsets 0, 0, graph 0.3, 0
set title "CreateSecretEvent, one thread: time per call (lower is better)"
set ylabel "microseconds per call"
plot "$work/sequential.dat" using 2:xtic(1) title "libcurl floor" linecolor rgb "#999999", \
     "" using 3 title "SDK" linecolor rgb "#2a6fbb"
set title "CreateSecretEvent, two threads: throughput (higher is better)"
set ylabel "calls per second"
plot "$work/threads.dat" using 2:xtic(1) title "libcurl floor" linecolor rgb "#999999", \
     "" using 3 title "SDK (one shared client)" linecolor rgb "#2a6fbb"
set ylabel "microseconds per call"
$official_plot
unset multiplot
GNUPLOT
