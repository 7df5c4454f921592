"""The terminal view: the base text with every variant marked in place, or the witnesses side by
side, and a summary. Returns rich renderables; `collate.cli` prints them.

The marks follow the printed edition the project started from, so the view reads the same with
colour or without (``--no-color``, or output that is not a terminal)::

    on the ⸂uninterrupted⸃[B om.] expansion        the base's words that B lacks
    since [B add. indeed] all                       words B has and the base lacks
    ⸂significant⸃[B: enormous]                      B reads otherwise
    ⸂only more protractedly⸃[B transp.]             the words stand elsewhere in B
    ⸂When … ⸃[1869 1872: And if … (indefinite] in definite 1872)]
                                                    1869 and 1872 read alike but for a few
                                                    words (nested variation)

Whitespace that differs is shown with visible signs: ``¶`` a paragraph break, ``⏎`` a line
break, ``·`` a space.

Control characters in a witness (an escape sequence would retitle or recolour the terminal) are
shown as their Unicode control pictures, ``␛`` for ESC, ``␇`` for BEL, a lone carriage return
``␍``, DEL ``␡``, and the C1 controls as ``�``; the data formats keep them exactly.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import replace

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from collate.apparatus import (
    Note,
    collapse,
    folds_layout,
    is_layout_unit,
    isolated,
    layout_alone,
    layout_left_out,
    shorten,
    shown_units,
    subnotes,
    transposed,
)
from collate.model import Collation, Reading, Unit, UnitType, VariantClass
from collate.render import Layout
from collate.render.apparatus_text import format_subvariants

__all__ = [
    "displayable",
    "render_inline",
    "render_side_by_side",
    "render_summary",
    "render_witness_list",
    "visible",
]

LEMMA_OPEN = "⸂"
LEMMA_CLOSE = "⸃"
GAP = "‸"
"""Marks, in a side-by-side column, the place where another witness has words this one lacks."""

_STYLES = {
    UnitType.OMISSION: "bold red",
    UnitType.ADDITION: "bold green",
    UnitType.SUBSTITUTION: "bold yellow",
    UnitType.TRANSPOSITION: "bold magenta",
}
_NOTE_STYLE = "italic cyan"
MAX_COLUMNS = 6
"""The side-by-side view shows at most this many witnesses."""
_MARK_STYLE = "dim"
_ID_STYLE = "dim underline"


def render_witness_list(collation: Collation) -> Text:
    """The witnesses with their sigla, titles, dates and files; the base is marked."""
    lines = Text()
    width = max(len(w.siglum) for w in collation.witnesses)
    for witness in collation.witnesses:
        details = [part for part in (witness.title, witness.date, witness.path) if part]
        if witness is collation.base:
            details.append("(base)")
        if lines:
            lines.append("\n")
        lines.append(witness.siglum.ljust(width), "bold")
        lines.append("  " + " · ".join(details))
    return lines


def render_summary(
    collation: Collation, hidden: Collection[str] = (), *, layout: Layout = Layout.OMIT
) -> Text:
    """Units by type and by class, how many differences of layout alone were left out
    (``layout`` ``omit``), how many units ``--hide`` left unmarked, and the share of each
    witness's text that agrees with the others."""
    units = [u for u in collation.units if layout is Layout.INCLUDE or not is_layout_unit(u)]
    counts = Counter(unit.type for unit in units)
    total = len(units)
    parts = [f"{total} unit{'s' if total != 1 else ''}"]
    details = ", ".join(
        f"{counts[kind]} {kind.value}{'s' if counts[kind] != 1 else ''}"
        for kind in UnitType
        if counts[kind]
    )
    if details:
        parts[0] += f" ({details})"
    classes = Counter(unit.variant_class for unit in units)
    if total:
        parts.append(", ".join(f"{classes[c]} {c.value}" for c in VariantClass if classes[c]))
    hint = "--layout include, without --hide layout" if "layout" in hidden else "--layout include"
    left_out = layout_left_out(collation, hint) if layout is Layout.OMIT else ""
    if left_out:
        parts.append(left_out)
    unmarked = sum(1 for unit in units if unit.variant_class.value in hidden)
    if unmarked:
        parts.append(f"{unmarked} not marked ({', '.join(sorted(hidden))} hidden)")
    if collation.decisions:
        applied = sum(1 for outcome in collation.decisions if outcome.applied)
        dropped = sum(1 for unit in collation.units if unit.dropped)
        parts.append(
            f"{applied} of {len(collation.decisions)} decisions applied"
            + (f", {dropped} dropped as no variant" if dropped else "")
        )
    shares = ", ".join(
        f"{siglum} {100 * collation.agreement_share(siglum):.1f}%" for siglum in collation.sigla
    )
    parts.append(f"text in agreement: {shares}")
    summary = Text(" · ".join(parts), style="bold")
    for note in collation.notes:
        summary.append(f"\nnote: {note}", style="italic")
    return summary


# C0 controls but tab and line feed, a carriage return not before a line feed, DEL, C1
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else "\ufffd"


def visible(text: str) -> str:
    r"""``text`` with each control character as one visible character in its place (so offsets
    into it stay right).

    >>> visible("a\x1b]0;title\x07b\r\n")
    'a␛]0;title␇b\r\n'
    """
    return _CONTROLS.sub(_picture, text)


def displayable(collation: Collation) -> Collation:
    """The collation with every text a terminal shows passed through `visible`: the same
    collation when no witness holds a control character."""
    if not any(
        _CONTROLS.search(text)
        for w in collation.witnesses
        for text in (w.text, w.title, w.date, w.source, w.path or "")
    ):
        return collation
    witnesses = tuple(
        replace(
            w,
            text=visible(w.text),
            title=visible(w.title),
            date=visible(w.date),
            source=visible(w.source),
            path=None if w.path is None else visible(w.path),
        )
        for w in collation.witnesses
    )
    units = tuple(
        replace(
            unit,
            readings={
                siglum: replace(reading, text=visible(reading.text))
                for siglum, reading in unit.readings.items()
            },
        )
        for unit in collation.units
    )
    agreements = tuple(replace(a, text=visible(a.text)) for a in collation.agreements)
    return replace(collation, witnesses=witnesses, units=units, agreements=agreements)


def render_inline(
    collation: Collation,
    hidden: Collection[str] = (),
    *,
    ids: bool = False,
    layout: Layout = Layout.OMIT,
) -> RenderableType:
    """The base text with each unit marked where it stands, then the summary. Units of the
    classes in ``hidden`` (``punctuation``, ``orthographic``, ``layout``), units that differ
    only in whitespace unless ``layout`` is ``include``, and units the editor dropped as no
    variant are left unmarked. ``ids`` puts each unit's id before its mark
    (``‹u3›⸂only⸃[B: just]``), the name ``collate decide`` takes; an editor's conjecture and
    note stand in the brackets (``[conj. one; B: just; note: …]``)."""
    collation = displayable(collation)
    base = collation.base
    body = Text()
    position = 0
    shown = [u for u in shown_units(collation, layout) if u.variant_class.value not in hidden]
    for unit in sorted(shown, key=lambda u: (u.readings[base.siglum].start, u.id)):
        in_base = unit.readings[base.siglum]
        holder = unit.lemma_siglum(base.siglum)
        lemma = unit.readings[holder]
        body.append(base.text[position : in_base.start])
        fold = folds_layout(unit, layout, base.siglum)
        differing = [
            s
            for s in collation.sigla
            if s != holder
            and (
                s in unit.lacunae
                or not (
                    unit.readings[s].text == lemma.text
                    or (fold and layout_alone(unit.readings[s].text, lemma.text))
                )
            )
        ]
        _append_unit(
            body, unit, lemma, differing, collation.witness(holder).text, ids, base.siglum, fold
        )
        position = in_base.end
    body.append(base.text[position:].rstrip("\n"))
    return Group(
        render_witness_list(collation),
        Text(),
        body,
        Text(),
        render_summary(collation, hidden, layout=layout),
    )


def _append_unit(
    body: Text,
    unit: Unit,
    lemma: Reading,
    others: list[str],
    text: str,
    ids: bool,
    base: str,
    fold: bool = False,
) -> None:
    style = _STYLES[unit.type]
    leading, core, trailing = _split_space(lemma.text)
    body.append(leading)
    if ids and (core or lemma.text):
        body.append(f"‹{unit.id}›", _ID_STYLE)
    if core:
        body.append(LEMMA_OPEN, _MARK_STYLE)
        body.append(core, style)
        body.append(LEMMA_CLOSE, _MARK_STYLE)
    elif lemma.text:
        body.append(LEMMA_OPEN, _MARK_STYLE)
        body.append(_visible_space(lemma.text), style)
        body.append(LEMMA_CLOSE, _MARK_STYLE)
        trailing = lemma.text
    else:
        before, after = _spacing(text, lemma.start)
        body.append(before)
        if ids:
            body.append(f"‹{unit.id}›", _ID_STYLE)
        trailing = after
    groups = _cited(unit, lemma, others, base, fold)
    body.append("[", _MARK_STYLE)
    if unit.conjecture:
        body.append("conj. ", _NOTE_STYLE)
        body.append(unit.conjecture, "bold")
    for index, (note, sigla) in enumerate(groups.items()):
        if index or unit.conjecture:
            body.append("; ", _MARK_STYLE)
        body.append(" ".join(sigla), "bold")
        body.append(note, _NOTE_STYLE if core or not lemma.text else style)
    if unit.note:
        body.append("; note: ", _MARK_STYLE)
        body.append(unit.note, _NOTE_STYLE)
    body.append("]", _MARK_STYLE)
    body.append(trailing)


def _cited(
    unit: Unit, lemma: Reading, others: list[str], base: str, fold: bool = False
) -> dict[str, list[str]]:
    """Each note after the unit with its witnesses: witnesses that read alike are cited
    together ([1869 1872: compare]), and a group of readings that are mostly the same once,
    with its sub-variants (the lemma's group: the lemma shortened, then where each differs).
    ``fold``: readings and sub-variants that differ in whitespace alone are not cited
    (`collate.apparatus.folds_layout`)."""
    groups: dict[str, list[str]] = {}
    nested = {s: group for group in unit.groups for s in group.sigla}
    layout = Layout.OMIT if fold else Layout.INCLUDE
    for siglum in others:
        group = nested.get(siglum)
        if group is None:
            groups.setdefault(_note(unit, siglum, lemma.text, base), []).append(siglum)
        elif unit.readings[group.reading] == lemma or (
            fold and layout_alone(unit.readings[group.reading].text, lemma.text)
        ):
            differing = [s for s in group.sigla if s in others]
            if siglum == differing[0]:
                ours = unit.readings[group.reading]
                inside = format_subvariants(Note("", (), "", subnotes(group, ours, layout)))
                groups[f": {shorten(collapse(lemma.text))} {inside}"] = differing
        elif siglum == group.sigla[0]:
            printed = _note(unit, group.reading, lemma.text, base)
            inside = format_subvariants(
                Note("", (), "", subnotes(group, unit.readings[group.reading], layout))
            )
            groups[f"{printed} {inside}"] = list(group.sigla)
    return groups


def _note(unit: Unit, siglum: str, lemma: str, base: str) -> str:
    reading = unit.readings[siglum].text
    base_has_words = bool(lemma.strip())
    if siglum in unit.lacunae:
        return " lac."
    if unit.transposes(siglum, base):
        note = transposed(lemma, reading)
        return f" {note}" if note == "transp." else f": {isolated(note)}"
    if unit.type is UnitType.OMISSION:
        return " om."
    words = isolated(reading.strip())
    if not words:
        return " om." if base_has_words else ": " + _visible_space(reading)
    if unit.type is UnitType.ADDITION or (
        # in a transposition's place, a witness that adds the moved words without moving them
        unit.type is UnitType.TRANSPOSITION and not base_has_words
    ):
        return f" add. {words}"
    return f": {words}"


def _spacing(text: str, position: int) -> tuple[str, str]:
    """Spaces to put before and after a mark standing at ``position`` between two words."""
    before = text[position - 1 : position]
    after = text[position : position + 1]
    if before and not before.isspace():
        return " ", ""
    if after and not after.isspace():
        return "", " "
    return "", ""


def _split_space(text: str) -> tuple[str, str, str]:
    core = text.strip()
    if not core:
        return "", "", ""
    start = text.index(core[0])
    return text[:start], core, text[start + len(core) :]


def _visible_space(text: str) -> str:
    return (
        text.replace("\r\n", "\n")
        .replace("\n\n", "¶")
        .replace("\n", "⏎")
        .replace(" ", "·")
        .replace("\t", "→")
    ) or GAP


def render_side_by_side(
    collation: Collation, hidden: Collection[str] = (), *, layout: Layout = Layout.OMIT
) -> RenderableType:
    """One column per witness, one row per aligned segment group, variants marked in each
    (but those of the classes in ``hidden``, and those that differ only in whitespace unless
    ``layout`` is ``include``)."""
    collation = displayable(collation)
    table = Table(show_lines=True, expand=True)
    table.add_column("§", justify="right", style="dim", no_wrap=True)
    shown = collation.witnesses[:MAX_COLUMNS]
    for witness in shown:
        table.add_column(Text(f"{witness.siglum}  {witness.title}".rstrip(), style="bold"), ratio=1)
    by_segment: dict[int, list[Unit]] = {}
    for unit in shown_units(collation, layout):
        if unit.variant_class.value not in hidden:
            by_segment.setdefault(unit.segment, []).append(unit)
    for segment in collation.segments:
        units = by_segment.get(segment.number, [])
        cells = [_cell(collation, w.siglum, segment.spans[w.siglum], units) for w in shown]
        table.add_row(str(segment.number), *cells)
    parts: list[RenderableType] = [render_witness_list(collation), table]
    if len(collation.witnesses) > MAX_COLUMNS:
        rest = ", ".join(w.siglum for w in collation.witnesses[MAX_COLUMNS:])
        parts.append(
            Text(
                f"Columns for {rest} are not shown: the view has room for {MAX_COLUMNS} "
                "witnesses. Use the inline view, --format html (a column for every witness), "
                "or compare fewer witnesses.",
                style="italic",
            )
        )
    parts.append(render_summary(collation, hidden, layout=layout))
    return Group(*parts)


def _cell(collation: Collation, siglum: str, span: tuple[int, int], units: Iterable[Unit]) -> Text:
    text = collation.witness(siglum).text
    start, end = span
    cell = Text()
    position = start
    for unit in sorted(units, key=lambda u: u.readings[siglum].start):
        reading = unit.readings[siglum]
        if reading.start < position or reading.end > end:
            continue
        cell.append(text[position : reading.start])
        leading, core, trailing = _split_space(reading.text)
        if not reading.text:
            before, after = _spacing(text, reading.start)
            cell.append(before + GAP + after, _STYLES[unit.type])
        else:
            cell.append(leading)
            cell.append(LEMMA_OPEN, _MARK_STYLE)
            cell.append(core or _visible_space(reading.text), _STYLES[unit.type])
            cell.append(LEMMA_CLOSE, _MARK_STYLE)
            cell.append(trailing if core else reading.text)
        position = reading.end
    cell.append(text[position:end])
    cell.rstrip()
    return cell
