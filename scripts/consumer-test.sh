#!/usr/bin/env bash
# Checks that csms-sdk-cpp can be consumed the three supported ways.
#
#   1. Builds the SDK (Release; static unless CSMS_CONSUMER_SHARED=ON) with the
#      csms tool and csms-emulator, installs it into a staging prefix, and moves
#      that prefix elsewhere (the CMake package and the .pc file must be relocatable).
#   2. Starts the installed csms-emulator on a free port and reads its
#      "listening on http://HOST:PORT" line (bounded wait).
#   3. From the same build, scripts/package-test.sh makes the Debian packages
#      (cpack), checks them and installs them into a private dpkg tree (static
#      builds on a machine with dpkg only).
#   4. Configures, builds and runs tests/consumer with CSMS_CONSUMER_MODE=package
#      (find_package via CMAKE_PREFIX_PATH), subdirectory (add_subdirectory of
#      this tree) and pkgconfig (PKG_CONFIG_PATH), then package and pkgconfig
#      again against the files the Debian packages installed; each must print
#      "consumer ok".
#
# Usage: bash scripts/consumer-test.sh
# Environment:
#   CSMS_CONSUMER_WORK    work directory, wiped first (default: build/pkg-consumer)
#   CSMS_CONSUMER_SHARED  ON to build and install a shared libcsms_sdk (default OFF)
#   CSMS_CONSUMER_DEB     ON: the Debian package steps must run; OFF: skipped;
#                         auto (default): run when the build is static and
#                         dpkg-deb is available
#   CSMS_JOBS             parallel build jobs (default 2)
# Exits non-zero on the first failure; the work directory keeps the logs.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${CSMS_CONSUMER_WORK:-$root/build/pkg-consumer}"
shared="${CSMS_CONSUMER_SHARED:-OFF}"
deb="${CSMS_CONSUMER_DEB:-auto}"
jobs="${CSMS_JOBS:-2}"
project_id="0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70"
generator=()
if command -v ninja >/dev/null 2>&1; then generator=(-G Ninja); fi

step() { printf '\n== %s (%ss)\n' "$*" "$SECONDS"; }
fail() {
  printf 'consumer-test: FAILED: %s\n' "$*" >&2
  exit 1
}

emulator_pid=""
cleanup() {
  if [ -n "$emulator_pid" ]; then
    kill "$emulator_pid" 2>/dev/null || true
    wait "$emulator_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT

case "$work" in
  /*) ;;
  *) work="$PWD/$work" ;;
esac
rm -rf "$work"
mkdir -p "$work"
stage="$work/stage"
prefix="$work/prefix"
# Debian's multiarch directory (lib/x86_64-linux-gnu), as GNUInstallDirs picks
# for /usr: the Debian packages are made from this build too.
libdir=lib
multiarch="$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || true)"
if [ -n "$multiarch" ]; then libdir="lib/$multiarch"; fi

step "Building and installing the SDK (Release, BUILD_SHARED_LIBS=$shared)"
cmake -S "$root" -B "$work/sdk" "${generator[@]}" \
  -DCMAKE_BUILD_TYPE=Release \
  -DBUILD_SHARED_LIBS="$shared" \
  -DCMAKE_INSTALL_PREFIX="$stage" \
  -DCMAKE_INSTALL_LIBDIR="$libdir" \
  -DCSMS_SDK_BUILD_TESTS=OFF -DCSMS_SDK_BUILD_EXAMPLES=OFF -DCSMS_SDK_BUILD_BENCHMARKS=OFF \
  -DCSMS_SDK_BUILD_TOOLS=ON \
  >"$work/sdk-configure.log" 2>&1 || { cat "$work/sdk-configure.log"; fail "configuring the SDK"; }
cmake --build "$work/sdk" -j "$jobs" >"$work/sdk-build.log" 2>&1 ||
  { tail -50 "$work/sdk-build.log"; fail "building the SDK"; }
cmake --install "$work/sdk" >"$work/sdk-install.log" 2>&1 ||
  { cat "$work/sdk-install.log"; fail "installing the SDK"; }
# Relocatable: nothing may point back at the staging prefix.
mv "$stage" "$prefix"

step "Checking the installed tree"
for file in include/csms/csms.h include/csms/client_interface.h "$libdir/pkgconfig/csms_sdk.pc" \
  "$libdir/cmake/csms_sdk/csms_sdkConfig.cmake" "$libdir/cmake/csms_sdk/csms_sdkConfigVersion.cmake" \
  "$libdir/cmake/csms_sdk/csms_sdkTargets.cmake" bin/csms bin/csms-emulator; do
  [ -e "$prefix/$file" ] || fail "$file is not installed"
done
[ ! -e "$prefix/include/csms/emulator.h" ] || fail "the emulator header must not be installed"
if grep -rIlF -e "$stage" -e "$root" "$prefix/$libdir/cmake" "$prefix/$libdir/pkgconfig"; then
  fail "the package files above name the staging prefix or the source tree"
fi
(cd "$prefix" && find . -type f | sort) >"$work/installed-files.txt"
echo "installed $(wc -l <"$work/installed-files.txt") files into $prefix"

if [ "$deb" = "auto" ]; then
  deb=OFF
  if [ "$shared" = "OFF" ] && command -v dpkg-deb >/dev/null 2>&1; then deb=ON; fi
fi
tree="$work/deb-root"
if [ "$deb" = "ON" ]; then
  step "Debian packages (scripts/package-test.sh)"
  bash "$root/scripts/package-test.sh" "$work/sdk" "$tree" >"$work/package-test.log" 2>&1 ||
    { cat "$work/package-test.log"; fail "the Debian packages"; }
  grep -E '^(-- |package-test: )' "$work/package-test.log"
fi

step "Starting the installed csms-emulator"
emulator_env=()
if [ "$shared" = "ON" ]; then emulator_env=(env "LD_LIBRARY_PATH=$prefix/$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"); fi
fifo="$work/emulator.stdout"
mkfifo "$fifo"
"${emulator_env[@]}" "$prefix/bin/csms-emulator" --port 0 --project-id "$project_id" \
  >"$fifo" 2>"$work/emulator.stderr" &
emulator_pid=$!
exec 3<"$fifo"
line=""
IFS= read -r -t 20 line <&3 || true
# Keep draining its stdout so that it can never block on a full pipe.
cat <&3 >"$work/emulator.more-stdout" &
exec 3<&-
if [[ ! "$line" =~ ^listening\ on\ (http://[^[:space:]]+)$ ]]; then
  cat "$work/emulator.stderr" >&2
  fail "csms-emulator did not print its listening line (got '$line')"
fi
endpoint="${BASH_REMATCH[1]}"
echo "csms-emulator (pid $emulator_pid) at $endpoint"

# run_consumer NAME MODE COMMAND...: COMMAND (env and its settings) runs cmake.
run_consumer() {
  local name="$1" mode="$2"
  shift 2
  local build="$work/consumer-$name"
  step "Consumer via $name"
  "$@" cmake -S "$root/tests/consumer" -B "$build" "${generator[@]}" \
    -DCMAKE_BUILD_TYPE=Release -DCSMS_CONSUMER_MODE="$mode" "${consumer_args[@]}" \
    >"$build.configure.log" 2>&1 || { cat "$build.configure.log"; fail "configuring ($name)"; }
  grep -E '^-- csms_sdk ' "$build.configure.log" || true
  cmake --build "$build" -j "$jobs" >"$build.build.log" 2>&1 ||
    { tail -50 "$build.build.log"; fail "building ($name)"; }
  CSMS_ENDPOINT="$endpoint" HUAWEICLOUD_SDK_PROJECT_ID="$project_id" "$build/consumer" \
    >"$build.run.log" 2>&1 || { cat "$build.run.log"; fail "running ($name)"; }
  cat "$build.run.log"
  grep -qx "consumer ok" "$build.run.log" || fail "the $name consumer did not print 'consumer ok'"
}

consumer_args=(-DCMAKE_PREFIX_PATH="$prefix")
run_consumer package package env
grep -q "^csms_sdk_DIR:PATH=$prefix/" "$work/consumer-package/CMakeCache.txt" ||
  fail "the package route did not use the installed package"

consumer_args=(-DCSMS_SDK_SOURCE_DIR="$root")
run_consumer subdirectory subdirectory env

consumer_args=()
run_consumer pkgconfig pkgconfig env PKG_CONFIG_PATH="$prefix/$libdir/pkgconfig"
echo "pkg-config --libs --static csms_sdk: $(PKG_CONFIG_PATH="$prefix/$libdir/pkgconfig" pkg-config --libs --static csms_sdk)"

if [ "$deb" = "ON" ]; then
  consumer_args=(-DCMAKE_PREFIX_PATH="$tree/usr")
  run_consumer deb-package package env
  grep -q "^csms_sdk_DIR:PATH=$tree/usr/$libdir/cmake/csms_sdk$" "$work/consumer-deb-package/CMakeCache.txt" ||
    fail "the deb-package route did not use the packaged CMake package"
  consumer_args=()
  run_consumer deb-pkgconfig pkgconfig env PKG_CONFIG_PATH="$tree/usr/$libdir/pkgconfig"
  includedir="$(sed -n 's/^CSMS_INCLUDEDIR:INTERNAL=//p' "$work/consumer-deb-pkgconfig/CMakeCache.txt")"
  [ "$(realpath -m "$includedir")" = "$(realpath -m "$tree/usr/include")" ] ||
    fail "the deb-pkgconfig route did not use the packaged csms_sdk.pc (includedir $includedir)"
fi

step "Stopping the emulator"
kill "$emulator_pid"
wait "$emulator_pid" 2>/dev/null || true
emulator_pid=""

printf '\nconsumer-test: OK (BUILD_SHARED_LIBS=%s, Debian packages %s, %ss)\n' "$shared" "$deb" "$SECONDS"
