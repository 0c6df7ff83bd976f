#!/usr/bin/env python3
"""An independent SDK-HMAC-SHA256 verifier, written from the algorithm's
description with the Python standard library only (no code shared with the SDK).

Input: a JSON file {"method", "target", "headers": [[name, value], ...], "body",
"ak", "sk"} describing a request as a server received it.
Exit 0 and print "valid" when the Authorization header verifies; exit 1 and say
why otherwise.
"""
import hashlib
import hmac
import json
import sys
import urllib.parse

UNRESERVED = "-_.~"


def encode(text):
    return urllib.parse.quote(text, safe=UNRESERVED)


def canonical_uri(path):
    segments = [encode(urllib.parse.unquote(s)) for s in path.split("/")]
    uri = "/".join(segments)
    if not uri.startswith("/"):
        uri = "/" + uri
    return uri if uri.endswith("/") else uri + "/"


def canonical_query(query):
    pairs = urllib.parse.parse_qsl(query, keep_blank_values=True)
    encoded = sorted((encode(k), encode(v)) for k, v in pairs)
    return "&".join(f"{k}={v}" for k, v in encoded)


def main(path):
    with open(path, encoding="utf-8") as f:
        request = json.load(f)
    headers = {}
    for name, value in request["headers"]:
        headers.setdefault(name.lower(), value.strip())
    authorization = headers.get("authorization", "")
    prefix = "SDK-HMAC-SHA256 "
    if not authorization.startswith(prefix):
        print("no SDK-HMAC-SHA256 Authorization header")
        return 1
    fields = dict(part.strip().split("=", 1) for part in authorization[len(prefix):].split(","))
    if fields.get("Access") != request["ak"]:
        print("wrong access key")
        return 1
    signed = fields["SignedHeaders"].split(";")
    for required in ("host", "x-sdk-date"):
        if required not in signed:
            print(f"{required} is not signed")
            return 1
    for name in headers:
        if name not in signed and name not in ("authorization", "user-agent", "content-length"):
            print(f"header {name} was sent but not signed")
            return 1
    target = request["target"]
    path_part, _, query = target.partition("?")
    if query and query != canonical_query(query):
        print("query on the wire is not canonical")
        return 1
    canonical = "\n".join([
        request["method"],
        canonical_uri(path_part),
        canonical_query(query),
        "".join(f"{name}:{headers[name]}\n" for name in signed),
        ";".join(signed),
        hashlib.sha256(request["body"].encode("utf-8")).hexdigest(),
    ])
    string_to_sign = "\n".join([
        "SDK-HMAC-SHA256",
        headers["x-sdk-date"],
        hashlib.sha256(canonical.encode("utf-8")).hexdigest(),
    ])
    expected = hmac.new(request["sk"].encode("utf-8"), string_to_sign.encode("utf-8"),
                        hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, fields["Signature"]):
        print("signature mismatch")
        return 1
    print("valid")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
