"""The n-way alignment scored against the Florilegium's hand-aligned table.

`../shared/corpora/florilegium/florilegium.csv` aligns 13 manuscripts word by word: 280 rows,
one per aligned position (the four "a.c." columns are left out; ``#LACUNA#`` and empty cells
are no word). Each manuscript is rebuilt from its column, one token per cell, and the 13 are
collated (base A). Our alignment becomes a table of word columns (`collate.engine._columns`: tokens
of an agreement line up by position; inside a unit the readings are aligned word by word,
progressively).

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
from collate.engine import token_columns
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
    return [frozenset(column.items()) for column in token_columns(collation)]


def pairs_of(groups: list[frozenset[Cell]]) -> set[frozenset[Cell]]:
    return {
        frozenset((x, y))
        for group in groups
        for x, y in itertools.combinations(sorted(group), 2)
        if x[0] != y[0]
    }


def exact_rows(settings: collate.Settings | None = None) -> tuple[int, int]:
    """(hand rows that come out exactly as one of our columns, hand rows), with the engine's
    ``settings``."""
    sigla, rows = read_table()
    words = {
        s: [row[i] for row in rows if row[i] and row[i] != "#LACUNA#"] for i, s in enumerate(sigla)
    }
    collation = collate.collate([witness(s, words[s]) for s in sigla], settings=settings)
    near_column = (settings or collate.Settings()).near_column
    ours = [frozenset(c.items()) for c in token_columns(collation, near_column)]
    hand = hand_rows(sigla, rows)
    return len(set(hand) & set(ours)), len(hand)


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
