"""Nested variation measured: how many readings the engine groups, and what it saves in print.

A unit's readings (the lemma's too) that share at least `Settings.nest_share` of their
tokens word for word, each of at least `Settings.nest_min_words` words, are one group, printed
once with its sub-variants (`collate.engine.reading_groups`). For each corpus with more than two
witnesses — Darwin's chapter I in six editions, the Florilegium's 13 manuscripts (rebuilt from
the hand-aligned table), the SBLGNT's five editions, book by book — this prints:

- the units, the units with a group, the groups and the readings they hold;
- the printed apparatus's entries (``--format text``, its header aside) in characters, without
  nesting and with it;
- the time the grouping takes (`with_reading_groups`), against the collation's;
- the entries that print two readings of 200 characters or more that are 90 % the same word
  for word (difflib's ratio over whitespace-separated words), without nesting and with it;
- the same figures for other thresholds (share 0.8 to 0.95, 6 to 25 words, a shared run of 8
  tokens grouping too or not: `Settings.nest_run`), to show where the defaults stand.

    .venv/bin/python benchmarks/nesting.py
"""

from __future__ import annotations

import difflib
import itertools
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import collate
from collate.apparatus import entries
from collate.engine import Settings, alignment_rows, with_reading_groups
from collate.model import Collation, Witness
from collate.render import Layout
from collate.render.apparatus_text import format_entry

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import florilegium  # noqa: E402 - a sibling benchmark, found through the path set just above
import sblgnt  # noqa: E402

DARWIN = HERE.parent.parent / "shared" / "corpora" / "darwin" / "chapter1"
LONG = 200
ALIKE = 0.9


def darwin() -> Iterator[Collation]:
    years = ("1859", "1860", "1861", "1866", "1869", "1872")
    yield collate.collate([collate.load_witness(DARWIN / f"darwin{y}.txt", y) for y in years])


def florilegium_witnesses() -> list[Witness]:
    """The Florilegium's thirteen manuscripts, read off its hand table."""
    sigla, rows = florilegium.read_table()
    words = {
        s: [row[i] for row in rows if row[i] and row[i] != "#LACUNA#"] for i, s in enumerate(sigla)
    }
    return [florilegium.witness(s, words[s]) for s in sigla]


def florilegium_manuscripts() -> Iterator[Collation]:
    yield collate.collate(florilegium_witnesses())


def sblgnt_books() -> Iterator[Collation]:
    for path in sorted(sblgnt.USFM.glob("*.sfm")):
        words, _ = sblgnt.parse_book(path)
        yield collate.collate(sblgnt.witnesses_of(words)[0])


def flat(collation: Collation) -> Collation:
    """The collation without its groups: every reading printed in full."""
    return replace(collation, units=tuple(replace(u, groups=()) for u in collation.units))


def printed(collation: Collation) -> int:
    """Characters of the printed apparatus's entries (``--format text`` without its header):
    as the apparatus prints them by default, differences of whitespace alone left out."""
    rows = alignment_rows(collation)
    return sum(len(format_entry(e)) for e in entries(collation, rows, Layout.OMIT))


def alike(a: str, b: str) -> float:
    """Twice the words difflib pairs, over the words of both."""
    return difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()


def repeated_entries(collation: Collation) -> int:
    """Entries that print two readings of `LONG` characters or more, `ALIKE` the same."""
    found = 0
    for entry in entries(collation, alignment_rows(collation)):
        printed = [note.reading for note in entry.notes if len(note.reading) >= LONG]
        if any(alike(a, b) >= ALIKE for a, b in itertools.combinations(printed, 2)):
            found += 1
    return found


def figures(collations: list[Collation]) -> tuple[int, int, int, int, int, int]:
    """Units with a group, groups, readings grouped, apparatus characters flat and nested,
    entries still printing two long readings that are mostly the same."""
    units = groups = readings = flat_chars = nested_chars = repeated = 0
    for collation in collations:
        units += sum(1 for u in collation.units if u.groups)
        groups += sum(len(u.groups) for u in collation.units)
        readings += sum(
            len({u.readings[s].text for s in g.sigla}) for u in collation.units for g in u.groups
        )
        flat_chars += printed(flat(collation))
        nested_chars += printed(collation)
        repeated += repeated_entries(collation)
    return units, groups, readings, flat_chars, nested_chars, repeated


def main() -> None:
    corpora = {
        "Darwin ch. I (6)": darwin,
        "Florilegium (13)": florilegium_manuscripts,
        "SBLGNT (5, 27 books)": sblgnt_books,
    }
    defaults = Settings()
    print(
        f"defaults: nest_share {defaults.nest_share}, nest_min_words {defaults.nest_min_words}, "
        f"nest_run {defaults.nest_run}"
    )
    header = (
        f"{'corpus':22} {'units':>6} {'nested':>6} {'groups':>6} {'rdgs':>5} "
        f"{'flat chars':>10} {'nested chars':>12} {'saved':>6} {'repeats':>9} {'s':>5} "
        f"{'nest s':>6}"
    )
    print(header)
    built: dict[str, list[Collation]] = {}
    for name, make in corpora.items():
        started = time.perf_counter()
        built[name] = list(make())
        seconds = time.perf_counter() - started
        started = time.perf_counter()
        for collation in built[name]:
            with_reading_groups(flat(collation))
        nest_seconds = time.perf_counter() - started
        units, groups, readings, flat_chars, nested_chars, repeated = figures(built[name])
        before = sum(repeated_entries(flat(c)) for c in built[name])
        total = sum(len(c.units) for c in built[name])
        saved = 1 - nested_chars / flat_chars
        print(
            f"{name:22} {total:>6} {units:>6} {groups:>6} {readings:>5} {flat_chars:>10,} "
            f"{nested_chars:>12,} {saved:>6.1%} {before:>4} → {repeated:<2} {seconds:>5.1f} "
            f"{nest_seconds:>6.2f}"
        )
    print("\nother thresholds (units nested / characters saved):")
    print(f"{'share':>5} {'words':>5} {'run':>4} " + " ".join(f"{n:>22}" for n in corpora))
    for share, words, run in itertools.product((0.8, 0.85, 0.9, 0.95), (6, 12, 25), (8, None)):
        settings = Settings(nest_share=share, nest_min_words=words, nest_run=run)
        cells = []
        for name in corpora:
            regrouped = [with_reading_groups(flat(c), settings) for c in built[name]]
            units, _, _, flat_chars, nested_chars, repeated = figures(regrouped)
            cells.append(f"{units:>4} / {1 - nested_chars / flat_chars:5.1%} / {repeated}")
        print(f"{share:>5} {words:>5} {run or '-':>4} " + " ".join(f"{c:>22}" for c in cells))


if __name__ == "__main__":
    main()
