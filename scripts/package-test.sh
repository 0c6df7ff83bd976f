#!/usr/bin/env bash
# Builds the Debian packages from a configured and built tree, checks them, and
# installs them into a private dpkg tree (docs/packaging.md).
#
#   1. cpack -G DEB in BUILD_DIR: libcsms-sdk-dev and csms-tools.
#   2. dpkg-deb --info: name, version (the project's, revision 1), architecture
#      (dpkg's), maintainer, section, description, Depends; no maintainer scripts.
#   3. dpkg-deb --contents: what each package must and must not hold, root-owned.
#   4. lintian, when it is installed: every finding not explained in
#      docs/packaging.md (the suppressions below) fails the test.
#   5. dpkg --root TREE: installs, purges (nothing of ours may be left) and
#      installs again. TREE's dpkg database starts as a copy of this machine's, so
#      dpkg itself checks the Depends against what is installed here and the
#      files against those of the installed packages; the machine's own /usr and
#      dpkg database are never written, even when this runs as root in CI (other
#      builds on the machine must not start finding a csms_sdk in /usr).
#   6. Runs the installed csms --help and csms-emulator --help, and man -l and
#      bash completion on the installed man pages and completion script when the
#      build installs them.
# The caller (scripts/consumer-test.sh) then builds tests/consumer against
# TREE/usr by find_package and by pkg-config.
#
# Usage: bash scripts/package-test.sh BUILD_DIR TREE
#   BUILD_DIR  a static, Release build of this repository with the tools
#   TREE       created (wiped first); the packages end up installed there
# Exits non-zero on the first failure.
set -euo pipefail

build="${1:?usage: package-test.sh BUILD_DIR TREE}"
tree="${2:?usage: package-test.sh BUILD_DIR TREE}"
case "$tree" in
  /) echo "package-test: TREE must not be /" >&2 && exit 2 ;;
  /*) ;;
  *) tree="$PWD/$tree" ;;
esac

fail() {
  printf 'package-test: FAILED: %s\n' "$*" >&2
  exit 1
}
note() { printf -- '-- %s\n' "$*"; }

# Explained in docs/packaging.md, "lintian"; keep the two lists in step.
lintian_explained=(
  initial-upload-closes-no-bugs # not an upload to the Debian archive: there is no ITP bug to close
)

[ -f "$build/CMakeCache.txt" ] || fail "$build is not a configured build"
cache() { sed -n "s/^$1:[A-Z]*=//p" "$build/CMakeCache.txt"; }
version="$(cache CMAKE_PROJECT_VERSION)"
arch="$(dpkg --print-architecture)"
libdir="$(cache CMAKE_INSTALL_LIBDIR)"
cmakedir="$(cache CSMS_SDK_INSTALL_CMAKEDIR)"
rm -rf "$build/packages"
(cd "$build" && cpack -G DEB) >"$build/cpack.log" 2>&1 || { cat "$build/cpack.log"; fail "cpack"; }
dev="$build/packages/libcsms-sdk-dev_${version}-1_${arch}.deb"
tools="$build/packages/csms-tools_${version}-1_${arch}.deb"
for deb in "$dev" "$tools"; do
  [ -f "$deb" ] || { ls -l "$build/packages" >&2; fail "cpack did not make $(basename "$deb")"; }
done

field() { dpkg-deb --field "$1" "$2"; }

# --info: the control fields, and no maintainer scripts (nothing needs one).
check_info() {
  local deb="$1" package="$2" section="$3"
  dpkg-deb --info "$deb"
  [ "$(field "$deb" Package)" = "$package" ] || fail "$deb: Package is not $package"
  [ "$(field "$deb" Version)" = "$version-1" ] || fail "$deb: Version is not $version-1"
  [ "$(field "$deb" Architecture)" = "$arch" ] || fail "$deb: Architecture is not $arch"
  [ "$(field "$deb" Section)" = "$section" ] || fail "$deb: Section is not $section"
  [ "$(field "$deb" Priority)" = "optional" ] || fail "$deb: Priority is not optional"
  [[ "$(field "$deb" Maintainer)" =~ ^[^\<]+\ \<[^@\>]+@[^\>]+\>$ ]] || fail "$deb: Maintainer is not 'name <address>'"
  [ "$(field "$deb" Description | wc -l)" -gt 3 ] || fail "$deb: no extended Description"
  local members
  members="$(dpkg-deb --ctrl-tarfile "$deb" | tar -t | sed 's|^\./||' | grep -v '^$' | sort | tr '\n' ' ')"
  [ "$members" = "control md5sums " ] || fail "$deb: control members are '$members' (no maintainer scripts expected)"
}

# Each argument: an extended regular expression that one ", " separated
# relation of the Depends field must match whole.
check_depends() {
  local deb="$1"
  shift
  local depends
  depends="$(field "$deb" Depends)"
  note "$(basename "$deb") Depends: $depends"
  local want
  for want in "$@"; do
    tr ',' '\n' <<<"$depends" | sed 's/^ *//' | grep -Eqx "$want" || fail "$deb: no Depends entry matching '$want'"
  done
}

contents() { dpkg-deb --contents "$1" | awk '{ print $6 }' | sed 's|^\./|/|'; }

# Each argument: an extended regular expression that a path in the package
# must match whole, or with a leading '!', one that no path may match anywhere.
check_contents() {
  local deb="$1"
  shift
  local listing owners
  listing="$(contents "$deb")"
  owners="$(dpkg-deb --contents "$deb" | awk '{ print $2 }' | sort -u | tr '\n' ' ')"
  [ "$owners" = "root/root " ] || fail "$deb: files owned by '$owners', not root/root"
  local path
  for path in "$@"; do
    case "$path" in
      !*) ! grep -Eq "${path#!}" <<<"$listing" || fail "$deb must not hold ${path#!}" ;;
      *) grep -Eqx "$path" <<<"$listing" || fail "$deb does not hold $path" ;;
    esac
  done
}

printf '\n== dpkg-deb --info\n'
check_info "$dev" libcsms-sdk-dev libdevel
check_depends "$dev" 'libcurl4-openssl-dev \| libcurl-dev' 'libssl-dev' 'libyaml-cpp-dev'
check_info "$tools" csms-tools utils
check_depends "$tools" 'libcurl4( \(.*\))?' 'libssl3(t64)?( \(.*\))?' 'libc6( \(.*\))?' \
  'libstdc\+\+6( \(.*\))?'

# What the build installs for the tools besides the programs (issue 17.2, 17.3):
# checked in the package when the build has the install rule.
tools_extras=()
if grep -rqs 'share/man/man1' --include=cmake_install.cmake "$build"; then
  tools_extras+=('/usr/share/man/man1/csms\.1\.gz' '/usr/share/man/man1/csms-emulator\.1\.gz')
else
  lintian_explained+=(no-manual-page) # a build without the man pages (issue 17.2)
fi
if grep -rqs 'bash-completion/completions' --include=cmake_install.cmake "$build"; then
  tools_extras+=(/usr/share/bash-completion/completions/csms)
fi
mocks=()
if grep -rqs 'include/csms/testing' --include=cmake_install.cmake "$build"; then
  mocks=(/usr/include/csms/testing/mock_client.h)
fi

printf '\n== dpkg-deb --contents\n'
dpkg-deb --contents "$dev"
check_contents "$dev" "/usr/$libdir/libcsms_sdk.a" /usr/include/csms/csms.h /usr/include/csms/version.h \
  "/usr/$cmakedir/csms_sdkConfig.cmake" "/usr/$cmakedir/csms_sdkConfigVersion.cmake" \
  "/usr/$cmakedir/csms_sdkTargets.cmake" "/usr/$libdir/pkgconfig/csms_sdk.pc" "${mocks[@]}" \
  /usr/share/doc/libcsms-sdk-dev/copyright /usr/share/doc/libcsms-sdk-dev/changelog.Debian.gz \
  '!^/usr/bin/' '!/emulator\.h$' '!\.so'
dpkg-deb --contents "$tools"
check_contents "$tools" /usr/bin/csms /usr/bin/csms-emulator "${tools_extras[@]}" \
  /usr/share/doc/csms-tools/copyright /usr/share/doc/csms-tools/changelog.Debian.gz \
  '!^/usr/include/' '!^/usr/lib/'
if [ -n "$(comm -12 <(contents "$dev" | grep -v '/$' | sort) <(contents "$tools" | grep -v '/$' | sort))" ]; then
  fail "a file is in both packages"
fi

if command -v lintian >/dev/null 2>&1; then
  printf '\n== lintian\n'
  suppress="$(
    IFS=,
    echo "${lintian_explained[*]}"
  )"
  lintian --fail-on error,warning --suppress-tags "$suppress" "$dev" "$tools" ||
    fail "lintian: a finding above is not explained in docs/packaging.md"
else
  note "lintian is not installed: skipped (apt-get install lintian to run it)"
fi

printf '\n== dpkg --root %s\n' "$tree"
rm -rf "$tree"
mkdir -p "$tree/var/lib/dpkg/info" "$tree/var/lib/dpkg/updates" "$tree/var/lib/dpkg/triggers"
# This machine's installed packages, as dpkg records them (status and file lists).
cp /var/lib/dpkg/status "$tree/var/lib/dpkg/status"
cp /var/lib/dpkg/info/*.list "$tree/var/lib/dpkg/info/"
touch "$tree/var/lib/dpkg/available"
dpkg_tree() { dpkg --root="$tree" --log=/dev/null "$@"; }
dpkg_tree --install "$dev" "$tools" || fail "dpkg --install into $tree"
dpkg_tree --purge csms-tools libcsms-sdk-dev || fail "dpkg --purge in $tree"
left="$(find "$tree" -path "$tree/var" -prune -o -type f -print)"
[ -z "$left" ] || fail "files left after dpkg --purge: $left"
dpkg_tree --install "$dev" "$tools" || fail "dpkg --install into $tree (again)"
dpkg-query --admindir="$tree/var/lib/dpkg" -W csms-tools libcsms-sdk-dev

printf '\n== the installed programs\n'
"$tree/usr/bin/csms" --help >"$tree.csms-help" 2>&1 || { cat "$tree.csms-help"; fail "csms --help"; }
grep -q 'csms' "$tree.csms-help" || fail "csms --help printed no usage"
"$tree/usr/bin/csms-emulator" --help >"$tree.emulator-help" 2>&1 ||
  { cat "$tree.emulator-help"; fail "csms-emulator --help"; }
note "csms --help and csms-emulator --help: ok"
for page in "$tree"/usr/share/man/man1/*.1.gz; do
  [ -e "$page" ] || continue
  MANWIDTH=80 man -l "$page" >"$tree.man" 2>"$tree.man.err" || { cat "$tree.man.err"; fail "man -l $page"; }
  [ ! -s "$tree.man.err" ] || { cat "$tree.man.err"; fail "man -l $page warned"; }
  [ -s "$tree.man" ] || fail "man -l $page printed nothing"
  note "man -l $(basename "$page"): $(wc -l <"$tree.man") lines"
done
completion="$tree/usr/share/bash-completion/completions/csms"
if [ -e "$completion" ]; then
  bash -c 'source "$1" && complete -p csms' _ "$completion" || fail "$completion does not register a completion for csms"
fi
printf '\npackage-test: OK (%s, %s)\n' "$(basename "$dev")" "$(basename "$tools")"
