"""The n-way alignment scored against the Florilegium's hand-aligned table.

`../shared/corpora/florilegium/florilegium.csv` aligns 13 manuscripts word by word: 280 rows,
one per aligned position (the four "a.c." columns are left out; ``#LACUNA#`` and empty cells
are no word). Each manuscript is rebuilt from its column, one token per cell, and the 13 are
collated (base A). Our alignment becomes a table of columns: tokens of an agreement line up by
position; inside a unit, each reading's tokens line up with the base reading's by their
normalized forms, progressively, longest reading first (longest common subsequence against the
columns so far), and the tokens between two matches by position when both sides have the same
number, else each to the most similar column (a spelling variant) or a column of its own.

Both engines are scored: ours, and CollateX inside our segment groups (``--engine collatex``).
Scores: how many of the 280 hand rows come out exactly as one of our columns, and pairwise
precision and recall over all pairs of aligned tokens of different manuscripts.

    .venv/bin/python benchmarks/florilegium.py
"""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

import collate
from collate.classify import near_ratio
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
    """Line up the tokens of a unit's readings: progressively, each reading against the columns
    so far by normalized form (longest common subsequence); tokens between two matches pair by
    position when both sides have as many, else become columns of their own, in order."""
    forms = {w.siglum: [t.normalized for t in w.tokens] for w in collation.witnesses}
    order = sorted(per, key=lambda s: (-len(per[s]), s != base))
    columns: list[tuple[str, set[Cell]]] = []
    for siglum in order:
        indices = per[siglum]
        mine = [forms[siglum][i] for i in indices]
        pairs = _lcs([form for form, _ in columns], mine)
        merged: list[tuple[str, set[Cell]]] = []
        previous = (-1, -1)
        for x, y in [*pairs, (len(columns), len(mine))]:
            gap_columns = columns[previous[0] + 1 : x]
            gap_tokens = list(range(previous[1] + 1, y))
            if len(gap_columns) == len(gap_tokens):
                for column, j in zip(gap_columns, gap_tokens, strict=True):
                    column[1].add((siglum, indices[j]))
                    merged.append(column)
            else:
                merged.extend(_near_merge(gap_columns, gap_tokens, mine, siglum, indices))
            if x < len(columns):
                columns[x][1].add((siglum, indices[y]))
                merged.append(columns[x])
            previous = (x, y)
        columns = merged
    return [frozenset(cells) for _, cells in columns]


def _near_merge(
    columns: list[tuple[str, set[Cell]]],
    tokens: list[int],
    mine: list[str],
    siglum: str,
    indices: list[int],
) -> list[tuple[str, set[Cell]]]:
    """Columns and tokens of unequal number: each token joins the most similar column after
    the last one joined (a spelling variant: Levenshtein ratio ≥ 0.6), else a column of its own
    in order."""
    merged: list[tuple[str, set[Cell]]] = []
    position = 0
    for j in tokens:
        scores = [
            (near_ratio(form, mine[j]), k)
            for k, (form, _) in enumerate(columns[position:], start=position)
        ]
        best = max(scores, default=(0.0, -1))
        if best[0] >= 0.6:
            merged.extend(columns[position : best[1]])
            columns[best[1]][1].add((siglum, indices[j]))
            merged.append(columns[best[1]])
            position = best[1] + 1
        else:
            merged.append((mine[j], {(siglum, indices[j])}))
    merged.extend(columns[position:])
    return merged


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
    hand = hand_rows(sigla, rows)
    hand_pairs = pairs_of(hand)
    print(f"hand rows: {len(hand)}")
    print(f"{'engine':10} {'units':>5} {'columns':>7} {'exact':>9} {'pair P':>7} {'pair R':>7}")
    for engine in ("collate", "collatex"):
        collation = collate.collate(witnesses, engine=engine)
        ours = our_columns(collation)
        exact = len(set(hand) & set(ours))
        our_pairs = pairs_of(ours)
        shared = len(hand_pairs & our_pairs)
        print(
            f"{engine:10} {len(collation.units):5} {len(ours):7} {exact:4} / {len(hand)} "
            f"{shared / len(our_pairs):7.3f} {shared / len(hand_pairs):7.3f}"
        )


if __name__ == "__main__":
    main()
