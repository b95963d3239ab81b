#!/usr/bin/env python3
"""Logs in to a running neig and measures request latency of a page against a static reference route.

Usage: http_latency.py BASE_URL EMAIL PASSWORD PATH REFERENCE_PATH REQUESTS
Prints p50/p95/max in milliseconds for both and the p95 ratio. Loopback only; bounded by REQUESTS.
"""
import http.cookiejar
import re
import statistics
import sys
import time
import urllib.parse
import urllib.request


def main() -> None:
    base, email, password, path, reference, count = sys.argv[1:7]
    count = int(count)
    assert base.startswith("http://127.0.0.1") or base.startswith("http://localhost"), "loopback only"
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/login").read().decode()
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"email": email, "password": password, "csrf": token}).encode()
    opener.open(base + "/login", data=body).read()

    def measure(target: str) -> list[float]:
        timings = []
        for _ in range(count):
            start = time.perf_counter()
            with opener.open(base + target) as response:
                response.read()
                assert response.status == 200, response.status
            timings.append((time.perf_counter() - start) * 1000)
        return timings

    # The first request after a change to the register computes the figures and fills the cache.
    start = time.perf_counter()
    opener.open(base + path).read()
    print(f"{path:32s} first request (cold cache): {(time.perf_counter() - start) * 1000:.1f} ms")
    results = {}
    for label, target in (("page", path), ("reference", reference)):
        timings = sorted(measure(target))
        p95 = timings[int(len(timings) * 0.95) - 1]
        results[label] = p95
        print(f"{target:32s} n={len(timings)} p50={statistics.median(timings):7.2f} ms  p95={p95:7.2f} ms  max={timings[-1]:7.2f} ms")
    print(f"p95 ratio {path} / {reference}: {results['page'] / results['reference']:.1f}x")
    print(f"p95 {path}: {results['page']:.1f} ms against the 50 ms target ({results['page'] / 50:.2f} of target)")


if __name__ == "__main__":
    main()
