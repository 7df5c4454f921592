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

from collate.apparatus import Entry, Note, collapse, entries, isolated
from collate.engine import References, alignment_rows
from collate.model import Collation, VariantClass

__all__ = [
    "ENTRY_SEPARATOR",
    "format_entry",
    "format_note",
    "format_subvariants",
    "is_layout",
    "is_minor",
    "layout_left_out",
    "layout_units",
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


def layout_left_out(collation: Collation) -> str:
    """What a printed output says of the units of class ``layout`` it leaves out (``--layout
    omit``), or nothing when there are none.

    >>> from collate import collate, witness_from_text
    >>> layout_left_out(collate([witness_from_text("a b\\nc d", "A"),
    ...                          witness_from_text("a b c d", "B")]))
    '1 difference of layout alone not shown (--layout include)'
    """
    count = layout_units(collation)
    if not count:
        return ""
    plural = "s" if count != 1 else ""
    return f"{count} difference{plural} of layout alone not shown (--layout include)"


def layout_units(collation: Collation) -> int:
    """How many units (not dropped by the editor) differ only in whitespace."""
    return sum(
        1 for u in collation.units if u.variant_class is VariantClass.LAYOUT and not u.dropped
    )


def render_apparatus_text(
    collation: Collation,
    *,
    positive: bool = False,
    minor: str = "include",
    layout: str = "omit",
) -> str:
    """The whole apparatus: header, then a line per base sentence with variants.

    ``minor`` is ``include`` (every unit), ``omit`` (punctuation and orthographic units left
    out) or ``separate`` (they follow in a second apparatus). ``layout`` is ``omit`` (units
    that differ only in whitespace left out, the header says how many) or ``include`` (they
    are minor units, printed as ``minor`` says, their reading ``spacing``).
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
    all_entries = entries(collation, alignment_rows(collation))
    if layout == "omit":
        count = layout_units(collation)
        if count:
            lines.append(
                f"Not shown: {count} difference{'s' if count != 1 else ''} of layout alone "
                f"(line breaks, spacing); --layout include prints {'it' if count == 1 else 'them'}."
            )
        all_entries = tuple(e for e in all_entries if not is_layout(e))
    lines.append("")
    if minor == "include":
        lines += _entry_lines(all_entries, positive)
    else:
        lines += _entry_lines([e for e in all_entries if not is_minor(e)], positive)
    if minor == "separate":
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
