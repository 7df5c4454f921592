"""Other aligners run on the same tokens as `collate`, for the benchmarks' comparisons.

Each returns variant places as token spans ``((a_start, a_end), (b_start, b_end))``: every
stretch of tokens the aligner does not align as equal, in text order.
"""

from __future__ import annotations

import bisect
import difflib
import json
from collections.abc import Sequence

from diff_match_patch import diff_match_patch

from collate.engine import align_segments, paragraphs
from collate.model import Collation, Token, Witness

Span = tuple[int, int]
Place = tuple[Span, Span]


def token_span(tokens: Sequence[Token], starts: Sequence[int], start: int, end: int) -> Span:
    """Token indices covered by the characters ``start:end`` (an empty span where none are)."""
    first = bisect.bisect_left(starts, start)
    if first > 0 and tokens[first - 1].end > start:
        first -= 1
    last = first
    while last < len(tokens) and tokens[last].start < end:
        last += 1
    if last == first or not any(tokens[k].start < end for k in range(first, last)):
        return (first, first)
    return (first, last)


def collation_places(collation: Collation) -> list[Place]:
    """The units of a collate collation as token spans."""
    a, b = collation.witnesses
    starts_a = [t.start for t in a.tokens]
    starts_b = [t.start for t in b.tokens]
    places = []
    for unit in collation.units:
        ra, rb = unit.readings[a.siglum], unit.readings[b.siglum]
        places.append(
            (
                _trimmed_span(a, starts_a, ra.start, ra.end),
                _trimmed_span(b, starts_b, rb.start, rb.end),
            )
        )
    return places


def _trimmed_span(witness: Witness, starts: Sequence[int], start: int, end: int) -> Span:
    text = witness.text[start:end]
    stripped = text.strip()
    if not stripped:
        offset = start + len(text) - len(text.lstrip())
        return token_span(witness.tokens, starts, offset, offset)
    offset = start + len(text) - len(text.lstrip())
    return token_span(witness.tokens, starts, offset, offset + len(stripped))


def _codes(a: Witness, b: Witness) -> tuple[str, str]:
    table: dict[str, str] = {}
    code_a = "".join(table.setdefault(t.normalized, chr(0x10000 + len(table))) for t in a.tokens)
    code_b = "".join(table.setdefault(t.normalized, chr(0x10000 + len(table))) for t in b.tokens)
    return code_a, code_b


def difflib_places(a: Witness, b: Witness) -> list[Place]:
    """difflib.SequenceMatcher over the normalized tokens (autojunk off)."""
    matcher = difflib.SequenceMatcher(
        None, [t.normalized for t in a.tokens], [t.normalized for t in b.tokens], autojunk=False
    )
    return [((i1, i2), (j1, j2)) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def dmp_places(a: Witness, b: Witness) -> list[Place]:
    """Plain diff-match-patch over the normalized tokens (no clean-up, no time limit)."""
    differ = diff_match_patch()
    differ.Diff_Timeout = 0
    code_a, code_b = _codes(a, b)
    return _places_from_diffs(differ.diff_main(code_a, code_b, False))


def dmp_semantic_places(a: Witness, b: Witness) -> list[Place]:
    """diff-match-patch in word mode with its semantic clean-up, as a plain tool runs it."""
    differ = diff_match_patch()
    differ.Diff_Timeout = 0
    code_a, code_b = _codes(a, b)
    diffs = differ.diff_main(code_a, code_b, False)
    differ.diff_cleanupSemantic(diffs)
    return _places_from_diffs(diffs)


def nway_places(collation: Collation, siglum: str, nested: bool = False) -> list[Place]:
    """The places where one copy's reading differs from the base's, as token spans. With
    ``nested``, where the copy is in the base's group of a unit (it reads the lemma but for
    its sub-variants, `collate.model.ReadingGroup`), the sub-variants where it differs are its
    places there, as the nested apparatus gives them, rather than the whole unit."""
    base, copy = collation.witnesses[0], collation.witness(siglum)
    starts_base = [t.start for t in base.tokens]
    starts_copy = [t.start for t in copy.tokens]
    places = []
    for unit in collation.units:
        pieces = [(unit.readings[base.siglum], unit.readings[siglum])]
        group = next((g for g in unit.groups if g.reading == base.siglum), None)
        if nested and group is not None and siglum in group.sigla:
            pieces = [(s.readings[base.siglum], s.readings[siglum]) for s in group.subvariants]
        for rb, rc in pieces:
            if rb.text == rc.text:
                continue
            places.append(
                (
                    _trimmed_span(base, starts_base, rb.start, rb.end),
                    _trimmed_span(copy, starts_copy, rc.start, rc.end),
                )
            )
    return places


def _places_from_diffs(diffs: list[tuple[int, str]]) -> list[Place]:
    places: list[Place] = []
    i = j = 0
    pending: tuple[int, int] | None = None
    for operation, chunk in diffs:
        if operation == 0:
            if pending is not None:
                places.append(((pending[0], i), (pending[1], j)))
                pending = None
            i += len(chunk)
            j += len(chunk)
            continue
        if pending is None:
            pending = (i, j)
        if operation < 0:
            i += len(chunk)
        else:
            j += len(chunk)
    if pending is not None:
        places.append(((pending[0], i), (pending[1], j)))
    return places


def paragraph_groups(a: Witness, b: Witness) -> list[tuple[Span, Span]]:
    """Token spans of the paragraph groups `collate` aligns (shared with the baselines so that
    CollateX gets the same paragraphs)."""
    para_a, para_b = paragraphs(a), paragraphs(b)
    pairs = align_segments(
        [[t.normalized for t in a.tokens[s.start : s.end]] for s in para_a],
        [[t.normalized for t in b.tokens[s.start : s.end]] for s in para_b],
    )
    groups = []
    cursor_a = cursor_b = 0
    for pair in pairs:
        end_a = para_a[pair.a.stop - 1].end if pair.a.stop > pair.a.start else cursor_a
        end_b = para_b[pair.b.stop - 1].end if pair.b.stop > pair.b.start else cursor_b
        groups.append(((cursor_a, end_a), (cursor_b, end_b)))
        cursor_a, cursor_b = end_a, end_b
    return groups


def collatex_places(a: Witness, b: Witness) -> list[Place]:
    """CollateX (Python, 2.3) run paragraph group by paragraph group on the same tokens."""
    from collatex import collate as collatex_collate

    places: list[Place] = []
    for (a_lo, a_hi), (b_lo, b_hi) in paragraph_groups(a, b):
        if a_lo == a_hi or b_lo == b_hi:
            places.append(((a_lo, a_hi), (b_lo, b_hi)))
            continue
        data = {
            "witnesses": [
                {
                    "id": "A",
                    "tokens": [{"t": t.text + " ", "n": t.normalized} for t in a.tokens[a_lo:a_hi]],
                },
                {
                    "id": "B",
                    "tokens": [{"t": t.text + " ", "n": t.normalized} for t in b.tokens[b_lo:b_hi]],
                },
            ]
        }
        row_a, row_b = json.loads(collatex_collate(data, output="json", segmentation=False))[
            "table"
        ]
        i, j = a_lo, b_lo
        pending: tuple[int, int] | None = None
        for cell_a, cell_b in zip(row_a, row_b, strict=True):
            same = cell_a is not None and cell_b is not None and cell_a[0]["n"] == cell_b[0]["n"]
            if same and pending is not None:
                places.append(((pending[0], i), (pending[1], j)))
                pending = None
            elif not same and pending is None:
                pending = (i, j)
            i += len(cell_a) if cell_a else 0
            j += len(cell_b) if cell_b else 0
        if pending is not None:
            places.append(((pending[0], i), (pending[1], j)))
    return places
