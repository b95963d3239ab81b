#!/usr/bin/env python3
"""Writes N synthetic incidents in the neig CSV format (2023-01-01 .. 2025-12-31), deterministic per seed.

Usage: generate_incidents.py N SEED > incidents.csv
"""
import random
import sys

CODES = [("GM0363", 121400, 487400), ("GM0599", 92500, 437500), ("GM0518", 80000, 455000), ("GM0034", 143700, 487000),
         ("GM0796", 149200, 412200), ("GM0344", 136000, 456000), ("GM0772", 161000, 383000), ("GM0855", 133000, 397000),
         ("GM0014", 233800, 582000), ("GM0758", 112000, 400000)]
TARGETS = ["woning"] * 72 + ["bedrijf"] * 15 + ["voertuig"] * 10 + ["overig"] * 3
MEANS = ["explosief", "vuurwerk", "handgranaat", "onbekend"]


def main() -> None:
    n, seed = int(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    out = sys.stdout
    out.write("bron_id;datum;tijd;gemeentecode;gemeente;adres;postcode;x;y;doelwit;middel;omschrijving\n")
    for i in range(n):
        code, cx, cy = rng.choice(CODES)
        year = rng.choice([2023, 2024, 2024, 2025])
        month = rng.randint(1, 12)
        day = rng.randint(1, 28)
        x = cx + rng.gauss(0, 2500)
        y = cy + rng.gauss(0, 2500)
        street, number = rng.randint(1, 500), rng.randint(1, 200)
        postcode = f"{1000 + (int(code[2:]) * 7 + street) % 9000} AB"
        out.write(f"B-{i:07d};{year}-{month:02d}-{day:02d};{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d};{code};;"
                  f"Benchmarkstraat {street} {number};{postcode};{x:.1f};{y:.1f};"
                  f"{rng.choice(TARGETS)};{rng.choice(MEANS)};synthetisch\n")


if __name__ == "__main__":
    main()
