#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) in build/fuzz and runs each
# for SECONDS (default 30) on a scratch copy of its seed corpus, one target at a
# time. Exits non-zero if any target reports a crash, leak, timeout, OOM or
# sanitizer error; the reproducer is kept under build/fuzz/findings/<target>/.
#
#   scripts/fuzz-smoke.sh [SECONDS]
#
# Needs clang and libclang-rt-14-dev (scripts/install-deps.sh installs them).
# See docs/fuzzing.md.
set -euo pipefail

seconds="${1:-30}"
if ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 [SECONDS]   (a positive number of seconds per target)" >&2
  exit 2
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$root/build/fuzz"
jobs=2  # the CI machines (and our dev boxes) have two cores
targets=(fuzz_event_decoder fuzz_page_decoder fuzz_record_decoder fuzz_secret_decoder
         fuzz_error_body fuzz_json_reader fuzz_smn_message fuzz_url_canonical)

for tool in clang clang++ cmake ninja; do
  if ! command -v "$tool" >/dev/null; then
    echo "fuzz-smoke: $tool not found; run scripts/install-deps.sh" >&2
    exit 2
  fi
done

echo "== configure + build ($build, -j$jobs)"
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCSMS_SDK_BUILD_FUZZERS=ON \
  -DCSMS_SDK_BUILD_TESTS=OFF -DCSMS_SDK_BUILD_EXAMPLES=OFF -DCSMS_SDK_BUILD_TOOLS=OFF
cmake --build "$build" --target fuzzers -j "$jobs"

scratch="$(mktemp -d "${TMPDIR:-/tmp}/csms-fuzz-smoke.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT

# Symbolized stack traces when llvm-symbolizer is around (the llvm package).
for symbolizer in llvm-symbolizer llvm-symbolizer-14; do
  if command -v "$symbolizer" >/dev/null; then
    export ASAN_SYMBOLIZER_PATH="$(command -v "$symbolizer")"
    break
  fi
done
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"

failed=()
summary=()
for target in "${targets[@]}"; do
  work="$scratch/$target"
  mkdir -p "$work/corpus" "$work/artifacts"
  # A copy: the fuzzer adds to its corpus directory, and the committed seeds stay as they are.
  cp -R "$root/fuzz/corpus/$target/." "$work/corpus/"
  echo "== $target (${seconds}s)"
  status=0
  (cd "$work" && "$build/fuzz/$target" \
      -dict="$root/fuzz/json.dict" \
      -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
      -print_final_stats=1 -artifact_prefix="$work/artifacts/" \
      "$work/corpus") >"$work/log" 2>&1 || status=$?

  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -n 1)"
  speed="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/log" | tail -n 1)"
  coverage="$(grep -o 'cov: [0-9]* ft: [0-9]* corp: [0-9]*/[0-9]*[a-zA-Z]*' "$work/log" | tail -n 1 || true)"
  findings="$(find "$work/artifacts" -type f | wc -l)"
  if [ "$status" -ne 0 ] || [ "$findings" -ne 0 ] ||
     grep -qE '^==[0-9]+==ERROR|runtime error:|csms fuzz invariant violated' "$work/log"; then
    failed+=("$target")
    kept="$build/findings/$target"
    mkdir -p "$kept"
    cp "$work/log" "$kept/log"
    cp -R "$work/artifacts/." "$kept/"
    echo "!! $target FAILED (exit $status); log and reproducer in $kept" >&2
    grep -E '^==[0-9]+==ERROR|runtime error:|SUMMARY:|invariant violated|Test unit written' \
      "$work/log" | head -n 20 >&2 || true
    summary+=("$(printf '%-20s FAILED  runs=%s exec/s=%s %s' "$target" "${runs:-?}" "${speed:-?}" "$coverage")")
  else
    summary+=("$(printf '%-20s ok      runs=%s exec/s=%s %s' "$target" "${runs:-?}" "${speed:-?}" "$coverage")")
  fi
done

echo
echo "== fuzz smoke summary (${seconds}s per target)"
printf '%s\n' "${summary[@]}"
if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzz-smoke: findings in: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz-smoke: no crash, leak, timeout or sanitizer report"
