#!/usr/bin/env python3
"""Times /api/v1/search on a running neig (bearer token) over varied Dutch queries, against /health as reference.

Usage: search_latency.py BASE_URL TOKEN REQUESTS
Prints p50/p95/max in milliseconds, the result count range, and p95 against the 50 ms target.
"""
import json
import statistics
import sys
import time
import urllib.parse
import urllib.request

QUERIES = ["explosies", "aanslagen woning", "nazorg buurt", "handelingskader sluiting", "burgemeester besluit bezwaar",
           "preventie jongeren school", "camera toezicht", "politie rapportage", "explosieven gevel", "gebiedsverbod",
           "bewonersavond", "informatie officier justitie", "interventie effect evaluatie", "draaiboek", "opvang slachtoffer"]


def timed(base: str, token: str, path: str) -> tuple[float, bytes]:
    request = urllib.request.Request(base + path, headers={"Authorization": f"Bearer {token}"})
    start = time.perf_counter()
    body = urllib.request.urlopen(request).read()
    return (time.perf_counter() - start) * 1000, body


def main() -> None:
    base, token, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    assert base.startswith("http://127.0.0.1"), "loopback only"
    for query in QUERIES[:3]:
        timed(base, token, "/api/v1/search?" + urllib.parse.urlencode({"q": query}))
    search, hits = [], []
    for i in range(count):
        query = QUERIES[i % len(QUERIES)]
        filters = {"line": "nazorg"} if i % 4 == 3 else {}
        ms, body = timed(base, token, "/api/v1/search?" + urllib.parse.urlencode({"q": query, **filters}))
        search.append(ms)
        hits.append(len(json.loads(body)["items"]))
    reference = [timed(base, token, "/health")[0] for _ in range(count)]

    def p(values: list[float], q: float) -> float:
        return statistics.quantiles(values, n=100)[int(q) - 1]

    print(f"search    p50 {p(search, 50):7.1f} ms  p95 {p(search, 95):7.1f} ms  max {max(search):7.1f} ms  hits/page {min(hits)}–{max(hits)}")
    print(f"/health   p50 {p(reference, 50):7.1f} ms  p95 {p(reference, 95):7.1f} ms")
    print(f"p95 against the 50 ms target: {p(search, 95) / 50:.2f} (below 1 meets it); against /health: {p(search, 95) / p(reference, 95):.1f}x")


if __name__ == "__main__":
    main()
