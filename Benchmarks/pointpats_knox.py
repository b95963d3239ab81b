"""pointpats' Knox on an incident CSV, as the benchmark's reference: prints the observed count as JSON.

Usage: pointpats_knox.py FILE DISTANCE DAYS PERMUTATIONS
"""
import csv
import datetime
import json
import sys

import numpy as np
from pointpats.spacetime import Knox

path, distance, days, permutations = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
rows = list(csv.DictReader(open(path), delimiter=";"))
epoch = datetime.date(1970, 1, 1)
space = np.array([[float(r["x"]), float(r["y"])] for r in rows])
time = np.array([[(datetime.date.fromisoformat(r["datum"]) - epoch).days] for r in rows], dtype=float)
np.random.seed(1)
result = Knox(space, time, delta=distance, tau=days, permutations=permutations)
print(json.dumps({"n": len(rows), "observed": int(result.nst), "expected": float(result.expected[0, 0]),
                  "p_value": float(result.p_sim), "p_poisson": float(result.p_poisson)}))
