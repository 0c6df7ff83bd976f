#!/usr/bin/env bash
# Doxygen input filter for the docs/*.md guides (docs/Doxyfile.in): an
# in-page link such as [the emulator](#1-against-the-emulator) follows
# GitHub's heading anchors, which Doxygen 1.9 does not make, so on the
# reference site it becomes its plain text. Lines are kept one for one, so
# Doxygen's warnings still point at the right line.
exec sed -E 's/\[([^]]*)\]\(#[^)]*\)/\1/g' "$1"
