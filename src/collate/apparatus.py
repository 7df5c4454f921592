"""A collation as apparatus entries, the way an editor prints them. Pure: no I/O.

Each variant unit becomes one `Entry`: a reference into the base text (``paragraph.sentence``),
a lemma, and a note for each different reading with the sigla of the witnesses that have it::

    1.2 comrade] dear comrade B | Baku] om. B

The wording follows the common Latin conventions: ``om.`` (the witness omits the lemma),
``add.`` (it adds the reading after the lemma, which is then the base's word before the place)
or ``praem.`` (it puts the reading before the lemma, at the head of a paragraph), ``transp.``
(the words stand elsewhere in the witness). A lemma of more than `MAX_LEMMA_WORDS` words is
shortened to ``first … last``. A group of readings that are mostly the same (nested variation,
`collate.model.ReadingGroup`) is one note: the reading of the group's first witness, every
witness of the group, and in parentheses where they differ inside it, each place as its own
small entry::

    1.3 When … variable] And if … variable 1869 1872 (indefinite] in definite 1872)

Witnesses that read the lemma but for a word or two (the lemma's group) are one note too: the
lemma again, shortened, and where each differs inside it::

    2.4 But … of] But … of 1860 1861 1866 (functions] function 1860 1861 1866; ;] : 1861 1866)

The text and LaTeX renderers print these entries.

Differences of whitespace alone (class ``layout``, `collate.render.Layout`): with
``Layout.OMIT`` the units of that class are not shown (`shown_units`), and inside the units
that are, a reading that differs from the lemma only in whitespace (`layout_alone`) agrees
with it, as does a sub-variant of whitespace alone: they get no note.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

import regex

from collate.engine import References, Row, layout_alone, unit_type
from collate.model import (
    Collation,
    Reading,
    ReadingGroup,
    Unit,
    UnitType,
    VariantClass,
    Witness,
    reorders,
)
from collate.render import Layout

__all__ = [
    "CONJECTURE",
    "MAX_LEMMA_WORDS",
    "Entry",
    "Note",
    "Subnote",
    "entries",
    "entry_for",
    "is_layout_unit",
    "isolated",
    "layout_alone",
    "layout_left_out",
    "layout_units",
    "reading_type",
    "shorten",
    "shown",
    "shown_units",
    "subnotes",
    "transposed",
]

MAX_LEMMA_WORDS = 4
ELLIPSIS = "…"
CONJECTURE = "conj."
"""The note that marks a lemma as the editor's conjecture (``one] conj.; only M; just B``)."""
_RIGHT_TO_LEFT = regex.compile(r"[\p{Bidi_Class=R}\p{Bidi_Class=AL}]")


def isolated(text: str) -> str:
    """Text with a right-to-left letter in it wrapped in the Unicode bidi isolates FSI … PDI
    (U+2068, U+2069), so that a Hebrew or Arabic reading does not pull the brackets, sigla and
    ``]`` around it into its own direction; other text unchanged.

    >>> isolated("שָׁמַיִם") == "\u2068שָׁמַיִם\u2069", isolated("om.")
    (True, 'om.')
    """
    return f"\u2068{text}\u2069" if _RIGHT_TO_LEFT.search(text) else text


@dataclass(frozen=True, slots=True)
class Note:
    """One reading of an entry and the witnesses that have it."""

    text: str
    """The reading as printed: ``om.``, ``dear add.``, ``transp.``, or the words."""
    sigla: tuple[str, ...]
    """The witnesses with this reading."""
    reading: str
    """The reading's words with whitespace collapsed (empty for an omission)."""
    subvariants: tuple[Subnote, ...] = ()
    """For a group of readings (`collate.model.ReadingGroup`): where its witnesses differ
    inside the printed reading, which is then that of the group's first witness."""


@dataclass(frozen=True, slots=True)
class Subnote:
    """A sub-variant inside a group's reading: the printed words there and what the other
    witnesses of the group read instead (``variable] varying 1872``)."""

    lemma: str
    """The printed reading's words at the place, shortened; for an addition, the word before
    (or after, ``praem.``)."""
    notes: tuple[Note, ...]
    """Each other reading there with its witnesses."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One apparatus entry: a unit seen from the base text."""

    unit: Unit
    """The variant unit the entry prints."""
    reference: str
    """``paragraph.sentence`` of the base text where the unit stands."""
    lemma: str
    """The base text's words at the unit, shortened; for an addition, the neighbouring word."""
    full_lemma: str
    """The lemma before shortening (whitespace collapsed)."""
    lemma_sigla: tuple[str, ...]
    """The base and every witness that reads as it does (for a positive apparatus)."""
    notes: tuple[Note, ...]
    """The other readings, each with its witnesses."""


def collapse(text: str) -> str:
    """Whitespace runs as single spaces, trimmed: how an apparatus prints a reading.

    >>> collapse(" dear\\n comrade ")
    'dear comrade'
    """
    return " ".join(text.split())


def shorten(lemma: str, limit: int = MAX_LEMMA_WORDS) -> str:
    """A lemma of more than ``limit`` words as ``first … last``.

    >>> shorten("I was told that you were")
    'I … were'
    >>> shorten("dear comrade")
    'dear comrade'
    """
    words = lemma.split(" ")
    if len(words) <= limit:
        return lemma
    return f"{words[0]} {ELLIPSIS} {words[-1]}"


def is_layout_unit(unit: Unit) -> bool:
    """True for a unit that differs only in whitespace (class ``layout``) and where no
    witness has a lacuna: a lacuna is always printed, even against readings of whitespace."""
    return unit.variant_class is VariantClass.LAYOUT and not unit.lacunae


def shown(unit: Unit, layout: Layout) -> bool:
    """True when the printed outputs show the unit: not dropped by the editor, and not a
    difference of whitespace alone unless ``layout`` is ``Layout.INCLUDE``."""
    return not unit.dropped and (layout is Layout.INCLUDE or not is_layout_unit(unit))


def shown_units(collation: Collation, layout: Layout) -> list[Unit]:
    """The units the printed outputs (apparatus, terminal view, page) show (`shown`)."""
    return [unit for unit in collation.units if shown(unit, layout)]


def layout_units(collation: Collation) -> int:
    """How many units (not dropped by the editor) ``Layout.OMIT`` leaves out."""
    return sum(1 for u in collation.units if is_layout_unit(u) and not u.dropped)


def layout_left_out(collation: Collation, hint: str = "--layout include") -> str:
    """What a printed output says of the units of class ``layout`` it leaves out (``--layout
    omit``), ``hint`` saying how to show them; nothing when there are none.

    >>> from collate import collate, witness_from_text
    >>> layout_left_out(collate([witness_from_text("a b\\nc d", "A"),
    ...                          witness_from_text("a b c d", "B")]))
    '1 difference of layout alone not shown (--layout include)'
    """
    count = layout_units(collation)
    if not count:
        return ""
    plural = "s" if count != 1 else ""
    return f"{count} difference{plural} of layout alone not shown ({hint})"


def folds_layout(unit: Unit, layout: Layout, base: str) -> bool:
    """True when, in this unit, readings that differ from the lemma only in whitespace count
    as agreeing with it: layout omitted, in a unit shown for other differences or for a
    lacuna. A unit of layout alone (shown on the page by its filter), or one the editor
    classed otherwise (``class`` decision) where every reading differs from the lemma's in
    whitespace alone, keeps its readings: an entry is never left with nothing to cite.
    ``base``: the base's siglum."""
    if layout is not Layout.OMIT or is_layout_unit(unit):
        return False
    lemma = unit.readings[unit.lemma_siglum(base)].text
    return any(
        siglum in unit.lacunae or (r.text != lemma and not layout_alone(r.text, lemma))
        for siglum, r in unit.readings.items()
    )


def entries(
    collation: Collation, rows: tuple[Row, ...], layout: Layout = Layout.INCLUDE
) -> tuple[Entry, ...]:
    """An entry for each unit row (the second half of a transposition has none, nor a unit
    the editor dropped as no variant); with ``Layout.OMIT``, differences of whitespace alone
    are left out (`shown`, `folds_layout`)."""
    references = References(collation)
    return tuple(
        entry_for(collation, row, references, layout)
        for row in rows
        if row.unit is not None and not row.moved_to and shown(row.unit, layout)
    )


def entry_for(  # noqa: PLR0915 - one pass over the witnesses, each case in its place
    collation: Collation, row: Row, references: References, layout: Layout = Layout.INCLUDE
) -> Entry:
    """The entry of one unit row; with ``Layout.OMIT``, a reading that differs from the lemma
    only in whitespace agrees with it (`folds_layout`)."""
    assert row.unit is not None
    unit = row.unit
    base = collation.base
    holder = unit.lemma_siglum(base.siglum)
    lemma_reading = row.readings[holder]
    # how this unit's readings are cited: differences of whitespace alone folded or not
    cited = layout if folds_layout(unit, layout, base.siglum) else Layout.INCLUDE
    full = collapse(lemma_reading.text)
    position = "add."
    if not full:
        full, position = _neighbour(
            collation.witness(holder),
            lemma_reading.start,
            references.token_starts if holder == base.siglum else None,
        )
    lemma_sigla = [holder]
    grouped = {s: group for group in unit.groups for s in group.sigla}
    groups: dict[str, list[str]] = {}
    order: list[tuple[str, str]] = []  # (note text, "") or ("", siglum of a group's reading)
    notes_of_groups: dict[str, Note] = {}
    for siglum in collation.sigla:
        if siglum == holder:
            continue
        text = row.readings[siglum].text
        if siglum in grouped and (
            grouped[siglum].reading == holder
            or _agrees(row.readings[grouped[siglum].reading].text, lemma_reading.text, cited)
        ):
            # the lemma's group: the lemma, shortened, with where each witness differs in it
            group = grouped[siglum]
            if _agrees(text, lemma_reading.text, cited) and siglum not in unit.lacunae:
                lemma_sigla.append(siglum)
            elif group.reading not in notes_of_groups:
                differing = tuple(
                    s
                    for s in group.sigla
                    if not _agrees(row.readings[s].text, lemma_reading.text, cited)
                )
                notes_of_groups[group.reading] = Note(
                    shorten(collapse(lemma_reading.text)),
                    differing,
                    collapse(lemma_reading.text),
                    subnotes(group, row.readings[group.reading], cited),
                )
                order.append(("", group.reading))
            continue
        if siglum in grouped:
            group = grouped[siglum]
            if group.reading not in notes_of_groups:
                printed = row.readings[group.reading].text
                moved = unit.transposes(group.reading, base.siglum)
                note = _note_text(lemma_reading.text, printed, position, moved)
                notes_of_groups[group.reading] = Note(
                    note,
                    group.sigla,
                    collapse(printed),
                    subnotes(group, row.readings[group.reading], cited),
                )
                order.append(("", group.reading))
            continue
        if _agrees(text, lemma_reading.text, cited) and siglum not in unit.lacunae:
            lemma_sigla.append(siglum)
            continue
        note = (
            "lac."
            if siglum in unit.lacunae
            else _note_text(
                lemma_reading.text, text, position, unit.transposes(siglum, base.siglum)
            )
        )
        if note not in groups:
            groups[note] = []
            order.append((note, ""))
        groups[note].append(siglum)
    notes = tuple(
        notes_of_groups[printed]
        if printed
        else Note(text, tuple(groups[text]), collapse(row.readings[groups[text][0]].text))
        for text, printed in order
    )
    if unit.conjecture:
        # the editor's own reading is the lemma: every witness's reading is cited against it
        words = collapse(lemma_reading.text)
        own = Note(words or "om.", tuple(lemma_sigla), words)
        notes = (Note(CONJECTURE, (), ""), own, *notes)
        full, lemma_sigla = collapse(unit.conjecture), []
    return Entry(
        unit=unit,
        reference=references.at(_first_word(row.readings[base.siglum])),
        lemma=shorten(full),
        full_lemma=full,
        lemma_sigla=tuple(lemma_sigla),
        notes=notes,
    )


def _agrees(text: str, lemma: str, cited: Layout) -> bool:
    """True when a reading is cited with the lemma: the same text, or with ``Layout.OMIT``
    text that differs from it in whitespace alone."""
    return text == lemma or (cited is Layout.OMIT and layout_alone(text, lemma))


def _first_word(reading: Reading) -> int:
    """Where a reading's text starts, past the whitespace it opens with (a reading that begins
    with a paragraph break is referred to the paragraph of its first word)."""
    return (
        reading.start + len(reading.text) - len(reading.text.lstrip())
        if reading.text.strip()
        else reading.start
    )


def reading_type(unit: Unit, siglum: str, base: str) -> UnitType:
    """The type of one witness's reading, seen from the lemma's: the unit's, except in a
    transposition for a witness that lacks or adds the moved words rather than moving them
    (`collate.model.Unit.transposes`), whose reading is then an omission or an addition (or
    a substitution, if it has words of its own there)."""
    holder = unit.lemma_siglum(base)
    if (
        unit.type is not UnitType.TRANSPOSITION
        or unit.readings[siglum].text == unit.readings[holder].text
        or unit.transposes(siglum, base)
    ):
        return unit.type
    return unit_type({holder: unit.readings[holder], siglum: unit.readings[siglum]}, holder)


def transposed(lemma: str, reading: str) -> str:
    """What an apparatus prints for a transposition's reading: ``transp.`` for words that
    stand elsewhere, or for two words swapped in place; the words themselves for a longer
    phrase reordered in place (``a great light saw``), where ``transp.`` would not say how."""
    words = collapse(reading)
    if reorders(lemma, reading) and len(words.split()) > 2:
        return words
    return "transp."


def subnotes(
    group: ReadingGroup, printed: Reading, layout: Layout = Layout.INCLUDE
) -> tuple[Subnote, ...]:
    """The group's sub-variants as small entries inside its note: the printed reading's words
    at each place (or its word beside an addition there), and each other reading. ``printed``
    is the group's printed reading (`collate.model.ReadingGroup.reading`'s reading). With
    ``Layout.OMIT``, readings that differ there in whitespace alone are left out, and a place
    with no other reading left."""
    subnotes = []
    for subvariant in group.subvariants:
        here = subvariant.readings[group.reading]
        lemma = collapse(here.text)
        position = "add."
        if not lemma:
            lemma, position = _word_beside(printed.text, here.start - printed.start)
        groups: dict[str, list[str]] = {}
        for siglum in group.sigla:
            text = subvariant.readings[siglum].text
            if text != here.text and not (layout is Layout.OMIT and layout_alone(text, here.text)):
                groups.setdefault(_sub_note_text(here.text, text, position), []).append(siglum)
        notes = tuple(
            Note(text, tuple(sigla), collapse(subvariant.readings[sigla[0]].text))
            for text, sigla in groups.items()
        )
        if notes or layout is Layout.INCLUDE:
            subnotes.append(Subnote(shorten(lemma), notes))
    return tuple(subnotes)


def _word_beside(printed: str, offset: int) -> tuple[str, str]:
    """The printed reading's word before an addition at ``offset`` in it (``add.``), or the
    word after it (``praem.``) where the addition opens the reading."""
    before = printed[:offset].split()
    if before:
        return before[-1], "add."
    after = printed[offset:].split()
    return (after[0] if after else ""), "praem."


def _sub_note_text(lemma: str, reading: str, position: str) -> str:
    words = collapse(reading)
    if not collapse(lemma):
        return f"{words} {position}" if words else "spacing"
    if not words:
        return "om."
    if words == collapse(lemma):
        return "spacing"
    return words


def _note_text(lemma: str, reading: str, position: str, moved: bool) -> str:
    """The note of a reading; ``moved`` when it transposes the lemma's words
    (`collate.model.Unit.transposes`): a witness in a transposition's unit that only lacks
    or adds the words is printed ``om.`` or ``add.``."""
    words = collapse(reading)
    if moved:
        return transposed(lemma, reading)
    if not collapse(lemma):
        return f"{words} {position}" if words else "spacing"
    if not words:
        return "om."
    if words == collapse(lemma):
        return "spacing"
    return words


def _neighbour(base: Witness, offset: int, starts: list[int] | None = None) -> tuple[str, str]:
    """The word(s) of the lemma's witness an addition at ``offset`` attaches to, and ``add.``
    or ``praem.`` (``starts``: its tokens' offsets, when already at hand).

    The word before the place, with any punctuation up to it, when it is in the same paragraph;
    else the word after it (the addition then comes first: ``praem.``).
    """
    tokens = base.tokens
    if starts is None:
        starts = [t.start for t in tokens]
    before = bisect_right(starts, offset - 1) - 1
    if before >= 0 and "\n" not in base.text[tokens[before].end : offset]:
        first = before
        while first > 0 and not tokens[first].is_word and "\n" not in tokens[first - 1].space:
            first -= 1
        return collapse(base.text[tokens[first].start : tokens[before].end]), "add."
    after = bisect_left(starts, offset)
    if after < len(tokens):
        return collapse(tokens[after].text), "praem."
    return "", "add."
