"""A collation as one sequence of rows that every witness reads in order. Pure: no I/O.

An apparatus in parallel segmentation, a table or a TEI file needs the collation as a single
line: agreements and variant units one after another, so that each witness's text is its cells
in order. Agreements and ordinary units already run in the same order in every witness; a
transposition does not (the words stand early in one witness and late in the other), so it
becomes two rows: one at the base's place, where the other witness has nothing, and one at the
other witness's place, where the base has nothing.

`paragraph_blocks` then cuts the rows at the base text's paragraph breaks, for formats that
print paragraphs.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from collate.engine._segment import paragraphs, sentences
from collate.model import Collation, Reading, Unit, UnitType

__all__ = ["Block", "References", "Row", "alignment_rows", "paragraph_blocks"]

# Characters that may stand between two paragraphs outside them: XML's whitespace (other
# spaces, such as U+00A0, are text to an XML schema and stay inside a paragraph).
_SEPARATOR_SPACE = frozenset(" \t\n\r")


@dataclass(frozen=True, slots=True)
class Row:
    """One step of the aligned text: what each witness has there."""

    readings: Mapping[str, Reading]
    """Each witness's text at this step, by siglum (empty where it has none)."""
    unit: Unit | None = None
    """The variant unit, or None where all witnesses agree."""
    moved_to: bool = False
    """For a transposition: True on the row at the other witness's place (the base's reading
    is empty there), False on the row at the base's place."""

    @property
    def is_variant(self) -> bool:
        """True where the witnesses differ."""
        return self.unit is not None


@dataclass(frozen=True, slots=True)
class Block:
    """Rows of one or more base paragraphs, and the whitespace that follows them."""

    rows: tuple[Row, ...]
    """The rows inside the paragraph (two base paragraphs joined by a variant are one block)."""
    separator: str
    """The base text's whitespace after the paragraph (paragraph break, or final newline)."""


def alignment_rows(collation: Collation) -> tuple[Row, ...]:
    """The agreements and units as one sequence in the order of every witness's text.

    Joining each witness's readings over the rows rebuilds that witness exactly.

    >>> from collate import collate, witness_from_text
    >>> c = collate([witness_from_text("a b c", "A"), witness_from_text("a x c", "B")])
    >>> [(r.readings["A"].text, r.readings["B"].text) for r in alignment_rows(c)]
    [('a ', 'a '), ('b', 'x'), (' c', ' c')]
    """
    sigla = collation.sigla
    base = sigla[0]
    # (base offset, other offsets..., row) for everything that runs in order
    ordered: list[Row] = [
        Row({s: Reading(a.starts[s], a.starts[s] + len(a.text), a.text) for s in sigla})
        for a in collation.agreements
    ]
    # a transposition holds the moved witnesses' words at their own place, out of order
    ordered += [Row(u.readings, u) for u in collation.units if not _split(u)]
    ordered.sort(key=lambda row: tuple((row.readings[s].start, row.readings[s].end) for s in sigla))
    moves = [u for u in collation.units if _split(u)]
    if not moves:
        return tuple(ordered)
    # each half of a transposition goes before the first row that starts at or after it in
    # the witness whose text it holds (after a row of nothing in that witness where the half
    # starts: an omission there comes before the moved words, so each witness runs in order)
    starts = {s: [row.readings[s].start for row in ordered] for s in sigla}
    placed: list[tuple[int, int, int, Unit, tuple[str, ...]]] = []
    for unit in moves:
        moved = unit.moved
        stay = tuple(s for s in sigla if s not in moved)
        # the witnesses that moved the words have them at one place (`collate.engine._nway` joins
        # a transposition's places only then): one row for them all
        for group in (stay, moved):
            holder = group[0]
            reading = unit.readings[holder]
            index = bisect_left(starts[holder], reading.start)
            while index < len(ordered) and (
                ordered[index].readings[holder].start
                == ordered[index].readings[holder].end
                == reading.start
            ):
                index += 1
            placed.append((index, reading.start, 0 if holder == base else 1, unit, group))
    placed.sort(key=lambda entry: entry[:3])
    rows: list[Row] = []
    position = dict.fromkeys(sigla, 0)
    cursor = 0

    def emit(row: Row) -> None:
        rows.append(row)
        for s in sigla:
            position[s] = row.readings[s].end

    for index, _, _, unit, group in placed:
        while cursor < index:
            emit(ordered[cursor])
            cursor += 1
        readings = {
            s: unit.readings[s] if s in group else Reading(position[s], position[s], "")
            for s in sigla
        }
        emit(Row(readings, unit, moved_to=base not in group))
    for row in ordered[cursor:]:
        emit(row)
    return tuple(rows)


def _split(unit: Unit) -> bool:
    """A transposition whose moved witnesses' words stand at their own place."""
    return unit.type is UnitType.TRANSPOSITION and bool(unit.moved)


def paragraph_blocks(collation: Collation, rows: Sequence[Row] | None = None) -> tuple[Block, ...]:
    """The rows cut at the base text's paragraph breaks.

    A break that lies inside an agreement becomes a block's separator; one that a variant
    spans (a paragraph joined to the next in the other witness) stays inside the variant, and
    the two paragraphs are one block. Whitespace before the first paragraph is the separator of
    a first block with no rows. Joining each block's rows and separator rebuilds the base, and
    every witness (the separators are agreements).
    """
    base = collation.base.siglum
    breaks = paragraph_breaks(collation)
    blocks: list[Block] = []
    current: list[Row] = []
    k = 0
    for row in alignment_rows(collation) if rows is None else rows:
        reading = row.readings[base]
        if row.unit is not None:
            while k < len(breaks) and breaks[k][0] < reading.end:
                k += 1
            current.append(row)
            continue
        remainder = row
        while k < len(breaks) and breaks[k][0] < remainder.readings[base].end:
            start, end = breaks[k]
            k += 1
            reading = remainder.readings[base]
            text = collation.base.text[start:end]
            if start < reading.start or end > reading.end or not set(text) <= _SEPARATOR_SPACE:
                continue
            before, rest = _cut(remainder, start, base)
            _, remainder = _cut(rest, end, base)
            if before.readings[base].text:
                current.append(before)
            blocks.append(Block(tuple(current), text))
            current = []
        if remainder.readings[base].text:
            current.append(remainder)
    if current:
        blocks.append(Block(tuple(current), ""))
    return tuple(blocks)


def _cut(row: Row, offset: int, base: str) -> tuple[Row, Row]:
    """Split an agreement row at a base offset (every witness has the same text there)."""
    cut = offset - row.readings[base].start
    first = {}
    second = {}
    for siglum, reading in row.readings.items():
        middle = reading.start + cut
        first[siglum] = Reading(reading.start, middle, reading.text[:cut])
        second[siglum] = Reading(middle, reading.end, reading.text[cut:])
    return Row(first), Row(second)


def paragraph_breaks(collation: Collation) -> list[tuple[int, int]]:
    """The base text's paragraph separators as character spans, leading and trailing
    whitespace included (a leading span starts at 0, a trailing one ends at the text's end)."""
    base = collation.base
    tokens = base.tokens
    spans = []
    lead = base.leading_space
    if lead:
        spans.append((0, len(lead)))
    for paragraph in paragraphs(base):
        last = tokens[paragraph.end - 1]
        if last.space:
            spans.append((last.end, last.end + len(last.space)))
    return spans


class References:
    """Where a place of the base text is: ``paragraph.sentence``, both counted from 1.

    >>> from collate.witnesses import witness_from_text
    >>> from collate import collate
    >>> refs = References(collate([witness_from_text("A b. C d.\\n\\nE f.", "A"),
    ...                            witness_from_text("A b.", "B")]))
    >>> refs.at(0), refs.at(6), refs.at(11)
    ('1.1', '1.2', '2.1')
    """

    def __init__(self, collation: Collation) -> None:
        base = collation.base
        self._base = base
        tokens = base.tokens
        self.token_starts = [t.start for t in tokens]
        """Offsets of the base's tokens, for looking places up by bisection."""
        self._starts: list[int] = []
        self._labels: list[str] = []
        for p_number, paragraph in enumerate(paragraphs(base), start=1):
            for s_number, sentence in enumerate(
                sentences(tokens, paragraph.start, paragraph.end), start=1
            ):
                self._starts.append(tokens[sentence.start].start if self._starts else 0)
                self._labels.append(f"{p_number}.{s_number}")

    @property
    def described(self) -> str:
        """What the references are, for an apparatus's header."""
        if any(location.verse for location in self._base.locations):
            return "verse line (v.), else page and line"
        if self._base.locations:
            return "page (p.) and line (l.) in the source"
        return "paragraph.sentence"

    def at(self, offset: int) -> str:
        """The reference of a base offset: its page and line or verse line where the base
        witness's source gives them (`collate.model.Location`), else the sentence it lies in
        (or, between sentences, the one before it)."""
        if self._base.locations:
            location = self._base.location_at(offset)
            if location is not None and location.label:
                return location.label
        index = bisect_right(self._starts, offset) - 1
        return self._labels[max(index, 0)] if self._labels else "1.1"
