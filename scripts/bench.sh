#!/usr/bin/env bash
# Builds the release preset and runs every benchmark; prints the tables that
# docs/performance.md quotes. Run it on an otherwise idle machine.
#   bash scripts/bench.sh [CALLS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
calls="${1:-20000}"
runs="${2:-5}"
cmake --preset release >/dev/null
cmake --build --preset release -j2 --target csms_micro_bench csms_loopback_bench \
  csms_rollover_bench >/dev/null
echo "## machine"
echo
echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr)"
echo
echo "## micro benchmarks (median of 5 repetitions)"
echo
./build/release/bench/csms_micro_bench --benchmark_repetitions=5 \
  --benchmark_report_aggregates_only=true --benchmark_min_time=0.5 2>/dev/null |
  awk '/_median/ {printf "| %s | %s %s | %s %s |\n", $1, $2, $3, $4, $5}'
echo
echo "## end to end over loopback"
echo
./build/release/bench/csms_loopback_bench --calls "$calls" --runs "$runs"
echo
echo "## credential rollover over loopback (static AK/SK against refreshing metadata credentials)"
echo
./build/release/bench/csms_rollover_bench --calls "$calls" --runs "$runs" --lifetime 4 \
  --refresh-before 2 --threads 4
echo
echo "## credential rollover, the static side with the same security token (the provider's cost alone)"
echo
./build/release/bench/csms_rollover_bench --calls "$calls" --runs "$runs" --lifetime 4 \
  --refresh-before 2 --threads 4 --static-token 1
