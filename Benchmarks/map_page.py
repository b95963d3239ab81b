#!/usr/bin/env python3
"""Measures the national map of a running neig as a visitor sees it: the size of its SVG and the latency of the page
that carries it, against a static route on the same server.

Usage: map_page.py BASE_URL PATH REFERENCE_PATH REQUESTS
Prints the SVG's bytes against the 150 kB target, p50/p95/max of both routes, and p95 against the 50 ms target.
"""
import re
import statistics
import sys
import time
import urllib.request


def main() -> None:
    base, path, reference, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    assert base.startswith("http://127.0.0.1") or base.startswith("http://localhost"), "loopback only"
    page = urllib.request.urlopen(base + path).read().decode()
    svg = re.search(r'<svg xmlns[^>]*aria-labelledby="kaart-[a-z-]+".*?</svg>', page, re.S)
    assert svg, "no map on the page"
    shapes = svg.group(0).count("data-gemeente=")
    size = len(svg.group(0).encode())
    print(f"{path}: map SVG {size / 1000:.1f} kB for {shapes} municipalities "
          f"({size / 150_000:.2f} of the 150 kB target); whole page {len(page.encode()) / 1000:.1f} kB")

    def measure(target: str) -> list[float]:
        timings = []
        for _ in range(count):
            start = time.perf_counter()
            with urllib.request.urlopen(base + target) as response:
                response.read()
                assert response.status == 200, response.status
            timings.append((time.perf_counter() - start) * 1000)
        return sorted(timings)

    results = {}
    for label, target in (("page", path), ("reference", reference)):
        timings = measure(target)
        p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
        results[label] = p95
        print(f"{target:24s} n={len(timings)} p50={statistics.median(timings):7.2f} ms  p95={p95:7.2f} ms  max={timings[-1]:7.2f} ms")
    print(f"p95 ratio {path} / {reference}: {results['page'] / results['reference']:.1f}x")
    print(f"p95 {path}: {results['page']:.1f} ms against the 50 ms target ({results['page'] / 50:.2f} of target)")


if __name__ == "__main__":
    main()
