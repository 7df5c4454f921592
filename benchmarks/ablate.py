"""Each rule of the engine switched off in turn, scored on every corpus with a truth.

A rule earns its place when switching it off costs more than noise on more than one corpus
(issue 13: about 38 rules had each been settled while looking at one benchmark's misses).
The rules are the fields of `collate.Settings` (`collate.engine.RULES` gives the value that
switches each off). The corpora, each scored as its own benchmark scores it:

- letters: unit F1 against the editor's apparatus of the Medvedev letters (`quality.py`);
- florilegium: hand rows reproduced exactly as word columns, of 280 (`florilegium.py`);
- sblgnt: recall, exactness and precision against the SBLGNT's footnotes (`sblgnt.py`);
  ``--quick`` scores five books instead of 27;
- robustness: mean recall and exactness over the generated families (`robustness.py`, when
  present, in its quick mode).

    .venv/bin/python benchmarks/ablate.py [--quick] [RULE ...]
"""

from __future__ import annotations

import importlib
import sys
import time
from collections.abc import Callable
from pathlib import Path

import florilegium
import quality
import sblgnt
from baselines import collation_places

import collate
from collate.engine import RULES

Scores = dict[str, float]
QUICK_BOOKS = ("02MRK", "06ROM", "10EPH", "19HEB", "27REV")


def letters(settings: collate.Settings) -> Scores:
    a = collate.load_witness(quality.WITNESSES / "medvedev-1926.txt")
    b = collate.load_witness(quality.WITNESSES / "baku-1924.txt")
    found = collation_places(collate.collate([a, b], settings=settings))
    _, _, f1, _ = quality.score(found, quality.gold_places(a, b))
    return {"letters F1": f1}


def florilegium_rows(settings: collate.Settings) -> Scores:
    exact, _ = florilegium.exact_rows(settings)
    return {"florilegium rows": float(exact)}


def sblgnt_scores(books: list[Path]) -> Callable[[collate.Settings], Scores]:
    def run(settings: collate.Settings) -> Scores:
        scores = sblgnt.score_books(books, settings)
        return {
            "sblgnt recall": scores.recall,
            "sblgnt exact": scores.exactness,
            "sblgnt precision": scores.precision,
        }

    return run


def robustness_scores() -> Callable[[collate.Settings], Scores] | None:
    try:
        robustness = importlib.import_module("robustness")
    except ModuleNotFoundError:
        return None
    scorer = getattr(robustness, "mean_scores", None)
    if scorer is None:
        return None

    def run(settings: collate.Settings) -> Scores:
        recall, exactness = scorer(settings)
        return {"robustness recall": recall, "robustness exact": exactness}

    return run


def main() -> None:
    quick = "--quick" in sys.argv
    wanted = [a for a in sys.argv[1:] if not a.startswith("--")]
    books = sorted(sblgnt.USFM.glob("*.sfm"))
    if quick:
        books = [b for b in books if b.name.startswith(QUICK_BOOKS)]
    scorers = [letters, florilegium_rows, sblgnt_scores(books)]
    robust = robustness_scores()
    if robust is not None:
        scorers.append(robust)

    def score(settings: collate.Settings) -> Scores:
        result: Scores = {}
        for scorer in scorers:
            result |= scorer(settings)
        return result

    started = time.perf_counter()
    default = score(collate.Settings())
    columns = list(default)
    print(f"{'rule off':28} " + " ".join(f"{c:>18}" for c in columns))
    print(f"{'(none: the defaults)':28} " + " ".join(f"{default[c]:18.4f}" for c in columns))
    for rule in RULES:
        if wanted and rule not in wanted:
            continue
        scores = score(collate.Settings().without(rule))
        cells = []
        for column in columns:
            delta = scores[column] - default[column]
            cells.append(f"{delta:+18.4f}" if delta else f"{'·':>18}")
        print(f"{rule:28} " + " ".join(cells))
    print(f"({time.perf_counter() - started:.0f} s; + means the corpus scores better without it)")


if __name__ == "__main__":
    main()
