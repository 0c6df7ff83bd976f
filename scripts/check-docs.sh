#!/usr/bin/env bash
# Builds the reference site (target csms_sdk_docs: Doxygen with warnings as
# errors) in BUILD_DIR and checks that it has what it is for: a page for each
# docs/*.md guide, and the pictures drawn at build time (the two Graphviz
# diagrams and the performance chart) on the pictures page.
#   bash scripts/check-docs.sh BUILD_DIR
set -euo pipefail
build="$1"
root="$(cd "$(dirname "$0")/.." && pwd)"
cmake --build "$build" --target csms_sdk_docs
html="$build/docs/html"
status=0
# The pages' titles as text (tags and markdown code quotes left out).
titles="$(grep -ho '<div class="title">.*</div>' "$html"/md_*.html | sed -e 's/<[^>]*>//g' -e 's/ *$//')"
for guide in "$root"/docs/*.md; do
  title="$(sed -n '1s/^# //p' "$guide" | tr -d '`')"
  if ! grep -qxF "$title" <<<"$titles"; then
    echo "no page for $guide ($title)"
    status=1
  fi
done
for picture in layers.svg call_path.svg performance.svg; do
  if [ ! -s "$html/$picture" ] || ! grep -q "data=\"$picture\"" "$html/pictures.html"; then
    echo "picture missing: $picture"
    status=1
  fi
done
# The chart's input has the official SDK's figures (docs/performance.md,
# "Against the official SDKs"): the chart must show them.
if grep -q '^| official ' "$root/docs/diagrams/bench-sample.txt" &&
  ! grep -q '>official SDK<' "$html/performance.svg"; then
  echo "performance.svg: no official SDK panel although bench-sample.txt has its figures"
  status=1
fi
[ "$status" -eq 0 ] && echo "docs: every guide is a page, every picture is drawn"
exit "$status"
