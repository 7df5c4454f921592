"""The n-way alignment scored against the Florilegium's hand-aligned table.

`../shared/corpora/florilegium/florilegium.csv` aligns 13 manuscripts word by word: 280 rows,
one per aligned position (the four "a.c." columns are left out; ``#LACUNA#`` and empty cells
are no word). Each manuscript is rebuilt from its column, one token per cell, and the 13 are
collated (base A). Our alignment becomes a table of columns: tokens of an agreement line up by
position; inside a unit, each reading's tokens line up with the base reading's by their
normalized forms (the longest common subsequence), and the tokens between two matches by
position when both sides have the same number, else in columns of their own.

Scores: how many of the 280 hand rows come out exactly as one of our columns, and pairwise
precision and recall over all pairs of aligned tokens of different manuscripts.

    .venv/bin/python benchmarks/florilegium.py
"""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

import collate
from collate.model import Collation, Token, Witness
from collate.tokenize import normalize

TABLE = (
    Path(__file__).resolve().parent.parent.parent
    / "shared"
    / "corpora"
    / "florilegium"
    / "florilegium.csv"
)

Cell = tuple[str, int]  # (siglum, token index)


def read_table() -> tuple[list[str], list[list[str]]]:
    with TABLE.open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    header = rows[0]
    keep = [i for i, name in enumerate(header) if "a.c." not in name]
    return [header[i] for i in keep], [[row[i] for i in keep] for row in rows[1:]]


def witness(siglum: str, words: list[str]) -> Witness:
    """A witness whose tokens are exactly the table's cells."""
    tokens = []
    position = 0
    for word in words:
        tokens.append(Token(word, " ", position, normalize(word)))
        position += len(word) + 1
    return Witness(siglum, " ".join(words) + " ", tuple(tokens))


def hand_rows(sigla: list[str], rows: list[list[str]]) -> list[frozenset[Cell]]:
    counters = dict.fromkeys(sigla, 0)
    found = []
    for row in rows:
        cells = set()
        for siglum, word in zip(sigla, row, strict=True):
            if word and word != "#LACUNA#":
                cells.add((siglum, counters[siglum]))
                counters[siglum] += 1
        if cells:
            found.append(frozenset(cells))
    return found


def our_columns(collation: Collation) -> list[frozenset[Cell]]:
    starts = {w.siglum: {t.start: i for i, t in enumerate(w.tokens)} for w in collation.witnesses}

    def tokens(siglum: str, start: int, end: int) -> list[int]:
        return [i for offset, i in starts[siglum].items() if start <= offset < end]

    columns: list[frozenset[Cell]] = []
    for agreement in collation.agreements:
        per = {
            s: tokens(s, agreement.starts[s], agreement.starts[s] + len(agreement.text))
            for s in collation.sigla
        }
        for k in range(len(per[collation.sigla[0]])):
            columns.append(frozenset((s, per[s][k]) for s in collation.sigla if k < len(per[s])))
    base = collation.sigla[0]
    for unit in collation.units:
        per = {s: tokens(s, r.start, r.end) for s, r in unit.readings.items()}
        columns.extend(_unit_columns(collation, base, per))
    return columns


def _unit_columns(
    collation: Collation, base: str, per: dict[str, list[int]]
) -> list[frozenset[Cell]]:
    forms = {w.siglum: [t.normalized for t in w.tokens] for w in collation.witnesses}
    anchor = max(per, key=lambda s: (len(per[s]), s == base))
    slots: list[set[Cell]] = [{(anchor, i)} for i in per[anchor]]
    extra: list[set[Cell]] = []
    for siglum, indices in per.items():
        if siglum == anchor:
            continue
        a = [forms[anchor][i] for i in per[anchor]]
        b = [forms[siglum][i] for i in indices]
        pairs = _lcs(a, b)
        previous = (-1, -1)
        for x, y in [*pairs, (len(a), len(b))]:
            gap_a = range(previous[0] + 1, x)
            gap_b = range(previous[1] + 1, y)
            if len(gap_a) == len(gap_b):
                for i, j in zip(gap_a, gap_b, strict=True):
                    slots[i].add((siglum, indices[j]))
            else:
                extra.extend({(siglum, indices[j])} for j in gap_b)
            if x < len(a):
                slots[x].add((siglum, indices[y]))
            previous = (x, y)
    return [frozenset(s) for s in slots + extra]


def _lcs(a: list[str], b: list[str]) -> list[tuple[int, int]]:
    best = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            best[i][j] = (
                best[i + 1][j + 1] + 1 if a[i] == b[j] else max(best[i + 1][j], best[i][j + 1])
            )
    pairs = []
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            pairs.append((i, j))
            i += 1
            j += 1
        elif best[i + 1][j] >= best[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def pairs_of(groups: list[frozenset[Cell]]) -> set[frozenset[Cell]]:
    return {
        frozenset((x, y))
        for group in groups
        for x, y in itertools.combinations(sorted(group), 2)
        if x[0] != y[0]
    }


def main() -> None:
    sigla, rows = read_table()
    words = {
        s: [row[i] for row in rows if row[i] and row[i] != "#LACUNA#"] for i, s in enumerate(sigla)
    }
    witnesses = [witness(s, words[s]) for s in sigla]
    collation = collate.collate(witnesses)
    hand = hand_rows(sigla, rows)
    ours = our_columns(collation)
    exact = len(set(hand) & set(ours))
    hand_pairs, our_pairs = pairs_of(hand), pairs_of(ours)
    shared = len(hand_pairs & our_pairs)
    print(f"hand rows: {len(hand)}; our columns: {len(ours)}; units: {len(collation.units)}")
    print(f"rows exact: {exact} of {len(hand)}")
    print(
        f"pairwise precision {shared / len(our_pairs):.3f}, recall {shared / len(hand_pairs):.3f}"
    )


if __name__ == "__main__":
    main()
