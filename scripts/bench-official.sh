#!/usr/bin/env bash
# This SDK against the official Huawei Cloud Python SDK, in one window:
# ROUNDS rounds, each timing CALLS sequential ShowSecretEvent calls (RUNS
# runs, medians) through the official client (bench/official_sdk_bench.py)
# and then through this SDK (csms_rollover_bench --only static: static AK/SK,
# the same call), each against its own csms-emulator on loopback over http,
# CPU counted for the client process alone. Prints the machine's state, the
# versions, every round's rows and, last, the medians over the rounds as the
# "against the official SDK" table that scripts/perf-chart.sh charts
# (docs/diagrams/bench-sample.txt).
#
#   bash scripts/bench-official.sh SDK_DIR [CALLS=5000] [RUNS=5] [ROUNDS=3]
#
# SDK_DIR: an unpacked source tree of the official Python SDK holding
# huaweicloud-sdk-core/ and huaweicloud-sdk-csms/. Nothing fetches it and
# nothing in the build or CI uses it. To get one, from a clone of the
# huaweicloud/huaweicloud-sdk-python-v3 repository:
#   git -C CLONE archive HEAD huaweicloud-sdk-core huaweicloud-sdk-csms | tar x -C SDK_DIR
# Its dependencies, from Debian (for /usr/bin/python3):
#   apt-get install python3-requests python3-requests-toolbelt python3-simplejson \
#     python3-yaml python3-pyasn1 python3-certifi python3-defusedxml python3-six \
#     python3-pymongo python3-dateutil
set -euo pipefail
if [ "$#" -lt 1 ] || [ "$#" -gt 4 ]; then
  echo "usage: $0 SDK_DIR [CALLS] [RUNS] [ROUNDS]" >&2
  exit 2
fi
sdk="$(cd "$1" && pwd)"
calls="${2:-5000}"
runs="${3:-5}"
rounds="${4:-3}"
cd "$(dirname "$0")/.."
python=/usr/bin/python3 # Debian's, which sees the Debian packages
cmake --preset release >/dev/null
cmake --build --preset release -j2 --target csms-emulator csms_rollover_bench >/dev/null

debs=(python3 python3-requests python3-urllib3 python3-requests-toolbelt python3-simplejson
  python3-yaml python3-pyasn1 python3-certifi python3-defusedxml python3-six python3-bson
  python3-dateutil libcurl4 libssl3)
start_load="$(cut -d' ' -f1 /proc/loadavg)"
echo "## against the official SDK: machine"
echo
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(git rev-parse --short HEAD), $(nproc) cores," \
  "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -sr)," \
  "load average at the start $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Debian packages: $(dpkg-query -W -f='${Package} ${Version}, ' "${debs[@]}" | sed 's/, $//')"
echo

official_rows=()
sdk_rows=()
for round in $(seq 1 "$rounds"); do
  echo "### round $round"
  echo
  official="$("$python" bench/official_sdk_bench.py --sdk "$sdk" \
    --emulator build/release/emulator/csms-emulator --calls "$calls" --runs "$runs")"
  echo "$official"
  official_rows+=("$(grep '^| official python http |' <<<"$official")")
  echo
  ours="$(./build/release/bench/csms_rollover_bench --calls "$calls" --runs "$runs" \
    --only static --threaded 0)"
  grep '^csms_rollover_bench' <<<"$ours"
  echo
  grep -E '^\| (side|static AK/SK) |^\|---' <<<"$ours"
  sdk_rows+=("$(grep '^| static AK/SK |' <<<"$ours")")
  echo
done

# Column COLUMN (awk -F'|' numbering) of ROWS, median over the rounds.
median() {
  local column="$1"
  shift
  printf '%s\n' "$@" | awk -F'|' -v c="$column" '{ gsub(/ /, "", $c); print $c }' | sort -g |
    awk '{ v[NR] = $1 } END { printf "%.1f\n", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
sdk_wall="$(median 4 "${sdk_rows[@]}")"
sdk_cpu="$(median 5 "${sdk_rows[@]}")"
official_wall="$(median 4 "${official_rows[@]}")"
official_cpu="$(median 5 "${official_rows[@]}")"
echo "## against the official SDK (ShowSecretEvent, csms-emulator, http; medians of $rounds rounds)"
echo
echo "calls=$calls runs=$runs rounds=$rounds"
echo "load average (1 min) $start_load at the start, $(cut -d' ' -f1 /proc/loadavg) at the end, $(nproc) cores"
echo
echo "| official | sdk wall us | sdk cpu us | official wall us | official cpu us | wall ratio | cpu ratio |"
echo "|---|---|---|---|---|---|---|"
awk -v sw="$sdk_wall" -v sc="$sdk_cpu" -v ow="$official_wall" -v oc="$official_cpu" 'BEGIN {
  printf "| official python http | %s | %s | %s | %s | %.1fx | %.1fx |\n", sw, sc, ow, oc, ow / sw, oc / sc }'
