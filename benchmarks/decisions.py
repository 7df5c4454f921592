"""The editor's decisions on the letters: how many it takes to reach the gold apparatus, what
they cost next to the machine collation, and whether they survive edits to the witnesses.

In one run: the machine collation of the letters (the baseline every run pays), then the
eight decisions of examples/letters.decisions.toml applied to it; unit F1 against the gold
apparatus before and after (scored as benchmarks/quality.py scores); then the same decisions
after a paragraph is added at the start of both witnesses and a word changed in both, and on
Frankenstein 1818/1831 (1,000 units), where twenty drops and notes are anchored and applied.

    .venv/bin/python benchmarks/decisions.py
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from baselines import collation_places
from corpora import frankenstein
from quality import gold_places, score

import collate
from collate import decisions
from collate.engine import collate as collate_witnesses

ROOT = Path(__file__).resolve().parent.parent
FILE = ROOT / "examples" / "letters.decisions.toml"
T = TypeVar("T")


def _timed(action: Callable[[], T], repeat: int = 5) -> tuple[T, float]:
    """The action's result and its best time of ``repeat`` runs, in seconds."""
    best = float("inf")
    result = action()
    for _ in range(repeat):
        started = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - started)
    return result, best


def main() -> None:
    a = collate.load_witness(ROOT / "witnesses" / "medvedev-1926.txt")
    b = collate.load_witness(ROOT / "witnesses" / "baku-1924.txt")
    made = decisions.load(FILE)
    machine, machine_s = _timed(lambda: collate_witnesses([a, b]))
    decided, apply_s = _timed(lambda: decisions.apply(machine, made))
    gold = gold_places(a, b)
    before = score(collation_places(machine), gold)
    after = score(collation_places(decided.collation), gold)
    print(f"letters: {len(made)} decisions")
    print(f"  machine collation {machine_s * 1000:7.1f} ms   F1 {before[2]:.3f} ({before[3]}/94)")
    print(f"  + decisions       {apply_s * 1000:7.1f} ms   F1 {after[2]:.3f} ({after[3]}/94)")
    opening = "A note the archivist added, before the letter.\n\n"
    edited = [
        collate.witness_from_text(
            opening + w.text.replace("We received your letter", "We got your letter"), w.siglum
        )
        for w in (a, b)
    ]
    moved = decisions.apply(collate_witnesses(edited), made)
    applied = sum(o.applied for o in moved.outcomes)
    print(f"  after edits elsewhere: {applied} of {len(made)} still apply")

    first, second = frankenstein("1818"), frankenstein("1831")
    book = collate_witnesses([first, second])
    picks = book.units[:: max(1, len(book.units) // 20)][:20]
    many = [decisions.note(book, u.id, f"note {n}") for n, u in enumerate(picks)]
    big, big_s = _timed(lambda: decisions.apply(book, many), repeat=3)
    print(
        f"frankenstein: {len(book.units)} units; {len(many)} notes applied in "
        f"{big_s * 1000:.0f} ms ({sum(o.applied for o in big.outcomes)} applied)"
    )


if __name__ == "__main__":
    main()
