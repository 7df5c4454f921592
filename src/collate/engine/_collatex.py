"""CollateX as an alternative aligner (``--engine collatex``), segment group by segment group.

Our own collation first finds where the base's paragraphs begin in every witness (where an
agreement runs through the paragraph break); the text between two such points is a segment
group. CollateX (the Python package) aligns the tokens of each group — our tokens, with their
normalized forms as CollateX's ``n`` — and its alignment table becomes our units: a run of
columns where the witnesses' tokens differ is one unit, and columns where every witness has the
same text are agreements. Every witness is still rebuilt exactly, and units get our types and
classes.

CollateX's time grows fast with a group's length, so a group with more than
`MAX_SEGMENT_TOKENS` tokens in some witness is refused with a message naming the limit, and so
is, before CollateX starts, a collation whose cost would pass `MAX_COLLATEX_CELLS`. CollateX
aligns each witness in turn with the graph of those before it, a table of the graph's length by
the witness's tokens that costs about 30 µs a cell in its Python port: a collation's cost is
the sum, over segment groups and witnesses after the first, of its tokens times the longest
witness before it (3 × 1,400 tokens: 3.9 million cells, more than two minutes).
"""

from __future__ import annotations

import itertools
import json
from bisect import bisect_left
from collections.abc import Callable, Sequence

from collate.engine._nway import unit_type
from collate.engine._segment import paragraphs
from collate.errors import CollationError
from collate.model import (
    Agreement,
    AlignedSegment,
    Collation,
    Reading,
    Token,
    Unit,
    UnitType,
    VariantClass,
    Witness,
)

__all__ = ["MAX_COLLATEX_CELLS", "MAX_SEGMENT_TOKENS", "collatex_cells", "realign_with_collatex"]

MAX_SEGMENT_TOKENS = 1500
MAX_COLLATEX_CELLS = 1_500_000
"""About a minute of CollateX's time (the letters, 83 groups: 0.5 million cells, 8–16 s)."""


def realign_with_collatex(
    ours: Collation, classify: Callable[[UnitType, dict[str, Reading]], VariantClass]
) -> Collation:
    """The witnesses of ``ours`` aligned again by CollateX inside each segment group."""
    witnesses = ours.witnesses
    cuts = _cuts(ours)
    units: list[tuple[int, UnitType, dict[str, Reading]]] = []
    agreements: list[Agreement] = []
    segments = []
    bounds = list(itertools.pairwise(cuts))
    every_group = [
        [_tokens_in(w, starts[i], ends[i]) for i, w in enumerate(witnesses)]
        for starts, ends in bounds
    ]
    for number, groups in enumerate(every_group, start=1):
        for siglum, tokens in zip(ours.sigla, groups, strict=True):
            if len(tokens) > MAX_SEGMENT_TOKENS:
                raise CollationError(
                    f"--engine collatex: segment {number} has {len(tokens)} tokens in {siglum}; "
                    f"CollateX is given at most {MAX_SEGMENT_TOKENS} per segment (its time "
                    "grows fast with length): use the default engine"
                )
    cells = sum(collatex_cells([len(g) for g in groups]) for groups in every_group)
    if cells > MAX_COLLATEX_CELLS:
        raise CollationError(
            f"--engine collatex: CollateX would fill about {cells:,} cells here, roughly "
            f"{cells * 30e-6 / 60:.0f} minutes (the limit is {MAX_COLLATEX_CELLS:,}, about a "
            "minute): use the default engine"
        )
    for number, ((starts, ends), groups) in enumerate(zip(bounds, every_group, strict=True), 1):
        segments.append(
            AlignedSegment(
                number, {w.siglum: (starts[i], ends[i]) for i, w in enumerate(witnesses)}
            )
        )
        columns = _collatex_columns(witnesses, groups, number)
        position = list(starts)
        pending: list[list[tuple[int, int]]] | None = None
        for column in [*columns, None]:
            same = column is not None and len({text for text, _ in column}) == 1
            if (column is None or same) and pending is not None:
                readings = {
                    w.siglum: Reading(span[0][0], span[-1][1], w.text[span[0][0] : span[-1][1]])
                    for w, span in zip(witnesses, pending, strict=True)
                }
                kind = unit_type(readings, witnesses[0].siglum)
                units.append((number, kind, readings))
                pending = None
            if column is None:
                break
            widths = [len(text) for text, _ in column]
            spans = [(position[i], position[i] + widths[i]) for i in range(len(witnesses))]
            if same:
                text = column[0][0]
                if text:
                    _agree(
                        agreements, text, {w.siglum: spans[i][0] for i, w in enumerate(witnesses)}
                    )
            else:
                pending = (
                    [[s] for s in spans]
                    if pending is None
                    else [[*p, s] for p, s in zip(pending, spans, strict=True)]
                )
            position = [s[1] for s in spans]
    collation_units = tuple(
        Unit(
            id=f"u{number}",
            type=kind,
            segment=segment,
            readings=readings,
            variant_class=classify(kind, readings),
        )
        for number, (segment, kind, readings) in enumerate(units, start=1)
    )
    return Collation(
        witnesses=witnesses,
        units=collation_units,
        agreements=tuple(agreements),
        segments=tuple(segments),
    )


def collatex_cells(lengths: Sequence[int]) -> int:
    """The cost of CollateX aligning witnesses of these token counts: each witness after the
    first times the longest one before it.

    >>> collatex_cells([1400, 1400, 1400])
    3920000
    """
    cells = longest = 0
    for length in lengths:
        if length and longest:
            cells += length * longest
        longest = max(longest, length)
    return cells


def _cuts(ours: Collation) -> list[list[int]]:
    """Offsets, in every witness, where a segment group begins: 0, each base paragraph start
    that an agreement runs through, and the ends of the texts."""
    base = ours.base
    agreement_starts = sorted((a.starts[base.siglum], a) for a in ours.agreements)
    keys = [start for start, _ in agreement_starts]
    cuts = [[0] * len(ours.witnesses)]
    for paragraph in paragraphs(base)[1:]:
        offset = base.tokens[paragraph.start].start
        index = bisect_left(keys, offset + 1) - 1
        if index < 0:
            continue
        start, agreement = agreement_starts[index]
        if not start < offset < start + len(agreement.text):
            continue
        cut = [agreement.starts[w.siglum] + offset - start for w in ours.witnesses]
        if all(c > p for c, p in zip(cut, cuts[-1], strict=True)):
            cuts.append(cut)
    cuts.append([len(w.text) for w in ours.witnesses])
    return cuts


def _tokens_in(witness: Witness, start: int, end: int) -> list[tuple[str, str]]:
    """The group's text as (text with its whitespace, normalized form): whitespace before the
    first token is a token of its own, so the texts join back exactly."""
    tokens: list[Token] = [t for t in witness.tokens if start <= t.start < end]
    found = []
    first = tokens[0].start if tokens else end
    if first > start:
        found.append((witness.text[start:first], ""))
    for token in tokens:
        stop = min(token.end + len(token.space), end)
        found.append((witness.text[token.start : stop], token.normalized))
    return found


def _collatex_columns(
    witnesses: Sequence[Witness], groups: list[list[tuple[str, str]]], number: int
) -> list[list[tuple[str, int]]]:
    """CollateX's alignment table for one group: per column, each witness's (text, tokens)."""
    from collatex import collate as collatex_collate

    present = [i for i, group in enumerate(groups) if group]
    if len(present) < 2:
        return [[("".join(t for t, _ in group), len(group)) for group in groups]]
    data = {
        "witnesses": [
            {"id": str(i), "tokens": [{"t": t, "n": n or t} for t, n in groups[i]]} for i in present
        ]
    }
    try:
        table = json.loads(collatex_collate(data, output="json", segmentation=False))["table"]
    except Exception as error:  # CollateX's own failures (its Python port has several)
        raise CollationError(
            f"--engine collatex: CollateX failed on segment {number} ({type(error).__name__}: "
            f"{error}); use the default engine"
        ) from None
    rows = dict(zip(present, table, strict=True))
    width = len(table[0]) if table else 0
    columns = []
    for k in range(width):
        column = []
        for i in range(len(groups)):
            cell = rows[i][k] if i in rows else None
            tokens = cell or []
            column.append(("".join(token["t"] for token in tokens), len(tokens)))
        columns.append(column)
    return columns


def _agree(agreements: list[Agreement], text: str, starts: dict[str, int]) -> None:
    if agreements:
        last = agreements[-1]
        if all(last.starts[s] + len(last.text) == starts[s] for s in starts):
            agreements[-1] = Agreement(last.text + text, last.starts)
            return
    agreements.append(Agreement(text, starts))
