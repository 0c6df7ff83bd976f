#!/usr/bin/env python3
"""Times the official Huawei Cloud Python SDK (huaweicloudsdkcore +
huaweicloudsdkcsms) against the csms-emulator over loopback, for the
comparison in docs/performance.md ("Against the official SDKs").

N sequential ShowSecretEvent calls of one event through the official client
(AK/SK signed, http://127.0.0.1:PORT, one requests.Session kept alive), the
emulator started here as a separate process (--port 0), so that CPU time
(time.process_time: every thread of this process, none of the emulator's)
counts the client alone. The same operation through this SDK is timed by
csms_rollover_bench --only static (scripts/bench-official.sh runs both in
one window).

Nothing here is vendored or fetched: SDK_DIR is an already unpacked copy of
the official SDK's source tree holding huaweicloud-sdk-core/ and
huaweicloud-sdk-csms/ (see scripts/bench-official.sh for how to get one);
its Python dependencies come from Debian packages.

  python3 bench/official_sdk_bench.py --sdk SDK_DIR \
      --emulator build/release/emulator/csms-emulator [--calls 5000] [--runs 5] [--pin 1]

Prints the versions used and one markdown table row: median calls/s, wall
us/call and CPU us/call over the runs, and the spread of the CPU figure.
"""

import argparse
import os
import platform
import re
import signal
import statistics
import subprocess
import sys
import time

PROJECT_ID = "0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70"
# Test-only key pair, the emulator's alone (the same shape as the C++ benches').
AK = "AKOFFICIALBENCH00001"
SK = "SKofficialSKofficialSKofficialSKofficial"
EVENT_NAME = "offbench"
WARM_UP_CALLS = 100


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sdk", required=True,
                        help="unpacked official SDK tree (holds huaweicloud-sdk-core, "
                             "huaweicloud-sdk-csms)")
    parser.add_argument("--emulator", required=True, help="csms-emulator binary")
    parser.add_argument("--calls", type=int, default=5000, help="calls per run")
    parser.add_argument("--runs", type=int, default=5, help="runs (medians are reported)")
    parser.add_argument("--pin", type=int, default=1,
                        help="1: client on CPU 0, emulator on CPU 1 (as the C++ benches)")
    args = parser.parse_args()
    if args.calls < 1 or args.runs < 1:
        parser.error("--calls and --runs must be at least 1")
    return args


def sdk_version(package_dir):
    """VERSION from the package's setup.py (the source tree has no metadata)."""
    try:
        with open(os.path.join(package_dir, "setup.py"), encoding="utf-8") as setup:
            found = re.search(r'^VERSION\s*=\s*"([^"]+)"', setup.read(), re.M)
        return found.group(1) if found else "unknown"
    except OSError:
        return "unknown"


def import_official_sdk(sdk_dir):
    core = os.path.join(sdk_dir, "huaweicloud-sdk-core")
    csms = os.path.join(sdk_dir, "huaweicloud-sdk-csms")
    for part in (core, csms):
        if not os.path.isdir(part):
            sys.exit("official_sdk_bench: no %s (see scripts/bench-official.sh for how to "
                     "unpack the official SDK)" % part)
    sys.path[:0] = [core, csms]
    try:
        # pylint: disable=import-outside-toplevel
        from huaweicloudsdkcore.auth.credentials import BasicCredentials
        from huaweicloudsdkcore.http.http_config import HttpConfig
        from huaweicloudsdkcsms.v1 import csms_client, model
    except ImportError as error:
        sys.exit("official_sdk_bench: cannot import the official SDK (%s); its dependencies "
                 "come from Debian: python3-requests python3-requests-toolbelt "
                 "python3-simplejson python3-yaml python3-pyasn1 python3-certifi "
                 "python3-defusedxml python3-six python3-pymongo python3-dateutil" % error)
    return {
        "BasicCredentials": BasicCredentials,
        "HttpConfig": HttpConfig,
        "CsmsClient": csms_client.CsmsClient,
        "model": model,
        "versions": (sdk_version(core), sdk_version(csms)),
    }


def start_emulator(binary, pin):
    command = [binary, "--port", "0", "--ak", AK, "--sk", SK, "--project-id", PROJECT_ID]
    emulator = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                text=True)
    if pin and os.cpu_count() and os.cpu_count() >= 2:
        os.sched_setaffinity(emulator.pid, {1})
    first = emulator.stdout.readline().strip()  # "listening on http://HOST:PORT", flushed
    if not first.startswith("listening on "):
        emulator.kill()
        sys.exit("official_sdk_bench: the emulator did not start: %r" % first)
    return emulator, first[len("listening on "):]


def make_client(sdk, endpoint):
    config = sdk["HttpConfig"].get_default_config()
    config.retry_times = 0
    credentials = sdk["BasicCredentials"](AK, SK, PROJECT_ID)
    return (sdk["CsmsClient"].new_builder()
            .with_http_config(config)
            .with_credentials(credentials)
            .with_endpoints([endpoint])
            .build())


def create_event(sdk, client):
    model = sdk["model"]
    body = model.CreateSecretEventRequestBody(
        name=EVENT_NAME, event_types=["SECRET_VERSION_CREATED"], state="ENABLED",
        notification=model.Notification(
            target_type="SMN", target_id="urn:smn:cn-north-4:%s:offbench" % PROJECT_ID,
            target_name="offbench"))
    client.create_secret_event(model.CreateSecretEventRequest(body=body))


def measure(sdk, client, calls):
    """Wall and CPU seconds of `calls` sequential ShowSecretEvent calls."""
    request = sdk["model"].ShowSecretEventRequest(event_name=EVENT_NAME)
    cpu_start = time.process_time()
    wall_start = time.perf_counter()
    for _ in range(calls):
        response = client.show_secret_event(request)
    wall = time.perf_counter() - wall_start
    cpu = time.process_time() - cpu_start
    if response.event.name != EVENT_NAME:
        sys.exit("official_sdk_bench: unexpected answer %r" % response)
    return wall, cpu


def main():
    args = parse_args()
    # Loopback only: a proxy from the environment must not carry the calls.
    os.environ["NO_PROXY"] = os.environ["no_proxy"] = "127.0.0.1,localhost"
    sdk = import_official_sdk(args.sdk)
    # A SIGTERM (a driver stopped) still stops the emulator, in the finally below.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    emulator, endpoint = start_emulator(args.emulator, args.pin)
    try:
        if args.pin and os.cpu_count() and os.cpu_count() >= 2:
            os.sched_setaffinity(0, {0})
        client = make_client(sdk, endpoint)
        create_event(sdk, client)
        measure(sdk, client, WARM_UP_CALLS)
        walls, cpus = [], []
        for _ in range(args.runs):
            wall, cpu = measure(sdk, client, args.calls)
            walls.append(wall / args.calls * 1e6)
            cpus.append(cpu / args.calls * 1e6)
    finally:
        emulator.terminate()
        emulator.wait()

    import requests  # pylint: disable=import-outside-toplevel
    import urllib3  # pylint: disable=import-outside-toplevel
    core_version, csms_version = sdk["versions"]
    print("official Python SDK: huaweicloudsdkcore %s, huaweicloudsdkcsms %s; Python %s, "
          "requests %s, urllib3 %s" % (core_version, csms_version, platform.python_version(),
                                       requests.__version__, urllib3.__version__))
    print("calls=%d runs=%d warm-up=%d, ShowSecretEvent against csms-emulator over http, "
          "pinned=%s, load average at the end %s"
          % (args.calls, args.runs, WARM_UP_CALLS,
             "client cpu0, emulator cpu1" if args.pin else "no",
             " ".join("%.2f" % load for load in os.getloadavg())))
    print()
    print("| client | calls/s | wall us/call | cpu us/call | cpu us/call min-max |")
    print("|---|---|---|---|---|")
    wall_us = statistics.median(walls)
    print("| official python http | %.0f | %.1f | %.1f | %.1f-%.1f |"
          % (1e6 / wall_us, wall_us, statistics.median(cpus), min(cpus), max(cpus)))


if __name__ == "__main__":
    main()
