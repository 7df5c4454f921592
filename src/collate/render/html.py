"""The collation as one self-contained HTML page (``--format html``).

The page holds everything (CSS and JavaScript inline, no request to the network) and is written
from a Jinja2 template with autoescaping, so witness text is always text: a witness that
contains ``<script>`` shows the characters ``<script>``. Data for the script goes through
Jinja2's ``tojson``, which escapes ``<``, ``>``, ``&`` and quotes.

This module builds the page's view model (pure data: the side-by-side rows, the inline view,
the apparatus entries, the overview marks); ``templates/collation.html`` lays it out and
``templates/collation.js`` makes it interactive:

- side by side: one column per witness, one row per aligned segment group, each column the
  witness's full text (``white-space: pre-wrap``), variants marked by type with more than colour
  (omission struck through, addition underlined, substitution boxed, transposition overlined
  and italic); a place where a witness has nothing is a ``‸`` drawn by CSS, not text;
- inline: the base text with the other readings in brackets after each variant;
- apparatus: the printed apparatus's entries, linked both ways with the variants;
- overview: a strip with a mark per variant at its place along the base text;
- keys ``n``/``p`` (next, previous variant), ``v`` (switch view), filters per type and per
  class (punctuation, orthographic, substantive).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from collate import __version__
from collate.apparatus import entries, transposed
from collate.engine import Row, alignment_rows
from collate.model import Collation, UnitType, VariantClass
from collate.render.apparatus_text import format_entry

__all__ = ["Piece", "environment", "render_html"]


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of text in a view: plain, or part of a variant unit."""

    text: str
    unit: str = ""
    """The unit's id, empty for agreeing text."""
    type: str = ""
    """The unit's type (``omission`` …), empty for agreeing text."""
    variant_class: str = ""
    """The unit's class (``punctuation`` …), empty for agreeing text."""
    gap: bool = False
    """True for the empty reading of a witness that has nothing at a variant."""
    same: bool = False
    """True for a witness that reads as the lemma does (many witnesses): marked lightly."""
    lacuna: bool = False
    """True for a witness that lacks the text here (a lacuna): greyed, marked "lac."."""
    label: str = ""
    """Inline view: the other witnesses' readings, printed after the variant."""


@cache
def environment() -> object:
    """The Jinja2 environment of the page templates (autoescaping on)."""
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("collate.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def render_html(collation: Collation) -> str:
    """The page, as a string."""
    rows = alignment_rows(collation)
    apparatus = entries(collation, rows)
    base = collation.base
    length = max(len(base.text), 1)
    first_row: dict[str, Row] = {}
    for row in rows:
        if row.unit is not None:
            first_row.setdefault(row.unit.id, row)
    units = [
        {
            "id": unit.id,
            "type": unit.type.value,
            "class": unit.variant_class.value,
            "pos": round(first_row[unit.id].readings[base.siglum].start / length, 5),
        }
        for unit in sorted(
            collation.units, key=lambda u: first_row[u.id].readings[base.siglum].start
        )
    ]
    counts = collation.counts()
    templates = environment()
    template = templates.get_template("collation.html")  # type: ignore[attr-defined]
    page: str = template.render(
        version=__version__,
        title=f"Collation of {', '.join(collation.sigla)}",
        witnesses=collation.witnesses,
        base=base.siglum,
        summary=[(kind.value, counts[kind]) for kind in UnitType],
        class_summary=[
            (kind.value, sum(1 for u in collation.units if u.variant_class is kind))
            for kind in VariantClass
        ],
        total=len(collation.units),
        agreement=[
            (w.siglum, f"{collation.agreement_share(w.siglum):.1%}") for w in collation.witnesses
        ],
        side_by_side=_side_by_side(collation),
        inline=_inline(collation, rows),
        entries=[
            {
                "unit": entry.unit.id,
                "type": entry.unit.type.value,
                "class": entry.unit.variant_class.value,
                "reference": entry.reference,
                "text": format_entry(entry),
            }
            for entry in apparatus
        ],
        units=units,
    )
    return page


def _side_by_side(collation: Collation) -> list[dict[str, object]]:
    """One row per aligned segment group: each witness's text there, cut into pieces."""
    pieces = {s: _witness_pieces(collation, s) for s in collation.sigla}
    cuts = {s: _cuts(collation, s) for s in collation.sigla}
    result = []
    cursor = dict.fromkeys(collation.sigla, 0)
    for index, segment in enumerate(collation.segments):
        cells = []
        for siglum in collation.sigla:
            start, end = cuts[siglum][index]
            cell, cursor[siglum] = _clip(pieces[siglum], cursor[siglum], start, end)
            cells.append({"siglum": siglum, "pieces": cell})
        result.append({"number": segment.number, "cells": cells})
    return result


def _cuts(collation: Collation, siglum: str) -> list[tuple[int, int]]:
    """Each segment group's stretch of the witness, widened so the stretches tile its text
    (whitespace between groups goes with the group before it)."""
    text_length = len(collation.witness(siglum).text)
    starts: list[int | None] = []
    for segment in collation.segments:
        first, last = segment.spans[siglum]
        starts.append(first if last > first else None)
    cuts = []
    previous_end = 0
    for index, start in enumerate(starts):
        if start is None:  # the witness lacks the group: an empty cell
            cuts.append((previous_end, previous_end))
            continue
        following = next((s for s in starts[index + 1 :] if s is not None), text_length)
        cuts.append((previous_end, following))
        previous_end = following
    return cuts


def _witness_pieces(collation: Collation, siglum: str) -> list[tuple[int, int, Piece]]:
    """The witness's text as (start, end, piece) in its own order: agreements and readings."""
    found: list[tuple[int, int, Piece]] = []
    for agreement in collation.agreements:
        start = agreement.starts[siglum]
        found.append((start, start + len(agreement.text), Piece(agreement.text)))
    base = collation.base.siglum
    for unit in collation.units:
        reading = unit.readings[siglum]
        holder = unit.lemma_siglum(base)
        same = (
            siglum != holder
            and reading.text == unit.readings[holder].text
            and siglum not in unit.lacunae
            and siglum not in unit.moved
        )
        found.append(
            (
                reading.start,
                reading.end,
                Piece(
                    reading.text,
                    unit.id,
                    unit.type.value,
                    unit.variant_class.value,
                    gap=not reading.text,
                    same=same,
                    lacuna=siglum in unit.lacunae,
                ),
            )
        )
    found.sort(key=lambda item: (item[0], item[1]))
    return found


def _clip(
    pieces: list[tuple[int, int, Piece]], cursor: int, start: int, end: int
) -> tuple[list[Piece], int]:
    """The pieces inside [start, end), cut at its edges, and where the next cell begins."""
    cell = []
    index = cursor
    while index < len(pieces):
        p_start, p_end, piece = pieces[index]
        if p_start >= end and not (piece.gap and p_start == end == start):
            break
        if p_end <= start and not (piece.gap and p_start == start):
            index += 1
            continue
        if piece.gap:
            cell.append(piece)
        else:
            lo, hi = max(p_start, start), min(p_end, end)
            if hi > lo:
                cell.append(replace(piece, text=piece.text[lo - p_start : hi - p_start]))
        if p_end > end:
            break
        index += 1
    return cell, index


def _inline(collation: Collation, rows: tuple[Row, ...]) -> list[Piece]:
    """The base text with each variant and, after it, the other witnesses' readings."""
    base = collation.base.siglum
    result = []
    for row in rows:
        if row.unit is None:
            result.append(Piece(row.readings[base].text))
            continue
        unit = row.unit
        holder = unit.lemma_siglum(base)
        text = row.readings[holder].text
        parts = []
        for siglum in collation.sigla:
            if siglum == holder or (
                row.readings[siglum].text == text and siglum not in unit.lacunae
            ):
                continue
            reading = " ".join(row.readings[siglum].text.split())
            if siglum in unit.lacunae:
                note = "lac."
            elif unit.type is UnitType.TRANSPOSITION:
                note = f"transp. here: {reading}" if row.moved_to else transposed(text, reading)
            elif not reading:
                note = "om." if text.strip() else "spacing"
            elif not text.strip():
                note = f"add. {reading}"
            elif reading == " ".join(text.split()):
                note = "spacing"
            else:
                note = reading
            parts.append(f"{siglum} {note}")
        result.append(
            Piece(
                text,
                unit.id,
                unit.type.value,
                unit.variant_class.value,
                gap=not text,
                label="; ".join(parts),
            )
        )
    return result
