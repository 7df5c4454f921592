"""Word columns: a collation as a table with one column per aligned word. Pure: no I/O.

A variant unit says what each witness reads at a place; an editor comparing many witnesses
also wants to see which word of one reading stands for which word of another (the table a
hand-aligned edition prints, or CollateX's alignment table without segmentation). Outside the
units every witness has the same tokens, so they line up one for one. Inside a unit the
readings are aligned progressively, longest first (among equals, the reading sharing most
words with the others), each against the columns built so far:

- tokens pair with columns holding the same normalized form, as many witnesses' tokens as can
  be (a column many witnesses share is preferred to a column of one; among equal columns, the
  pairing of the form that more of the readings still to come hold, so that of "x y z", "z y"
  and "y" the three y's share a column); of two equal choices the later column, so that of
  "a b" against "b a" the word that stands apart is a, the one that moved;
- tokens between two matches pair with the columns between them by position when there are
  as many of each; else those that resemble a column (Levenshtein ratio at least
  `NEAR_COLUMN`: a spelling variant) join it, and between those a reading shorter than the
  others has its words in the first columns, a longer one a column for each word.

>>> from collate import collate, witness_from_text
>>> c = collate([witness_from_text(t, s) for t, s in
...     [("he saw the cat", "A"), ("he saw a cat", "B"), ("he saw a black cat", "C")]])
>>> [" ".join(f"{s}{i}" for s, i in sorted(column.items())) for column in token_columns(c)]
['A0 B0 C0', 'A1 B1 C1', 'A2 B2 C2', 'C3', 'A3 B3 C4']
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Mapping, Sequence

from collate.engine._classify import near_ratio
from collate.engine._diff import diff_codes
from collate.engine._rows import alignment_rows
from collate.model import Collation, without_accents

__all__ = ["NEAR_COLUMN", "reading_columns", "token_columns"]

NEAR_COLUMN = 0.7
"""Similarity at which a token left over between two matches joins a column of other forms."""

# Above this many cells (columns × tokens) a reading is matched with the columns by a diff of
# their forms (`_in_order`), without weighing the columns, and no
# spelling variants are looked for: the full search would be slow, and such a unit is a
# rewritten passage anyway.
_MAX_CELLS = 200_000


class _Column:
    __slots__ = ("cells", "form", "forms")

    def __init__(self, form: str, cells: dict[str, int]) -> None:
        self.form = form
        self.cells = cells
        self.forms = {form: len(cells)}
        """How many of the column's witnesses have each form there."""

    def add(self, siglum: str, index: int, form: str) -> None:
        self.cells[siglum] = index
        self.forms[form] = self.forms.get(form, 0) + 1


def token_columns(collation: Collation, near_column: float = NEAR_COLUMN) -> list[dict[str, int]]:
    """The collation's tokens in columns, in the base's order: each column maps the sigla of
    the witnesses that have a token there to that token's index in `Witness.tokens`. Every
    token of every witness is in exactly one column. ``near_column``: see `NEAR_COLUMN`."""
    starts = {w.siglum: [t.start for t in w.tokens] for w in collation.witnesses}
    forms = {w.siglum: [t.normalized for t in w.tokens] for w in collation.witnesses}
    sigla = collation.sigla

    def indices(siglum: str, start: int, end: int) -> list[int]:
        offsets = starts[siglum]
        return list(range(bisect_left(offsets, start), bisect_left(offsets, end)))

    columns: list[dict[str, int]] = []
    for row in alignment_rows(collation):
        per = {s: indices(s, row.readings[s].start, row.readings[s].end) for s in sigla}
        if row.unit is None:
            found = list(per.values())
            depth = max(len(f) for f in found)
            if all(len(f) == depth for f in found):
                # an agreement: the same tokens in every witness, a column each (most of a text)
                columns.extend(
                    dict(zip(sigla, cells, strict=True)) for cells in zip(*found, strict=True)
                )
                continue
            for k in range(depth):
                columns.append({s: per[s][k] for s in sigla if k < len(per[s])})
            continue
        columns.extend(reading_columns(per, forms, sigla[0], near_column))
    return columns


def reading_columns(
    per: dict[str, list[int]],
    forms: dict[str, list[str]],
    base: str,
    near_column: float = NEAR_COLUMN,
    shared_run: int | None = None,
    rewrites_last: bool = False,
) -> list[dict[str, int]]:
    """The tokens of one unit's readings in columns: ``per`` gives each witness's token
    indices there, ``forms`` each witness's normalized forms by token index; ``base`` wins ties
    of length. Columns map sigla to token indices, as in `token_columns`. ``shared_run``: a
    reading that has at least this many tokens in a row the same as consecutive columns is
    lined up on them before any other pairing (`Settings.shared_run`); None: no such runs
    looked for. ``rewrites_last``: a reading that shares fewer than half its tokens' forms
    with the other readings is lined up after those that share more
    (`Settings.rewrite_columns_last`)."""
    return [
        column.cells
        for column in _align_readings(per, forms, base, near_column, shared_run, rewrites_last)
    ]


def _align_readings(
    per: dict[str, list[int]],
    forms: dict[str, list[str]],
    base: str,
    near_column: float,
    shared_run: int | None = None,
    rewrites_last: bool = False,
) -> list[_Column]:
    words = {s: [forms[s][i] for i in per[s]] for s in per}
    # the readings that hold each form or a spelling of it (each reading counted once)
    holds = _held_forms(words, near_column) if _weighs_held_forms(per) else {s: set() for s in per}
    holding = Counter(form for s in per for form in holds[s])
    # (with ``rewrites_last``, the readings that share at least half their tokens' forms with
    # the others first, so that a rewrite's stray "and" or "my" sets no column the others
    # are lined up on), longest first; among equals the one sharing most forms with the
    # others (so that of "a x", "b y", "a b" the last, which shares a word with each, comes
    # first), then the base, then by siglum: never by the order given
    rewrite = {
        s: rewrites_last and 2 * sum(1 for f in words[s] if holding[f] > 1) < len(words[s])
        for s in per
    }
    order = sorted(
        per,
        key=lambda s: (
            rewrite[s],
            -len(per[s]),
            -sum(holding[f] - 1 for f in holds[s]),
            s != base,
            s,
        ),
    )
    columns: list[_Column] = []
    for siglum in order:
        mine = words[siglum]
        for form in holds[siglum]:
            holding[form] -= 1  # now: the readings still to come that hold it
        if not mine:
            continue
        pairs = _matches(columns, mine, holding, shared_run)
        merged: list[_Column] = []
        previous = (-1, -1)
        for x, y in [*pairs, (len(columns), len(mine))]:
            gap_columns = columns[previous[0] + 1 : x]
            gap_tokens = range(previous[1] + 1, y)
            if len(gap_columns) == len(gap_tokens):
                for column, j in zip(gap_columns, gap_tokens, strict=True):
                    column.add(siglum, per[siglum][j], mine[j])
                    merged.append(column)
            else:
                merged.extend(
                    _near_merge(gap_columns, gap_tokens, (mine, siglum, per[siglum]), near_column)
                )
            if x < len(columns):
                columns[x].add(siglum, per[siglum][y], mine[y])
                merged.append(columns[x])
            previous = (x, y)
        columns = merged
    return columns


def _weighs_held_forms(per: Mapping[str, list[int]]) -> bool:
    """Whether the forms each reading holds can change how a unit's readings are aligned: not
    for two readings, where each holds as many of the other's forms as the other holds of its
    (the same order), and none is still to come when the second is matched (the same
    weights). Two witnesses then skip comparing every pair of forms in every unit."""
    return len(per) > 2


# Above this many distinct forms in one unit, a form is looked for in the readings to come
# only as itself, not in other spellings (a rewritten passage; the search is quadratic).
_MAX_ALIKE_FORMS = 64


def _held_forms(words: Mapping[str, list[str]], near_column: float) -> dict[str, set[str]]:
    """For each reading, the forms it holds: its own, and those its words are spellings of
    (at least ``near_column`` alike, accents aside), so that a word spelt otherwise in some
    witnesses ("ἑστῶσα" / "ἰστῶσα") counts as held by them."""
    distinct = sorted({form for found in words.values() for form in found})
    if len(distinct) > _MAX_ALIKE_FORMS or near_column >= 1:
        return {s: set(found) for s, found in words.items()}
    bare = {form: without_accents(form) for form in distinct}
    alike: dict[str, set[str]] = {form: {form} for form in distinct}
    for k, first in enumerate(distinct):
        for second in distinct[k + 1 :]:
            if near_ratio(bare[first], bare[second]) >= near_column:
                alike[first].add(second)
                alike[second].add(first)
    return {s: {a for form in found for a in alike[form]} for s, found in words.items()}


def _near_merge(
    columns: list[_Column],
    tokens: range,
    reading: tuple[list[str], str, list[int]],
    near_column: float,
) -> list[_Column]:
    """Columns and tokens of unequal number between two matches: first the longest chain of
    tokens that resemble a column (at least `NEAR_COLUMN` alike: spelling variants); between
    those, a reading with fewer tokens than columns has them in the first columns in order
    (its words stand for the others' first words), one with more has a column for each."""
    mine, siglum, indices = reading
    rows, cols = len(columns), len(tokens)
    # (over `_MAX_CELLS`, a rewritten passage: no spelling variants looked for)
    near = rows * cols <= _MAX_CELLS and near_column < 1
    chain = _near_chain(columns, [mine[j] for j in tokens], near_column) if near else []
    merged: list[_Column] = []
    previous = (-1, -1)
    for x, y in [*chain, (rows, cols)]:
        gap_columns = columns[previous[0] + 1 : x]
        gap_tokens = [tokens[k] for k in range(previous[1] + 1, y)]
        if len(gap_tokens) <= len(gap_columns):
            for column, j in zip(gap_columns, gap_tokens, strict=False):
                column.add(siglum, indices[j], mine[j])
        else:
            merged.extend(_Column(mine[j], {siglum: indices[j]}) for j in gap_tokens)
        merged.extend(gap_columns)
        if x < rows:
            columns[x].add(siglum, indices[tokens[y]], mine[tokens[y]])
            merged.append(columns[x])
        previous = (x, y)
    return merged


def _near_chain(
    columns: Sequence[_Column], forms: list[str], near_column: float
) -> list[tuple[int, int]]:
    """The longest chain, in order, of (column, token) pairs whose forms are at least
    `NEAR_COLUMN` alike."""
    return _heaviest_chain(
        [
            [
                int(any(near_ratio(form, token) >= near_column for form in column.forms))
                for token in forms
            ]
            for column in columns
        ]
    )


def _matches(
    columns: Sequence[_Column],
    mine: list[str],
    to_come: Mapping[str, int],
    shared_run: int | None = None,
) -> list[tuple[int, int]]:
    """Pairs (column, token) of equal forms, in order, that weigh most: each pair weighs the
    witnesses that will share its column (those in it, and the readings still to come that hold
    the form), and of two equal choices the later column wins. A pair inside a run of at least
    ``shared_run`` equal pairs in a row (consecutive tokens in consecutive columns) weighs
    more than all other pairs together: words a reading shares in a run with another are
    lined up on it, not scattered over wider columns of single words elsewhere."""
    rows, cols = len(columns), len(mine)
    if rows == 0:
        return []
    if rows * cols > _MAX_CELLS:
        return _in_order(columns, mine)
    # A pair weighs the witnesses that have its form in its column, and the readings to come
    # that hold it, times `scale`, plus its column's position: of "x y z" and "z y", y is kept
    # in one column when "y" is still to come (three witnesses share it, two z); of two equal
    # choices the later column is taken, so a word that moved is the one that stands apart
    # ("a b" against "b a": b is shared, a moved).
    scale = 1 + rows * rows
    witnesses = 1 + max(to_come.values(), default=0)
    weights = [
        [
            scale * (count * witnesses + to_come.get(token, 0)) + i
            if (count := column.forms.get(token))
            else 0
            for token in mine
        ]
        for i, column in enumerate(columns)
    ]
    if shared_run:
        _weigh_runs(weights, shared_run)
    return _heaviest_chain(weights)


def _weigh_runs(weights: list[list[int]], least: int) -> None:
    """Adds to each pair inside a run of at least ``least`` pairs on one diagonal (consecutive
    tokens in consecutive columns, a lone unpaired word between them allowed: a word one
    reading spells or replaces otherwise inside the words it shares) more than the other pairs
    can weigh together, in place."""
    rows, cols = len(weights), len(weights[0])
    bonus = 1 + min(rows, cols) * max(max(row) for row in weights)
    for d in range(1 - cols, rows):  # the diagonal i - j = d
        i, j = max(d, 0), max(-d, 0)
        run: list[int] = []  # the rows of the run's pairs so far
        while True:
            inside = i < rows and j < cols
            if inside and weights[i][j] > 0:
                if run and i - run[-1] > 2:  # more than one unpaired word between
                    _add_bonus(weights, run, d, least, bonus)
                    run = []
                run.append(i)
            if not inside:
                _add_bonus(weights, run, d, least, bonus)
                break
            i, j = i + 1, j + 1


def _add_bonus(weights: list[list[int]], run: list[int], d: int, least: int, bonus: int) -> None:
    if len(run) >= least:
        for i in run:
            weights[i][i - d] += bonus


def _heaviest_chain(weights: list[list[int]]) -> list[tuple[int, int]]:
    """The pairs (row, column), both increasing, whose weights sum highest; a weight of 0 is
    no pair."""
    rows, cols = len(weights), len(weights[0]) if weights else 0
    best = [[0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        below, here, weight = best[i + 1], best[i], weights[i]
        for j in range(cols - 1, -1, -1):
            value = max(below[j], here[j + 1])
            if weight[j]:
                value = max(value, below[j + 1] + weight[j])
            here[j] = value
    chain = []
    i = j = 0
    while i < rows and j < cols:
        if weights[i][j] and best[i][j] == best[i + 1][j + 1] + weights[i][j]:
            chain.append((i, j))
            i, j = i + 1, j + 1
        elif best[i + 1][j] >= best[i][j + 1]:
            i += 1
        else:
            j += 1
    return chain


def _in_order(columns: Sequence[_Column], mine: list[str]) -> list[tuple[int, int]]:
    """Pairs of equal forms in order: the equalities of a diff of the columns' first forms
    with the tokens (`collate.engine._diff`, linear where the readings mostly agree), so that
    a word one reading lacks does not pull the rest of it out of line."""
    codes: dict[str, str] = {}

    def coded(forms: Sequence[str]) -> str:
        return "".join(codes.setdefault(form, _code(len(codes))) for form in forms)

    pairs: list[tuple[int, int]] = []
    i = j = 0
    for operation, chunk in diff_codes(coded([c.form for c in columns]), coded(mine)):
        if operation == 0:
            pairs.extend((i + k, j + k) for k in range(len(chunk)))
        if operation <= 0:
            i += len(chunk)
        if operation >= 0:
            j += len(chunk)
    return pairs


def _code(number: int) -> str:
    """A character for the ``number``-th distinct form (surrogates skipped)."""
    return chr(0x100 + number + (0x800 if number >= 0xD800 - 0x100 else 0))
