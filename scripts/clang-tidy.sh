#!/usr/bin/env bash
# Runs clang-tidy (.clang-tidy, warnings are errors) on the library sources,
# using the compile commands of a build directory (default build/dev).
#   bash scripts/clang-tidy.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build/dev}"
[ -f "$build/compile_commands.json" ] || { echo "no $build/compile_commands.json"; exit 2; }
# g++ needs no -std flag for C++17, so compile_commands.json has none; clang-tidy does.
ls src/*.cc | xargs -P 2 -n 4 clang-tidy -p "$build" --quiet --extra-arg=-std=c++17 \
  2> >(grep -v "warnings generated" >&2)
echo "clang-tidy: src/ clean"
