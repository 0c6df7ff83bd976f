#!/usr/bin/env bash
# Fails when a tracked C++ file differs from what clang-format (.clang-format)
# would write. Fix with: git ls-files '*.cc' '*.h' | xargs clang-format -i
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
while IFS= read -r file; do
  if ! clang-format --dry-run --Werror "$file" >/dev/null 2>&1; then
    echo "needs clang-format: $file"
    status=1
  fi
done < <(git ls-files '*.cc' '*.h')
[ "$status" -eq 0 ] && echo "clang-format: all files formatted"
exit "$status"
