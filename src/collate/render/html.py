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
- table: one row per witness, one column per aligned word (the word columns of
  `collate.engine.token_columns`, what ``--words`` prints), columns where the witnesses differ
  shaded, drawn by the script a window of columns at a time;
- heat map: the base text, each word shaded by how many witnesses differ there (as Juxta's);
- histogram: the variation along the base text in bars; a click jumps to the place;
- variant graph: the selected unit's readings as nodes and the witnesses on the edges (SVG);
- a witness picker for the side-by-side view;
- keys ``n``/``p`` (next, previous variant), ``v`` (next view), filters per type and per
  class (layout, punctuation, orthographic, substantive; layout, differences of whitespace
  alone, off at first unless ``--layout include``).

The table, heat map and graph are drawn by the script from one compact JSON object (`_table`):
per word column, its unit, how many witnesses differ from the base there, and its cells.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache

from collate import __version__
from collate.apparatus import (
    Entry,
    Note,
    entry_for,
    folds_layout,
    is_layout_unit,
    layout_alone,
    layout_left_out,
    reading_type,
    transposed,
)
from collate.engine import References, Row, alignment_rows
from collate.model import Collation, Unit, UnitType, VariantClass
from collate.render import Layout
from collate.render.apparatus_text import format_entry, format_subvariants

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
    tip: str = ""
    """The editor's conjecture and note on the unit, shown as the variant's tooltip."""


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


HISTOGRAM_BARS = 120
"""Bars of the variation histogram along the base text."""
DEFAULT_COLUMNS = 4
"""Witnesses the side-by-side view shows at first (the picker shows the others)."""


def render_html(
    collation: Collation,
    columns: Sequence[Mapping[str, int]] | None = None,
    *,
    layout: Layout = Layout.OMIT,
) -> str:
    """The page, as a string. ``columns``: the collation's word columns
    (`collate.engine.token_columns`), for the table, the heat map and the variant graph;
    without them the page has the side-by-side and inline views only. ``layout``: units that
    differ only in whitespace are on the page but not marked, their **Classes** filter off,
    the summary says how many, and inside the other units readings that differ from the lemma
    only in whitespace are cited with it (``omit``), or marked as the others are
    (``include``)."""
    table = _table(collation, columns or [])
    rows = alignment_rows(collation)
    # every unit has its entry: the page's layout filter shows and hides those of layout alone
    apparatus = _all_entries(collation, rows, layout)
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
        if not unit.dropped
    ]
    omitted = layout is Layout.OMIT
    printed = [u for u in collation.units if not omitted or not is_layout_unit(u)]
    counts = Counter(unit.type for unit in printed)
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
        total=len(printed),
        left_out=layout_left_out(collation, "tick layout under Classes, or --layout include")
        if omitted
        else "",
        hidden_classes=[VariantClass.LAYOUT.value] if omitted else [],
        agreement=[
            (w.siglum, f"{collation.agreement_share(w.siglum):.1%}") for w in collation.witnesses
        ],
        side_by_side=_side_by_side(collation),
        inline=_inline(collation, rows, apparatus, layout),
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
        table=table,
        histogram=_histogram(collation, printed),
        shown=collation.sigla[:DEFAULT_COLUMNS],
    )
    return page


def _table(collation: Collation, columns: Sequence[Mapping[str, int]]) -> dict[str, object]:
    """The word columns for the script: ``cols`` holds, per column, ``[unit, differ, cells]``:
    the index of its unit in the page's unit list (-1 outside the units), how many witnesses
    differ there from the base (have another word or none; for a column the base has no word
    in, how many have one), and the cells (each witness's word with its whitespace, in sigla
    order, ``""`` for none), or one string where every witness has the same text."""
    from collate.render.table import token_cells

    sigla = list(collation.sigla)
    base = collation.base.siglum
    witnesses = {w.siglum: w for w in collation.witnesses}
    starts = {s: [t.start for t in witnesses[s].tokens] for s in sigla}
    normalized = {s: [t.normalized for t in witnesses[s].tokens] for s in sigla}
    ordered = sorted(collation.units, key=lambda u: u.readings[base].start)
    unit_index = {u.id: i for i, u in enumerate(ordered)}
    # each token's unit (its index in the page's list), -1 for a token outside the units
    owner = {s: [-1] * len(witnesses[s].tokens) for s in sigla}
    for unit in collation.units:
        for siglum in sigla:
            reading = unit.readings[siglum]
            first = bisect_left(starts[siglum], reading.start)
            last = bisect_left(starts[siglum], reading.end)
            owner[siglum][first:last] = [unit_index[unit.id]] * (last - first)
    cells = token_cells(collation)
    # as `word_rows`: a witness of whitespace only has no token, its text is a row of its own
    blank = [w.text if not w.tokens else "" for w in collation.witnesses]
    cols: list[list[object]] = [[-1, 0, blank]] if any(blank) else []
    others = [s for s in sigla if s != base]
    for column in columns:
        in_unit = -1
        for siglum, index in column.items():
            if owner[siglum][index] >= 0:
                in_unit = owner[siglum][index]
                break
        if base in column:
            form = normalized[base][column[base]]
            differ = sum(1 for s in others if s not in column or normalized[s][column[s]] != form)
        else:
            differ = len(column)
        texts = [cells[s][column[s]] if s in column else "" for s in sigla]
        same = len(column) == len(sigla) and texts.count(texts[0]) == len(texts)
        cols.append([in_unit, differ, texts[0] if same else texts])
    return {"sigla": sigla, "base": sigla.index(base), "cols": cols}


def _histogram(collation: Collation, units: Sequence[Unit]) -> list[dict[str, float]]:
    """Variation along the base text: per bar, the share of its base words inside a unit
    (``share``; an addition counts as a word) and the mean share of the other witnesses that
    read otherwise there (``depth``); ``units`` are those the page marks at first."""
    base = collation.base
    length = max(len(base.text), 1)
    words = [0] * HISTOGRAM_BARS
    varied = [0] * HISTOGRAM_BARS
    depth = [0.0] * HISTOGRAM_BARS
    others = max(len(collation.sigla) - 1, 1)

    def bar(offset: int) -> int:
        return min(HISTOGRAM_BARS - 1, offset * HISTOGRAM_BARS // length)

    for token in base.tokens:
        words[bar(token.start)] += 1
    starts = [t.start for t in base.tokens]
    for unit in units:
        lemma = unit.readings[unit.lemma_siglum(base.siglum)]
        reading = unit.readings[base.siglum]
        differ = sum(
            1 for s in collation.sigla if s != base.siglum and unit.readings[s].text != lemma.text
        ) or sum(1 for s in collation.sigla if s != base.siglum)
        first = bisect_left(starts, reading.start)
        last = bisect_left(starts, reading.end)
        places = [starts[i] for i in range(first, last)] or [reading.start]
        for offset in places:
            varied[bar(offset)] += 1
            depth[bar(offset)] += differ / others
    for index in range(HISTOGRAM_BARS):
        words[index] = max(words[index], varied[index])
    return [
        {
            "share": round(varied[i] / words[i], 3) if words[i] else 0.0,
            "depth": round(depth[i] / varied[i], 3) if varied[i] else 0.0,
        }
        for i in range(HISTOGRAM_BARS)
    ]


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
        if unit.dropped:
            # judged no variant by the editor: plain text
            found.append((reading.start, reading.end, Piece(reading.text)))
            continue
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
                    reading_type(unit, siglum, base).value,
                    unit.variant_class.value,
                    gap=not reading.text,
                    same=same,
                    lacuna=siglum in unit.lacunae,
                    tip=_tip(unit),
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


def _group_label(group: Note, lemma: str) -> str:
    """A group of readings as the inline view cites it: its reading (the lemma shortened, for
    the lemma's group), then its sub-variants."""
    if group.reading == " ".join(lemma.split()):
        words = group.text
    else:
        words = group.reading if lemma.strip() else f"add. {group.reading}"
    return f"{words} {format_subvariants(group)}"


def _all_entries(collation: Collation, rows: tuple[Row, ...], layout: Layout) -> tuple[Entry, ...]:
    """An entry for every unit row (as `collate.apparatus.entries` with ``Layout.INCLUDE``:
    the page holds the units of layout alone too, behind its filter), the readings of the
    others cited as ``layout`` says (`collate.apparatus.folds_layout`)."""
    references = References(collation)
    return tuple(
        entry_for(collation, row, references, layout)
        for row in rows
        if row.unit is not None and not row.moved_to and not row.unit.dropped
    )


def _inline(
    collation: Collation,
    rows: tuple[Row, ...],
    apparatus: tuple[Entry, ...],
    layout: Layout = Layout.INCLUDE,
) -> list[Piece]:
    """The base text with each variant and, after it, the other witnesses' readings (a group
    of readings that are mostly the same once, with its sub-variants, as the apparatus has it;
    with ``Layout.OMIT``, readings that differ from the lemma only in whitespace not cited)."""
    base = collation.base.siglum
    notes = {entry.unit.id: entry.notes for entry in apparatus}
    result = []
    for row in rows:
        if row.unit is None or row.unit.dropped:  # a dropped unit: no variant, plain text
            result.append(Piece(row.readings[base].text))
            continue
        unit = row.unit
        holder = unit.lemma_siglum(base)
        text = row.readings[holder].text
        fold = folds_layout(unit, layout, base)
        groups: dict[str, list[str]] = {}  # witnesses that read alike are cited together
        nested = {
            s: note for note in notes.get(unit.id, ()) if note.subvariants for s in note.sigla
        }
        for siglum in collation.sigla:
            if siglum in nested:
                # a group of readings: its reading once, with its sub-variants
                group = nested[siglum]
                if siglum == group.sigla[0]:
                    groups[_group_label(group, text)] = list(group.sigla)
                continue
            if siglum == holder or (
                siglum not in unit.lacunae
                and (
                    row.readings[siglum].text == text
                    or (fold and layout_alone(row.readings[siglum].text, text))
                )
            ):
                continue
            reading = " ".join(row.readings[siglum].text.split())
            if siglum in unit.lacunae:
                note = "lac."
            elif unit.transposes(siglum, base):
                note = f"transp. here: {reading}" if row.moved_to else transposed(text, reading)
            elif not reading:
                note = "om." if text.strip() else "spacing"
            elif not text.strip():
                note = f"add. {reading}"
            elif reading == " ".join(text.split()):
                note = "spacing"
            else:
                note = reading
            groups.setdefault(note, []).append(siglum)
        result.append(
            Piece(
                text,
                unit.id,
                unit.type.value,
                unit.variant_class.value,
                gap=not text,
                label="; ".join(
                    ([f"conj. {unit.conjecture}"] if unit.conjecture else [])
                    + [f"{' '.join(sigla)} {note}" for note, sigla in groups.items()]
                    + ([f"note: {unit.note}"] if unit.note else [])
                ),
                tip=_tip(unit),
            )
        )
    return result


def _tip(unit: Unit) -> str:
    """The tooltip of a unit the editor annotated: its conjecture and note."""
    parts = [f"{unit.id}: conj. {unit.conjecture}"] if unit.conjecture else []
    if unit.note:
        parts.append(f"{unit.id}: note: {unit.note}")
    return "\n".join(parts)
