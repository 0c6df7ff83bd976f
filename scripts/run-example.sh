#!/usr/bin/env bash
# Runs one example program against a fresh csms-emulator on a free loopback port.
#
#   scripts/run-example.sh EMULATOR_BINARY EXAMPLE_BINARY [ARGS...]
#
# The emulator is started with --port 0 and a token; its first stdout line
# ("listening on http://127.0.0.1:PORT") gives the endpoint. The example then
# runs with CSMS_ENDPOINT, HUAWEICLOUD_SDK_PROJECT_ID and CSMS_AUTH_TOKEN set
# (and any AK/SK or region from the caller's environment removed). The script
# exits with the example's status; the emulator is stopped however it ends.
set -euo pipefail

if [[ $# -lt 2 ]]; then
  echo "usage: $0 EMULATOR_BINARY EXAMPLE_BINARY [ARGS...]" >&2
  exit 2
fi
emulator=$1
example=$2
shift 2

readonly project_id=0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70
readonly token=emulator-token

# coproc gives us the emulator's stdout as a pipe and its pid, with no fifo to clean up.
coproc EMULATOR { exec "$emulator" --port 0 --project-id "$project_id" --token "$token"; }
# shellcheck disable=SC2153  # EMULATOR_PID is set by coproc
emulator_pid=$EMULATOR_PID
emulator_out=${EMULATOR[0]}
# shellcheck disable=SC2317  # called by the trap
cleanup() {
  kill "$emulator_pid" 2>/dev/null || true
  wait "$emulator_pid" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

line=
if ! read -r -t 10 line <&"$emulator_out"; then
  echo "run-example: the emulator exited or did not report its address within 10 s" >&2
  exit 1
fi
if [[ $line != "listening on http://"* ]]; then
  echo "run-example: unexpected first line from the emulator: $line" >&2
  exit 1
fi

export CSMS_ENDPOINT=${line#listening on }
export HUAWEICLOUD_SDK_PROJECT_ID=$project_id
export CSMS_AUTH_TOKEN=$token
unset CSMS_REGION HUAWEICLOUD_SDK_AK HUAWEICLOUD_SDK_SK HUAWEICLOUD_SDK_SECURITY_TOKEN

status=0
timeout 60 "$example" "$@" || status=$?
exit "$status"
