#!/usr/bin/env python3
"""Writes N synthetic incidents with near-repeat clustering in the neig CSV format, deterministic per seed.

About 60 % are background attacks spread around ten city centres (2021-01-01 .. 2025-06-30); the rest follow an
earlier attack within a few hundred metres and three weeks, a tenth of those at the very same address.

Usage: generate_near_repeat.py N SEED > incidents.csv
"""
import datetime
import random
import sys

CODES = [("GM0363", 121400, 487400), ("GM0599", 92500, 437500), ("GM0518", 80000, 455000), ("GM0034", 143700, 487000),
         ("GM0796", 149200, 412200), ("GM0344", 136000, 456000), ("GM0772", 161000, 383000), ("GM0855", 133000, 397000),
         ("GM0014", 233800, 582000), ("GM0758", 112000, 400000)]
START = datetime.date(2021, 1, 1)
DAYS = (datetime.date(2025, 6, 30) - START).days


def main() -> None:
    n, seed = int(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    events = []
    for _ in range(n):
        if events and rng.random() < 0.4:
            code, x0, y0, day0 = rng.choice(events)
            if rng.random() < 0.1:
                x, y = x0, y0
            else:
                x, y = x0 + rng.gauss(0, 150), y0 + rng.gauss(0, 150)
            day = min(DAYS, day0 + int(rng.expovariate(1 / 7)))
        else:
            code, cx, cy = rng.choice(CODES)
            x, y = cx + rng.gauss(0, 3000), cy + rng.gauss(0, 3000)
            day = rng.randint(0, DAYS)
        events.append((code, round(x, 1), round(y, 1), day))
    out = sys.stdout
    out.write("bron_id;datum;gemeentecode;x;y;doelwit;middel\n")
    for i, (code, x, y, day) in enumerate(events):
        out.write(f"NR-{i:07d};{START + datetime.timedelta(days=day)};{code};{x:.1f};{y:.1f};woning;explosief\n")


if __name__ == "__main__":
    main()
