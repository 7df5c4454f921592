"""The printed apparatus as plain text (``--format text``).

A header names the base and every witness; then one line per sentence of the base text that
has variants, its entries separated by `` | ``::

    1.2 comrade] dear comrade B | Baku] om. B

References are ``paragraph.sentence`` of the base text, both counted from 1. A negative
apparatus (the default) cites only the witnesses that differ; a positive one also lists, after
the lemma, the witnesses that agree with the base.
"""

from __future__ import annotations

from itertools import groupby

from collate.apparatus import Entry, Note, collapse, entries, isolated, layout_units
from collate.engine import References, alignment_rows
from collate.model import Collation, VariantClass
from collate.render import Layout, Minor

__all__ = [
    "ENTRY_SEPARATOR",
    "format_entry",
    "format_note",
    "format_subvariants",
    "is_layout",
    "is_minor",
    "layout_hint",
    "render_apparatus_text",
]

ENTRY_SEPARATOR = " | "


def format_entry(entry: Entry, *, positive: bool = False) -> str:
    """One entry as ``lemma] reading SIGLA`` (``lemma SIGLA] …`` when positive).

    Readings are separated by ``; ``.
    """
    lemma = isolated(entry.lemma)
    if positive:
        lemma = f"{lemma} {' '.join(entry.lemma_sigla)}".strip()
    notes = "; ".join(format_note(note) for note in entry.notes)
    if entry.unit.note:
        notes += f" [{isolated(collapse(entry.unit.note))}]"
    return f"{lemma}] {notes}"


def format_note(note: Note) -> str:
    """One reading and its witnesses; a group's reading with its sub-variants in parentheses
    (`format_subvariants`): ``And if … variable 1869 1872 (indefinite] in definite 1872)``."""
    text = f"{isolated(note.text)} {' '.join(note.sigla)}".rstrip()
    if not note.subvariants:
        return text
    return f"{text} {format_subvariants(note)}"


def format_subvariants(note: Note) -> str:
    """A group's sub-variants in parentheses, each ``printed words] reading SIGLA``, the
    readings of one place separated by ``, ``, the places by ``; ``."""
    places = "; ".join(
        f"{isolated(sub.lemma)}] " + ", ".join(format_note(n) for n in sub.notes)
        for sub in note.subvariants
    )
    return f"({places})"


def render_apparatus_text(
    collation: Collation,
    *,
    positive: bool = False,
    minor: Minor = Minor.INCLUDE,
    layout: Layout = Layout.OMIT,
) -> str:
    """The whole apparatus: header, then a line per base sentence with variants.

    ``minor`` is ``include`` (every unit), ``omit`` (punctuation and orthographic units left
    out) or ``separate`` (they follow in a second apparatus). ``layout`` is ``omit`` (units
    that differ only in whitespace left out, the header says how many, and readings that
    differ from the lemma only in whitespace cited with it) or ``include`` (they are minor
    units, printed as ``minor`` says, their reading ``spacing``).
    """
    base = collation.base
    lines = [
        "Critical apparatus" + (" (positive)" if positive else ""),
        f"Base text: {base.siglum}"
        + (f", {base.title}" if base.title else "")
        + _lemmata(collation),
        "Witnesses:",
    ]
    width = max(len(w.siglum) for w in collation.witnesses)
    for witness in collation.witnesses:
        described = ", ".join(part for part in (witness.title, witness.date) if part)
        lines.append(f"  {witness.siglum:<{width}}  {described or witness.path or ''}".rstrip())
    lines.append(
        f"References: {References(collation).described} of {base.siglum}. "
        "om. = omits; add. = adds after; praem. = adds before; transp. = transposes; "
        "lac. = lacks the text (a lacuna)."
        + (
            " conj. = the editor's conjecture; [ ] the editor's note."
            if collation.decisions
            else ""
        )
    )
    if any(unit.groups for unit in collation.units):
        lines.append(
            "Nested readings: READING SIGLA (words] other S) = the witnesses read READING, as the "
            "first of them has it (the lemma, where READING repeats it); inside it, S reads "
            "other for words."
        )
    all_entries = entries(collation, alignment_rows(collation), layout)
    if layout is Layout.OMIT:
        count = layout_units(collation)
        if count:
            lines.append(
                f"Not shown: {count} difference{'s' if count != 1 else ''} of layout alone "
                f"(line breaks, spacing); {layout_hint(minor)} "
                f"{'it' if count == 1 else 'them'}."
            )
    lines.append("")
    if minor is Minor.INCLUDE:
        lines += _entry_lines(all_entries, positive)
    else:
        lines += _entry_lines([e for e in all_entries if not is_minor(e)], positive)
    if minor is Minor.SEPARATE:
        heading = (
            "Punctuation, orthographic and layout variants:"
            if any(is_layout(e) for e in all_entries)
            else "Punctuation and orthographic variants:"
        )
        lines += ["", heading, ""]
        lines += _entry_lines([e for e in all_entries if is_minor(e)], positive)
    return "\n".join(_printable(line) for line in lines) + "\n"


def _lemmata(collation: Collation) -> str:
    if collation.decisions:
        return "; lemmata as the editor decided"
    return "; lemmata: the majority reading" if any(u.lemma for u in collation.units) else ""


def layout_hint(minor: Minor) -> str:
    """How to print the differences of layout alone left out, under ``minor``: layout is a
    minor variant, so ``--minor omit`` leaves it out even with ``--layout include``.

    >>> layout_hint(Minor.INCLUDE), layout_hint(Minor.OMIT)
    ('--layout include prints', '--layout include with --minor include or separate prints')
    """
    if minor is Minor.OMIT:
        return "--layout include with --minor include or separate prints"
    return "--layout include prints"


def is_minor(entry: Entry) -> bool:
    """True for a layout, punctuation or orthographic unit."""
    return entry.unit.variant_class is not VariantClass.SUBSTANTIVE


def is_layout(entry: Entry) -> bool:
    """True for a unit whose readings differ only in whitespace."""
    return entry.unit.variant_class is VariantClass.LAYOUT


def _entry_lines(selected: list[Entry] | tuple[Entry, ...], positive: bool) -> list[str]:
    lines = []
    for reference, group in groupby(selected, key=lambda e: e.reference):
        formatted = ENTRY_SEPARATOR.join(format_entry(e, positive=positive) for e in group)
        lines.append(f"{reference} {formatted}")
    return lines


def _printable(line: str) -> str:
    """Control characters shown as ``U+XXXX`` (a line of the apparatus stays one line)."""
    return "".join(
        f"⟨U+{ord(c):04X}⟩" if (ord(c) < 32 or 0x7F <= ord(c) < 0xA0) else c for c in line
    )
