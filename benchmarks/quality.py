"""Unit precision, recall and F1 against the gold apparatus of the Medvedev letters.

A unit counts when its spans in both witnesses equal the gold's at token level (the tokens
its readings cover; for an empty reading, the place it stands). Engines, in one run:
collate, difflib, plain diff-match-patch and CollateX run paragraph by paragraph, all on the
same tokens.

    .venv/bin/python benchmarks/quality.py [--details]
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from baselines import (
    Place,
    _trimmed_span,
    collatex_places,
    collation_places,
    difflib_places,
    dmp_places,
)

import collate
from collate.model import Witness

ROOT = Path(__file__).resolve().parent.parent
WITNESSES = ROOT / "witnesses"


def gold_places(a: Witness, b: Witness) -> list[Place]:
    gold = json.loads((WITNESSES / "medvedev-baku.apparatus.json").read_text(encoding="utf-8"))
    starts_a = [t.start for t in a.tokens]
    starts_b = [t.start for t in b.tokens]
    return [
        (
            _trimmed_span(a, starts_a, u["readings"]["M"]["start"], u["readings"]["M"]["end"]),
            _trimmed_span(b, starts_b, u["readings"]["B"]["start"], u["readings"]["B"]["end"]),
        )
        for u in gold["units"]
    ]


def score(found: list[Place], gold: list[Place]) -> tuple[float, float, float, int]:
    matched = len(set(found) & set(gold))
    precision = matched / len(found) if found else 0.0
    recall = matched / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if matched else 0.0
    return precision, recall, f1, matched


def main() -> None:
    a = collate.load_witness(WITNESSES / "medvedev-1926.txt")
    b = collate.load_witness(WITNESSES / "baku-1924.txt")
    gold = gold_places(a, b)
    engines: dict[str, Callable[[], list[Place]]] = {
        "collate": lambda: collation_places(collate.collate([a, b])),
        "difflib": lambda: difflib_places(a, b),
        "diff-match-patch": lambda: dmp_places(a, b),
        "collatex per paragraph": lambda: collatex_places(a, b),
    }
    print(f"gold apparatus: {len(gold)} units")
    print(
        f"{'engine':24} {'units':>5} {'match':>5} {'prec':>6} {'recall':>6} {'F1':>6} {'time':>7}"
    )
    for name, run in engines.items():
        started = time.perf_counter()
        found = run()
        elapsed = time.perf_counter() - started
        precision, recall, f1, matched = score(found, gold)
        print(
            f"{name:24} {len(found):5} {matched:5} {precision:6.3f} {recall:6.3f} {f1:6.3f} "
            f"{elapsed:6.2f}s"
        )
        if name == "collate" and "--details" in sys.argv:
            for place in sorted(set(gold) - set(found)):
                print("  missed", place, _text(a, b, place))
            for place in sorted(set(found) - set(gold)):
                print("  extra ", place, _text(a, b, place))


def _text(a: Witness, b: Witness, place: Place) -> str:
    (a1, a2), (b1, b2) = place
    return (
        repr(" ".join(t.text for t in a.tokens[a1:a2]))
        + " | "
        + repr(" ".join(t.text for t in b.tokens[b1:b2]))
    )


if __name__ == "__main__":
    main()
