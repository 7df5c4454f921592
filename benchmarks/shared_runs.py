"""Runs of shared words left inside a unit: the check of issue 13, item 3.

"No unit may leave unaligned a run of 8+ identical consecutive words its readings share":
where two readings of one unit have the same eight tokens in a row, those words agree and
should stand between units (the differences around them units of their own), unless the
two readings are printed as one reading with sub-variants (nesting,
`collate.engine.reading_groups`), where the shared words are printed once.

For each corpus this collates the witnesses two ways, each witness with the base alone (the
pairs) and all the witnesses at once, and prints the units, the units where two readings
share a run of at least ``RUN`` identical consecutive tokens (their matching forms,
`collate.model.Token.normalized`) and are not in one nested group, and those units briefly
(the unit, the two witnesses, the run's length and its first words). The corpora: the
letters (two witnesses), Darwin's chapter I in six editions, the Frankenstein Variorum's
units C04, C20, C27 (`variorum.py`), and the three Stemmaweb variant graphs (`graphml.py`).

    .venv/bin/python benchmarks/shared_runs.py [--all-only] [NAME ...]
"""

from __future__ import annotations

import argparse
import sys
import time
from bisect import bisect_left
from collections.abc import Callable, Iterator
from pathlib import Path

import collate
from collate.model import Collation, Unit, Witness

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import graphml  # noqa: E402 - sibling benchmarks, found through the path set just above
import variorum  # noqa: E402
from corpora import CORPORA  # noqa: E402

RUN = 8
"""The shortest run of shared tokens counted (the issue's eight words)."""
DARWIN = CORPORA / "darwin" / "chapter1"
DARWIN_YEARS = ("1859", "1860", "1861", "1866", "1869", "1872")


def letters() -> list[Witness]:
    root = HERE.parent / "witnesses"
    return [
        collate.load_witness(root / "medvedev-1926.txt"),
        collate.load_witness(root / "baku-1924.txt"),
    ]


def darwin() -> list[Witness]:
    return [collate.load_witness(DARWIN / f"darwin{y}.txt", y) for y in DARWIN_YEARS]


def _gold(load: Callable[[str], object], name: str) -> Callable[[], list[Witness]]:
    return lambda: list(load(name).witnesses)  # type: ignore[attr-defined]


CORPUS: dict[str, Callable[[], list[Witness]]] = {
    "letters": letters,
    "darwin": darwin,
    **{f"variorum {u}": _gold(variorum.gold_alignment, u) for u in variorum.UNITS},
    **{name: _gold(graphml.gold_alignment, name) for name in graphml.TRADITIONS},
}
"""Name -> its witnesses, the base first."""


def longest_shared(a: list[str], b: list[str]) -> tuple[int, int]:
    """The longest run of identical consecutive items of ``a`` and ``b``: (length, its start
    in ``a``)."""
    best, where = 0, 0
    previous = [0] * (len(b) + 1)
    for i, item in enumerate(a, start=1):
        current = [0] * (len(b) + 1)
        for j, other in enumerate(b, start=1):
            if item == other:
                current[j] = previous[j - 1] + 1
                if current[j] > best:
                    best, where = current[j], i - current[j]
        previous = current
    return best, where


def offenders(collation: Collation) -> Iterator[tuple[Unit, str, str, int, str]]:
    """The units where two readings share a run of ``RUN`` tokens or more outside one nested
    group: (unit, one siglum, the other, the run's length, its first words)."""
    witnesses = {w.siglum: w for w in collation.witnesses}
    starts = {s: [t.start for t in w.tokens] for s, w in witnesses.items()}
    for unit in collation.units:
        forms: dict[str, list[str]] = {}
        for siglum, reading in unit.readings.items():
            tokens = witnesses[siglum].tokens[
                bisect_left(starts[siglum], reading.start) : bisect_left(
                    starts[siglum], reading.end
                )
            ]
            forms[siglum] = [t.normalized for t in tokens]
        grouped = {frozenset(g.sigla) for g in unit.groups}
        worst: tuple[int, str, str, int] | None = None
        seen: set[tuple[str, ...]] = set()
        sigla = [s for s in forms if len(forms[s]) >= RUN]
        for n, one in enumerate(sigla):
            for other in sigla[n + 1 :]:
                key = (*forms[one], "\0", *forms[other])
                if forms[one] == forms[other] or key in seen:
                    continue
                seen.add(key)
                if any(one in g and other in g for g in grouped):
                    continue
                length, where = longest_shared(forms[one], forms[other])
                if length >= RUN and (worst is None or length > worst[0]):
                    worst = (length, one, other, where)
        if worst is not None:
            length, one, other, where = worst
            words = " ".join(forms[one][where : where + min(length, 6)])
            yield unit, one, other, length, words


def report(name: str, label: str, collations: list[Collation]) -> tuple[int, int]:
    """Print one line for the corpus and one per offending unit; (units, offending)."""
    units = sum(len(c.units) for c in collations)
    found = [(c, *o) for c in collations for o in offenders(c)]
    print(f"{name:<20} {label:<6} units {units:>5}   sharing a run of {RUN}+: {len(found)}")
    for collation, unit, one, other, length, words in found:
        pair = "" if len(collation.witnesses) > 2 else f" ({collation.witnesses[1].siglum})"
        print(f"    {unit.id}{pair} {one}/{other}: {length} tokens, '{words} ...'")
    return units, len(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", metavar="NAME", help=", ".join(CORPUS))
    parser.add_argument("--all-only", action="store_true", help="skip the pairs with the base")
    args = parser.parse_args()
    names = args.names or list(CORPUS)
    for name in names:
        if name not in CORPUS:
            parser.error(f"{name}: no such corpus (the corpora: {', '.join(CORPUS)})")
    started = time.perf_counter()
    totals = {"pairs": [0, 0], "all": [0, 0]}
    for name in names:
        witnesses = CORPUS[name]()
        base = witnesses[0]
        runs: list[tuple[str, list[Collation]]] = []
        if len(witnesses) == 2:
            runs.append(("pairs", [collate.collate(witnesses)]))
        else:
            if not args.all_only:
                runs.append(("pairs", [collate.collate([base, w]) for w in witnesses[1:]]))
            runs.append(("all", [collate.collate(witnesses)]))
        for label, collations in runs:
            units, found = report(name, label, collations)
            totals[label][0] += units
            totals[label][1] += found
    for label, (units, found) in totals.items():
        print(f"total {label}: {found} of {units} units share a run of {RUN}+ tokens")
    print(f"({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
