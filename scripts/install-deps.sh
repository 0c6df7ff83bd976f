#!/usr/bin/env bash
# Installs every build and test dependency from Debian 12 packages.
# Idempotent; run as root (or with sudo available).
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config
  libcurl4-openssl-dev libssl-dev nlohmann-json3-dev
  libyaml-cpp-dev  # the regions file (regions.yaml)
  libcpp-httplib-dev libgtest-dev libgmock-dev libbenchmark-dev
  python3 ca-certificates
  locales  # the tr_TR locale source that ctest compiles for the locale tests
  clang-format clang-tidy doxygen  # the CI checks: format, tidy, docs
  graphviz gnuplot-nox  # the reference site's diagrams (dot) and performance chart
  clang libclang-rt-14-dev  # libFuzzer: scripts/fuzz-smoke.sh
  man-db  # man -l renders the manual pages (tests/tool/man_page_test.cc, scripts/package-test.sh)
  dpkg-dev lintian  # the Debian packages (dpkg-shlibdeps) and their checks: scripts/package-test.sh
)

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$package")
done

if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
