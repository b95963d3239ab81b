#!/usr/bin/env python3
"""Writes N synthetic Dutch library items as JSON lines for `neig library import` (seeded, so runs compare).

Usage: generate_library.py N SEED
"""
import json
import random
import sys

WORDS = """aanslag aanslagen explosie explosies explosief explosieven woning woningen bedrijf bedrijven voordeur gevel pand
buurt buren bewoners bewonersavond nazorg preventie opsporing vervolging gemeente gemeenten burgemeester politie
officier justitie handelingskader handreiking sluiting gebiedsverbod noodbevel noodverordening cameratoezicht
veiligheidsrisicogebied informatie rapportage dreiging risico melding signaal corporatie ondernemer horeca
jongeren school workshop interventie evaluatie effect aanpak samenwerking overleg driehoek wijk straat herhaling
toezicht camera verlichting opvang schade slachtoffer communicatie brief persbericht netwerk kennis onderzoek
draaiboek checklist termijn besluit bezwaar motivering bevoegdheid artikel wet regio eenheid zorg hulp
""".split()
FILLER = "de het een en van in op met voor na bij over tegen door om als dat die zijn wordt werd heeft hebben kan".split()
KINDS = ["handelingskader", "best_practice", "handreiking", "praktijkervaring", "presentatie", "overig"]
LINES = ["preventie", "opsporing", "vervolging", "nazorg", "kennis_onderzoek", "communicatie"]
PHASES = ["dreiging", "explosie", "nazorg"]


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) if rng.random() < 0.55 else rng.choice(FILLER) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def main() -> None:
    count, seed = int(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    for i in range(count):
        body = "\n\n".join(" ".join(sentence(rng, rng.randint(8, 20)) for _ in range(rng.randint(3, 6))) for _ in range(rng.randint(3, 8)))
        print(json.dumps({
            "title": sentence(rng, rng.randint(3, 7))[:-1] + f" ({i + 1})",
            "summary": sentence(rng, rng.randint(12, 25)),
            "body": body,
            "kind": rng.choice(KINDS),
            "lines": rng.sample(LINES, rng.randint(1, 2)),
            "phases": rng.sample(PHASES, rng.randint(0, 2)),
            "visibility": "leden" if rng.random() < 0.8 else "publiek",
            "author_organisation": f"Gemeente {rng.randint(1, 342)}",
        }, ensure_ascii=False))


if __name__ == "__main__":
    main()
